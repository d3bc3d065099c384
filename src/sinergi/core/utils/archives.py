"""Opening the zip archives people upload (.xlsx workbooks, .docx documents) without trusting them.

A 73 KB file can hold a gigabyte of XML. Before anything is inflated, the archive's directory is
checked: the number of members, the total declared uncompressed size and the compression ratio of
every large member. Members are then read as streams capped at their declared size, and their XML
is parsed by expat, event by event, with entity declarations refused ("billion laughs").
"""

import zipfile
from contextlib import contextmanager
from xml.parsers import expat

from django.utils.translation import gettext as _

MB = 1024 * 1024
MAX_MEMBERS = 1_000
MAX_UNCOMPRESSED = 256 * MB  # every member together, as the archive declares them
MAX_RATIO = 100  # uncompressed / compressed size; a 100,000-row workbook's sheet is about 11
RATIO_FROM = 1 * MB  # small members (styles, a theme) may compress better


class ArchiveError(ValueError):
    """An archive refused before it is parsed; the message says why and what to do."""


def open_archive(source) -> zipfile.ZipFile:
    """The archive at `source` (a path or a binary file), once its directory is within the
    limits; zipfile.BadZipFile when it is no zip archive at all."""
    archive = zipfile.ZipFile(source)
    try:
        check_archive(archive)
    except ArchiveError:
        archive.close()
        raise
    return archive


def check_archive(archive: zipfile.ZipFile) -> None:
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise ArchiveError(
            _("The file holds %(count)s parts, more than %(limit)s; save it again as a new file.")
            % {"count": f"{len(members):,}", "limit": f"{MAX_MEMBERS:,}"}
        )
    total = sum(member.file_size for member in members)
    if total > MAX_UNCOMPRESSED:
        raise ArchiveError(
            _("The file unpacks to %(size)s MB, more than %(limit)s MB; split it into smaller "
              "files.") % {"size": f"{total // MB:,}", "limit": MAX_UNCOMPRESSED // MB}
        )  # fmt: skip
    for member in members:
        if member.file_size > RATIO_FROM and member.file_size > MAX_RATIO * member.compress_size:
            raise ArchiveError(
                _("Part %(name)s of the file is compressed %(ratio)s times, more than %(limit)s: "
                  "this is not an ordinary document. Save it again as a new file.")
                % {"name": member.filename[:80],
                   "ratio": f"{member.file_size // max(member.compress_size, 1):,}",
                   "limit": MAX_RATIO}
            )  # fmt: skip


class _Capped:
    """A member's stream that never gives more than `limit` bytes (zipfile stops at the declared
    size already; this holds even if a member lies about it)."""

    def __init__(self, stream, limit: int):
        self.stream, self.left = stream, limit

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size if size >= 0 else self.left + 1)
        self.left -= len(data)
        if self.left < 0:
            raise ArchiveError(_("A part of the file is larger than it declares; save it again."))
        return data


@contextmanager
def open_member(archive: zipfile.ZipFile, name: str):
    """Member `name` as a stream capped at its declared size (KeyError if it is missing)."""
    info = archive.getinfo(name)
    with archive.open(info) as stream:
        yield _Capped(stream, info.file_size)


def parse_member(archive: zipfile.ZipFile, name: str, start, end, data, namespaces=False) -> None:
    """Stream member `name` through expat with these handlers (KeyError if it is missing)."""
    with open_member(archive, name) as stream:
        parser = safe_parser(start, end, data, namespaces)
        parser.ParseFile(stream)


def _forbid(*_args):
    raise ArchiveError(
        _("The file declares XML entities, which Sinergi does not read; save it again as a new "
          "file.")
    )  # fmt: skip


def safe_parser(start, end, data, namespaces=False):
    """An expat parser that refuses entity declarations (no 'billion laughs', no external
    files). With `namespaces`, element names are "{namespace}name", as ElementTree gives them."""
    parser = expat.ParserCreate(namespace_separator="}" if namespaces else None)
    parser.buffer_text = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.EntityDeclHandler = _forbid
    parser.UnparsedEntityDeclHandler = _forbid
    parser.ExternalEntityRefHandler = _forbid
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = data
    return parser
