"""Search as you type: the suggestion endpoints rank well and answer through the gate, and the
lookup fields resolve what people type (names, acronyms, aliases, slugs, codes)."""

import re

import pytest
from django.urls import reverse

from sinergi.organizations.models import Organization, Person, Position
from sinergi.regions.models import Region
from sinergi.testing import make_persona

pytestmark = pytest.mark.django_db

ORGS = reverse("search:organizations")
PEOPLE = reverse("search:people")
REGIONS = reverse("search:regions")


def options(response) -> list[tuple[str, str]]:
    """(value, label) of each suggested <option>."""
    assert response.status_code == 200
    return re.findall(r'<option value="([^"]*)">([^<]*)</option>', response.text)


def values(client, url, **params) -> list[str]:
    return [value for value, _label in options(client.get(url, params))]


@pytest.fixture
def lobar_person(db):
    """A person who works only in Kab. Lombok Barat (52.01)."""
    person = Person.objects.create(name="Baiq Nurhayati")
    Position.objects.create(
        person=person, organization=Organization.objects.get(slug="tp-pkk-52-01"), title="Ketua"
    )
    return person


def test_acronym_and_alias_come_first(client, demo):
    dpmpd = Organization.objects.get(slug="dpmpd-dukcapil-ntb")
    found = options(client.get(ORGS, {"q": "DPMPD Dukcapil"}))
    assert found[0] == (dpmpd.name, f"{dpmpd.name} (DPMPD Dukcapil) — Provinsi Nusa Tenggara Barat")
    assert (
        values(client, ORGS, q="bpbd prov ntb")[0] == Organization.objects.get(slug="bpbd-ntb").name
    )


def test_organisations_of_every_level_are_offered(client, demo):
    """Kecamatan and village bodies too (the old choosers stopped at kab/kota)."""
    assert values(client, ORGS, q="TP PKK Kecamatan Sakra")[0] == "TP PKK Kecamatan Sakra"
    village = values(client, ORGS, q="Kebon Ayu")
    assert "TP PKK Desa Kebon Ayu" in village
    assert len(values(client, ORGS, q="TP PKK")) == 15  # limited, never the 1,294 teams


def test_the_field_reads_the_input_named_by_field(client, demo):
    """htmx sends the input's own value under its name: `?field=owner&owner=…`."""
    assert values(client, ORGS, field="owner", owner="BPKAD")[0].startswith("Badan Pengelolaan")
    assert values(client, ORGS, field="organizations", organizations="BPBD; BPKAD", separator=";")[
        0
    ].startswith("Badan Pengelolaan")


def test_organisations_one_may_change_are_only_ones_own(client, demo):
    client.force_login(make_persona("operator.lotim"))
    assert values(client, ORGS, q="TP PKK Kabupaten", action="change") == [
        "TP PKK Kabupaten Lombok Timur"
    ]
    client.force_login(make_persona("viewer.lobar"))
    assert values(client, ORGS, q="TP PKK", action="change") == []
    client.logout()
    assert values(client, ORGS, q="TP PKK", action="change") == []
    assert values(client, ORGS, q="TP PKK", action="delete") != []  # unknown: read as "view"


def test_people_are_offered_only_to_those_who_may_see_them(client, demo, lobar_person):
    assert values(client, PEOPLE, q="Baiq") == []  # a visitor sees nobody
    assert values(client, PEOPLE, q="Lale") == []
    client.force_login(make_persona("operator.lotim"))
    assert values(client, PEOPLE, q="Baiq") == []  # Lombok Barat is not its area
    client.force_login(make_persona("viewer.lobar"))
    assert options(client.get(PEOPLE, {"q": "nurhay"})) == [
        ("Baiq Nurhayati", "Baiq Nurhayati — Ketua TP PKK Kabupaten Lombok Barat")
    ]
    client.force_login(make_persona("koordinator.ntb"))
    assert values(client, PEOPLE, q="ruslan") == ["Ruslan Abdul Gani"]


def test_two_people_of_one_name_are_told_apart(client, demo, lobar_person):
    twin = Person.objects.create(name="Baiq Nurhayati")
    Position.objects.create(
        person=twin, organization=Organization.objects.get(slug="tp-pkk-52-03"), title="Sekretaris"
    )
    client.force_login(make_persona("koordinator.ntb"))
    assert sorted(values(client, PEOPLE, q="Baiq Nurhayati")) == sorted(
        [f"Baiq Nurhayati (#{lobar_person.pk})", f"Baiq Nurhayati (#{twin.pk})"]
    )
    assert list(Person.objects.lookup(f"Baiq Nurhayati (#{twin.pk})")) == [twin]
    assert Person.objects.lookup("Baiq Nurhayati").count() == 2  # a form says "several"


def test_regions_by_name_code_and_kind_word(client):
    assert values(client, REGIONS, q="Lombok Timur")[0] == "52.03"
    assert values(client, REGIONS, q="Mataram")[0] == "52.71"  # the kota before its kecamatan
    assert values(client, REGIONS, q="kec. mataram") == ["52.71.02"]
    assert values(client, REGIONS, q="52.03.0")[:2] == ["52.03.01", "52.03.02"]
    assert values(client, REGIONS, q="Kebon Ayu") == ["52.01.01.2002"]
    assert values(client, REGIONS, q="") == []


def test_typed_names_resolve_to_one_record_or_none():
    assert [r.code for r in Region.objects.lookup("Lombok Timur")] == ["52.03"]
    assert [r.code for r in Region.objects.lookup("Kab. Lombok Timur")] == ["52.03"]
    assert [r.code for r in Region.objects.lookup("Kecamatan Mataram")] == ["52.71.02"]
    assert [r.code for r in Region.objects.lookup("52.03")] == ["52.03"]
    assert list(Region.objects.lookup("Atlantis")) == []
    tp_pkk = Organization.objects.get(slug="tp-pkk-52-03")
    assert list(Organization.objects.lookup("tp-pkk-52-03")) == [tp_pkk]
    assert list(Organization.objects.lookup(str(tp_pkk.pk))) == [tp_pkk]
    assert list(Organization.objects.lookup("9" * 25)) == []  # beyond the integers: no crash
    assert list(Organization.objects.lookup("tp pkk kabupaten lombok timur")) == [tp_pkk]
