"""Property: after any sequence of writes and deletions, at any levels, the maintained summaries
equal a full recomputation from the raw values (the same check as `sinergi rollup --verify`)."""

from contextlib import nullcontext

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sinergi.indicators import aggregates, reference
from sinergi.indicators.models import Aggregate, DataValue, Indicator
from sinergi.indicators.rollup import rollup
from sinergi.indicators.services import ValueChange, save_values

pytestmark = pytest.mark.django_db

# A slice of the real tree: villages of two kecamatan in two regencies, their kecamatan,
# regencies and the province, so values land at every level.
REGIONS = [
    "52", "52.71", "52.03", "52.71.01", "52.71.02", "52.03.05",
    "52.71.01.1004", "52.71.01.1005", "52.71.01.1006", "52.71.02.1001", "52.71.02.1002",
    "52.03.05.2001", "52.03.05.2002",
]  # fmt: skip
VILLAGES = [code for code in REGIONS if code.count(".") == 3]

writes = st.lists(
    st.tuples(
        st.sampled_from(["weight", "amount", "latest", "level"]),
        st.sampled_from(REGIONS),
        st.one_of(st.none(), st.integers(min_value=0, max_value=3)),
        st.sampled_from(["2023", "202301", "202302"]),
    ),
    min_size=1,
    max_size=25,
)


@pytest.fixture
def indicators():
    weight = Indicator.objects.create(code="weight", name="w", aggregation="sum")
    return {
        "weight": weight,
        "amount": Indicator.objects.create(
            code="amount",
            name="a",
            aggregation="max",
            period_type="month",
            period_aggregation="sum",
        ),
        "latest": Indicator.objects.create(
            code="latest",
            name="l",
            aggregation="sum",
            period_type="month",
            period_aggregation="last",
        ),
        "rate": Indicator.objects.create(
            code="rate", name="r", aggregation="weighted_average", weight=weight
        ),
        "level": Indicator.objects.get(code="destana_level"),
        "formed": Indicator.objects.get(code="destana_formed"),
    }


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=writes)
def test_summaries_always_equal_a_recomputation(indicators, steps):
    check_writes(indicators, steps)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=writes)
def test_whole_level_refresh_equals_a_recomputation(indicators, steps, monkeypatch):
    """Large writes refresh whole levels in one statement each; force that for every write."""
    monkeypatch.setattr(aggregates, "MANY_CODES", 0)
    check_writes(indicators, steps)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=writes)
def test_summaries_refreshed_once_at_the_end_equal_a_recomputation(indicators, steps):
    """An import writes all its periods, then refreshes their summaries once."""
    check_writes(indicators, steps, once=True)


def check_writes(indicators, steps, once=False):
    DataValue.objects.all().delete()
    Aggregate.objects.all().delete()
    with aggregates.refreshed_once() if once else nullcontext():
        for name, region, value, period in steps:
            indicator = indicators[name]
            monthly = name in ("amount", "latest")
            period = (period if len(period) == 6 else "202301") if monthly else "2023"
            if name == "level" and region not in VILLAGES:
                region = VILLAGES[len(region) % len(VILLAGES)]
            save_values(indicator, period, [ValueChange(region, value)])
            if name == "weight":  # the weighted rate follows the weights
                save_values(indicators["rate"], "2023", [ValueChange(region, value)])
    checks = [
        ("weight", "2023"), ("rate", "2023"), ("level", "2023"), ("formed", "2023"),
        ("amount", "202301"), ("amount", "202302"), ("amount", "2023Q1"), ("amount", "2023"),
        ("latest", "202301"), ("latest", "202302"), ("latest", "2023Q1"), ("latest", "2023"),
    ]  # fmt: skip
    for name, period in checks:
        assert reference.verify(indicators[name], period) == [], (name, period)
        expected = reference.recompute(indicators[name], period)
        for row in rollup(indicators[name], period, "52", regions=None):
            assert row.value == expected[row.code][2], (name, period, row.code)
            check_basis(row, expected[row.code])


def check_basis(row, expected):
    """The honest-figure rule, restated: a reported figure is the headline; a figure computed from
    only some children is partial (never judged against a target); villages have no children, so
    theirs is never partial."""
    reported, computed, _value, reporting, total = expected
    if reported is not None:
        want = "reported"
    elif computed is None:
        want = ""
    else:
        want = "partial" if reporting < total else "computed"
    assert row.basis == want, (row.code, expected, row.basis)
    assert (row.status == "partial") == (want == "partial"), (row.code, row.status)
    assert row.children_reporting == reporting and row.children_total == total, row.code
