"""Region groups as a filter: one rule, "in a member region or below", for every list, map,
chart and roll-up.

    from sinergi.regions import groups

    group = groups.resolve(request.GET.get("group"), request.user)  # id or slug; None if empty
    Activity.objects.filter(groups.within_q(group, "region_id"))   # in a member or below
    Region.objects.filter(groups.touching_q(group))                 # ... or containing a member

A FilterSet takes the same rule with `sinergi.regions.filtersets.RegionGroupFilter`.
"""

from django.db.models import Q

from sinergi.core.permissions import NOTHING, VIEW
from sinergi.regions.codes import ancestor_codes, level_of
from sinergi.regions.models import RegionGroup
from sinergi.regions.querysets import code_within_q


class UnknownGroup(LookupError):
    """No region group the user may see has this id or slug."""


def member_codes(group) -> list[str]:
    """The member codes of a group (a RegionGroup, or already a list of codes)."""
    if isinstance(group, RegionGroup):
        if getattr(group, "_prefetched_objects_cache", {}).get("regions") is not None:
            return sorted(r.code for r in group.regions.all())
        return sorted(group.regions.values_list("code", flat=True))
    return sorted(group)


def within_q(group, field: str = "region_id") -> Q:
    """Q for rows whose region code `field` is a member of `group` or lies below one.

    Villages have nothing below them, so they go into one IN list; every other member is a code
    range (`regions.querysets.code_within_q`), which keeps the query short for groups of hundreds
    of villages. A group without members matches nothing."""
    codes = member_codes(group)
    if not codes:
        return NOTHING
    q = Q(**{f"{field}__in": codes})
    for code in codes:
        if level_of(code) != "village":
            q |= code_within_q(code, field, include_self=False)
    return q


def touching_q(group, field: str = "code") -> Q:
    """Like `within_q`, and also the regions that contain a member (the province and kab/kota
    above a group of villages), so a page can drill down from the top to the members."""
    codes = member_codes(group)
    above = sorted({a for code in codes for a in ancestor_codes(code)})
    return within_q(codes, field) | Q(**{f"{field}__in": above})


def resolve(value, user=None) -> RegionGroup | None:
    """The group named by `value` (its id, or its slug: the newest year with that slug) among
    those `user` may see; None for an empty value; `UnknownGroup` otherwise."""
    text = str(value or "").strip()
    if not text:
        return None
    if "\x00" in text or len(text) > 100:  # no slug is like that (PostgreSQL refuses NUL)
        raise UnknownGroup(text[:100])
    groups = RegionGroup.objects.restrict(user, VIEW)
    if text.isascii() and text.isdigit() and len(text) < 19:
        found = groups.filter(pk=int(text)).first()
    else:
        found = groups.filter(slug=text).order_by("-year").first()
    if found is None:
        raise UnknownGroup(text)
    return found


def groups_of_year(year: int, user=None) -> list[RegionGroup]:
    """The groups of a year that `user` may see, with their members (for `regions/_groups.html`)."""
    return list(RegionGroup.objects.restrict(user, VIEW).of_year(year).with_members())


def groups_of_region(region, user=None) -> list[RegionGroup]:
    """The groups `region` is a member of, newest first."""
    return list(
        RegionGroup.objects.restrict(user, VIEW).containing(region).order_by("-year", "name")
    )
