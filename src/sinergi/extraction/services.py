"""From a text to a reviewed record: analyse, save a draft, confirm.

`analyse` runs the extraction and matches what it found to the database (organisations, people,
indicators). `save_draft` keeps the result for review. `confirm` turns the reviewed draft into a
meeting with its participants, agreements and follow-ups, and confirmed targets and achievements
into indicator data whose provenance is the meeting: all in one transaction, through the gate.
"""

import contextlib
import re
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from sinergi.core.models import record_event
from sinergi.core.writes import create_checked, save_checked
from sinergi.extraction.engine import TooSlow, extract
from sinergi.extraction.lexicon import HOME_PROVINCE
from sinergi.extraction.models import IngestDraft
from sinergi.extraction.readers import UnreadableFile
from sinergi.indicators import aggregates
from sinergi.indicators.models import Indicator, Target
from sinergi.indicators.services import ValueChange, ValueErrors, save_values
from sinergi.meetings.models import Meeting, Participant
from sinergi.meetings.services import (
    add_action_item,
    add_agreement,
    add_participant,
    create_meeting,
)
from sinergi.organizations.models import Organization, Person, Position
from sinergi.programs.models import Program
from sinergi.regions.models import Region

_WORD = re.compile(r"[a-z0-9]+")
_STOP = {"dan", "yang", "di", "per", "program", "dalam", "untuk", "se", "ke", "dari"}


def _words(text: str) -> set[str]:
    return set(_WORD.findall((text or "").lower()))


def _norm(text: str | None) -> str:
    return " ".join(_WORD.findall((text or "").lower()))


def analyse(text: str, seconds: float | None = None) -> dict:
    """The extraction of `text`, with organisations, people and indicators matched to the
    database where it has them (extraction itself needs no database); UnreadableFile when the
    extraction takes more than `seconds`."""
    try:
        result = extract(text, seconds)
    except TooSlow as error:
        raise UnreadableFile(
            _("Reading this text took longer than %(seconds)s seconds; split it into shorter "
              "texts (one meeting each).") % {"seconds": seconds}
        ) from error  # fmt: skip
    # Without a migrated database (scoring a folder of texts, say) nothing is matched.
    with contextlib.suppress(DatabaseError):
        match_records(result, text)
    return result


def match_records(result: dict, text: str) -> None:
    organizations = list(
        Organization.objects.values_list("pk", "name", "acronym", "aliases", "home_region_id")
    )
    forms: dict[str, list[tuple[int, str]]] = {}
    for pk, name, acronym, aliases, home in organizations:
        for form in {name, acronym, *(aliases or [])}:
            if form:
                forms.setdefault(_norm(form), []).append((pk, home))
    for org in result["organizations"]:
        candidates = forms.get(_norm(org["name"]), []) or forms.get(_norm(org["acronym"]), [])
        region = org.get("region")
        if region:
            candidates = [c for c in candidates if c[1] == region] or (
                [] if forms.get(_norm(org["name"])) is None else candidates
            )
        else:
            # Without a region the body is the province's (the texts are the province's).
            candidates = sorted(candidates, key=lambda c: (c[1] != HOME_PROVINCE, len(c[1])))
        org["matched_id"] = candidates[0][0] if candidates else None
    people = {_norm(name): pk for pk, name in Person.objects.values_list("pk", "name")}
    for person in result["people"]:
        person["matched_id"] = people.get(_norm(person["name"]))
    year = (result["meeting"].get("date") or "")[:4]
    programs = list(Program.objects.values_list("pk", "name", "fiscal_year"))
    themed: dict[str, set[int]] = {}
    for pk, code in Program.themes.through.objects.values_list("program_id", "theme__code"):
        themed.setdefault(code, set()).add(pk)
    for program in result["programs"]:
        words = _words(program["name"]) - _STOP
        best, best_score = None, 0.0
        for pk, name, fiscal_year in programs:
            other = _words(name) - _STOP
            score = len(words & other) / len(words | other) if words and other else 0.0
            score += 0.3 if pk in themed.get(program.get("theme") or "", ()) else 0.0
            score += 0.1 if str(fiscal_year) == year else 0.0
            if score > best_score:
                best, best_score = pk, score
        program["matched_id"] = best if best_score >= 0.5 else None
    indicators = list(Indicator.objects.values_list("pk", "code", "name"))
    for quantity in result["quantities"]:
        quantity["indicator_id"] = None
        if quantity["meaning"] not in ("target", "achievement", "count"):
            continue
        start = quantity["spans"][0][0]
        sentence_start = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
        sentence_end = min(
            (i for i in (text.find(". ", start), text.find("\n", start)) if i >= 0),
            default=len(text),
        )
        context = _words(text[sentence_start:sentence_end]) | _words(quantity["unit"])
        best, best_score = None, 0.0
        for pk, _code, name in indicators:
            words = _words(name) - {"dan", "yang", "di", "per"}
            score = len(words & context) / len(words) if words else 0
            if score > best_score:
                best, best_score = pk, score
        if best_score >= 0.5:
            quantity["indicator_id"] = best


