"""Maintained summaries: every write of a value refreshes, in the same transaction, the
`Aggregate` rows of its region's ancestors, and its own if it has children (bottom-up, one grouped
query per level), for the written period and the coarser periods that contain it.

Villages have no children and no stored summaries: a village's figure is its own value, and for
a coarser period its values aggregated over the sub-periods (`villages.py` reads them). The
summaries of a kecamatan read its villages' values directly.

Definitions (the same in `reference.py`, which recomputes everything from the raw values):
- a region's *value* is its reported value if it has one, else the value *computed* from its
  children's values by the indicator's aggregation;
- counts (count of yes, count at or above a level) count the villages of a kecamatan whose
  counted indicator is at or above the threshold, and sum the children's values above that;
- a weighted average weighs each child's value by the child's value of the weight indicator;
- for a period coarser than the indicator's own, a region's value aggregates its own values of
  the sub-periods (sum, last or max); nothing is reported at a coarser period.
"""

from collections import defaultdict
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

from django.db import connection
from django.db.models import Q

from sinergi.indicators import periods
from sinergi.indicators.choices import AggregationChoices, PeriodAggregationChoices
from sinergi.indicators.models import Aggregate, DataValue, Indicator
from sinergi.regions.codes import CODE_WIDTH
from sinergi.regions.models import Region
from sinergi.regions.querysets import MANY_CODES

QUANTUM = Decimal("0.0001")
LEVELS_BOTTOM_UP = ["village", "district", "regency", "province"]
SUMMARISED = LEVELS_BOTTOM_UP[1:]  # levels with children: the ones with stored summaries


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


def lock_for_writing(indicators) -> None:
    """Writers of the same indicators take turns until their transactions end: the caller's
    transaction locks the indicators and those whose summaries read them, in one statement in id
    order (so two writers cannot each hold what the other waits for). On PostgreSQL a statement
    sees only what was committed when it began: without the lock, a second writer computed an
    ancestor's summary without the first writer's regions and, when the first committed,
    overwrote it. SQLite needs nothing: it has one writer at a time."""
    if not connection.features.has_select_for_update:
        return
    ids = {target.pk for indicator in indicators for target in affected_indicators(indicator)}
    locked = Indicator.objects.select_for_update().filter(pk__in=ids).order_by("pk")
    list(locked.values_list("pk", flat=True))


CHUNK = 500  # region codes per statement when the codes are listed

_quote = connection.ops.quote_name
AGGREGATE = _quote(Aggregate._meta.db_table)
VALUE = _quote(DataValue._meta.db_table)
REGION = _quote(Region._meta.db_table)
COLUMNS = (
    "indicator_id, region_id, period, reported, computed, value, children_reporting, children_total"
)
# The number of regions directly below a region (a correlated count on the parent index).
CHILDREN_TOTAL = f"(SELECT COUNT(*) FROM {REGION} t WHERE t.parent_id = %(code)s)"  # noqa: S608
CHILD_LEVEL = {"province": "regency", "regency": "district", "district": "village"}
# Each refresh deletes the rows it recomputes, then inserts them. A concurrent write of the same
# cells may insert a row between the two; the later insert then replaces it instead of failing.
REPLACE = (
    "ON CONFLICT (indicator_id, period, region_id) DO UPDATE SET reported = excluded.reported, "
    "computed = excluded.computed, value = excluded.value, "
    "children_reporting = excluded.children_reporting, children_total = excluded.children_total"
)


@dataclass(frozen=True)
class Cells:
    """The regions of one level whose summaries are refreshed: the listed `codes` (and their
    `children`), or, for large writes, every region of the level (one statement over the level
    instead of hundreds of lists; recomputing a region nothing changed for gives what it had)."""

    level: str
    codes: tuple[str, ...] | None = None
    children: tuple[str, ...] = ()

    def match(self, column: str) -> tuple[str, list]:
        """SQL condition (and its parameters): `column` holds one of these regions."""
        if self.codes is None:
            return f"LENGTH({column}) = {CODE_WIDTH[self.level]}", []
        return f"{column} IN ({placeholders(self.codes)})", list(self.codes)

    def match_children(self, column: str) -> tuple[str, list]:
        """SQL condition: `column` holds a region directly below one of these regions."""
        if self.codes is None:
            return f"LENGTH({column}) = {CODE_WIDTH[CHILD_LEVEL[self.level]]}", []
        if not self.children:
            return "1 = 0", []
        # The children's codes themselves, not a subquery: each is one index lookup, where a
        # subquery let PostgreSQL scan every summary of the period.
        return f"{column} IN ({placeholders(self.children)})", list(self.children)

    def parent(self, column: str) -> str:
        """SQL: the code of this level above the region in `column`."""
        return f"SUBSTR({column}, 1, {CODE_WIDTH[self.level]})"


