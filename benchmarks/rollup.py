"""Benchmark: roll-up of one indicator-period for all of Indonesia, against the fastest plain SQL
GROUP BY on code prefixes over the same values, in the same run; plus the NTB dashboard with 20
key indicators against an empty page, and saving a 50-village entry grid.

    DEBUG=1 .venv/bin/python benchmarks/rollup.py                      # SQLite (temporary file)
    DEBUG=1 DATABASE_URL=postgres://postgres@127.0.0.1/sinergi_bench \\
        .venv/bin/python benchmarks/rollup.py                          # PostgreSQL (emptied first)

The values are SYNTHETIC (source "synthetic benchmark data"), never real figures.
"""

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
if not os.environ.get("DATABASE_URL"):
    os.environ["DATABASE_URL"] = "sqlite:///" + str(Path(tempfile.mkdtemp()) / "bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sinergi.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402

from sinergi.indicators.aggregates import rebuild  # noqa: E402
from sinergi.indicators.models import Aggregate, DataValue, Indicator  # noqa: E402
from sinergi.indicators.rollup import rollup  # noqa: E402
from sinergi.indicators.services import ValueChange, save_values  # noqa: E402
from sinergi.regions.models import Region  # noqa: E402

SYNTHETIC = "synthetic benchmark data"
REPEAT = 5


def best(func, repeat=REPEAT):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def setup():
    call_command("migrate", verbosity=0)
    if Region.objects.count() < 91599:
        call_command("load_regions", "--all", "--no-teams", verbosity=0)
    Aggregate.objects.all().delete()
    DataValue.objects.all().delete()
    Indicator.objects.exclude(code__in=["destana_level", "destana_formed"]).delete()
    bench = Indicator.objects.create(
        code="bench_households", name="Synthetic households", method=SYNTHETIC
    )
    rng = random.Random(2023)
    villages = list(Region.objects.filter(level="village").values_list("code", flat=True))
    DataValue.objects.bulk_create(
        [
            DataValue(
                indicator=bench,
                region_id=code,
                period="2023",
                value=rng.randint(50, 900),
                source=SYNTHETIC,
            )
            for code in villages
        ],
        batch_size=2000,
    )
    start = time.perf_counter()
    with transaction.atomic():
        rebuild(bench, "2023")
    print(f"{'build summaries for 83,762 villages (once)':<58}{time.perf_counter() - start:8.3f} s")
    if connection.vendor == "postgresql":  # what autovacuum does after a bulk load
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return bench, villages


def report(label, best_s, median_s):
    print(f"{label:<62}{best_s * 1000:9.1f} ms (median {median_s * 1000:.1f})")


def plain_group_by(indicator_id):
    table = DataValue._meta.db_table
    substr = "substr" if connection.vendor == "sqlite" else "substring"
    results = {}
    with connection.cursor() as cursor:
        for width in (8, 5, 2):
            cursor.execute(
                f"SELECT {substr}(region_id, 1, {width}), SUM(value), COUNT(*) FROM {table} "  # noqa: S608
                "WHERE indicator_id = %s AND period = %s GROUP BY 1",
                [indicator_id, "2023"],
            )
            results[width] = cursor.fetchall()
    return results


def main():
    print(f"database: {connection.vendor}")
    bench, villages = setup()
    rows = rollup(bench, "2023", regions=Region.objects.all())
    plain = plain_group_by(bench.pk)
    national = next(r for r in rows if r.code == "11")
    aceh_plain = next(v for k, v, _n in plain[2] if k == "11")
    assert float(national.value) == float(aceh_plain), (national.value, aceh_plain)
    groups = sum(map(len, plain.values()))
    print(f"rows: sinergi {len(rows):,} (every region, every level); plain GROUP BY {groups:,}")

    above_villages = Region.objects.exclude(level="village")
    all_best, all_med = best(lambda: rollup(bench, "2023", regions=Region.objects.all()))
    a_best, a_med = best(lambda: rollup(bench, "2023", regions=above_villages))
    b_best, b_med = best(lambda: plain_group_by(bench.pk))
    report("sinergi rollup(): 91,599 rows, every village too", all_best, all_med)
    report("(a) sinergi rollup(): the 7,837 kecamatan, kab/kota, provinsi", a_best, a_med)
    report("(b) plain SQL GROUP BY on code prefixes, same 7,837 groups", b_best, b_med)

    # NTB dashboard with 20 key indicators against an empty page of the same app.
    for i in range(19):
        ind = Indicator.objects.create(
            code=f"bench_key_{i}", name=f"Synthetic key {i}", is_key=True, method=SYNTHETIC
        )
        save_values(
            ind, "2023", [ValueChange(code, (i + 1) * 10) for code in ["52.01", "52.02", "52"]]
        )
    Indicator.objects.filter(code="bench_households").update(is_key=True)
    client = Client()
    start = time.perf_counter()
    assert client.get("/").status_code == 200
    cold = time.perf_counter() - start
    dash_best, _ = best(lambda: client.get("/"), 10)
    # The sign-in page: the same base layout and middleware, no data.
    empty_best, _ = best(lambda: client.get("/accounts/login/"), 10)
    print(f"{'NTB dashboard, 20 key indicators, first load (rendered)':<58}{cold * 1000:8.1f} ms")
    print(f"{'NTB dashboard, 20 key indicators, next loads':<58}{dash_best * 1000:8.1f} ms")
    print(f"{'empty page of the same app (sign-in page)':<58}{empty_best * 1000:8.1f} ms")
    print(f"dashboard / empty page: {dash_best / empty_best:.2f} (target <= 3)")

    # Saving a 50-village entry grid, summaries included.
    grid = [code for code in villages if code.startswith("52.03.")][:50]
    rng = random.Random(7)

    def save_grid():
        save_values(bench, "2023", [ValueChange(code, rng.randint(50, 900)) for code in grid])

    grid_best, grid_med = best(save_grid)
    report("save a 50-village grid, summaries included", grid_best, grid_med)
    print(f"ratio rollup / plain GROUP BY: {a_best / b_best:.2f} (target <= 1.5)")


if __name__ == "__main__":
    main()
