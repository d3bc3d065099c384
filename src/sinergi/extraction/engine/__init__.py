"""Read an Indonesian press release or meeting minutes and propose a structured draft.

Rules, not a trained model: the genre is regular (position, organisation, region and name in a
fixed order; Indonesian number and date formats; agency acronyms), and rules explain themselves
through the character spans of their evidence. Pure Python, no database: the region names come
from the shipped file.

One module per finder, each a function of the document and the earlier results, returning typed
mentions: document (tokens) → dates → regions → organisations → people → quantities → programs →
meeting and agreements → their follow-ups (responsible body, due date). `extract(text)` returns
the JSON contract of `sinergi ingest --json`; agreements carry `responsible`, `due_date` and
`due_text` in addition (null when the text gives none).
"""

from .dates import find_dates
from .document import TOKEN_RX as _TOKEN_RX
from .document import Document, TooSlow
from .followups import add_followups
from .meeting import assign_roles, find_agreements, find_meeting
from .organisations import find_organizations, organisation_entities
from .people import find_people
from .programs import find_programs
from .quantities import find_quantities
from .quantities import parse_words as _parse_words
from .regions import find_regions, region_entities

__all__ = ["TooSlow", "extract", "_TOKEN_RX", "_parse_words"]


def _person_dict(person, org_name: dict) -> dict:
    return {
        "name": person.name,
        "honorific": person.honorific,
        "degrees": person.degrees,
        "position": person.position,
        "organization": org_name.get(id(person.organization)) if person.organization else None,
        "spans": person.spans,
    }


def extract(text: str, seconds: float | None = None) -> dict:
    """The draft of one text, as the JSON contract of `sinergi ingest --json`; TooSlow when it
    takes more than `seconds`."""
    doc = Document(text, seconds)
    dates = find_dates(doc)
    regions = find_regions(doc)
    orgs = find_organizations(doc, regions)
    organisations = organisation_entities(orgs)
    people = find_people(doc, regions, orgs)
    doc.in_time()
    quantities = find_quantities(doc, dates)
    doc.in_time()
    programs = find_programs(doc, regions, orgs, [o.name for o in organisations])
    doc.in_time()
    assign_roles(doc, regions, orgs)
    meeting = find_meeting(doc, dates, regions)  # may mark the venue among the regions
    org_name = {id(m): o.name for o in organisations for m in o.mentions}
    agreements = find_agreements(doc)
    add_followups(
        doc, agreements, orgs, org_name, dates, meeting.date.year if meeting.date else None
    )
    return {
        "meeting": meeting.as_dict(),
        "organizations": [o.as_dict() for o in organisations],
        "people": [_person_dict(p, org_name) for p in people],
        "regions": region_entities(regions),
        "quantities": [q.as_dict() for q in quantities],
        "programs": [p.as_dict() for p in programs],
        "agreements": [a.as_dict() for a in agreements],
    }
