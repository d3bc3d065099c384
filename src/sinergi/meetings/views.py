from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sinergi.core import charts as chart_component
from sinergi.core.forms import bootstrapify
from sinergi.core.models import record_event
from sinergi.core.permissions import CHANGE, DELETE, VIEW, can_add, user_can
from sinergi.core.utils.exports import table_response
from sinergi.core.utils.pdf import pdf_response
from sinergi.core.views import ObjectDetailView, ObjectListView
from sinergi.core.writes import OutOfScope
from sinergi.meetings import charts, forms, pdf, services
from sinergi.meetings.choices import ActionStatusChoices
from sinergi.meetings.filtersets import ActionItemFilterSet, MeetingFilterSet
from sinergi.meetings.models import ActionItem, Meeting, ProgressNote, validate_evidence
from sinergi.meetings.tables import MeetingTable
from sinergi.organizations.models import Organization, Position


class MeetingListView(ObjectListView):
    model = Meeting  # for can_add: the add buttons are offered to roles that may record one
    queryset = Meeting.objects.select_related("organiser")
    filterset_class = MeetingFilterSet
    table_class = MeetingTable
    title = gettext_lazy("Meetings")
    add_url_name = "meetings:meeting_add"
    add_label = gettext_lazy("Record a meeting")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if "add_url" in context:  # offered to the same roles: the other way to record one
            context["extra_links"] = [(reverse("extraction:draft_new"), _("Import from text"))]
        return context


class MeetingDetailView(ObjectDetailView):
    queryset = Meeting.objects.select_related("organiser", "region")
    template_name = "meetings/meeting_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            participants=self.object.participants.restrict(user)
            .select_related("organization", "person")
            .annotate(position=position_title()),
            agreements=self.object.agreements.restrict(user).prefetch_related(
                "organizations", "programs", "regions"
            ),
            action_items=action_items(user).filter(meeting=self.object),
            changeable=changeable(user, self.object.action_items.all()),
            statuses=ActionStatusChoices.choices,
            editable=user_can(user, CHANGE, self.object),
            deletable=user_can(user, DELETE, self.object),
        )
        return context


def position_title():
    """The title a participant's person holds at their organisation (the last recorded)."""
    return Subquery(
        Position.objects.filter(person=OuterRef("person"), organization=OuterRef("organization"))
        .order_by("-pk")
        .values("title")[:1]
    )


def _rows(name: str, formset) -> list[services.Row]:
    """What the service is to write for one part: changed, new and deleted rows (unchanged
    ones are left alone, so a row the user may not change is not touched by saving others)."""
    rows = []
    for index, form in enumerate(formset.forms):
        stored = form.instance.pk is not None
        if form.cleaned_data.get("DELETE"):
            if stored:
                rows.append(
                    services.Row((name, index), formset.row_label(index), form.instance, {}, True)
                )
            continue
        if not form.has_changed():
            continue
        data = {name: form.cleaned_data[name] for name in form._meta.fields}
        rows.append(
            services.Row(
                (name, index), formset.row_label(index), form.instance if stored else None, data
            )
        )
    return rows


