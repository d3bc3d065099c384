"""Collaboration suggestions on a small region tree: Kota Mataram (52.71) and two of its
kecamatan, programs of three organisations based there."""

import pytest
from django.utils import translation

from sinergi.organizations.models import Organization
from sinergi.programs import suggestions
from sinergi.programs.models import Collaboration, DismissedSuggestion, Program, Theme
from sinergi.testing import make_user

pytestmark = pytest.mark.django_db

CITY, AMPENAN, MATARAM = "52.71", "52.71.01", "52.71.02"


@pytest.fixture
def world():
    """destana: BPBD Kota (whole city) and TP PKK Kota (Ampenan) share the theme and Ampenan;
    posyandu: TP PKK Kota in Mataram and Dinkes in Ampenan share a theme but no area; the same
    owner's two programs share both (no suggestion); a program of another year."""
    disaster = Theme.objects.get(code="penanggulangan-bencana")
    health = Theme.objects.get(code="pkk-kesehatan")
    bpbd = Organization.objects.create(
        name="BPBD Kota Mataram", org_type="opd", home_region_id=CITY
    )
    dinkes = Organization.objects.create(
        name="Dinas Kesehatan Kota Mataram", org_type="opd", home_region_id=CITY
    )
    tp_pkk = Organization.objects.get(slug="tp-pkk-52-71")

    def program(name, owner, themes, focus, year=2023):
        p = Program.objects.create(name=name, fiscal_year=year, owner=owner)
        p.themes.set(themes)
        p.focus_regions.set(focus)
        return p

    return {
        "destana": program("Destana kota", bpbd, [disaster], [CITY]),
        "pkk_destana": program("PKK siaga bencana", tp_pkk, [disaster, health], [AMPENAN]),
        "pkk_posyandu": program("Posyandu PKK", tp_pkk, [health], [MATARAM]),
        "dinkes": program("Posyandu Dinkes", dinkes, [health], [AMPENAN]),
        "bpbd_other": program("Sekolah aman", bpbd, [disaster], [AMPENAN]),
        "old": program("Destana lama", dinkes, [disaster], [AMPENAN], year=2022),
        "orgs": {"bpbd": bpbd, "dinkes": dinkes, "tp_pkk": tp_pkk},
    }


@pytest.fixture
def admin():
    return make_user("admin.test", role="admin")


def pairs(found):
    return sorted(sorted((s.program.name, s.other.name)) for s in found)


def test_suggestions_found_with_their_reason(world, admin):
    found = suggestions.find(admin, year=2023)
    assert pairs(found) == [
        ["Destana kota", "PKK siaga bencana"],
        ["PKK siaga bencana", "Posyandu Dinkes"],
        ["PKK siaga bencana", "Sekolah aman"],
    ]
    destana = next(
        s for s in found if s.other.name == "PKK siaga bencana" and s.program.name == "Destana kota"
    )
    assert [r.code for r in destana.regions] == [AMPENAN]  # the narrower of the two
    with translation.override("en"):
        assert destana.reason == "both work on Penanggulangan bencana in Kecamatan Ampenan, 2023"
    # Not suggested: same owner (Destana kota / Sekolah aman), no shared area (Posyandu PKK in
    # Mataram / Posyandu Dinkes in Ampenan), another year (Destana lama).
    on_page = suggestions.find(admin, program=world["pkk_posyandu"])
    assert on_page == []


def test_not_suggested_once_a_collaboration_exists(world, admin):
    Collaboration.objects.create(
        program=world["pkk_destana"], partner=world["orgs"]["bpbd"], role="funder"
    )
    assert ["Destana kota", "PKK siaga bencana"] not in pairs(suggestions.find(admin, year=2023))
    assert ["PKK siaga bencana", "Sekolah aman"] not in pairs(suggestions.find(admin, year=2023))


def test_accept_creates_one_collaboration_with_history(client, world, admin):
    client.force_login(admin)
    destana, pkk = world["destana"], world["pkk_destana"]
    page = client.get(destana.get_absolute_url())
    assert 'id="suggestions"' in page.text and "PKK siaga bencana" in page.text
    response = client.post(
        "/programs/suggestions/accept/",
        {"program": destana.pk, "other": pkk.pk, "role": "mobiliser", "next": "/programs/"},
    )
    assert response.status_code == 302 and response["Location"] == "/programs/"
    collaboration = Collaboration.objects.get(program=destana)
    assert (collaboration.partner, collaboration.role, collaboration.status) == (
        world["orgs"]["tp_pkk"],
        "mobiliser",
        "proposed",
    )
    assert [r.code for r in collaboration.scope_regions.all()] == [AMPENAN]
    assert "Kecamatan Ampenan" in collaboration.commitment
    created = collaboration.history.get(history_type="+")  # then its scope regions: "~"
    assert created.history_user == admin
    # Accepted: no longer suggested, and a second POST creates nothing.
    assert suggestions.find(admin, program=destana) == []
    client.post(
        "/programs/suggestions/accept/",
        {"program": destana.pk, "other": pkk.pk, "role": "mobiliser"},
    )
    assert Collaboration.objects.filter(program=destana).count() == 1


