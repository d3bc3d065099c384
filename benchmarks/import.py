"""Benchmark: importing 100,000 indicator values (CSV and XLSX) into a database with all of
Indonesia loaded, against a naive per-row ORM save and a plain executemany, in the same run.
Prints rows per second and peak Python memory (tracemalloc) of each.

Every baseline starts from the same file as Sinergi's import: the naive one reads the CSV and
saves row by row through the ORM; the plain ones read the file (CSV with the csv module, XLSX
with Sinergi's own streamed reader, the fastest we have) and hand the rows to one executemany
(on PostgreSQL also COPY), with no checks, history or summaries. For reference it also times the
executemany alone, of rows already in memory.

    .venv/bin/python benchmarks/import.py                       # SQLite (temporary file)
    DATABASE_URL=postgres://postgres@127.0.0.1/sinergi_bench \\
        .venv/bin/python benchmarks/import.py                   # PostgreSQL

Runs with production settings (DEBUG off: Django does not keep every query in memory).

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
os.environ.setdefault("SECRET_KEY", "benchmark-only")
os.environ["DEBUG"] = "0"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from sinergi.core.utils.xlsx import read_sheet  # noqa: E402
from sinergi.indicators.imports import import_values  # noqa: E402
from sinergi.indicators.models import Aggregate, DataValue, Indicator  # noqa: E402
from sinergi.regions.models import Region  # noqa: E402

ROWS = int(os.environ.get("BENCH_ROWS", "100000"))
# The naive import saves row by row at a steady pace; its rate is taken on the first rows (into an
# emptier table, so if anything it is flattered) to keep the run short.
NAIVE_ROWS = min(ROWS, int(os.environ.get("BENCH_NAIVE_ROWS", "20000")))


def reset(indicator):
    """Remove the benchmark's rows in plain SQL (an ORM delete would write a history row for each
    of the 100,000 values it removes). On PostgreSQL, VACUUM then gives every run the same clean
    tables (deleted rows would otherwise stay in the indexes the next run writes to); on SQLite,
    a checkpoint empties the write-ahead log (else the deletions' pages are copied back into the
    database during whichever timed run happens to cross the log's size limit)."""
    tables = [m._meta.db_table for m in (Aggregate, DataValue, DataValue.history.model)]
    with transaction.atomic(), connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"DELETE FROM {table} WHERE indicator_id = %s", [indicator.pk])  # noqa: S608
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"VACUUM ANALYZE {', '.join(tables)}")
        else:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def measure(label, func, rows=ROWS, memory=None):
    """Rows per second of one run. Peak memory (tracemalloc) is taken in a second run when asked
    (`memory`: what to reset first): tracing every allocation slows Python code several times, so
    the timed run is not traced."""
    start = time.perf_counter()
    func()
    seconds = time.perf_counter() - start
    line = f"{label:<52}{seconds:8.2f} s {rows / seconds:10,.0f} rows/s"
    if memory:
        memory()
        tracemalloc.start()
        func()
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        line += f"   peak {peak / 2**20:6.1f} MB"
    print(line, flush=True)
    return rows / seconds


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
    changed_path = folder / "changed.csv"
    with changed_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["region", "indicator", "period", "value"])
        writer.writerows((r, c, p, v + 1) for r, c, p, v in rows)
    xlsx_path = folder / "values.xlsx"
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(["region", "indicator", "period", "value"])
    for row in rows:
        sheet.append(list(row))
    workbook.save(xlsx_path)
    print(f"database: {connection.vendor}; {ROWS:,} values over {len(villages):,} villages")
    clear = lambda: reset(indicator)  # noqa: E731
    clear()

    def naive():  # the CSV's rows, each saved by the ORM
        with csv_path.open(newline="", encoding="utf-8") as handle, transaction.atomic():
            records = csv.reader(handle)
            next(records)
            for _number, (region, _code, period, value) in zip(
                range(NAIVE_ROWS), records, strict=False
            ):
                DataValue(indicator=indicator, region_id=region, period=period, value=value).save()

    naive = measure(
        f"naive: CSV, one ORM save per row, first {NAIVE_ROWS:,} rows", naive, rows=NAIVE_ROWS
    )
    clear()
    table = DataValue._meta.db_table
    columns = (
        "indicator_id, region_id, period, value, comment, status, source_kind, source, "
        "created_at, updated_at, version"
    )
    now = timezone.now()

    def as_row(region, period, value):
        return (indicator.pk, region, period, value, "", "submitted", "import", "", now, now, 1)

    def csv_rows():
        with csv_path.open(newline="", encoding="utf-8") as handle:
            records = csv.reader(handle)
            next(records)
            return [as_row(region, period, value) for region, _code, period, value in records]

    def xlsx_rows():
        sheet = read_sheet(xlsx_path, "Data")
        records = (sheet.rows[number] for number in sorted(sheet.rows)[1:])
        return [as_row(region, period, value) for region, _code, period, value in records]

    def executemany(rows):
        sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * 11)})"  # noqa: S608
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(sql, rows)

    def copy(rows):
        sql = f"COPY {table} ({columns}) FROM STDIN"
        with transaction.atomic(), connection.cursor() as cur, cur.cursor.copy(sql) as out:
            for row in rows:
                out.write_row(row)

    in_memory = csv_rows()
    measure("executemany alone, rows already in memory", lambda: executemany(in_memory))
    clear()
    plain = {}
    for label, read in (("CSV", csv_rows), ("XLSX", xlsx_rows)):
        plain[label] = measure(
            f"plain: {label} read, one executemany", lambda r=read: executemany(r())
        )
        clear()
        if connection.vendor == "postgresql":
            measure(f"plain: {label} read, one COPY", lambda r=read: copy(r()))
            clear()
    results = {}
    for label, path in (("CSV", csv_path), ("XLSX", xlsx_path)):
        results[label] = measure(
            f"sinergi import, {label} (checks, summaries, history)",
            lambda path=path: check(import_values(path)),
            memory=clear,
        )
        if label == "CSV":  # the same file again: every value is there already; then corrected
            measure(
                "sinergi import, same CSV again (all unchanged)",
                lambda: check(import_values(csv_path), unchanged=True),
            )
            measure(
                "sinergi import, CSV changing every value",
                lambda: check(import_values(changed_path), updated=True),
            )
        clear()
    for label, speed in results.items():
        print(
            f"{label}: {speed / naive:.2f}x the naive import (target >= 5), "
            f"{speed / plain[label]:.2f}x the plain {label} executemany (target >= 0.5)"
        )


def check(result, unchanged=False, updated=False):
    assert result.ok, result.problems[:3]
    count = result.unchanged if unchanged else result.updated if updated else result.created
    assert count == ROWS, result


if __name__ == "__main__":
    main()
