from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from sinergi.indicators import reference
from sinergi.indicators.models import Aggregate, DataValue, Indicator, Target
from sinergi.indicators.rollup import rollup
from sinergi.indicators.services import ValueChange, ValueErrors, save_value, save_values
from sinergi.testing import make_user

pytestmark = pytest.mark.django_db

AMPENAN = ["52.71.01.1004", "52.71.01.1005", "52.71.01.1006", "52.71.01.1007"]  # of 10 kelurahan
MATARAM_DISTRICTS = 6


def indicator(code="x", **fields):
    fields.setdefault("name", code)
    return Indicator.objects.create(code=code, **fields)


def row(rows, code):
    return next(r for r in rows if r.code == code)


def put(ind, period, values: dict, user=None):
    save_values(ind, period, [ValueChange(code, value) for code, value in values.items()], user)


def test_sum_rolls_up_every_level_with_coverage():
    ind = indicator("posyandu_x")
    put(ind, "2023", dict(zip(AMPENAN, [1, 2, 3, 4], strict=True)))
    put(ind, "2023", {"52.71.02": 10})
    rows = rollup(ind, "2023", "52")
    ampenan = row(rows, "52.71.01")
    assert (ampenan.reported, ampenan.computed, ampenan.value) == (None, Decimal(10), Decimal(10))
    assert (ampenan.children_reporting, ampenan.children_total) == (4, 10)
    mataram = row(rows, "52.71")
    assert mataram.value == 20 and (mataram.children_reporting, mataram.children_total) == (2, 6)
    ntb = row(rows, "52")
    assert ntb.value == 20 and (ntb.children_reporting, ntb.children_total) == (1, 10)
    assert row(rows, "52.03").value is None and row(rows, "52.03").children_total == 21


def test_reported_wins_and_the_difference_is_shown():
    ind = indicator()
    put(ind, "2023", dict(zip(AMPENAN, [1, 2, 3, 4], strict=True)))
    put(ind, "2023", {"52.71.01": 12})
    ampenan = row(rollup(ind, "2023", "52.71"), "52.71.01")
    assert (ampenan.reported, ampenan.computed, ampenan.value, ampenan.difference) == (
        12,
        10,
        12,
        2,
    )
    assert row(rollup(ind, "2023", "52"), "52").value == 12  # parents use the shown value


@pytest.mark.parametrize(("aggregation", "expected"), [("min", 1), ("max", 4), ("sum", 10)])
def test_min_max_sum(aggregation, expected):
    ind = indicator(aggregation=aggregation)
    put(ind, "2023", dict(zip(AMPENAN, [3, 1, 4, 2], strict=True)))
    assert row(rollup(ind, "2023", "52.71"), "52.71.01").computed == expected


def test_not_aggregated_shows_only_reported_values():
    ind = indicator(aggregation="none", value_type="percentage")
    put(ind, "2023", {"52.71": "14.24", "52.71.01": "8.83"})
    rows = rollup(ind, "2023", "52")
    assert row(rows, "52.71").value == Decimal("14.24") and row(rows, "52").value is None


def test_weighted_average_weighs_children():
    children = indicator("children", aggregation="sum")
    rate = indicator(
        "rate", value_type="percentage", aggregation="weighted_average", weight=children
    )
    put(children, "2023", {"52.71.01": 100, "52.71.02": 300})
    put(rate, "2023", {"52.71.01": 10, "52.71.02": 20, "52.71.03": 50})  # 52.71.03 has no weight
    mataram = row(rollup(rate, "2023", "52.71"), "52.71")
    assert mataram.computed == Decimal("17.5")
    assert mataram.children_reporting == 3
    put(children, "2023", {"52.71.03": 100})  # a weight arriving later updates the average
    assert row(rollup(rate, "2023", "52.71"), "52.71").computed == Decimal("24")


