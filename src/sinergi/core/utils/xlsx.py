"""Reading one sheet of an .xlsx workbook as text, streamed.

Here the sheet's XML is streamed through expat and every cell is given as openpyxl would give it
with `data_only=False`, turned into text: formulas as "=…", numbers as int or float, dates (by the
cell's number format) as datetimes, booleans as True/False, errors and strings as written.

Why this reader and not a library (`benchmarks/import.py`, the same 100,000-row, 2.1 MB file read
to a list of rows, SQLite, on the shared 2-core development machine under load, 8 Dec 2026): this
reader 7.6 s and +41 MB peak; openpyxl's read-only mode 35.3 s (+18 MB), 4.7 times slower;
python-calamine (Rust) 2.8 s (+28 MB), 2.7 times faster (1.8 s against 8.6 s in a run of the
readers alone, `--readers`). Reading is about half of an XLSX import (the whole import 14.4 s,
the same rows as CSV 8.2 s), so calamine would make one about a third faster. It is not used, for
two reasons that speed does not outweigh: it gives a formula's cached value, never the formula (a
cell "=1+1" saved without a cached value, as openpyxl writes it, reads as ""), so the import
could not refuse the cells a spreadsheet would run (`core.utils.tables.FORMULA_STARTS`); and it
loads the whole sheet before any of the limits below could refuse a hostile file (rows, cells,
characters in a cell are checked here as the XML streams). Worth revisiting if XLSX files of a
million rows become usual: calamine for the values after this reader's checks, at the cost of
reading twice.

The archive is checked before it is inflated (`archives.open_archive`) and the sheet is refused
as soon as it passes a limit (rows, columns, cells, characters in a cell), so a hostile workbook
costs neither much time nor much memory: ArchiveError, whose message is for the user.
"""

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from xml.parsers import expat

from defusedxml import ElementTree
from django.utils.translation import gettext as _
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

from sinergi.core.utils.archives import (
    MB,
    ArchiveError,
    open_archive,
    open_member,
    parse_member,
)

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELATIONSHIP = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
PACKAGE_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
MAX_ROWS = 200_000
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ$"
MAX_COLUMNS = 1_000
MAX_CELLS = 2_000_000  # every row's cells up to its last value, empty ones between included
MAX_CELL_CHARS = 32_767  # Excel's own limit
# Every element of a sheet (a cell is two to four: c, v, f, is/t), so that elements the reader
# skips (or empty ones) cannot be packed by the million into a small file.
MAX_ELEMENTS_PER_CELL = 4
MAX_PART_BYTES = 16 * MB  # workbook.xml, its relationships and styles.xml, read whole
# The texts of a sheet's cells: MAX_CELLS texts of some thirty characters each at the most.
MAX_SHARED_STRINGS_BYTES = 64 * MB
# A sheet part larger than this has its row elements counted (a byte scan, no parsing) before it
# is parsed, so a sheet that does not state its extent is refused as fast as one that does.
COUNT_ROWS_FROM = 2 * MB
COUNT_CHUNK = 4 * MB
ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")


class XlsxError(ValueError):
    """The file is not a readable .xlsx workbook."""


@dataclass
class Sheet:
    title: str
    rows: dict[int, list] = field(default_factory=dict)  # row number: values by column
    merged: list[str] = field(default_factory=list)


def read_sheet(path, preferred: str) -> Sheet:
    """The sheet called `preferred`, else the first sheet."""
    try:
        with open_archive(path) as archive:
            sheets, date1904 = _sheets(archive)
            if not sheets:
                raise XlsxError("no sheets")
            title, member = next(((t, m) for t, m in sheets if t == preferred), sheets[0])
            strings = _shared_strings(archive)
            dates = _date_styles(archive)
            sheet = Sheet(title)
            reader = _SheetReader(sheet, strings, dates, date1904)
            big = archive.getinfo(member).file_size > COUNT_ROWS_FROM
            # Elements first: bytes.count is fast where the row regex would try every "<".
            if big and count_elements(archive, member) > MAX_ELEMENTS_PER_CELL * MAX_CELLS:
                raise reader.too_many_elements()
            if big and count_rows(archive, member) > MAX_ROWS:
                raise reader.too_big()
            reader.parse(archive, member)
            return sheet
    except ArchiveError:
        raise
    except (zipfile.BadZipFile, KeyError, OSError, expat.ExpatError, ElementTree.ParseError,
            ValueError, IndexError) as exc:  # fmt: skip
        raise XlsxError(str(exc)) from exc


def count_rows(archive, member: str) -> int:
    """Row elements in a sheet part, counted in its bytes (see `count_in`)."""
    return count_in(archive, member, lambda block, end: len(ROW_TAG.findall(block, 0, end)))


def count_elements(archive, member: str) -> int:
    """Elements (start and empty tags) in a part, counted in its bytes (see `count_in`)."""

    def count(block, end):
        tags = block.count(b"<", 0, end)
        return tags - sum(block.count(closing, 0, end) for closing in (b"</", b"<?", b"<!"))

    return count_in(archive, member, count)


