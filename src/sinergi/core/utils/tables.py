"""Reading the tables people upload (CSV in UTF-8, or the data sheet of an XLSX workbook) as
rows of text, with a clear message for every kind of file that is not such a table."""

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

MAX_BYTES = 50 * 1024 * 1024
DATA_SHEET = "Data"


@dataclass
class Problem:
    """One problem of an upload, where the spreadsheet shows it (the header is row 1)."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
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


def read_rows(path: Path, required: str = "region") -> list[dict]:
    """Rows as dicts of strings; ImportFileError for a file that is not a readable table."""
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
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ImportFileError(_("The CSV is not UTF-8 text; save it as CSV UTF-8.")) from exc
        return list(csv.DictReader(io.StringIO(text)))
    raise ImportFileError(_("Use a .csv or .xlsx file."))


def read_xlsx(path: Path, required: str = "region") -> list[dict]:
    from sinergi.core.utils.xlsx import XlsxError, read_sheet

    try:
        sheet = read_sheet(path, DATA_SHEET)
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
    names = [str(h).strip() if h is not None else "" for h in header]
    result = []
    for number in sorted(sheet.rows):
        values = sheet.rows[number]
        if all(v is None for v in values):
            continue
        values = values + [None] * (len(names) - len(values))
        result.append(
            {name: ("" if v is None else str(v)) for name, v in zip(names, values, strict=False)}
        )
    return result
