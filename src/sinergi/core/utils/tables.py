"""Reading the tables people upload (CSV in UTF-8, or the data sheet of an XLSX workbook) as
rows of text, with a clear message for every kind of file that is not such a table."""

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

MAX_BYTES = 50 * 1024 * 1024
DATA_SHEET = "Data"
# An imported text starting with one of these would be a formula when exported and opened in a
# spreadsheet; a minus stays allowed (negative numbers, "- " lists).
FORMULA_STARTS = ("=", "+", "@")


@dataclass
class Problem:
    """One problem of an upload, where the spreadsheet shows it (the header is row 1)."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.row < 1:  # the file as a whole, not one of its rows
            return self.message
        if self.column in ("", "-"):
            return _("row %(row)s: %(message)s") % {"row": self.row, "message": self.message}
        return _("row %(row)s, column %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class ImportResult:
    """What an import wrote (or, dry, would write), or every problem that stopped it."""

    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class ImportFileError(ValueError):
    pass


def formula_problem(text: str) -> str | None:
    """What is wrong with a cell's text that a spreadsheet would read as a formula, or None."""
    text = text.strip()
    if text.startswith(FORMULA_STARTS):
        return _(
            "Starts with %(start)s, which a spreadsheet reads as a formula; enter the value "
            "itself, without %(start)s in front."
        ) % {"start": text[0]}
    return None


def read_rows(path: Path, required: str = "region") -> list[dict]:
    """Rows as dicts of strings, each with "_row": its number as the spreadsheet shows it (the
    header is row 1; empty rows are left out but counted); ImportFileError for a file that is
    not a readable table."""
    if not path.exists():
        raise ImportFileError(_("File not found: %(path)s") % {"path": path})
    size = path.stat().st_size
    if size == 0:
        raise ImportFileError(_("The file is empty."))
    if size > MAX_BYTES:
        raise ImportFileError(_("The file is larger than 50 MB; split it."))
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return read_xlsx(path, required)
    if suffix == ".csv":
        text = csv_text(path.read_bytes())
        records = csv_records(text, csv_delimiter(text))
        header = next(records, (1, []))[1]
        return as_dicts(header, records, strings=True)
    raise ImportFileError(_("Use a .csv or .xlsx file."))