def cells_of(level: str, codes: set[str]):
    if len(codes) > MANY_CODES:
        yield Cells(level)
        return
    codes = sorted(codes)
    for start in range(0, len(codes), CHUNK):
        part = tuple(codes[start : start + CHUNK])
        below = Region.objects.filter(parent_id__in=part).order_by("code")
        yield Cells(level, part, tuple(below.values_list("code", flat=True)))


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
    refresh_indicator(indicator, {period_id: codes})


# Writes made inside `refreshed_once()`: {indicator id: (indicator, {period id: region codes})}.
_pending: ContextVar[dict | None] = ContextVar("pending_summaries", default=None)


def refresh(indicator: Indicator, period_id: str, region_codes) -> None:
    """Refresh the aggregates touched by a write of `indicator` values in `region_codes` (at the
    end of the enclosing `refreshed_once()` block, if there is one)."""
    pending = _pending.get()
    if pending is not None:
        _indicator, written = pending.setdefault(indicator.pk, (indicator, defaultdict(set)))
        written[period_id].update(region_codes)
        return
    for target in affected_indicators(indicator):
        refresh_indicator(target, {period_id: region_codes})


@contextmanager
def refreshed_once():
    """Summaries of the writes made in this block are refreshed once, when it ends without an
    error (inside the caller's transaction): an import of several months refreshes their quarter
    and year once, not once per month. Nested blocks leave the refresh to the outermost."""
    if _pending.get() is not None:
        yield
        return
    pending: dict = {}
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    for indicator, written in pending.values():
        for target in affected_indicators(indicator):
            refresh_indicator(target, written)


def refresh_indicator(indicator: Indicator, written: dict) -> None:
    """Refresh the written regions ({period id: region codes}) and all their ancestors,
    bottom-up, for each written period, then for each coarser period containing one of them.
    Every period refreshes all the written regions (recomputing a region that period did not
    change gives what it had; the statements are per level and chunk, not per region)."""
    parts = cells_above(set().union(*written.values()))
    native = [periods.parse(period_id) for period_id in sorted(written)]
    for period in native:
        for cells in parts:
            refresh_level(indicator, period.id, cells)
    coarser = {parent.id: parent for period in native for parent in period.parents()}
    for coarse in coarser.values():
        for cells in parts:
            refresh_coarse_level(indicator, coarse, cells)


def cells_above(region_codes) -> list[Cells]:
    """The summarised regions among these and all their ancestors as `Cells`, level by level from
    the kecamatan up. Above a level refreshed whole, every level is refreshed whole: it has few
    regions, and most of them are written anyway."""
    # Codes of existing regions, so well formed: the width tells the level, and the parent is
    # the prefix of the parent level's width (as in SQL, `Cells.parent`).
    level_of = {width: level for level, width in CODE_WIDTH.items()}
    by_level: dict[str, set] = {level: set() for level in CODE_WIDTH}
    for code in set(region_codes):
        by_level[level_of[len(code)]].add(code)
    parts, whole = [], False
    for level, above in pairwise(LEVELS_BOTTOM_UP):
        width = CODE_WIDTH[above]
        by_level[above] |= {code[:width] for code in by_level[level]}
    for level in SUMMARISED:
        whole = whole or len(by_level[level]) > MANY_CODES
        if whole:
            parts.append(Cells(level))
        else:
            parts.extend(cells_of(level, by_level[level]))
    return parts


