"""Error pages: in the site layout, in the user's language, saying why and what to do."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.urls import reverse

from sinergi.core import errors
from sinergi.testing import make_persona

LAYOUT = 'class="navbar-brand"'  # the site's navigation bar from base.html


def english(client):
    client.cookies["django_language"] = "en"
    return client


@pytest.mark.django_db
def test_a_refusal_says_why_in_indonesian_in_the_site_layout(client):
    client.force_login(make_persona("viewer.lobar"))
    url = reverse("indicators:data_entry", args=["destana_formed"]) + "?region=52.03&period=2023"
    page = client.get(url)
    assert page.status_code == 403
    text = page.content.decode()
    assert LAYOUT in text and '<html lang="id">' in text
    assert "Tidak diizinkan" in text
    assert "Wilayah ini di luar wilayah peran Anda: Kabupaten Lombok Timur" in text
    assert "koordinator wilayah Anda" in text  # what to do
    english_text = english(client).get(url).content.decode()
    assert "This region is outside your role&#x27;s regions: Kabupaten Lombok Timur" in english_text


@pytest.mark.django_db
def test_a_refusal_without_a_reason_still_explains_and_offers_sign_in_to_visitors():
    request = RequestFactory().get("/somewhere/")
    request.user = AnonymousUser()
    page = errors.permission_denied(request, PermissionDenied())
    text = page.content.decode()
    assert page.status_code == 403 and LAYOUT in text
    assert "Peran Anda tidak mengizinkan halaman atau tindakan ini." in text
    assert "/accounts/login/?next=/somewhere/" in text


@pytest.mark.django_db
def test_not_found_is_in_the_layout_and_offers_sign_in_to_visitors(client):
    page = client.get("/programs/999999/")
    text = page.content.decode()
    assert page.status_code == 404 and LAYOUT in text
    assert "Halaman tidak ditemukan" in text and "/accounts/login/?next=/programs/999999/" in text
    client.force_login(make_persona("viewer.lobar"))
    text = english(client).get("/no-such-page/").content.decode()
    assert "Page not found" in text and "Check the address" in text
    assert "/accounts/login/" not in text


@pytest.mark.django_db
def test_a_server_error_shows_the_layout_in_the_users_language(monkeypatch):
    def broken(request):
        raise RuntimeError("boom")

    monkeypatch.setattr("sinergi.dashboards.views.home_body", broken)
    client = Client(raise_request_exception=False)
    page = client.get("/")
    text = page.content.decode()
    assert page.status_code == 500 and LAYOUT in text
    assert "Kesalahan server" in text and "Coba lagi beberapa menit lagi" in text
    assert "boom" not in text
    assert "set_language" not in text and "/i18n/setlang/" not in text  # no CSRF token to send
    assert "Server error" in english(client).get("/").content.decode()


def test_the_server_error_page_needs_neither_the_database_nor_the_request():
    """No django_db mark: any query here fails the test."""
    page = errors.server_error(None)
    assert page.status_code == 500 and LAYOUT in page.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url,reason",
    [
        ("/indicators/import/", "Peran Anda tidak mengizinkan impor data; itu tugas operator."),
        ("/text-imports/new/", "Impor teks mencatat rapat beserta kesepakatan dan angkanya"),
    ],
)
def test_refused_imports_say_why(client, url, reason):
    client.force_login(make_persona("viewer.lobar"))
    page = client.get(url)
    assert page.status_code == 403 and reason in page.content.decode()


@pytest.mark.django_db
def test_a_refused_discard_says_why(client):
    from sinergi.extraction.services import save_draft

    draft = save_draft("Rapat di Lombok Barat pada 3 Februari 2023.", make_persona("admin"),
                       region="52.01")  # fmt: skip
    client.force_login(make_persona("viewer.lobar"))
    page = client.post(reverse("extraction:draft_review", args=[draft.pk]), {"discard": "1"})
    assert page.status_code == 403
    assert "Anda boleh membaca impor teks ini tetapi tidak membatalkannya." in page.content.decode()


@pytest.mark.django_db
def test_a_form_without_its_csrf_token_is_refused_with_an_explanation():
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_persona("operator.lotim"))
    page = client.post(reverse("programs:program_add"), {"name": "Tanpa token"})
    text = page.content.decode()
    assert page.status_code == 403 and LAYOUT in text
    assert "Formulir ini kedaluwarsa atau tidak dikirim dari Sinergi" in text
    assert "Keluar (operator.lotim)" in text  # the request's context: the user is still known


@pytest.mark.django_db
def test_under_the_api_errors_are_json_never_a_page(client, monkeypatch):
    missing = client.get("/api/no-such-endpoint/")
    assert missing.status_code == 404 and missing["Content-Type"] == "application/json"
    assert missing.json()["code"] == "not_found"  # the API's one error shape
    refused = errors.permission_denied(RequestFactory().get("/api/programs/"), PermissionDenied())
    assert refused.status_code == 403 and __import__("json").loads(refused.content)["code"]
    crashed = errors.server_error(RequestFactory().get("/api/programs/"))
    assert crashed.status_code == 500 and crashed["Content-Type"] == "application/json"
