"""Every failure of the API answers one shape — {"code", "message", "errors"} — with the right
status, in the request's language, and bad input never answers 500."""

import pytest
from rest_framework.test import APIClient

from sinergi.programs.models import Program
from sinergi.testing import make_persona

pytestmark = pytest.mark.django_db

SHAPE = {"code", "message", "errors"}


@pytest.fixture
def operator_api(demo):
    client = APIClient(raise_request_exception=False)
    client.force_authenticate(make_persona("operator.lotim"))
    return client


def assert_shape(response, status, code):
    body = response.json()
    assert response.status_code == status, body
    assert set(body) >= SHAPE, body
    assert body["code"] == code and body["message"], body
    return body


def test_field_errors_are_named_by_field_in_indonesian_by_default(operator_api):
    response = operator_api.post("/api/v1/programs/", {"fiscal_year": "abc"}, format="json")
    body = assert_shape(response, 400, "invalid")
    assert set(body["errors"]) >= {"name", "fiscal_year"}
    assert body["errors"]["name"] == ["Bidang ini harus diisi."]
    assert "kesalahan" in body["message"]


def test_the_message_follows_accept_language(operator_api):
    response = operator_api.post(
        "/api/v1/programs/", {}, format="json", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9"
    )
    body = assert_shape(response, 400, "invalid")
    assert body["errors"]["name"] == ["This field is required."]
    assert response["Content-Language"] == "en"


def test_nested_errors_are_flattened_to_a_path(operator_api):
    response = operator_api.post(
        "/api/v1/values/",
        {"indicator": "destana_formed", "period": "2023", "values": [{"value": True}]},
        format="json",
    )
    body = assert_shape(response, 400, "invalid")
    assert set(body["errors"]) == {"values.0.region", "values.0.value"}


def test_a_refused_value_write_names_the_region(operator_api):
    response = operator_api.post(
        "/api/v1/values/",
        {"indicator": "destana_formed", "period": "2023",
         "values": [{"region": "52.01.01.2002", "value": 1}]},
        format="json",
    )  # fmt: skip
    body = assert_shape(response, 400, "invalid")
    assert list(body["errors"]) == ["52.01.01.2002"]


@pytest.mark.parametrize(
    "body, content_type, status, code",
    [
        ("{not json", "application/json", 400, "parse_error"),
        ('{"name": ', "application/json", 400, "parse_error"),
        ("name=x", "application/x-www-form-urlencoded", 415, "unsupported_media_type"),
        ("[1, 2]", "application/json", 400, "invalid"),
        ('"text"', "application/json", 400, "invalid"),
        ("[" * 100 + "]" * 100, "application/json", 400, "parse_error"),
    ],
)
def test_bad_bodies(operator_api, body, content_type, status, code):
    response = operator_api.generic("POST", "/api/v1/programs/", body, content_type=content_type)
    assert_shape(response, status, code)


@pytest.mark.parametrize(
    "method, url, status, code",
    [
        ("get", "/api/v1/nothing-here/", 404, "not_found"),
        ("get", "/api/nothing-here/", 404, "not_found"),
        ("get", "/api/v1/programs/999999/", 404, "not_found"),
        ("get", "/api/v1/programs/abc/", 404, "not_found"),
        ("get", "/api/v1/programs/?page=abc", 404, "not_found"),
        ("get", "/api/v1/programs/?page=99999", 404, "not_found"),
        ("delete", "/api/v1/values/1/", 405, "method_not_allowed"),
        ("get", "/api/v1/indicators/destana_formed/rollup/?period=abc", 400, "invalid"),
        ("get", "/api/v1/indicators/destana_formed/rollup/?group=nope", 400, "invalid"),
        ("get", "/api/v1/indicators/destana_formed/rollup/?region=99", 404, "not_found"),
    ],
)
def test_failures_have_the_shape_and_status(operator_api, method, url, status, code):
    assert_shape(getattr(operator_api, method)(url), status, code)


def test_anonymous_write_is_not_authenticated():
    response = APIClient().post("/api/v1/programs/", {}, format="json")
    assert_shape(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"].startswith("Token")


def test_out_of_scope_change_is_permission_denied(operator_api, persona):
    other = Program.objects.exclude(owner__home_region__code__startswith="52.03").first()
    viewer = APIClient()
    viewer.force_authenticate(persona("koordinator.ntb"))
    response = viewer.patch(f"/api/v1/programs/{other.pk}/", {"name": "x"}, format="json")
    body = assert_shape(response, 403, "permission_denied")
    assert body["errors"] == {}


GARBAGE = ["fiscal_year=abc", "fiscal_year=99999999999999999999", "status=%00", "region=%00",
           "region=52.03%25", "theme=;drop", "owner=-1", "page_size=-1", "ordering=nonsense",
           "format=xml", "region=" + "9" * 5000, "year=2024&year=abc", "page=0"]  # fmt: skip


@pytest.mark.parametrize(
    "endpoint",
    ["regions", "region-groups", "organizations", "programs", "indicators", "values", "meetings",
     "follow-ups", "indicators/destana_formed/rollup"],
)  # fmt: skip
def test_garbage_query_never_answers_500(operator_api, endpoint):
    for query in GARBAGE:
        response = operator_api.get(f"/api/v1/{endpoint}/?{query}")
        assert response.status_code < 500, query
        if response.status_code >= 400:
            assert set(response.json()) >= SHAPE, query


def test_an_unexpected_error_answers_json_500(operator_api, monkeypatch):
    from sinergi.regions.api import RegionViewSet

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(RegionViewSet, "list", broken)
    response = operator_api.get("/api/v1/regions/")
    body = assert_shape(response, 500, "server_error")
    assert "boom" not in response.content.decode()
    assert body["errors"] == {}


def test_a_bad_period_is_explained_in_the_request_language(operator_api):
    """The period parser's message reaches the API, the forms and the pages: never in English
    in the Indonesian interface."""
    response = operator_api.get("/api/v1/indicators/destana_formed/rollup/?period=abc")
    message = assert_shape(response, 400, "invalid")["errors"]["period"][0]
    assert "bukan periode" in message and "is not a period" not in message
    english = operator_api.get(
        "/api/v1/indicators/destana_formed/rollup/?period=abc", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "is not a period" in english.json()["errors"]["period"][0]
