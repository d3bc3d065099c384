"""Quantities: every number that counts something, in digits ("4.103", "16,23 persen",
"Rp 350 ribu") or words ("dua ratus"), with the meaning its clause gives it."""

import re
from dataclasses import dataclass, field

from .. import lexicon as lx
from .dates import Dates
from .document import Document

_NUMBER_WORDS = "|".join(sorted(lx.UNITS_WORDS, key=len, reverse=True))
_SCALES = "belas|puluh|ratus|ribu|juta|miliar|milyar|triliun"
_NUMBER_RX = re.compile(
    r"(?:\b(?P<rp>Rp)\.?\s*|(?<![\w/.,\-]))"
    r"(?P<num>\d{1,3}\.\d{1,2}(?=\s*(?:%|persen\b))|\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"
    r"(?:\s*(?P<scale>miliar|milyar|juta|ribu|triliun|rb|jt|M|T)\b)?"
    r"(?P<pct>\s*%)?(?![\w/])"
    r"|\b(?P<words>(?:" + _NUMBER_WORDS + r")(?:\s+(?:" + _NUMBER_WORDS + "|" + _SCALES + r"))*)\b",
    re.IGNORECASE,
)
_UNIT_RX = re.compile(r"\s*([A-Za-z][\w\-]*(?:/[\w\-]+)?)")


@dataclass(slots=True)
class Quantity:
    value: float | int
    unit: str
    meaning: str
    subject: str
    text: str
    start: int
    end: int
    restated: list = field(default_factory=list)  # spans where the text says it again

    def as_dict(self) -> dict:
        return {
            "value": self.value,
            "unit": self.unit,
            "meaning": self.meaning,
            "subject": self.subject,
            "text": self.text,
            "spans": [[self.start, self.end], *self.restated],
        }


def _one_reading(doc: Document, quantities: list[Quantity]) -> list[Quantity]:
    """A figure the text states again in another sentence ("sebanyak 36 desa ... baru 36
    desa") is one reading: the same value, unit and meaning. Within one sentence the same
    figure twice is a breakdown ("ODGJ tujuh orang, dan lansia tujuh orang"): two readings."""
    kept: dict[tuple, Quantity] = {}
    readings = []
    for quantity in quantities:
        key = (quantity.value, quantity.unit.lower(), quantity.meaning)
        first = kept.get(key)
        sentence = doc.sentence_bounds(quantity.start)[0]
        if first is not None and doc.sentence_bounds(first.start)[0] != sentence:
            first.restated.append([quantity.start, quantity.end])
            continue
        kept.setdefault(key, quantity)
        readings.append(quantity)
    return readings


def parse_digits(raw: str) -> float | int:
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", raw):
        raw = raw.replace(".", "")
    raw = raw.replace(",", ".")
    value = float(raw)
    return int(value) if value.is_integer() else value


def parse_words(words: str) -> int | None:
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


def _digits_value(doc: Document, match: re.Match, unit: str) -> float | int | None:
    """The value of a number in digits; None for a year or a list item's number."""
    start = match.start()
    raw = match["num"]
    if re.fullmatch(r"(19|20)\d{2}", raw) and unit.lower() not in lx.COUNT_UNITS:
        return None  # a year
    line_start = doc.work.rfind("\n", 0, start) + 1
    lead = doc.work[line_start:start].strip()
    if re.match(r"[.)]\s+[A-Z]", doc.work[match.end() :]) and (not lead or lead[-1] in ":;"):
        return None  # "1. Melindungi ..." is a list item
    if not unit and not match["pct"] and not match["rp"]:
        word_before = doc.work[max(0, start - 30) : start].split()
        if word_before and word_before[-1][:1].isupper():
            return None  # "Kodim 1615": a name's number, not a count
    value = parse_digits(raw)
    if match["scale"]:
        value *= lx.SCALE_WORDS[match["scale"].lower()]
    return value


