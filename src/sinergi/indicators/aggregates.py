"""Maintained summaries: every write of a value refreshes, in the same transaction, the
`Aggregate` rows of its region and of every ancestor (bottom-up, one grouped query per level),
for the written period and the coarser periods that contain it.

Definitions (the same in `reference.py`, which recomputes everything from the raw values):
- a region's *value* is its reported value if it has one, else the value *computed* from its
  children's values by the indicator's aggregation;
- counts (count of yes, count at or above a level) count the villages of a kecamatan whose
  counted indicator is at or above the threshold, and sum the children's values above that;
- a weighted average weighs each child's value by the child's value of the weight indicator;
- for a period coarser than the indicator's own, a region's value aggregates its own values of
  the sub-periods (sum, last or max); nothing is reported at a coarser period.
"""

from decimal import Decimal

from django.db import connection
from django.db.models import Count, F, Max, Min, OuterRef, Q, Subquery, Sum

from sinergi.indicators import periods
from sinergi.indicators.choices import AggregationChoices, PeriodAggregationChoices
from sinergi.indicators.models import Aggregate, DataValue, Indicator
from sinergi.regions.codes import ancestor_codes, level_of
from sinergi.regions.models import Region

QUANTUM = Decimal("0.0001")
LEVELS_BOTTOM_UP = ["village", "district", "regency", "province"]


def quantize(value) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(QUANTUM)


def affected_indicators(indicator: Indicator) -> list[Indicator]:
    """The indicator itself and those whose aggregates read it (counts and weighted averages)."""
    others = Indicator.objects.filter(Q(count_input=indicator) | Q(weight=indicator)).exclude(
        pk=indicator.pk
    )
    return [indicator, *others]


CHUNK = 500  # region codes per grouped query (SQLite limits query parameters)


