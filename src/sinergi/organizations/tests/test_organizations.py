import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from sinergi.organizations.models import Organization, Person, Position
from sinergi.organizations.services import ensure_tp_pkk_teams, tp_pkk_team
from sinergi.regions.models import Region

pytestmark = pytest.mark.django_db


def test_every_region_has_its_tp_pkk_team_linked_to_the_parent_team():
    assert Organization.objects.filter(org_type="tp_pkk").count() == Region.objects.count()
    village_team = tp_pkk_team("52.03.05.2001")
    assert village_team.name == "TP PKK Desa " + Region.objects.get(code="52.03.05.2001").name
    assert village_team.parent.home_region_id == "52.03.05"
    assert village_team.parent.parent.name == "TP PKK Kabupaten Lombok Timur"
    assert village_team.parent.parent.parent.name == "TP PKK Provinsi Nusa Tenggara Barat"


def test_a_second_team_for_a_region_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        Organization.objects.create(
            name="Tim kedua", slug="tim-kedua", org_type="tp_pkk", home_region_id="52"
        )


def test_renamed_region_renames_its_team():
    Region.objects.filter(code="52.71.01").update(name="Ampenan Baru")
    counts = ensure_tp_pkk_teams()
    assert counts["district_renamed"] == 1
    assert tp_pkk_team("52.71.01").name == "TP PKK Kecamatan Ampenan Baru"


def test_person_display_keeps_honorifics_and_degrees_apart():
    person = Person(name="Ruslan Abdul Gani", degrees="SH., MH.")
    assert person.display_name == "Ruslan Abdul Gani, SH., MH."
    assert Person(name="Lale Prayatni", honorific="Hj.").display_name == "Hj. Lale Prayatni"


def test_list_filters_by_type_and_region_with_descendants(client, demo):
    url = reverse("organizations:organization_list")
    opd = client.get(url, {"org_type": "opd"})
    names = [row.record.slug for row in opd.context["table"].page.object_list]
    assert sorted(names) == ["bpbd-ntb", "bpkad-ntb", "dpmpd-dukcapil-ntb"]
    lotim = client.get(url, {"org_type": "tp_pkk", "region": "52.03"})
    assert lotim.context["table"].paginator.count == 1 + 21 + 254


def test_list_page_query_count_is_bounded(client, demo, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = client.get(reverse("organizations:organization_list"))
    assert response.status_code == 200


def test_detail_shows_positions_programs_and_collaborations(reader_client, demo):
    client = reader_client
    tp_pkk = tp_pkk_team("52")
    response = client.get(tp_pkk.get_absolute_url())
    assert "Lale Prayatni" in response.text and "Ketua I" in response.text
    assert "Destana" in response.text  # a collaboration
    bpbd = client.get(reverse("organizations:organization_detail", args=["bpbd-ntb"]))
    assert "Ruslan Abdul Gani, SH., MH." in bpbd.text
    assert "Kepala Pelaksana" in bpbd.text


def test_anonymous_cannot_open_the_create_form(client):
    response = client.get(reverse("organizations:organization_add"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    response = client.post(reverse("organizations:organization_add"), {"name": "X"})
    assert response.status_code == 302
    assert not Organization.objects.filter(name="X").exists()


def test_signed_in_user_creates_an_organisation(operator_client):
    response = operator_client.post(
        reverse("organizations:organization_add"),
        {
            "name": "Dinas Kesehatan Kabupaten Lombok Timur",
            "acronym": "Dikes",
            "org_type": "opd",
            "home_region": "52.03",
            "aliases": "Dinkes Lotim\nDikes Lotim",
        },
    )
    org = Organization.objects.get(acronym="Dikes")
    assert response.status_code == 302 and response["Location"] == org.get_absolute_url()
    assert org.home_region_id == "52.03" and org.aliases == ["Dinkes Lotim", "Dikes Lotim"]


def test_unknown_region_code_is_explained(operator_client):
    response = operator_client.post(
        reverse("organizations:organization_add"),
        {"name": "Nowhere", "org_type": "ngo", "home_region": "52.99"},
    )
    assert response.status_code == 200
    assert "home_region" in response.context["form"].errors
    assert not Organization.objects.filter(name="Nowhere").exists()


def test_position_is_added_with_its_person(operator_client, demo):
    bpkad = Organization.objects.get(slug="bpkad-ntb")
    response = operator_client.post(
        reverse("organizations:position_add", args=[bpkad.slug]),
        {
            "person_name": "Contoh Nama",
            "honorific": "Drs.",
            "degrees": "M.Si.",
            "title": "Kepala",
            "start_date": "2023-01-01",
            "end_date": "2022-01-01",
        },
    )
    assert response.status_code == 200  # end before start
    assert not Position.objects.filter(organization=bpkad).exists()
    operator_client.post(
        reverse("organizations:position_add", args=[bpkad.slug]),
        {"person_name": "Contoh Nama", "title": "Kepala", "start_date": "2023-01-01"},
    )
    assert Position.objects.get(organization=bpkad).person.name == "Contoh Nama"