def _mentions(words: set[str], text: str, share: float) -> bool:
    found = _words(text)
    return bool(words) and len(words & found) >= max(1, len(words) * share)


REGION_PREFIX_WORDS = {"kabupaten", "kota", "provinsi", "kecamatan", "desa", "kelurahan"}


def agreement_links(text: str, regions: list[dict], programs: list[tuple[str, int]]):
    """The regions an agreement names (every word of the name, prefix aside) and the linked
    programs it speaks of (half their words) — all linked programs when it names none.
    `regions`: the extraction's; `programs`: [(topic in the text, program pk)]."""
    codes = [
        r["code"] for r in regions if _mentions(_words(r["name"]) - REGION_PREFIX_WORDS, text, 1)
    ]
    spoken = [pk for topic, pk in programs if _mentions(_words(topic) - _STOP, text, 0.5)]
    return codes, spoken or [pk for _topic, pk in programs]


def default_region(result: dict) -> str:
    """The region a text is about: its first province or regency, else the home province."""
    for level in ("province", "regency"):
        for region in result["regions"]:
            if region["level"] == level and region["role"] in ("focus", "jurisdiction"):
                return region["code"]
    return HOME_PROVINCE


@transaction.atomic
def save_draft(text: str, user=None, *, region: str | None = None, source_url: str = "",
               file_name: str = "", result: dict | None = None,
               seconds: float | None = None) -> IngestDraft:  # fmt: skip
    result = result if result is not None else analyse(text, seconds)
    return create_checked(
        user,
        IngestDraft,
        _("You may not import texts for this region."),
        title=(result["meeting"]["topic"] or "")[:300],
        text=text,
        source_url=source_url,
        file_name=file_name,
        result=result,
        region_id=region or default_region(result),
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )


@dataclass
class Review:
    """What the reviewer decided, item by item (the page's forms or the demo's code)."""

    title: str
    date: date
    region: str
    organiser: int
    place: str = ""
    summary: str = ""
    source_url: str = ""
    # [{"id": existing pk or None, "name", "acronym", "region"}]; index = position in this list
    organizations: list[dict] = field(default_factory=list)
    # [{"name", "honorific", "degrees", "position", "organization": index or None}]
    people: list[dict] = field(default_factory=list)
    # [{"indicator": pk, "meaning": "target"|"achievement", "value", "region", "period"}]
    quantities: list[dict] = field(default_factory=list)
    # [{"text", "organizations": [index], "regions": [code], "programs": [pk],
    #   "responsible": index or None, "person": name or None, "what": str, "due_date": date}]
    agreements: list[dict] = field(default_factory=list)


