"""Numbers and dates as Indonesian offices write them in their files: "1.234,5", "12,5",
"1.234.567", "3 Februari 2023", "03/02/2023" — read into the forms the rest of Sinergi checks.

The rule for numbers, the same for every file and channel: where both "." and "," appear, the last
one is the decimal separator and the other groups thousands; a separator appearing more than once
groups thousands; a single "," or "." is the decimal separator ("12,5" and "12.5" are both 12.5),
except before exactly three digits after one to three others ("1.500", "750,000"): Indonesian
writes one thousand five hundred so, English one and a half. Such a text is `ambiguous`: a whole
number field (a budget in rupiah) reads it as thousands, a figure refuses it and asks which.
Thousands groups must have three digits, otherwise the text is not a number.
"""

import datetime
import re
from decimal import Decimal, InvalidOperation

_GROUPED = {
    ".": re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$"),
    ",": re.compile(r"^[+-]?\d{1,3}(,\d{3})+$"),
}
_PLAIN = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_AMBIGUOUS = re.compile(r"^[+-]?[1-9]\d{0,2}[.,]\d{3}$")


def _cleaned(text) -> str:
    return str(text).strip().replace("\u00a0", "").replace(" ", "")


def ambiguous(text) -> bool:
    """ "1.500", "750,000": a thousands separator or a decimal one? (See the module's rule.)"""
    return bool(_AMBIGUOUS.match(_cleaned(text)))


def decimal_reading(text) -> str:
    """An ambiguous text read with its separator as the decimal point: "1.500" -> "1.5"."""
    number = Decimal(_cleaned(text).replace(",", ".")).normalize()
    return f"{number:f}"


def number_text(text: str, whole: bool = False) -> str | None:
    """The text as a plain number ("1234.5"), or None when it is not a number written one of the
    ways above, or is `ambiguous` (for a `whole` number such a text is read as thousands)."""
    text = _cleaned(text)
    if not text:
        return None
    if _AMBIGUOUS.match(text):
        return text.replace(".", "").replace(",", "") if whole else None
    if "." in text and "," in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        whole, _sep, fraction = text.rpartition(decimal)
        if not _GROUPED[thousands].match(whole) or not fraction.isdigit():
            return None
        text = whole.replace(thousands, "") + "." + fraction
    elif text.count(".") > 1 or text.count(",") > 1:
        separator = "." if "." in text else ","
        if not _GROUPED[separator].match(text):
            return None
        text = text.replace(separator, "")
    else:
        text = text.replace(",", ".")
    return text if _PLAIN.match(text) else None


def parse_decimal(text) -> Decimal | None:
    """The number a cell holds, or None."""
    plain = number_text(text)
    if plain is None:
        return None
    try:
        return Decimal(plain)
    except InvalidOperation:
        return None


MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("januari", "jan", "january"),
            ("februari", "feb", "pebruari", "february"),
            ("maret", "mar", "march"),
            ("april", "apr"),
            ("mei", "may"),
            ("juni", "jun", "june"),
            ("juli", "jul", "july"),
            ("agustus", "agu", "agt", "aug", "august"),
            ("september", "sep", "sept"),
            ("oktober", "okt", "oct", "october"),
            ("november", "nov", "nop", "nopember"),
            ("desember", "des", "dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_WORDED_DATE = re.compile(r"^(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})$")


def date_text(text: str) -> str | None:
    """A date written day first ("03/02/2023", "3-2-2023", "3 Februari 2023", "3 Feb 2023") or
    as ISO ("2023-02-03"), as ISO; None when the text is not such a date."""
    text = " ".join(str(text).split())
    if match := _ISO_DATE.match(text):
        year, month, day = (int(part) for part in match.groups())
    elif match := _NUMERIC_DATE.match(text):
        day, month, year = (int(part) for part in match.groups())
    elif match := _WORDED_DATE.match(text):
        month = MONTHS.get(match.group(2).lower())
        if month is None:
            return None
        day, year = int(match.group(1)), int(match.group(3))
    else:
        return None
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None
