"""The choropleth of an indicator: a region's children coloured by achievement (or by value when
no child has a target), from the one roll-up through the gate (`reports.region_and_children`).

A partial figure (computed from only some children) is never coloured as if complete: its class is
`partial` (drawn hatched grey), with its coverage and source in the tooltip and the table.
"""

from django.core.cache import cache
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from sinergi.core.permissions import scope_key
from sinergi.core.revision import data_revision
from sinergi.core.templatetags.sinergi import num
from sinergi.indicators import reports
from sinergi.indicators.models import Aggregate
from sinergi.regions import maps


def row_payload(indicator, row, cls: str) -> dict:
    value = num(row.value)
    if indicator.value_type == "level" and row.level == "village" and row.value is not None:
        value = indicator.level_label(row.value)
    achievement = f"{num(row.achievement_pct)} %" if row.achievement_pct is not None else "—"
    coverage = f"{row.children_reporting}/{row.children_total}" if row.children_total else "—"
    source = row.source_text
    tooltip = [
        row.name,
        "{}: {}{}".format(_("Value"), value, " ({})".format(_("partial")) if row.partial else ""),
        "{}: {}".format(_("Target"), num(row.target)),
        "{}: {}".format(_("Achievement"), achievement),
        "{}: {}".format(_("Coverage"), coverage),
    ]
    if source:
        tooltip.append(source)
    return {
        "code": row.code,
        "name": row.name,
        "cls": cls,
        "partial": row.partial,
        "cells": [row.name, value, num(row.target), achievement, coverage, source],
        "tooltip": tooltip,
        "drill": row.level in ("regency", "district"),
        "data": row.as_json(),
    }


CACHE_SECONDS = 24 * 3600


def indicator_map(indicator, period: str, region, user=None, outline=()) -> dict | None:
    """The payload for `region`'s children, or None when `region` is outside what `user` sees.
    Cached, keyed by the data revision (every value written and every summary rewritten changes
    it), the user's scope and the language: the next page load after a write shows it."""
    key = ":".join(
        [
            "map",
            data_revision(Aggregate),
            indicator.code,
            period,
            region.code,
            ",".join(outline),
            scope_key(user),
            get_language() or "",
        ]
    )
    found = cache.get(key)
    if found is None:
        found = {"payload": build_indicator_map(indicator, period, region, user, outline)}
        cache.set(key, found, CACHE_SECONDS)
    return found["payload"]


def map_page(request, code: str, build) -> dict:
    """The map page's title and rendered body, from `build()` when not cached. Keyed like the
    payload, by the whole query (region, period, outline, group), so any change of data, scope
    or language gives a fresh page on the next load."""
    query = "&".join(f"{k}={v}" for k, v in sorted(request.GET.items()))
    key = ":".join(
        [
            "mappage",
            data_revision(Aggregate),
            code,
            query,
            scope_key(request.user),
            get_language() or "",
        ]
    )
    page = cache.get(key)
    if page is None:
        page = build()
        cache.set(key, page, CACHE_SECONDS)
    return {"title": page["title"], "body": mark_safe(page["body"])}  # noqa: S308 - our template


def build_indicator_map(indicator, period: str, region, user=None, outline=()) -> dict | None:
    own, children = reports.region_and_children(indicator, period, region, user)
    if own is None:
        return None
    by_achievement = any(
        row.achievement_pct is not None for row in children if not row.partial
    )  # colour by achievement when some child has a target, else by value
    complete = [row.value for row in children if row.value is not None and not row.partial]
    breaks = maps.value_breaks(complete)
    rows = []
    for row in children:
        if row.value is None:
            cls = maps.NO_DATA
        elif row.partial:
            cls = maps.PARTIAL
        elif by_achievement:
            cls = (
                str(maps.achievement_class(row.achievement_pct))
                if row.achievement_pct is not None
                else maps.NO_DATA
            )
        else:
            cls = str(maps.value_class(row.value, breaks))
        rows.append(row_payload(indicator, row, cls))
    legend = maps.achievement_legend() if by_achievement else maps.value_legend(complete, num)
    legend += maps.special_legend(maps.PARTIAL, maps.NO_DATA)
    parent = region.parent if region.parent_id else None
    title = f"{indicator.name} · {region} · {period}"
    if by_achievement:
        title += " · {}".format(_("achievement of the target"))
    data = maps.payload(
        region,
        parent,
        title,
        legend,
        [_("Region"), _("Value"), _("Target"), _("Achievement"), _("Coverage"), _("Source")],
        rows,
        outline,
    )
    data["own"] = row_payload(indicator, own, "")
    data["period"] = period
    query = {"period": period}
    if outline:
        query["outline"] = ",".join(outline)
    data["query"] = urlencode(query)  # of the map page's links, beside ?region=
    data["indicator"] = {"code": indicator.code, "name": indicator.name}
    return data


def map_context(indicator, period: str, region, user=None, outline=()) -> dict:
    """Context for `{% include "regions/_map.html" %}` on any page (home, region profile):
    the payload and its JSON URL; `outline`: region codes to outline (a region group)."""
    query = {"region": region.code, "period": period}
    if outline:
        query["outline"] = ",".join(outline)
    return {
        "map": indicator_map(indicator, period, region, user, outline),
        "map_data_url": reverse("indicators:indicator_map_data", args=[indicator.code])
        + "?"
        + urlencode(query),
        "map_page_url": reverse("indicators:indicator_map", args=[indicator.code]),
    }
