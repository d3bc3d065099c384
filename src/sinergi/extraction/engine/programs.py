"""Programs and themes: items of a listed set of activities, noun phrases on a theme
("pencegahan perkawinan anak"), named programs ("Desa Tangguh Bencana (Destana)")."""

import bisect
import itertools
import re
from dataclasses import dataclass, field

from .. import lexicon as lx
from .document import Document, Mentions

_VERB_RX = re.compile(r"(?:me[a-z]{3,}|ber[a-z]{3,}|ter[a-z]{3,}|di[a-z]{3,}(?:kan|i))$")
_NAMED_RX = re.compile(r"((?:[\w/]+\s+){1,5})\(([A-Z][a-z]+[A-Za-z]*)\)")
_ABBREVIATION_RX = re.compile(r"\(([A-Z][a-z]+[A-Za-z]*)\)")
_PROGRAM_RX = re.compile(
    r"\bprogram(?:-program)?\s+((?:(?:unggulan|prioritas|strategis|nasional|pokok)\s+)?"
    r"(?:[A-Z][\w\-]+\s?)+|unggulan\s+\w+)"
)
_UNIT_BEFORE_RX = re.compile(
    r"\b(?:Bidang|Seksi|Bagian|Sub Bagian|Dinas|Badan|Biro|Tim Penggerak|Kantor)\s+$"
)
_LEVEL_WORDS = {"Provinsi", "Kabupaten", "Kota", "Kabupaten/Kota", "Kecamatan", "Prov", "Kab"}
_NOT_NAMED_FIRST = ("dinas", "badan", "tim", "satuan", "orang", "nomor", "kependudukan")

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


@dataclass(slots=True)
class Program:
    name: str
    theme: str | None
    spans: list = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"name": self.name, "theme": self.theme, "spans": self.spans}


def theme_of(text: str) -> str | None:
    return next((theme for word, theme in _THEMES if word in text), None)


def _norm_words(text: str) -> set[str]:
    return set(re.sub(r"[^\w\s]", " ", text.lower()).split())


def overlaps(a: str, b: str) -> bool:
    wa, wb = _norm_words(a), _norm_words(b)
    if not wa or not wb:
        return False
    la, lb = " ".join(a.lower().split()), " ".join(b.lower().split())
    return la in lb or lb in la or len(wa & wb) / len(wa | wb) >= 0.6


def _is_proper(doc: Document, at: int, regions: Mentions, orgs: Mentions) -> bool:
    index = doc.token_index_at(at)
    return index is not None and (index in regions.at or index in orgs.at)


def _listed(doc: Document, regions: Mentions, orgs: Mentions):
    """Items after a list cue: "meliputi pendataan, penyuluhan dan pendampingan"."""
    for match in lx.LIST_CUES_RX.finditer(doc.work):
        _, end = doc.sentence_bounds(match.end())
        position = match.end()
        for item in re.split(r",\s*|\s+(?:dan|serta)\s+(?=\w+an\b)|;\s*", doc.work[position:end]):
            at = doc.work.find(item, position)
            position = at + len(item)
            clean = item.strip(" .,\"'")
            if not clean or clean[0].isupper() and _is_proper(doc, at, regions, orgs):
                continue
            if 1 <= len(clean.split()) <= 8 and lx.NOMINAL_RX.match(clean):
                yield clean, at, at + len(clean)


def phrase_at(doc: Document, start: int, proper: frozenset = frozenset()) -> tuple[str, int, int]:
    """The noun phrase from `start`: up to six words, ended by a stop word, a verb or the name
    of a body or region (characters where such a name's tokens start: `proper`)."""
    words = []
    for match in re.finditer(r"[\w/\-]+|[^\w\s]", doc.work[start : start + 120]):
        word = match.group()
        if not re.match(r"[^\W\d]", word) or word.lower() in lx.PHRASE_STOPS:
            break
        if words and word in _LEVEL_WORDS:
            break  # "Penanggulangan Kemiskinan Provinsi": the level is the body's, not the topic's
        if words and start + match.start() in proper:
            break  # "... Kesehatan Masyarakat Dikes Kabupaten Dompu": the body is not the topic
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
    return doc.work[start:end], start, end


