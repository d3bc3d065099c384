"""DHIS2 period identifiers against Sinergi's periods. Sinergi stores yearly (2023), quarterly
(2023Q1) and monthly (202301) values, whose DHIS2 identifiers are the same; the other DHIS2 period
types (daily, weekly, bi-monthly, six-monthly, financial years…) are recognised and refused with
their name, never guessed into another period."""

import calendar
import re
from datetime import date

from django.utils.translation import gettext as _

from sinergi.indicators import periods

# DHIS2 period types Sinergi does not store: (pattern, name).
UNSUPPORTED = [
    (re.compile(r"^\d{8}$"), "Daily"),
    (re.compile(r"^\d{4}(Wed|Thu|Sat|Sun|Bi)?W\d{1,2}$"), "Weekly"),
    (re.compile(r"^\d{6}B$"), "BiMonthly"),
    (re.compile(r"^\d{4}(April|Nov)?S[12]$"), "SixMonthly"),
    (re.compile(r"^\d{4}NovQ[1-4]$"), "QuarterlyNov"),
    (re.compile(r"^\d{4}(April|July|Oct|Nov)$"), "Financial"),
]
FIRST_YEAR, LAST_YEAR = 1900, 2100  # the years a Sinergi period may have (indicators.periods)
TYPE_NAMES = {periods.YEAR: "Yearly", periods.QUARTER: "Quarterly", periods.MONTH: "Monthly"}


class PeriodRefused(ValueError):
    """A period Sinergi cannot store; the message says why (translated)."""


def parse(identifier: str) -> periods.Period:
    text = (identifier or "").strip()
    try:
        return periods.parse(text)
    except periods.PeriodError:
        pass
    for pattern, name in UNSUPPORTED:
        if pattern.match(text):
            raise PeriodRefused(
                _("Period %(period)s is of type %(type)s, which Sinergi does not store: use a "
                  "yearly (2023), quarterly (2023Q1) or monthly (202301) period.")
                % {"period": text, "type": name}
            )  # fmt: skip
    raise PeriodRefused(
        _("%(period)r is not a valid period: use 2023, 2023Q1 or 202301.") % {"period": text}
    )


def end(period: periods.Period) -> date:
    """The last day of a period."""
    if period.type == periods.YEAR:
        return date(period.year, 12, 31)
    month = 3 * period.index if period.type == periods.QUARTER else period.index
    return date(period.year, month, calendar.monthrange(period.year, month)[1])


def within(start: date | None, finish: date | None, years: range) -> list[str]:
    """Identifiers of every Sinergi period lying wholly between `start` and `finish` (as DHIS2's
    startDate/endDate select periods), among `years`."""
    found = []
    for year in range(max(years.start, FIRST_YEAR), min(years.stop, LAST_YEAR + 1)):
        for period in periods.parse(str(year)).subperiods(periods.MONTH):
            found.append(period)
        found.extend(periods.parse(str(year)).subperiods(periods.QUARTER))
        found.append(periods.parse(str(year)))
    return [
        p.id
        for p in found
        if (start is None or p.start >= start) and (finish is None or end(p) <= finish)
    ]
