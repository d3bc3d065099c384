"""Loading the Kemendagri region list shipped with the package."""

import csv
import gzip
import io
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from sinergi.regions import codes
from sinergi.regions.choices import LEVEL_ORDER
from sinergi.regions.models import Region

DATA_DIR = Path(__file__).resolve().parent / "data"
NTB_FILE = DATA_DIR / "ntb.csv"
INDONESIA_FILE = DATA_DIR / "indonesia.csv.gz"
EXPECTED_COLUMNS = ["code", "name", "level", "parent_code", "kind"]
BATCH_SIZE = 2000


class RegionFileError(ValueError):
    """The region file is malformed; `errors` lists every problem with its line number."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class LoadResult:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    total: Counter = field(default_factory=Counter)
    changed_codes: list[str] = field(default_factory=list)


def read_region_rows(path: Path) -> list[dict]:
    """Read and check every row; raise RegionFileError naming each bad line."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        return parse_region_rows(handle)


def parse_region_rows(handle: io.TextIOBase) -> list[dict]:
    reader = csv.DictReader(handle)
    if reader.fieldnames != EXPECTED_COLUMNS:
        raise RegionFileError([f"line 1: columns must be {','.join(EXPECTED_COLUMNS)}"])
    rows, errors, seen = [], [], set()
    for line, row in enumerate(reader, start=2):
        code, name = row["code"].strip(), " ".join(row["name"].split())
        try:
            level = codes.level_of(code)
        except ValueError as exc:
            errors.append(f"line {line}: {exc}")
            continue
        problems = []
        if row["level"] != level:
            problems.append(f"level is {row['level']!r}, the code says {level!r}")
        if (row["parent_code"] or None) != codes.parent_code(code):
            problems.append(f"parent_code must be {codes.parent_code(code) or 'empty'}")
        if not name:
            problems.append("name is empty")
        if code in seen:
            problems.append("duplicate code")
        if problems:
            errors.append(f"line {line} ({code}): " + "; ".join(problems))
            continue
        seen.add(code)
        rows.append(
            {"code": code, "name": name, "level": level, "kind": row["kind"] or codes.kind_of(code)}
        )
    parent_missing = [
        f"{r['code']}: parent {codes.parent_code(r['code'])} is not in the file"
        for r in rows
        if codes.parent_code(r["code"]) and codes.parent_code(r["code"]) not in seen
    ]
    errors.extend(parent_missing[:50])
    if errors:
        raise RegionFileError(errors)
    return rows


@transaction.atomic
def load_regions(rows: list[dict]) -> LoadResult:
    """Create new regions and update renamed ones; never delete. Idempotent."""
    result = LoadResult()
    existing = {
        code: (name, level, kind)
        for code, name, level, kind in Region.objects.values_list("code", "name", "level", "kind")
    }
    to_create, to_update = [], []
    order = {level: i for i, level in enumerate(LEVEL_ORDER)}
    for row in sorted(rows, key=lambda r: (order[r["level"]], r["code"])):
        level = row["level"]
        result.total[level] += 1
        region = Region(
            code=row["code"],
            name=row["name"],
            level=level,
            kind=row["kind"],
            parent_id=codes.parent_code(row["code"]),
        )
        current = existing.get(row["code"])
        if current is None:
            to_create.append(region)
            result.created[level] += 1
        elif current != (row["name"], level, row["kind"]):
            to_update.append(region)
            result.updated[level] += 1
        else:
            result.unchanged[level] += 1
    Region.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
    Region.objects.bulk_update(to_update, ["name", "level", "kind"], batch_size=BATCH_SIZE)
    result.changed_codes = [r.code for r in to_create + to_update]
    return result