def chunks(items: list, size: int = CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def rebuild(indicator: Indicator, period_id: str) -> None:
    """Recompute every aggregate of an indicator and period from its raw values (after a bulk
    load, or to repair). The same code path as the refresh after each write."""
    Aggregate.objects.filter(indicator=indicator, period=period_id).delete()
    sources = {indicator.pk}
    if indicator.count_input_id:
        sources.add(indicator.count_input_id)
    codes = set(
        DataValue.objects.filter(indicator_id__in=sources, period=period_id).values_list(
            "region_id", flat=True
        )
    )
    refresh_indicator(indicator, periods.parse(period_id), codes)


def refresh(indicator: Indicator, period_id: str, region_codes) -> None:
    """Refresh the aggregates touched by a write of `indicator` values in `region_codes`."""
    period = periods.parse(period_id)
    for target in affected_indicators(indicator):
        refresh_indicator(target, period, region_codes)


def refresh_indicator(indicator: Indicator, period: periods.Period, region_codes) -> None:
    """Refresh `region_codes` and all their ancestors, bottom-up, for the period and the coarser
    periods containing it."""
    codes = set(region_codes)
    for code in list(codes):
        codes.update(ancestor_codes(code))
    by_level: dict[str, list[str]] = {level: [] for level in LEVELS_BOTTOM_UP}
    for code in sorted(codes):
        by_level[level_of(code)].append(code)
    for level in LEVELS_BOTTOM_UP:
        for part in chunks(by_level[level]):
            refresh_level(indicator, period.id, part, level)
    for coarse in period.parents():
        for level in LEVELS_BOTTOM_UP:
            for part in chunks(by_level[level]):
                refresh_coarse_level(indicator, coarse, part, level)


def refresh_level(indicator: Indicator, period_id: str, codes: list[str], level: str) -> None:
    """Recompute the aggregates of `codes` (all of one level) for a native period."""
    reported = dict(
        DataValue.objects.filter(
            indicator=indicator, period=period_id, region_id__in=codes
        ).values_list("region_id", "value")
    )
    computed: dict[str, Decimal | None] = {}
    reporting: dict[str, int] = {}
    if level != "village" and indicator.aggregation != AggregationChoices.NONE:
        for row in children_summary(indicator, period_id, codes, level):
            computed[row["parent"]] = row["computed"]
            reporting[row["parent"]] = row["reporting"]
    totals = child_totals(codes) if level != "village" else {}
    write_rows(indicator, period_id, codes, reported, computed, reporting, totals)


def children_summary(indicator: Indicator, period_id: str, codes: list[str], level: str):
    """[{parent, computed, reporting}] for the children of `codes`, one grouped query."""
    aggregation = indicator.aggregation
    counted = indicator.counts_villages and level == "district"
    source = (indicator.count_input or indicator) if counted else indicator
    children = Aggregate.objects.filter(
        indicator=source, period=period_id, region__parent_id__in=codes, value__isnull=False
    ).values(parent=F("region__parent_id"))
    if counted:
        return children.annotate(
            computed=Count("pk", filter=Q(value__gte=indicator.count_threshold)),
            reporting=Count("pk"),
        )
    if aggregation == AggregationChoices.WEIGHTED_AVERAGE:
        weight = Aggregate.objects.filter(
            indicator_id=indicator.weight_id, period=period_id, region_id=OuterRef("region_id")
        ).values("value")[:1]
        rows = (
            children.annotate(w=Subquery(weight))
            .values("parent")
            .annotate(
                weighted=Sum(F("value") * F("w"), filter=Q(w__isnull=False)),
                weights=Sum("w", filter=Q(w__isnull=False)),
                reporting=Count("pk"),
            )
        )
        return [
            {
                "parent": row["parent"],
                "computed": row["weighted"] / row["weights"] if row["weights"] else None,
                "reporting": row["reporting"],
            }
            for row in rows
        ]
    function = {
        AggregationChoices.SUM: Sum,
        AggregationChoices.MIN: Min,
        AggregationChoices.MAX: Max,
        AggregationChoices.COUNT_YES: Sum,
        AggregationChoices.COUNT_AT_OR_ABOVE: Sum,
    }[aggregation]
    return children.annotate(computed=function("value"), reporting=Count("pk"))


def child_totals(codes: list[str]) -> dict[str, int]:
    return dict(
        Region.objects.filter(parent_id__in=codes)
        .values_list("parent_id")
        .annotate(n=Count("code"))
        .order_by()
    )


UPSERT_SQL = (
    f"INSERT INTO {Aggregate._meta.db_table} (indicator_id, region_id, period, reported, "  # noqa: S608
    "computed, value, children_reporting, children_total) VALUES (%s, %s, %s, %s, %s, %s, %s, %s) "
    "ON CONFLICT (indicator_id, period, region_id) DO UPDATE SET reported = excluded.reported, "
    "computed = excluded.computed, value = excluded.value, "
    "children_reporting = excluded.children_reporting, children_total = excluded.children_total"
)


def _db(value: Decimal | None):
    """A summary value as the database column takes it (exact decimal text on SQLite)."""
    if value is None:
        return None
    return str(value) if connection.vendor == "sqlite" else value


def write_rows(indicator, period_id, codes, reported, computed, reporting, totals) -> None:
    keep, drop = [], []
    for code in codes:
        own, derived = quantize(reported.get(code)), quantize(computed.get(code))
        if own is None and derived is None and not reporting.get(code):
            drop.append(code)
            continue
        value = own if own is not None else derived
        keep.append(
            (indicator.pk, code, period_id, _db(own), _db(derived), _db(value),
             reporting.get(code, 0), totals.get(code, 0))
        )  # fmt: skip
    if drop:
        Aggregate.objects.filter(indicator=indicator, period=period_id, region_id__in=drop).delete()
    if keep:
        # One statement for many rows; the ORM's bulk_create spends most of its time preparing
        # each value, which summaries (derived, never edited by hand) do not need.
        with connection.cursor() as cursor:
            cursor.executemany(UPSERT_SQL, keep)


def refresh_coarse_level(indicator, coarse: periods.Period, codes: list[str], level: str) -> None:
    """A coarser period: each region aggregates its own values over the sub-periods."""
    sub_ids = [p.id for p in coarse.subperiods(indicator.period_type)]
    rows = Aggregate.objects.filter(
        indicator=indicator, period__in=sub_ids, region_id__in=codes, value__isnull=False
    )
    if indicator.period_aggregation == PeriodAggregationChoices.LAST:
        # The newest sub-period's value of each region: at most chunk × sub-periods rows, read
        # in period order (a correlated subquery per region was slow on PostgreSQL).
        values = {}
        for region_id, value in rows.order_by("period").values_list("region_id", "value"):
            values[region_id] = value
    else:
        function = Sum if indicator.period_aggregation == PeriodAggregationChoices.SUM else Max
        values = dict(rows.values_list("region_id").annotate(v=function("value")).order_by())
    reporting: dict[str, int] = {}
    if level != "village":
        reporting = dict(
            Aggregate.objects.filter(
                indicator=indicator,
                period=coarse.id,
                region__parent_id__in=codes,
                value__isnull=False,
            )
            .values_list("region__parent_id")
            .annotate(n=Count("pk"))
            .order_by()
        )
    totals = child_totals(codes) if level != "village" else {}
    write_rows(indicator, coarse.id, codes, {}, values, reporting, totals)
