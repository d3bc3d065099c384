"""Dates: "Jumat (3/2/2023)", "3 Februari 2023", "8-9 Agustus 2022"; months with a year only
("Agustus 2023") are kept as spans so that their numbers are not read as counts."""

import re
from dataclasses import dataclass
from datetime import date

from .. import lexicon as lx
from .document import Document

_MONTHS = "|".join(sorted(lx.MONTHS, key=len, reverse=True))
_NUMERIC_RX = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?![\d/])")
_WRITTEN_RX = re.compile(
    r"\b(\d{1,2})(?:\s*(?:-|hingga|sampai|s\.?d\.?|dan)\s*\d{1,2})?\s+(" + _MONTHS + r")\.?"
    r"\s+(\d{4})\b",
    re.IGNORECASE,
)
_MONTH_YEAR_RX = re.compile(r"\b(" + _MONTHS + r")\s+(\d{4})\b", re.IGNORECASE)


@dataclass(slots=True)
class DateMention:
    start: int
    end: int
    when: date
    weekday: bool  # a day name stands just before it: the date of an event


@dataclass(slots=True)
class Dates:
    mentions: list[DateMention]
    spans: list[tuple[int, int]]  # every date-like span, with month-and-year ones

    def covers(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.spans)


def _candidates(work: str):
    for match in _NUMERIC_RX.finditer(work):
        day, month, year = (int(g) for g in match.groups())
        year = year + 2000 if year < 100 else year
        yield match.start(), match.end(), day, month, year
    for match in _WRITTEN_RX.finditer(work):
        day, month, year = int(match[1]), lx.MONTHS[match[2].lower()], int(match[3])
        yield match.start(), match.end(), day, month, year


def find_dates(doc: Document) -> Dates:
    mentions = []
    for start, end, day, month, year in _candidates(doc.work):
        try:
            when = date(year, month, day)
        except ValueError:
            continue
        before = doc.work[max(0, start - 14) : start].lower()
        weekday = any(day_name in before for day_name in lx.WEEKDAYS)
        mentions.append(DateMention(start, end, when, weekday))
    mentions.sort(key=lambda m: (m.start, m.end))
    spans = [(m.start(), m.end()) for m in _MONTH_YEAR_RX.finditer(doc.work)]
    spans += [(m.start, m.end) for m in mentions]
    return Dates(mentions, spans)


def meeting_date(dates: Dates) -> DateMention | None:
    """The first date with a day name, else the first date."""
    return next((m for m in dates.mentions if m.weekday), None) or (
        dates.mentions[0] if dates.mentions else None
    )
