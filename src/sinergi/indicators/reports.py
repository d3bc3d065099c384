"""What the indicator pages show, built on the one roll-up."""

from dataclasses import dataclass

from django.db.models import Q

from sinergi.indicators.models import Aggregate, DataValue, Indicator, Target
from sinergi.indicators.rollup import RollupRow, rollup
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


def region_and_children(
    indicator: Indicator, period: str, region: Region
) -> tuple[RollupRow, list[RollupRow]]:
    """The region's own row and one row per child, in one roll-up query."""
    rows = rollup(
        indicator,
        period,
        region,
        regions=Region.objects.filter(Q(code=region.code) | Q(parent=region)),
    )
    own = next(row for row in rows if row.code == region.code)
    return own, [row for row in rows if row.code != region.code]


@dataclass
class Card:
    indicator: Indicator
    period: str | None
    row: RollupRow | None
    trend: list  # [(period, value)] oldest first
    source: str


def cards(region: Region, indicators) -> list[Card]:
    """One card per indicator for the region: its latest period with a value, and the trend."""
    indicators = list(indicators.select_related("numerator", "denominator"))
    sources = {ind.pk: (ind.numerator if ind.is_ratio else ind) for ind in indicators}
    series: dict = {}
    for indicator_id, period, value, reported in (
        Aggregate.objects.filter(indicator__in=sources.values(), region=region, value__isnull=False)
        .order_by("period")
        .values_list("indicator_id", "period", "value", "reported")
    ):
        series.setdefault(indicator_id, []).append((period, value, reported is not None))
    value_sources = {
        (indicator_id, period): source
        for indicator_id, period, source in DataValue.objects.filter(
            indicator__in=sources.values(), region=region
        ).values_list("indicator_id", "period", "source")
    }
    result = []
    for indicator in indicators:
        trend = series.get(sources[indicator.pk].pk, [])
        yearly = [item for item in trend if len(item[0]) == 4]
        # Headline: the newest period the region reported itself, else the newest with any value.
        own = [item for item in yearly if item[2]]
        latest = own or yearly or trend
        period = latest[-1][0] if latest else None
        row = None
        if period:
            row = rollup(
                indicator, period, region, regions=Region.objects.filter(code=region.code)
            )[0]
        source = value_sources.get((sources[indicator.pk].pk, period), "")
        shown = [(p, v) for p, v, _own in yearly[-6:]] if not indicator.is_ratio else []
        result.append(Card(indicator, period, row, shown, source or ""))
    return result


@dataclass
class VillageGap:
    region: Region
    value: object


def villages_not_reached(indicator: Indicator, period: str, region: Region, limit: int = 2000):
    """For counts of villages (Destana…): the villages below `region` whose counted indicator is
    below the threshold or not reported, with the value they have."""
    if not indicator.counts_villages:
        return []
    source = indicator.count_input or indicator
    reached = Aggregate.objects.filter(
        indicator=source, period=period, value__gte=indicator.count_threshold
    ).values("region_id")
    villages = (
        Region.objects.filter(code_within_q(region.code), level="village")
        .exclude(code__in=reached)
        .select_related("parent")
        .order_by("code")[:limit]
    )
    values = dict(
        Aggregate.objects.filter(
            code_within_q(region.code, "region_id"), indicator=source, period=period
        ).values_list("region_id", "value")
    )
    return [VillageGap(village, values.get(village.code)) for village in villages]


def regions_below_target(indicator: Indicator, period: str, region: Region) -> list[RollupRow]:
    """Every region at or below `region` that has a target and has not reached it."""
    with_targets = Target.objects.filter(indicator=indicator, period=period, kind="target").filter(
        code_within_q(region.code, "region_id")
    )
    rows = rollup(
        indicator,
        period,
        region,
        regions=Region.objects.filter(code__in=with_targets.values("region_id")),
    )
    return [row for row in rows if row.status not in ("achieved",)]
