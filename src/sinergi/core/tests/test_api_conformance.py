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
