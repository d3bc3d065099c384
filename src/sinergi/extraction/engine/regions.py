"""Regions: Kemendagri names with their type prefix ("Kabupaten Lombok Tengah", "Desa Bengkel")
or bare ("Sumbawa", "Bali"); an ambiguous name is the place inside a region already named."""

import re
from dataclasses import dataclass

from .. import lexicon as lx
from ..gazetteer import Place, gazetteer
from .document import Document, Mentions, Token, ends_title, starts_structure

_NOT_BEFORE_BARE = ("hotel", "universitas", "pulau", "jalan", "jl", "gunung")


@dataclass(slots=True)
class RegionMention:
    place: Place
    first: int  # token indices, end exclusive
    last: int
    start: int
    end: int
    prefixed: bool
    role: str = "focus"


def capitalised_run(doc: Document, i: int, limit: int) -> list[Token]:
    run = []
    for k in range(i, min(i + limit, len(doc.tokens))):
        t = doc.tokens[k]
        if not t.cap or not t.core[0].isalpha():
            break
        run.append(t)
        if t.sentence_end:
            break
    return run


class _RegionFinder:
    """The scan's state: the codes of the regions found so far decide ambiguous names."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.gaz = gazetteer()
        self.found = Mentions()
        self._mentioned: set[str] = set()
        self._mentioned_upto = 0

    def mention(self, places, first: int, last: int, prefixed: bool) -> RegionMention:
        tokens = self.doc.tokens
        start, end = tokens[first].start, tokens[last - 1].end
        return RegionMention(self._choose(places), first, last, start, end, prefixed)

    def at_prefix(self, i: int) -> RegionMention | None:
        t = self.doc.tokens[i]
        low = t.low.rstrip(".")
        low = low[3:] if low.startswith("se-") else low
        level = lx.REGION_PREFIXES.get(low)
        if not level or t.sentence_end:
            return None
        kind = {"kota": "kota", "kabupaten": "kabupaten", "kab": "kabupaten"}.get(low)
        run = capitalised_run(self.doc, i + 1, self.gaz.max_words[level])
        for length in range(len(run), 0, -1):
            places = self._lookup_prefixed(level, kind, " ".join(x.core for x in run[:length]))
            if not places:
                continue
            following = self.doc.tok(i + 1 + length)
            # "Desa Tangguh Bencana" is a kind of village, not the village "Tangguh"; "Kec. Utan
            # Sumbawa" is Utan, in Sumbawa.
            if (
                level in ("district", "village")
                and following
                and length < len(run)
                and not starts_structure(following)
                and not self.gaz.lookup("regency", following.core)
            ):
                return None
            return self.mention(places, i, i + 1 + length, True)
        return None

    def _lookup_prefixed(self, level: str, kind: str | None, name: str) -> list[Place]:
        places = self.gaz.lookup(level, name, kind)
        if not places and level == "regency" and kind is None:
            places = self.gaz.lookup(level, name)
        return places

    def bare(self, i: int) -> RegionMention | None:
        t = self.doc.tokens[i]
        if not t.cap:
            return None
        previous = self.doc.tok(i - 1)
        if previous and previous.low in _NOT_BEFORE_BARE:
            return None
        first = t.core.lower().replace("-", " ").split()[:1]
        if not first or not (
            first[0] in self.gaz.first_words["province"]
            or first[0] in self.gaz.first_words["regency"]
        ):
            return None
        run = capitalised_run(self.doc, i, 4)
        for length in range(len(run), 0, -1):
            places = self._bare_places(run, length, previous)
            if places:
                return self.mention(places, i, i + length, False)
        return None

    def _bare_places(self, run: list[Token], length: int, previous: Token | None) -> list[Place]:
        name = " ".join(x.core for x in run[:length])
        places = self.gaz.lookup("province", name)
        if places:
            return places
        candidates = self.gaz.lookup("regency", name)
        places = [p for p in candidates if p.code.startswith(lx.HOME_PROVINCE + ".")]
        if candidates and not places and (length > 1 or self._named_here(run[0], previous, name)):
            places = candidates
        # "Lombok Raya" (a hotel) is not "Lombok ...": the whole capitalised run counts,
        # unless a title or body stands before it ("Bupati Sumbawa Zainal Abidin").
        if (
            places
            and length < len(run)
            and not starts_structure(run[length])
            and not (previous and (ends_title(previous) or previous.is_acronym))
        ):
            return []
        return places

    def _named_here(self, t: Token, previous: Token | None, name: str) -> bool:
        """A one-word regency of another province, bare, where the text makes it one: after an
        office or a title ("Dinkes Garut", "Bupati Garut"), as the dateline, or named with its
        prefix elsewhere in the text ("Kabupaten Wonosobo")."""
        if previous is not None and (
            ends_title(previous) or previous.is_acronym or previous.core in lx.KNOWN_ORGS
        ):
            return True
        following = self.doc.tok(t.index + 1)
        if t.index == 0 and following is not None and following.text in ",(-":
            return True
        pattern = r"\b(?:Kabupaten|Kab\.|Kota)\s+" + re.escape(name) + r"\b"
        return re.search(pattern, self.doc.work) is not None

    def _choose(self, places: list[Place]) -> Place:
        """Prefer a place inside a region already mentioned, then a kabupaten, then the first."""
        mentioned = self._mentioned
        mentioned.update(m.place.code for m in self.found.items[self._mentioned_upto :])
        self._mentioned_upto = len(self.found.items)
        for place in places:
            parts = place.code.split(".")
            if any(".".join(parts[:n]) in mentioned for n in range(1, len(parts))):
                return place
        home = [p for p in places if p.code.startswith(lx.HOME_PROVINCE)]
        places = home or places
        kabupaten = [p for p in places if p.kind != "kota"]
        return (kabupaten or places)[0]


def _resolve_ambiguous(regions: Mentions) -> None:
    """A bare "Bima" is the Kota Bima the text names elsewhere with its prefix."""
    prefixed = {m.place.code: m.place for m in regions.items if m.prefixed}
    for mention in regions.items:
        if mention.prefixed or mention.place.level != "regency":
            continue
        base = mention.place.name.split(" ", 1)[-1]
        for place in prefixed.values():
            if place.level == "regency" and place.name.split(" ", 1)[-1] == base:
                mention.place = place


def _towns(doc: Document, found: Mentions) -> None:
    """ "di Praya", "Kota Praya", a dateline "Praya,": a bare district name, where the text
    names its regency, is the district (the regency's town), not a person or a word."""
    gaz = gazetteer()
    regencies = {m.place.code for m in found.items if m.place.level == "regency"}
    for t in doc.tokens:
        if t.index in found.at or not t.cap or t.low in lx.REGION_PREFIXES:
            continue
        previous, following = doc.tok(t.index - 1), doc.tok(t.index + 1)
        located = previous is not None and previous.low in ("di", "kota", "ke")
        dateline = t.index == 0 and following is not None and following.text in ",(-"
        if not (located or dateline):
            continue
        places = [p for p in gaz.lookup("district", t.core) if p.code[:5] in regencies]
        if len(places) == 1:
            role = "dateline" if dateline else "focus"
            found.add(RegionMention(places[0], t.index, t.index + 1, t.start, t.end, False, role))
    found.items.sort(key=lambda m: m.start)


def find_regions(doc: Document) -> Mentions:
    """Every region mention, left to right (`Mentions` of `RegionMention`)."""
    finder = _RegionFinder(doc)
    doc.scan([finder.at_prefix, finder.bare], finder.found)
    _resolve_ambiguous(finder.found)
    _towns(doc, finder.found)
    return finder.found


def region_entities(regions: Mentions) -> list[dict]:
    """One entry per place, with every span and its strongest role."""
    priority = {"focus": 0, "venue": 1, "jurisdiction": 2, "dateline": 3}
    entities: dict[str, dict] = {}
    for mention in regions.items:
        entity = entities.setdefault(
            mention.place.code,
            {
                "name": mention.place.display_name,
                "level": mention.place.level,
                "code": mention.place.code,
                "role": mention.role,
                "spans": [],
            },
        )
        entity["spans"].append([mention.start, mention.end])
        if priority[mention.role] < priority[entity["role"]]:
            entity["role"] = mention.role
    return list(entities.values())
