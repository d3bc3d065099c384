"""Plain text out of the files people have: .txt, .docx (Word) and .pdf."""

import io
import re
import zipfile
from xml.parsers import expat

from django.utils.translation import gettext as _

from sinergi.core.utils.archives import MB, ArchiveError, open_archive, parse_member

MAX_BYTES = 5 * 1024 * 1024
# About 30 pages; a press release or the minutes of a meeting are far shorter. The extraction's
# time grows with the text (about 4 s for 100,000 characters on one core).
MAX_CHARS = 100_000
# word/document.xml: a 30-page report's is under 2 MB; its elements (paragraphs, runs, properties)
# are counted while it is parsed, since empty ones add no text to the character count.
MAX_DOCUMENT_BYTES = 20 * MB
MAX_ELEMENTS = 1_000_000
P = "http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"  # as expat names it
T = "http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"


class UnreadableFile(ValueError):
    """A file whose text cannot be read; the message says why and what to do."""


def too_long(length: int) -> str:
    return _(
        "The text has more than %(limit)s characters (%(length)s); Sinergi reads one press "
        "release or one meeting's minutes at a time. Split it, or keep only the part about the "
        "meeting."
    ) % {"limit": f"{MAX_CHARS:,}", "length": f"{length:,}"}


def check_length(text: str) -> str:
    """The text, or UnreadableFile when it is longer than MAX_CHARS."""
    if len(text) > MAX_CHARS:
        raise UnreadableFile(too_long(len(text)))
    return text


def read_text(name: str, data: bytes) -> str:
    """The text of an uploaded file, at most MAX_CHARS characters long."""
    return check_length(_read_text(name, data))


def _read_text(name: str, data: bytes) -> str:
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
    """The paragraphs of word/document.xml, streamed (a checked archive, no XML entities) and
    stopped as soon as they pass MAX_CHARS (the newlines between paragraphs counted) or
    MAX_ELEMENTS elements."""
    paragraphs: list[str] = []
    open_paragraphs: list[list[str]] = []  # a text box's paragraphs sit inside a paragraph
    state = {"in_text": False, "length": 0, "elements": 0}

    def start(name, _attrs):
        state["elements"] += 1
        if state["elements"] > MAX_ELEMENTS:
            raise UnreadableFile(
                _("Part word/document.xml of the document holds more than %(limit)s XML "
                  "elements, far more than a text of %(chars)s characters needs; save it again "
                  "as a new .docx, or paste the text.")
                % {"limit": f"{MAX_ELEMENTS:,}", "chars": f"{MAX_CHARS:,}"}
            )  # fmt: skip
        if name == P:
            open_paragraphs.append([])
        elif name == T and open_paragraphs:
            state["in_text"] = True

    def end(name):
        if name == P and open_paragraphs:
            paragraphs.append("".join(open_paragraphs.pop()))
            state["length"] += 1  # the newline that joins it to the next
            if state["length"] > MAX_CHARS + 1:
                raise UnreadableFile(too_long(state["length"] - 1))
        elif name == T:
            state["in_text"] = False

    def text(chunk):
        if state["in_text"]:
            state["length"] += len(chunk)
            if state["length"] > MAX_CHARS:
                raise UnreadableFile(too_long(state["length"]))
            open_paragraphs[-1].append(chunk)

    try:
        with open_archive(io.BytesIO(data)) as archive:
            size = archive.getinfo("word/document.xml").file_size
            if size > MAX_DOCUMENT_BYTES:
                raise UnreadableFile(
                    _("Part word/document.xml of the document unpacks to %(size)s MB, more than "
                      "%(limit)s MB; save only the text as a new .docx, or paste it.")
                    % {"size": f"{size // MB:,}", "limit": MAX_DOCUMENT_BYTES // MB}
                )  # fmt: skip
            parse_member(archive, "word/document.xml", start, end, text, namespaces=True)
    except ArchiveError as error:
        raise UnreadableFile(str(error)) from error
    except (zipfile.BadZipFile, KeyError, expat.ExpatError) as error:
        raise UnreadableFile(
            _("This is not a Word (.docx) document; save it again as .docx.")
        ) from error
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
