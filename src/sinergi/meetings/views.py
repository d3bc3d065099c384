from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sinergi.core.forms import bootstrapify
from sinergi.core.permissions import CHANGE, VIEW, user_can
from sinergi.core.views import ObjectDetailView, ObjectListView
from sinergi.meetings.choices import ActionStatusChoices
from sinergi.meetings.filtersets import ActionItemFilterSet, MeetingFilterSet
from sinergi.meetings.models import ActionItem, Meeting, ProgressNote
from sinergi.meetings.tables import MeetingTable


class MeetingListView(ObjectListView):
    queryset = Meeting.objects.select_related("organiser")
    filterset_class = MeetingFilterSet
    table_class = MeetingTable
    title = gettext_lazy("Meetings")
    add_url_name = "extraction:draft_new"
    add_label = gettext_lazy("Import from text")


class MeetingDetailView(ObjectDetailView):
    queryset = Meeting.objects.select_related("organiser", "region")
    template_name = "meetings/meeting_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            participants=self.object.participants.restrict(user).select_related(
                "organization", "person"
            ),
            agreements=self.object.agreements.restrict(user).prefetch_related(
                "organizations", "programs", "regions"
            ),
            action_items=action_items(user).filter(meeting=self.object),
            changeable=changeable(user, self.object.action_items.all()),
            statuses=ActionStatusChoices.choices,
        )
        return context


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


def followups(request):
    """The follow-up board: every follow-up in scope by status, overdue ones marked."""
    filterset = ActionItemFilterSet(request.GET or None, queryset=action_items(request.user))
    bootstrapify(filterset.form)
    items = list(filterset.qs)
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
        "statuses": ActionStatusChoices.choices,
    }
    return render(request, "meetings/followups.html", context)


@require_POST
@login_required
def action_update(request, pk):
    """Change a follow-up's status and add a dated progress note, in one step."""
    item = get_object_or_404(ActionItem.objects.restrict(request.user, CHANGE), pk=pk)
    status = request.POST.get("status", item.status)
    note = request.POST.get("note", "").strip()
    if status not in ActionStatusChoices.values:
        messages.error(request, _("Choose a status from the list."))
        return redirect(item)
    with transaction.atomic():
        if status != item.status:
            item.status = status
            item.save(update_fields=["status"])
        if note:
            ProgressNote.objects.create(action_item=item, text=note, author=request.user)
    if user_can(request.user, VIEW, item):
        messages.success(request, _("Follow-up updated."))
    return redirect(request.POST.get("next") or item.get_absolute_url())
