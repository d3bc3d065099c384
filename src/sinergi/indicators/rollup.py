"""The one roll-up: for an indicator, a period and a region subtree, one row per region with the
reported, computed and shown value, coverage, target, achievement, gap and status.

It reads the maintained `Aggregate` rows in one query (a LEFT JOIN per figure); values written a
moment ago are already there, as they are refreshed in the writing transaction. Villages have no
summaries: the same query reads their values (`villages.figure`).
"""

from dataclasses import asdict, dataclass
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DecimalField,
    F,
    FilteredRelation,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce

from sinergi.indicators import figures, periods, villages
from sinergi.indicators.choices import ON_TRACK_FROM, DirectionChoices, RollupStatusChoices
from sinergi.indicators.models import VALUE, Indicator
from sinergi.regions.models import Region

HUNDRED = Decimal(100)
ONE_DECIMAL = Decimal("0.1")
DECIMAL = DecimalField(**VALUE)


@dataclass
class RollupRow:
    code: str
    name: str
    level: str
    reported: Decimal | None
    computed: Decimal | None
    value: Decimal | None
    difference: Decimal | None
    target: Decimal | None
    achievement_pct: Decimal | None
    gap: Decimal | None
    children_reporting: int
    children_total: int
    status: str
    basis: str = ""  # figures.REPORTED / COMPUTED / PARTIAL / NONE: where `value` comes from

    def as_json(self) -> dict:
        return {
            **{
                key: (float(value) if isinstance(value, Decimal) else value)
                for key, value in asdict(self).items()
            },
            "partial": self.partial,
            "coverage_pct": float(self.coverage_pct) if self.coverage_pct is not None else None,
        }

    @property
    def coverage_pct(self) -> Decimal | None:
        if not self.children_total:
            return None
        return (HUNDRED * self.children_reporting / self.children_total).quantize(ONE_DECIMAL)

    @property
    def partial(self) -> bool:
        """A computed figure from only some of the children: not the region's figure."""
        return self.basis == figures.PARTIAL

    @property
    def source_text(self) -> str:
        return figures.source_text(self)

    @property
    def bar_pct(self) -> float:
        return float(min(self.achievement_pct or 0, HUNDRED))


class RollupError(ValueError):
    pass


