"""The streamed .xlsx reader gives every cell as openpyxl reads it (data_only=False)."""

import datetime
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from sinergi.core.utils.tables import ImportFileError, read_rows
from sinergi.core.utils.xlsx import read_sheet


def openpyxl_rows(path, title):
    sheet = load_workbook(path, read_only=True, data_only=False)[title]
    rows = {}
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        values = list(values)
        while values and values[-1] is None:
            values.pop()
        if values:
            rows[number] = values
    return rows


@pytest.fixture
def workbook(tmp_path):
    book = Workbook()
    book.active.title = "Petunjuk"
    book.active["A1"] = "Isi lembar Data."
    sheet = book.create_sheet("Data")
    sheet.append(["region", "indicator", "period", "value", "comment"])
    sheet.append(["52.03.05.2001", "destana_formed", "2023", 1, "catatan"])
    sheet.append(["52.03.05.2002", "destana_formed", 2023, 1.5, None])
    sheet.append(["52.03.05.2003", "x", "2023", "=1+1", True])
    sheet.append([None, None, None, None, None])  # an empty row
    sheet.append(["52.03.05.2004", "x", datetime.datetime(2023, 2, 1), Decimal("0.1"), False])
    sheet["C7"] = datetime.date(2023, 3, 4)
    sheet["A8"] = "  spasi  "
    sheet["E8"] = CellRichText(["tebal ", TextBlock(InlineFont(b=True), "sekali")])
    sheet["B9"] = 1e20
    sheet["D9"] = -3
    sheet["A10"] = "=SUM(D2:D3)"
    path = tmp_path / "book.xlsx"
    book.save(path)
    return path


def test_every_cell_reads_as_openpyxl_reads_it(workbook):
    sheet = read_sheet(workbook, "Data")
    assert sheet.title == "Data" and sheet.merged == []
    expected = openpyxl_rows(workbook, "Data")
    assert sheet.rows == expected
    assert sheet.rows[4][3] == "=1+1" and sheet.rows[6][2] == datetime.datetime(2023, 2, 1)


def test_without_a_data_sheet_the_first_sheet_is_read(workbook):
    assert read_sheet(workbook, "Tidak ada").rows == {1: ["Isi lembar Data."]}


def test_rows_are_text_and_merged_cells_are_refused(workbook, tmp_path):
    rows = read_rows(workbook)
    assert rows[0] == {"region": "52.03.05.2001", "indicator": "destana_formed",
                       "period": "2023", "value": "1", "comment": "catatan", "_row": 2}  # fmt: skip
    assert rows[1]["period"] == "2023" and rows[1]["value"] == "1.5" and rows[1]["comment"] == ""
    assert [row["_row"] for row in rows] == [2, 3, 4, 6, 7, 8, 9, 10]  # row 5 is empty
    book = load_workbook(workbook)
    book["Data"].merge_cells("A2:B2")
    merged = tmp_path / "merged.xlsx"
    book.save(merged)
    with pytest.raises(ImportFileError, match="A2:B2"):
        read_rows(merged)


def test_entities_in_the_xml_are_refused(tmp_path):
    import zipfile

    source = tmp_path / "plain.xlsx"
    book = Workbook()
    book.active.title = "Data"
    book.active.append(["region"])
    book.save(source)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(bomb, "w") as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                declaration, _sep, body = data.rpartition(b"?>")
                data = (declaration + _sep + b'<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">'
                        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>' + body)  # fmt: skip
            new.writestr(item, data)
    with pytest.raises(ImportFileError, match="entitas XML"):
        read_rows(bomb)
