"""Benchmark: importing 100,000 indicator values (CSV and XLSX) into a database with all of
Indonesia loaded, against a naive per-row ORM save and a plain executemany, in the same run.
Prints rows per second and peak Python memory (tracemalloc) of each.

Every baseline starts from the same file as Sinergi's import: the naive one reads the CSV and
saves row by row through the ORM; the plain ones read the file (CSV with the csv module, XLSX
with the streamed reader the import uses) and hand the rows to one executemany
(on PostgreSQL also COPY), with no checks, history or summaries. For reference it also times the
executemany alone, of rows already in memory.

    .venv/bin/python benchmarks/import.py                       # SQLite (temporary file)
    DATABASE_URL=postgres://postgres@127.0.0.1/sinergi_bench \\
        .venv/bin/python benchmarks/import.py                   # PostgreSQL
    .venv/bin/python benchmarks/import.py --readers          # the XLSX readers only, no database

It also reads the same XLSX file with each reader we could use: Sinergi's own (expat, streamed,
with the limits against hostile files), openpyxl's read-only mode and python-calamine (Rust; a
dev dependency for this benchmark only), each to a list of rows, with the growth of the
process's peak memory (VmHWM, measured in a forked child; Rust's allocations are invisible to
tracemalloc). The figures and the choice are in src/sinergi/core/utils/xlsx.py's docstring.

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
from openpyxl import Workbook, load_workbook  # noqa: E402

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


def peak_growth_mb(func) -> float:
    """How much the peak resident memory grows while `func` runs, in a forked child (Linux: read
    from /proc/self/status), so every reader starts from the same process."""

    def status(field):
        with open("/proc/self/status") as handle:
            return next(int(line.split()[1]) for line in handle if line.startswith(field))

    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # the child: run, report, leave without cleaning up the parent's state
        before = status("VmRSS:")
        func()
        os.write(write, str(status("VmHWM:") - before).encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as pipe:
        grown_kb = int(pipe.read() or 0)
    os.waitpid(child, 0)
    return grown_kb / 1024


def write_xlsx(path, rows):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Data")
    sheet.append(["region", "indicator", "period", "value"])
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)


def time_readers(xlsx_path, rows):
    """The same file, read by each reader to a list of rows of values; each must give the rows
    that were written (numbers may come back as floats)."""
    from python_calamine import CalamineWorkbook

    def ours():
        sheet = read_sheet(xlsx_path, "Data")
        return [sheet.rows[number] for number in sorted(sheet.rows)]

    def openpyxl_read_only():
        workbook = load_workbook(xlsx_path, read_only=True, data_only=True)
        try:
            return [list(row) for row in workbook["Data"].iter_rows(values_only=True)]
        finally:
            workbook.close()

    def calamine():
        return CalamineWorkbook.from_path(str(xlsx_path)).get_sheet_by_name("Data").to_python()

    expected = [["region", "indicator", "period", "value"]] + [list(row) for row in rows]
    speeds = {}
    for label, read in (
        ("Sinergi's reader (expat, streamed, limits)", ours),
        ("openpyxl read-only, values_only", openpyxl_read_only),
        ("python-calamine, to_python()", calamine),
    ):
        start = time.perf_counter()
        got = read()
        seconds = time.perf_counter() - start
        normal = [[int(v) if isinstance(v, float) else v for v in row] for row in got]
        assert normal == expected, (label, normal[:2], expected[:2])
        speeds[label] = len(rows) / seconds
        print(
            f"read XLSX: {label:<44}{seconds:8.2f} s {speeds[label]:10,.0f} rows/s"
            f"   peak +{peak_growth_mb(read):6.1f} MB",
            flush=True,
        )
    return speeds


def readers_only():
    """The readers alone, on synthetic rows shaped like the import's (no database needed)."""
    rng = random.Random(6)
    rows = [
        (f"52.03.{1 + i % 21:02d}.{2001 + i % 50}", "bench_import", f"2023{1 + i % 12:02d}",
         rng.randint(0, 500))
        for i in range(ROWS)
    ]  # fmt: skip
    path = Path(tempfile.mkdtemp()) / "values.xlsx"
    write_xlsx(path, rows)
    print(f"{ROWS:,} rows, {path.stat().st_size / 2**20:.1f} MB")
    time_readers(path, rows)


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
    write_xlsx(xlsx_path, rows)
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

    time_readers(xlsx_path, rows)
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
    readers_only() if "--readers" in sys.argv else main()
