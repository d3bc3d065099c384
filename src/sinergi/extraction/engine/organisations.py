"""Organisations: long forms ("Dinas Kesehatan Kota Bima"), acronyms ("BPBD Prov NTB"),
governments ("Pemerintah Provinsi NTB") and lists of attending bodies; each body once."""

import re
from dataclasses import dataclass

from .. import lexicon as lx
from .document import Document, Mentions, by_first_word, starts_title

_ORG_HEADS_BY_FIRST = by_first_word(lx.ORG_HEADS, lower=True)
_TITLE_FIRST = {head.split()[0] for head in lx.TITLE_HEADS}
_VILLAGE_TITLES = {"Sekdes", "Kadus", "Kasun", "Kaur", "Kasi", "Kades", "Kadis"}
_NOT_INITIAL = {"dan", "serta", "&", "dari", "untuk", "di", "ke"}
_LIST_CUE_RX = re.compile(r"\b(?:[Hh]adir|dihadiri(?: oleh)?|perwakilan(?: dari)?)\b")


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


class _OrgFinder:
    def __init__(self, doc: Document, regions: Mentions):
        self.doc = doc
        self.regions = regions

    def qualifier(self, j: int) -> tuple[str | None, int]:
        """A region or ministry right after a body's name: "Prov NTB", "Kemendagri"."""
        t = self.doc.tok(j)
        if t is None:
            return None, j
        region = self.regions.starts_at(j)
        if region:
            return region.place.code, region.last
        if t.core.startswith("Kemen") and t.core != "Kementerian":
            return t.core, j + 1
        return None, j

    def _head(self, i: int) -> tuple[int | None, str | None]:
        """The number of words opening a body's long form at i, and the head a short title
        stands for ("Kadis Perumahan": "Dinas")."""
        t = self.doc.tokens[i]
        if lx.TITLE_BODY.get(t.core):
            nxt = self.doc.tok(i + 1)
            if nxt and nxt.cap and nxt.core not in lx.KNOWN_ORGS:
                return 1, lx.TITLE_BODY[t.core]
        if not t.cap:
            return None, None
        for words in _ORG_HEADS_BY_FIRST.get(t.low, ()):
            if all(
                (tk := self.doc.tok(i + k)) is not None and tk.low == w.lower()
                for k, w in enumerate(words)
            ):
                return len(words), None
        return None, None

    def _parenthesis(self, j: int) -> tuple[str | None, int]:
        """ "(Dinkes)" after a long form: the acronym and the token after ")"."""
        tokens = self.doc.tokens
        close = j + 1
        while close < len(tokens) and tokens[close].text != ")" and close < j + 5:
            close += 1
        inner = self.doc.span_text(j + 1, close) if close > j + 1 else ""
        if close < len(tokens) and tokens[close].text == ")" and inner[:1].isupper():
            return inner, close + 1
        return None, j

    def _name_words(self, j: int) -> tuple[list[str] | None, list[str], int]:
        """The capitalised words of a long form from token j; None when a region comes first
        ("Dinas Provinsi NTB": every agency of the province)."""
        tokens = self.doc.tokens
        words: list[str] = []
        acronyms: list[str] = []
        while j < len(tokens):
            tk = tokens[j]
            if tk.text == "(":
                inner, j = self._parenthesis(j)
                if inner is None:
                    break
                acronyms.append(inner)
                continue
            if self.regions.starts_at(j):
                return (words or None), acronyms, j
            if not self._continues_name(j, words):
                break
            words.append(tk.core)
            j += 1
            if tk.sentence_end:
                break
        return words, acronyms, j

    def _continues_name(self, j: int, words: list[str]) -> bool:
        tk = self.doc.tokens[j]
        if tk.core.startswith("Kemen") and words:
            return False
        if tk.core in ("Tahun", "Periode", "Masa") and words:
            return False  # "Tim Koordinasi ... Tahun 2021": the year is not in the body's name
        if tk.cap and tk.core[0].isalpha() and tk.low not in lx.HONORIFICS:
            return not (starts_title(tk) and words)
        nxt = self.doc.tok(j + 1)
        # "... dan Catatan Sipil" continues the name; "... dan Tim Koordinasi ..." is another body.
        another = nxt is not None and nxt.low in _ORG_HEADS_BY_FIRST
        return bool(tk.low in ("dan", "&") and words and nxt and nxt.cap and not another)

    def long_form(self, i: int) -> OrgMention | None:
        tokens = self.doc.tokens
        head_words, mapped_head = self._head(i)
        if head_words is None:
            return None
        if " ".join(x.low for x in tokens[i : i + head_words]) == "tim penggerak":
            return self.acronym(i + 2, start_override=i)
        words, acronyms, j = self._name_words(i + head_words)
        if words is None or (not words and tokens[i].core != "Inspektorat"):
            return None
        qualifier, last = (None, j) if tokens[j - 1].sentence_end else self.qualifier(j)
        head_text = mapped_head or " ".join(x.core for x in tokens[i : i + head_words])
        name = " ".join([head_text, *words])
        acronym = self._long_form_acronym(i + head_words, words, acronyms, head_text)
        core = lx.KNOWN_ORGS.get(acronym or "", acronym) if acronym else name
        if not acronym and name.lower() in lx.AGENCY_LONG:  # "Dinas Kesehatan" is the "Dinkes"
            core = lx.KNOWN_ORGS.get(lx.AGENCY_LONG[name.lower()], name)
        text = self.doc.span_text(i, last)
        if mapped_head:
            skipped = len(tokens[i].text) + len(self.doc.span_text(i + 1, j)) + 1
            text = name + text[skipped:]
        return OrgMention(
            core.lower(), text.strip(), acronym, qualifier, i, last, tokens[i].start,
            tokens[last - 1].end,
        )  # fmt: skip

    def _long_form_acronym(self, j: int, words: list[str], acronyms: list[str], head: str):
        if acronyms:
            acronym = " ".join(acronyms)
        elif len(words) == 1 and (words[0] in lx.KNOWN_ORGS or self.doc.tokens[j].is_acronym):
            acronym = words[0]
        else:
            acronym = None
        if head == "Kementerian":
            acronym = acronym or lx.MINISTRY_LONG.get(" ".join(words).lower())
        return acronym

    def _acronym_length(self, i: int) -> int:
        t = self.doc.tokens[i]
        pair = self.doc.tok(i + 1)
        if pair and not t.sentence_end and f"{t.core} {pair.core}" in lx.KNOWN_ORGS:
            return 2
        if t.core in lx.KNOWN_ORGS:
            return 1
        region_follows = self.regions.starts_at(i + 1) is not None
        if t.is_acronym and t.core not in lx.NOT_ORGS and not t.sentence_end and region_follows:
            return int(t.core not in lx.PROVINCE_ALIASES)
        return 0

    def _joins_acronym(self, j: int) -> bool:
        """ "Satgas PPA": a body's acronym followed by another all-capital acronym is one name."""
        nxt = self.doc.tok(j)
        return bool(
            nxt
            and nxt.core.isupper()
            and len(nxt.core) >= 2
            and nxt.core not in lx.PROVINCE_ALIASES
            and nxt.core not in lx.KNOWN_ORGS
            and not self.doc.tokens[j - 1].sentence_end
            and nxt.core not in ("KB", "RI")
        )

    def acronym(self, i: int, start_override: int | None = None) -> OrgMention | None:
        tokens = self.doc.tokens
        t = self.doc.tok(i)
        if t is None:
            return None
        length = self._acronym_length(i)
        if not length:
            return None
        nxt = self.doc.tok(i + 1)
        if t.core == "Ditjen" and length == 1 and nxt and nxt.cap:
            return None  # a long form ("Ditjen Bina Desa")
        acronym = " ".join(x.core for x in tokens[i : i + length])
        j = i + length
        if self._joins_acronym(j):
            acronym = f"{acronym} {tokens[j].core}"
            j += 1
        first = start_override if start_override is not None else i
        qualifier, last = self.qualifier(j) if not tokens[j - 1].sentence_end else (None, j)
        mention = OrgMention(
            lx.KNOWN_ORGS.get(acronym, acronym).lower(), self.doc.span_text(first, last),
            acronym, qualifier, first, last, tokens[first].start, tokens[last - 1].end,
        )  # fmt: skip
        previous = self.doc.tok(first - 1)
        if previous and previous.low in lx.CATEGORY_WORDS and not previous.cap and not qualifier:
            mention.core = ""  # "ketua PKK" of every village: a category, not one body
        return mention

    def government(self, i: int) -> OrgMention | None:
        t = self.doc.tokens[i]
        if t.low not in ("pemerintah", "pemda"):
            return None
        nxt = self.doc.tok(i + 1)
        if t.cap and nxt is not None and nxt.core == "Pusat":  # the national government
            return OrgMention("pemerintah pusat", self.doc.span_text(i, i + 2), None, None,
                              i, i + 2, t.start, nxt.end)  # fmt: skip
        region = self.regions.starts_at(i + 1)
        if region is None:
            return None
        core = {"province": "pemprov", "regency": "pemkab"}.get(region.place.level)
        if core is None:
            return None
        if region.place.kind == "kota":
            core = "pemkot"
        text = "P" + self.doc.span_text(i, region.last)[1:]  # as written: "Pemerintah NTB"
        return OrgMention(core, text, None, region.place.code, i, region.last, t.start, region.end)


