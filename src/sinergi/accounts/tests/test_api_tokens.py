"""Personal API tokens: made on the profile page or with a password (locked out like the sign-in
form), stored hashed, accepted as Token/Bearer/ApiToken, revoked, rate-limited, and named in the
history of every change made with them."""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from sinergi.accounts.authentication import KEYWORDS
from sinergi.accounts.models import ApiToken
from sinergi.accounts.throttles import AnonAddressRateThrottle, TokenRateThrottle
from sinergi.accounts.tokens import create_token, digest
from sinergi.core.models import AuditEvent
from sinergi.indicators.models import DataValue
from sinergi.organizations.models import Organization
from sinergi.programs.models import Program
from sinergi.testing import PASSWORD, make_persona

pytestmark = pytest.mark.django_db
TOKEN_URL = "/api/v1/auth/token/"


def api(key, scheme="Token"):
    return APIClient(HTTP_AUTHORIZATION=f"{scheme} {key}", raise_request_exception=False)


def test_page_makes_a_token_shown_once_and_stores_only_its_digest(demo):
    user = make_persona("operator.lotim")
    client = Client()
    client.force_login(user)
    page = client.get("/accounts/tokens/")
    assert page.status_code == 200 and "Buat token" in page.content.decode()
    response = client.post("/accounts/tokens/", {"name": "Skrip Dinkes"})
    html = response.content.decode()
    token = ApiToken.objects.get(user=user)
    key = html.split('id="new-token-key">')[1].split("<")[0]
    assert key.startswith("sng_") and len(key) > 40 and token.prefix == key[:12]
    assert token.key_digest == digest(key) and key not in str(vars(token))
    assert "hanya ditampilkan sekali ini" in html and response["Cache-Control"] == "no-store"
    again = client.get("/accounts/tokens/").content.decode()
    assert key not in again and "Skrip Dinkes" in again and token.prefix in again
    assert api(key).get("/api/v1/programs/").status_code == 200


def test_page_refuses_an_empty_name_and_needs_a_sign_in(demo):
    client = Client()
    assert client.get("/accounts/tokens/").status_code == 302
    client.force_login(make_persona("viewer.lobar"))
    response = client.post("/accounts/tokens/", {"name": "  "})
    assert response.status_code == 200 and not ApiToken.objects.exists()
    assert "Bidang ini harus diisi" in response.content.decode()


@pytest.mark.parametrize("scheme", ["Token", "Bearer", "ApiToken", "bearer"])
def test_every_scheme_authenticates_as_the_tokens_user(demo, scheme):
    assert scheme.lower() in KEYWORDS
    token, key = create_token(make_persona("operator.lotim"), "x")
    response = api(key, scheme).patch(
        f"/api/v1/follow-ups/{999999}/", {"status": "done"}, format="json"
    )
    assert response.status_code == 404  # authenticated (an anonymous write answers 401)
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.parametrize(
    "header", ["Token", "Token a b", "Token sng_wrong", "Bearer " + "x" * 500, "Token \xe9"]
)
def test_bad_tokens_answer_401_in_the_one_shape(demo, header):
    client = APIClient(HTTP_AUTHORIZATION=header)
    response = client.get("/api/v1/meetings/")
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"
    assert response["WWW-Authenticate"] == 'Token realm="api"'


