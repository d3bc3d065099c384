"""/health/ says, as JSON, whether the database (with every migration), the cache, the queue
and the disk work: 200 when they all do, 503 naming the one that does not."""

import json
import logging

import pytest
from django.test import RequestFactory

from sinergi.core import health, logs
from sinergi.core.middleware import RequestIdMiddleware

pytestmark = pytest.mark.django_db


def test_a_healthy_server_answers_200_with_every_check(client, persona):
    client.force_login(persona("admin"))
    response = client.get("/health/")
    assert response.status_code == 200 and response["Cache-Control"].startswith("max-age=0")
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "migrations", "cache", "queue", "disk"}
    assert all(check["ok"] for check in body["checks"].values())
    assert (
        body["checks"]["queue"]["backend"] == "SqliteHuey" and body["checks"]["disk"]["free_mb"] > 0
    )


@pytest.mark.parametrize("who", [None, "koordinator.ntb", "operator.lotim"])
def test_a_visitor_or_a_user_who_is_not_staff_learns_only_what_passes(client, persona, who):
    if who:
        client.force_login(persona(who))
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["checks"] == {
        name: {"ok": True} for name in ("database", "migrations", "cache", "queue", "disk")
    }
    assert "free_mb" not in response.content.decode() and "Huey" not in response.content.decode()


@pytest.mark.parametrize("name", ["database", "migrations", "cache", "queue", "disk"])
def test_one_failing_check_makes_it_503_and_says_which_but_not_why(client, monkeypatch, name):
    def broken():
        raise RuntimeError("password=secret at db.internal")

    monkeypatch.setitem(health.CHECKS, name, broken)
    response = client.get("/health/")
    assert response.status_code == 503 and response.json()["status"] == "failing"
    failing = [key for key, check in response.json()["checks"].items() if not check["ok"]]
    assert failing == [name] and "secret" not in response.content.decode()


def test_an_unapplied_migration_and_a_full_disk_fail(settings, monkeypatch):
    settings.SINERGI_HEALTH_MIN_FREE_MB = 10**12
    with pytest.raises(RuntimeError, match="MB free"):
        health.disk()
    monkeypatch.setattr(
        "django.db.migrations.executor.MigrationExecutor.migration_plan", lambda *a: [("x", False)]
    )
    with pytest.raises(RuntimeError, match="1 migrations not applied"):
        health.migrations()


def test_each_request_gets_an_id_on_its_log_lines_and_its_response(caplog):
    formatter = logs.JsonFormatter()
    lines = []

    class Keep(logging.Handler):
        def emit(self, record):
            lines.append(json.loads(formatter.format(record)))

    def view(request):
        logging.getLogger("sinergi.test").warning("inside %s", "the view")
        from django.http import HttpResponse

        return HttpResponse("ok")

    handler = Keep()
    handler.addFilter(logs.RequestIdFilter())
    for name in ("sinergi.test", "sinergi.request"):
        logging.getLogger(name).addHandler(handler)
    logging.getLogger("sinergi.request").setLevel(logging.INFO)
    try:
        middleware = RequestIdMiddleware(view)
        given = middleware(RequestFactory().get("/x/", HTTP_X_REQUEST_ID="nginx-abc123"))
        fresh = middleware(RequestFactory().get("/y/", HTTP_X_REQUEST_ID="bad id\nforged"))
    finally:
        for name in ("sinergi.test", "sinergi.request"):
            logging.getLogger(name).removeHandler(handler)
    assert given["X-Request-ID"] == "nginx-abc123"
    assert len(fresh["X-Request-ID"]) == 32 and "forged" not in fresh["X-Request-ID"]
    inside, request_line = lines[0], lines[1]
    assert inside["message"] == "inside the view" and inside["request_id"] == "nginx-abc123"
    assert request_line["logger"] == "sinergi.request" and request_line["status"] == 200
    assert request_line["path"] == "/x/" and request_line["duration_ms"] >= 0
    assert lines[3]["request_id"] == fresh["X-Request-ID"]
    assert logs.request_id.get() == "-"  # nothing leaks into the next request
