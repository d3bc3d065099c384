"""Recording a meeting and its parts: the one write path of the meeting form and the text-import
confirm (`extraction.services.confirm`).

Everything goes through the gate (`sinergi.core.writes`): the meeting is checked as stored before
an edit and in scope after the save; follow-ups are checked on their own scope (the responsible
organisation), so a follow-up may be given only to an organisation the user may write for.
Participants and agreements are parts of the meeting and share its scope. `user=None` is the
system itself (the demo, the CLI). The callers run these in one transaction: nothing half-written.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from sinergi.core.permissions import DELETE, VIEW, user_can
from sinergi.core.writes import OutOfScope, create_checked, delete_checked, save_checked
from sinergi.meetings.models import ActionItem, Agreement, Meeting, Participant
from sinergi.programs.models import Program


def meeting_refusal() -> str:
    return _("You may not record meetings for this region.")


def followup_refusal(organization) -> str:
    return _(
        "You may not give a follow-up to %(org)s: it is outside your role's region or "
        "organisation. Make your own organisation responsible."
    ) % {"org": organization}


def create_meeting(user, *, organiser, **fields) -> Meeting:
    """A new meeting through the gate, its organiser recorded as the host."""
    meeting = create_checked(user, Meeting, meeting_refusal(), organiser=organiser, **fields)
    Participant.objects.create(meeting=meeting, organization=organiser, role="host")
    return meeting


def add_participant(meeting: Meeting, organization, person=None, role="participant"):
    """An organisation (and person) at the meeting; one row per organisation and person."""
    participant = Participant.objects.filter(
        meeting=meeting, organization=organization, person=person
    ).first()
    if participant is None:
        return Participant.objects.create(
            meeting=meeting, organization=organization, person=person, role=role
        )
    if participant.role != role:
        participant.role = role
        participant.save(update_fields=["role"])
    return participant


def linkable_programs(user, programs):
    """The programs among `programs` (pks or objects) this user may link (those it may see)."""
    pks = [getattr(program, "pk", program) for program in programs]
    visible = Program.objects.all() if user is None else Program.objects.restrict(user, VIEW)
    return visible.filter(pk__in=pks)


def add_agreement(user, meeting: Meeting, text: str, organizations=(), programs=(), regions=()):
    agreement = Agreement.objects.create(meeting=meeting, text=text)
    set_agreement_links(user, agreement, organizations, programs, regions)
    return agreement


def set_agreement_links(user, agreement: Agreement, organizations, programs, regions) -> None:
    agreement.organizations.set(organizations)
    agreement.programs.set(linkable_programs(user, programs))
    agreement.regions.set(regions)


def add_action_item(user, meeting: Meeting, *, responsible_organization, message=None, **fields):
    """A follow-up through the gate: refused unless the user may write for the responsible
    organisation."""
    return create_checked(
        user,
        ActionItem,
        message or followup_refusal(responsible_organization),
        meeting=meeting,
        responsible_organization=responsible_organization,
        **fields,
    )


@dataclass
class Row:
    """One row of a part of the meeting form: a stored row to change or delete, or a new one.

    `key`: how the caller finds the row again (to show a refusal beside it); `label`: how the
    page names it ("Follow-up 2"), used in refusals."""

    key: object
    label: str
    instance: object = None
    data: dict = field(default_factory=dict)
    delete: bool = False


class RowRefused(OutOfScope):
    """A row the gate refused; `key` names the row, the message names it for people."""

    def __init__(self, row: Row, problem: str):
        self.key = row.key
        super().__init__(_("%(row)s: %(problem)s") % {"row": row.label, "problem": problem})


def _row_saved(user, row: Row, save, message: str | None = None):
    try:
        return save()
    except OutOfScope as refused:
        raise RowRefused(row, message or str(refused)) from refused


def _change(user, row: Row, fields: dict, message: str | None = None):
    obj = row.instance
    for name, value in fields.items():
        setattr(obj, name, value)
    return _row_saved(
        user, row, lambda: save_checked(user, lambda: obj.save() or obj, obj, message)
    )


def _detach_follow_ups(user, row: Row) -> None:
    """Follow-ups of an agreement being deleted stay, without it: changed through the gate (and
    so into their history), which refuses if one of them is not the user's to change."""
    for item in row.instance.action_items.all():
        item.agreement = None
        _row_saved(
            user,
            row,
            lambda item=item: save_checked(
                user, lambda: item.save(update_fields=["agreement"]) or item, item
            ),
            _("its follow-up “%(item)s” is given to %(org)s, which you may not change.")
            % {"item": item, "org": item.responsible_organization},
        )


def _delete(user, row: Row) -> None:
    _row_saved(user, row, lambda: delete_checked(user, row.instance))


@transaction.atomic
def save_meeting(user, meeting: Meeting | None, fields: dict, participants=(), agreements=(),
                 action_items=()) -> Meeting:  # fmt: skip
    """Create (`meeting` None) or change a meeting and its rows, all or nothing.

    `fields`: the meeting's fields. Rows (`Row`): participants {organization, person, role},
    agreements {text, organizations, programs, regions}, follow-ups {what,
    responsible_organization, responsible_person, due_date, status}. A refused row raises
    `RowRefused` naming it, and nothing is written."""
    if meeting is None:
        meeting = create_meeting(user, **fields)
    else:
        for name, value in fields.items():
            setattr(meeting, name, value)
        save_checked(user, lambda: meeting.save() or meeting, meeting, meeting_refusal())
    for row in participants:
        if row.delete:
            _delete(user, row)
        elif row.instance is None:
            _row_saved(user, row, lambda row=row: add_participant(meeting, **row.data))
        else:
            _change(user, row, row.data)
    for row in agreements:
        data = dict(row.data)
        links = [data.pop(name, ()) for name in ("organizations", "programs", "regions")]
        if row.delete:
            _detach_follow_ups(user, row)
            _delete(user, row)
        elif row.instance is None:
            add_agreement(user, meeting, data["text"], *links)
        else:
            set_agreement_links(user, _change(user, row, data), *links)
    for row in action_items:
        organization = row.data.get("responsible_organization")
        if row.delete:
            _delete(user, row)
        elif row.instance is None:
            _row_saved(
                user, row, lambda row=row: add_action_item(user, meeting, **row.data),
                followup_refusal(organization),
            )  # fmt: skip
        else:
            _change(user, row, row.data, followup_refusal(organization))
    return meeting


def undeletable_parts(user, meeting: Meeting) -> int:
    """How many follow-ups of the meeting the user may not delete (the meeting goes with them)."""
    if user is None:
        return 0
    return sum(1 for item in meeting.action_items.all() if not user_can(user, DELETE, item))


@transaction.atomic
def delete_meeting(user, meeting: Meeting) -> None:
    """Delete the meeting with its participants, agreements and follow-ups, if the user may delete
    the meeting and every follow-up of it; otherwise nothing."""
    refused = undeletable_parts(user, meeting)
    if refused:
        raise OutOfScope(
            _(
                "This meeting has %(count)s follow-up(s) given to organisations outside your "
                "role's region or organisation; it can be deleted only by someone who may "
                "delete those too."
            )
            % {"count": refused}
        )
    delete_checked(user, meeting)
