"""An independent, plain-Python recomputation of the aggregates from the raw values.

Used by `sinergi rollup --verify` and by the property-based tests to prove that the maintained
summaries always equal a full recomputation. Slow by design (it reads every value); never used
to serve pages.
"""

from collections import defaultdict
from decimal import Decimal

from sinergi.indicators import periods
from sinergi.indicators.aggregates import quantize
from sinergi.indicators.choices import AggregationChoices, PeriodAggregationChoices
from sinergi.indicators.models import Aggregate, DataValue, Indicator
from sinergi.regions.codes import CODE_WIDTH
from sinergi.regions.models import Region
from sinergi.regions.querysets import code_within_q

Row = tuple  # (reported, computed, value, children_reporting, children_total)


def tree(root: str):
    regions = list(Region.objects.within(root).values_list("code", "parent_id", "level"))
    children = defaultdict(list)
    for code, parent, _level in regions:
        if parent:
            children[parent].append(code)
    levels = {code: level for code, _parent, level in regions}
    return regions, children, levels


def raw(indicator: Indicator, period_id: str) -> dict[str, Decimal]:
    return dict(
        DataValue.objects.filter(indicator=indicator, period=period_id).values_list(
            "region_id", "value"
        )
    )


def native(indicator: Indicator, period_id: str, root: str, memo: dict) -> dict[str, Row]:
    key = (indicator.pk, period_id)
    if key in memo:
        return memo[key]
    regions, children, levels = tree(root)
    reported = raw(indicator, period_id)
    counted = weights = None
    if indicator.counts_villages and indicator.count_input_id not in (None, indicator.pk):
        counted = native(indicator.count_input, period_id, root, memo)
    if indicator.aggregation == AggregationChoices.WEIGHTED_AVERAGE:
        weights = native(indicator.weight, period_id, root, memo)
    rows: dict[str, Row] = {}

    def visit(code: str) -> Row:
        if code in rows:
            return rows[code]
        kids = children.get(code, [])
        kid_rows = [visit(kid) for kid in kids]
        computed, reporting = None, 0
        if kids and indicator.aggregation != AggregationChoices.NONE:
            if indicator.counts_villages and levels[code] == "district":
                source = [counted[kid] for kid in kids] if counted else kid_rows
                values = [r[2] for r in source if r[2] is not None]
                reporting = len(values)
                computed = (
                    Decimal(sum(1 for v in values if v >= indicator.count_threshold))
                    if values
                    else None
                )
            else:
                present = [
                    (kid, row[2])
                    for kid, row in zip(kids, kid_rows, strict=True)
                    if row[2] is not None
                ]
                reporting = len(present)
                values = [v for _kid, v in present]
                if values:
                    if indicator.aggregation == AggregationChoices.WEIGHTED_AVERAGE:
                        pairs = [
                            (v, weights[kid][2])
                            for kid, v in present
                            if weights[kid][2] is not None
                        ]
                        total = sum((w for _v, w in pairs), Decimal(0))
                        computed = (
                            sum((v * w for v, w in pairs), Decimal(0)) / total if total else None
                        )
                    elif indicator.aggregation == AggregationChoices.MIN:
                        computed = min(values)
                    elif indicator.aggregation == AggregationChoices.MAX:
                        computed = max(values)
                    else:
                        computed = sum(values, Decimal(0))
        own, derived = quantize(reported.get(code)), quantize(computed)
        row = (own, derived, own if own is not None else derived, reporting, len(kids))
        rows[code] = row
        return row

    for code, _parent, _level in regions:
        visit(code)
    memo[key] = rows
    return rows


def recompute(indicator: Indicator, period_id: str, root: str = "52") -> dict[str, Row]:
    """{region code: (reported, computed, value, children_reporting, children_total)}."""
    period = periods.parse(period_id)
    memo: dict = {}
    if period.type == indicator.period_type:
        return native(indicator, period_id, root, memo)
    subs = [native(indicator, p.id, root, memo) for p in period.subperiods(indicator.period_type)]
    regions, children, _levels = tree(root)
    values = {}
    for code, _parent, _level in regions:
        series = [sub[code][2] for sub in subs if sub[code][2] is not None]
        if not series:
            values[code] = None
        elif indicator.period_aggregation == PeriodAggregationChoices.SUM:
            values[code] = sum(series, Decimal(0))
        elif indicator.period_aggregation == PeriodAggregationChoices.MAX:
            values[code] = max(series)
        else:
            values[code] = series[-1]
    return {
        code: (
            None,
            quantize(values[code]),
            quantize(values[code]),
            sum(1 for kid in children.get(code, []) if values[kid] is not None),
            len(children.get(code, [])),
        )
        for code, _parent, _level in regions
    }


def verify(indicator: Indicator, period_id: str, root: str = "52") -> list[str]:
    """Differences between the maintained aggregates and a recomputation from the raw values.
    Villages have no stored summaries (a stored one is a difference); their figures are read
    from their values, which the roll-up tests compare with `recompute`."""
    expected = {
        code: row
        for code, row in recompute(indicator, period_id, root).items()
        if (row[2] is not None or row[3]) and len(code) != CODE_WIDTH["village"]
    }
    rows = Aggregate.objects.filter(
        code_within_q(root, "region_id"), indicator=indicator, period=period_id
    )
    stored = {
        region: (quantize(reported), quantize(computed), quantize(value), reporting, total)
        for region, reported, computed, value, reporting, total in rows.values_list(
            "region_id", "reported", "computed", "value", "children_reporting", "children_total"
        )
    }
    problems = []
    for code in sorted(set(expected) | set(stored)):
        if expected.get(code) != stored.get(code):
            problems.append(f"{code}: stored {stored.get(code)}, recomputed {expected.get(code)}")
    return problems
