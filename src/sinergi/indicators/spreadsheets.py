"""Spreadsheets people fill in: the wide data template, and a file's copy with its problems marked.

The wide template has one row per region below the chosen one (code and name), one column per
indicator and period (header "<indicator code> <period>", e.g. "destana_level 2023"), lists for
level and yes/no indicators, number ranges for the others, the current values filled in, and an
instructions sheet in Bahasa Indonesia. `sinergi import` and the import page read it back.
"""

import io
import re
import zipfile
from pathlib import Path

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from sinergi.core.utils.exports import safe_cell
from sinergi.core.utils.tables import (
    ImportFileError,
    columns_of,
    csv_delimiter,
    csv_records,
    csv_text,
)
from sinergi.indicators.models import DataValue, Indicator
from sinergi.regions.models import Region

DATA_SHEET = "Data"
YES, NO = "Ya", "Tidak"
WIDE_HEADER = re.compile(r"^\s*([a-z0-9_\-]+)\s+(\d{4}(?:Q[1-4]|\d{2})?)\s*$")
PROBLEM_FILL = PatternFill("solid", fgColor="F8D7DA")
HEADER_FILL = PatternFill("solid", fgColor="D1E7DD")
MB = 1024 * 1024


def wide_template(region: Region, indicators: list[Indicator], period: str, user=None) -> bytes:
    """The template for the regions directly below `region` (or `region` itself when it has
    none), with the values `user` may see filled in."""
    rows = list(Region.objects.filter(parent=region).order_by("code")) or [region]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = DATA_SHEET
    header = ["region", "nama", *[f"{i.code} {period}" for i in indicators]]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    current = {}
    # user None: the system itself (CLI run by the server operator), as in save_values.
    readable = DataValue.objects.all() if user is None else DataValue.objects.restrict(user)
    values = readable.filter(indicator__in=indicators, period=period, region__in=rows)
    for indicator_id, region_id, value in values.values_list("indicator_id", "region_id", "value"):
        current[(indicator_id, region_id)] = value
    for place in rows:
        line = [place.code, safe_cell(place.name)]
        for indicator in indicators:
            value = current.get((indicator.pk, place.code))
            line.append(_cell_value(indicator, value))
        sheet.append(line)
    last = len(rows) + 1
    for column, indicator in enumerate(indicators, start=3):
        letter = get_column_letter(column)
        validation = _validation(indicator)
        sheet.add_data_validation(validation)
        validation.add(f"{letter}2:{letter}{last}")
        sheet.column_dimensions[letter].width = max(14, len(header[column - 1]) + 2)
    sheet.column_dimensions["A"].width = 16
    sheet.column_dimensions["B"].width = 32
    sheet.freeze_panes = "C2"
    _instructions(workbook.create_sheet("Petunjuk"), region, indicators, period)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell_value(indicator: Indicator, value):
    if value is None:
        return None
    if indicator.value_type == "level":
        return indicator.level_label(value)
    if indicator.value_type == "yes_no":
        return YES if value else NO
    return float(value) if value != int(value) else int(value)


def _validation(indicator: Indicator) -> DataValidation:
    if indicator.value_type == "level":
        names = ",".join(["0", *indicator.levels])
        validation = DataValidation(type="list", formula1=f'"{names}"', allow_blank=True)
    elif indicator.value_type == "yes_no":
        validation = DataValidation(type="list", formula1=f'"{YES},{NO}"', allow_blank=True)
    elif indicator.value_type == "percentage":
        validation = DataValidation(
            type="decimal", operator="between", formula1="0", formula2="100", allow_blank=True
        )
    else:
        validation = DataValidation(
            type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True
        )
    validation.error = _("This value is not accepted for %(indicator)s.") % {
        "indicator": indicator.name
    }
    validation.errorTitle = _("Value not accepted")
    validation.showErrorMessage = True
    return validation


def _instructions(sheet, region: Region, indicators: list[Indicator], period: str) -> None:
    lines = [
        _("How to fill in a Sinergi data template"),
        "",
        _("Region: %(code)s %(name)s. Period: %(period)s.")
        % {"code": region.code, "name": region.name, "period": period},
        _("Fill in the sheet 'Data': one row per region, one column per indicator."),
        _("Do not change the 'region' column (Kemendagri code) or the heading row."),
        _("An empty cell means no data; a value already there is replaced by the cell's content."),
        _("Write numbers, not formulas. Decimals may use a comma or a point."),
        _("Upload this file on the page Indicators > Import, or: sinergi import FILE.xlsx"),
        _("Sinergi checks every cell and saves only when there are no problems."),
        "",
        _("Indicators:"),
    ]
    for indicator in indicators:
        accepted = {
            "level": _("level: %(levels)s") % {"levels": ", ".join(["0", *indicator.levels])},
            "yes_no": _("%(yes)s or %(no)s") % {"yes": YES, "no": NO},
            "percentage": _("percentage, 0 to 100"),
        }.get(indicator.value_type, _("number, 0 or more"))
        lines.append(f"- {indicator.code} {period}: {indicator.name} ({accepted})")
    for line in lines:
        sheet.append([line])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.column_dimensions["A"].width = 110