def csv_text(data: bytes) -> str:
    """A CSV's text: UTF-8 with or without a BOM, or UTF-16 with its BOM (Excel's "Unicode text");
    anything else is refused with the row of the first character that is not UTF-8 and what it
    would be in Windows-1252, the encoding Excel's plain "CSV" uses on Windows."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ImportFileError(_("The file starts as UTF-16 text but is damaged.")) from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        row = data.count(b"\n", 0, exc.start) + 1
        seen = data[exc.start : exc.start + 1].decode("cp1252", errors="replace")
        raise ImportFileError(
            _("The CSV is not UTF-8 text: row %(row)s has a character saved in another encoding "
              "(in Windows-1252, the encoding of Excel's plain \"CSV\", it reads \"%(char)s\"). "
              "Save the file again as \"CSV UTF-8\" (Excel) or with the character set UTF-8 "
              "(LibreOffice).") % {"row": row, "char": seen}
        ) from exc  # fmt: skip


DELIMITERS = (",", ";", "\t")


def csv_delimiter(text: str) -> str:
    """The separator of a CSV: the one of comma, semicolon (spreadsheets set to Indonesian) or tab
    that splits the header line, outside quotes, into the most columns; a comma by default."""
    header = text.split("\n", 1)[0]
    outside = "".join(header.split('"')[::2])  # the parts not between quote marks
    counts = {delimiter: outside.count(delimiter) for delimiter in DELIMITERS}
    best = max(DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def csv_records(text: str, delimiter: str = ","):
    """(row number, values) of each record of a CSV text; ImportFileError naming the row for a
    record that cannot be read (a cell over csv's limit of 131,072 characters, most often from
    a quote mark never closed) and past MAX_ROWS."""
    from sinergi.core.utils.xlsx import MAX_ROWS

    too_many = ImportFileError(
        _("The file has more than %(limit)s rows; split it into smaller files.")
        % {"limit": f"{MAX_ROWS:,}"}
    )
    from sinergi.core.utils.xlsx import MAX_CELLS, MAX_COLUMNS

    def too_wide(row: int) -> ImportFileError:
        return ImportFileError(
            _("Row %(row)s has more than %(limit)s values; Sinergi reads at most %(limit)s "
              "columns. Delete the columns on the right (or the extra commas) and save the file "
              "again.") % {"row": row, "limit": f"{MAX_COLUMNS:,}"}
        )  # fmt: skip

    wide = first_wide_record(text, MAX_COLUMNS, delimiter)
    if wide is not None:  # refused before csv.reader makes a string of each of its values
        raise too_wide(wide)
    number = cells = 0
    try:
        # More lines than allowed rows (a cell may hold line breaks): count the records first,
        # which costs no memory, rather than keep 200,000 rows before refusing the file.
        if text.count("\n") > MAX_ROWS and sum(
            1 for _ in csv.reader(io.StringIO(text), delimiter=delimiter)
        ) > (MAX_ROWS + 1):
            raise too_many
        for number, values in enumerate(
            csv.reader(io.StringIO(text), delimiter=delimiter), start=1
        ):  # noqa: B007
            if number > MAX_ROWS + 1:
                raise too_many
            if len(values) > MAX_COLUMNS:
                raise too_wide(number)
            cells += len(values)
            if cells > MAX_CELLS:
                raise ImportFileError(
                    _("The file has more than %(cells)s cells (row %(row)s passes the limit); "
                      "split it into smaller files.") % {"cells": f"{MAX_CELLS:,}", "row": number}
                )  # fmt: skip
            yield number, values
    except csv.Error as exc:
        raise ImportFileError(
            _("Row %(row)s cannot be read: a cell is longer than %(limit)s characters or a quote "
              "mark (\") is not closed. Shorten the cell or close the quote, and save the file "
              "again as CSV UTF-8.") % {"row": number + 1, "limit": f"{csv.field_size_limit():,}"}
        ) from exc  # fmt: skip


def first_wide_record(text: str, limit: int, delimiter: str = ",") -> int | None:
    """The number of the first CSV record with more than `limit` values, counted
    in the text (separators outside quotes) rather than as the strings csv.reader would make of
    them: one 45 MB row of commas is 45 M strings. None when every record is within."""
    if text.count(delimiter) < limit:
        return None
    record, commas, quoted = 1, 0, False
    for line in text.split("\n"):
        if '"' in line:
            parts = line.split('"')
            for index, part in enumerate(parts):
                if not quoted:
                    commas += part.count(delimiter)
                if index < len(parts) - 1:
                    quoted = not quoted
        else:
            commas += 0 if quoted else line.count(delimiter)
        if commas >= limit:
            return record
        if not quoted:
            record, commas = record + 1, 0
    return None


def read_xlsx(path: Path, required: str = "region") -> list[dict]:
    from sinergi.core.utils.archives import ArchiveError
    from sinergi.core.utils.xlsx import XlsxError, read_sheet

    try:
        sheet = read_sheet(path, DATA_SHEET)
    except ArchiveError as exc:
        raise ImportFileError(str(exc)) from exc
    except XlsxError as exc:
        raise ImportFileError(_("This is not an Excel .xlsx file (it cannot be opened).")) from exc
    if sheet.merged:
        raise ImportFileError(
            _("Sheet %(sheet)s has merged cells (%(cells)s); unmerge them so that every value "
              "has its own cell.") % {"sheet": sheet.title, "cells": ", ".join(sheet.merged[:5])}
        )  # fmt: skip
    header = sheet.rows.pop(1, [])
    if not header:
        raise ImportFileError(_("Sheet %(sheet)s is empty.") % {"sheet": sheet.title})
    if required and required not in [str(h).strip() for h in header if h is not None]:
        raise ImportFileError(
            _("Sheet %(sheet)s has no 'region' column in its first row: use the sheet 'Data' "
              "of a Sinergi template, or the header region,indicator,period,value.")
            % {"sheet": sheet.title}
        )  # fmt: skip
    return as_dicts(header, ((number, sheet.rows[number]) for number in sorted(sheet.rows)))


def columns_of(rows: list[dict]) -> list[str]:
    """The column names of rows from `read_rows` (without their "_row")."""
    return [name for name in rows[0] if name != "_row"] if rows else []


def as_dicts(header: list, numbered_rows, strings: bool = False) -> list[dict]:
    """{column name: text} for each (row number, values) that has a value; short rows are
    padded, values beyond the header are left out. `strings`: every value is a string already
    (a CSV's), none needs converting."""
    names = [str(h).strip() if h is not None else "" for h in header]
    width = len(names)
    result = []
    for number, values in numbered_rows:
        if strings:
            cells = values[:width]
        else:
            cells = [v if type(v) is str else "" if v is None else str(v) for v in values[:width]]
        if not "".join(cells).strip():
            continue
        if len(cells) < width:
            cells += [""] * (width - len(cells))
        row = dict(zip(names, cells, strict=True))
        row["_row"] = number
        result.append(row)
    return result
