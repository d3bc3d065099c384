"""Fuzzing as every persona: generated query parameters on the list and detail pages with filters,
generated form posts to the main forms and generated JSON bodies to the API. Any answer of 500 (or
an exception escaping a view) fails. Bounded and derandomized, so CI runs the same examples in a
few tens of seconds."""

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from sinergi.meetings.models import ActionItem
from sinergi.organizations.models import Organization
from sinergi.programs.models import Program
from sinergi.testing import fuzz_settings, make_persona, make_user

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "norole", "viewer.lobar", "operator.lotim", "koordinator.ntb", "admin"]
FUZZ = fuzz_settings()

# Text people and attackers type: numbers of every size and sign, impossible dates, region
# codes, non-ASCII digits, markup, links, and anything else.
hostile_text = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "0",
            "-1",
            "1.5",
            "1e999",
            "NaN",
            "99999999999999999999",
            "2023",
            "2023Q1",
            "202313",
            "2026-13-45",
            "52",
            "52.03",
            "52.03.05.2001",
            "52.99",
            "１９９９",
            "٣",
            "javascript:alert(1)",
            "https://evil.example/",
            "<script>",
            "' OR 1=1 --",
            "%00",
            "destana_formed",
            "tp-pkk-52-03",
            "open",
            "done",
            "csv",
            "xlsx",
            "json",
            "-name",
        ]
    ),  # fmt: skip
    st.integers(min_value=-(2**80), max_value=2**80).map(str),
    st.text(max_size=40),
)


@pytest.fixture
def clients(demo):
    users = {name: make_persona(name) for name in PERSONAS if name not in ("anonymous", "norole")}
    users["norole"] = make_user("norole")
    result = {"anonymous": Client()}
    for name, user in users.items():
        result[name] = Client()
        result[name].force_login(user)
    return result


def page_urls() -> list[str]:
    program = Program.objects.order_by("pk").first()
    meeting_item = ActionItem.objects.order_by("pk").first()
    return [
        "/", "/regions/", "/regions/52.03/", "/search/regions/", "/search/organisations/",
        "/search/people/", "/organizations/",
        "/programs/", "/programs/5w/", f"/programs/{program.pk}/", "/meetings/",
        f"/meetings/{meeting_item.meeting_id}/", "/meetings/followups/", "/indicators/",
        "/indicators/destana_formed/", "/indicators/destana_formed/gaps/",
        "/indicators/destana_formed/entry/", "/indicators/destana_formed/approvals/",
        "/indicators/destana_level/", "/indicators/import/", "/history/", "/accounts/roles/",
        "/api/regions/", "/api/organizations/", "/api/programs/", "/api/indicators/",
        "/api/indicators/destana_formed/rollup/", "/api/indicators/destana_formed/rollup.json",
        "/api/values/", "/api/meetings/", "/api/follow-ups/", "/reports/region/52.03.pdf",
        "/regions/groups/", "/api/region-groups/",
    ]  # fmt: skip


PARAMETERS = ["q", "region", "period", "year", "level", "kind", "within", "theme", "owner",
              "organization", "organiser", "status", "overdue", "org_type", "sort", "page",
              "page_size", "ordering", "format", "export", "since", "model", "user", "event",
              "indicator", "source_kind", "field", "next", "group", "purpose"]  # fmt: skip


def assert_no_server_error(response, what):
    assert response.status_code < 500, f"{what} answered {response.status_code}"


@FUZZ
@given(data=st.data())
def test_query_parameters_never_cause_a_server_error(clients, data):
    persona = data.draw(st.sampled_from(PERSONAS), label="persona")
    url = data.draw(st.sampled_from(page_urls()), label="url")
    params = data.draw(st.dictionaries(st.sampled_from(PARAMETERS), hostile_text, max_size=4))
    response = clients[persona].get(url, params)
    assert_no_server_error(response, f"GET {url} {params} as {persona}")


# Writers come up more often: their requests reach the code behind the gate.
WRITERS = st.sampled_from(["admin", "admin", "operator.lotim", "operator.lotim"] + PERSONAS)


def mutated(baseline: dict, values: st.SearchStrategy) -> st.SearchStrategy:
    """A valid request with up to three of its fields (or unknown ones) replaced."""
    keys = st.sampled_from([*baseline, "unknown"])
    return st.dictionaries(keys, values, max_size=3).map(lambda changes: {**baseline, **changes})