def count_in(archive, member: str, count) -> int:
    """The sum of `count(block, end)` over a part's bytes as they are inflated, chunk by chunk. A
    chunk is counted up to its last "<"; the rest (perhaps a tag cut in two) goes with the next."""
    total, tail = 0, b""
    with open_member(archive, member) as stream:
        while chunk := stream.read(COUNT_CHUNK):
            block = tail + chunk
            cut = block.rfind(b"<")
            if cut < 0:
                cut = len(block)
            total += count(block, cut)
            tail = block[cut:]
    return total + count(tail, len(tail))


def _xml(archive, name):
    info = archive.getinfo(name)
    if info.file_size > MAX_PART_BYTES:
        raise _part_too_big(name, MAX_PART_BYTES)
    return ElementTree.fromstring(archive.read(info))


def _part_too_big(name: str, limit: int) -> ArchiveError:
    return ArchiveError(
        _("Part %(name)s of the workbook is larger than %(limit)s MB; save it again as a new "
          "file.") % {"name": name, "limit": limit // MB}
    )  # fmt: skip


def _sheets(archive) -> tuple[list[tuple[str, str]], bool]:
    """[(title, archive member)] in workbook order, and whether dates count from 1904."""
    workbook = _xml(archive, "xl/workbook.xml")
    rels = _xml(archive, "xl/_rels/workbook.xml.rels")
    targets = {rel.get("Id"): rel.get("Target") for rel in rels.iter(f"{PACKAGE_RELS}Relationship")}
    sheets = []
    for sheet in workbook.iter(f"{MAIN}sheet"):
        target = targets.get(sheet.get(RELATIONSHIP), "")
        member = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl", target))
        sheets.append((sheet.get("name"), member))
    properties = workbook.find(f"{MAIN}workbookPr")
    date1904 = properties is not None and properties.get("date1904") in ("1", "true")
    return sheets, date1904


def _shared_strings(archive) -> list[str]:
    strings: list[str] = []
    state = {"text": None, "skip": 0, "in_t": False, "length": 0}

    def start(name, _attrs):
        if name == "si":
            if len(strings) >= MAX_CELLS:
                raise _too_many_strings()
            state["text"], state["length"] = [], 0
        elif name == "rPh":  # phonetic guide: not part of the text
            state["skip"] += 1
        elif name == "t" and not state["skip"]:
            state["in_t"] = True

    def end(name):
        if name == "si":
            strings.append("".join(state["text"]))
        elif name == "rPh":
            state["skip"] -= 1
        elif name == "t":
            state["in_t"] = False

    def data(text):
        if state["in_t"]:
            state["length"] += len(text)
            if state["length"] > MAX_CELL_CHARS:
                raise _long_cell(f"#{len(strings) + 1}")
            state["text"].append(text)

    name = "xl/sharedStrings.xml"
    try:
        size = archive.getinfo(name).file_size
        if size > MAX_SHARED_STRINGS_BYTES:  # refused before it is unpacked at all
            raise _part_too_big(name, MAX_SHARED_STRINGS_BYTES)
        if size > COUNT_ROWS_FROM:  # counted before it is parsed
            # Unprefixed only: the parser below reads no "x:si" either. bytes.count, no regex.
            count = count_in(archive, name, lambda block, end: sum(
                block.count(tag, 0, end) for tag in (b"<si>", b"<si ", b"<si/")))  # fmt: skip
            if count > MAX_CELLS:
                raise _too_many_strings()
        parse_member(archive, name, start, end, data)
    except KeyError:
        return []
    return strings


def _too_many_strings() -> ArchiveError:
    return ArchiveError(
        _("Part xl/sharedStrings.xml of the workbook holds more than %(limit)s texts, more than a "
          "sheet has cells; save it again as a new file, or split it.")
        % {"limit": f"{MAX_CELLS:,}"}
    )  # fmt: skip


def _date_styles(archive) -> set[int]:
    """Indexes of the cell formats that show numbers as dates or times."""
    try:
        styles = _xml(archive, "xl/styles.xml")
    except KeyError:
        return set()
    formats = dict(BUILTIN_FORMATS)
    for fmt in styles.iter(f"{MAIN}numFmt"):
        formats[int(fmt.get("numFmtId"))] = fmt.get("formatCode", "")
    cell_formats = styles.find(f"{MAIN}cellXfs")
    if cell_formats is None:
        return set()
    return {
        index
        for index, xf in enumerate(cell_formats.iter(f"{MAIN}xf"))
        if is_date_format(formats.get(int(xf.get("numFmtId", 0)), "General"))
    }


def _long_cell(cell: str) -> ArchiveError:
    return ArchiveError(
        _("Cell %(cell)s holds more than %(limit)s characters, more than Excel allows; shorten "
          "it.") % {"cell": cell, "limit": f"{MAX_CELL_CHARS:,}"}
    )  # fmt: skip


class _SheetReader:
    def __init__(self, sheet: Sheet, strings: list[str], dates: set[int], date1904: bool):
        self.sheet, self.strings, self.dates = sheet, strings, dates
        self.epoch = CALENDAR_MAC_1904 if date1904 else CALENDAR_WINDOWS_1900
        self.row_number = 0
        self.row: list = []
        self.column = 0
        self.cell_type = self.style = None
        self.text: list[str] = []
        self.formula: list[str] | None = None
        self.target: list[str] | None = None  # where the characters being read go
        self.length = 0  # characters of the cell being read
        self.cells = 0  # of the rows kept so far
        self.columns: dict[str, int] = {}
        self.elements = 0

    def parse(self, archive, member: str) -> None:
        parse_member(archive, member, self.start, self.end, self.data)

    def start(self, name, attrs):
        self.elements += 1
        if self.elements > MAX_ELEMENTS_PER_CELL * MAX_CELLS:
            raise self.too_many_elements()
        if name == "c":
            reference = attrs.get("r")
            self.column = self.column_of(reference) if reference else self.column + 1
            if self.column > MAX_COLUMNS:
                raise ArchiveError(
                    _("Sheet %(sheet)s has a value in column %(column)s (cell %(cell)s); Sinergi "
                      "reads at most %(limit)s columns. Delete the columns on the right.")
                    % {"sheet": self.sheet.title, "column": f"{self.column:,}",
                       "cell": (reference or "")[:12], "limit": f"{MAX_COLUMNS:,}"}
                )  # fmt: skip
            self.cell_type, self.style = attrs.get("t", "n"), int(attrs.get("s", 0))
            self.text, self.formula, self.length = [], None, 0
        elif name in ("v", "t"):
            self.target = self.text
        elif name == "f":
            self.formula = self.target = []
        elif name == "row":
            self.row_number = int(attrs["r"]) if "r" in attrs else self.row_number + 1
            self.row, self.column = [], 0
        elif name == "mergeCell":
            self.sheet.merged.append(attrs.get("ref", ""))
        elif name == "dimension":  # "A1:D250001", before the rows: refused without reading them
            rows = [int(part.lstrip(LETTERS) or 1) for part in attrs.get("ref", "").split(":")]
            if rows[-1] - rows[0] + 1 > MAX_ROWS:
                raise self.too_big()

    def data(self, text):
        if self.target is not None:
            self.length += len(text)
            if self.length > MAX_CELL_CHARS:
                raise _long_cell(f"{self.column_letters()}{self.row_number}")
            self.target.append(text)

    def end(self, name):
        if name in ("v", "t", "f"):
            self.target = None
        elif name == "c":
            value = self.value()
            if value is not None:
                self.row.extend([None] * (self.column - len(self.row)))
                self.row[self.column - 1] = value
        elif name == "row" and self.row:
            self.sheet.rows[self.row_number] = self.row
            self.cells += len(self.row)
            if len(self.sheet.rows) > MAX_ROWS or self.cells > MAX_CELLS:
                raise self.too_big()

    def too_many_elements(self) -> ArchiveError:
        return ArchiveError(
            _("Sheet %(sheet)s holds more than %(limit)s XML elements, more than its cells "
              "need; save it again as a new file, or split it.")
            % {"sheet": self.sheet.title, "limit": f"{MAX_ELEMENTS_PER_CELL * MAX_CELLS:,}"}
        )  # fmt: skip

    def too_big(self) -> ArchiveError:
        return ArchiveError(
            _("Sheet %(sheet)s has more than %(rows)s rows or %(cells)s cells; split it into "
              "smaller files.")
            % {"sheet": self.sheet.title, "rows": f"{MAX_ROWS:,}", "cells": f"{MAX_CELLS:,}"}
        )  # fmt: skip

    def value(self):
        if self.formula is not None:
            return "=" + "".join(self.formula)
        text = "".join(self.text)
        kind = self.cell_type
        if kind == "s":
            return self.strings[int(text)] if text else None
        if kind in ("inlineStr", "str", "e", "d"):
            return text
        if text == "":
            return None
        if kind == "b":
            return text in ("1", "true")
        number = float(text) if ("." in text or "E" in text or "e" in text) else int(text)
        if self.style in self.dates:
            try:
                return from_excel(number, self.epoch)
            except (OverflowError, ValueError):
                raise ArchiveError(
                    _(
                        "Cell %(cell)s is formatted as a date but holds %(value)s, which is not a "
                        "date; correct the value, or format the cell as a number."
                    )
                    % {"cell": f"{self.column_letters()}{self.row_number}", "value": text[:20]}
                ) from None
        return number

    def column_letters(self) -> str:
        letters, index = "", self.column
        while index:
            index, rest = divmod(index - 1, 26)
            letters = chr(65 + rest) + letters
        return letters

    def column_of(self, reference: str) -> int:
        letters = reference.rstrip("0123456789")[:4]  # XFD, the last column, has three letters
        index = self.columns.get(letters)
        if index is None:
            index = 0
            for letter in letters:
                index = index * 26 + ord(letter) - 64
            self.columns[letters] = index
        return index
