"""Benchmark: loading all of Indonesia (91,599 areas) with `load_regions`, against a plain
`executemany` of the same rows into the same table, measured in the same run.

    DEBUG=1 .venv/bin/python benchmarks/load_regions.py            # SQLite (temporary file)
    DEBUG=1 DATABASE_URL=postgres://postgres@127.0.0.1/bench \
        .venv/bin/python benchmarks/load_regions.py

It creates its own database (a temporary SQLite file, or the PostgreSQL database named in
DATABASE_URL, which it empties first). The last line is the ratio sinergi/baseline.
"""

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
if not os.environ.get("DATABASE_URL"):
    os.environ["DATABASE_URL"] = "sqlite:///" + str(Path(tempfile.mkdtemp()) / "bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sinergi.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from sinergi.organizations.models import Organization  # noqa: E402
from sinergi.organizations.services import ensure_tp_pkk_teams  # noqa: E402
from sinergi.regions import codes  # noqa: E402
from sinergi.regions.models import Region  # noqa: E402
from sinergi.regions.services import INDONESIA_FILE, load_regions, read_region_rows  # noqa: E402


def empty_tables():
    Organization.objects.all().delete()
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {Region._meta.db_table}")  # noqa: S608 - our own table name


def baseline(rows):
    """The plainest correct load: one executemany in one transaction, no checks, no diff."""
    table = Region._meta.db_table
    sql = f"INSERT INTO {table} (code, name, level, kind, parent_id) VALUES (%s, %s, %s, %s, %s)"  # noqa: S608
    params = [
        (r["code"], r["name"], r["level"], r["kind"], codes.parent_code(r["code"])) for r in rows
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(sql, params)


def timed(label, func):
    start = time.perf_counter()
    func()
    seconds = time.perf_counter() - start
    print(f"{label:<48}{seconds:8.2f} s")
    return seconds


def main():
    call_command("migrate", verbosity=0)
    vendor = connection.vendor
    print(f"database: {vendor}")
    rows = timed("read + check indonesia.csv.gz", lambda: read_region_rows(INDONESIA_FILE))
    rows = read_region_rows(INDONESIA_FILE)
    empty_tables()
    base = timed("baseline: plain executemany", lambda: baseline(rows))
    empty_tables()
    ours = timed("sinergi: load_regions (fresh database)", lambda: load_regions(rows))
    timed("sinergi: load_regions again (nothing changes)", lambda: load_regions(rows))
    timed("sinergi: TP PKK teams for every region", ensure_tp_pkk_teams)
    print(f"regions: {Region.objects.count():,}, TP PKK teams: {Organization.objects.count():,}")
    print(f"ratio load_regions / executemany baseline: {ours / base:.2f}")


if __name__ == "__main__":
    main()