def form_targets() -> dict[str, dict]:
    """URL → a valid post of its form."""
    program = Program.objects.order_by("pk").first()
    item = ActionItem.objects.order_by("pk").first()
    organization = Organization.objects.get(slug="tp-pkk-52-03")
    village = "52.03.05.2001"
    program_form = {
        "name": "Program uji",
        "fiscal_year": "2024",
        "owner": program.owner_id,
        "status": "planned",
        "themes": [],
        "budget": "1000",
        "focus_regions": "52.03",
    }
    entry = {f"value_{village}": "1", f"orig_{village}": "", f"version_{village}": "0"}
    meeting_form = {
        "meeting-title": "Rapat uji",
        "meeting-date": "2024-02-14",
        "meeting-region": "52.03",
        "meeting-organiser": organization.pk,
        "participants-TOTAL_FORMS": "1",
        "participants-INITIAL_FORMS": "0",
        "participants-0-organization": organization.pk,
        "participants-0-role": "speaker",
        "agreements-TOTAL_FORMS": "1",
        "agreements-INITIAL_FORMS": "0",
        "agreements-0-text": "Kesepakatan uji",
        "agreements-0-regions": "52.03",
        "followups-TOTAL_FORMS": "1",
        "followups-INITIAL_FORMS": "0",
        "followups-0-what": "Tindak lanjut uji",
        "followups-0-responsible_organization": organization.pk,
        "followups-0-due_date": "2024-03-01",
        "followups-0-status": "open",
    }
    return {
        "/programs/add/": program_form,
        f"/programs/{program.pk}/edit/": program_form,
        f"/programs/{program.pk}/activities/add/": {
            "title": "Kegiatan uji", "status": "planned", "region": village,
            "organizations": [organization.pk], "start_date": "2024-01-01",
            "budget_planned": "0"},
        "/organizations/add/": {"name": "Lembaga uji", "org_type": "ngo", "home_region": "52.03",
                                "parent": organization.pk},
        f"/organizations/{organization.slug}/positions/add/": {
            "title": "Ketua", "name": "Nama Uji", "start_date": "2024-01-01"},
        "/indicators/destana_formed/entry/?region=52.03.05&period=2023": entry,
        "/indicators/destana_level/entry/?region=52.03.05&period=2023": entry,
        "/indicators/destana_formed/approvals/?region=52.03&period=2023": {
            "action": "approve", "cell": ["52.03.05|2023"], "comment": "ok"},
        f"/meetings/followups/{item.pk}/update/": {"status": "done", "note": "x",
                                                    "next": "/meetings/followups/"},
        "/accounts/roles/": {"username": "norole", "role": "viewer", "region": "52.03"},
        "/meetings/add/": meeting_form,
        f"/meetings/{item.meeting_id}/edit/": meeting_form,
        f"/meetings/{item.meeting_id}/edit/?add": {**meeting_form, "add-agreements": "1"},
    }  # fmt: skip


@FUZZ
@given(data=st.data())
def test_form_posts_never_cause_a_server_error(clients, data):
    persona = data.draw(WRITERS, label="persona")
    value = st.one_of(hostile_text, st.lists(hostile_text, min_size=1, max_size=3))
    for url, baseline in form_targets().items():  # every form in every example
        form = data.draw(mutated(baseline, value), label=url)
        response = clients[persona].post(url, form)
        assert_no_server_error(response, f"POST {url} {form} as {persona}")


json_value = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(2**100), max_value=2**100),
        st.floats(allow_nan=False, allow_infinity=False),
        hostile_text,
    ),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(hostile_text, children,
                                                                      max_size=3),
    max_leaves=8,
)  # fmt: skip
json_or_unicode = st.one_of(json_value, st.sampled_from(["１２", "1e999", 10**30, -1, [], {}]))


def api_targets() -> list[tuple[str, str, dict]]:
    """(method, URL, a valid body)."""
    program = Program.objects.order_by("pk").first()
    item = ActionItem.objects.order_by("pk").first()
    program_body = {"name": "Program uji", "fiscal_year": 2024, "owner": program.owner_id,
                    "themes": [], "budget": "1000", "focus_regions": ["52.03"],
                    "status": "planned"}  # fmt: skip
    return [
        ("post", "/api/values/", {"indicator": "destana_formed", "period": "2023"}),
        ("post", "/api/programs/", program_body),
        ("patch", f"/api/programs/{program.pk}/", program_body),
        ("patch", f"/api/follow-ups/{item.pk}/", {"status": "done"}),
        ("post", "/api/organizations/", {"name": "Lembaga uji", "org_type": "ngo",
                                         "home_region": "52.03"}),
    ]  # fmt: skip


VALUE_ITEM = st.one_of(  # a known region with a strange value, or anything else strange
    st.fixed_dictionaries(
        {"region": st.sampled_from(["52.03.05.2001", "52.01.01.2002", "52.03"]),
         "value": json_or_unicode},
        optional={"version": json_or_unicode, "comment": json_or_unicode},
    ),
    mutated({"region": "52.03.05.2001", "value": 1}, json_or_unicode),
)  # fmt: skip


@FUZZ
@given(data=st.data())
def test_api_bodies_never_cause_a_server_error(clients, data):
    persona = data.draw(WRITERS, label="persona")
    for method, url, baseline in api_targets():  # every endpoint in every example
        body = data.draw(st.just(baseline) | mutated(baseline, json_or_unicode), label=url)
        if url == "/api/values/" and "values" not in body:
            body["values"] = data.draw(st.lists(VALUE_ITEM, min_size=1, max_size=3))
        response = getattr(clients[persona], method)(url, body, content_type="application/json")
        assert_no_server_error(response, f"{method.upper()} {url} {body!r} as {persona}")