def _list_items(doc: Document, found: Mentions, regions: Mentions):
    """ "Hadir ... perwakilan Polda NTB, Bappeda, ... dan Islamic Relief": each item a body."""
    for match in _LIST_CUE_RX.finditer(doc.work):
        start, end = match.end(), doc.sentence_bounds(match.end())[1]
        items = re.split(r",\s*(?:dan\s+|serta\s+)?|\s+(?:dan|serta)\s+", doc.work[start:end])
        if len(items) < 3:
            continue
        offset = start
        for item in items:
            position = doc.work.find(item, offset)
            offset = position + len(item)
            clean = item.strip(" .")
            words = clean.split()
            if not (1 <= len(words) <= 4) or not all(w[:1].isupper() for w in words):
                continue
            if words[0].lower() in lx.GENERIC_ORGS or clean in lx.NOT_ORGS:
                continue
            if words[0] in _TITLE_FIRST or words[0] in _VILLAGE_TITLES:
                continue  # "Ketua BPD", "Sekdes": a position in the list, not a body
            first = doc.token_index_at(position + item.find(clean))
            if first is None or first in found.at or first in regions.at:
                continue
            yield clean, first


def _listed_bodies(doc: Document, found: Mentions, regions: Mentions) -> None:
    for clean, first in list(_list_items(doc, found, regions)):
        if first in found.at:
            continue
        last = first + len(clean.split())
        start = doc.tokens[first].start
        found.add(
            OrgMention(clean.lower(), clean, None, None, first, last, start, start + len(clean))
        )


