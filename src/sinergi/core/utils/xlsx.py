"""Reading one sheet of an .xlsx workbook as text, streamed.

openpyxl (which writes our templates) reads a 100,000-row sheet in about twelve seconds, even in
read-only mode; an import checks every cell anyway, so it needs only each cell's text. Here the
sheet's XML is streamed through expat and every cell is given as openpyxl would give it with
`data_only=False`, turned into text: formulas as "=…", numbers as int or float, dates (by the
cell's number format) as datetimes, booleans as True/False, errors and strings as written.
"""

import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from xml.parsers import expat

from defusedxml import ElementTree
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELATIONSHIP = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
PACKAGE_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


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
        with zipfile.ZipFile(path) as archive:
            sheets, date1904 = _sheets(archive)
            if not sheets:
                raise XlsxError("no sheets")
            title, member = next(((t, m) for t, m in sheets if t == preferred), sheets[0])
            strings = _shared_strings(archive)
            dates = _date_styles(archive)
            sheet = Sheet(title)
            reader = _SheetReader(sheet, strings, dates, date1904)
            with archive.open(member) as stream:
                reader.parse(stream)
            return sheet
    except (zipfile.BadZipFile, KeyError, OSError, expat.ExpatError, ElementTree.ParseError,
            ValueError, IndexError) as exc:  # fmt: skip
        raise XlsxError(str(exc)) from exc


def _xml(archive, name):
    return ElementTree.fromstring(archive.read(name))


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
    try:
        stream = archive.open("xl/sharedStrings.xml")
    except KeyError:
        return []
    strings: list[str] = []
    state = {"text": None, "skip": 0, "in_t": False}

    def start(name, _attrs):
        if name == "si":
            state["text"] = []
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
            state["text"].append(text)

    with stream:
        _parser(start, end, data).ParseFile(stream)
    return strings


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


def _forbid(*_args):
    raise XlsxError("XML entities are not allowed in a workbook")


def _parser(start, end, data):
    """An expat parser that refuses entity declarations (no 'billion laughs', no external files)."""
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.EntityDeclHandler = _forbid
    parser.UnparsedEntityDeclHandler = _forbid
    parser.ExternalEntityRefHandler = _forbid
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = data
    return parser


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
        self.columns: dict[str, int] = {}

    def parse(self, stream) -> None:
        _parser(self.start, self.end, self.data).ParseFile(stream)

    def start(self, name, attrs):
        if name == "c":
            reference = attrs.get("r")
            self.column = self.column_of(reference) if reference else self.column + 1
            self.cell_type, self.style = attrs.get("t", "n"), int(attrs.get("s", 0))
            self.text, self.formula = [], None
        elif name in ("v", "t"):
            self.target = self.text
        elif name == "f":
            self.formula = self.target = []
        elif name == "row":
            self.row_number = int(attrs["r"]) if "r" in attrs else self.row_number + 1
            self.row, self.column = [], 0
        elif name == "mergeCell":
            self.sheet.merged.append(attrs.get("ref", ""))

    def data(self, text):
        if self.target is not None:
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
            return from_excel(number, self.epoch)
        return number

    def column_of(self, reference: str) -> int:
        letters = reference.rstrip("0123456789")
        index = self.columns.get(letters)
        if index is None:
            index = 0
            for letter in letters:
                index = index * 26 + ord(letter) - 64
            self.columns[letters] = index
        return index
