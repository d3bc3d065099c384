"""People: a title and its body before a name ("Kepala Dinkes Kota Bima dr. Ahmad Fathoni,
M.Kes."), a name before its title in apposition, and honorific + name anywhere else."""

import re
from dataclasses import dataclass, field

from .. import lexicon as lx
from ..gazetteer import gazetteer
from .document import Document, Mentions, Token, by_first_word, starts_title

_BODY_WORDS = {
    "dinas", "badan", "biro", "bidang", "seksi", "bagian", "kantor", "urusan", "tim", "kelompok",
    "penggerak",
}  # fmt: skip
# "Pemberdayaan", "Kesejahteraan": a long nominalisation names work or a body, never a person.
_NOMINAL_NAME_RX = re.compile(r"(?:pe[nmr]|ke)[a-z]{5,}an")
_HEADS = by_first_word(sorted(lx.TITLE_HEADS, key=lambda h: -len(h.split())))
_REGIONAL_HEADS = {"Bupati", "Kota", "Walikota", "Camat", "Lurah", "Gubernur", "Kades", "Desa"}
_SPOKEN_HONORIFICS = {"bu", "ibu", "pak", "bapak"}
_PREFIXES = {p.rstrip(".") for p in lx.TITLE_PREFIXES}


@dataclass(slots=True)
class PersonMention:
    name: str
    honorific: str | None
    degrees: str | None
    position: str | None
    organization: object | None  # the OrgMention of the body in the position
    spans: list = field(default_factory=list)


