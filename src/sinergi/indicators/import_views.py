"""The import page: download a template, upload a filled one (or a long-layout file), see every
problem or a preview of what would change, confirm, and it is written all or nothing."""

import os
import time
import uuid
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sinergi.core.forms import bootstrapify
from sinergi.core.models import Job, JobStatusChoices, record_event
from sinergi.core.permissions import ADD, VIEW, can_add, regions_for
from sinergi.core.records import REGISTRY, import_records, template
from sinergi.indicators.imports import MAX_BYTES, ImportFileError, Problem, import_values
from sinergi.indicators.models import DataValue, Indicator
from sinergi.indicators.periods import PeriodError, parse
from sinergi.indicators.spreadsheets import marked_copy, wide_template
from sinergi.indicators.tasks import run_import_job
from sinergi.regions.models import Region

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SESSION_KEY = "sinergi_imports"
KEEP_HOURS = 24  # an upload not confirmed within a day is deleted


class TemplateForm(forms.Form):
    region = forms.ModelChoiceField(
        label=gettext_lazy("Region"),
        queryset=Region.objects.none(),
        to_field_name="code",
        help_text=gettext_lazy("One row per region directly below it."),
    )
    indicators = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Indicators"), queryset=Indicator.objects.all(), to_field_name="code"
    )
    period = forms.CharField(
        label=gettext_lazy("Period"), max_length=7, help_text=gettext_lazy("2023, 2023Q1 or 202301")
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        q = regions_for(user, DataValue, ADD)
        regions = Region.objects.exclude(level="village")
        self.fields["region"].queryset = regions if q is None else regions.filter(q)
        bootstrapify(self)

    def clean_period(self):
        try:
            return parse(self.cleaned_data["period"]).id
        except PeriodError as error:
            raise forms.ValidationError(str(error)) from error

    def clean(self):
        data = super().clean()
        period = data.get("period")
        for indicator in data.get("indicators", []):
            if period and parse(period).type != indicator.period_type:
                self.add_error(
                    "period",
                    _("%(i)s is reported per %(t)s.")
                    % {"i": indicator.name, "t": indicator.get_period_type_display().lower()},
                )
        return data


class UploadForm(forms.Form):
    what = forms.ChoiceField(
        label=gettext_lazy("What the file holds"), choices=(), required=False, initial="values"
    )
    file = forms.FileField(label=gettext_lazy("File (.xlsx or .csv)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["what"].choices = [("values", _("Indicator values"))] + [
            (key, spec.label()) for key, spec in sorted(REGISTRY.items())
        ]
        bootstrapify(self)


def _check(path: Path, what: str, user, dry_run: bool, source: str):
    """The same engines as `sinergi import` (values) and `sinergi import --records KIND`."""
    if what in REGISTRY:
        return import_records(REGISTRY[what], path, user, dry_run=dry_run)
    return import_values(path, user, dry_run=dry_run, source=source)


@login_required
def records_template(request, what):
    spec = REGISTRY.get(what)
    if spec is None:
        raise Http404
    response = HttpResponse(template(spec, request.user), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="templat-{what}.xlsx"'
    record_event("export", request.user, f"templat {what}")
    return response


def _upload_dir() -> Path:
    folder = Path(settings.MEDIA_ROOT) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def remove_stale_uploads(hours: float = KEEP_HOURS) -> int:
    """Delete uploads never confirmed (and queued files) older than `hours`; how many. Run on
    every new upload and by `sinergi clean_imports`."""
    oldest = time.time() - hours * 3600
    removed = 0
    # A queued or running job still reads its file; a checked one waits to be confirmed.
    unfinished = Job.objects.filter(kind__startswith="import-").filter(
        Q(status__in=[JobStatusChoices.CREATED, JobStatusChoices.RUNNING])
        | Q(kind="import-check", status=JobStatusChoices.COMPLETED, result__ok=True)
    )
    confirmed = set(
        Job.objects.filter(kind="import-write").exclude(
            status__in=[JobStatusChoices.CREATED, JobStatusChoices.RUNNING]
        ).values_list("path", flat=True)
    )  # fmt: skip
    kept = {os.path.realpath(p) for p in unfinished.values_list("path", flat=True)} - {
        os.path.realpath(p) for p in confirmed
    }
    for entry in os.scandir(_upload_dir()):
        if os.path.realpath(entry.path) in kept:
            continue
        if entry.is_file() and entry.stat().st_mtime < oldest:
            Path(entry.path).unlink(missing_ok=True)
            removed += 1
    return removed


def _stored(request, token: str) -> Path:
    """An upload of this user's session (never another user's file)."""
    names = request.session.get(SESSION_KEY, {})
    if token not in names:
        raise Http404
    path = _upload_dir() / names[token]
    if not path.exists():
        raise Http404
    return path


def refuse_non_importers(user) -> None:
    """Import pages are for those who may add values or records of some kind (operators; the
    coordinators, who manage region groups); each row is still checked against the gate."""
    models = [DataValue, *(spec.model for spec in REGISTRY.values())]
    if not any(can_add(user, model) for model in models):
        raise PermissionDenied(_("Your role does not allow importing data; operators do that."))


@login_required
def template_download(request):
    refuse_non_importers(request.user)
    form = TemplateForm(request.GET or None, user=request.user)
    if not form.is_valid():
        return render(request, "indicators/import.html", _context(request, template_form=form))
    data = form.cleaned_data
    body = wide_template(data["region"], list(data["indicators"]), data["period"], request.user)
    response = HttpResponse(body, content_type=XLSX)
    name = f"templat-{data['region'].code}-{data['period']}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    record_event("export", request.user, name)
    return response


def _context(request, **extra):
    context = {
        "title": _("Import from Excel/CSV"),
        "record_kinds": [(key, spec.label()) for key, spec in sorted(REGISTRY.items())],
        "template_form": TemplateForm(user=request.user),
        "upload_form": UploadForm(initial={"what": request.GET.get("what") or "values"}),
    }
    context.update(extra)
    return context


def _preview(request, result, token: str, file_name: str) -> dict:
    marked = result.problems and all(p.row > 0 for p in result.problems)
    return _context(
        request,
        preview=result,
        problems=[(p.row, p.column, p.message) for p in result.problems],
        problem_count=len(result.problems),
        token=token,
        file_name=file_name,
        marked_url=reverse("indicators:import_marked", args=[token]) if marked else "",
    )


@login_required
def import_page(request):
    refuse_non_importers(request.user)
    if request.method != "POST":
        return render(request, "indicators/import.html", _context(request))
    if "token" in request.POST:
        return _confirm(request, request.POST["token"])
    upload = UploadForm(request.POST, request.FILES)
    if not upload.is_valid():
        return render(request, "indicators/import.html", _context(request, upload_form=upload))
    incoming = upload.cleaned_data["file"]
    if incoming.size > MAX_BYTES:
        upload.add_error("file", _("The file is larger than 50 MB; split it."))
        return render(request, "indicators/import.html", _context(request, upload_form=upload))
    remove_stale_uploads()
    suffix = Path(incoming.name).suffix.lower()[:5]
    token = uuid.uuid4().hex
    stored = f"{request.user.pk}-{token}{suffix}"
    with open(_upload_dir() / stored, "wb") as handle:
        for chunk in incoming.chunks():
            handle.write(chunk)
    what = upload.cleaned_data.get("what") or "values"
    names = request.session.get(SESSION_KEY, {})
    names[token] = stored
    request.session[SESSION_KEY] = names
    request.session[f"{SESSION_KEY}-{token}"] = what
    path = _upload_dir() / stored
    if what == "values" and incoming.size > settings.SINERGI_IMPORT_JOB_BYTES:
        # A big file: checked by the task queue while the page shows the progress.
        job = Job.objects.create(
            kind="import-check", created_by=request.user, file_name=incoming.name, path=str(path)
        )
        run_import_job(job.pk)
        return redirect("indicators:import_job", job.pk)
    # Same engine as `sinergi import --dry-run`: every row checked, nothing written.
    preview = _check(path, what, request.user, True, incoming.name)
    return render(
        request, "indicators/import.html", _preview(request, preview, token, incoming.name)
    )


def _confirm(request, token: str):
    path = _stored(request, token)
    file_name = request.POST.get("file_name") or path.name
    what = request.session.get(f"{SESSION_KEY}-{token}", "values")
    result = _check(path, what, request.user, False, file_name)
    if not result.ok:
        return render(
            request, "indicators/import.html", _preview(request, result, token, file_name)
        )
    record_event("import", request.user, f"{file_name}: {result.rows} rows", rows=result.rows)
    messages.success(
        request,
        _("%(file)s imported: %(new)s new, %(changed)s changed, %(same)s unchanged.")
        % {
            "file": file_name,
            "new": result.created,
            "changed": result.updated,
            "same": result.unchanged,
        },  # fmt: skip
    )
    names = request.session.get(SESSION_KEY, {})
    names.pop(token, None)
    request.session[SESSION_KEY] = names
    path.unlink(missing_ok=True)
    return redirect("indicators:import")


def _job(request, pk) -> Job:
    jobs = Job.objects.restrict(request.user, VIEW).filter(kind__startswith="import-")
    return get_object_or_404(jobs, pk=pk)


@login_required
def import_job(request, pk):
    """A queued import: its progress while it runs, then its preview or its problems."""
    job = _job(request, pk)
    if request.method == "POST" and job.kind == "import-check" and job.result.get("ok"):
        write = Job.objects.create(
            kind="import-write", created_by=request.user, file_name=job.file_name, path=job.path
        )
        run_import_job(write.pk)
        return redirect("indicators:import_job", write.pk)
    template = "indicators/_job_status.html" if request.headers.get("HX-Request") else (
        "indicators/import_job.html"
    )  # fmt: skip
    problems = job.result.get("problems") or []
    marked = problems and all(row > 0 for row, _column, _message in problems)
    return render(
        request,
        template,
        {
            "title": _("Import of %(file)s") % {"file": job.file_name},
            "job": job,
            "marked_url": reverse("indicators:import_job_marked", args=[job.pk]) if marked else "",
        },
    )


@login_required
def import_job_marked(request, pk):
    job = _job(request, pk)
    problems = [Problem(row, column, message) for row, column, message in
                job.result.get("problems", [])]  # fmt: skip
    if not problems or any(p.row < 1 for p in problems) or not Path(job.path).is_file():
        raise Http404  # nothing to mark, or the upload was removed since
    try:
        marked = marked_copy(Path(job.path), problems)
    except ImportFileError as exc:
        messages.error(request, str(exc))
        return redirect("indicators:import_job", job.pk)
    response = HttpResponse(marked, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="kesalahan-{job.pk}.xlsx"'
    return response


@login_required
def marked_file(request, token):
    """The uploaded file with its problems marked, to fix and upload again."""
    path = _stored(request, token)
    what = request.session.get(f"{SESSION_KEY}-{token}", "values")
    result = _check(path, what, request.user, True, path.name)
    if not result.problems or any(p.row < 1 for p in result.problems):
        raise Http404  # clean, or not a spreadsheet at all: nothing to mark
    try:
        marked = marked_copy(path, result.problems)
    except ImportFileError as exc:
        messages.error(request, str(exc))
        return redirect("indicators:import")
    response = HttpResponse(marked, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="kesalahan-{path.stem[-8:]}.xlsx"'
    return response
