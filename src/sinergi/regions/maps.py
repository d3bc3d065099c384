"""What a map of a region's children shows, as one JSON-ready dict (a "map payload") read by the
reusable include `regions/_map.html` and `static/sinergi/map.js`, and rendered as the table beside
the map (also the no-JavaScript fallback).

Each page builds its payload from its own figures (indicators.maps, programs.maps) with the helpers
here: the classes and colours of the legend, the region and its parent, the boundary layer of the
children, and the codes to outline (region groups: `?outline=52.71,52.03`).

    {"region": {...}, "parent": {...} | None, "level": "regency", "boundaries": url | None,
     "title": str, "legend": [{"key", "label", "colour", "pattern"}], "columns": [str],
     "rows": [{"code", "name", "cls", "cells": [str], "tooltip": [str], "drill": bool,
               "shape": bool}], "outline": [code], "note": str}
"""

from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext as _

from sinergi.regions import boundaries
from sinergi.regions.codes import child_level, level_of

MAX_OUTLINE = 200
NO_DATA = "none"
PARTIAL = "partial"
HIDDEN = "hidden"
# Achievement classes (% of target): red → green; values without a target: light → dark blue.
ACHIEVEMENT_CLASSES = [
    (Decimal(50), "#d7301f", "< 50 %"),
    (Decimal(75), "#fc8d59", "50–75 %"),
    (Decimal(100), "#a6d96a", "75–100 %"),
    (None, "#1a9641", "≥ 100 %"),
]
VALUE_COLOURS = ["#c6dbef", "#6baed6", "#3182bd", "#08519c"]
NO_DATA_COLOUR = "#ffffff"
HIDDEN_COLOUR = "#adb5bd"


def region_info(region) -> dict:
    return {"code": region.code, "name": str(region), "level": region.level}


def parse_outline(text: str | None) -> list[str]:
    """Region codes to outline from `52.71,52.03,52.07` (well-formed codes only, at most 200)."""
    codes = []
    for part in (text or "").split(","):
        code = part.strip()
        try:
            level_of(code)
        except ValueError:
            continue
        if code not in codes:
            codes.append(code)
    return codes[:MAX_OUTLINE]


def row_level_has_shapes(level) -> bool:
    return bool(level) and boundaries.has_boundaries(level)


def boundaries_url(region) -> str | None:
    """The GeoJSON layer of the region's children, or None when they have no shapes."""
    level = child_level(region.level)
    if not level or not boundaries.has_boundaries(level):
        return None
    if not boundaries.layer(level, region.code).codes:
        return None
    return reverse("regions:boundaries", args=[level]) + "?within=" + region.code


def payload(region, parent, title: str, legend: list, columns: list, rows: list, outline=(),
            note: str = "") -> dict:  # fmt: skip
    level = child_level(region.level)
    shaped = boundaries.codes_with_boundaries(level) if level else set()
    for row in rows:
        row["shape"] = row["code"] in shaped
    drawn = (
        set(boundaries.layer(level, region.code).codes) if row_level_has_shapes(level) else set()
    )
    if drawn - {row["code"] for row in rows}:  # shapes the user may not see figures of
        legend = [*legend, *special_legend(HIDDEN)]
    return {
        "region": region_info(region),
        "parent": region_info(parent) if parent else None,
        "level": level,
        "boundaries": boundaries_url(region),
        "title": title,
        "legend": legend,
        "columns": columns,
        "rows": rows,
        "outline": list(outline),
        "note": note,
    }


def achievement_class(achievement) -> int:
    for index, (upper, _colour, _label) in enumerate(ACHIEVEMENT_CLASSES):
        if upper is None or achievement < upper:
            return index
    return len(ACHIEVEMENT_CLASSES) - 1


def achievement_legend() -> list[dict]:
    return [
        {"key": str(i), "label": label, "colour": colour}
        for i, (_upper, colour, label) in enumerate(ACHIEVEMENT_CLASSES)
    ]


def value_breaks(values: list) -> list:
    """Up to four equal-interval classes over the values: the upper bound of each but the last."""
    values = [v for v in values if v is not None]
    if not values:
        return []
    low, high = min(values), max(values)
    if low == high:
        return []
    step = (high - low) / len(VALUE_COLOURS)
    return [low + step * (i + 1) for i in range(len(VALUE_COLOURS) - 1)]


def value_class(value, breaks: list) -> int:
    for index, upper in enumerate(breaks):
        if value < upper:
            return index
    return len(breaks)


def value_legend(values: list, fmt) -> list[dict]:
    """Legend of the equal-interval classes, labelled "low – high" with `fmt` for numbers."""
    values = [v for v in values if v is not None]
    if not values:
        return []
    breaks = value_breaks(values)
    bounds = [min(values), *breaks, max(values)]
    colours = VALUE_COLOURS if breaks else VALUE_COLOURS[-1:]
    return [
        {
            "key": str(i),
            "label": f"{fmt(bounds[i])} – {fmt(bounds[i + 1])}" if breaks else fmt(bounds[0]),
            "colour": colour,
        }
        for i, colour in enumerate(colours)
    ]


def special_legend(*keys) -> list[dict]:
    labels = {
        PARTIAL: (_("Partial data (not judged)"), HIDDEN_COLOUR, True),
        NO_DATA: (_("No data"), NO_DATA_COLOUR, False),
        HIDDEN: (_("Outside your role's regions"), HIDDEN_COLOUR, False),
    }
    return [
        {"key": key, "label": labels[key][0], "colour": labels[key][1], "pattern": labels[key][2]}
        for key in keys
    ]
