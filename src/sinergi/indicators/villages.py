"""A village's figures. Villages have no children, so no stored summaries (`Aggregate`): for the
indicator's own period a village's figure is its value; for a coarser period (a quarter or year of
a monthly indicator) it is its values over the sub-periods, aggregated as the indicator says
(sum, the largest, or the newest). The same rule as `aggregates.py` applies to every other
region's own values, and as `reference.py` recomputes.
"""

from collections import defaultdict
from decimal import Decimal

from django.db.models import DecimalField, Max, OuterRef, Subquery, Sum

from sinergi.indicators import periods
from sinergi.indicators.choices import PeriodAggregationChoices
from sinergi.indicators.models import VALUE, DataValue, Indicator
from sinergi.regions.models import Region
from sinergi.regions.querysets import code_within_q

DECIMAL = DecimalField(**VALUE)


def combine(indicator: Indicator, series: list) -> Decimal | None:
    """The figure of a coarser period from the values of its sub-periods, oldest first."""
    if not series:
        return None
    if indicator.period_aggregation == PeriodAggregationChoices.SUM:
        return sum(series, Decimal(0))
    if indicator.period_aggregation == PeriodAggregationChoices.MAX:
        return max(series)
    return series[-1]


def figure(indicator: Indicator, period: periods.Period) -> Subquery:
    """SQL, in a query over regions: the figure of the region in the row (`code`) as a village."""
    values = DataValue.objects.filter(indicator=indicator, region=OuterRef("code")).order_by()
    if period.type == indicator.period_type:
        return Subquery(values.filter(period=period.id).values("value")[:1], output_field=DECIMAL)
    values = values.filter(period__in=[p.id for p in period.subperiods(indicator.period_type)])
    if indicator.period_aggregation == PeriodAggregationChoices.LAST:
        newest = values.order_by("-period").values("value")[:1]
        return Subquery(newest, output_field=DECIMAL)
    function = Sum if indicator.period_aggregation == PeriodAggregationChoices.SUM else Max
    total = values.values("region").annotate(v=function("value")).values("v")
    return Subquery(total, output_field=DECIMAL)


def figures(indicator: Indicator, period_id: str, within: str) -> dict[str, Decimal]:
    """{village code: figure} for the villages below the region `within` that have one (the
    same subquery as the roll-up's)."""
    villages = Region.objects.filter(code_within_q(within), level="village")
    found = villages.annotate(figure=figure(indicator, periods.parse(period_id)))
    return dict(found.filter(figure__isnull=False).values_list("code", "figure"))


def summaries(code: str, indicators: list[Indicator]) -> dict[tuple, tuple]:
    """{(indicator id, period): (reported, computed, children reporting, children total)} of one
    village, as stored summaries give them for other regions, ordered by period: its values
    (reported), and for every coarser period containing one, their combination (computed)."""
    by_id = {indicator.pk: indicator for indicator in indicators}
    native = DataValue.objects.filter(indicator__in=by_id, region_id=code).order_by("period")
    series: dict[tuple, list] = defaultdict(list)
    rows = {}
    for indicator_id, period_id, value in native.values_list("indicator_id", "period", "value"):
        rows[(indicator_id, period_id)] = (value, None, 0, 0)
        for coarse in periods.parse(period_id).parents():
            series[(indicator_id, coarse.id)].append(value)
    for (indicator_id, period_id), values in series.items():
        rows[(indicator_id, period_id)] = (None, combine(by_id[indicator_id], values), 0, 0)
    return dict(sorted(rows.items(), key=lambda item: (item[0][1], item[0][0])))
