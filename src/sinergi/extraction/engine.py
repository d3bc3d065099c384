"""Read an Indonesian press release or meeting minutes and propose a structured draft.

Rules, not a trained model: the genre is regular (position, organisation, region and name in a
fixed order; Indonesian number and date formats; agency acronyms), and rules explain themselves
through the character spans of their evidence. `extract(text)` returns the JSON contract of
`sinergi ingest --json`. Pure Python, no database: the region names come from the shipped file.
"""

import bisect
import itertools
import re
import time
from dataclasses import dataclass, field
from datetime import date

from . import lexicon as lx
from .gazetteer import Place, gazetteer

# Curly quotes and dashes become ASCII one for one, so offsets stay those of the input.
_SAME_LENGTH = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})
_TOKEN_RX = re.compile(r"[\w'&/\-]+(?:\.[\w'&/\-]+)*\.?|[(),;:!?\"*#]")
_ABBREVIATIONS = {"prov", "kab", "kec", "kel", "muh", "moh", "mhd", "no", "st", "jl", "m", "a"}
_BODY_WORDS = {"dinas", "badan", "biro", "bidang", "seksi", "bagian", "kantor", "urusan", "tim"}


@dataclass(slots=True)
class Token:
    text: str
    start: int
    end: int
    core: str  # without a sentence-final period
    low: str
    cap: bool
    sentence_end: bool
    index: int = 0

    @property
    def is_acronym(self) -> bool:
        letters = [c for c in self.core if c.isalpha()]
        return (
            len(letters) >= 2 and sum(c.isupper() for c in letters) >= 2 and self.core[0].isupper()
        )


def tokenize(text: str) -> list[Token]:
    tokens = []
    for match in _TOKEN_RX.finditer(text):
        raw = match.group()
        core = raw
        sentence_end = False
        if len(raw) > 1 and raw.endswith("."):
            stem = raw[:-1]
            low = stem.lower()
            is_abbreviation = (
                "." in stem
                or low in lx.HONORIFICS
                or low in _ABBREVIATIONS
                or (len(stem) == 1 and stem.isupper())
                or lx.DEGREE_RX.fullmatch(raw) is not None
            )
            if not is_abbreviation:
                core, sentence_end = stem, True
        tokens.append(
            Token(
                raw,
                match.start(),
                match.start() + len(core),
                core,
                core.lower(),
                core[:1].isupper(),
                sentence_end or raw in "!?",
                len(tokens),
            )
        )
    return tokens


@dataclass(slots=True)
class RegionMention:
    place: Place
    first: int  # token indices, end exclusive
    last: int
    start: int
    end: int
    prefixed: bool
    role: str = "focus"


@dataclass(slots=True)
class OrgMention:
    core: str
    text: str
    acronym: str | None
    qualifier: str | None  # region code or ministry that makes the body distinct
    first: int
    last: int
    start: int
    end: int


@dataclass(slots=True)
class PersonMention:
    name: str
    honorific: str | None
    degrees: str | None
    position: str | None
    organization: str | None
    spans: list = field(default_factory=list)


