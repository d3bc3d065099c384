"""What the indicator pages show, built on the one roll-up."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Max, Q
from django.utils.translation import gettext as _

from sinergi.core.permissions import visible_regions_q
from sinergi.indicators import figures, periods, villages
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


def default_period(indicator: Indicator, region: Region, periods: list[str]) -> str | None:
    """The period a page opens on: the newest with a complete figure for the region (reported,
    or computed from every region below), else the newest with any figure or target."""
    source = indicator.numerator if indicator.is_ratio else indicator
    complete = (figures.REPORTED, figures.COMPUTED)
    rows = (
        Aggregate.objects.filter(indicator=source, region=region, period__in=periods)
        .order_by("-period")
        .values_list("period", "reported", "computed", "children_reporting", "children_total")
    )
    for period, *figure in rows:
        if figures.basis(*figure).kind in complete:
            return period
    return periods[0] if periods else None


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


def headline(indicator: Indicator, period: str, region: Region, user=None) -> RollupRow | None:
    """The region's own roll-up row (its headline), None when `user` may not see it."""
    rows = rollup(indicator, period, region, regions=visible(user).filter(code=region.code))
    return rows[0] if rows else None


def sources_below(indicator: Indicator) -> list[Indicator]:
    """The indicators whose values below a region make its computed figure: a ratio's numerator
    and denominator, a count's counted indicator (and the count reported by regions below)."""
    if indicator.is_ratio:
        return [indicator.numerator, indicator.denominator]
    if indicator.count_input_id:
        return [indicator, indicator.count_input]
    return [indicator]


def computed_at(indicator: Indicator, period: str, region: Region, user=None):
    """When the computed figure last changed: the newest `updated_at` of the values below the
    region that it is computed from (those `user` may see), in one query; None if there are none."""
    sources = sources_below(indicator)
    period_ids = set()
    for source in sources:
        try:
            period_ids.update(p.id for p in periods.parse(period).subperiods(source.period_type))
        except periods.PeriodError:  # a source coarser than the period: its own period only
            period_ids.add(period)
    return (
        DataValue.objects.restrict(user)
        .filter(indicator__in=sources, period__in=period_ids)
        .filter(code_within_q(region.code, "region_id", include_self=False))
        .aggregate(at=Max("updated_at"))["at"]
    )


@dataclass(frozen=True)
class TrendPoint:
    """One period of a region's trend, with the figure the one rule gives it (`figures.basis`):
    reported, computed from every child, or partial (computed from some children only: charts draw
    it dashed or grey, with its coverage in the tooltip)."""

    period: str
    value: Decimal | None
    basis: str
    reporting: int
    total: int
    level: str = ""  # the region's level, which names its children in the coverage text
    target: Decimal | None = None  # the region's target for the period (charts)

    @property
    def partial(self) -> bool:
        return self.basis == figures.PARTIAL

    @property
    def coverage_text(self) -> str:
        """ "computed from 1 of 10 regencies/cities" for a computed point, "" for a reported one."""
        if self.basis not in (figures.COMPUTED, figures.PARTIAL):
            return ""
        return figures.coverage_text(self.level, self.reporting, self.total)

    @property
    def source_text(self) -> str:
        return figures.source_text(self)

    # The names `figures.source_text` reads on a row.
    @property
    def children_reporting(self) -> int:
        return self.reporting

    @property
    def children_total(self) -> int:
        return self.total


def trend_point(item: tuple, level: str) -> TrendPoint:
    """A TrendPoint from a `card_series` item (period, reported, computed, reporting, total)."""
    period, reported, computed, reporting, total = item
    shown = figures.basis(reported, computed, reporting or 0, total or 0)
    value = Decimal(str(shown.value)).quantize(QUANTUM) if shown.value is not None else None
    return TrendPoint(period, value, shown.kind, reporting or 0, total or 0, level)


@dataclass
class Card:
    indicator: Indicator
    period: str | None
    row: RollupRow | None
    trend: list[TrendPoint]  # oldest first, yearly periods, each marked with its basis
    source: str

    @property
    def coverage_text(self) -> str:
        """ "computed from 2 of 10 regencies/cities" for the card's region ("" without children)."""
        if self.row is None:
            return ""
        row = self.row
        return figures.coverage_text(row.level, row.children_reporting, row.children_total)

    @property
    def computed_partial(self) -> bool:
        """The computed figure covers only some children (whichever figure the headline uses)."""
        row = self.row
        return bool(row and row.children_total and row.children_reporting < row.children_total)

    @property
    def other_text(self) -> str:
        """Beside a reported headline, the computed figure it was preferred to: "" if none."""
        row = self.row
        if row is None or row.basis != figures.REPORTED or row.computed is None:
            return ""
        values = {"value": figures.number(row.computed), "coverage": self.coverage_text}
        if self.computed_partial:
            return _("computed from the regions below: %(value)s, partial (%(coverage)s)") % values
        return _("computed from the regions below: %(value)s (%(coverage)s)") % values


def cards(region: Region, indicators, user=None) -> list[Card]:
    """One card per indicator for the region: its newest period whose figure is the region's own
    (reported, or computed from every child), else the newest with any figure (then partial, and
    marked so), with target, achievement, coverage, trend and source. Three queries in all: the
    rows come from the same summaries and the same `make_row` as the roll-up."""
    if not visible(user).filter(code=region.code).exists():
        return []
    indicators = list(indicators.select_related("numerator", "denominator"))
    needed = set()
    for ind in indicators:
        needed.update([ind.pk, ind.numerator_id, ind.denominator_id] if ind.is_ratio else [ind.pk])
    summaries = region_summaries(region, needed)
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
        points = {item[0]: trend_point(item, region.level) for item in series}
        whole = [item for item in yearly if points[item[0]].basis in WHOLE]
        latest = (whole or yearly or series or [None])[-1]
        if latest is None:
            result.append(Card(ind, None, None, [], ""))
            continue
        period, reported, computed, reporting, total = latest
        row = make_row(
            ind, region.code, region.name, region.kind, region.level,
            reported, computed, targets.get((ind.pk, period)), reporting, total,
        )  # fmt: skip
        source_id = ind.numerator_id if ind.is_ratio else ind.pk
        trend = [points[item[0]] for item in yearly[-6:]]
        result.append(Card(ind, period, row, trend, value_sources.get((source_id, period), "")))
    return result