def find_organizations(doc: Document, regions: Mentions) -> Mentions:
    """Every body mention (`Mentions` of `OrgMention`); regions qualify them."""
    finder = _OrgFinder(doc, regions)
    found = doc.scan([finder.long_form, finder.acronym, finder.government], Mentions())
    _listed_bodies(doc, found, regions)
    return found


def _group(orgs: Mentions) -> list[dict]:
    groups: list[dict] = []
    for mention in sorted(orgs.items, key=lambda m: (m.qualifier is None, m.start)):
        same = [g for g in groups if g["core"] == mention.core]
        if not same and " " not in mention.core:
            same = [g for g in groups if mention.core in g["core"].split()]
        target = None
        if mention.qualifier:
            target = next((g for g in same if g["qualifier"] == mention.qualifier), None)
        elif same:
            target = same[0]
        if target is None:
            target = {"core": mention.core, "qualifier": mention.qualifier, "mentions": []}
            groups.append(target)
        target["mentions"].append(mention)
    return groups


@dataclass(slots=True)
class Organisation:
    name: str
    acronym: str | None
    region: str | None
    mentions: list[OrgMention]

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "acronym": self.acronym,
            "matched_id": None,
            "region": self.region,
            "spans": sorted([m.start, m.end] for m in self.mentions),
        }


def _initials(text: str) -> str:
    words = [w for w in re.sub(r"\([^)]*\)", " ", text).split() if w.lower() not in _NOT_INITIAL]
    return "".join(w[0] for w in words if w[0].isalpha()).lower()


def _spells(group: dict, initials: str, qualifier: str | None) -> bool:
    acronym = next((m.acronym for m in group["mentions"] if m.acronym), "")
    letters = acronym.replace(" ", "").lower()
    compatible = None in (group["qualifier"], qualifier) or group["qualifier"] == qualifier
    return len(letters) >= 3 and initials.startswith(letters) and compatible


def _merge_initials(groups: list[dict]) -> list[dict]:
    """ "TKPK" and "Tim Koordinasi Penanggulangan Kemiskinan" in one text are one body: an
    acronym that spells a long form's initials (its region words aside) is its short form."""
    short = [g for g in groups if any(m.acronym for m in g["mentions"])]
    for group in [g for g in groups if g not in short]:
        initials = {_initials(m.text) for m in group["mentions"]}
        match = next(
            (g for g in short for i in initials if _spells(g, i, group["qualifier"])), None
        )
        if match is not None:
            match["mentions"].extend(group["mentions"])
            group["mentions"] = []
    return [g for g in groups if g["mentions"]]


def organisation_entities(orgs: Mentions) -> list[Organisation]:
    """Each body once: the longest form as its name, the first acronym met."""
    entities = []
    groups = _merge_initials(_group(orgs))
    for group in sorted(groups, key=lambda g: min(m.start for m in g["mentions"])):
        mentions = group["mentions"]
        name = max((m.text for m in mentions), key=len)
        name = re.sub(r"\s*\([^)]*\)", "", name)  # "Dinas Kesehatan (Dinkes) Kota Bima"
        acronym = next((m.acronym for m in mentions if m.acronym), None)
        qualifier = group["qualifier"]
        region = qualifier if qualifier and qualifier[0].isdigit() else None
        entities.append(Organisation(name, acronym, region, mentions))
    return entities
