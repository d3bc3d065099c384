"""Hostile input is refused with a message that names the row and the column (issue 13)."""

import csv

import pytest

from sinergi.core.records import REGISTRY, import_records
from sinergi.core.testing import make_persona
from sinergi.indicators.imports import import_values
from sinergi.indicators.models import DataValue
from sinergi.programs.models import Program

pytestmark = pytest.mark.django_db


def write_csv(path, header, rows):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_value_import_refuses_formula_starts_in_every_text_column(demo, tmp_path):
    path = write_csv(
        tmp_path / "values.csv",
        ["region", "indicator", "period", "value", "comment"],
        [
            ["52.71.01.1004", "destana_formed", "2023", "1", '=HYPERLINK("https://evil")'],
            ["52.71.01.1005", "destana_formed", "2023", "+1+1", ""],
            ["@52.71.01.1006", "destana_formed", "2023", "1", ""],
            ["52.71.01.1007", "destana_formed", "2023", "1", "- dicatat oleh kader"],
        ],
    )
    result = import_values(path, make_persona("admin"))
    assert [(p.row, p.column) for p in result.problems] == [
        (2, "comment"),
        (3, "value"),
        (4, "region"),
    ]
    assert "Diawali =" in result.problems[0].message and "rumus" in result.problems[0].message
    assert not DataValue.objects.filter(region__code__startswith="52.71.01.100").exists()


def test_records_import_refuses_formula_starts_but_keeps_negative_numbers(demo, tmp_path):
    spec = REGISTRY["programs"]
    header = [c.name for c in spec.columns]
    row = dict.fromkeys(header, "")
    row.update(name="Program Aman", fiscal_year="2024", status="planned", owner="bpbd-ntb")
    rows = [
        {**row, "name": "+cmd|' /C calc'!A0"},
        {**row, "description": "@SUM(1+1)*cmd|' /C calc'!A0"},
        {**row, "name": "Program - tahap 2", "description": "-5 desa belum terjangkau"},
    ]
    path = write_csv(tmp_path / "programs.csv", header, [[r[h] for h in header] for r in rows])
    result = import_records(spec, path, make_persona("admin"), dry_run=True)
    assert [(p.row, p.column) for p in result.problems] == [(2, "name"), (3, "description")]
    assert not Program.objects.filter(name__startswith="+").exists()
    rows = [rows[2]]
    path = write_csv(tmp_path / "programs.csv", header, [[r[h] for h in header] for r in rows])
    assert import_records(spec, path, make_persona("admin"), dry_run=True).ok
