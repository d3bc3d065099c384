"""Answers the API fuzz (scripts/api_fuzz.py) once found outside the committed schema
(docs/api/openapi.yaml), checked against it here as schemathesis checks them."""

from pathlib import Path

import pytest
import requests
import schemathesis
from rest_framework.test import APIClient
from schemathesis.core.transport import Response

from sinergi.testing import make_persona

pytestmark = pytest.mark.django_db
SCHEMA = Path(__file__).resolve().parents[4] / "docs" / "api" / "openapi.yaml"


@pytest.fixture(scope="module")
def schema():
    return schemathesis.openapi.from_path(str(SCHEMA))


def conforms(schema, path: str, method: str, response) -> None:
    """Raise (with schemathesis's message) unless the answer is one the schema describes."""
    request = requests.Request(method, f"http://testserver{response.request['PATH_INFO']}")
    answer = Response(
        status_code=response.status_code,
        headers={name.lower(): [value] for name, value in response.headers.items()},
        content=response.content,
        request=request.prepare(),
        elapsed=0.0,
        verify=True,
    )
    schema[path][method].validate_response(answer)


def as_persona(username: str) -> APIClient:
    client = APIClient()
    client.force_authenticate(make_persona(username))
    return client


def test_the_province_has_no_parent_and_the_schema_says_so(demo, schema):
    response = as_persona("viewer.lobar").get("/api/v1/regions/", {"level": "province"})
    assert response.status_code == 200
    assert response.json()["results"][0] == {
        "code": "52", "name": "Nusa Tenggara Barat", "level": "province", "kind": "provinsi",
        "parent": None,
    }  # fmt: skip
    conforms(schema, "/api/v1/regions/", "GET", response)
    detail = as_persona("admin").get("/api/v1/regions/52/")
    conforms(schema, "/api/v1/regions/{code}/", "GET", detail)


def test_a_filter_value_with_a_percent_sign_is_a_400_not_a_server_error(demo, schema):
    client = as_persona("koordinator.ntb")
    for query in ({"group": "%s%d 3}"}, {"owner": "%(x)s"}, {"region": "100%"}):
        response = client.get("/api/v1/programs/", query)
        assert response.status_code == 400, (query, response.content)
        assert response.json()["code"] == "invalid"
        conforms(schema, "/api/v1/programs/", "GET", response)
    errors = client.get("/api/v1/programs/", {"group": "%s 3"}).json()["errors"]
    assert "%s 3" in errors["group"][0]


def test_deleting_an_organisation_others_still_refer_to_is_a_409_that_deletes_nothing(demo, schema):
    from sinergi.organizations.models import Organization

    team = Organization.objects.get(slug="tp-pkk-52-03-06")  # TP PKK Kec. with village teams
    assert Organization.objects.filter(parent=team).exists()
    response = as_persona("admin").delete(f"/api/v1/organizations/{team.slug}/")
    assert response.status_code == 409, response.content
    body = response.json()
    assert body["code"] == "protected" and "TP PKK Desa" in body["message"]
    assert "tidak dihapus" in body["message"]  # in the request's language
    assert Organization.objects.filter(pk=team.pk).exists()
    conforms(schema, "/api/v1/organizations/{slug}/", "DELETE", response)