class Extractor:
    def __init__(self, text: str, seconds: float | None = None):
        self.deadline = time.monotonic() + seconds if seconds is not None else None
        self.text = text
        self.work = text.translate(_SAME_LENGTH)
        self.tokens = tokenize(self.work)
        self.gaz = gazetteer()
        self.regions: list[RegionMention] = []
        self.region_at: dict[int, RegionMention] = {}
        self.orgs: list[OrgMention] = []
        self.org_at: dict[int, OrgMention] = {}
        self.dates: list[tuple[int, int, date, bool]] = []
        self._mentioned: set[str] = set()  # see _choose
        self._mentioned_upto = 0

    # ---------------------------------------------------------------- helpers
    def in_time(self) -> None:
        """Called at every token of the scans: TooSlow once the budget is spent."""
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise TooSlow

    def tok(self, i: int) -> Token | None:
        return self.tokens[i] if 0 <= i < len(self.tokens) else None

    def span_text(self, first: int, last: int) -> str:
        return self.work[self.tokens[first].start : self.tokens[last - 1].end]

    def sentence_bounds(self, pos: int) -> tuple[int, int]:
        text = self.work
        start = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos), text.rfind("? ", 0, pos))
        end_candidates = [i for i in (text.find(". ", pos), text.find("\n", pos)) if i >= 0]
        end = min(end_candidates) if end_candidates else len(text)
        return start + 1, end

    # ---------------------------------------------------------------- dates
    def find_dates(self):
        months = "|".join(sorted(lx.MONTHS, key=len, reverse=True))
        numeric = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?![\d/])")
        written = re.compile(
            r"\b(\d{1,2})(?:\s*(?:-|hingga|sampai|s\.?d\.?|dan)\s*\d{1,2})?\s+(" + months + r")\.?"
            r"\s+(\d{4})\b",
            re.IGNORECASE,
        )
        month_year = re.compile(r"\b(" + months + r")\s+(\d{4})\b", re.IGNORECASE)
        found = []
        for match in numeric.finditer(self.work):
            day, month, year = (int(g) for g in match.groups())
            year = year + 2000 if year < 100 else year
            found.append((match.start(), match.end(), day, month, year))
        for match in written.finditer(self.work):
            day, month, year = int(match[1]), lx.MONTHS[match[2].lower()], int(match[3])
            found.append((match.start(), match.end(), day, month, year))
        for start, end, day, month, year in found:
            try:
                when = date(year, month, day)
            except ValueError:
                continue
            before = self.work[max(0, start - 14) : start].lower()
            weekday = any(day_name in before for day_name in lx.WEEKDAYS)
            self.dates.append((start, end, when, weekday))
        self.dates.sort()
        self.other_date_spans = [(m.start(), m.end()) for m in month_year.finditer(self.work)] + [
            (s, e) for s, e, _, _ in self.dates
        ]

    def meeting_date(self) -> tuple[date, int, int] | None:
        for start, end, when, weekday in self.dates:
            if weekday:
                return when, start, end
        if self.dates:
            start, end, when, _ = self.dates[0]
            return when, start, end
        return None

    # ---------------------------------------------------------------- regions
    def _scan(self, finders, found: list, at: dict) -> None:
        """Left to right, the first finder that recognises a mention at a token takes it (and
        the tokens it covers); mentions marked empty (`core == ""`) are skipped over."""
        i = 0
        while i < len(self.tokens):
            self.in_time()
            mention = next((m for finder in finders if (m := finder(i))), None)
            if mention is None:
                i += 1
                continue
            if getattr(mention, "core", True):
                found.append(mention)
                for k in range(mention.first, mention.last):
                    at[k] = mention
            i = mention.last

    def find_regions(self):
        self._scan([self._region_at_prefix, self._region_bare], self.regions, self.region_at)
        self._resolve_ambiguous()

    def _capitalised_run(self, i: int, limit: int) -> list[Token]:
        run = []
        for k in range(i, min(i + limit, len(self.tokens))):
            t = self.tokens[k]
            if not t.cap or not t.core[0].isalpha():
                break
            run.append(t)
            if t.sentence_end:
                break
        return run

    def _region_at_prefix(self, i: int) -> RegionMention | None:
        t = self.tokens[i]
        low = t.low.rstrip(".")
        if low.startswith("se-"):
            low = low[3:]
        level = lx.REGION_PREFIXES.get(low)
        if not level or t.sentence_end:
            return None
        kind = {"kota": "kota", "kabupaten": "kabupaten", "kab": "kabupaten"}.get(low)
        run = self._capitalised_run(i + 1, self.gaz.max_words[level])
        for length in range(len(run), 0, -1):
            name = " ".join(x.core for x in run[:length])
            places = self.gaz.lookup(level, name, kind)
            if not places and level == "regency" and kind is None:
                places = self.gaz.lookup(level, name)
            if not places:
                continue
            if level in ("district", "village"):
                following = self.tok(i + 1 + length)
                # "Desa Tangguh Bencana" is a kind of village, not the village "Tangguh".
                if following and length < len(run) and not self._starts_structure(following):
                    return None
            last = i + 1 + length
            return RegionMention(
                self._choose(places),
                i,
                last,
                t.start,
                self.tokens[last - 1].end,
                True,
            )
        return None

    def _starts_structure(self, t: Token) -> bool:
        low = t.low
        return (
            low in lx.REGION_PREFIXES
            or low in lx.HONORIFICS
            or low in lx.NOT_NAMES
            or t.core in lx.KNOWN_ORGS
            or any(head.split()[0] == t.core for head in lx.TITLE_HEADS)
        )

    def _region_bare(self, i: int) -> RegionMention | None:
        t = self.tokens[i]
        if not t.cap:
            return None
        previous = self.tok(i - 1)
        if previous and previous.low in ("hotel", "universitas", "pulau", "jalan", "jl", "gunung"):
            return None
        run = self._capitalised_run(i, 4)
        for length in range(len(run), 0, -1):
            name = " ".join(x.core for x in run[:length])
            places = self.gaz.lookup("province", name)
            if not places:
                candidates = self.gaz.lookup("regency", name)
                places = [
                    p for p in candidates if p.code.startswith(lx.HOME_PROVINCE + ".") or length > 1
                ]
                # "Lombok Raya" (a hotel) is not "Lombok ...": the whole capitalised run counts,
                # unless a title or body stands before it ("Bupati Sumbawa Zainal Abidin").
                if (
                    places
                    and length < len(run)
                    and not self._starts_structure(run[length])
                    and not (previous and (self._is_title_end(previous) or previous.is_acronym))
                ):
                    places = []
            if places:
                last = i + length
                return RegionMention(
                    self._choose(places), i, last, t.start, self.tokens[last - 1].end, False
                )
        return None

    def _is_title_end(self, t: Token) -> bool:
        return any(head.split()[-1] == t.core for head in lx.TITLE_HEADS)

    def _choose(self, places: list[Place]) -> Place:
        """Prefer a place inside a region already mentioned, then a kabupaten, then the first."""
        # The codes of the regions found so far (the list only grows while scanning).
        mentioned = self._mentioned
        mentioned.update(m.place.code for m in self.regions[self._mentioned_upto :])
        self._mentioned_upto = len(self.regions)
        for place in places:
            parts = place.code.split(".")
            if any(".".join(parts[:n]) in mentioned for n in range(1, len(parts))):
                return place
        home = [p for p in places if p.code.startswith(lx.HOME_PROVINCE)]
        places = home or places
        kabupaten = [p for p in places if p.kind != "kota"]
        return (kabupaten or places)[0]

    def _resolve_ambiguous(self):
        """A bare "Bima" is the Kota Bima the text names elsewhere with its prefix."""
        prefixed = {m.place.code: m.place for m in self.regions if m.prefixed}
        for mention in self.regions:
            if mention.prefixed or mention.place.level != "regency":
                continue
            base = mention.place.name.split(" ", 1)[-1]
            for place in prefixed.values():
                if place.level == "regency" and place.name.split(" ", 1)[-1] == base:
                    mention.place = place

    # ---------------------------------------------------------------- organisations
    def find_organizations(self):
        finders = [self._org_long_form, self._org_acronym, self._org_government]
        self._scan(finders, self.orgs, self.org_at)
        self._org_lists()

    def _qualifier(self, j: int) -> tuple[str | None, int]:
        """A region or ministry right after a body's name: "Prov NTB", "Kemendagri"."""
        t = self.tok(j)
        if t is None:
            return None, j
        region = self.region_at.get(j)
        if region and region.first == j:
            return region.place.code, region.last
        if t.core.startswith("Kemen") or t.core in ("Kementerian",):
            if t.core == "Kementerian":
                return None, j
            return t.core, j + 1
        return None, j

    def _org_long_form(self, i: int) -> OrgMention | None:
        tokens = self.tokens
        t = tokens[i]
        head_words = None
        mapped_head = None
        if t.core in lx.TITLE_BODY and lx.TITLE_BODY[t.core]:
            nxt = self.tok(i + 1)
            if nxt and nxt.cap and nxt.core not in lx.KNOWN_ORGS:
                head_words, mapped_head = 1, lx.TITLE_BODY[t.core]
        if head_words is None:
            for words in _ORG_HEADS_BY_FIRST.get(t.core.lower(), ()):
                if (
                    all(
                        (tk := self.tok(i + k)) is not None and tk.core.lower() == w.lower()
                        for k, w in enumerate(words)
                    )
                    and t.cap
                ):
                    head_words = len(words)
                    break
        if head_words is None:
            return None
        if " ".join(x.low for x in tokens[i : i + head_words]) == "tim penggerak":
            return self._org_acronym(i + 2, start_override=i)
        j = i + head_words
        words: list[str] = []
        acronyms: list[str] = []
        while j < len(tokens):
            tk = tokens[j]
            if tk.text == "(":
                close = j + 1
                while close < len(tokens) and tokens[close].text != ")" and close < j + 5:
                    close += 1
                inner = self.span_text(j + 1, close) if close > j + 1 else ""
                if close < len(tokens) and tokens[close].text == ")" and inner[:1].isupper():
                    acronyms.append(inner)
                    j = close + 1
                    continue
                break
            region = self.region_at.get(j)
            if region and region.first == j:
                if not words:
                    return None  # "Dinas Provinsi NTB": every agency of the province
                break
            if tk.core.startswith("Kemen") and words:
                break
            if tk.cap and tk.core[0].isalpha() and tk.low not in lx.HONORIFICS:
                if any(head.split()[0] == tk.core for head in lx.TITLE_HEADS) and words:
                    break
                words.append(tk.core)
                j += 1
                if tk.sentence_end:
                    break
                continue
            nxt = self.tok(j + 1)
            if tk.low in ("dan", "&") and words and nxt and nxt.cap:
                words.append(tk.core)
                j += 1
                continue
            break
        if not words and t.core != "Inspektorat":
            return None
        qualifier, last = (None, j) if tokens[j - 1].sentence_end else self._qualifier(j)
        head_text = mapped_head or " ".join(x.core for x in tokens[i : i + head_words])
        name = " ".join([head_text, *words])
        if acronyms:
            acronym = " ".join(acronyms)
        elif len(words) == 1 and (words[0] in lx.KNOWN_ORGS or tokens[i + head_words].is_acronym):
            acronym = words[0]
        else:
            acronym = None
        if head_text == "Kementerian":
            acronym = acronym or lx.MINISTRY_LONG.get(" ".join(words).lower())
        core = lx.KNOWN_ORGS.get(acronym or "", acronym) if acronym else name
        text = self.span_text(i, last)
        if mapped_head:
            text = name + text[len(t.text) + len(self.span_text(i + 1, j)) + 1 :]
        return OrgMention(
            core.lower(), text.strip(), acronym, qualifier, i, last, t.start, tokens[last - 1].end
        )

    def _org_acronym(self, i: int, start_override: int | None = None) -> OrgMention | None:
        tokens = self.tokens
        t = self.tok(i)
        if t is None:
            return None
        pair = self.tok(i + 1)
        length = 0
        if pair and not t.sentence_end and f"{t.core} {pair.core}" in lx.KNOWN_ORGS:
            length = 2
        elif t.core in lx.KNOWN_ORGS:
            length = 1
        elif t.is_acronym and t.core not in lx.NOT_ORGS and not t.sentence_end:
            region = self.region_at.get(i + 1)
            if region and region.first == i + 1 and t.core not in lx.PROVINCE_ALIASES:
                length = 1
        if not length:
            return None
        if t.core in ("Pemprov", "Pemkab", "Pemkot", "Satgas", "Ditjen") and length == 1:
            nxt = self.tok(i + 1)
            if t.core == "Ditjen" and nxt and nxt.cap:
                return None  # a long form ("Ditjen Bina Desa")
        acronym = " ".join(x.core for x in tokens[i : i + length])
        j = i + length
        nxt = self.tok(j)
        # "Satgas PPA": a body's acronym followed by another all-capital acronym is one name.
        if (
            nxt
            and nxt.core.isupper()
            and len(nxt.core) >= 2
            and nxt.core not in lx.PROVINCE_ALIASES
            and nxt.core not in lx.KNOWN_ORGS
            and not tokens[j - 1].sentence_end
            and nxt.core not in ("KB", "RI")
        ):
            acronym = f"{acronym} {nxt.core}"
            j += 1
        first = start_override if start_override is not None else i
        qualifier, last = self._qualifier(j) if not tokens[j - 1].sentence_end else (None, j)
        previous = self.tok(first - 1)
        mention = OrgMention(
            lx.KNOWN_ORGS.get(acronym, acronym).lower(),
            self.span_text(first, last),
            acronym,
            qualifier,
            first,
            last,
            tokens[first].start,
            tokens[last - 1].end,
        )
        if previous and previous.low in lx.CATEGORY_WORDS and not previous.cap and not qualifier:
            mention.core = ""  # "ketua PKK" of every village: a category, not one body
        return mention

    def _org_government(self, i: int) -> OrgMention | None:
        t = self.tokens[i]
        if t.low != "pemerintah":
            return None
        j = i + 1
        nxt = self.tok(j)
        region = self.region_at.get(j)
        if not (region and region.first == j):
            return None
        level = region.place.level
        core = {"province": "pemprov", "regency": "pemkab"}.get(level)
        if core is None:
            return None
        if region.place.kind == "kota":
            core = "pemkot"
        text = self.span_text(i, region.last)
        if nxt and not nxt.low.startswith(("prov", "kab", "kota")):
            text = f"Pemerintah {region.place.display_name}"
        return OrgMention(core, text, None, region.place.code, i, region.last, t.start, region.end)

    def _org_lists(self):
        """ "Hadir ... perwakilan Polda NTB, Bappeda, ... dan Islamic Relief": each item a body."""
        cue = re.compile(r"\b(?:[Hh]adir|dihadiri(?: oleh)?|perwakilan(?: dari)?)\b")
        for match in cue.finditer(self.work):
            start, end = match.end(), self.sentence_bounds(match.end())[1]
            segment = self.work[start:end]
            items = re.split(r",\s*|\s+(?:dan|serta)\s+", segment)
            if len(items) < 3:
                continue
            offset = start
            for item in items:
                position = self.work.find(item, offset)
                offset = position + len(item)
                clean = item.strip(" .")
                words = clean.split()
                if not (1 <= len(words) <= 4) or not all(w[:1].isupper() for w in words):
                    continue
                first = self._token_index_at(position + item.find(clean))
                if first is None or first in self.org_at or first in self.region_at:
                    continue
                if words[0].lower() in lx.GENERIC_ORGS or clean in lx.NOT_ORGS:
                    continue
                last = first + len(clean.split())
                mention = OrgMention(
                    clean.lower(),
                    clean,
                    None,
                    None,
                    first,
                    last,
                    self.tokens[first].start,
                    self.tokens[first].start + len(clean),
                )
                self.orgs.append(mention)
                for k in range(first, last):
                    self.org_at[k] = mention

    def _token_index_at(self, char: int) -> int | None:
        for t in self.tokens:
            if t.start == char:
                return t.index
            if t.start > char:
                return None
        return None

    def organization_entities(self) -> list[dict]:
        groups: list[dict] = []
        for mention in sorted(self.orgs, key=lambda m: (m.qualifier is None, m.start)):
            same = [g for g in groups if g["core"] == mention.core]
            if not same and " " not in mention.core:
                same = [g for g in groups if mention.core in g["core"].split()]
            target = None
            if mention.qualifier:
                target = next((g for g in same if g["qualifier"] == mention.qualifier), None)
            elif same:
                target = same[0]
            if target is None:
                target = {
                    "core": mention.core,
                    "qualifier": mention.qualifier,
                    "mentions": [],
                }
                groups.append(target)
            target["mentions"].append(mention)
        entities = []
        for group in sorted(groups, key=lambda g: min(m.start for m in g["mentions"])):
            mentions = group["mentions"]
            name = max((m.text for m in mentions), key=len)
            name = re.sub(r"\s*\([^)]*\)", "", name)  # "Dinas Kesehatan (Dinkes) Kota Bima"
            acronym = next((m.acronym for m in mentions if m.acronym), None)
            qualifier = group["qualifier"]
            entities.append(
                {
                    "name": name,
                    "acronym": acronym,
                    "matched_id": None,
                    "region": qualifier if qualifier and qualifier[0].isdigit() else None,
                    "spans": sorted([m.start, m.end] for m in mentions),
                    "_mentions": mentions,
                }
            )
        return entities

    # ---------------------------------------------------------------- people
    def find_people(self) -> list[PersonMention]:
        people: list[PersonMention] = []
        tokens = self.tokens
        heads = _by_first_word(sorted(lx.TITLE_HEADS, key=lambda h: -len(h.split())))
        used: set[int] = set()
        i = 0
        while i < len(tokens):
            self.in_time()
            t = tokens[i]
            start = i
            if t.core.rstrip(".") in {p.rstrip(".") for p in lx.TITLE_PREFIXES} and t.cap:
                i += 1
            head = self._match_head(i, heads)
            if head is None:
                i = start + 1
                continue
            person, end = self._person_after_title(start, i, head)
            if person is None:
                person, end = self._person_before_title(start, i, head)
            if person:
                people.append(person)
                used.update(range(start, end))
                i = end
            else:
                i = i + head
        # Honorific + name anywhere else: "Hj. Suharni", "Pak Yahya".
        for t in tokens:
            if t.index in used or t.low.rstrip(".") not in lx.HONORIFICS or not t.cap:
                continue
            honorifics, k = self._honorifics(t.index)
            name_tokens, k = self._name(k)
            if name_tokens:
                degrees, k = self._degrees(k)
                people.append(self._person(honorifics, name_tokens, degrees, None, None))
                used.update(range(t.index, k))
        return self._merge_people(people)

    def _match_head(self, i: int, heads: dict[str, list[list[str]]]) -> int | None:
        """The number of words of the first of `heads` (by their first word) at token i."""
        t = self.tok(i)
        for words in heads.get(t.core, ()) if t is not None else ():
            if all(
                (tk := self.tok(i + k)) is not None and tk.core == w for k, w in enumerate(words)
            ):
                if self.tokens[i + len(words) - 1].sentence_end:
                    return None
                return len(words)
        return None

    def _person_after_title(self, start: int, i: int, head: int):
        tokens = self.tokens
        j = i + head
        # A body that begins inside the head ("Kepala Dinas Dukcapil"): its mention takes over.
        for k in range(i + 1, i + head):
            if k in self.org_at:
                j = k
                break
        long_form = tokens[j - 1].low in _BODY_WORDS
        while j < len(tokens):
            tk = tokens[j]
            if tokens[j - 1].sentence_end:
                break
            if j in self.org_at:
                j = self.org_at[j].last
                long_form = False
                continue
            if j in self.region_at:
                j = self.region_at[j].last
                long_form = False
                continue
            if tk.low in lx.POSITION_WORDS and (tk.cap or tk.low in ("i", "ii", "iii")):
                long_form = tk.low in _BODY_WORDS
                j += 1
                continue
            if tk.text == "(":
                while j < len(tokens) and tokens[j].text != ")":
                    j += 1
                j += 1
                continue
            if long_form and tk.cap and tk.low not in lx.HONORIFICS:
                j += 1
                continue
            nxt = self.tok(j + 1)
            if long_form and tk.low in ("dan", "&") and nxt and nxt.cap:
                j += 1
                continue
            if tk.is_acronym and tk.low not in lx.HONORIFICS and len(tk.core) <= 12:
                j += 1
                continue
            break
        position_end = j
        position = self.span_text(start, position_end).rstrip(" ,")
        k = position_end
        comma = self.tok(k)
        if comma and comma.text == ",":
            k += 1
        if tokens[position_end - 1].sentence_end:
            return None, position_end
        honorifics, k = self._honorifics(k)
        name_tokens, k = self._name(k)
        if not name_tokens:
            return None, position_end
        if not honorifics and (k in self.region_at or k in self.org_at):
            # The capitalised words were an unknown body's name, not the person's.
            absorbed = self.region_at.get(k) or self.org_at.get(k)
            position_end = absorbed.last
            position = self.span_text(start, position_end).rstrip(" ,")
            k = position_end
            if (comma := self.tok(k)) is not None and comma.text == ",":
                k += 1
            honorifics, k = self._honorifics(k)
            name_tokens, k = self._name(k)
            if not name_tokens:
                return None, position_end
        degrees, k = self._degrees(k)
        organization = None
        for index in range(start, position_end):
            if index in self.org_at:
                organization = self.org_at[index]
                break
        person = self._person(honorifics, name_tokens, degrees, position, organization)
        return person, k

    def _person_before_title(self, start: int, i: int, head: int):
        """Apposition, name first: "Lalu Gita Ariadi, Sekretaris Daerah Provinsi NTB, ..."."""
        comma = self.tok(start - 1)
        if comma is None or comma.text != ",":
            return None, start
        first = start - 1
        while first > 0 and first - (start - 1) > -6:
            t = self.tokens[first - 1]
            if not t.cap or t.low in lx.NOT_NAMES or first - 1 in self.region_at:
                break
            if t.sentence_end or t.core in lx.KNOWN_ORGS:
                break
            first -= 1
        name_tokens = self.tokens[first : start - 1]
        before = self.tok(first - 1)
        opens = before is None or before.text in '-(".,:;' or before.sentence_end
        if len(name_tokens) < 2 or not opens:
            return None, start
        honorifics = [t for t in name_tokens if t.low.rstrip(".") in lx.HONORIFICS]
        name_tokens = [t for t in name_tokens if t not in honorifics]
        # The position runs to the next comma, through bodies and regions.
        j = i + head
        while j < len(self.tokens) and self.tokens[j].text not in ",;." and j - i < 14:
            if self.tokens[j - 1].sentence_end:
                break
            j += 1
        position = self.span_text(start, j).rstrip(" ,")
        organization = next((self.org_at[k] for k in range(start, j) if k in self.org_at), None)
        person = self._person(honorifics, name_tokens, None, position, organization)
        return person, j

    def _honorifics(self, k: int) -> tuple[list[Token], int]:
        found = []
        while (t := self.tok(k)) is not None and t.low.rstrip(".") in lx.HONORIFICS:
            nxt = self.tok(k + 1)
            if not (nxt and nxt.cap) or t.sentence_end:
                break
            if t.low in ("ibu", "bapak") and nxt.low in lx.NOT_NAMES:
                break
            found.append(t)
            k += 1
        return found, k

    def _name(self, k: int) -> tuple[list[Token], int]:
        found = []
        while (t := self.tok(k)) is not None and len(found) < 5:
            low = t.low.rstrip(".")
            if not t.cap or not t.core[0].isalpha() or t.text in "(),":
                break
            if low in lx.NOT_NAMES or low in lx.WEEKDAYS or low in lx.MONTHS:
                break
            if k in self.region_at or (k in self.org_at and not found):
                break
            if t.core in lx.KNOWN_ORGS or (t.is_acronym and not t.core.endswith(".")):
                break
            if (
                any(head.split()[0] == t.core for head in lx.TITLE_HEADS)
                or t.core in lx.TITLE_BODY
                or t.core in lx.TITLE_PREFIXES
            ):
                break
            found.append(t)
            k += 1
            if t.sentence_end:
                break
        return found, k

    def _degrees(self, k: int) -> tuple[str | None, int]:
        parts = []
        start = k
        while True:
            t = self.tok(k)
            if t and t.text == ",":
                nxt = self.tok(k + 1)
                if nxt and lx.DEGREE_RX.fullmatch(nxt.text.rstrip(",")):
                    parts.append(nxt)
                    k += 2
                    continue
            elif t and parts and lx.DEGREE_RX.fullmatch(t.text):
                parts.append(t)
                k += 1
                continue
            break
        if not parts:
            return None, start
        return self.work[parts[0].start : parts[-1].start + len(parts[-1].text)], k

    def _person(self, honorifics, name_tokens, degrees, position, organization) -> PersonMention:
        name = " ".join(t.text for t in name_tokens)
        name = name.rstrip(".") if not re.search(r"\b\w\.$", name) else name
        honorific = " ".join(t.text for t in honorifics) or None
        first = (honorifics or name_tokens)[0].start
        return PersonMention(
            name,
            honorific,
            degrees,
            position,
            organization,
            [[first, name_tokens[-1].end]],
        )

    def _merge_people(self, people: list[PersonMention]) -> list[PersonMention]:
        merged: list[PersonMention] = []

        def words(p):
            return {w.strip(".").lower() for w in p.name.split()}

        for person in people:
            same = next(
                (m for m in merged if words(person) <= words(m) or words(m) <= words(person)),
                None,
            )
            if same is None:
                merged.append(person)
                continue
            if len(person.name) > len(same.name):
                same.name = person.name
            same.honorific = same.honorific or person.honorific
            same.degrees = same.degrees or person.degrees
            same.position = same.position or person.position
            same.organization = same.organization or person.organization
            same.spans.extend(person.spans)
        return merged

    # ---------------------------------------------------------------- quantities
    def find_quantities(self) -> list[dict]:
        number_words = "|".join(sorted(lx.UNITS_WORDS, key=len, reverse=True))
        scales = "belas|puluh|ratus|ribu|juta|miliar|milyar|triliun"
        rx = re.compile(
            r"(?:\b(?P<rp>Rp)\.?\s*|(?<![\w/.,\-]))"
            r"(?P<num>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"
            r"(?:\s*(?P<scale>miliar|milyar|juta|ribu|triliun|rb|jt|M|T)\b)?"
            r"(?P<pct>\s*%)?(?![\w/])"
            r"|\b(?P<words>(?:"
            + number_words
            + r")(?:\s+(?:"
            + number_words
            + "|"
            + scales
            + r"))*)\b",
            re.IGNORECASE,
        )
        quantities = []
        previous_in_sentence: dict[int, str] = {}
        for match in rx.finditer(self.work):
            start, end = match.span()
            if any(s <= start < e for s, e in self.other_date_spans):
                continue
            before = self.work[max(0, start - 25) : start].lower().split()
            previous_word = before[-1].strip("(.:") if before else ""
            if previous_word in lx.NOT_COUNT_BEFORE or previous_word == "salah":
                continue
            after = self.work[end : end + 40]
            unit_match = re.match(r"\s*([A-Za-z][\w\-]*(?:/[\w\-]+)?)", after)
            unit = unit_match.group(1) if unit_match else ""
            if match["num"]:
                raw = match["num"]
                if re.fullmatch(r"(19|20)\d{2}", raw) and unit.lower() not in lx.COUNT_UNITS:
                    continue  # a year
                line_start = self.work.rfind("\n", 0, start) + 1
                lead = self.work[line_start:start].strip()
                if re.match(r"[.)]\s+[A-Z]", after) and (not lead or lead[-1] in ":;"):
                    continue  # "1. Melindungi ..." is a list item
                value = _parse_digits(raw)
                scale = match["scale"]
                if scale:
                    value *= lx.SCALE_WORDS[scale.lower()]
            else:
                value = _parse_words(match["words"])
                if value is None or unit.lower() not in lx.COUNT_UNITS:
                    continue
            if unit.lower() in lx.TIME_UNITS:
                continue
            if match["num"] and not unit and not match["pct"] and not match["rp"]:
                word_before = self.work[max(0, start - 30) : start].split()
                if word_before and word_before[-1][:1].isupper():
                    continue  # "Kodim 1615": a name's number, not a count
            percent = bool(match["pct"]) or unit.lower() in ("persen", "%")
            if percent and not match["pct"]:
                end_unit = end + unit_match.end()
            else:
                end_unit = end + (unit_match.end() if unit_match else 0)
            sentence_start, _ = self.sentence_bounds(start)
            meaning = self._meaning(start, bool(match["rp"]), percent)
            if meaning is None:
                meaning = previous_in_sentence.get(sentence_start, "count")
            previous_in_sentence[sentence_start] = meaning
            clause_start = self._clause_start(start)
            subject = self.work[clause_start:end_unit].strip(" ,\"'")
            quantities.append(
                {
                    "value": value,
                    "unit": "%" if match["pct"] else ("Rp" if match["rp"] else unit),
                    "meaning": meaning,
                    "subject": subject[-120:],
                    "text": self.text[start:end_unit].strip(),
                    "spans": [[start, end_unit]],
                }
            )
        return quantities

    def _clause_start(self, pos: int) -> int:
        """Just after the last clause boundary before `pos`, looking back at most MAX_CLAUSE
        characters: scanning from the text's start for every figure (and reading the whole
        clause of a text without punctuation) made a long text quadratic."""
        low = max(0, pos - MAX_CLAUSE)
        last = low
        for match in _BOUNDARY_RX.finditer(self.work, low, pos):
            last = match.end()
        return last

    def _meaning(self, pos: int, rupiah: bool, percent: bool) -> str | None:
        prefix = self.work[self._clause_start(pos) : pos].lower()
        # Money is a budget; a percentage of a budget ("8 persen dana desa") is a share.
        if rupiah or (not percent and any(cue in prefix for cue in lx.BUDGET_CUES)):
            return "budget"
        best, best_at = None, -1
        for meaning, cues in (("target", lx.TARGET_CUES), ("achievement", lx.ACHIEVEMENT_CUES)):
            for cue in cues:
                for m in re.finditer(r"\b" + re.escape(cue) + r"\b", prefix):
                    if m.start() > best_at:
                        best, best_at = meaning, m.start()
        if best:
            return best
        if percent:
            return "percentage"
        return None

    # ---------------------------------------------------------------- programs
    def find_programs(self, org_names: list[str]) -> list[dict]:
        candidates: list[tuple[str, int, int]] = []
        for match in lx.LIST_CUES_RX.finditer(self.work):
            _, end = self.sentence_bounds(match.end())
            segment = self.work[match.end() : end]
            position = match.end()
            for item in re.split(r",\s*|\s+(?:dan|serta)\s+(?=\w+an\b)|;\s*", segment):
                at = self.work.find(item, position)
                position = at + len(item)
                clean = item.strip(" .,\"'")
                if not clean or clean[0].isupper() and self._is_proper(at):
                    continue
                words = clean.split()
                if 1 <= len(words) <= 8 and lx.NOMINAL_RX.match(clean):
                    candidates.append((clean, at, at + len(clean)))
        # Administrative bodies are named after their field ("Dinas Kependudukan dan Catatan
        # Sipil"); that is not a program. Task forces are named after theirs ("Tim Percepatan
        # Penurunan Stunting"), and that is.
        inside_body = sorted(
            (m.start, m.end)
            for m in self.orgs
            if m.text.split()[0].lower() not in ("tim", "satuan", "satgas")
        )
        body_starts = [start for start, _end in inside_body]
        reach = list(itertools.accumulate((end for _start, end in inside_body), max))
        for match in lx.NOMINAL_RX.finditer(self.work):
            if match.group().lower() in ("kelurahan", "kecamatan", "kesempatan", "keterangan"):
                continue
            # Inside a body's name: some body starting at or before it ends after it.
            before = bisect.bisect_right(body_starts, match.start())
            if before and reach[before - 1] > match.start():
                continue
            phrase, start, end = self._phrase(match.start())
            low = phrase.lower()
            if any(word in low for word in lx.THEME_WORDS) and len(phrase.split()) >= 2:
                candidates.append((phrase, start, end))
        named = re.compile(r"((?:[\w/]+\s+){1,5})\(([A-Z][a-z]+[A-Za-z]*)\)")
        for match in named.finditer(self.work):
            words = match[1].split()
            kept: list[str] = []
            for word in reversed(words):
                if word.lower() in lx.PHRASE_STOPS or word.lower() in ("adalah", "sebagai"):
                    break
                kept.insert(0, word)
            # An abbreviation begins like the words it stands for: "Desa ... (Destana)", not
            # "Praya (Antara)", a dateline and a news agency.
            while kept and kept[0][:1].lower() != match[2][:1].lower():
                kept.pop(0)
            if len(kept) < 2:
                continue
            if (
                not kept
                or match[2] in lx.KNOWN_ORGS
                or kept[0].lower()
                in (
                    "dinas",
                    "badan",
                    "tim",
                    "satuan",
                    "orang",
                    "nomor",
                    "kependudukan",
                )
            ):
                continue
            if any(" ".join(kept) in name for name in org_names):
                continue
            start = match.end() - len(match[2]) - 2 - len(" ".join(kept)) - 1
            start = self.work.rfind(kept[0], 0, match.end())
            candidates.append((self.work[start : match.end()], start, match.end()))
        program_rx = re.compile(
            r"\bprogram(?:-program)?\s+((?:(?:unggulan|prioritas|strategis|nasional|pokok)\s+)?"
            r"(?:[A-Z][\w\-]+\s?)+|unggulan\s+\w+)"
        )
        for match in program_rx.finditer(self.work):
            name = match[1].strip()
            if name.split()[0] not in lx.KNOWN_ORGS:
                candidates.append((name, match.start(1), match.start(1) + len(name)))
        programs: list[dict] = []
        for phrase, start, end in candidates:
            low = phrase.lower().strip()
            if low in lx.GENERIC_PROGRAMS or len(low) < 4:
                continue
            duplicate = next((p for p in programs if _overlaps(p["name"], phrase)), None)
            if duplicate:
                if [start, end] not in duplicate["spans"]:
                    duplicate["spans"].append([start, end])
                continue
            programs.append({"name": phrase, "theme": _theme(low), "spans": [[start, end]]})
        return programs

    def _is_proper(self, at: int) -> bool:
        index = self._token_index_at(at)
        return index is not None and (index in self.region_at or index in self.org_at)

    def _phrase(self, start: int) -> tuple[str, int, int]:
        words = []
        for match in re.finditer(r"[\w/\-]+|[^\w\s]", self.work[start : start + 120]):
            word = match.group()
            if not re.match(r"[^\W\d]", word) or word.lower() in lx.PHRASE_STOPS:
                break
            if words and _VERB_RX.match(word):
                break  # "Perkawinan anak menjadi ...": a verb ends the noun phrase
            if word.lower() in ("dan", "serta") and not words:
                break
            words.append((word, match.end()))
            if len(words) >= 6:
                break
        while words and words[-1][0].lower() in ("dan", "serta", "atau"):
            words.pop()
        end = start + (words[-1][1] if words else 0)
        return self.work[start:end], start, end

    # ---------------------------------------------------------------- agreements, meeting
    def find_agreements(self) -> list[dict]:
        agreements = self._agreement_sections()
        if agreements:
            return agreements
        for sentence, start in self._sentences():
            if not lx.AGREEMENT_CUES_RX.search(sentence):
                continue
            strong = re.search(
                r"\b(?:sepakat|menyepakati|disepakati|kesepakatan|diminta|meminta|minta|"
                r"menginstruksikan|tindak lanjut|dirancang|rancang|wajib|harus|akan)\b",
                sentence,
                re.IGNORECASE,
            )
            if not strong or len(sentence) < 30:
                continue
            clean = sentence.strip(" \"'")
            offset = sentence.find(clean)
            agreements.append(
                {"text": clean, "spans": [[start + offset, start + offset + len(clean)]]}
            )
        return agreements

    def _agreement_sections(self) -> list[dict]:
        """Minutes list their decisions under a heading: "Kesepakatan:", "Tindak lanjut:"."""
        heading = re.compile(
            r"^\s*(?:kesepakatan|keputusan|hasil rapat|rencana tindak lanjut|tindak lanjut|"
            r"rekomendasi|kesimpulan)\b[^\n]{0,40}:?\s*$",
            re.IGNORECASE | re.MULTILINE,
        )
        other_heading = re.compile(r"^\s*[A-Z][\w /]{2,40}:\s*$")
        agreements = []
        for match in heading.finditer(self.work):
            position = match.end()
            for line in self.work[match.end() :].split("\n")[1:]:
                start = self.work.index(line, position) if line else position
                position = start + len(line)
                if not line.strip():
                    if agreements:
                        break
                    continue
                if other_heading.match(line):
                    break
                item = re.match(r"\s*(?:\d+[.)]|[-•*])?\s*", line)
                text = line[item.end() :].strip()
                if len(text) >= 10:
                    begin = start + item.end()
                    agreements.append({"text": text, "spans": [[begin, begin + len(text)]]})
        return agreements

    def _sentences(self):
        """Sentences by the tokens' own ends, so "Hj." or "M.Si." does not end one."""
        start = None
        for t in self.tokens:
            if start is None:
                start = t.start
            following = self.tok(t.index + 1)
            line_break = following is not None and "\n" in self.work[t.end : following.start]
            if t.sentence_end or line_break or following is None:
                end = t.start + len(t.text)
                yield self.work[start:end], start
                start = None

    def meeting_place(self) -> tuple[str, int, int] | None:
        label = re.search(r"^\s*(?:tempat|lokasi|tempat rapat)\s*:\s*([^\n,;]+)", self.work,
                          re.IGNORECASE | re.MULTILINE)  # fmt: skip
        if label:  # minutes: "Tempat: Pendopo Gubernur NTB"
            return label[1].strip(), label.start(1), label.start(1) + len(label[1].strip())
        rx = re.compile(r"\bdi\s+(" + lx.PLACE_HEADS_RX.pattern + r")", re.IGNORECASE)
        for match in rx.finditer(self.work):
            start = match.start(1)
            words = []
            for word in re.finditer(r"[\w/\-.]+|[^\w\s]", self.work[start : start + 100]):
                text = word.group().rstrip(".")
                if not re.match(r"\w", text) or text.lower() in lx.PHRASE_STOPS:
                    break
                if text.lower() in lx.WEEKDAYS or text.lower() in lx.MONTHS:
                    break
                words.append(start + word.start() + len(text))
                if word.group().endswith("."):
                    break
            if words:
                return self.work[start : words[-1]], start, words[-1]
        for mention in self.regions:  # "... di Desa Sembalun Lawang": the village is the venue
            before = self.work[max(0, mention.start - 200) : mention.start]  # not all of it
            if mention.prefixed and re.search(r"\bdi\s+$", before):
                mention.role = "venue"
                return self.work[mention.start : mention.end], mention.start, mention.end
        return None

    def meeting_topic(self) -> str:
        lines = [line.strip() for line in self.work.strip().split("\n") if line.strip()]
        if len(lines) > 1 and re.match(r"notulen|notulensi|risalah", lines[0], re.IGNORECASE):
            return lines[1][:200]  # minutes: the line under the heading names the meeting
        topic = re.search(r"^(.{10,200}?),?\s+menjadi topik", self.work, re.MULTILINE)
        if topic:
            return topic.group(1).strip()
        event = lx.EVENT_WORDS_RX.search(self.work)
        if event:
            start = event.start()
            end = start + len(self._phrase_until_clause(start))
            return self.work[start:end].strip()
        first, _ = next(self._sentences(), ("", 0))
        return first.strip()[:200]

    def _phrase_until_clause(self, start: int) -> str:
        match = re.match(r"[^,.;:\n]{0,200}", self.work[start:])
        text = match.group() if match else ""
        cut = re.search(r"\s(?:bertempat|yang|pada|di)\s", text)
        return text[: cut.start()] if cut else text

    # ---------------------------------------------------------------- result
    def run(self) -> dict:
        self.find_dates()
        self.find_regions()
        self.find_organizations()
        organizations = self.organization_entities()
        people = self.find_people()
        self.in_time()
        quantities = self.find_quantities()
        self.in_time()
        programs = self.find_programs([o["name"] for o in organizations])
        self.in_time()
        self._assign_roles()
        org_name = {id(m): o["name"] for o in organizations for m in o["_mentions"]}
        for org in organizations:
            del org["_mentions"]
        when = self.meeting_date()
        place = self.meeting_place()
        return {
            "meeting": {
                "date": when[0].isoformat() if when else None,
                "place": place[0] if place else None,
                "topic": self.meeting_topic(),
                "spans": {
                    "date": [[when[1], when[2]]] if when else [],
                    "place": [[place[1], place[2]]] if place else [],
                },
            },
            "organizations": organizations,
            "people": [
                {
                    "name": p.name,
                    "honorific": p.honorific,
                    "degrees": p.degrees,
                    "position": p.position,
                    "organization": org_name.get(id(p.organization)) if p.organization else None,
                    "spans": p.spans,
                }
                for p in people
            ],
            "regions": self._region_entities(),
            "quantities": quantities,
            "programs": programs,
            "agreements": self.find_agreements(),
        }

    def _assign_roles(self):
        for mention in self.regions:
            if mention.first <= 1 and re.match(r"\s*[,(\-]", self.work[mention.end :]):
                mention.role = "dateline"
            elif any(k in self.org_at for k in range(mention.first - 1, mention.first)):
                mention.role = "jurisdiction"
            elif lx.PLACE_HEADS_RX.search(self.work[max(0, mention.start - 30) : mention.start]):
                mention.role = "venue"
            elif self._after_title(mention.first):
                mention.role = "jurisdiction"

    def _after_title(self, index: int) -> bool:
        previous = self.tok(index - 1)
        return bool(previous and any(head.split()[-1] == previous.core for head in lx.TITLE_HEADS))

    def _region_entities(self) -> list[dict]:
        priority = {"focus": 0, "venue": 1, "jurisdiction": 2, "dateline": 3}
        entities: dict[str, dict] = {}
        for mention in self.regions:
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


