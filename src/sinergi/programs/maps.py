"""The 5W map: how many programs (and organisations) are active in each child of a region for a
year and, optionally, a theme, through the gate.

Programs need a role: a user whose roles show no program gets no map (`None`), never a map of
zeros. A child the user's roles do not cover completely is drawn as "outside your role's regions"
rather than counted from the few programs the user happens to see there.
"""

from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sinergi.core.permissions import NOTHING, VIEW, roles_of, scope_q
from sinergi.programs.models import Collaboration, Program
from sinergi.regions import maps

ZERO = "zero"
ZERO_COLOUR = "#ffffff"
MAX_NAMES = 3


def may_see_programs(user) -> bool:
    return scope_q(Program, user, VIEW) != NOTHING


def covered(user, code: str) -> bool:
    """Every program of region `code` is visible to the user (a role at or above it)."""
    if scope_q(Program, user, VIEW) is None:
        return True
    return any(
        code == role_code or code.startswith(role_code + ".")
        for _role, role_code, _org in roles_of(user)
    )


def active(programs, code: str, user=None) -> tuple[list, set]:
    """(program names, organisation ids) of the programs taking place in region `code`: their
    owners and the partners of the collaborations `user` may see."""
    found = list(programs.within(code).values_list("pk", "name", "owner_id").order_by("name"))
    organizations = {owner for _pk, _name, owner in found if owner}
    organizations |= set(
        Collaboration.objects.restrict(user)
        .filter(program__in=[pk for pk, _name, _owner in found])
        .values_list("partner_id", flat=True)
    )
    return [name for _pk, name, _owner in found], organizations


def row_payload(region, names: list, organizations: set, cls: str, drill: bool) -> dict:
    count = len(names)
    programs_text = ngettext("%(n)s program", "%(n)s programs", count) % {"n": count}
    organizations_text = ngettext(
        "%(n)s organisation", "%(n)s organisations", len(organizations)
    ) % {"n": len(organizations)}
    tooltip = [str(region), programs_text, organizations_text, *names[:MAX_NAMES]]
    if count > MAX_NAMES:
        tooltip.append(_("and %(n)s more") % {"n": count - MAX_NAMES})
    return {
        "code": region.code,
        "name": str(region),
        "cls": cls,
        "partial": False,
        "cells": [str(region), str(count), str(len(organizations))],
        "tooltip": tooltip,
        "drill": drill,
        "data": {"programs": count, "organizations": len(organizations)},
    }


def hidden_row(region) -> dict:
    return {
        "code": region.code,
        "name": str(region),
        "cls": maps.HIDDEN,
        "partial": False,
        "cells": [str(region), "—", "—"],
        "tooltip": [str(region), _("Outside your role's regions")],
        "drill": False,
        "data": {"programs": None, "organizations": None},
    }


def five_w_map(region, year: int, theme=None, user=None, outline=()) -> dict | None:
    """The payload of the 5W map for `region`'s children, or None when the user sees no program."""
    if not may_see_programs(user):
        return None
    programs = Program.objects.restrict(user).filter(fiscal_year=year)
    if theme is not None:
        programs = programs.filter(themes=theme)
    children = list(region.children.order_by("code"))
    counted = {}
    for child in children:
        if covered(user, child.code):
            counted[child.code] = active(programs, child.code, user)
    positive = [len(names) for names, _orgs in counted.values() if names]
    breaks = maps.value_breaks(positive)
    rows = []
    for child in children:
        if child.code not in counted:
            rows.append(hidden_row(child))
            continue
        names, organizations = counted[child.code]
        cls = str(maps.value_class(len(names), breaks)) if names else ZERO
        rows.append(
            row_payload(child, names, organizations, cls, child.level in ("regency", "district"))
        )
    legend = [{"key": ZERO, "label": _("No program"), "colour": ZERO_COLOUR}]
    legend += maps.value_legend(positive, lambda v: str(round(v)))
    if len(counted) < len(children):
        legend += maps.special_legend(maps.HIDDEN)
    parent = region.parent if region.parent_id else None
    title = " · ".join(
        [_("Programs active"), str(region), str(year), theme.name if theme else _("all themes")]
    )
    data = maps.payload(
        region,
        parent,
        title,
        legend,
        [_("Region"), _("Programs"), _("Organisations")],
        rows,
        outline,
    )
    if covered(user, region.code):
        names, organizations = active(programs, region.code, user)
        data["own"] = row_payload(region, names, organizations, "", False)
        below = set().union(*(set(found) for found, _orgs in counted.values()))
        whole = len([name for name in names if name not in below])
        if whole:  # e.g. a provincial agency's program without focus regions
            data["note"] = ngettext(
                "%(n)s program takes place in %(region)s as a whole: it is counted in the total, "
                "not in any one area below.",
                "%(n)s programs take place in %(region)s as a whole: they are counted in the "
                "total, not in any one area below.",
                whole,
            ) % {"n": whole, "region": region}
    else:
        data["own"] = None
    data["year"] = year
    data["theme"] = theme.code if theme else ""
    query = {"year": year, "theme": data["theme"]}
    if outline:
        query["outline"] = ",".join(outline)
    data["query"] = urlencode(query)
    return data