def test_operator_of_the_partner_may_accept_only_its_own_side(client, world):
    tp_pkk = world["orgs"]["tp_pkk"]
    operator = make_user("operator.mataram", role="operator", region=CITY, organization=tp_pkk)
    destana, pkk = world["destana"], world["pkk_destana"]
    [offer] = suggestions.offers(
        operator, next(s for s in suggestions.find(operator, program=destana))
    )
    assert (offer.program, offer.partner) == (destana, tp_pkk)  # TP PKK joins BPBD's program
    client.force_login(operator)
    refused = client.post(
        "/programs/suggestions/accept/", {"program": pkk.pk, "other": destana.pk, "role": "funder"}
    )  # BPBD would join TP PKK's program: not the operator's organisation
    assert refused.status_code == 403 and not Collaboration.objects.exists()
    accepted = client.post(
        "/programs/suggestions/accept/", {"program": destana.pk, "other": pkk.pk, "role": "funder"}
    )
    assert accepted.status_code == 302
    assert Collaboration.objects.get().partner == tp_pkk


@pytest.mark.parametrize("who", ["anonymous", "viewer", "coordinator", "outsider"])
def test_accept_and_dismiss_refused(client, world, persona, who):
    destana, pkk = world["destana"], world["pkk_destana"]
    users = {
        "viewer": lambda: make_user("viewer.mataram", role="viewer", region=CITY),
        "coordinator": lambda: persona("koordinator.ntb"),
        "outsider": lambda: persona("operator.lotim"),  # Lombok Timur: outside the programs
    }
    if who != "anonymous":
        client.force_login(users[who]())
    data = {"program": destana.pk, "other": pkk.pk, "role": "funder"}
    for url in ("/programs/suggestions/accept/", "/programs/suggestions/dismiss/"):
        response = client.post(url, data)
        expected = {"anonymous": 302, "outsider": 404}.get(who, 403)
        assert response.status_code == expected, (url, response.status_code)
    assert not Collaboration.objects.exists() and not DismissedSuggestion.objects.exists()
    if who in ("viewer", "coordinator"):  # they see the suggestion, without the buttons
        page = client.get("/programs/suggestions/?region=52.71&year=2023")
        assert "PKK siaga bencana" in page.text and "suggestion_accept" not in page.text
        assert "/programs/suggestions/accept/" not in page.text


def test_dismissal_is_remembered(client, world, admin):
    client.force_login(admin)
    destana, pkk = world["destana"], world["pkk_destana"]
    response = client.post(
        "/programs/suggestions/dismiss/", {"program": pkk.pk, "other": destana.pk}
    )
    assert response.status_code == 302
    dismissal = DismissedSuggestion.objects.get()
    assert (dismissal.program, dismissal.other, dismissal.dismissed_by) == (destana, pkk, admin)
    assert dismissal.dismissed_at is not None and dismissal.history.count() == 1
    assert ["Destana kota", "PKK siaga bencana"] not in pairs(suggestions.find(admin, year=2023))
    assert "PKK siaga bencana" not in client.get(destana.get_absolute_url()).text
    # A second dismissal of the same pair is no longer a suggestion: 404, nothing added.
    again = client.post("/programs/suggestions/dismiss/", {"program": pkk.pk, "other": destana.pk})
    assert again.status_code == 404 and DismissedSuggestion.objects.count() == 1


def test_suggestions_page(client, world, admin):
    page = client.get("/programs/suggestions/?year=2023")
    assert page.status_code == 200 and 'id="programs-need-role"' in page.text
    assert "Destana kota" not in page.text
    client.force_login(admin)
    page = client.get("/programs/suggestions/?year=2023&region=52.71")
    assert page.text.count("data-pair=") == 3
    assert "/programs/suggestions/accept/" in page.text
    elsewhere = client.get("/programs/suggestions/?year=2023&region=52.01")
    assert 'id="no-suggestions"' in elsewhere.text


def test_demo_has_no_suggestion_but_answers(client, demo, persona):
    """The founding meeting's programs share no theme across owners: the page says so."""
    client.force_login(persona("koordinator.ntb"))
    page = client.get("/programs/suggestions/?year=2023")
    assert page.status_code == 200 and 'id="no-suggestions"' in page.text


def test_dismiss_is_offered_to_and_allowed_for_the_same_users_as_accept(client, world):
    destana, pkk = world["destana"], world["pkk_destana"]
    tp_pkk_operator = make_user(
        "operator.pkk", role="operator", region=CITY, organization=world["orgs"]["tp_pkk"]
    )
    dinkes_operator = make_user(
        "operator.dinkes", role="operator", region=CITY, organization=world["orgs"]["dinkes"]
    )
    data = {"program": destana.pk, "other": pkk.pk}
    client.force_login(dinkes_operator)  # neither program's owner: nothing offered, refused
    page = client.get(destana.get_absolute_url())
    assert "PKK siaga bencana" in page.text and "/programs/suggestions/dismiss/" not in page.text
    assert client.post("/programs/suggestions/dismiss/", data).status_code == 403
    client.force_login(tp_pkk_operator)
    assert "/programs/suggestions/dismiss/" in client.get(destana.get_absolute_url()).text
    assert client.post("/programs/suggestions/dismiss/", data).status_code == 302
    assert DismissedSuggestion.objects.get().dismissed_by == tp_pkk_operator