def _by_first_word(phrases: list[str], lower: bool = False) -> dict[str, list[list[str]]]:
    """Each phrase's words, listed under its first word (lowercased if asked), in order: a
    token is compared with the phrases that can start there only."""
    index: dict[str, list[list[str]]] = {}
    for phrase in phrases:
        words = phrase.split()
        index.setdefault(words[0].lower() if lower else words[0], []).append(words)
    return index


_ORG_HEADS_BY_FIRST = _by_first_word(lx.ORG_HEADS, lower=True)
MAX_CLAUSE = 400  # characters; a clause of a real text is far shorter
_BOUNDARY_RX = re.compile(r"[;:!?\"\n]|[.,](?=\s)")
_VERB_RX = re.compile(r"(?:me[a-z]{3,}|ber[a-z]{3,}|ter[a-z]{3,}|di[a-z]{3,}(?:kan|i))$")


def _parse_digits(raw: str) -> float | int:
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", raw):
        raw = raw.replace(".", "")
    raw = raw.replace(",", ".")
    value = float(raw)
    return int(value) if value.is_integer() else value


def _parse_words(words: str) -> int | None:
    """ "dua ratus lima puluh" → 250: units and teens add up, puluh/ratus close a group under a
    thousand, ribu/juta/miliar scale everything before them."""
    total = group = current = 0
    specials = {"seratus": ("ratus", 1), "seribu": ("ribu", 1), "sejuta": ("juta", 1)}
    for word in words.lower().split():
        if word in specials:
            word, current = specials[word][0], current + specials[word][1]
        if word in lx.UNITS_WORDS:
            current += lx.UNITS_WORDS[word]
        elif word == "belas":
            current += 10
        elif word in ("puluh", "ratus"):
            group += (current or 1) * lx.SCALE_WORDS[word]
            current = 0
        elif word in ("ribu", "juta", "miliar", "milyar", "triliun"):
            total += ((group + current) or 1) * lx.SCALE_WORDS[word]
            group = current = 0
        else:
            return None
    value = total + group + current
    return value or None


