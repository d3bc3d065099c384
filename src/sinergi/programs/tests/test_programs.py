import pytest
from django.urls import reverse

from sinergi.organizations.models import Organization
from sinergi.programs.models import Activity, Collaboration, Program, Theme
from sinergi.programs.services import five_w_matrix
from sinergi.regions.models import Region

pytestmark = pytest.mark.django_db


def make_program(name, owner_slug=None, year=2024, focus=(), themes=("adminduk",)):
    program = Program.objects.create(
        name=name,
        fiscal_year=year,
        owner=Organization.objects.get(slug=owner_slug) if owner_slug else None,
    )
    program.focus_regions.set(Region.objects.filter(code__in=focus))
    program.themes.set(Theme.objects.filter(code__in=themes))
    return program


def test_themes_are_seeded_by_migration():
    groups = dict(Theme.objects.values_list("code", "group"))
    assert groups["penanganan-stunting"] == "priority"
    assert groups["tanggap-darurat"] == "disaster_stage"
    assert sum(1 for g in groups.values() if g == "pokok_pkk") == 10
    assert sum(1 for g in groups.values() if g == "pokja") == 4


def test_within_uses_focus_scope_activity_and_owner_home(demo):
    in_lotim = Program.objects.within("52.03")
    assert [p.name for p in in_lotim] == [Program.objects.get(name__contains="Destana").name]
    assert Program.objects.within("52").count() == 5
    assert not Program.objects.within("52.01").exists()
    adminduk = Program.objects.get(name__contains="Adminduk")
    Activity.objects.create(program=adminduk, title="Perekaman KTP-el", region_id="52.01.01.2002")
    assert list(Program.objects.within("52.01")) == [adminduk]
    assert list(Program.objects.within("52.01.01")) == [adminduk]


def test_program_list_filters(reader_client, demo):
    url = reverse("programs:program_list")

    def names(**params):
        response = reader_client.get(url, params)
        assert response.status_code == 200
        return sorted(row.record.name for row in response.context["table"].page.object_list)

    assert len(names(year=2023)) == 5
    assert names(year=2022) == []
    assert names(theme="tanggap-darurat") == [n for n in names() if "Destana" in n]
    assert len(names(owner="dpmpd-dukcapil-ntb")) == 3
    assert len(names(organization="tp-pkk-52")) == 5
    assert len(names(region="52.71")) == 1
    assert len(names(region="52.71.01.1004")) == 0
    assert len(names(status="ongoing")) == 1
    assert len(names(q="adminduk")) == 1


def test_program_list_query_count_is_bounded(reader_client, demo, django_assert_max_num_queries):
    for i in range(20):
        make_program(
            f"Program {i}", "bpbd-ntb", focus=["52.01"], themes=["adminduk", "pra-bencana"]
        )
    # +1: the reader's role assignments; +2: the budget charts (by organisation, by theme)
    with django_assert_max_num_queries(11):
        response = reader_client.get(reverse("programs:program_list"))
    assert response.status_code == 200


def test_program_detail_shows_partners_and_focus(reader_client, demo):
    destana = Program.objects.get(name__contains="Destana")
    response = reader_client.get(destana.get_absolute_url())
    assert "TP PKK Provinsi Nusa Tenggara Barat" in response.text
    assert "Kota Mataram" in response.text and "Kabupaten Sumbawa Barat" in response.text


def test_five_w_matrix_for_ntb(demo, persona):
    matrix = five_w_matrix(Region.objects.get(code="52"), 2023, persona("koordinator.ntb"))
    slugs = {org.slug for org in matrix.organizations}
    assert slugs == {"tp-pkk-52", "dpmpd-dukcapil-ntb", "bpbd-ntb"}
    tp_pkk = Organization.objects.get(slug="tp-pkk-52")
    stage = Theme.objects.get(code="tanggap-darurat")
    cell = matrix.cells[(tp_pkk.pk, stage.pk)]
    assert [program.name for program, _role in cell.programs] == [
        Program.objects.get(name__contains="Destana").name
    ]
    assert str(cell.programs[0][1]) in ("Mobiliser", "Penggerak")


def test_five_w_page_filters_by_kab_kota_and_links_cells(reader_client, demo):
    response = reader_client.get(reverse("programs:five_w"), {"region": "52.03", "year": 2023})
    assert response.status_code == 200
    matrix = response.context["matrix"]
    assert matrix.program_count == 1
    assert {org.slug for org in matrix.organizations} == {"tp-pkk-52", "bpbd-ntb"}
    assert "organization=bpbd-ntb&amp;year=2023&amp;region=52.03" in response.text
    empty = reader_client.get(reverse("programs:five_w"), {"region": "52.01", "year": 2023})
    assert empty.context["matrix"].program_count == 0


