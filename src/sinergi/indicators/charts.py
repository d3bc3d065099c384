"""The indicator charts: trend per region, achievement of the children ranked, and villages by
ordered level over time (Destana Pratama/Madya/Utama).

Every figure comes from the summaries through the gate (`reports.visible`), and whether a figure
is partial comes from the one rule, `figures.basis`, on the Aggregate row of the region and
period: a partial figure is drawn marked (dashed, hollow, grey) with its coverage, never as the
region's figure.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count
from django.utils.translation import gettext as _

from sinergi.core.charts import Chart, number
from sinergi.indicators import figures, periods, reports, villages
from sinergi.indicators.choices import ValueTypeChoices
from sinergi.indicators.models import DataValue, Indicator, Target
from sinergi.indicators.reports import TrendPoint
from sinergi.regions.models import Region
from sinergi.regions.querysets import code_within_q


def trend(
    indicator: Indicator, region: Region, user=None, period_type: str = periods.YEAR
) -> list[TrendPoint]:
    """The region's figure per period of `period_type` (yearly by default), oldest first, with
    the target and the basis of each; periods with only a target are included (value None).
    Empty when the region is outside what `user` may see."""
    needed = {indicator.pk}
    if indicator.is_ratio:
        needed |= {indicator.numerator_id, indicator.denominator_id}
    visible = reports.visible(user).filter(code=region.code)
    if region.level == "village" and not visible.exists():  # villages: no summaries to gate
        return []
    summaries = reports.region_summaries(region, needed, within=visible)
    series = {
        period: (reported, computed, reporting or 0, total or 0)
        for period, reported, computed, reporting, total in reports.card_series(
            indicator, summaries
        )
        if periods.parse(period).type == period_type
    }
    targets = {
        period: value
        for period, value in Target.objects.filter(
            indicator=indicator, region__in=visible, kind="target"
        ).values_list("period", "value")
        if periods.parse(period).type == period_type
    }
    points = []
    for period in sorted(set(series) | set(targets)):
        reported, computed, reporting, total = series.get(period, (None, None, 0, 0))
        shown = figures.basis(
            _decimal(reported), _decimal(computed), reporting or 0, total or 0
        )  # the one rule
        points.append(
            TrendPoint(
                period=period,
                value=shown.value,
                target=targets.get(period),
                basis=shown.kind,
                reporting=reporting,
                total=total,
                level=region.level,
            )
        )
    return points


def _decimal(value):
    if value is None or isinstance(value, Decimal):
        return value
    return Decimal(str(value)).quantize(Decimal("0.0001"))


def trend_chart(indicator: Indicator, region: Region, user=None, period_type=periods.YEAR):
    points = trend(indicator, region, user, period_type)
    value_label, target_label = _("Value"), _("Target")
    tooltips = []
    for point in points:
        lines = [point.period, f"{value_label}: {figures.number(point.value)}"]
        if point.target is not None:
            lines.append(f"{target_label}: {figures.number(point.target)}")
        lines.append(point.source_text)
        tooltips.append(lines)
    suffix = "" if period_type == periods.YEAR else f"-{period_type}"
    partial_count = sum(1 for point in points if point.partial)
    notes = []
    if partial_count:
        notes.append(
            _(
                "Dashed line and hollow points: partial figures, computed from only some of the "
                "regions below; they are not the region's figure."
            )
        )
    return Chart(
        id=f"trend{suffix}",
        title=_("Trend: %(region)s") % {"region": region},
        caption=_("%(indicator)s in %(region)s per %(period)s, with the target")
        % {
            "indicator": indicator.name,
            "region": region,
            "period": dict(periods_labels()).get(period_type, period_type),
        },
        columns=[
            _("Period"),
            value_label,
            target_label,
            _("Source"),
            _("Children reporting"),
            _("Children total"),
        ],
        rows=[
            [p.period, p.value, p.target, p.source_text, p.reporting or None, p.total or None]
            for p in points
        ],
        marked=[p.partial for p in points],
        notes=notes,
        filename=f"{indicator.code}-{region.code}-trend{suffix}",
        spec={
            "type": "trend",
            "categories": [p.period for p in points],
            "values": [number(p.value) for p in points],
            "targets": [number(p.target) for p in points],
            "partial": [p.partial for p in points],
            "tooltips": tooltips,
            "labels": {
                "value": value_label,
                "target": target_label,
                "partial": _("partial"),
                "unit": indicator.unit,
            },
        },
    )


def periods_labels():
    return [
        (periods.YEAR, _("year")),
        (periods.QUARTER, _("quarter")),
        (periods.MONTH, _("month")),
    ]


def ranked_chart(
    indicator: Indicator, period: str, region: Region, user=None, rows=None
) -> Chart | None:
    """The children of `region` ranked by achievement (by value when none of them has a
    target); partial children marked, children without a target or a figure listed apart.
    `rows`: (own, children) of `reports.region_and_children` when the caller has them."""
    own, children = rows or reports.region_and_children(indicator, period, region, user)
    if own is None or not children:
        return None
    by_achievement = any(row.achievement_pct is not None for row in children)
    field = "achievement_pct" if by_achievement else "value"
    ranked = sorted(
        (row for row in children if getattr(row, field) is not None),
        key=lambda row: getattr(row, field),
        reverse=True,
    )
    no_data = [row.name for row in children if row.value is None]
    no_target = [
        row.name
        for row in children
        if by_achievement and row.value is not None and row.target is None
    ]
    notes = []
    if no_target:
        notes.append(_("No target: %(names)s") % {"names": ", ".join(no_target)})
    if no_data:
        notes.append(_("No figure: %(names)s") % {"names": ", ".join(no_data)})
    if any(row.partial for row in ranked):
        notes.append(
            _("Grey bars: partial figures (computed from only some of the regions below).")
        )
    metric = _("Achievement %") if by_achievement else _("Value")
    tooltips = [
        [
            row.name,
            f"{_('Value')}: {figures.number(row.value)}",
            f"{_('Target')}: {figures.number(row.target)}",
            f"{_('Achievement %')}: {figures.number(row.achievement_pct)}",
            row.source_text,
        ]
        for row in ranked
    ]
    ordered = ranked + [row for row in children if row not in ranked]
    return Chart(
        id="ranked",
        title=_("%(metric)s by region, %(period)s") % {"metric": metric, "period": period},
        caption=_("The regions below %(region)s ranked by %(metric)s, %(period)s")
        % {"region": region, "metric": metric.lower(), "period": period},
        columns=[
            _("Code"),
            _("Region"),
            _("Value"),
            _("Target"),
            _("Achievement %"),
            _("Source"),
        ],
        rows=[
            [r.code, r.name, r.value, r.target, r.achievement_pct, r.source_text] for r in ordered
        ],
        marked=[r.partial for r in ordered],
        notes=notes,
        filename=f"{indicator.code}-{region.code}-{period}-ranked",
        spec={
            "type": "bars",
            "horizontal": True,
            "categories": [row.name for row in ranked],
            "series": [{"name": metric, "data": [number(getattr(r, field)) for r in ranked]}],
            "partial": [row.partial for row in ranked],
            "tooltips": tooltips,
            "reference": 100 if by_achievement else None,
            "labels": {"partial": _("partial")},
        },
    )


def level_indicator(indicator: Indicator) -> Indicator | None:
    """The ordered-level indicator behind `indicator` (itself, or the level it counts)."""
    if indicator.value_type == ValueTypeChoices.LEVEL:
        return indicator
    source = indicator.count_input
    if source is not None and source.value_type == ValueTypeChoices.LEVEL:
        return source
    return None


@dataclass(frozen=True)
class LevelYear:
    period: str
    counts: list[int]  # villages at level 1, 2, … (Pratama, Madya, Utama)
    recorded: int  # villages with a level recorded (0 = none included)
    total: int  # villages in the region that `user` may see


def level_counts(indicator: Indicator, region: Region, user=None) -> list[LevelYear]:
    """Per year, how many villages below `region` are at each level (their yearly figure, as the
    roll-up reads it), among the villages `user` may see."""
    visible = reports.visible(user).filter(code_within_q(region.code), level="village")
    if region.level == "village":
        visible = reports.visible(user).filter(code=region.code)
    found = (
        DataValue.objects.filter(indicator=indicator, region__in=visible)
        .values_list("period", flat=True)
        .distinct()
    )
    years = sorted({str(periods.parse(period).year) for period in found})
    if not years:
        return []
    codes = set(visible.values_list("code", flat=True))
    result = []
    for year in years:
        if indicator.period_type == periods.YEAR:
            rows = (
                DataValue.objects.filter(indicator=indicator, period=year, region__in=visible)
                .values_list("value")
                .annotate(n=Count("pk"))
                .order_by()
            )
            by_level: dict[int, int] = {}
            for value, n in rows:
                by_level[int(value)] = by_level.get(int(value), 0) + n
        else:
            by_level = {}
            for code, value in villages.figures(indicator, year, region.code).items():
                if code in codes:
                    by_level[int(value)] = by_level.get(int(value), 0) + 1
        counts = [by_level.get(level, 0) for level in range(1, len(indicator.levels) + 1)]
        result.append(LevelYear(year, counts, sum(by_level.values()), len(codes)))
    return result


def levels_chart(indicator: Indicator, region: Region, user=None) -> Chart | None:
    level = level_indicator(indicator)
    if level is None:
        return None
    years = level_counts(level, region, user)
    recorded = _("Villages with a level recorded")
    total = _("Villages")
    return Chart(
        id="levels",
        title=_("%(indicator)s by level") % {"indicator": level.name},
        caption=_("Villages at each level per year in %(region)s") % {"region": region},
        columns=[_("Year"), *level.levels, recorded, total],
        rows=[[y.period, *y.counts, y.recorded, y.total] for y in years],
        filename=f"{level.code}-{region.code}-levels",
        notes=[_("No village levels recorded yet in this region.")] if not years else [],
        spec={
            "type": "bars",
            "stacked": True,
            "integer": True,
            "categories": [y.period for y in years],
            "series": [
                {"name": name, "data": [y.counts[i] for y in years]}
                for i, name in enumerate(level.levels)
            ],
            "tooltips": [
                [
                    y.period,
                    *(f"{name}: {y.counts[i]}" for i, name in enumerate(level.levels)),
                    _("%(n)s of %(total)s villages have a level recorded")
                    % {"n": y.recorded, "total": y.total},
                ]
                for y in years
            ],
        },
    )


def indicator_charts(
    indicator: Indicator, period: str, region: Region, user=None, rows=None
) -> list[Chart]:
    """The charts of an indicator page: trend (yearly, and the indicator's own finer periods),
    the children ranked, and villages by level for ordered-level indicators (Destana).
    `rows`: (own, children) of `reports.region_and_children` when the caller has them."""
    charts = [trend_chart(indicator, region, user)]
    if indicator.period_type != periods.YEAR:
        charts.append(trend_chart(indicator, region, user, indicator.period_type))
    ranked = ranked_chart(indicator, period, region, user, rows)
    if ranked is not None:
        charts.append(ranked)
    levels = levels_chart(indicator, region, user)
    if levels is not None:
        charts.append(levels)
    return charts