def refresh_level(indicator: Indicator, period_id: str, cells: Cells) -> None:
    """Recompute the aggregates of `cells` for a native period: delete them, insert the regions'
    own values, then add what their children's summaries give."""
    delete_rows(indicator, period_id, cells)
    if indicator.aggregation == AggregationChoices.WEIGHTED_AVERAGE:
        insert_weighted(indicator, period_id, cells)
        return
    total = CHILDREN_TOTAL % {"code": "v.region_id"}
    where, params = cells.match("region_id")
    execute(
        f"INSERT INTO {AGGREGATE} ({COLUMNS}) "  # noqa: S608
        f"SELECT indicator_id, region_id, period, value, NULL, value, 0, {total} FROM {VALUE} v "
        f"WHERE indicator_id = %s AND period = %s AND {where} {REPLACE}",
        [indicator.pk, period_id, *params],
    )
    if indicator.aggregation == AggregationChoices.NONE:
        return
    if indicator.counts_villages and cells.level == "district":
        source = indicator.count_input_id or indicator.pk
        function, params = (
            "SUM(CASE WHEN a.value >= %s THEN 1 ELSE 0 END)",
            [indicator.count_threshold],
        )
    else:
        source, params = indicator.pk, []
        function = {AggregationChoices.MIN: "MIN", AggregationChoices.MAX: "MAX"}.get(
            indicator.aggregation, "SUM"
        ) + "(a.value)"
    children_sql, children_params = children(cells, function, source, [period_id])
    execute(
        f"INSERT INTO {AGGREGATE} ({COLUMNS}) "  # noqa: S608
        "SELECT %s, c.parent, %s, NULL, c.computed, c.computed, c.reporting, "
        f"{CHILDREN_TOTAL % {'code': 'c.parent'}} FROM ({children_sql}) c WHERE 1 = 1 "
        f"ON CONFLICT (indicator_id, period, region_id) DO UPDATE SET "
        f"computed = excluded.computed, value = COALESCE({AGGREGATE}.reported, excluded.computed), "
        "children_reporting = excluded.children_reporting",
        [indicator.pk, period_id, *params, *children_params],
    )


def children(cells: Cells, function: str, indicator_id: int, period_ids: list) -> tuple[str, list]:
    """SQL (and its parameters): (parent, computed, reporting) over the children of `cells` that
    have a value of an indicator for one period, or (several sub-periods) for any of them. The
    children of a kecamatan are villages: their values are read, they have no summaries."""
    where, params = cells.match_children("a.region_id")
    parent = cells.parent("a.region_id")
    table = VALUE if cells.level == "district" else AGGREGATE
    reporting = "COUNT(DISTINCT a.region_id)" if len(period_ids) > 1 else "COUNT(*)"
    return (
        f"SELECT {parent} AS parent, {function} AS computed, {reporting} AS reporting "  # noqa: S608
        f"FROM {table} a WHERE a.indicator_id = %s AND a.period IN ({placeholders(period_ids)}) "
        f"AND a.value IS NOT NULL AND {where} GROUP BY {parent}"
    ), [indicator_id, *period_ids, *params]


def insert_weighted(indicator: Indicator, period_id: str, cells: Cells) -> None:
    """A weighted average: each child's value weighed by its value of the weight indicator. The
    division and its rounding are done here (half to even, as `reference.py` does)."""
    own, own_params = cells.match("region_id")
    kids, kids_params = cells.match_children("a.region_id")
    below, below_params = cells.match_children("code")
    parent = cells.parent("a.region_id")
    table = VALUE if cells.level == "district" else AGGREGATE  # villages: their values
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT region_id, value FROM {VALUE} WHERE indicator_id = %s "  # noqa: S608
            f"AND period = %s AND {own}",
            [indicator.pk, period_id, *own_params],
        )
        reported = dict(cursor.fetchall())
        cursor.execute(
            f"SELECT {parent}, SUM(a.value * w.value), SUM(w.value), COUNT(*) "  # noqa: S608
            f"FROM {table} a LEFT JOIN {table} w ON w.indicator_id = %s "
            "AND w.period = a.period AND w.region_id = a.region_id AND w.value IS NOT NULL "
            "WHERE a.indicator_id = %s AND a.period = %s AND a.value IS NOT NULL "
            f"AND {kids} GROUP BY {parent}",
            [indicator.weight_id, indicator.pk, period_id, *kids_params],
        )
        summaries = {code: rest for code, *rest in cursor.fetchall()}
        cursor.execute(
            f"SELECT parent_id, COUNT(*) FROM {REGION} WHERE {below} "  # noqa: S608
            "GROUP BY parent_id",
            below_params,
        )
        totals = dict(cursor.fetchall())
        rows = []
        for code in sorted(reported.keys() | summaries.keys()):
            weighted, weights, reporting = summaries.get(code, (None, None, 0))
            own_value = quantize(reported.get(code))
            derived = quantize(decimal(weighted) / decimal(weights)) if weights else None
            if own_value is None and derived is None and not reporting:
                continue
            value = own_value if own_value is not None else derived
            row = (_db(own_value), _db(derived), _db(value), reporting, totals.get(code, 0))
            rows.append((indicator.pk, code, period_id, *row))
        if rows:
            cursor.executemany(
                f"INSERT INTO {AGGREGATE} ({COLUMNS}) "  # noqa: S608
                f"VALUES (%s, %s, %s, %s, %s, %s, %s, %s) {REPLACE}",
                rows,
            )


