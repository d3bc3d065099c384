"""Printable PDFs of meetings: the minutes (notulen) and an organisation's follow-up report."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from sinergi.core.utils.pdf import Document


def _item_lines(item) -> str:
    parts = [item.get_status_display()]
    if item.due_date:
        due = _("due %(date)s") % {"date": date_format(item.due_date, "j F Y")}
        parts.append(due + (" - " + _("overdue") if item.is_overdue else ""))
    return " | ".join(parts)


def minutes(meeting, participants, agreements, action_items) -> bytes:
    doc = Document(_("Minutes: %(title)s") % {"title": meeting.title})
    doc.heading(_("MINUTES OF THE MEETING"), 12)
    doc.heading(meeting.title)
    doc.field(_("Date"), date_format(meeting.date, "l, j F Y"))
    doc.field(_("Place"), meeting.place)
    doc.field(_("Organiser"), meeting.organiser)
    doc.field(_("Region"), meeting.region)
    if meeting.source_url:
        doc.field(_("Source"), meeting.source_url)
    doc.section(_("Participants"))
    for number, participant in enumerate(participants, 1):
        person = f" - {participant.person.display_name}" if participant.person_id else ""
        role = participant.get_role_display()
        doc.paragraph(f"{number}. {participant.organization}{person} ({role})")
    if meeting.summary:
        doc.section(_("Summary"))
        doc.paragraph(meeting.summary)
    doc.section(_("Agreements"))
    agreements = list(agreements)
    for number, agreement in enumerate(agreements, 1):
        doc.paragraph(f"{number}. {agreement.text}")
        concerned = [o.short_name for o in agreement.organizations.all()]
        concerned += [str(r) for r in agreement.regions.all()]
        if concerned:
            doc.paragraph(", ".join(concerned), indent=5, size=8.5, style="I")
    if not agreements:
        doc.paragraph(_("No agreements recorded."))
    doc.section(_("Follow-ups"))
    items = list(action_items)
    for number, item in enumerate(items, 1):
        who = str(item.responsible_organization)
        if item.responsible_person_id:
            who += f" ({item.responsible_person})"
        doc.paragraph(f"{number}. {item.what}")
        doc.paragraph(f"{who} | {_item_lines(item)}", indent=5, size=8.5, style="I")
    if not items:
        doc.paragraph(_("No follow-ups recorded."))
    return bytes(doc.output())


def followup_report(organization, items, openable: set[int]) -> bytes:
    """The follow-ups of an organisation; only the meetings in `openable` (ids) are named."""
    doc = Document(_("Follow-ups of %(organization)s") % {"organization": organization})
    doc.heading(_("FOLLOW-UP REPORT"), 12)
    doc.heading(str(organization))
    today = timezone.localdate()
    overdue = [item for item in items if item.is_overdue]
    doc.field(_("Date"), date_format(today, "j F Y"))
    doc.field(_("Follow-ups"), len(items))
    doc.field(_("Overdue"), len(overdue))
    by_status: dict[str, list] = {}
    for item in sorted(items, key=lambda i: (not i.is_overdue, i.due_date or today, i.pk)):
        by_status.setdefault(item.get_status_display(), []).append(item)
    for status, group in by_status.items():
        doc.section(f"{status} ({len(group)})")
        for item in group:
            doc.paragraph(item.what, style="B" if item.is_overdue else "")
            meeting = (
                f"{item.meeting.title} ({date_format(item.meeting.date, 'j M Y')})"
                if item.meeting_id in openable
                else _("a meeting outside your role's regions")
            )
            doc.paragraph(f"{meeting} | {_item_lines(item)}", indent=5, size=8.5, style="I")
            notes = list(item.notes.all())
            if notes:
                latest = notes[0]
                doc.paragraph(
                    _("Latest note %(date)s: %(text)s")
                    % {"date": date_format(latest.date, "j M Y"), "text": latest.text or "-"},
                    indent=5,
                    size=8.5,
                )
    if not items:
        doc.paragraph(_("No follow-ups recorded."))
    return bytes(doc.output())
