"""Agreements and the meeting: its decisions and next steps, place, topic, and the role each
region plays in it (focus, venue, jurisdiction of an office, dateline)."""

import re
from dataclasses import dataclass

from .. import lexicon as lx
from .dates import Dates, meeting_date
from .document import Document, Mentions, ends_title

_STRONG_RX = re.compile(
    r"\b(?:sepakat|menyepakati|disepakati|kesepakatan|diminta|meminta|minta|"
    r"menginstruksikan|tindak lanjut|dirancang|rancang|wajib|harus|akan)\b",
    re.IGNORECASE,
)
_HEADING_RX = re.compile(
    r"^\s*(?:kesepakatan|keputusan|hasil rapat|rencana tindak lanjut|tindak lanjut|"
    r"rekomendasi|kesimpulan)\b[^\n]{0,40}:?\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_OTHER_HEADING_RX = re.compile(r"^\s*[A-Z][\w /]{2,40}:\s*$")
_PLACE_LABEL_RX = re.compile(
    r"^\s*(?:tempat|lokasi|tempat rapat)\s*:\s*([^\n,;]+)", re.IGNORECASE | re.MULTILINE
)
_AT_PLACE_RX = re.compile(r"\bdi\s+(" + lx.PLACE_HEADS_RX.pattern + r")", re.IGNORECASE)


@dataclass(slots=True)
class Agreement:
    text: str
    start: int
    end: int
    responsible: str | None = None  # the name of the body the agreement gives the work to
    due_date: str | None = None  # ISO
    due_text: str | None = None  # as written: "paling lambat akhir Maret"

    def as_dict(self) -> dict:
        return {
            "text": self.text,
            "spans": [[self.start, self.end]],
            "responsible": self.responsible,
            "due_date": self.due_date,
            "due_text": self.due_text,
        }


@dataclass(slots=True)
class Meeting:
    date: object | None  # datetime.date
    date_span: tuple[int, int] | None
    place: str | None
    place_span: tuple[int, int] | None
    topic: str

    def as_dict(self) -> dict:
        return {
            "date": self.date.isoformat() if self.date else None,
            "place": self.place,
            "topic": self.topic,
            "spans": {
                "date": [list(self.date_span)] if self.date_span else [],
                "place": [list(self.place_span)] if self.place_span else [],
            },
        }


def _section_lines(doc: Document, match: re.Match):
    position = match.end()
    for line in doc.work[match.end() :].split("\n")[1:]:
        start = doc.work.index(line, position) if line else position
        position = start + len(line)
        yield line, start


def _agreement_sections(doc: Document) -> list[Agreement]:
    """Minutes list their decisions under a heading: "Kesepakatan:", "Tindak lanjut:"."""
    agreements: list[Agreement] = []
    for match in _HEADING_RX.finditer(doc.work):
        for line, start in _section_lines(doc, match):
            if not line.strip():
                if agreements:
                    break
                continue
            if _OTHER_HEADING_RX.match(line):
                break
            item = re.match(r"\s*(?:\d+[.)]|[-•*])?\s*", line)
            text = line[item.end() :].strip()
            if len(text) >= 10:
                begin = start + item.end()
                agreements.append(Agreement(text, begin, begin + len(text)))
    return agreements


def find_agreements(doc: Document) -> list[Agreement]:
    agreements = _agreement_sections(doc)
    if agreements:
        return agreements
    for sentence, start in doc.sentences():
        if not lx.AGREEMENT_CUES_RX.search(sentence) or len(sentence) < 30:
            continue
        if not _STRONG_RX.search(sentence):
            continue
        clean = sentence.strip(" \"'")
        offset = start + sentence.find(clean)
        agreements.append(Agreement(clean, offset, offset + len(clean)))
    return agreements


def _place_words(doc: Document, start: int) -> int | None:
    """The end of the place's name that starts at `start` ("Aula Kantor Wali Kota Bima")."""
    end = None
    for word in re.finditer(r"[\w/\-.]+|[^\w\s]", doc.work[start : start + 100]):
        text = word.group().rstrip(".")
        low = text.lower()
        if not re.match(r"\w", text) or low in lx.PHRASE_STOPS:
            break
        if low in lx.WEEKDAYS or low in lx.MONTHS:
            break
        end = start + word.start() + len(text)
        if word.group().endswith("."):
            break
    return end


def meeting_place(doc: Document, regions: Mentions) -> tuple[str, int, int] | None:
    """A "Tempat:" line, a building after "di", else a prefixed region after "di" (the venue)."""
    label = _PLACE_LABEL_RX.search(doc.work)
    if label:  # minutes: "Tempat: Pendopo Gubernur NTB"
        value = label[1].strip()
        return value, label.start(1), label.start(1) + len(value)
    for match in _AT_PLACE_RX.finditer(doc.work):
        start = match.start(1)
        end = _place_words(doc, start)
        if end is not None:
            return doc.work[start:end], start, end
    for mention in regions.items:  # "... di Desa Sembalun Lawang": the village is the venue
        before = doc.work[max(0, mention.start - 200) : mention.start]  # not all of it
        if mention.prefixed and re.search(r"\bdi\s+$", before):
            mention.role = "venue"
            return doc.work[mention.start : mention.end], mention.start, mention.end
    return None


def _phrase_until_clause(doc: Document, start: int) -> str:
    match = re.match(r"[^,.;:\n]{0,200}", doc.work[start:])
    text = match.group() if match else ""
    cut = re.search(r"\s(?:bertempat|yang|pada|di)\s", text)
    return text[: cut.start()] if cut else text


def meeting_topic(doc: Document) -> str:
    lines = [line.strip() for line in doc.work.strip().split("\n") if line.strip()]
    if len(lines) > 1 and re.match(r"notulen|notulensi|risalah", lines[0], re.IGNORECASE):
        return lines[1][:200]  # minutes: the line under the heading names the meeting
    topic = re.search(r"^(.{10,200}?),?\s+menjadi topik", doc.work, re.MULTILINE)
    if topic:
        return topic.group(1).strip()
    event = lx.EVENT_WORDS_RX.search(doc.work)
    if event:
        start = event.start()
        end = start + len(_phrase_until_clause(doc, start))
        return doc.work[start:end].strip()
    first, _ = next(doc.sentences(), ("", 0))
    return first.strip()[:200]


def assign_roles(doc: Document, regions: Mentions, orgs: Mentions) -> None:
    """Each region mention's role: dateline, an office's jurisdiction, venue, or focus."""
    for mention in regions.items:
        previous = doc.tok(mention.first - 1)
        if mention.first <= 1 and re.match(r"\s*[,(\-]", doc.work[mention.end :]):
            mention.role = "dateline"
        elif mention.first - 1 in orgs.at:
            mention.role = "jurisdiction"
        elif lx.PLACE_HEADS_RX.search(doc.work[max(0, mention.start - 30) : mention.start]):
            mention.role = "venue"
        elif previous is not None and ends_title(previous):
            mention.role = "jurisdiction"


def find_meeting(doc: Document, dates: Dates, regions: Mentions) -> Meeting:
    when = meeting_date(dates)
    place = meeting_place(doc, regions)
    return Meeting(
        when.when if when else None,
        (when.start, when.end) if when else None,
        place[0] if place else None,
        (place[1], place[2]) if place else None,
        meeting_topic(doc),
    )