def test_destana_counts_villages_at_or_above_pratama():
    level = Indicator.objects.get(code="destana_level")
    formed = Indicator.objects.get(code="destana_formed")
    put(level, "2023", dict(zip(AMPENAN, [0, 1, 2, 3], strict=True)))
    put(level, "2023", {"52.03.05.2001": 1})
    rows = rollup(formed, "2023", "52")
    ampenan = row(rows, "52.71.01")
    assert (ampenan.value, ampenan.children_reporting, ampenan.children_total) == (3, 4, 10)
    assert row(rows, "52.71").value == 3 and row(rows, "52").value == 4
    level_rows = rollup(level, "2023", "52")
    assert row(level_rows, "52.71.01").value == 3  # the level indicator itself counts too
    put(formed, "2023", {"52": 434})
    ntb = row(rollup(formed, "2023", "52"), "52")
    assert (ntb.reported, ntb.computed, ntb.value, ntb.difference) == (434, 4, 434, 430)


def test_target_achievement_gap_and_status_by_direction():
    formed = Indicator.objects.get(code="destana_formed")
    save_value(formed, "52", "2023", 434)
    Target.objects.create(indicator=formed, region_id="52", period="2023", value=567)
    ntb = rollup(formed, "2023", "52", level="province")[0]
    assert (ntb.value, ntb.target, ntb.achievement_pct, ntb.gap) == (434, 567, Decimal("76.5"), 133)
    assert ntb.status == "on_track"
    stunting = indicator("stunting", value_type="percentage", aggregation="none", direction="lower")
    save_value(stunting, "52", "2023", 24.6)
    Target.objects.create(indicator=stunting, region_id="52", period="2023", value=14)
    ntb = rollup(stunting, "2023", "52", level="province")[0]
    assert (
        ntb.achievement_pct == Decimal("56.9")
        and ntb.gap == Decimal("10.6")
        and ntb.status == "behind"
    )


def test_ratio_is_computed_from_numerator_and_denominator():
    part = indicator("posyandu_keluarga")
    whole = indicator("posyandu")
    share = indicator(
        "share", value_type="percentage", numerator=part, denominator=whole, aggregation="none"
    )
    put(part, "2020", {"52": 1825, "52.06": 481})
    put(whole, "2020", {"52": 7379, "52.06": 660})
    rows = rollup(share, "2020", "52")
    assert row(rows, "52").value == Decimal("24.7323")
    assert row(rows, "52.06").value == Decimal("72.8788")
    assert row(rows, "52.05").value is None


@pytest.mark.parametrize(
    ("how", "year", "q1"), [("sum", 60, 30), ("last", 30, 20), ("max", 30, 20)]
)
def test_period_aggregation(how, year, q1):
    ind = indicator(period_type="month", period_aggregation=how)
    put(ind, "202301", {"52.71.01.1004": 10})
    put(ind, "202302", {"52.71.01.1004": 20})
    put(ind, "202305", {"52.71.01.1004": 30})
    assert row(rollup(ind, "2023", "52"), "52.71.01.1004").value == year
    assert row(rollup(ind, "2023Q1", "52"), "52.71.01.1004").value == q1
    assert row(rollup(ind, "2023", "52"), "52").value == year
    assert reference.verify(ind, "2023") == [] and reference.verify(ind, "2023Q1") == []


def test_deleting_a_value_updates_the_parents():
    ind = indicator()
    put(ind, "2023", {AMPENAN[0]: 5, AMPENAN[1]: 6})
    put(ind, "2023", {AMPENAN[0]: ""})
    assert row(rollup(ind, "2023", "52"), "52").value == 6
    put(ind, "2023", {AMPENAN[1]: None})
    assert not Aggregate.objects.filter(indicator=ind).exists()


def test_bad_values_are_named_and_nothing_is_written():
    level = Indicator.objects.get(code="destana_level")
    with pytest.raises(ValueErrors) as info:
        put(level, "2023", {AMPENAN[0]: 2, AMPENAN[1]: 4, AMPENAN[2]: "abc", "52.99.99.9999": 1})
    errors = info.value.errors
    assert set(errors) == {AMPENAN[1], AMPENAN[2], "52.99.99.9999"}
    assert "0" in errors[AMPENAN[1]] and "3" in errors[AMPENAN[1]]
    assert not DataValue.objects.filter(indicator=level).exists()
    with pytest.raises(ValueErrors, match="per"):
        put(level, "2023Q1", {AMPENAN[0]: 1})
    yes_no = indicator("posyandu_aktif", value_type="yes_no", aggregation="count_yes")
    with pytest.raises(ValueErrors):
        put(yes_no, "2023", {AMPENAN[0]: 2})