class _PeopleFinder:
    def __init__(self, doc: Document, regions: Mentions, orgs: Mentions):
        self.doc = doc
        self.regions = regions
        self.orgs = orgs

    def match_head(self, i: int) -> int | None:
        """The number of words of the first title (by its first word) at token i."""
        t = self.doc.tok(i)
        for words in _HEADS.get(t.core, ()) if t is not None else ():
            if all(
                (tk := self.doc.tok(i + k)) is not None and tk.core == w
                for k, w in enumerate(words)
            ):
                if self.doc.tokens[i + len(words) - 1].sentence_end:
                    return None
                return len(words)
        return None

    def _position_step(self, j: int, long_form: bool) -> tuple[int, bool] | None:
        """The token after the position's part at j, and whether a body's long name is open;
        None where the position ends."""
        tokens = self.doc.tokens
        tk = tokens[j]
        if j in self.orgs.at:
            return self.orgs.at[j].last, False
        if j in self.regions.at:
            return self.regions.at[j].last, False
        if self._balinese_name(j):
            return None
        if tk.low in lx.POSITION_WORDS and (tk.cap or tk.low in ("i", "ii", "iii")):
            return j + 1, tk.low in _BODY_WORDS
        if tk.text == "(":
            while j < len(tokens) and tokens[j].text != ")":
                j += 1
            return j + 1, long_form
        if long_form and tk.cap and tk.low not in lx.HONORIFICS:
            return j + 1, long_form
        nxt = self.doc.tok(j + 1)
        if long_form and tk.low in ("dan", "&") and nxt and nxt.cap:
            return j + 1, long_form
        if tk.is_acronym and tk.low not in lx.HONORIFICS and len(tk.core) <= 12:
            return j + 1, long_form
        return None

    def _balinese_name(self, j: int) -> bool:
        """ "I Made ...", "I Gusti Ngurah ...": a name starts here."""
        tk, nxt = self.doc.tokens[j], self.doc.tok(j + 1)
        if tk.low in lx.BALINESE_NAMES and j > 0 and self.doc.tokens[j - 1].core in ("I", "Ni"):
            return True
        return tk.core in ("I", "Ni") and nxt is not None and nxt.low in lx.BALINESE_NAMES

    def position_end(self, i: int, head: int) -> int:
        tokens = self.doc.tokens
        j = i + head
        # A body that begins inside the head ("Kepala Dinas Dukcapil"): its mention takes over.
        j = next((k for k in range(i + 1, i + head) if k in self.orgs.at), j)
        long_form = tokens[j - 1].low in _BODY_WORDS
        while j < len(tokens) and not tokens[j - 1].sentence_end:
            step = self._position_step(j, long_form)
            if step is None:
                break
            j, long_form = step
        return j

    def _jurisdiction_word(self, k: int) -> bool:
        """A district of the home province or of a regency the text names, right after the
        title of a regional head ("Bupati Praya", "Camat Kopang")."""
        t, title = self.doc.tok(k), self.doc.tokens[k - 1]
        if t is None or title.core not in _REGIONAL_HEADS or not t.cap or k in self.regions.at:
            return False
        mentioned = {m.place.code for m in self.regions.items}
        return any(
            p.code.startswith(lx.HOME_PROVINCE + ".") or p.code[:5] in mentioned
            for p in gazetteer().lookup("district", t.core)
        )

    def _name_after(self, k: int) -> tuple[list[Token], list[Token], int]:
        comma = self.doc.tok(k)
        signed = comma is not None and comma.text == ","
        k += signed
        previous, first = self.doc.tok(k - 1), self.doc.tok(k)
        if not signed and previous and first and "\n" in self.doc.work[previous.end : first.start]:
            return [], [], k  # a title's line ends without a comma: the next line is no name
        honorifics, k = honorifics_at(self.doc, k)
        name_tokens, k = self.name(k)
        return honorifics, name_tokens, k

    def after_title(self, start: int, i: int, head: int):
        doc = self.doc
        position_end = self.position_end(i, head)
        if doc.tokens[position_end - 1].sentence_end:
            return None, position_end
        if self._jurisdiction_word(position_end):
            position_end += 1  # "Bupati Praya": a town, the office's seat, is no person
        honorifics, name_tokens, k = self._name_after(position_end)
        if not name_tokens:
            return None, position_end
        absorbed = self.regions.at.get(k) or self.orgs.at.get(k)
        if not honorifics and absorbed:
            # The capitalised words were an unknown body's name, not the person's.
            position_end = absorbed.last
            honorifics, name_tokens, k = self._name_after(position_end)
            if not name_tokens:
                return None, position_end
        position = doc.span_text(start, position_end).rstrip(" ,")
        degrees, k = degrees_at(doc, k)
        organization = next(
            (self.orgs.at[x] for x in range(start, position_end) if x in self.orgs.at), None
        )
        return make_person(honorifics, name_tokens, degrees, position, organization), k

    def before_title(self, start: int, i: int, head: int):
        """Apposition, name first: "Lalu Gita Ariadi, Sekretaris Daerah Provinsi NTB, ..."."""
        doc = self.doc
        comma = doc.tok(start - 1)
        if comma is None or comma.text != ",":
            return None, start
        first = start - 1
        while first > 0 and first - (start - 1) > -6 and self._may_be_name(first - 1):
            first -= 1
        name_tokens = doc.tokens[first : start - 1]
        before = doc.tok(first - 1)
        opens = before is None or before.text in '-(".,:;' or before.sentence_end
        if len(name_tokens) < 2 or not opens:
            return None, start
        honorifics = [t for t in name_tokens if t.low.rstrip(".") in lx.HONORIFICS]
        name_tokens = [t for t in name_tokens if t not in honorifics]
        # The position runs to the next comma, through bodies and regions.
        j = i + head
        while j < len(doc.tokens) and doc.tokens[j].text not in ",;." and j - i < 14:
            if doc.tokens[j - 1].sentence_end:
                break
            j += 1
        position = doc.span_text(start, j).rstrip(" ,")
        organization = next((self.orgs.at[k] for k in range(start, j) if k in self.orgs.at), None)
        return make_person(honorifics, name_tokens, None, position, organization), j

    def _may_be_name(self, k: int) -> bool:
        t = self.doc.tokens[k]
        return not (
            not t.cap
            or t.low in lx.NOT_NAMES
            or k in self.regions.at
            or t.sentence_end
            or t.core in lx.KNOWN_ORGS
            or starts_title(t)
            or t.core.rstrip(".") in _PREFIXES
            or (t.is_acronym and not t.core.endswith("."))
        )

    def name(self, k: int) -> tuple[list[Token], int]:
        found: list[Token] = []
        while (t := self.doc.tok(k)) is not None and len(found) < 5:
            if not self._name_word(t, k, found):
                break
            found.append(t)
            k += 1
            if t.sentence_end:
                break
        return found, k

    def _name_word(self, t: Token, k: int, found: list[Token]) -> bool:
        low = t.low.rstrip(".")
        if not t.cap or not t.core[0].isalpha() or t.text in "(),":
            return False
        if low in lx.NOT_NAMES or low in lx.WEEKDAYS or low in lx.MONTHS:
            return False
        if k in self.regions.at or (k in self.orgs.at and not found):
            return False
        if t.core in lx.KNOWN_ORGS or (t.is_acronym and not t.core.endswith(".")):
            return False
        if _NOMINAL_NAME_RX.fullmatch(low):
            return False
        return not (starts_title(t) or t.core in lx.TITLE_BODY or t.core in lx.TITLE_PREFIXES)

    def titled(self) -> tuple[list[PersonMention], set[int]]:
        people: list[PersonMention] = []
        used: set[int] = set()
        tokens = self.doc.tokens
        i = 0
        while i < len(tokens):
            self.doc.in_time()
            start = i
            if tokens[i].cap and tokens[i].core.rstrip(".") in _PREFIXES:
                i += 1
            head = self.match_head(i)
            if head is None:
                i = start + 1
                continue
            person, end = self.after_title(start, i, head)
            if person is None:
                person, end = self.before_title(start, i, head)
            if person:
                people.append(person)
                used.update(range(start, end))
                i = end
            else:
                i = i + head
        return people, used

    def honoured(self, used: set[int]) -> list[PersonMention]:
        """Honorific + name anywhere else: "Hj. Suharni", "Pak Yahya"."""
        people = []
        for t in self.doc.tokens:
            if t.index in used or t.low.rstrip(".") not in lx.HONORIFICS:
                continue
            if not t.cap and t.low not in _SPOKEN_HONORIFICS:
                continue  # "kata bu Nunung": the spoken forms are written in lower case too
            honorifics, k = honorifics_at(self.doc, t.index)
            name_tokens, k = self.name(k)
            if name_tokens:
                degrees, k = degrees_at(self.doc, k)
                people.append(make_person(honorifics, name_tokens, degrees, None, None))
                used.update(range(t.index, k))
        return people