def _themed(doc: Document, regions: Mentions, orgs: Mentions):
    # Administrative bodies are named after their field ("Dinas Kependudukan dan Catatan
    # Sipil"); that is not a program. Task forces are named after theirs ("Tim Percepatan
    # Penurunan Stunting"), and that is.
    inside_body = sorted(
        (m.start, m.end)
        for m in orgs.items
        if m.text.split()[0].lower() not in ("tim", "satuan", "satgas")
    )
    body_starts = [start for start, _end in inside_body]
    reach = list(itertools.accumulate((end for _start, end in inside_body), max))
    proper = frozenset(m.start for m in (*regions.items, *orgs.items))
    unit_name_end = 0
    for match in lx.NOMINAL_RX.finditer(doc.work):
        if match.group().lower() in ("kelurahan", "kecamatan", "kesempatan", "keterangan"):
            continue
        # Inside a body's name: some body starting at or before it ends after it.
        before = bisect.bisect_right(body_starts, match.start())
        if (before and reach[before - 1] > match.start()) or match.start() < unit_name_end:
            continue
        phrase, start, end = phrase_at(doc, match.start(), proper)
        before = doc.work[max(0, match.start() - 16) : match.start()]
        if match.group()[0].isupper() and _UNIT_BEFORE_RX.search(before):
            unit_name_end = end  # "Kepala Bidang Pemberdayaan Perempuan ...": a unit's name
            continue
        if any(word in phrase.lower() for word in lx.THEME_WORDS) and len(phrase.split()) >= 2:
            yield phrase, start, end


def _named_words(match: re.Match) -> list[str]:
    kept: list[str] = []
    for word in reversed(match[1].split()):
        if word.lower() in lx.PHRASE_STOPS or word.lower() in ("adalah", "sebagai"):
            break
        kept.insert(0, word)
    # An abbreviation begins like the words it stands for: "Desa ... (Destana)", not
    # "Praya (Antara)", a dateline and a news agency.
    while kept and kept[0][:1].lower() != match[2][:1].lower():
        kept.pop(0)
    return kept


def _named_matches(work: str):
    """The matches of _NAMED_RX, found from each "(Abbreviation)" backwards: scanning for the
    words before every position was the slowest step of a whole extraction."""
    last_end = 0
    for abbreviation in _ABBREVIATION_RX.finditer(work):
        window_start = max(last_end, abbreviation.start() - 300)
        match = _NAMED_RX.search(work, window_start, abbreviation.end())
        if match is not None and match.end() == abbreviation.end():
            last_end = match.end()
            yield match


def _named(doc: Document, org_names: list[str]):
    for match in _named_matches(doc.work):
        kept = _named_words(match)
        if len(kept) < 2 or match[2] in lx.KNOWN_ORGS or kept[0].lower() in _NOT_NAMED_FIRST:
            continue
        if any(" ".join(kept) in name for name in org_names):
            continue
        start = doc.work.rfind(kept[0], 0, match.end())
        yield doc.work[start : match.end()], start, match.end()
    for match in _PROGRAM_RX.finditer(doc.work):
        name = match[1].strip()
        if name.split()[0] not in lx.KNOWN_ORGS:
            yield name, match.start(1), match.start(1) + len(name)


# Heads that restate a topic already named ("penurunan angka stunting" after "percepatan
# penurunan stunting"): the work done about it, or the measure of it.
_RESTATING = {
    "penanganan", "penurunan", "pengertian", "pengajuan", "kebutuhan", "pelaksanaan", "angka",
    "prevalensi", "pravelensi", "kasus", "data", "masalah", "persoalan", "upaya", "isu",
    "permasalahan", "tingkat",
}  # fmt: skip


_SYNONYMS = {"pernikahan": {"perkawinan"}, "adminduk": {"administrasi", "kependudukan"}}


def _topic_words(text: str) -> set[str]:
    """The words of a phrase without its parenthesised abbreviation, synonyms made one."""
    words = _norm_words(re.sub(r"\([^)]*\)", " ", text))
    for word in words & _SYNONYMS.keys():
        words = (words - {word}) | _SYNONYMS[word]
    return words


def _restates(programs: list[Program], phrase: str) -> Program | None:
    """The earlier program a short phrase only restates: its words, restating heads aside,
    are all in that program's name."""
    words = _topic_words(phrase) - _RESTATING
    if not words or len(phrase.split()) > 4:
        return None
    return next((p for p in programs if words <= _topic_words(p.name)), None)


def find_programs(
    doc: Document, regions: Mentions, orgs: Mentions, org_names: list[str]
) -> list[Program]:
    candidates = itertools.chain(
        _listed(doc, regions, orgs), _themed(doc, regions, orgs), _named(doc, org_names)
    )
    programs: list[Program] = []
    for phrase, start, end in candidates:
        low = phrase.lower().strip()
        if low in lx.GENERIC_PROGRAMS or len(low) < 4:
            continue
        duplicate = next((p for p in programs if overlaps(p.name, phrase)), None)
        duplicate = duplicate or _restates(programs, phrase)
        if duplicate:
            if [start, end] not in duplicate.spans:
                duplicate.spans.append([start, end])
            continue
        programs.append(Program(phrase, theme_of(low), [[start, end]]))
    return programs