def test_optimistic_lock_refuses_a_stale_save_and_says_who():
    ind = indicator()
    alice, bob = make_user("alice", role="operator"), make_user("bob", role="operator")
    save_value(ind, AMPENAN[0], "2023", 5, alice, version=0)
    save_value(ind, AMPENAN[0], "2023", 6, alice, version=1)
    with pytest.raises(ValueErrors) as info:
        save_value(ind, AMPENAN[0], "2023", 7, bob, version=1)
    assert "alice" in info.value.errors[AMPENAN[0]]
    assert info.value.conflicts[0].version == 2
    assert DataValue.objects.get(indicator=ind).value == 6
    with pytest.raises(ValueErrors):  # someone created it while bob's form showed it empty
        save_value(ind, AMPENAN[0], "2023", 8, bob, version=0)


def test_rollup_command_json(capsys):
    import json

    formed = Indicator.objects.get(code="destana_formed")
    save_value(formed, "52", "2023", 434)
    Target.objects.create(indicator=formed, region_id="52", period="2023", value=567)
    call_command(
        "rollup", "destana_formed", "2023", "--region", "52", "--level", "province", "--json"
    )
    data = json.loads(capsys.readouterr().out)
    assert data == [
        {
            "code": "52",
            "name": "Provinsi Nusa Tenggara Barat",
            "level": "province",
            "reported": 434.0,
            "computed": None,
            "value": 434.0,
            "target": 567.0,
            "achievement_pct": 76.5,
            "children_reporting": 0,
            "children_total": 10,
            "basis": "reported",
            "partial": False,
            "coverage_pct": 0.0,
            "status": "on_track",
        },
    ]
    call_command("rollup", "destana_formed", "2023", "--level", "regency", "--json")
    assert len(json.loads(capsys.readouterr().out)) == 10
    call_command("rollup", "destana_formed", "2023", "--verify")
    assert "agree" in capsys.readouterr().out


def test_rebuild_repairs_tampered_summaries(capsys):
    ind = indicator()
    put(ind, "2023", dict(zip(AMPENAN, [1, 2, 3, 4], strict=True)))
    Aggregate.objects.filter(indicator=ind, region_id="52.71").update(value=99, computed=99)
    assert reference.verify(ind, "2023") != []
    with pytest.raises(CommandError, match="differ"):
        call_command("rollup", ind.code, "2023", "--verify")
    call_command("rollup", ind.code, "2023", "--rebuild")
    assert reference.verify(ind, "2023") == []
    assert row(rollup(ind, "2023", "52"), "52.71").value == 10


def test_migration_0006_removes_only_the_village_summaries():
    """Villages lost their stored summaries (their figures are read from their values)."""
    import importlib

    from django.db import connection

    migration = importlib.import_module("sinergi.indicators.migrations.0006_no_village_summaries")
    ind = indicator()
    put(ind, "2023", {AMPENAN[0]: 5})
    Aggregate.objects.create(indicator=ind, region_id=AMPENAN[0], period="2023", value=5)
    assert reference.verify(ind, "2023") == [
        f"{AMPENAN[0]}: stored (None, None, Decimal('5.0000'), 0, 0), recomputed None"
    ]
    with connection.cursor() as cursor:
        cursor.execute(migration.DELETE)
    assert set(Aggregate.objects.filter(indicator=ind).values_list("region_id", flat=True)) == {
        "52.71.01", "52.71", "52"
    }  # fmt: skip
    assert reference.verify(ind, "2023") == []
    assert row(rollup(ind, "2023", "52.71.01"), AMPENAN[0]).value == 5