def honorifics_at(doc: Document, k: int) -> tuple[list[Token], int]:
    found = []
    while (t := doc.tok(k)) is not None and t.low.rstrip(".") in lx.HONORIFICS:
        nxt = doc.tok(k + 1)
        if not (nxt and nxt.cap) or t.sentence_end:
            break
        if t.low in ("ibu", "bapak") and nxt.low in lx.NOT_NAMES:
            break
        found.append(t)
        k += 1
    return found, k


def degrees_at(doc: Document, k: int) -> tuple[str | None, int]:
    parts = []
    start = k
    while True:
        t = doc.tok(k)
        if t and t.text == ",":
            nxt = doc.tok(k + 1)
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
    return doc.work[parts[0].start : parts[-1].start + len(parts[-1].text)], k


def make_person(honorifics, name_tokens, degrees, position, organization) -> PersonMention:
    name = " ".join(t.text for t in name_tokens)
    name = name.rstrip(".") if not re.search(r"\b\w\.$", name) else name
    honorific = " ".join(t.text for t in honorifics) or None
    first = (honorifics or name_tokens)[0].start
    return PersonMention(
        name, honorific, degrees, position, organization, [[first, name_tokens[-1].end]]
    )


def _words(person: PersonMention) -> set[str]:
    return {w.strip(".").lower() for w in person.name.split()}


def merge_people(people: list[PersonMention]) -> list[PersonMention]:
    """One person once: a name whose words are all in another's is the same person."""
    merged: list[PersonMention] = []
    for person in people:
        same = next(
            (m for m in merged if _words(person) <= _words(m) or _words(m) <= _words(person)),
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


def find_people(doc: Document, regions: Mentions, orgs: Mentions) -> list[PersonMention]:
    finder = _PeopleFinder(doc, regions, orgs)
    people, used = finder.titled()
    people += finder.honoured(used)
    return merge_people(people)
