"""The instance's home region: the province it was set up for (`sinergi setup`), where pages,
maps and roll-ups open when no region is asked for. Read through the cache (shared by every
process), forgotten whenever the instance row is saved."""

from django.core.cache import cache
from django.db import transaction

from sinergi.regions.models import Instance, Region

CACHE_KEY = "sinergi:home-region"
# Saving the instance forgets the cached value in the shared cache (Redis); without Redis each
# process has its own cache, and this bounds how long another process may show the old region.
CACHE_SECONDS = 300
# An instance never set up (the NTB demo of `make run`, the test database) serves NTB.
UNSET_HOME_REGION = "52"


def home_region_code() -> str:
    """The home province's code; a national instance opens on the first province."""
    code = cache.get(CACHE_KEY)
    if code is None:
        code = read_home_region_code()
        cache.set(CACHE_KEY, code, CACHE_SECONDS)
    return code


def read_home_region_code() -> str:
    rows = list(Instance.objects.filter(pk=1).values_list("home_region_id", flat=True))
    if not rows:
        return UNSET_HOME_REGION
    if rows[0]:
        return rows[0]
    first = Region.objects.filter(level="province").order_by("code").first()  # national
    return first.code if first else UNSET_HOME_REGION


def set_instance(home_region: Region | None, name: str = "") -> Instance:
    """Record what this instance serves (None: every province)."""
    instance, _created = Instance.objects.get_or_create(pk=1)
    instance.home_region = home_region
    instance.name = name or instance.name
    instance.save()
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))
    cache.delete(CACHE_KEY)
    return instance