def is_wide(header: list[str]) -> bool:
    return "region" in header and "indicator" not in header


def wide_to_long(rows: list[dict]) -> list[dict]:
    """Each filled indicator cell of a wide sheet as a long row that remembers its spreadsheet
    row and column, so problems are named where the person typed them."""
    header = columns_of(rows)
    columns = [(index, name) for index, name in enumerate(header) if WIDE_HEADER.match(name)]
    long = []
    for raw in rows:
        number = raw["_row"]
        for index, name in columns:
            value = (raw.get(name) or "").strip()
            if value == "":
                continue
            code, period = WIDE_HEADER.match(name).groups()
            if value.lower() in (YES.lower(), NO.lower()):
                value = "1" if value.lower() == YES.lower() else "0"
            long.append(
                {
                    "region": (raw.get("region") or "").strip(),
                    "indicator": code,
                    "period": period,
                    "value": value,
                    "_row": number,
                    "_column": f"{get_column_letter(index + 1)} ({name})",
                }
            )
    return long


def wide_header_problems(header: list[str]) -> list[tuple[str, str]]:
    """Columns other than region/nama that are not "<indicator code> <period>"."""
    known = set(Indicator.objects.values_list("code", flat=True))
    problems = []
    for index, name in enumerate(header):
        if name in ("region", "nama", "name", ""):
            continue
        match = WIDE_HEADER.match(name)
        if not match:
            problems.append(
                (
                    f"{get_column_letter(index + 1)} ({name})",
                    _("A column heading must be '<indicator code> <period>', e.g. "
                      "'destana_level 2023'."),
                )
            )  # fmt: skip
        elif match.group(1) not in known:
            problems.append(
                (
                    f"{get_column_letter(index + 1)} ({name})",
                    _("Unknown indicator %(c)r.") % {"c": match.group(1)},
                )
            )
    return problems


MARKED_MAX_BYTES = 8 * MB  # a workbook's sheets, unpacked, that openpyxl loads whole


def marked_copy(path: Path, problems) -> bytes:
    """The uploaded file as XLSX with every problem's cell filled red and the message attached
    as a cell comment, plus a sheet listing them all. ImportFileError, with the reason, for a
    file beyond the limits (its problems are listed on the page all the same)."""
    if path.suffix.lower() == ".xlsx":
        _check_marked_size(path)
        workbook = load_workbook(path)
        sheet = workbook.worksheets[0]
    else:
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = DATA_SHEET
        text = csv_text(path.read_bytes())
        # within MAX_ROWS, MAX_COLUMNS and MAX_CELLS
        for _number, line in csv_records(text, csv_delimiter(text)):
            sheet.append(line)
        for cell in (cell for row in sheet.iter_rows() for cell in row if cell.data_type == "f"):
            cell.data_type = "s"  # the file's text as the person typed it, never a formula
    header = [str(c.value).strip() if c.value is not None else "" for c in sheet[1]]
    for problem in problems:
        if problem.row < 1:
            continue
        column = _column_index(header, problem.column)
        cell = sheet.cell(row=problem.row, column=column)
        cell.fill = PROBLEM_FILL
        previous = cell.comment.text + "\n" if cell.comment else ""
        cell.comment = Comment(previous + problem.message, "Sinergi")
    listing = workbook.create_sheet("Kesalahan")
    listing.append([_("row"), _("column"), _("problem")])
    for problem in problems:
        listing.append([problem.row, safe_cell(problem.column), safe_cell(problem.message)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _check_marked_size(path: Path) -> None:
    """ImportFileError unless every sheet of the workbook, unpacked, adds up to at most
    MARKED_MAX_BYTES: openpyxl loads every sheet whole, also those the import never read."""
    from sinergi.core.utils.archives import ArchiveError, open_archive

    try:
        with open_archive(path) as archive:
            size = sum(
                member.file_size
                for member in archive.infolist()
                if member.filename.startswith("xl/worksheets/")
                or member.filename == "xl/sharedStrings.xml"
            )
    except ArchiveError as exc:
        raise ImportFileError(str(exc)) from exc
    except (zipfile.BadZipFile, OSError) as exc:
        raise ImportFileError(_("This is not an Excel .xlsx file (it cannot be opened).")) from exc
    if size > MARKED_MAX_BYTES:
        raise ImportFileError(
            _("%(file)s is too big for a marked copy (its sheets unpack to %(size)s MB, more than "
              "%(limit)s MB). Fix the problems listed on the import page, or delete the sheets "
              "other than 'Data' and upload the file again.")
            % {"file": path.name, "size": f"{size / MB:,.1f}", "limit": MARKED_MAX_BYTES // MB}
        )  # fmt: skip


def _column_index(header: list[str], column: str) -> int:
    letter = re.match(r"^([A-Z]{1,3}) \(", column or "")
    if letter:
        from openpyxl.utils import column_index_from_string

        return column_index_from_string(letter.group(1))
    if column in header:
        return header.index(column) + 1
    return 1
