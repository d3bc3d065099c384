"""Rules of the dotted Kemendagri region code (pure functions, no database).

`52` province, `52.03` regency, `52.03.05` district, `52.03.05.2001` village. The code encodes the
whole ancestry, so every hierarchy question is answered by string prefixes.
"""

import re

# The prefix rules live in core (the permission gate needs them); imported from here too.
from sinergi.core.codes import ancestor_codes as ancestor_codes
from sinergi.core.codes import descendant_prefix as descendant_prefix
from sinergi.core.codes import is_within as is_within
from sinergi.core.codes import parent_code as parent_code
from sinergi.core.codes import with_ancestors as with_ancestors
from sinergi.regions.choices import LEVEL_ORDER, RegionKindChoices, RegionLevelChoices

CODE_PATTERNS = {
    RegionLevelChoices.PROVINCE: re.compile(r"^\d{2}$"),
    RegionLevelChoices.REGENCY: re.compile(r"^\d{2}\.\d{2}$"),
    RegionLevelChoices.DISTRICT: re.compile(r"^\d{2}\.\d{2}\.\d{2}$"),
    RegionLevelChoices.VILLAGE: re.compile(r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$"),
}

# Every code of a level has the same width, so its level and its ancestors are prefixes (also
# in SQL: LENGTH and SUBSTR).
CODE_WIDTH = {
    RegionLevelChoices.PROVINCE: 2,
    RegionLevelChoices.REGENCY: 5,
    RegionLevelChoices.DISTRICT: 8,
    RegionLevelChoices.VILLAGE: 13,
}


def level_of(code: str) -> RegionLevelChoices:
    """The level of a code, or ValueError if it is not a well-formed Kemendagri code."""
    for level, pattern in CODE_PATTERNS.items():
        if pattern.match(code):
            return level
    raise ValueError(
        f"{code!r} is not a Kemendagri region code (e.g. 52, 52.03, 52.03.05, 52.03.05.2001)"
    )


def kind_of(code: str) -> RegionKindChoices:
    """Kind from the code, by the rules of Permendagri 58/2021."""
    level = level_of(code)
    if level == RegionLevelChoices.PROVINCE:
        return RegionKindChoices.PROVINSI
    if level == RegionLevelChoices.REGENCY:
        return RegionKindChoices.KOTA if int(code[3:5]) >= 71 else RegionKindChoices.KABUPATEN
    if level == RegionLevelChoices.DISTRICT:
        return RegionKindChoices.KECAMATAN
    return {"1": RegionKindChoices.KELURAHAN, "3": RegionKindChoices.DESA_ADAT}.get(
        code[-4], RegionKindChoices.DESA
    )


def child_level(level: str) -> RegionLevelChoices | None:
    index = LEVEL_ORDER.index(level)
    return LEVEL_ORDER[index + 1] if index + 1 < len(LEVEL_ORDER) else None
