"""DHIS2-style period identifiers: `2023` (year), `2023Q1` (quarter), `202302` (month)."""

import functools
import re
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

YEAR, QUARTER, MONTH = "year", "quarter", "month"
PATTERNS = {  # ASCII digits only: "１９９９" is not a period
    YEAR: re.compile(r"^(\d{4})$", re.ASCII),
    QUARTER: re.compile(r"^(\d{4})Q([1-4])$", re.ASCII),
    MONTH: re.compile(r"^(\d{4})(0[1-9]|1[0-2])$", re.ASCII),
}
ORDER = [YEAR, QUARTER, MONTH]


class PeriodError(ValueError):
    pass


@dataclass(frozen=True)
class Period:
    id: str
    type: str
    year: int
    index: int  # quarter 1-4, month 1-12, 1 for a year

    @property
    def start(self) -> date:
        if self.type == YEAR:
            return date(self.year, 1, 1)
        if self.type == QUARTER:
            return date(self.year, 3 * self.index - 2, 1)
        return date(self.year, self.index, 1)

    def parents(self) -> list["Period"]:
        """Coarser periods containing this one (quarter and year of a month, year of a quarter)."""
        if self.type == MONTH:
            return [parse(f"{self.year}Q{(self.index - 1) // 3 + 1}"), parse(str(self.year))]
        if self.type == QUARTER:
            return [parse(str(self.year))]
        return []

    def subperiods(self, period_type: str) -> list["Period"]:
        """The periods of a finer type inside this one, in order ([self] for the same type)."""
        if period_type == self.type:
            return [self]
        if ORDER.index(period_type) < ORDER.index(self.type):
            raise PeriodError(f"{self.id} cannot be split into {period_type}s")
        if period_type == QUARTER:
            return [parse(f"{self.year}Q{q}") for q in range(1, 5)]
        months = (
            range(1, 13) if self.type == YEAR else range(3 * self.index - 2, 3 * self.index + 1)
        )
        return [parse(f"{self.year}{m:02d}") for m in months]

    def __str__(self) -> str:
        return self.id


@functools.lru_cache(maxsize=4096)  # imports parse the same few periods on every row
def parse(identifier: str) -> Period:
    text = str(identifier).strip()
    for period_type, pattern in PATTERNS.items():
        match = pattern.match(text)
        if match:
            year = int(match.group(1))
            if not 1900 <= year <= 2100:
                break
            index = int(match.group(2)) if period_type != YEAR else 1
            return Period(text, period_type, year, index)
    # translated when raised (the cache keeps results only): forms, pages and the API show it
    raise PeriodError(_("%(p)r is not a period: use 2023, 2023Q1 or 202302.") % {"p": identifier})


def containing(day: date, period_type: str) -> Period:
    """The period of `period_type` that `day` falls in (2026-12-07: 2026, 2026Q4, 202612)."""
    if period_type == YEAR:
        return parse(str(day.year))
    if period_type == QUARTER:
        return parse(f"{day.year}Q{(day.month - 1) // 3 + 1}")
    return parse(f"{day.year}{day.month:02d}")