def refresh_coarse_level(indicator, coarse: periods.Period, cells: Cells) -> None:
    """A coarser period: each region aggregates its own values over the sub-periods (sum, max,
    or the newest sub-period's), and counts the children that have a value for it."""
    delete_rows(indicator, coarse.id, cells)
    sub_ids = [p.id for p in coarse.subperiods(indicator.period_type)]
    where, params = cells.match("region_id")
    own_rows = (
        f"FROM {AGGREGATE} WHERE indicator_id = %s "  # noqa: S608
        f"AND period IN ({placeholders(sub_ids)}) AND value IS NOT NULL AND {where}"
    )
    if indicator.period_aggregation == PeriodAggregationChoices.LAST:
        own = (
            "SELECT region_id, value AS v FROM (SELECT region_id, value, ROW_NUMBER() OVER "  # noqa: S608
            f"(PARTITION BY region_id ORDER BY period DESC) AS n {own_rows}) t WHERE n = 1"
        )
    else:
        function = "SUM" if indicator.period_aggregation == PeriodAggregationChoices.SUM else "MAX"
        own = f"SELECT region_id, {function}(value) AS v {own_rows} GROUP BY region_id"
    total = CHILDREN_TOTAL % {"code": "o.region_id"}
    execute(
        f"INSERT INTO {AGGREGATE} ({COLUMNS}) "  # noqa: S608
        f"SELECT %s, o.region_id, %s, NULL, o.v, o.v, 0, {total} FROM ({own}) o WHERE 1 = 1 "
        + REPLACE,
        [indicator.pk, coarse.id, indicator.pk, *sub_ids, *params],
    )
    # Children with a value for the coarse period: kecamatan and above have its summary; a
    # village has one if it has a value for any sub-period.
    child_periods = sub_ids if cells.level == "district" else [coarse.id]
    children_sql, children_params = children(cells, "NULL", indicator.pk, child_periods)
    execute(
        f"INSERT INTO {AGGREGATE} ({COLUMNS}) "  # noqa: S608
        "SELECT %s, c.parent, %s, NULL, NULL, NULL, c.reporting, "
        f"{CHILDREN_TOTAL % {'code': 'c.parent'}} FROM ({children_sql}) c WHERE 1 = 1 "
        "ON CONFLICT (indicator_id, period, region_id) DO UPDATE SET "
        "children_reporting = excluded.children_reporting",
        [indicator.pk, coarse.id, *children_params],
    )


def delete_rows(indicator: Indicator, period_id: str, cells: Cells) -> None:
    where, params = cells.match("region_id")
    execute(
        f"DELETE FROM {AGGREGATE} WHERE indicator_id = %s AND period = %s AND {where}",  # noqa: S608
        [indicator.pk, period_id, *params],
    )


def execute(sql: str, params: list) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def placeholders(items: list) -> str:
    return ", ".join(["%s"] * len(items))


def decimal(value) -> Decimal:
    """A number read by a raw query (a float on SQLite) as a Decimal."""
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _db(value: Decimal | None):
    """A summary value as the database column takes it (exact decimal text on SQLite)."""
    if value is None:
        return None
    return str(value) if connection.vendor == "sqlite" else value