@transaction.atomic
def confirm(draft: IngestDraft, review: Review, user=None) -> Meeting:
    """Create the meeting and everything the reviewer kept; all or nothing."""
    if draft.status != "draft":
        raise ValidationError(_("This text import was already confirmed or discarded."))
    orgs = [_organization(entry, review, user) for entry in review.organizations]
    organiser = Organization.objects.get(pk=review.organiser)
    # Through the gate (core.writes): the meeting, new organisations, positions, follow-ups and
    # targets; participants and agreements are parts of the meeting and share its scope.
    meeting = create_meeting(
        user,
        title=review.title[:300],
        date=review.date,
        place=review.place[:200],
        organiser=organiser,
        region_id=review.region,
        summary=review.summary,
        source_url=review.source_url,
        source_text=draft.text,
    )
    present = {organiser.pk: None}
    for org in orgs:
        if org.pk not in present:
            add_participant(meeting, org)
            present[org.pk] = None
    for entry in review.people:
        org = orgs[entry["organization"]] if entry.get("organization") is not None else None
        person = Person.objects.filter(name=entry["name"]).first()
        if person is None:
            person = Person.objects.create(
                name=entry["name"],
                honorific=entry.get("honorific") or "",
                degrees=entry.get("degrees") or "",
            )
        if org is None:
            continue
        title = _title_within(entry.get("position") or "", org)[:150]
        # A title not yet on record for this person here (new, or corrected on the review page)
        # is recorded, so the meeting page shows what the reviewer confirmed.
        if (
            title
            and not Position.objects.filter(person=person, organization=org, title=title).exists()
        ):
            create_checked(
                user,
                Position,
                _("You may not record a position at %(org)s: it is outside your role's region "
                  "or organisation.") % {"org": org},
                person=person,
                organization=org,
                title=title,
                start_date=None,
                source=review.source_url or meeting.title[:500],
            )  # fmt: skip
        participant = Participant.objects.filter(
            meeting=meeting, organization=org, person__isnull=True
        ).first()
        if participant:
            participant.person = person
            participant.role = "speaker" if participant.role == "participant" else participant.role
            participant.save(update_fields=["person", "role"])
        elif not Participant.objects.filter(meeting=meeting, organization=org, person=person):
            add_participant(meeting, org, person, role="speaker")
    for entry in review.agreements:
        # user None: the system itself (demo, CLI), which may link any program.
        agreement = add_agreement(
            user,
            meeting,
            entry["text"],
            organizations=[orgs[i] for i in entry.get("organizations", [])],
            programs=entry.get("programs", []),
            regions=Region.objects.filter(code__in=entry.get("regions", [])),
        )
        if entry.get("responsible") is not None:
            person = entry.get("person")
            responsible = orgs[entry["responsible"]]
            add_action_item(
                user,
                meeting,
                agreement=agreement,
                what=entry.get("what") or entry["text"],
                responsible_organization=responsible,
                responsible_person=Person.objects.filter(name=person).first() if person else None,
                due_date=entry.get("due_date"),
            )
    source = (review.source_url or meeting.get_absolute_url())[:500]
    quantities = [entry["indicator"] for entry in review.quantities]
    aggregates.lock_for_writing(Indicator.objects.filter(pk__in=quantities))
    for entry in review.quantities:
        _record_quantity(entry, user, source, meeting)
    draft.status = "confirmed"
    draft.meeting = meeting
    save_checked(user, lambda: draft.save(update_fields=["status", "meeting"]) or draft, draft)
    record_event(
        "import",
        user,
        _("Text import confirmed: %(title)s") % {"title": meeting.title},
        meeting=meeting.pk,
        draft=draft.pk,
    )
    return meeting


def _title_within(position: str, org: Organization) -> str:
    """ "Kepala Pelaksana BPBD Provinsi NTB" at BPBD is "Kepala Pelaksana"."""
    for form in (org.acronym, org.name, *(org.aliases or [])):
        if form and (at := position.find(form)) > 0:
            return position[:at].strip(" ,")
    return position


def _organization(entry: dict, review: Review, user) -> Organization:
    known = Organization.objects.all() if user is None else Organization.objects.restrict(user)
    if entry.get("id"):
        org = known.filter(pk=entry["id"]).first()
        if org is None:
            raise PermissionDenied(_("An organisation of this text is outside what you may see."))
        return org
    name = entry["name"].strip()
    existing = known.filter(name=name).first()
    if existing:
        return existing
    base = slugify(name)[:90] or "organisasi"
    slug, n = base, 1
    while Organization.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return create_checked(
        user,
        Organization,
        _("You may not add the organisation %(name)s in this region.") % {"name": name},
        name=name[:200],
        acronym=(entry.get("acronym") or "")[:50],
        slug=slug,
        org_type="other",
        home_region_id=entry.get("region") or review.region,
    )


def _record_quantity(entry: dict, user, source: str, meeting: Meeting) -> None:
    indicator = Indicator.objects.get(pk=entry["indicator"])
    period = str(entry["period"])
    if entry["meaning"] == "target":
        target = Target.objects.filter(
            indicator=indicator, region_id=entry["region"], period=period, kind="target"
        ).first()
        if target is None:
            target = Target(indicator=indicator, region_id=entry["region"], period=period)
        target.value = entry["value"]
        target.source = source
        save_checked(
            user,
            lambda: target.save() or target,
            target,
            _("Only an administrator may set targets (%(indicator)s).")
            % {"indicator": indicator.name},
        )
        return
    try:
        save_values(
            indicator,
            period,
            [ValueChange(region=entry["region"], value=entry["value"])],
            user=user,
            source_kind="meeting",
            source=source,
        )
    except ValueErrors as errors:
        raise ValidationError(
            _("%(indicator)s, %(region)s %(period)s: %(problems)s")
            % {
                "indicator": indicator.name,
                "region": entry["region"],
                "period": period,
                "problems": "; ".join(errors.errors.values()),
            }
        ) from errors
