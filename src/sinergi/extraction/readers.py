"""Plain text out of the files people have: .txt, .docx (Word) and .pdf."""

import io
import re
import zipfile
from xml.etree.ElementTree import ParseError

from defusedxml import ElementTree
from django.utils.translation import gettext as _

MAX_BYTES = 5 * 1024 * 1024
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class UnreadableFile(ValueError):
    """A file whose text cannot be read; the message says why and what to do."""


def read_text(name: str, data: bytes) -> str:
    if not data:
        raise UnreadableFile(_("The file is empty."))
    if len(data) > MAX_BYTES:
        raise UnreadableFile(_("The file is larger than 5 MB; paste the text instead."))
    suffix = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    if suffix == "docx":
        return _docx_text(data)
    if suffix == "pdf":
        return _pdf_text(data)
    if suffix not in ("txt", "text", ""):
        raise UnreadableFile(
            _("Files of type .%(suffix)s cannot be read; upload .txt, .docx or .pdf.")
            % {"suffix": suffix}
        )
    if b"\x00" in data[:4096]:
        raise UnreadableFile(_("This is not a text file; upload .txt, .docx or .pdf."))
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableFile(_("The text is not in a known encoding; save it as UTF-8."))


def _docx_text(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            document = ElementTree.fromstring(archive.read("word/document.xml"))
    except (zipfile.BadZipFile, KeyError, ParseError) as error:
        raise UnreadableFile(
            _("This is not a Word (.docx) document; save it again as .docx.")
        ) from error
    paragraphs = []
    for paragraph in document.iter(f"{_W}p"):
        paragraphs.append("".join(node.text or "" for node in paragraph.iter(f"{_W}t")))
    return "\n".join(paragraphs).strip()


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError) as error:
        raise UnreadableFile(
            _("This PDF cannot be read; save it again or paste the text.")
        ) from error
    text = "\n".join(pages)
    # Lines broken inside a sentence join again; paragraph breaks stay.
    text = re.sub(r"(?<![.!?:\"”])\n(?=\S)", " ", text)
    if not text.strip():
        raise UnreadableFile(
            _("This PDF has no text layer (a scan?); paste the text or upload a .docx.")
        )
    return text.strip()
