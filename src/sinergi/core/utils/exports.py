"""CSV and XLSX downloads of exactly the rows a page shows."""

import csv
import html
import io
from decimal import Decimal

from django.http import HttpResponse
from django.utils.html import strip_tags
from django.utils.safestring import SafeData
from openpyxl import Workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A text cell starting with one of these is a formula to Excel, LibreOffice or Sheets (a tab or
# a carriage return first hides the formula from the eye; some programs drop them and evaluate).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A value as a spreadsheet cell that shows it and never runs it: numbers and dates as they
    are (a negative number stays a number), text that a spreadsheet would read as a formula with
    a leading apostrophe, and HTML (a badge rendered for the page) as its text."""
    if isinstance(value, Decimal):
        return float(value)
    if value is None:
        return ""
    if isinstance(value, SafeData):
        value = html.unescape(strip_tags(value)).strip()
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def table_response(
    filename: str, headers: list[str], rows: list[list], file_format: str
) -> HttpResponse:
    """`filename` without extension; `file_format` is 'csv' or 'xlsx'. Every cell goes through
    `safe_cell`."""
    if file_format == "xlsx":
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = filename[:31]
        sheet.append([safe_cell(str(h)) for h in headers])
        for row in rows:
            sheet.append([safe_cell(value) for value in row])
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    else:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([safe_cell(str(h)) for h in headers])
        writer.writerows([[safe_cell(value) for value in row] for row in rows])
        response = HttpResponse(
            buffer.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}.{file_format}"'
    return response
