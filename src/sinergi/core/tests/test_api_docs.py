"""The served schema is the committed one's content (English with Indonesian summaries, only the
versioned paths), whatever the request's language; the docs pages load only local assets."""

import pytest
import yaml
from django.test import Client

from sinergi.core.api_schema import summary_of

pytestmark = pytest.mark.django_db


def test_schema_is_english_versioned_and_has_the_error_shape():
    response = Client(HTTP_ACCEPT_LANGUAGE="id").get("/api/v1/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    assert schema["paths"] and all(path.startswith("/api/v1/") for path in schema["paths"])
    programs = schema["paths"]["/api/v1/programs/"]["get"]
    assert programs["summary"] == "Daftar program"
    assert "Work programs" in programs["description"]
    assert programs["responses"]["default"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"
    }
    assert "Terbuka" not in response.content.decode()  # enum labels in English, not the cookie's
    assert schema["components"]["securitySchemes"]["tokenAuth"]["name"] == "Authorization"


@pytest.mark.parametrize(
    "path, method, summary",
    [
        ("/api/v1/regions/{code}/", "get", "Rincian wilayah"),
        ("/api/v1/programs/{id}/", "delete", "Hapus program"),
        ("/api/v1/unknown/", "get", None),
    ],
)
def test_indonesian_summaries(path, method, summary):
    assert summary_of(path, method) == summary


@pytest.mark.parametrize("url", ["/api/v1/docs/", "/api/v1/redoc/"])
def test_docs_pages_name_no_outside_asset(url):
    response = Client().get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "http://" not in html and "https://" not in html and "<script>" not in html
    assert "/static/drf_spectacular_sidecar/" in html


def test_swagger_start_script_is_served_by_the_view():
    response = Client().get("/api/v1/docs/?script=")
    assert response.status_code == 200 and "javascript" in response["Content-Type"]
    assert "/api/v1/schema/" in response.content.decode()
