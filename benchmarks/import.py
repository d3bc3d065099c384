"""Benchmark: importing 100,000 indicator values (CSV and XLSX) into a database with all of
Indonesia loaded, against a naive per-row ORM save and a plain executemany, in the same run.
Prints rows per second and peak Python memory (tracemalloc) of each.

    DEBUG=1 .venv/bin/python benchmarks/import.py                       # SQLite (temporary file)
    DEBUG=1 DATABASE_URL=postgres://postgres@127.0.0.1/sinergi_bench \\
        .venv/bin/python benchmarks/import.py                           # PostgreSQL (emptied first)

The values are SYNTHETIC (indicator "bench_import"), never real figures.
"""

import csv
import os
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
if not os.environ.get("DATABASE_URL"):
    os.environ["DATABASE_URL"] = "sqlite:///" + str(Path(tempfile.mkdtemp()) / "bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sinergi.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from sinergi.indicators.imports import import_values  # noqa: E402
from sinergi.indicators.models import Aggregate, DataValue, Indicator  # noqa: E402
from sinergi.regions.models import Region  # noqa: E402

ROWS = int(os.environ.get("BENCH_ROWS", "100000"))


def reset(indicator):
    Aggregate.objects.filter(indicator=indicator).delete()
    DataValue.history.filter(indicator_id=indicator.pk).delete()
    DataValue.objects.filter(indicator=indicator).delete()


def measure(label, func):
    tracemalloc.start()
    start = time.perf_counter()
    func()
    seconds = time.perf_counter() - start
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"{label:<46}{seconds:8.2f} s {ROWS / seconds:10,.0f} rows/s   peak {peak / 2**20:6.1f} MB"
    )
    return seconds


def main():
    call_command("migrate", verbosity=0)
    if Region.objects.count() < 91599:
        call_command("load_regions", "--all", "--no-teams", verbosity=0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    indicator, _created = Indicator.objects.get_or_create(
        code="bench_import", defaults={"name": "Synthetic import benchmark", "period_type": "month"}
    )
    villages = list(Region.objects.filter(level="village").values_list("code", flat=True))
    rng = random.Random(6)
    rows = [
        (
            villages[i % len(villages)],
            "bench_import",
            f"2023{1 + i // len(villages):02d}",
            rng.randint(0, 500),
        )
        for i in range(ROWS)
    ]
    folder = Path(tempfile.mkdtemp())
    csv_path = folder / "values.csv"
    with csv_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["region", "indicator", "period", "value"])
        writer.writerows(rows)
    xlsx_path = folder / "values.xlsx"
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(["region", "indicator", "period", "value"])
    for row in rows:
        sheet.append(list(row))
    workbook.save(xlsx_path)
    print(f"database: {connection.vendor}; {ROWS:,} values over {len(villages):,} villages")

    reset(indicator)

    def naive():
        with transaction.atomic():
            for region, _code, period, value in rows:
                DataValue(indicator=indicator, region_id=region, period=period, value=value).save()

    naive_s = measure("naive: one ORM save per row (no checks)", naive)
    reset(indicator)

    def plain():
        table = DataValue._meta.db_table
        sql = (
            f"INSERT INTO {table} (indicator_id, region_id, period, value, comment, status, "  # noqa: S608
            "source_kind, source, created_at, updated_at, version) "
            "VALUES (%s, %s, %s, %s, '', 'submitted', 'import', '', %s, %s, 1)"
        )
        from django.utils import timezone

        now = timezone.now()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(sql, [(indicator.pk, r, p, v, now, now) for r, _c, p, v in rows])

    plain_s = measure("plain executemany (no checks, no summaries)", plain)
    reset(indicator)
    ours_csv = measure(
        "sinergi import, CSV (checks, summaries, history)", lambda: check(import_values(csv_path))
    )
    reset(indicator)
    ours_xlsx = measure("sinergi import, XLSX", lambda: check(import_values(xlsx_path)))
    reset(indicator)
    for label, ours in (("CSV", ours_csv), ("XLSX", ours_xlsx)):
        print(
            f"{label}: speed {naive_s / ours:.2f}x the naive import (target >= 5), "
            f"{plain_s / ours:.2f}x the plain baseline (target >= 0.5)"
        )


def check(result):
    assert result.ok, result.problems[:3]
    assert result.created == ROWS, result.created


if __name__ == "__main__":
    main()