@login_required
def meeting_edit(request, pk=None):
    """Record a meeting by hand, or change one: the meeting and its participants, agreements
    and follow-ups on one page, saved at once through `meetings.services.save_meeting`."""
    user = request.user
    meeting = None
    if pk is None:
        if not can_add(user, Meeting):
            raise PermissionDenied(_("Your role does not allow recording meetings."))
    else:
        meeting = get_object_or_404(Meeting.objects.restrict(user, CHANGE), pk=pk)
    data = request.POST.copy() if request.method == "POST" else None
    adding = next((part for part in forms.PARTS if data and f"add-{part}" in data), None)
    form = forms.MeetingForm(data, instance=meeting, user=user, prefix="meeting")
    parts = forms.part_formsets(data, meeting, user)
    if adding:  # "add another row": one more blank row, nothing saved, no errors shown yet
        forms.add_row(data, parts[adding])
        form = forms.MeetingForm(data, instance=meeting, user=user, prefix="meeting")
        parts = forms.part_formsets(data, meeting, user)
        forms.unchecked(form, *parts.values())
    if data and not adding and form.is_valid() and all(p.is_valid() for p in parts.values()):
        fields = {name: form.cleaned_data[name] for name in form._meta.fields}
        try:
            saved = services.save_meeting(
                user,
                meeting,
                fields,
                *(_rows(name, parts[name]) for name in ("participants", "agreements", "followups")),
            )
        except services.RowRefused as refused:
            name, index = refused.key
            parts[name].forms[index].add_error(None, str(refused))
            form.add_error(None, str(refused))
        except (OutOfScope, ValidationError) as refused:
            text = refused.messages if isinstance(refused, ValidationError) else [str(refused)]
            for message in text:
                form.add_error(None, message)
        else:
            messages.success(request, _("Saved: %(object)s") % {"object": saved})
            return redirect(saved)
    if meeting is not None:
        meeting.refresh_from_db()  # the page's title and links show the meeting as stored
    context = {
        "title": _("Edit %(object)s") % {"object": meeting} if meeting else _("Record a meeting"),
        "form": form,
        "parts": [
            (name, parts[name], label)
            for name, label in (
                ("participants", _("Participants")),
                ("agreements", _("Agreements")),
                ("followups", _("Follow-ups")),
            )
        ],
        "adding": adding,
        "cancel_url": meeting.get_absolute_url() if meeting else reverse("meetings:meeting_list"),
        "meeting": meeting,
    }
    return render(request, "meetings/meeting_edit.html", context)


@login_required
def meeting_delete(request, pk):
    """Delete a meeting and its parts after a confirmation page."""
    meeting = get_object_or_404(Meeting.objects.restrict(request.user, DELETE), pk=pk)
    blocked = services.undeletable_parts(request.user, meeting)
    if request.method == "POST" and not blocked:
        try:
            services.delete_meeting(request.user, meeting)
        except OutOfScope as refused:
            messages.error(request, str(refused))
            return redirect(meeting)
        messages.success(request, _("Deleted: %(object)s") % {"object": meeting})
        return redirect("meetings:meeting_list")
    context = {
        "title": _("Delete %(object)s") % {"object": meeting},
        "object": meeting,
        "blocked": blocked,
        "counts": {
            "participants": meeting.participants.count(),
            "agreements": meeting.agreements.count(),
            "followups": meeting.action_items.count(),
        },
    }
    return render(request, "meetings/meeting_delete.html", context)


def action_items(user):
    return (
        ActionItem.objects.restrict(user, VIEW)
        .select_related("meeting", "responsible_organization", "responsible_person")
        .prefetch_related("notes__author")
    )


def changeable(user, items) -> set[int]:
    """Ids of the follow-ups this user may update (the forms are shown only for those)."""
    ids = [item.pk for item in items]
    return set(
        ActionItem.objects.restrict(user, CHANGE).filter(pk__in=ids).values_list("pk", flat=True)
    )


def openable_meetings(user, items) -> set[int]:
    """Ids of the meetings of these follow-ups that `user` may open: only those are named."""
    ids = {item.meeting_id for item in items}
    return set(Meeting.objects.restrict(user, VIEW).filter(pk__in=ids).values_list("pk", flat=True))


