"""Bad input answers 400 or 404 with a message (or the page with the problem marked), never a 500;
redirects stay on the site; stored periods and values are what they claim to be (issue 13,
findings 7 and 8)."""

import pytest
from django.test import Client
from django.urls import reverse

from sinergi.indicators.models import Approval, DataValue, Indicator
from sinergi.indicators.services import save_value
from sinergi.meetings.models import ActionItem
from sinergi.organizations.models import Organization
from sinergi.programs.models import Program
from sinergi.regions.models import Region
from sinergi.testing import make_persona

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(demo):
    client = Client(raise_request_exception=False)
    client.force_login(make_persona("admin"))
    return client


@pytest.mark.parametrize(
    "url, expected",
    [
        ("/api/values/?region=52.03", 200),
        ("/api/values/?region=52", 200),
        ("/api/indicators/destana_formed/rollup.json?period=2023", 200),
        ("/api/indicators/destana_formed/rollup.json?period=abc", 400),
        ("/meetings/?year=-1", 200),
        ("/meetings/?year=99999999999999999999", 200),
        ("/history/programs.program/abc/", 404),
        ("/history/?since=2026-13-45", 200),
    ],
)
def test_bad_query_answers_without_a_server_error(admin_client, url, expected):
    assert admin_client.get(url).status_code == expected


def test_values_filter_by_region_keeps_the_region_and_below(admin_client):
    indicator = Indicator.objects.get(code="destana_level")
    for code in ["52.03", "52.03.05.2001", "52.01.01.2002", "52.0"]:
        if Region.objects.filter(code=code).exists():
            save_value(indicator, code, "2023", 1)
    rows = admin_client.get("/api/values/?region=52.03").json()
    rows = rows.get("results", rows)
    assert sorted(r["region"] for r in rows) == ["52.03", "52.03.05.2001"]


def test_restore_of_a_non_integer_id_is_not_found(admin_client):
    response = admin_client.post("/history/programs.program/abc/restore/1/")
    assert response.status_code == 404


def test_entry_grid_with_a_bad_version_marks_the_row(admin_client):
    url = reverse("indicators:data_entry", args=["destana_formed"]) + "?region=52.03.05&period=2023"
    response = admin_client.post(
        url, {"value_52.03.05.2001": "1", "orig_52.03.05.2001": "", "version_52.03.05.2001": "x"}
    )
    assert response.status_code == 200
    assert "52.03.05.2001" in response.content.decode()
    assert not DataValue.objects.filter(region_id="52.03.05.2001", period="2023").exists()


@pytest.mark.parametrize(
    "field, value",
    [("value", [1]), ("value", {"a": 1}), ("value", "１２"), ("value", "1e999"),
     ("value", 10**30), ("region", ["52.03"]), ("version", "x"), ("version", [1])],
)  # fmt: skip
def test_api_values_refuses_values_of_the_wrong_kind(admin_client, field, value):
    item = {"region": "52.03.05.2001", "value": 1, field: value}
    response = admin_client.post(
        "/api/values/",
        {"indicator": "destana_formed", "period": "2023", "values": [item]},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert not DataValue.objects.filter(region_id="52.03.05.2001", period="2023").exists()


@pytest.mark.parametrize("period", ["１９９９", "", "20231", "2023Q5"])
def test_api_values_refuses_periods_not_written_in_ascii_digits(admin_client, period):
    response = admin_client.post(
        "/api/values/",
        {"indicator": "destana_formed", "period": period,
         "values": [{"region": "52.03.05.2001", "value": 1}]},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 400
    assert not DataValue.objects.filter(region_id="52.03.05.2001").exists()


@pytest.mark.parametrize(
    "change, field",
    [({"fiscal_year": 1}, "fiscal_year"), ({"fiscal_year": 99999}, "fiscal_year"),
     ({"budget": -5}, "budget")],
)  # fmt: skip
def test_api_programs_run_the_model_rules(admin_client, change, field):
    owner = Program.objects.first().owner_id
    body = {"name": "Program uji", "fiscal_year": 2024, "owner": owner, **change}
    response = admin_client.post("/api/programs/", body, content_type="application/json")
    assert response.status_code == 400 and field in response.json()["errors"]
    assert not Program.objects.filter(name="Program uji").exists()
    program = Program.objects.first()
    response = admin_client.patch(
        f"/api/programs/{program.pk}/", change, content_type="application/json"
    )
    assert response.status_code == 400 and field in response.json()["errors"]


def test_api_refuses_a_second_tp_pkk_team_of_a_region_by_its_rule(admin_client):
    """A database constraint answers 400 naming the rule, never an IntegrityError (500)."""
    body = {"name": "TP PKK Kedua", "slug": "tp-pkk-kedua", "org_type": "tp_pkk",
            "home_region": "52.03"}  # fmt: skip
    response = admin_client.post("/api/organizations/", body, content_type="application/json")
    assert response.status_code == 400, response.content
    assert not Organization.objects.filter(slug="tp-pkk-kedua").exists()


@pytest.mark.parametrize(
    "target", ["javascript:alert(1)", "https://evil.example/", "//evil.example/"]
)
def test_followup_update_redirects_only_within_the_site(admin_client, target):
    item = ActionItem.objects.exclude(status="done").first()
    url = reverse("meetings:action_update", args=[item.pk])
    response = admin_client.post(url, {"status": "done", "next": target})
    assert response.status_code == 302
    assert response["Location"] == item.get_absolute_url()
    item.refresh_from_db()
    assert item.status == "done"


def test_followup_update_follows_a_same_site_next(admin_client):
    item = ActionItem.objects.first()
    url = reverse("meetings:action_update", args=[item.pk])
    response = admin_client.post(
        url, {"status": "done", "next": "/meetings/followups/?status=done"}
    )
    assert response["Location"] == "/meetings/followups/?status=done"


@pytest.mark.parametrize("period", ["abc", "", "x" * 50, "2023Q1", "202301", "１９９９"])
def test_approvals_refuse_a_period_of_another_type(admin_client, period):
    url = reverse("indicators:approvals", args=["destana_formed"]) + "?region=52.03&period=2023"
    response = admin_client.post(
        url, {"action": "approve", "cell": [f"52.03.05|{period}"]}, follow=True
    )
    assert response.status_code == 200
    assert not Approval.objects.filter(region_id="52.03.05").exists()
    assert "52.03.05" in response.content.decode()


@pytest.mark.parametrize("field", ["themes", "owner"])
def test_program_form_refuses_ids_beyond_the_database_range(admin_client, field):
    owner = Program.objects.first().owner_id
    data = {"name": "Program uji", "fiscal_year": "2024", "owner": owner, "status": "planned"}
    data[field] = ["99999999999999999999"]
    response = admin_client.post(reverse("programs:program_add"), data)
    assert response.status_code == 200 and "is-invalid" in response.content.decode()
    assert not Program.objects.filter(name="Program uji").exists()


def test_activity_form_refuses_organisation_ids_beyond_the_database_range(admin_client):
    program = Program.objects.first()
    url = reverse("programs:activity_add", args=[program.pk])
    data = {"title": "Kegiatan uji", "region": "52.03", "organizations": ["9" * 25]}
    response = admin_client.post(url, data)
    assert response.status_code == 200 and "is-invalid" in response.content.decode()