def test_five_w_shows_activities_below_the_region(reader_client, demo):
    destana = Program.objects.get(name__contains="Destana")
    activity = Activity.objects.create(
        program=destana,
        title="Sosialisasi Destana",
        region_id="52.03.05.2001",
        stage=Theme.objects.get(code="pra-bencana"),
    )
    activity.organizations.set(Organization.objects.filter(slug__in=["tp-pkk-52"]))
    response = reader_client.get(reverse("programs:five_w"), {"region": "52.03", "year": 2023})
    assert response.context["matrix"].activity_count == 1
    assert "Sosialisasi Destana" in response.text


def test_five_w_query_count_is_bounded(reader_client, demo, django_assert_max_num_queries):
    for i in range(10):
        make_program(f"Program {i}", "bpbd-ntb", year=2023, focus=["52.01"], themes=["adminduk"])
    with django_assert_max_num_queries(14):
        reader_client.get(reverse("programs:five_w"), {"year": 2023})


def test_create_program_with_focus_regions_by_code(operator_client):
    response = operator_client.post(
        reverse("programs:program_add"),
        {
            "name": "Posyandu Keluarga",
            "fiscal_year": 2024,
            "status": "planned",
            "themes": [Theme.objects.get(code="pkk-kesehatan").pk],
            "focus_regions": "52.03, 52.07",
            "budget": "150000000",
        },
    )
    program = Program.objects.get(name="Posyandu Keluarga")
    assert response.status_code == 302
    assert sorted(program.focus_regions.values_list("code", flat=True)) == ["52.03", "52.07"]


def test_program_form_explains_bad_input(operator_client):
    response = operator_client.post(
        reverse("programs:program_add"),
        {
            "name": "X",
            "fiscal_year": 1990,
            "status": "planned",
            "focus_regions": "52.03, 52.98",
            "budget": "-5",
        },
    )
    errors = response.context["form"].errors
    assert "52.98" in str(errors["focus_regions"])
    assert "fiscal_year" in errors and "budget" in errors
    assert not Program.objects.filter(name="X").exists()


def test_duplicate_collaboration_role_is_refused_with_a_message(operator_client, demo):
    destana = Program.objects.get(name__contains="Destana")
    tp_pkk = Organization.objects.get(slug="tp-pkk-52")
    response = operator_client.post(
        reverse("programs:collaboration_add", args=[destana.pk]),
        {"partner": tp_pkk.pk, "role": "mobiliser", "status": "agreed"},
    )
    assert response.status_code == 200 and "role" in response.context["form"].errors
    response = operator_client.post(
        reverse("programs:collaboration_add", args=[destana.pk]),
        {
            "partner": Organization.objects.get(slug="tp-pkk-52-03").pk,
            "role": "co_implementer",
            "status": "agreed",
            "scope_regions": "52.03",
        },
    )
    assert response.status_code == 302
    assert Collaboration.objects.filter(program=destana).count() == 2


def test_activity_is_created_under_its_program(operator_client, demo):
    destana = Program.objects.get(name__contains="Destana")
    response = operator_client.post(
        reverse("programs:activity_add", args=[destana.pk]),
        {
            "title": "Pembentukan Destana",
            "status": "planned",
            "region": "52.71.01.1004",
            "start_date": "2023-05-02",
            "end_date": "2023-05-01",
        },
    )
    assert "end_date" in response.context["form"].errors
    response = operator_client.post(
        reverse("programs:activity_add", args=[destana.pk]),
        {
            "title": "Pembentukan Destana",
            "status": "planned",
            "region": "52.71.01.1004",
            "start_date": "2023-05-02",
            "participants": "40",
        },
    )
    activity = Activity.objects.get(title="Pembentukan Destana")
    assert response.status_code == 302 and activity.program == destana
    assert operator_client.get(activity.get_absolute_url()).status_code == 200


def test_edit_forms_need_sign_in(client, demo):
    program = Program.objects.first()
    response = client.post(reverse("programs:program_edit", args=[program.pk]), {"name": "Hacked"})
    assert response.status_code == 302
    program.refresh_from_db()
    assert program.name != "Hacked"


def test_program_form_lists_priorities_first(operator_client):
    form = operator_client.get(reverse("programs:program_add")).context["form"]
    groups = [theme.group for theme in form.fields["themes"].queryset]
    assert groups[:3] == ["priority"] * 3 and groups[-1] == "pokok_pkk"
    assert form.fields["themes"].queryset.count() == Theme.objects.count()
