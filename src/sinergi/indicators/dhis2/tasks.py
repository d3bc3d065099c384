"""Queued DHIS2 imports (`async=true`), run by `sinergi run_huey`."""

import json
import logging
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _
from huey.contrib.djhuey import db_task

from sinergi.core.models import Job, change_reason
from sinergi.indicators.dhis2.exchange import (
    PayloadError,
    import_rows,
    options_from,
    rows_from_csv,
    rows_from_json,
)

logger = logging.getLogger(__name__)
KIND = "dhis2-import"


class Params(dict):
    """The stored query parameters, read like a QueryDict."""

    def getlist(self, name):
        return [self[name]] if name in self else []


def read_rows(job: Job):
    if job.file_name.endswith(".adx"):
        from sinergi.indicators.dhis2.adx import rows_from_adx

        return rows_from_adx(Path(job.path).read_bytes())
    body = Path(job.path).read_text(encoding="utf-8")
    params = Params(job.result.get("params", {}))
    if job.file_name.endswith(".csv"):
        return rows_from_csv(body, header=params.get("firstRowIsHeader", "true") != "false")
    return rows_from_json(json.loads(body))


@db_task()
def run_dhis2_import(job_id: int) -> None:
    job = Job.objects.select_related("created_by").get(pk=job_id)
    Job.objects.filter(pk=job_id).update(status="running")
    params = Params(job.result.get("params", {}))
    try:
        with change_reason(job.result.get("reason")):
            summary = import_rows(read_rows(job), options_from(params), job.created_by).as_json()
        status, message = "completed", ""
    except PayloadError as refused:
        summary, status, message = None, "failed", str(refused)
    except Exception:
        logger.exception("DHIS2 import job %s failed", job_id)
        summary, status = None, "failed"
        message = _("The import stopped unexpectedly; nothing was written (reference %(id)s).") % {
            "id": job_id
        }
    finally:
        Path(job.path).unlink(missing_ok=True)
    Job.objects.filter(pk=job_id).update(
        status=status,
        message=message,
        result={"params": dict(params), "reason": job.result.get("reason"), "summary": summary},
        finished_at=timezone.now(),
    )
