"""Small model building blocks shared by the domain apps."""

import contextlib
import contextvars
import os
from pathlib import Path

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sinergi.core.permissions import Scope
from sinergi.core.querysets import RestrictedQuerySet

END_BEFORE_START = _("The end date is before the start date.")


def ends_after_start(name: str) -> models.CheckConstraint:
    """Database guarantee that an optional date range (start_date, end_date) is not reversed."""
    return models.CheckConstraint(
        condition=models.Q(end_date__isnull=True)
        | models.Q(start_date__isnull=True)
        | models.Q(end_date__gte=models.F("start_date")),
        name=name,
    )


def date_range_errors(obj) -> dict:
    """The same rule for forms and imports, as a field → message dict for ValidationError."""
    if obj.start_date and obj.end_date and obj.end_date < obj.start_date:
        return {"end_date": END_BEFORE_START}
    return {}


class ScopedModel(models.Model):
    """Base of every model behind the permission gate: `objects.restrict(user, action)` (a model
    with its own queryset declares `objects = ItsQuerySet.as_manager()`, a RestrictedQuerySet) and
    `scope`, where its rows sit in the region tree (`sinergi.core.permissions.Scope`; the default,
    no region, is reference data every role reads and only administrators write)."""

    objects = RestrictedQuerySet.as_manager()
    scope = Scope()

    class Meta:
        abstract = True


class DomainModel(ScopedModel):
    """A ScopedModel whose every change is kept (who, when, before, after) in its own historical
    table, shown on its "Riwayat" page. A model whose history needs options (many-to-many fields,
    fewer indexes) extends ScopedModel and declares `history = HistoricalRecords(...)` itself."""

    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True


class AuditEventKindChoices(models.TextChoices):
    LOGIN = "login", _("Signed in")
    LOGIN_FAILED = "login_failed", _("Failed sign-in")
    LOGOUT = "logout", _("Signed out")
    EXPORT = "export", _("Export")
    IMPORT = "import", _("Import")
    APPROVAL = "approval", _("Approval")
    ROLE_CHANGE = "role_change", _("Role change")
    RESTORE = "restore", _("Restore")


class AuditEvent(models.Model):
    """A semantic event recorded explicitly (never derived from URL names). Data changes
    themselves are in each model's history (who, when, before, after)."""

    time = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        "accounts.User",
        verbose_name=_("user"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    username = models.CharField(_("username"), max_length=150, blank=True)
    kind = models.CharField(_("event"), max_length=20, choices=AuditEventKindChoices.choices)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        ordering = ["-time"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"{self.time:%Y-%m-%d %H:%M} {self.kind} {self.username}"


def record_event(kind: str, user=None, summary: str = "", request=None, **detail) -> AuditEvent:
    """Record one semantic event (sign-in, export, import, approval, role change, restore)."""
    request = request or current_request()
    if user is None and request is not None:
        user = getattr(request, "user", None)  # the person acting, e.g. the admin changing a role
    authenticated = getattr(user, "is_authenticated", False)
    ip = request.META.get("REMOTE_ADDR") if request is not None else None
    return AuditEvent.objects.create(
        user=user if authenticated else None,
        username=detail.pop("username", "") or (user.get_username() if authenticated else ""),
        kind=kind,
        summary=summary[:500],
        detail=detail,
        ip=ip,
    )


def current_request():
    """The request being served, as the history middleware keeps it (None in the CLI)."""
    from simple_history.models import HistoricalRecords

    return getattr(HistoricalRecords.context, "request", None)


# the reason of work done for a request after it is gone (a queued import run by the worker)
_queued_reason: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "queued_reason", default=None
)


def current_change_reason() -> str | None:
    """What the history rows written by the current request give as their reason: the API token
    it came with ("API: <token name> (<prefix>…)"), set by the token authentication; in the
    queue's worker the reason of the request that queued the work (`change_reason`); else None."""
    return getattr(current_request(), "history_reason", None) or _queued_reason.get()


@contextlib.contextmanager
def change_reason(reason: str | None):
    """Inside: history rows give `reason` (kept from the request that queued the work)."""
    reset = _queued_reason.set(reason)
    try:
        yield
    finally:
        _queued_reason.reset(reset)


def upsert(model, defaults: dict | None = None, **lookup):
    """Like update_or_create, but saves (and so records history) only when something differs:
    loading the same data twice leaves the history untouched."""
    defaults = defaults or {}
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**{**defaults, **lookup}), True
    changed = [name for name, value in defaults.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, defaults[name])
        obj.save(update_fields=changed)
    return obj, False


class JobStatusChoices(models.TextChoices):
    CREATED = "created", _("Waiting")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")
    FAILED = "failed", _("Failed")


class Job(ScopedModel):
    """Long work run by the task queue (a big import's check or write), with its progress.

    A job belongs to the user who started it: only they (and administrators) see it.
    """

    kind = models.CharField(_("kind"), max_length=30)
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatusChoices.choices, default="created"
    )
    created_by = models.ForeignKey(
        "accounts.User", verbose_name=_("created by"), related_name="+", on_delete=models.CASCADE
    )
    file_name = models.CharField(_("file"), max_length=200, blank=True)
    path = models.CharField(max_length=500, blank=True)
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    result = models.JSONField(_("result"), default=dict, blank=True)
    message = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    scope = Scope(owner="created_by")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("job")
        verbose_name_plural = _("jobs")

    def __str__(self) -> str:
        return f"{self.kind} {self.file_name} ({self.status})"

    @property
    def percent(self) -> int:
        done, total = self.progress()
        return int(100 * done / total) if total else 0

    def progress_file(self) -> Path | None:
        return Path(f"{self.path}.{self.pk}.progress") if self.path and self.pk else None

    def record_progress(self, done: int, total: int) -> None:
        """Progress of the running job, kept in a file beside its input: an import writes in
        one database transaction, which no other connection (the page showing the progress bar)
        sees before it ends, and a check rolls its writes back."""
        file = self.progress_file()
        if file is None:
            return
        partial = file.with_name(file.name + ".tmp")
        partial.write_text(f"{done} {total}")
        os.replace(partial, file)  # atomic: a reader sees the old or the new figures

    def progress(self) -> tuple[int, int]:
        """(done, total): while running, as last recorded; then as stored."""
        file = self.progress_file()
        if self.status == JobStatusChoices.RUNNING and file is not None:
            try:
                done, total = (int(part) for part in file.read_text().split())
            except (OSError, ValueError):  # not recorded yet
                return self.done, self.total
            return done, total
        return self.done, self.total

    @property
    def finished(self) -> bool:
        return self.status in (JobStatusChoices.COMPLETED, JobStatusChoices.FAILED)