def rollup(
    indicator: Indicator,
    period_id: str,
    region: Region | str = "52",
    level: str | None = None,
    regions=None,
) -> list[RollupRow]:
    """Rows for `region` and every region below it (or only those of `level`, or the given
    `regions` queryset), ordered by code."""
    period = periods.parse(period_id)
    if periods.ORDER.index(period.type) > periods.ORDER.index(indicator.period_type):
        raise RollupError(
            f"{indicator.code} is reported per {indicator.period_type}; {period.id} is finer"
        )
    code = getattr(region, "code", region)
    queryset = regions if regions is not None else Region.objects.within(code)
    if level:
        queryset = queryset.filter(level=level)
    own = indicator.numerator if indicator.is_ratio else indicator
    child_count = (
        Region.objects.filter(parent_id=OuterRef("code"))
        .values("parent_id")
        .annotate(n=Count("code"))
        .values("n")
    )
    queryset = queryset.annotate(
        agg=FilteredRelation(
            "aggregates", condition=Q(aggregates__indicator=indicator, aggregates__period=period.id)
        ),
        tgt=FilteredRelation(
            "targets",
            condition=Q(
                targets__indicator=indicator, targets__period=period.id, targets__kind="target"
            ),
        ),
    )

    def for_villages(source, otherwise):  # a village's own figure, else the summary's
        return Case(
            When(level="village", then=villages.figure(source, period)),
            default=otherwise,
            output_field=DECIMAL,
        )

    # A village reports its values; for a coarser period their combination is computed. (A ratio
    # is never reported: it is computed from its numerator and denominator, below.)
    native = period.type == indicator.period_type and not indicator.is_ratio
    reported = F("agg__reported")
    fields = {
        "reported_v": for_villages(indicator, reported) if native else reported,
        "target_v": F("tgt__value"),
        "reporting": F("agg__children_reporting"),
        "total": Coalesce(F("agg__children_total"), Subquery(child_count)),
    }
    if indicator.is_ratio:
        queryset = queryset.annotate(
            num=FilteredRelation(
                "aggregates", condition=Q(aggregates__indicator=own, aggregates__period=period.id)
            ),
            den=FilteredRelation(
                "aggregates",
                condition=Q(
                    aggregates__indicator=indicator.denominator, aggregates__period=period.id
                ),
            ),
        )
        queryset = queryset.annotate(
            num_v=for_villages(own, F("num__value")),
            den_v=for_villages(indicator.denominator, F("den__value")),
        )
        ratio = Case(
            When(
                den_v__gt=0,
                then=Cast(F("num_v"), FloatField()) * 100 / Cast(F("den_v"), FloatField()),
            ),
            default=Value(None, output_field=FloatField()),
        )
        # A ratio of the region's own reported numerator and denominator is computed from no
        # child (no coverage to state: complete, "computed"); one from the children's figures
        # covers the children that report the numerator.
        own_inputs = Q(num__reported__isnull=False, den__reported__isnull=False)
        fields.update(
            computed_v=ratio,
            reporting=Case(
                When(own_inputs, then=Value(0)),
                default=F("num__children_reporting"),
                output_field=IntegerField(),
            ),
            total=Case(
                When(own_inputs, then=Value(0)),
                default=fields["total"],
                output_field=IntegerField(),
            ),
        )
    else:
        computed = F("agg__computed")
        fields["computed_v"] = computed if native else for_villages(indicator, computed)
    rows = (
        queryset.annotate(**fields)
        .values_list(
            "code",
            "name",
            "kind",
            "level",
            "reported_v",
            "computed_v",
            "target_v",
            "reporting",
            "total",
        )
        .order_by("code")
    )
    return [make_row(indicator, *row) for row in rows]


def make_row(indicator, code, name, kind, level, reported, computed, target, reporting, total):
    from sinergi.regions.models import KIND_PREFIX

    q = Decimal("0.0001")
    reported = Decimal(reported).quantize(q) if reported is not None else None
    computed = Decimal(computed).quantize(q) if computed is not None else None
    target = Decimal(target).quantize(q) if target is not None else None
    shown = figures.basis(reported, computed, reporting or 0, total or 0)
    value = shown.value
    difference = reported - computed if reported is not None and computed is not None else None
    achievement = gap = None
    lower = indicator.direction == DirectionChoices.LOWER
    if value is not None and target is not None:
        if lower:
            achievement = (HUNDRED * target / value) if value else None
            gap = value - target
        else:
            achievement = (HUNDRED * value / target) if target else None
            gap = target - value
        if achievement is not None:
            achievement = achievement.quantize(ONE_DECIMAL)
    if value is None:
        status = RollupStatusChoices.NO_DATA
    elif shown.partial:
        status = RollupStatusChoices.PARTIAL
    elif target is None or achievement is None:
        status = RollupStatusChoices.NO_TARGET
    elif achievement >= 100:
        status = RollupStatusChoices.ACHIEVED
    elif achievement >= ON_TRACK_FROM:
        status = RollupStatusChoices.ON_TRACK
    else:
        status = RollupStatusChoices.BEHIND
    prefix = KIND_PREFIX.get(kind)
    return RollupRow(
        code=code,
        name=f"{prefix} {name}" if prefix else name,
        level=level,
        reported=reported,
        computed=computed,
        value=value,
        difference=difference,
        target=target,
        achievement_pct=achievement,
        gap=gap,
        children_reporting=reporting or 0,
        children_total=total or 0,
        status=str(status),
        basis=shown.kind,
    )
