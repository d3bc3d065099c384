"""Stable DHIS2-style identifiers (11 characters: a letter, then ten letters or digits) for every
indicator and region, derived from its code: the same code always gives the same UID, on every
server, so UIDs need no column, no migration and never change. A UID is looked up by deriving the
UIDs of the candidates (indicators: all of them; regions: all of them, remembered per process
until the number of regions changes)."""

import hashlib
import string

from sinergi.indicators.models import Indicator
from sinergi.regions.models import Region

LETTERS = string.ascii_letters
ALPHABET = string.ascii_letters + string.digits
# DHIS2's "default" category combination and option combination have these UIDs in every DHIS2
# instance; Sinergi has no disaggregation, so every value is of the default combination.
DEFAULT_COMBO = "HllvX50cXC0"
DEFAULT_CATEGORY_COMBO = "bjDvmb4bfuf"
DEFAULT_CODE = "default"


def uid(kind: str, code: str) -> str:
    """The UID of the `kind` ("de" indicator, "ou" region, "ds" theme, "us" user) with `code`."""
    number = int.from_bytes(hashlib.sha256(f"sinergi:{kind}:{code}".encode()).digest(), "big")
    number, first = divmod(number, len(LETTERS))
    chars = [LETTERS[first]]
    for _i in range(10):
        number, index = divmod(number, len(ALPHABET))
        chars.append(ALPHABET[index])
    return "".join(chars)


def is_uid(text: str) -> bool:
    return (
        len(text) == 11
        and text[0] in LETTERS
        and all(c in ALPHABET for c in text)
        and text.isascii()
    )


def indicator_uid(code: str) -> str:
    return uid("de", code)


def region_uid(code: str) -> str:
    return uid("ou", code)


def indicator_codes_by_uid() -> dict[str, str]:
    return {indicator_uid(code): code for code in Indicator.objects.values_list("code", flat=True)}


_regions: dict = {"count": -1, "codes": {}}


def region_codes_by_uid() -> dict[str, str]:
    """{UID: region code} of every region (all 91,599 of Indonesia: about 1 s, once per
    process)."""
    count = Region.objects.count()
    if _regions["count"] != count:
        codes = Region.objects.values_list("code", flat=True)
        _regions["codes"] = {region_uid(code): code for code in codes.iterator(chunk_size=5000)}
        _regions["count"] = count
    return _regions["codes"]


def dotted(code: str) -> str:
    """A Kemendagri code as Sinergi writes it: `5203` and `5203052001` (written without dots, as
    in many other systems) become `52.03` and `52.03.05.2001`; anything else is left as it is."""
    if code.isascii() and code.isdigit() and len(code) in (2, 4, 6, 10):
        return ".".join(filter(None, (code[:2], code[2:4], code[4:6], code[6:])))
    return code


def job_uid(pk: int) -> str:
    """The id of a queued import as DHIS2 shows task ids: "J" and ten base-62 digits."""
    chars = []
    for _i in range(10):
        pk, index = divmod(pk, len(ALPHABET))
        chars.append(ALPHABET[index])
    return "J" + "".join(reversed(chars))


def job_pk(text: str) -> int | None:
    if not is_uid(text) or text[0] != "J":
        return None
    number = 0
    for char in text[1:]:
        number = number * len(ALPHABET) + ALPHABET.index(char)
    return number
