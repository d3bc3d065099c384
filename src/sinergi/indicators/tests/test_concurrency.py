"""Two writers of the same indicator and period at once (two regencies' operators saving, two
imports running). Summaries of a common ancestor must count both writes.

On PostgreSQL (READ COMMITTED) a statement only sees what was committed when it began: without
a lock, the second writer computed the province from the regencies it could see and, once the
first committed, overwrote the province's summary with that figure. SQLite has one writer at a
time (transactions begin IMMEDIATE), so only PostgreSQL is tested here.
"""

import threading
import time

import pytest
from django.db import connection, connections, transaction

from sinergi.indicators import reference
from sinergi.indicators.models import Indicator
from sinergi.indicators.rollup import rollup
from sinergi.indicators.services import ValueChange, save_values

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="SQLite serializes writers by itself"
    ),
]


def run_together(*threads):
    """Start the writers, then wait for them (each ends by closing its own connection)."""
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)


def overlap(first_work, second_work) -> dict:
    """Run `first_work` in a transaction held open for a second after it, and meanwhile, in
    another thread, `second_work`; return what each raised, by "first" and "second"."""
    first_done, raised = threading.Event(), {}

    def first():
        try:
            with transaction.atomic():
                first_work()
                first_done.set()
                time.sleep(1.0)
        except Exception as exc:  # noqa: BLE001 - returned to the test
            raised["first"] = exc
        finally:
            first_done.set()
            connections.close_all()

    def second():
        try:
            first_done.wait(10)
            second_work()
        except Exception as exc:  # noqa: BLE001 - returned to the test
            raised["second"] = exc
        finally:
            connections.close_all()

    run_together(threading.Thread(target=first), threading.Thread(target=second))
    return raised


MATARAM = ["52.71.01.1004", "52.71.01.1005"]
LOMBOK_BARAT = ["52.01.01.2002", "52.01.01.2003"]


def test_two_writers_of_one_indicator_and_period_both_count_in_the_province():
    from sinergi.testing import load_ntb, reseed

    reseed()
    load_ntb()
    indicator = Indicator.objects.create(code="posyandu_x", name="Posyandu")
    raised = overlap(
        lambda: save_values(indicator, "2023", [ValueChange(code, 1) for code in MATARAM]),
        lambda: save_values(indicator, "2023", [ValueChange(code, 10) for code in LOMBOK_BARAT]),
    )
    assert raised == {}
    province = next(r for r in rollup(indicator, "2023", "52") if r.code == "52")
    assert province.value == 22 and province.children_reporting == 2
    assert reference.verify(indicator, "2023") == []


def test_two_imports_of_the_same_indicators_in_opposite_order_both_land(tmp_path, monkeypatch):
    """An import locks every indicator of its file at the start: two files naming the same two
    indicators in opposite order cannot each hold one and wait for the other (a deadlock, which
    PostgreSQL would end by aborting one of them)."""
    from sinergi.indicators import imports
    from sinergi.testing import load_ntb, reseed

    reseed()
    load_ntb()
    one = Indicator.objects.create(code="satu", name="Satu")
    two = Indicator.objects.create(code="dua", name="Dua")
    header = "region,indicator,period,value\n"
    first_file = tmp_path / "pertama.csv"
    first_file.write_text(header + f"{MATARAM[0]},satu,2023,1\n{MATARAM[0]},dua,2023,2\n")
    second_file = tmp_path / "kedua.csv"
    second_file.write_text(header + f"{MATARAM[1]},dua,2023,20\n{MATARAM[1]},satu,2023,10\n")
    first_group_written = threading.Event()
    save_values_ = imports.save_values

    def slowed(indicator, *args, **kwargs):
        result = save_values_(indicator, *args, **kwargs)
        if threading.current_thread().name == "first" and indicator == one:
            first_group_written.set()
            time.sleep(1.0)  # the second import starts meanwhile
        return result

    monkeypatch.setattr(imports, "save_values", slowed)
    results, failures = {}, []

    def run(name, path):
        try:
            if name == "second":
                first_group_written.wait(10)
            results[name] = imports.import_values(path)
        except Exception as exc:  # noqa: BLE001 - reported by the test thread below
            failures.append(exc)
            first_group_written.set()
        finally:
            connections.close_all()

    run_together(
        *(
            threading.Thread(target=run, name=name, args=(name, path))
            for name, path in (("first", first_file), ("second", second_file))
        )
    )
    assert not failures
    assert results["first"].created == 2 and results["second"].created == 2
    for indicator, total in ((one, 11), (two, 22)):
        assert next(r for r in rollup(indicator, "2023", "52") if r.code == "52").value == total
        assert reference.verify(indicator, "2023") == []


def test_a_write_while_the_data_is_being_approved_waits_and_is_refused():
    """Approving takes the same turn as writing: a value written while an approval of its region
    is open does not slip in after the approval looked at the data (it would stay 'submitted'
    inside approved, locked data); it waits, then meets the lock."""
    from sinergi.indicators.approvals import act
    from sinergi.indicators.models import DataValue
    from sinergi.indicators.services import ValueErrors
    from sinergi.testing import load_ntb, make_user, reseed

    reseed()
    load_ntb()
    indicator = Indicator.objects.create(code="posyandu_x", name="Posyandu")
    save_values(indicator, "2023", [ValueChange(MATARAM[0], 1)])
    coordinator = make_user("koordinator.x", role="coordinator", region="52")
    raised = overlap(
        lambda: act("approve", indicator, [("52.71.01", "2023")], coordinator),
        lambda: save_values(indicator, "2023", [ValueChange(MATARAM[1], 5)]),
    )
    assert set(raised) == {"second"} and isinstance(raised["second"], ValueErrors)
    assert MATARAM[1] in raised["second"].errors
    assert not DataValue.objects.filter(indicator=indicator, region_id=MATARAM[1]).exists()