def _value(doc: Document, match: re.Match, unit: str) -> float | int | None:
    if match["num"]:
        return _digits_value(doc, match, unit)
    value = parse_words(match["words"])
    if value is None:
        return None
    low = unit.lower()
    # "tiga kali rapat", "dua desa": a spelled number counts the noun after it; "satu" only a
    # known unit (it is also "one of", "the same").
    if low in lx.COUNT_UNITS or (value >= 2 and unit.islower() and low not in _NOT_NOUNS):
        return value
    return None


_LEVEL_RX = re.compile(
    r"\b(?:angka|prevalensi|pravelensi|persentase|tingkat|rasio|point|poin|indeks)\b"
)
_CHANGE_TO_RX = re.compile(
    r"\b(?:turun\w*|menurunkan|diturunkan|menekan|ditekan|meningkatkan|ditingkatkan|"
    r"naikkan|dinaikkan|mengurangi)\b.*\b(?:menjadi|hingga|sampai|ke)\s+(?:dengan\s+)?"
    r"(?:angka\s+|di\s+bawah\s+)?$"
)
_MODAL_RX = re.compile(
    r"\b(?:harus|mampu|bisa|dapat|diharapkan|ingin|berupaya|upaya|yakin|optimis|bertekad)\b"
)
_RANGE_BEFORE_RX = re.compile(r"\d\s*(?:-|s\.?d\.?|hingga|sampai)\s*$")
_RANGE_PERCENT_RX = re.compile(r"\s*(?:-|s\.?d\.?|hingga|sampai)\s*\d[\d.,]*\s*(?:%|persen\b)")
_AFTER_END_RX = re.compile(
    r"[,;:!?\"\n]|\.(?=\s)|\s(?:dan|sedangkan|sementara|serta|yakni|yaitu|seperti|untuk)\s"
)
_ACHIEVED_AFTER = lx.ACHIEVEMENT_CUES | {"telah"}
_STATE = {"telah", "sudah", "baru"}
# Work delivered to the counted: "2.340 keluarga telah didampingi" is an achievement, where
# "1.250 balita telah diukur" or "434 desa telah ditetapkan sebagai ..." only counts them.
_DONE_VERBS = {
    "didampingi", "dilayani", "direkam", "dibentuk", "dilatih", "disalurkan", "dibangun",
    "diterbitkan", "dicetak", "divaksin", "diimunisasi", "dibina", "diberdayakan", "menerima",
    "melaksanakan", "membentuk", "mengikuti", "memiliki", "mendapatkan", "terlayani",
}  # fmt: skip
_NOT_NOUNS = (lx.PHRASE_STOPS | lx.TIME_UNITS | {"dan", "atau", "ke", "per"}) - {"kali"}


def _cue_rx(cues) -> re.Pattern:
    words = sorted(cues, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(c) for c in words) + r")\b")


_TARGET_RX = _cue_rx(lx.TARGET_CUES)
_ACHIEVEMENT_RX = _cue_rx(lx.ACHIEVEMENT_CUES | {"telah"})


def _nearest_cue(text: str, with_achievement: bool) -> tuple[str | None, int]:
    best, best_at = None, -1
    groups = [("target", _TARGET_RX)]
    if with_achievement:
        groups.append(("achievement", _ACHIEVEMENT_RX))
    for meaning, rx in groups:
        for m in rx.finditer(text):
            if m.start() > best_at:
                best, best_at = meaning, m.start()
    return best, best_at


def _cue_after(text: str, with_achievement: bool) -> str | None:
    """A cue in what follows the number up to the clause's end: "dua desa yang diusulkan",
    "214 warga berhasil direkam"."""
    words = re.findall(r"[\w-]+", text.lower())[:8]
    for k, word in enumerate(words):
        if word in lx.TARGET_CUES:
            return "target"
        # "95 persen warga yang telah ...": done; "434 desa telah ditetapkan sebagai desa
        # rawan bencana" states what they are, a count.
        relative = "yang" in words[:k] or (k + 1 < len(words) and words[k + 1] in _DONE_VERBS)
        if with_achievement and word in _ACHIEVED_AFTER and (relative or word not in _STATE):
            return "achievement"
    return None


