"""CSV and XLSX downloads of exactly the rows a page shows."""

import csv
import io
from decimal import Decimal

from django.http import HttpResponse
from openpyxl import Workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def plain(value):
    if isinstance(value, Decimal):
        return float(value)
    return "" if value is None else value


def table_response(
    filename: str, headers: list[str], rows: list[list], file_format: str
) -> HttpResponse:
    """`filename` without extension; `file_format` is 'csv' or 'xlsx'."""
    if file_format == "xlsx":
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = filename[:31]
        sheet.append([str(h) for h in headers])
        for row in rows:
            sheet.append([plain(value) for value in row])
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    else:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([str(h) for h in headers])
        writer.writerows([[plain(value) for value in row] for row in rows])
        response = HttpResponse(
            buffer.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}.{file_format}"'
    return response
