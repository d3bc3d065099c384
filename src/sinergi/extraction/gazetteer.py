"""Kemendagri region names for matching mentions in text, loaded once from the shipped file.

The file is the same one `sinergi load_regions --all` reads, so extraction needs no database and
finds a region anywhere in Indonesia, whether or not it is loaded.
"""

import csv
import gzip
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .lexicon import PROVINCE_ALIASES, REGENCY_ALIASES

REGION_FILE = Path(__file__).resolve().parent.parent / "regions" / "data" / "indonesia.csv.gz"

LEVEL_PREFIX = {"province": "Provinsi", "district": "Kecamatan"}


@dataclass(frozen=True, slots=True)
class Place:
    code: str
    name: str  # as Kemendagri writes it: "Kabupaten Lombok Timur", "Labuhan Badas"
    level: str
    kind: str  # provinsi, kabupaten, kota, kecamatan, desa, kelurahan

    @property
    def display_name(self) -> str:
        """The name with its type prefix, as the JSON contract asks."""
        if self.level == "regency":
            return self.name
        if self.level == "village":
            return "{} {}".format("Kelurahan" if self.kind == "kelurahan" else "Desa", self.name)
        return f"{LEVEL_PREFIX[self.level]} {self.name}"


def _key(name: str) -> str:
    return " ".join(name.lower().replace("-", " ").split())


class Gazetteer:
    """Lookups by lower-case base name (without "Kabupaten"/"Kota") per level."""

    def __init__(self, rows):
        self.by_level: dict[str, dict[str, list[Place]]] = {
            "province": {},
            "regency": {},
            "district": {},
            "village": {},
        }
        self.by_code: dict[str, Place] = {}
        for row in rows:
            place = Place(row["code"], row["name"], row["level"], row["kind"])
            self.by_code[place.code] = place
            base = place.name
            if place.level == "regency":
                base = base.split(" ", 1)[1] if " " in base else base
            self.by_level[place.level].setdefault(_key(base), []).append(place)
        for alias, code in PROVINCE_ALIASES.items():
            if code in self.by_code:
                self.by_level["province"].setdefault(_key(alias), []).append(self.by_code[code])
        for alias, code in REGENCY_ALIASES.items():
            if code in self.by_code:
                self.by_level["regency"].setdefault(_key(alias), []).append(self.by_code[code])
        # A name can only start with one of these words: most capitalised words start none.
        self.first_words = {
            level: {k.split()[0] for k in names} for level, names in self.by_level.items()
        }
        # The longest name in words bounds how far a lookup must look ahead.
        self.max_words = {
            level: max((len(k.split()) for k in names), default=1)
            for level, names in self.by_level.items()
        }

    def lookup(self, level: str, name: str, kind: str | None = None) -> list[Place]:
        places = self.by_level[level].get(_key(name), [])
        if kind:
            places = [p for p in places if p.kind == kind]
        return places

    def parent(self, place: Place) -> Place | None:
        code = place.code.rsplit(".", 1)[0] if "." in place.code else None
        return self.by_code.get(code) if code else None


@cache
def gazetteer() -> Gazetteer:
    with gzip.open(REGION_FILE, "rt", encoding="utf-8", newline="") as handle:
        return Gazetteer(csv.DictReader(handle))
