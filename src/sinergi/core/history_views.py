from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sinergi.core import history
from sinergi.core.models import AuditEvent, AuditEventKindChoices, record_event
from sinergi.core.permissions import VIEW, is_admin


def tracked_model(label: str):
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError) as exc:
        raise Http404(_("Unknown record type.")) from exc
    if model not in history.tracked_models():
        raise Http404(_("Unknown record type."))
    return model


def valid_pk(model, pk: str):
    """The id from the URL as the model's key type; 404 for one that cannot be a key."""
    try:
        return model._meta.pk.to_python(pk)
    except ValidationError as exc:
        raise Http404(_("No such record.")) from exc


@login_required
def object_history(request, label, pk):
    """The "Riwayat" tab: every version of one record the user may see."""
    model = tracked_model(label)
    obj = get_object_or_404(model.objects.restrict(request.user, VIEW), pk=valid_pk(model, pk))
    context = {
        "title": _("History: %(object)s") % {"object": obj},
        "object": obj,
        "label": label,
        "changes": history.changes_of(obj),
        "can_restore": is_admin(request.user),
    }
    return render(request, "core/history.html", context)


@require_POST
@login_required
def restore_version(request, label, pk, history_id):
    if not is_admin(request.user):
        raise PermissionDenied(_("Only an administrator can restore an earlier version."))
    model = tracked_model(label)
    record = get_object_or_404(model.history.model, history_id=history_id, id=valid_pk(model, pk))
    obj = history.restore(record)
    record_event("restore", request.user, f"{label} {pk} ← {history_id}", request=request)
    messages.success(
        request, _("Restored the version of %(date)s.") % {"date": record.history_date}
    )
    return redirect("core:object_history", label=label, pk=obj.pk)


@login_required
def audit_log(request):
    """Everything that changed, and the semantic events, for administrators."""
    if not is_admin(request.user):
        raise PermissionDenied(_("Only an administrator can read the audit log."))
    model = request.GET.get("model") or None
    username = request.GET.get("user") or None
    try:
        since = parse_date(request.GET.get("since") or "") or None
    except ValueError:  # well formed but no such day (2026-13-45)
        since = None
        messages.error(request, _("The date %(date)s does not exist; use YYYY-MM-DD.") % {
            "date": request.GET["since"]})  # fmt: skip
    kind = request.GET.get("event") or None
    events = AuditEvent.objects.select_related("user")
    if username:
        events = events.filter(username=username)
    if since:
        events = events.filter(time__date__gte=since)
    if kind:
        events = events.filter(kind=kind)
    context = {
        "title": _("Audit log"),
        "changes": history.recent_changes(model, username, since),
        "events": events[:200],
        "models": [
            (m._meta.label_lower, m._meta.verbose_name_plural) for m in history.tracked_models()
        ],
        "kinds": AuditEventKindChoices.choices,
        "filters": {
            "model": model or "",
            "user": username or "",
            "since": request.GET.get("since", ""),
            "event": kind or "",
        },
    }
    return render(request, "core/audit_log.html", context)
