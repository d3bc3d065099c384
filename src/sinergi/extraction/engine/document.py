"""Tokens and the document every finder reads: the text, its tokens, sentences and clauses.

Curly quotes and dashes become ASCII one for one (`work`), so every offset is one of the input.
"""

import bisect
import re
import time
from dataclasses import dataclass, field

from .. import lexicon as lx

_SAME_LENGTH = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})
TOKEN_RX = re.compile(r"[\w'&/\-]+(?:\.[\w'&/\-]+)*\.?|[(),;:!?\"*#]")
_ABBREVIATIONS = {
    "prov", "kab", "kec", "kel", "muh", "moh", "mhd", "no", "st", "jl", "m", "a", "tp",
}  # fmt: skip
MAX_CLAUSE = 400  # characters; a clause of a real text is far shorter
_BOUNDARY_RX = re.compile(r"[;:!?\"\n]|[.,](?=\s)")


class TooSlow(Exception):
    """The extraction passed its time budget."""


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
    is_acronym: bool = False  # "BPBD", "DP3AP2KB", "KTP-el": two capitals or more


def _is_acronym(core: str) -> bool:
    if not core[:1].isupper():
        return False
    letters = [c for c in core if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 2


def _is_abbreviation(raw: str) -> bool:
    stem = raw[:-1]
    low = stem.lower()
    return (
        "." in stem
        or low in lx.HONORIFICS
        or low in _ABBREVIATIONS
        or (len(stem) == 1 and stem.isupper())
        or lx.DEGREE_RX.fullmatch(raw) is not None
    )


_GLUED_DATELINE_RX = re.compile(r"[A-Z]{3,}-(?=[A-Z][a-z])")


class _Piece:
    """A part of a token match, with the interface of `re.Match` that `tokenize` uses."""

    def __init__(self, text: str, start: int):
        self._text, self._start = text, start

    def group(self) -> str:
        return self._text

    def start(self) -> int:
        return self._start


def _split_datelines(matches):
    """ "LOTENG-Ketua": a dateline glued to the first word is two tokens."""
    for match in matches:
        glued = _GLUED_DATELINE_RX.match(match.group()) if "-" in match.group() else None
        if glued is None:
            yield match
            continue
        cut = glued.end()
        yield _Piece(match.group()[: cut - 1], match.start())
        yield _Piece(match.group()[cut:], match.start() + cut)


def tokenize(text: str) -> list[Token]:
    tokens = []
    for match in _split_datelines(TOKEN_RX.finditer(text)):
        raw = match.group()
        core = raw
        sentence_end = False
        if len(raw) > 1 and raw.endswith(".") and not _is_abbreviation(raw):
            core, sentence_end = raw[:-1], True
        start = match.start()
        tokens.append(
            Token(
                raw,
                start,
                start + len(core),
                core,
                core.lower(),
                core[:1].isupper(),
                sentence_end or raw in "!?",
                len(tokens),
                _is_acronym(core),
            )
        )
    return tokens


@dataclass(slots=True)
class Mentions:
    """Mentions of one kind in text order, and each covered token's mention."""

    items: list = field(default_factory=list)
    at: dict = field(default_factory=dict)

    def add(self, mention) -> None:
        self.items.append(mention)
        for k in range(mention.first, mention.last):
            self.at[k] = mention

    def starts_at(self, index: int):
        mention = self.at.get(index)
        return mention if mention is not None and mention.first == index else None


class Document:
    def __init__(self, text: str, seconds: float | None = None):
        self.deadline = time.monotonic() + seconds if seconds is not None else None
        self.text = text
        self.work = text.translate(_SAME_LENGTH)
        self.tokens = tokenize(self.work)
        self._starts = [t.start for t in self.tokens]

    def in_time(self) -> None:
        """Called at every token of the scans: TooSlow once the budget is spent."""
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise TooSlow

    def tok(self, i: int) -> Token | None:
        return self.tokens[i] if 0 <= i < len(self.tokens) else None

    def span_text(self, first: int, last: int) -> str:
        return self.work[self.tokens[first].start : self.tokens[last - 1].end]

    def token_index_at(self, char: int) -> int | None:
        """The token that starts exactly at `char`, if any."""

        k = bisect.bisect_left(self._starts, char)
        return k if k < len(self._starts) and self._starts[k] == char else None

    def sentence_bounds(self, pos: int) -> tuple[int, int]:
        text = self.work
        start = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos), text.rfind("? ", 0, pos))
        end_candidates = [i for i in (text.find(". ", pos), text.find("\n", pos)) if i >= 0]
        end = min(end_candidates) if end_candidates else len(text)
        return start + 1, end

    def sentences(self):
        """Sentences by the tokens' own ends, so "Hj." or "M.Si." does not end one."""
        start = None
        for t in self.tokens:
            if start is None:
                start = t.start
            following = self.tok(t.index + 1)
            line_break = following is not None and "\n" in self.work[t.end : following.start]
            if t.sentence_end or line_break or following is None:
                yield self.work[start : t.start + len(t.text)], start
                start = None

    def clause_start(self, pos: int) -> int:
        """Just after the last clause boundary before `pos`, looking back at most MAX_CLAUSE
        characters: scanning from the text's start for every figure (and reading the whole
        clause of a text without punctuation) made a long text quadratic."""
        low = max(0, pos - MAX_CLAUSE)
        last = low
        for match in _BOUNDARY_RX.finditer(self.work, low, pos):
            last = match.end()
        return last

    def scan(self, finders, found: Mentions) -> Mentions:
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
                found.add(mention)
            i = mention.last
        return found


def by_first_word(phrases: list[str], lower: bool = False) -> dict[str, list[list[str]]]:
    """Each phrase's words, listed under its first word (lowercased if asked), in order: a
    token is compared with the phrases that can start there only."""
    index: dict[str, list[list[str]]] = {}
    for phrase in phrases:
        words = phrase.split()
        index.setdefault(words[0].lower() if lower else words[0], []).append(words)
    return index


_TITLE_FIRST = {head.split()[0] for head in lx.TITLE_HEADS}
_TITLE_LAST = {head.split()[-1] for head in lx.TITLE_HEADS}


def starts_title(t: Token) -> bool:
    return t.core in _TITLE_FIRST


def ends_title(t: Token) -> bool:
    return t.core in _TITLE_LAST


def starts_structure(t: Token) -> bool:
    """A word that opens a region, a name, a body or a title: a capitalised run ends before it."""
    low = t.low
    return (
        low in lx.REGION_PREFIXES
        or low in lx.HONORIFICS
        or low in lx.NOT_NAMES
        or t.core in lx.KNOWN_ORGS
        or starts_title(t)
    )