QUANTUM = Decimal("0.0001")  # as the roll-up rows
WHOLE = (figures.REPORTED, figures.COMPUTED)  # a region's own figure: not partial, not missing


def region_summaries(region: Region, needed, within=None) -> dict:
    """{(indicator id, period): (reported, computed, reporting, total)} of one region for the
    indicators `needed`, oldest first: its stored summaries, or a village's values (it has no
    summaries: villages.py). `within`: regions the region must be among (the gate, in the same
    query)."""
    if region.level == "village":
        return villages.summaries(region.code, list(Indicator.objects.filter(pk__in=needed)))
    rows = Aggregate.objects.filter(indicator__in=needed)
    rows = rows.filter(region__in=within) if within is not None else rows.filter(region=region)
    return {
        (ind_id, period): rest
        for ind_id, period, *rest in rows.order_by("period").values_list(
            "indicator_id", "period", "reported", "computed", "children_reporting",
            "children_total",
        )
    }  # fmt: skip


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
        if num_reported is not None and den[0] is not None:
            reporting = total = 0  # from the region's own inputs, no child (as in the roll-up)
        series.append((period, own, float(num_value) * 100 / float(den_value), reporting, total))
    return series


@dataclass
class VillageGap:
    region: Region
    value: object


@dataclass
class VillageRecords:
    """What the village-level records of a count (Destana…) say below a region. They are not the
    region's figure: a region may report its count without naming the villages. `not_reached`
    lists the villages recorded below the threshold; `unrecorded` those with no village-level
    record (up to the limit), `unrecorded_count` all of them."""

    total: int
    reached: int
    not_reached: list[VillageGap]
    unrecorded: list[Region]
    unrecorded_count: int

    @property
    def recorded(self) -> int:
        return self.reached + len(self.not_reached)


def village_records(
    indicator: Indicator, period: str, region: Region, user=None, limit: int = 2000, group=None
) -> VillageRecords | None:
    """For counts of villages (Destana…): the visible villages below `region` (and in a member
    region of `group`), split into those recorded as reached, those recorded as not reached (with
    their value) and those without a village-level record. None for an indicator that does not
    count villages."""
    if not indicator.counts_villages:
        return None
    source = indicator.count_input or indicator
    values = villages.figures(source, period, region.code)
    total = reached = unrecorded_count = 0
    not_reached, unrecorded = [], []
    candidates = visible(user)
    if group is not None:
        candidates = candidates.filter(within_q(group, "code"))
    for village in (
        candidates.filter(code_within_q(region.code), level="village")
        .select_related("parent")
        .order_by("code")
        .iterator(chunk_size=2000)
    ):
        total += 1
        value = values.get(village.code)
        if value is None:
            unrecorded_count += 1
            if len(unrecorded) < limit:
                unrecorded.append(village)
        elif value >= indicator.count_threshold:
            reached += 1
        elif len(not_reached) < limit:
            not_reached.append(VillageGap(village, value))
    return VillageRecords(total, reached, not_reached, unrecorded, unrecorded_count)


def villages_not_reached(
    indicator: Indicator, period: str, region: Region, user=None, limit: int = 2000, group=None
) -> list[VillageGap]:
    """The villages below `region` recorded at village level below the threshold (a Destana
    level of 0), with their value. Villages without a record are not among them (see
    `village_records`): they are unknown at village level, not counted as not reached."""
    records = village_records(indicator, period, region, user, limit, group)
    return records.not_reached if records else []


def rows_with_targets(
    indicator: Indicator, period: str, region: Region, user=None, group=None
) -> list[RollupRow]:
    """The roll-up rows of every visible region at or below `region` (and in a member region of
    `group`, or below one) that has a target."""
    with_targets = Target.objects.filter(indicator=indicator, period=period, kind="target").filter(
        code_within_q(region.code, "region_id")
    )
    if group is not None:
        with_targets = with_targets.filter(within_q(group, "region_id"))
    return rollup(
        indicator,
        period,
        region,
        regions=visible(user).filter(code__in=with_targets.values("region_id")),
    )


JUDGED_SHORT = ("behind", "on_track")  # statuses of a figure compared with its target, not met


def regions_below_target(
    indicator: Indicator, period: str, region: Region, user=None, rows=None, group=None
) -> list[RollupRow]:
    """Every region at or below `region` (and in `group`) whose figure (the headline's: reported,
    or computed from every child) is below its target. A partial figure or none is not judged:
    see `regions_incomplete`."""
    rows = rows_with_targets(indicator, period, region, user, group) if rows is None else rows
    return [row for row in rows if row.status in JUDGED_SHORT]


def regions_incomplete(
    indicator: Indicator, period: str, region: Region, user=None, rows=None, group=None
) -> list[RollupRow]:
    """Regions with a target whose data are incomplete: only a partial computed figure, or none.
    They are not behind; they are listed apart."""
    rows = rows_with_targets(indicator, period, region, user, group) if rows is None else rows
    return [row for row in rows if row.status in ("partial", "no_data")]