def meaning_of(doc: Document, start: int, end: int, rupiah: bool, percent: bool) -> str | None:
    """The meaning the clause gives a number (at start:end); None when it gives none.

    Money is a budget. A value a change is aimed at ("harus mampu menurunkan ... menjadi 1,5")
    is a target. Otherwise the nearest cue before it in its clause, then a cue in what follows
    it ("dua desa yang diusulkan"); a total after "dari" is a count. A level that "mencapai"
    something (a rate, cases) is a measurement, not an achievement."""
    clause = doc.clause_start(start)
    prefix = doc.work[clause:start].lower()
    if rupiah or (not percent and any(cue in prefix for cue in lx.BUDGET_CUES)):
        return "budget"
    sentence = doc.work[doc.sentence_bounds(start)[0] : start].lower()
    if _CHANGE_TO_RX.search(sentence) and _MODAL_RX.search(sentence):
        return "target"
    unit = doc.work[end : end + 12].lower()
    level = bool(_LEVEL_RX.search(sentence)) or unit.lstrip().startswith("kasus")
    before = prefix.split()
    if not percent and before[-1:] == ["dari"] and before[-2:-1] != ["terdiri"]:
        return "count"
    best, _ = _nearest_cue(prefix, not level)
    if best:
        return best
    after = doc.work[end : end + 120]
    stop = _AFTER_END_RX.search(after)
    best = _cue_after(after[: stop.start()] if stop else after, not level)
    if best:
        return best
    if percent or (level and re.fullmatch(r"\d+,\d+", doc.work[start:end].strip())):
        return "percentage"
    return None


def _skipped(doc: Document, dates: Dates, start: int) -> bool:
    if dates.covers(start):
        return True
    before = doc.work[max(0, start - 25) : start].lower().split()
    previous_word = before[-1].strip("(.:") if before else ""
    return previous_word in lx.NOT_COUNT_BEFORE or previous_word == "salah"


def find_quantities(doc: Document, dates: Dates) -> list[Quantity]:
    quantities = []
    previous_in_sentence: dict[int, str] = {}
    for match in _NUMBER_RX.finditer(doc.work):
        start, end = match.span()
        if _skipped(doc, dates, start):
            continue
        unit_match = _UNIT_RX.match(doc.work, end, end + 40)
        unit = unit_match.group(1) if unit_match else ""
        value = _value(doc, match, unit)
        if value is None or unit.lower() in lx.TIME_UNITS:
            continue
        percent = bool(match["pct"]) or unit.lower() in ("persen", "%")
        percent = percent or bool(_RANGE_PERCENT_RX.match(doc.work, end))  # "1,5 - 1 persen"
        end_unit = unit_match.end() if unit_match else end
        sentence_start, _ = doc.sentence_bounds(start)
        if _RANGE_BEFORE_RX.search(doc.work, max(0, start - 12), start) and quantities:
            meaning = quantities[-1].meaning  # the second bound of a range reads as the first
        else:
            meaning = meaning_of(doc, start, end, bool(match["rp"]), percent)
        if meaning is None:
            meaning = previous_in_sentence.get(sentence_start, "count")
        previous_in_sentence[sentence_start] = meaning
        subject = doc.work[doc.clause_start(start) : end_unit].strip(" ,\"'")
        shown = "%" if match["pct"] else ("Rp" if match["rp"] else unit)
        quantities.append(
            Quantity(value, shown, meaning, subject[-120:], doc.text[start:end_unit].strip(),
                     start, end_unit)
        )  # fmt: skip
    return _one_reading(doc, quantities)
