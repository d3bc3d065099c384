"""What the indicator pages show, built on the one roll-up."""

from dataclasses import dataclass

from django.db.models import Q

from sinergi.core.permissions import visible_regions_q
from sinergi.indicators import villages
from sinergi.indicators.models import Aggregate, DataValue, Indicator, Target
from sinergi.indicators.rollup import RollupRow, make_row, rollup
from sinergi.regions.groups import touching_q, within_q
from sinergi.regions.models import Region
from sinergi.regions.querysets import code_within_q


def periods_with_data(indicator: Indicator) -> list[str]:
    """Periods with a value or a target anywhere, newest first."""
    source = indicator.numerator if indicator.is_ratio else indicator
    found = set(
        Aggregate.objects.filter(indicator=source).values_list("period", flat=True).distinct()
    )
    found |= set(
        Target.objects.filter(indicator=indicator).values_list("period", flat=True).distinct()
    )
    return sorted(found, reverse=True)


def visible(user):
    """Regions whose figures `user` may see (the gate, applied to summaries)."""
    q = visible_regions_q(user, Aggregate)
    return Region.objects.all() if q is None else Region.objects.filter(q)


def region_and_children(indicator: Indicator, period: str, region: Region, user=None, group=None):
    """The region's own row and one row per visible child, in one roll-up query; None for the
    own row when the region is outside what `user` may see. With a region `group`, only the
    children that are members, lie below one or contain one (`regions.groups.touching_q`)."""
    regions = visible(user).filter(Q(code=region.code) | Q(parent=region))
    if group is not None:
        regions = regions.filter(Q(code=region.code) | touching_q(group))
    rows = rollup(indicator, period, region, regions=regions)
    own = next((row for row in rows if row.code == region.code), None)
    return own, [row for row in rows if row.code != region.code]


@dataclass
class Card:
    indicator: Indicator
    period: str | None
    row: RollupRow | None
    trend: list  # [(period, value)] oldest first
    source: str


def cards(region: Region, indicators, user=None) -> list[Card]:
    """One card per indicator for the region: its newest reported period (else the newest with
    a value), with target, achievement, coverage, trend and source. Three queries in all: the
    rows come from the same summaries and the same `make_row` as the roll-up."""
    if not visible(user).filter(code=region.code).exists():
        return []
    indicators = list(indicators.select_related("numerator", "denominator"))
    needed = set()
    for ind in indicators:
        needed.update([ind.pk, ind.numerator_id, ind.denominator_id] if ind.is_ratio else [ind.pk])
    if region.level == "village":  # no stored summaries: its values (villages.py)
        summaries = villages.summaries(region.code, list(Indicator.objects.filter(pk__in=needed)))
    else:
        summaries = {
            (ind_id, period): rest
            for ind_id, period, *rest in Aggregate.objects.filter(
                indicator__in=needed, region=region
            )
            .order_by("period")
            .values_list(
                "indicator_id",
                "period",
                "reported",
                "computed",
                "children_reporting",
                "children_total",
            )
        }
    targets = {
        (ind_id, period): value
        for ind_id, period, value in Target.objects.filter(
            indicator__in=indicators, region=region, kind="target"
        ).values_list("indicator_id", "period", "value")
    }
    value_sources = {
        (ind_id, period): source
        for ind_id, period, source in DataValue.objects.restrict(user)
        .filter(indicator__in=needed, region=region)
        .values_list("indicator_id", "period", "source")
    }
    result = []
    for ind in indicators:
        series = card_series(ind, summaries)  # [(period, reported, computed, reporting, total)]
        yearly = [item for item in series if len(item[0]) == 4]
        own = [item for item in yearly if item[1] is not None]
        latest = (own or yearly or series or [None])[-1]
        if latest is None:
            result.append(Card(ind, None, None, [], ""))
            continue
        period, reported, computed, reporting, total = latest
        row = make_row(
            ind, region.code, region.name, region.kind, region.level,
            reported, computed, targets.get((ind.pk, period)), reporting, total,
        )  # fmt: skip
        source_id = ind.numerator_id if ind.is_ratio else ind.pk
        trend = [(p, r if r is not None else c) for p, r, c, _n, _t in yearly[-6:]]
        result.append(Card(ind, period, row, trend, value_sources.get((source_id, period), "")))
    return result


def card_series(indicator: Indicator, summaries: dict) -> list[tuple]:
    """The indicator's (period, reported, computed, reporting, total) at one region, oldest first;
    a ratio's computed value is numerator × 100 / denominator, as in the roll-up query."""
    if not indicator.is_ratio:
        return [
            (period, reported, computed, reporting, total)
            for (ind_id, period), (reported, computed, reporting, total) in summaries.items()
            if ind_id == indicator.pk and (reported is not None or computed is not None)
        ]
    series = []
    for (ind_id, period), (num_reported, num_computed, reporting, total) in summaries.items():
        if ind_id != indicator.numerator_id:
            continue
        den = summaries.get((indicator.denominator_id, period))
        num_value = num_reported if num_reported is not None else num_computed
        den_value = (den[0] if den[0] is not None else den[1]) if den else None
        if num_value is None or not den_value:
            continue
        own = summaries.get((indicator.pk, period), (None,))[0]
        series.append((period, own, float(num_value) * 100 / float(den_value), reporting, total))
    return series


@dataclass
class VillageGap:
    region: Region
    value: object


def villages_not_reached(
    indicator: Indicator, period: str, region: Region, user=None, limit: int = 2000, group=None
):
    """For counts of villages (Destana…): the villages below `region` (and in a member region of
    `group`) whose counted indicator is below the threshold or not reported, with their value."""
    if not indicator.counts_villages:
        return []
    source = indicator.count_input or indicator
    values = villages.figures(source, period, region.code)
    gaps = []
    candidates = visible(user)
    if group is not None:
        candidates = candidates.filter(within_q(group, "code"))
    for village in (
        candidates.filter(code_within_q(region.code), level="village")
        .select_related("parent")
        .order_by("code")
        .iterator(chunk_size=2000)
    ):
        value = values.get(village.code)
        if value is None or value < indicator.count_threshold:
            gaps.append(VillageGap(village, value))
            if len(gaps) == limit:
                break
    return gaps


def regions_below_target(
    indicator: Indicator, period: str, region: Region, user=None, group=None
) -> list[RollupRow]:
    """Every region at or below `region` (and in a member region of `group`, or below one) that
    has a target and has not reached it."""
    with_targets = Target.objects.filter(indicator=indicator, period=period, kind="target").filter(
        code_within_q(region.code, "region_id")
    )
    if group is not None:
        with_targets = with_targets.filter(within_q(group, "region_id"))
    rows = rollup(
        indicator,
        period,
        region,
        regions=visible(user).filter(code__in=with_targets.values("region_id")),
    )
    return [row for row in rows if row.status not in ("achieved",)]
