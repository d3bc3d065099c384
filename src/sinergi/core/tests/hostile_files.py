"""Builders of the hostile files of issue 13, at any size: the tests build small ones that still
trip each limit, `benchmarks/hostile.py` the full-size ones that were reported."""

import datetime
import io
import itertools
import json
import random
import re
import zipfile

from openpyxl import Workbook

SHEET = "xl/worksheets/sheet1.xml"
SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
SHEET_TAIL = b"</sheetData></worksheet>"
WORD = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CHUNK = 1024 * 1024


def _workbook() -> bytes:
    book = Workbook()
    book.active.title = "Data"
    book.active.append(["region", "indicator", "period", "value"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _replace(archive_bytes: bytes, name: str, write, compression=zipfile.ZIP_DEFLATED) -> bytes:
    """The archive with member `name` written by `write(stream)`, every other member kept."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(archive_bytes)) as old, zipfile.ZipFile(out, "w") as new:
        for item in old.infolist():
            if item.filename != name:
                new.writestr(item, old.read(item.filename), zipfile.ZIP_DEFLATED)
        info = zipfile.ZipInfo(name)
        info.compress_type = compression
        with new.open(info, "w", force_zip64=True) as stream:
            write(stream)
    return out.getvalue()


def _padded(head: bytes, size: int, tail: bytes):
    def write(stream):
        stream.write(head)
        left = size
        while left > 0:
            stream.write(b" " * min(CHUNK, left))
            left -= CHUNK
        stream.write(tail)

    return write


def xlsx_bomb(size: int, compression=zipfile.ZIP_BZIP2) -> bytes:
    """A workbook whose sheet is `size` bytes of XML (whitespace, which bzip2 packs ~10^6:1)."""
    return _replace(_workbook(), SHEET, _padded(SHEET_HEAD, size, SHEET_TAIL), compression)


def xlsx_far_columns(rows: int, column: str = "XFD") -> bytes:
    """One value per row in a far column: the reader padded every row to that width."""

    def write(stream):
        stream.write(SHEET_HEAD)
        for number in range(1, rows + 1):
            stream.write(b'<row r="%d"><c r="%s%d"><v>1</v></c></row>' % (number, column.encode(),
                                                                           number))  # fmt: skip
        stream.write(SHEET_TAIL)

    return _replace(_workbook(), SHEET, write)


def xlsx_rows(rows: int, dimension: bool = False) -> bytes:
    """Many small rows; with `dimension`, the sheet states its extent first, as Excel writes it."""

    def write(stream):
        if dimension:
            stream.write(SHEET_HEAD.replace(b"<sheetData>", b'<dimension ref="A1:D%d"/>'
                                            b"<sheetData>" % rows))  # fmt: skip
        else:
            stream.write(SHEET_HEAD)
        for number in range(1, rows + 1):
            stream.write(b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>52.03</t></is></c>'
                         b'<c r="D%d"><v>1</v></c></row>' % (number, number, number))  # fmt: skip
        stream.write(SHEET_TAIL)

    return _replace(_workbook(), SHEET, write)


def xlsx_long_cell(length: int) -> bytes:
    body = b'<row r="1"><c r="A1" t="inlineStr"><is><t>' + b"a" * length + b"</t></is></c></row>"
    return _replace(_workbook(), SHEET, lambda stream: stream.write(SHEET_HEAD + body + SHEET_TAIL))


def xlsx_entities() -> bytes:
    head = SHEET_HEAD.replace(
        b"\n", b'\n<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
    )
    body = b'<row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c></row>'
    return _replace(_workbook(), SHEET, lambda stream: stream.write(head + body + SHEET_TAIL))


def _document(write, compression=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        info = zipfile.ZipInfo("word/document.xml")
        info.compress_type = compression
        with archive.open(info, "w", force_zip64=True) as stream:
            write(stream)
    return out.getvalue()


DOC_HEAD = b'<?xml version="1.0"?><w:document xmlns:w="' + WORD + b'"><w:body>'
DOC_TAIL = b"</w:body></w:document>"


def docx(paragraphs: list[str]) -> bytes:
    body = b"".join(b"<w:p><w:r><w:t>%s</w:t></w:r></w:p>" % p.encode() for p in paragraphs)
    return _document(lambda stream: stream.write(DOC_HEAD + body + DOC_TAIL))


def docx_bomb(size: int, compression=zipfile.ZIP_BZIP2) -> bytes:
    return _document(_padded(DOC_HEAD, size, DOC_TAIL), compression)


def docx_entities() -> bytes:
    head = DOC_HEAD.replace(b"?>", b'?><!DOCTYPE d [<!ENTITY a "Rapat koordinasi">]>', 1)
    body = b"<w:p><w:r><w:t>&a;</w:t></w:r></w:p>"
    return _document(lambda stream: stream.write(head + body + DOC_TAIL))


def text_of(size: int) -> bytes:
    """A plain text of `size` bytes: one sentence with figures, no full stop, repeated."""
    unit = b"program peningkatan kapasitas aparatur desa target 10 desa "
    return (unit * (size // len(unit) + 1))[:size]


def csv_long_field(length: int) -> bytes:
    return b"region,indicator,period,value,comment\n52.03,destana_formed,2023,1," + b"a" * length


def csv_rows(rows: int) -> bytes:
    return b"region,indicator,period,value\n" + b"52.03,destana_formed,2023,1\n" * rows


def deep_json(depth: int) -> bytes:
    return b'{"values": ' + b"[" * depth + b"]" * depth + b"}"


def flat_json() -> bytes:
    return json.dumps({"values": [{"region": "52.03", "indicator": "x", "value": 1}]}).encode()


def _varied(head: bytes, units: list[bytes], weights: list[int], count: int, tail: bytes):
    """A writer of `count` units drawn (seeded) from `units`, chunk by chunk: the variety keeps
    the compression ratio under the archive check's, as a crafted file would."""

    def write(stream):
        draw, left = random.Random(13), count
        stream.write(head)
        while left > 0:
            stream.write(b"".join(draw.choices(units, weights, k=min(100_000, left))))
            left -= 100_000
        stream.write(tail)

    return write


def docx_empty_paragraphs(count: int) -> bytes:
    """Empty paragraphs only: no text, so the character count alone never stops them."""
    return _document(_varied(DOC_HEAD, [b"<w:p/>", b"<w:p />"], [96, 4], count, DOC_TAIL))


def xlsx_elements(count: int) -> bytes:
    """Elements the reader skips (neither rows nor cells), packed into the sheet's data."""
    return _replace(_workbook(), SHEET, _varied(SHEET_HEAD, [b"<a/>", b"<a />"], [98, 2], count,
                                                SHEET_TAIL))  # fmt: skip


def xlsx_shared_strings(count: int) -> bytes:
    """`count` shared strings of three letters."""
    head = SHEET_HEAD.replace(b"<worksheet", b"<sst").replace(b"<sheetData>", b"")
    units = [b"<si><t>%s</t></si>" % bytes(w) for w in itertools.product(b"abcdefghij", repeat=3)]
    return _replace(_workbook(), "xl/sharedStrings.xml",
                    _varied(head, units, [1] * len(units), count, b"</sst>"))  # fmt: skip


def xlsx_date_cell(value: bytes) -> bytes:
    """Cell A1 formatted as a date (numFmtId 14) that holds `value`."""
    book = Workbook()
    book.active["A1"] = datetime.date(2023, 2, 3)
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        style = re.search(rb'<c r="A1"[^>]* s="(\d+)"', archive.read(SHEET)).group(1)
    body = b'<row r="1"><c r="A1" s="%s"><v>%s</v></c></row>' % (style, value)
    return _replace(buffer.getvalue(), SHEET, lambda s: s.write(SHEET_HEAD + body + SHEET_TAIL))