def test_a_revoked_token_or_inactive_user_is_refused(demo):
    user = make_persona("operator.lotim")
    token, key = create_token(user, "x")
    assert api(key).get("/api/v1/meetings/").status_code == 200
    client = Client()
    client.force_login(user)
    client.post(f"/accounts/tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked and api(key).get("/api/v1/meetings/").status_code == 401
    _other, key = create_token(user, "y")
    user.is_active = False
    user.save()
    assert api(key).get("/api/v1/meetings/").status_code == 401


def test_nobody_revokes_someone_elses_token(demo):
    token, key = create_token(make_persona("operator.lotim"), "x")
    client = Client()
    client.force_login(make_persona("admin"))
    assert client.post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 404
    assert "x" not in [t.name for t in ApiToken.objects.filter(user__username="admin")]
    assert client.get("/accounts/tokens/").content.decode().count(token.prefix) == 0
    token.refresh_from_db()
    assert not token.revoked and api(key).get("/api/v1/meetings/").status_code == 200


def test_password_makes_a_token(demo):
    make_persona("operator.lotim")
    response = APIClient().post(
        TOKEN_URL,
        {"username": "operator.lotim", "password": PASSWORD, "name": "OpenSID"},
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["name"] == "OpenSID" and body["token"].startswith(body["prefix"])
    assert api(body["token"], "ApiToken").get("/api/v1/meetings/").status_code == 200
    assert AuditEvent.objects.filter(kind="login", username="operator.lotim").exists()


def test_wrong_password_is_refused_and_locks_out_like_the_sign_in_form(demo, settings):
    make_persona("operator.lotim")
    settings.AXES_FAILURE_LIMIT = 3
    client = APIClient()
    wrong = {"username": "operator.lotim", "password": "salah"}
    for _attempt in range(2):
        response = client.post(TOKEN_URL, wrong, format="json")
        assert response.status_code == 400
        assert response.json()["errors"] == {
            "non_field_errors": ["Nama pengguna atau kata sandi salah."]
        }
    response = client.post(TOKEN_URL, wrong, format="json")
    assert response.status_code == 429 and response.json()["code"] == "locked_out"
    right = {"username": "operator.lotim", "password": PASSWORD}
    response = client.post(TOKEN_URL, right, format="json")
    assert response.status_code == 429 and not ApiToken.objects.exists()
    # the sign-in form shares the lock
    form = Client().post("/accounts/login/", right)
    assert form.status_code != 302
    failed = AuditEvent.objects.filter(kind="login_failed", username="operator.lotim")
    assert failed.count() == 4  # three through the API, then the form's (a locked API try is not)


def test_token_request_with_bad_input(demo):
    client = APIClient()
    for body in [{}, {"username": ["a"], "password": 1}, {"username": "x" * 200, "password": ""}]:
        response = client.post(TOKEN_URL, body, format="json")
        assert response.status_code == 400 and response.json()["code"] == "invalid"
    assert client.get(TOKEN_URL).status_code == 405


def test_changes_through_a_token_name_it_in_the_history(demo):
    user = make_persona("operator.lotim")
    token, key = create_token(user, "Skrip OpenSID")
    team = Organization.objects.get(slug="tp-pkk-52-03")  # operator.lotim's organisation
    program = Program.objects.create(name="Posyandu", fiscal_year=2024, owner=team)
    response = api(key).patch(f"/api/v1/programs/{program.pk}/", {"name": "Lewat token"},
                              format="json")  # fmt: skip
    assert response.status_code == 200
    record = program.history.order_by("-history_id").first()
    assert record.history_user == user
    assert record.history_change_reason == f"API: Skrip OpenSID ({token.prefix}…)"
    response = api(key).post(
        "/api/v1/values/",
        {"indicator": "destana_level", "period": "2023",
         "values": [{"region": "52.03.05.2001", "value": 2}]},
        format="json",
    )  # fmt: skip
    assert response.status_code == 200, response.json()
    value = DataValue.objects.get(region_id="52.03.05.2001", indicator__code="destana_level",
                                  period="2023")  # fmt: skip
    assert value.history.first().history_change_reason.startswith("API: Skrip OpenSID")
    admin = Client()
    admin.force_login(make_persona("admin"))
    assert "API: Skrip OpenSID" in admin.get("/history/").content.decode()
    # the same change through a session names no token
    session = APIClient()
    session.force_login(user)
    session.patch(f"/api/v1/programs/{program.pk}/", {"name": "Lewat sesi"}, format="json")
    assert program.history.order_by("-history_id").first().history_change_reason is None


def test_throttles_count_per_token_and_per_anonymous_address(demo, monkeypatch):
    monkeypatch.setattr(TokenRateThrottle, "THROTTLE_RATES", {"user": "3/hour"})
    monkeypatch.setattr(AnonAddressRateThrottle, "THROTTLE_RATES", {"anon": "2/hour"})
    user = make_persona("operator.lotim")
    _one, first = create_token(user, "a")
    _two, second = create_token(user, "b")
    for _attempt in range(3):
        assert api(first).get("/api/v1/regions/52/").status_code == 200
    refused = api(first).get("/api/v1/regions/52/")
    assert refused.status_code == 429 and refused.json()["code"] == "throttled"
    assert int(refused["Retry-After"]) > 0
    assert api(second).get("/api/v1/regions/52/").status_code == 200  # its own budget
    anonymous = APIClient(REMOTE_ADDR="10.0.0.1")
    assert [anonymous.get("/api/v1/regions/52/").status_code for _ in range(3)] == [200, 200, 429]
    other = APIClient(REMOTE_ADDR="10.0.0.2")
    assert other.get("/api/v1/regions/52/").status_code == 200


def test_create_token_command_prints_the_key_once(demo, capsys):
    from django.core.management import call_command

    make_persona("viewer.lobar")
    call_command("create_token", "viewer.lobar", "--name", "cron")
    key = capsys.readouterr().out.strip()
    assert ApiToken.objects.get(name="cron").key_digest == digest(key)
    assert api(key).get("/api/v1/meetings/").status_code == 200


def test_bulk_history_writes_name_the_token_too(demo, monkeypatch):
    """The paths that write history rows in bulk (approvals, many values at once) give the same
    reason as the ORM path when the request came with a token."""
    from django.test import RequestFactory
    from simple_history.models import HistoricalRecords

    from sinergi.indicators.approvals import act
    from sinergi.indicators.models import Indicator
    from sinergi.indicators.services import ValueChange, save_values

    admin, coordinator = make_persona("admin"), make_persona("koordinator.ntb")
    indicator = Indicator.objects.get(code="destana_level")
    villages = ["52.03.05.2001", "52.03.05.2002"]
    request = RequestFactory().post("/api/v1/values/")
    request.history_reason = "API: skrip (sng_abcdefgh…)"
    monkeypatch.setattr(HistoricalRecords.context, "request", request, raising=False)
    save_values(indicator, "2023", [ValueChange(code, 1) for code in villages], admin)
    act("approve", indicator, [("52.03.05", "2023")], coordinator)
    values = DataValue.objects.filter(indicator=indicator, region_id__in=villages)
    reasons = set(DataValue.history.filter(id__in=values).values_list("history_change_reason",
                                                                       flat=True))  # fmt: skip
    assert reasons == {"API: skrip (sng_abcdefgh…)"}
    assert DataValue.history.filter(id__in=values, history_type="~").exists()  # the approval
