"""Follow-ups of the agreements: the body responsible and the due date the text gives
("paling lambat 30 November 2024", "akhir Maret", "tahun ini")."""

import calendar
import re
from datetime import date

from .. import lexicon as lx
from .dates import Dates
from .document import Document, Mentions
from .meeting import Agreement

_MONTHS = "|".join(sorted(lx.MONTHS, key=len, reverse=True))
_DUE_RX = re.compile(
    r"\b(?:paling\s+lambat|selambat-lambatnya|sebelum|hingga|sampai(?:\s+dengan)?|pada)\s+"
    r"(?:(?:tanggal|bulan)\s+)?"
    r"(?P<due>akhir\s+(?:(?P<month>" + _MONTHS + r")(?:\s+(?P<year>\d{4}))?|tahun(?:\s+ini)?"
    r"|bulan(?:\s+ini)?)|tahun\s+ini|\d{1,2}\s+(?:" + _MONTHS + r")\s+\d{4}"
    r"|(?P<month_only>" + _MONTHS + r")\s+(?P<month_year>\d{4}))",
    re.IGNORECASE,
)


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _due_date(match: re.Match, dates: Dates, year: int | None) -> date | None:
    """The date a due phrase names; "akhir Maret" and "tahun ini" in the meeting's year."""
    inside = next((m for m in dates.mentions if match.start("due") <= m.start < match.end()), None)
    if inside is not None:
        return inside.when
    if match["month_only"]:
        return _last_day(int(match["month_year"]), lx.MONTHS[match["month_only"].lower()])
    if year is None:
        return None
    if match["month"]:
        return _last_day(int(match["year"] or year), lx.MONTHS[match["month"].lower()])
    if "tahun" in match["due"].lower():
        return date(year, 12, 31)
    return None


def add_followups(
    doc: Document,
    agreements: list[Agreement],
    orgs: Mentions,
    names: dict,
    dates: Dates,
    year: int | None,
) -> None:
    """Fill each agreement's responsible body (the first body named in it, by its entity's
    name in `names`, keyed by mention id) and its due date and the words that give it."""
    for agreement in agreements:
        body = next((m for m in orgs.items if agreement.start <= m.start < agreement.end), None)
        agreement.responsible = names.get(id(body)) if body is not None else None
        match = _DUE_RX.search(doc.work, agreement.start, agreement.end)
        if match is None:
            continue
        agreement.due_text = match.group().strip()
        when = _due_date(match, dates, year)
        agreement.due_date = when.isoformat() if when else None
