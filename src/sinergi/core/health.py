"""/health/: can this server do its work? The database answers and every migration is applied,
the cache stores and returns a value, the task queue's storage answers, and the disk holding
var/ and the uploads has room. JSON; 200 when all pass, 503 when one fails (for a load balancer,
systemd or a monitor). Says nothing a visitor may not know: only what failed, never why; the
figures (backends, queue length, free disk, timings) only to a signed-in staff user."""

import logging
import shutil
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from huey.contrib.djhuey import HUEY

logger = logging.getLogger(__name__)


def database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {}


def migrations() -> dict:
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        raise RuntimeError(f"{len(pending)} migrations not applied")
    return {}


def cache_roundtrip() -> dict:
    key, value = f"health:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, 10)
    if cache.get(key) != value:
        raise RuntimeError("the cache did not return what it stored")
    cache.delete(key)
    return {"backend": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]}


def queue() -> dict:
    return {"backend": type(HUEY).__name__, "pending": HUEY.pending_count()}


def disk() -> dict:
    place = Path(settings.MEDIA_ROOT)
    while not place.exists():
        place = place.parent
    free_mb = shutil.disk_usage(place).free // (1024 * 1024)
    if free_mb < settings.SINERGI_HEALTH_MIN_FREE_MB:
        raise RuntimeError(f"{free_mb} MB free")
    return {"free_mb": free_mb}


CHECKS = {
    "database": database,
    "migrations": migrations,
    "cache": cache_roundtrip,
    "queue": queue,
    "disk": disk,
}


def run_checks() -> dict[str, dict]:
    results = {}
    for name, check in CHECKS.items():
        started = time.perf_counter()
        try:
            result = {"ok": True, **check()}
        except Exception:
            logger.exception("health check %s failed", name)
            result = {"ok": False}
        result["ms"] = round((time.perf_counter() - started) * 1000, 1)
        results[name] = result
    return results


@never_cache
def health(request):
    checks = run_checks()
    ok = all(check["ok"] for check in checks.values())
    if not request.user.is_staff:
        checks = {name: {"ok": check["ok"]} for name, check in checks.items()}
    return JsonResponse(
        {"status": "ok" if ok else "failing", "checks": checks}, status=200 if ok else 503
    )