def followups(request):
    """The follow-up board: every follow-up in scope by status, overdue ones marked."""
    filterset = ActionItemFilterSet(
        request.GET or None, queryset=action_items(request.user), request=request
    )
    valid = not filterset.is_bound or filterset.is_valid()  # an unknown name: say so, list none
    bootstrapify(filterset.form)
    items = list(filterset.qs) if valid else []
    openable = openable_meetings(request.user, items)
    board_charts = chart_component.attach(request, [charts.followups_chart(items)])
    response = chart_component.csv_response(request, board_charts)
    if response is not None:
        return response
    file_format = request.GET.get("export")
    if file_format in ("csv", "xlsx"):
        record_event("export", request.user, f"tindak-lanjut.{file_format}: {len(items)} rows")
        return table_response(
            "tindak-lanjut",
            [_("Follow-up"), _("Organisation"), _("Person"), _("Due date"), _("Status"),
             _("Overdue"), _("Meeting"), _("Date")],
            [[item.what, str(item.responsible_organization), str(item.responsible_person or ""),
              item.due_date, item.get_status_display(), _("yes") if item.is_overdue else "",
              *((item.meeting.title, item.meeting.date) if item.meeting_id in openable
                else (_("a meeting outside your role's regions"), ""))] for item in items],
            file_format,
        )  # fmt: skip
    columns = [
        (value, label, [item for item in items if item.status == value])
        for value, label in ActionStatusChoices.choices
    ]
    context = {
        "title": _("Follow-ups"),
        "filter": filterset,
        "columns": columns,
        "overdue_count": sum(1 for item in items if item.is_overdue),
        "changeable": changeable(request.user, items),
        "openable": openable,
        "statuses": ActionStatusChoices.choices,
        "charts": [chart for chart in board_charts if not chart.empty],
    }
    return render(request, "meetings/followups.html", context)


@login_required
def evidence(request, pk):
    """An evidence file, to those who may see its follow-up (files are never served directly)."""
    note = get_object_or_404(
        ProgressNote.objects.restrict(request.user, VIEW).exclude(evidence=""), pk=pk
    )
    try:
        handle = note.evidence.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(handle, as_attachment=True, filename=note.evidence.name.rsplit("/", 1)[-1])


@login_required
def meeting_pdf(request, pk):
    """The printable minutes (notulen) of a meeting."""
    meeting = get_object_or_404(
        Meeting.objects.restrict(request.user, VIEW).select_related("organiser", "region"), pk=pk
    )
    data = pdf.minutes(
        meeting,
        meeting.participants.restrict(request.user).select_related("organization", "person"),
        meeting.agreements.restrict(request.user).prefetch_related("organizations", "regions"),
        action_items(request.user).filter(meeting=meeting),
    )
    record_event("export", request.user, f"notulen {meeting}", meeting=meeting.pk)
    return pdf_response(data, f"notulen-{meeting.date:%Y-%m-%d}-{meeting.pk}.pdf")


@login_required
def followup_report(request, slug):
    """One organisation's follow-ups, overdue ones first, as a PDF report."""
    organization = get_object_or_404(Organization.objects.restrict(request.user, VIEW), slug=slug)
    items = list(action_items(request.user).filter(responsible_organization=organization))
    data = pdf.followup_report(organization, items, openable_meetings(request.user, items))
    record_event("export", request.user, f"laporan tindak lanjut {organization}")
    return pdf_response(data, f"tindak-lanjut-{organization.slug}.pdf")


@require_POST
@login_required
def action_update(request, pk):
    """Change a follow-up's status and add a dated progress note, in one step."""
    item = get_object_or_404(ActionItem.objects.restrict(request.user, CHANGE), pk=pk)
    status = request.POST.get("status", item.status)
    note = request.POST.get("note", "").strip()
    evidence = request.FILES.get("evidence")
    if status not in ActionStatusChoices.values:
        messages.error(request, _("Choose a status from the list."))
        return redirect(item)
    if evidence:
        try:
            validate_evidence(evidence)
        except ValidationError as error:
            messages.error(request, _("Evidence %(name)s: %(problem)s") % {
                "name": evidence.name, "problem": " ".join(error.messages)})  # fmt: skip
            return redirect(next_url(request, item))
    with transaction.atomic():
        if status != item.status:
            item.status = status
            item.save(update_fields=["status"])
        if note or evidence:
            ProgressNote.objects.create(
                action_item=item, text=note, author=request.user, evidence=evidence or ""
            )
    if user_can(request.user, VIEW, item):
        messages.success(request, _("Follow-up updated."))
    return redirect(next_url(request, item))


def next_url(request, item) -> str:
    """Where to go after an update: the posted `next` if it is a path of this site, else the
    follow-up's meeting."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ) and target.startswith("/"):
        return target
    return item.get_absolute_url()
