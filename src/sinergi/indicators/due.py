"""What an operator still has to enter this period, counted per kecamatan.

"Due" means, precisely:
- the indicators entered per village: a village has a value of it somewhere, or another indicator
  counts it village by village (as "Destana formed" counts each village's Destana level);
- the periods open for entry today: those with an edit window open today, or, for an indicator
  without edit windows, the period that contains today (2026 for a yearly one in 2026);
- the villages in the user's region that the user may enter, in kecamatan whose data for that
  indicator and period is not approved (approved data is locked), that have no value yet.
A value of 0 is a value: such a village is not due.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, OuterRef

from sinergi.core.permissions import ADD, regions_for
from sinergi.indicators import periods
from sinergi.indicators.approvals import locks
from sinergi.indicators.models import DataValue, EditWindow, Indicator
from sinergi.regions.models import Region
from sinergi.regions.querysets import code_within_q


@dataclass
class DueItem:
    indicator: Indicator
    period: str
    district: Region  # the kecamatan, whose entry grid lists its villages
    missing: int  # villages without a value
    total: int  # villages the user may enter there


def village_indicators():
    """Indicators entered per village (see the module's docstring), by name."""
    at_village = DataValue.objects.filter(indicator=OuterRef("pk"), region__level="village")
    counted = Indicator.objects.filter(count_input=OuterRef("pk"))
    return (
        Indicator.objects.filter(numerator__isnull=True)
        .filter(Exists(counted) | Exists(at_village))
        .order_by("name")
    )


def open_periods(indicator: Indicator, windows: list[EditWindow], today: date) -> list[str]:
    """Periods of `indicator` open for entry on `today` (its edit windows: `windows`)."""
    if windows:
        return sorted(w.period for w in windows if w.opens <= today <= w.closes)
    return [periods.containing(today, indicator.period_type).id]


def due_entries(user, region: Region, today: date) -> list[DueItem]:
    """The entries due from `user` in `region` on `today`, per indicator, period and kecamatan."""
    villages = Region.objects.filter(code_within_q(region.code), level="village")
    writable = regions_for(user, DataValue, ADD)
    if writable is not None:
        villages = villages.filter(writable)
    totals = dict(
        villages.order_by()
        .values("parent_id")
        .annotate(n=Count("code"))
        .values_list("parent_id", "n")
    )
    if not totals:
        return []
    indicators = list(village_indicators())
    windows: dict[int, list[EditWindow]] = {}
    for window in EditWindow.objects.filter(indicator__in=indicators):
        windows.setdefault(window.indicator_id, []).append(window)
    found = []
    for indicator in indicators:
        for period in open_periods(indicator, windows.get(indicator.pk, []), today):
            entered = DataValue.objects.filter(
                code_within_q(region.code, "region_id"), indicator=indicator, period=period
            )
            missing = list(
                villages.exclude(code__in=entered.values("region_id")).values_list(
                    "code", "parent_id"
                )
            )
            locked = locks(indicator, period, [code for code, _parent in missing])
            per_district: dict[str, int] = {}
            for code, parent in missing:
                if code not in locked:  # approved data is locked: nothing to enter
                    per_district[parent] = per_district.get(parent, 0) + 1
            found += [
                (indicator, period, code, n, totals[code])
                for code, n in sorted(per_district.items())
            ]
    districts = Region.objects.in_bulk({code for _i, _p, code, _n, _t in found})
    return [
        DueItem(indicator, period, districts[code], n, total)
        for indicator, period, code, n, total in found
    ]


def grouped(items: list[DueItem]) -> list[dict]:
    """Due items per indicator and period: {indicator, period, missing, items}, in order."""
    groups: dict[tuple, dict] = {}
    for item in items:
        group = groups.setdefault(
            (item.indicator.pk, item.period),
            {"indicator": item.indicator, "period": item.period, "missing": 0, "items": []},
        )
        group["missing"] += item.missing
        group["items"].append(item)
    return list(groups.values())
