"""Queued work of the indicators app (run by `sinergi run_huey`)."""

import logging
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _
from huey.contrib.djhuey import db_task

from sinergi.core.models import Job, record_event
from sinergi.indicators.imports import import_values

logger = logging.getLogger(__name__)
MAX_PROBLEMS = 500


@db_task()
def run_import_job(job_id: int) -> None:
    """Check (kind import-check) or write (import-write) an uploaded file, with progress."""
    job = Job.objects.select_related("created_by").get(pk=job_id)
    Job.objects.filter(pk=job_id).update(status="running")
    progress = job.record_progress  # outside the import's transaction: see Job.record_progress
    try:
        result = import_values(
            Path(job.path),
            job.created_by,
            dry_run=job.kind == "import-check",
            source=job.file_name,
            progress=progress,
        )
    except Exception:
        logger.exception("import job %s failed", job_id)
        Job.objects.filter(pk=job_id).update(
            status="failed",
            message=_("The import stopped unexpectedly; nothing was written (reference %(id)s).")
            % {"id": job_id},
            finished_at=timezone.now(),
        )
        return
    Job.objects.filter(pk=job_id).update(
        status="completed",
        done=2 * result.rows,
        total=2 * result.rows,
        result={
            "ok": result.ok,
            "rows": result.rows,
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "problem_count": len(result.problems),
            "problems": [[p.row, p.column, p.message] for p in result.problems[:MAX_PROBLEMS]],
        },
        finished_at=timezone.now(),
    )
    if job.kind == "import-write" and result.ok:
        record_event(
            "import", job.created_by, f"{job.file_name}: {result.rows} rows", rows=result.rows
        )
