"""What Beranda shows, and its cache: keyed by the data revision, the user's scope and the
language, so a value entered now appears on the next page load in every process."""

from django.core.cache import cache
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils.translation import get_language

from sinergi.core.permissions import roles_of
from sinergi.core.revision import data_revision
from sinergi.indicators import reports
from sinergi.indicators.models import Aggregate, Indicator
from sinergi.organizations.models import Organization
from sinergi.programs.models import Collaboration, Program, Theme
from sinergi.programs.services import default_year
from sinergi.regions.models import Region

HOME_REGION = "52"
CACHE_SECONDS = 24 * 3600


def home_context(user) -> dict:
    province = Region.objects.filter(code=HOME_REGION).first()
    year = default_year()
    programs = Program.objects.restrict(user).filter(fiscal_year=year)
    if province:
        programs = programs.within(province)
    level_counts = dict(
        Region.objects.within(HOME_REGION).values_list("level").annotate(n=Count("code")).order_by()
    )
    cards = []
    if province:
        key = Indicator.objects.filter(is_key=True).order_by("name")
        cards = [card for card in reports.cards(province, key, user) if card.row]
    return {
        "province": province,
        "year": year,
        "level_counts": level_counts,
        "organization_count": Organization.objects.restrict(user)
        .exclude(org_type="tp_pkk")
        .count(),
        "program_count": programs.count(),
        "collaboration_count": Collaboration.objects.restrict(user)
        .filter(program__in=programs)
        .count(),
        "priorities": list(
            Theme.objects.filter(group="priority").annotate(
                n=Count("programs", filter=Q(programs__in=programs))
            )
        ),
        "programs": list(programs.select_related("owner").prefetch_related("themes")[:10]),
        "cards": cards,
    }


def scope_key(user) -> str:
    if not getattr(user, "is_authenticated", False):
        return "anonymous"
    if user.is_superuser:
        return "superuser"
    return ";".join(
        f"{role}:{region}:{org or ''}" for role, region, org in sorted(roles_of(user), key=str)
    )


def home_body(request) -> str:
    """The rendered body of Beranda, from the cache when nothing changed since it was made."""
    # The summaries too: `sinergi rollup --rebuild` rewrites them without changing any value.
    key = f"home:{data_revision(Aggregate)}:{scope_key(request.user)}:{get_language()}"
    html = cache.get(key)
    if html is None:
        html = render_to_string("dashboards/_home_body.html", home_context(request.user), request)
        cache.set(key, html, CACHE_SECONDS)
    return html