def _norm_words(text: str) -> set[str]:
    return set(re.sub(r"[^\w\s]", " ", text.lower()).split())


def _overlaps(a: str, b: str) -> bool:
    wa, wb = _norm_words(a), _norm_words(b)
    if not wa or not wb:
        return False
    la, lb = " ".join(a.lower().split()), " ".join(b.lower().split())
    return la in lb or lb in la or len(wa & wb) / len(wa | wb) >= 0.6


# Keywords → code of the theme taxonomy seeded by programs/migrations/0002 (specific first).
_THEMES = [
    ("pasca bencana", "pasca-bencana"), ("kejadian bencana", "tanggap-darurat"),
    ("tanggap darurat", "tanggap-darurat"), ("mitigasi", "pra-bencana"),
    ("bencana", "penanggulangan-bencana"), ("destana", "penanggulangan-bencana"),
    ("stunting", "penanganan-stunting"), ("gizi", "penanganan-stunting"),
    ("perkawinan", "pencegahan-perkawinan-anak"), ("pernikahan", "pencegahan-perkawinan-anak"),
    ("adminduk", "adminduk"), ("kependudukan", "adminduk"),
    ("kemiskinan", "penanggulangan-kemiskinan"), ("ekonomi", "pemberdayaan-ekonomi"),
    ("umkm", "pemberdayaan-ekonomi"), ("usaha", "pemberdayaan-ekonomi"),
    ("aparatur", "kapasitas-aparatur-desa"), ("pelayanan publik", "pelayanan-publik"),
    ("koperasi", "pkk-koperasi"), ("pangan", "pkk-pangan"), ("lingkungan", "pkk-lingkungan"),
    ("sampah", "pkk-lingkungan"), ("perumahan", "pkk-perumahan"), ("pendidikan", "pkk-pendidikan"),
    ("paud", "pkk-pendidikan"), ("literasi", "pkk-pendidikan"),
    ("gotong royong", "pkk-gotong-royong"),
    ("kesehatan", "pkk-kesehatan"), ("sanitasi", "pkk-kesehatan"), ("air bersih", "pkk-kesehatan"),
    ("posyandu", "pkk-kesehatan"),
]  # fmt: skip


def _theme(text: str) -> str | None:
    for word, theme in _THEMES:
        if word in text:
            return theme
    return None


class TooSlow(Exception):
    """The extraction passed its time budget."""


def extract(text: str, seconds: float | None = None) -> dict:
    """The draft of one text, as the JSON contract of `sinergi ingest --json`; TooSlow when it
    takes more than `seconds`."""
    return Extractor(text, seconds).run()
