"""List filters and choosers take what people type: "DPMPD Dukcapil", "Lombok Timur", a
kecamatan's TP PKK team; a name that matches nothing is said on the page, never a silent empty
list; a name outside the user's scope is "no match" (nothing leaks)."""

import pytest
from django.urls import reverse

from sinergi.meetings.models import Meeting
from sinergi.organizations.models import Organization, Person, Position
from sinergi.programs.models import Program
from sinergi.testing import make_persona

pytestmark = pytest.mark.django_db

NO_ORGANISATION = "Tidak ada lembaga yang boleh Anda pilih yang cocok dengan “{}”"
NO_REGION = "Tidak ada wilayah dengan nama atau kode “{}”"


def listed(response, names) -> set[str]:
    assert response.status_code == 200
    return {name for name in names if name in response.text}


def test_programs_filter_by_organisation_name_acronym_or_slug(reader_client, demo):
    url = reverse("programs:program_list")
    dpmpd = Organization.objects.get(slug="dpmpd-dukcapil-ntb")
    owned = set(Program.objects.filter(owner=dpmpd).values_list("name", flat=True))
    others = set(Program.objects.exclude(owner=dpmpd).values_list("name", flat=True))
    assert owned and others
    for typed in ("DPMPD Dukcapil", "dpmpd dukcapil prov ntb", "dpmpd-dukcapil-ntb", dpmpd.name):
        response = reader_client.get(url, {"owner": typed})
        assert listed(response, owned) == owned, typed
        assert not listed(response, others - owned), typed
    involving = reader_client.get(url, {"organization": "DPMPD Dukcapil"})
    assert listed(involving, owned) == owned


def test_a_name_that_matches_nothing_is_said_on_the_page(reader_client, demo):
    response = reader_client.get(reverse("programs:program_list"), {"owner": "Dinas Pariwisata"})
    assert response.status_code == 200
    assert NO_ORGANISATION.format("Dinas Pariwisata") in response.text
    response = reader_client.get(reverse("programs:program_list"), {"region": "Lombok Tengah X"})
    assert NO_REGION.format("Lombok Tengah X") in response.text
    board = reader_client.get(reverse("meetings:followups"), {"organization": "Dinas Pariwisata"})
    assert NO_ORGANISATION.format("Dinas Pariwisata") in board.text
    assert 'data-status="open"' in board.text  # the board is there, with no card under a wrong name
    assert "Membentuk sisa Destana" not in board.text


def test_region_filters_take_names(reader_client, demo):
    by_code = reader_client.get(reverse("programs:program_list"), {"region": "52.03"})
    by_name = reader_client.get(reverse("programs:program_list"), {"region": "Lombok Timur"})
    names = set(Program.objects.values_list("name", flat=True))
    assert listed(by_name, names) == listed(by_code, names) != set()
    organisations = reader_client.get(
        reverse("organizations:organization_list"), {"region": "Kec. Sakra"}
    )
    assert "TP PKK Kecamatan Sakra" in organisations.text
    assert "TP PKK Kabupaten Lombok Timur" not in organisations.text


def test_meetings_and_follow_ups_filter_by_organisation_name(reader_client, demo):
    meeting = Meeting.objects.get()
    meetings = reader_client.get(reverse("meetings:meeting_list"), {"organiser": "TP PKK Prov NTB"})
    assert meeting.title in meetings.text
    meetings = reader_client.get(reverse("meetings:meeting_list"), {"organiser": "BPBD"})
    assert meeting.title not in meetings.text and "0 hasil" in meetings.text
    board = reader_client.get(reverse("meetings:followups"), {"organization": "BPBD Prov NTB"})
    assert "Membentuk sisa Destana" in board.text
    assert "Menggerakkan TP PKK" not in board.text


def test_a_name_outside_ones_scope_matches_nothing(client, demo):
    """viewer.lobar does not see people of Lombok Timur: typing one is no match, not 0 rows."""
    person = Person.objects.create(name="Lalu Wirawan")
    Position.objects.create(
        person=person, organization=Organization.objects.get(slug="tp-pkk-52-03"), title="Ketua"
    )
    client.force_login(make_persona("viewer.lobar"))
    response = client.get(reverse("meetings:followups"), {"person": "Lalu Wirawan"})
    assert "Tidak ada orang yang boleh Anda pilih bernama “Lalu Wirawan”" in response.text
    client.force_login(make_persona("koordinator.ntb"))
    response = client.get(reverse("meetings:followups"), {"person": "Lalu Wirawan"})
    assert "Tidak ada orang" not in response.text and "0 hasil" not in response.text


def test_choosers_take_organisations_of_every_level(operator_client, demo):
    """The program form's owner: a kecamatan's TP PKK team, typed by name."""
    response = operator_client.post(
        reverse("programs:program_add"),
        {"name": "Kelas Dasawisma", "fiscal_year": 2024, "status": "planned",
         "owner": "TP PKK Kecamatan Sakra"},
    )  # fmt: skip
    assert response.status_code == 302
    program = Program.objects.get(name="Kelas Dasawisma")
    assert program.owner.home_region.level == "district"
    edit = operator_client.get(reverse("programs:program_edit", args=[program.pk]))
    assert 'value="TP PKK Kecamatan Sakra"' in edit.text  # shown as typed, by its name
    assert 'hx-get="/search/organisations/"' in edit.text


def test_a_chooser_refuses_an_organisation_one_may_not_use(client, demo):
    client.force_login(make_persona("operator.lotim"))
    response = client.post(
        reverse("programs:program_add"),
        {"name": "Program luar", "fiscal_year": 2024, "status": "planned", "owner": "BPBD"},
    )
    assert response.status_code == 200
    assert NO_ORGANISATION.format("BPBD") in response.text
    assert not Program.objects.filter(name="Program luar").exists()


def test_several_organisations_by_name_separated_by_semicolons(operator_client, demo):
    program = Program.objects.filter(owner__slug="bpbd-ntb").first()
    response = operator_client.post(
        reverse("programs:activity_add", args=[program.pk]),
        {"title": "Simulasi bencana", "status": "planned", "region": "Kec. Sakra",
         "organizations": "BPBD Prov NTB; TP PKK Desa Kebon Ayu"},
    )  # fmt: skip
    assert response.status_code == 302
    activity = program.activities.get(title="Simulasi bencana")
    assert activity.region.full_name == "Kecamatan Sakra"
    assert sorted(activity.organizations.values_list("slug", flat=True)) == sorted(
        ["bpbd-ntb", Organization.objects.get(name="TP PKK Desa Kebon Ayu").slug]
    )


def test_the_api_filters_take_names_too(reader_client, demo):
    dpmpd = Program.objects.filter(owner__slug="dpmpd-dukcapil-ntb")
    response = reader_client.get("/api/programs/", {"owner": "DPMPD Dukcapil"})
    assert response.status_code == 200
    body = response.json()
    rows = body["results"] if isinstance(body, dict) else body
    assert sorted(row["name"] for row in rows) == sorted(dpmpd.values_list("name", flat=True))
    refused = reader_client.get("/api/programs/", {"owner": "Dinas Pariwisata"})
    assert refused.status_code == 400
    assert "Dinas Pariwisata" in refused.text
