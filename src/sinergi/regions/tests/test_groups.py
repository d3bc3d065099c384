"""Region groups: who may read and write them, their pages, their import, the `?group=` filter on
every list and roll-up, and the demo's "Fokus Destana 2023"."""

import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sinergi.core.permissions import ADD, CHANGE, DELETE, can_add, user_can
from sinergi.core.records import REGISTRY, import_records
from sinergi.core.writes import OutOfScope, save_checked
from sinergi.organizations.models import Organization
from sinergi.programs.demo import SOURCE
from sinergi.programs.models import Activity, Program
from sinergi.regions import groups
from sinergi.regions.demo import load_groups
from sinergi.regions.models import Region, RegionGroup
from sinergi.testing import make_persona, make_user, write_csv

pytestmark = pytest.mark.django_db

FOCUS = ["52.03", "52.07", "52.71"]  # Kab. Lombok Timur, Kab. Sumbawa Barat, Kota Mataram
HEADER = ["group", "year", "purpose", "region"]


@pytest.fixture
def focus():
    return load_groups(source=SOURCE)


def a_group(name="Lokus stunting 2024", members=("52.01.01",), owner="52", year=2024):
    group = RegionGroup.objects.create(
        name=name, year=year, purpose="stunting_locus", owner_region_id=owner
    )
    group.set_members(Region.objects.filter(code__in=members))
    return group


def villages_of(code, n=2):
    return list(
        Region.objects.filter(level="village", code__startswith=code + ".")
        .order_by("code")
        .values_list("code", flat=True)[:n]
    )


# ----------------------------------------------------------------- model and the gate


def test_everyone_reads_groups_anonymous_included(focus, client):
    assert list(RegionGroup.objects.restrict(AnonymousUser())) == [focus]
    assert list(RegionGroup.objects.restrict(make_persona("viewer.lobar"))) == [focus]
    page = client.get(reverse("regions:group_detail", args=[focus.pk]))
    assert page.status_code == 200
    assert "Kota Mataram" in page.text and "Kabupaten Sumbawa Barat" in page.text
    assert 'id="group-edit"' not in page.text and 'id="group-delete"' not in page.text


def test_the_ntb_coordinator_writes_groups_and_an_operator_cannot(focus):
    coordinator, operator = make_persona("koordinator.ntb"), make_persona("operator.lotim")
    for action in (ADD, CHANGE, DELETE):
        assert user_can(coordinator, action, focus)
        assert not user_can(operator, action, focus)
        assert not user_can(make_persona("viewer.lobar"), action, focus)
    assert can_add(coordinator, RegionGroup) and not can_add(operator, RegionGroup)
    with pytest.raises(OutOfScope):
        save_checked(operator, lambda: a_group(members=["52.03.05"], owner="52.03"))
    assert not RegionGroup.objects.filter(year=2024).exists()


def test_a_regency_coordinator_manages_only_groups_owned_in_its_regency(focus):
    lotim = make_user("koordinator.lotim", role="coordinator", region="52.03")
    assert not user_can(lotim, CHANGE, focus)  # owned by the province
    own = save_checked(lotim, lambda: a_group(members=["52.03.05"], owner="52.03"))
    assert user_can(lotim, CHANGE, own)
    with pytest.raises(OutOfScope):
        save_checked(lotim, lambda: a_group(name="Milik provinsi", members=["52.03"], owner="52"))


def test_members_outside_the_owner_region_are_refused(focus):
    group = a_group(members=["52.03.05"], owner="52.03")
    with pytest.raises(ValidationError, match="Lombok Barat"):
        group.set_members(Region.objects.filter(code__in=["52.03.05", "52.01"]))
    assert list(group.regions.values_list("code", flat=True)) == ["52.03.05"]


def test_slug_is_unique_within_a_year_only(focus):
    again = RegionGroup(name="Fokus Destana 2023", year=2023, owner_region_id="52")
    again.clean()
    with pytest.raises(ValidationError):
        again.validate_constraints()
    other_year = a_group(name="Fokus Destana 2023", year=2024, members=["52.03"])
    assert other_year.slug == focus.slug == "fokus-destana-2023"
    assert groups.resolve("fokus-destana-2023") == other_year  # the newest year
    assert groups.resolve(str(focus.pk)) == focus
    with pytest.raises(groups.UnknownGroup):
        groups.resolve("tidak-ada")
    assert groups.resolve("") is None


# ----------------------------------------------------------------- pages


def test_list_by_year_and_purpose(focus, client):
    a_group()
    url = reverse("regions:group_list")
    names = lambda response: [row.record.name for row in response.context["table"].page.object_list]  # noqa: E731
    assert names(client.get(url)) == ["Lokus stunting 2024", "Fokus Destana 2023"]
    assert names(client.get(url, {"year": 2023})) == ["Fokus Destana 2023"]
    assert names(client.get(url, {"purpose": "stunting_locus"})) == ["Lokus stunting 2024"]
    assert names(client.get(url, {"region": "52.71"})) == ["Fokus Destana 2023"]
    assert reverse("regions:group_add") not in client.get(url).text  # not offered to a visitor


def test_coordinator_creates_edits_and_deletes_on_the_pages(focus, client):
    client.force_login(make_persona("koordinator.ntb"))
    listed = client.get(reverse("regions:group_list")).text
    assert 'id="group-import"' in listed and reverse("regions:group_add") in listed
    response = client.post(
        reverse("regions:group_add"),
        {"name": "Desa prioritas kemiskinan ekstrem", "year": 2024, "purpose": "extreme_poverty",
         "owner_region": "52", "regions": "52.03.05.2001, 52.71.01"},
    )  # fmt: skip
    group = RegionGroup.objects.get(slug="desa-prioritas-kemiskinan-ekstrem")
    assert response.status_code == 302 and response["Location"] == group.get_absolute_url()
    assert sorted(group.regions.values_list("code", flat=True)) == ["52.03.05.2001", "52.71.01"]
    detail = client.get(group.get_absolute_url()).text
    assert 'id="group-edit"' in detail and 'id="group-delete"' in detail
    assert f"{reverse('programs:program_list')}?group={group.pk}" in detail
    assert reverse("regions:region_detail", args=["52.71.01"]) in detail
    client.post(
        reverse("regions:group_edit", args=[group.pk]),
        {"name": group.name, "slug": group.slug, "year": 2024, "purpose": "extreme_poverty",
         "owner_region": "52", "regions": "52.71.01"},
    )  # fmt: skip
    assert list(group.regions.values_list("code", flat=True)) == ["52.71.01"]
    assert group.history.count() >= 2
    client.post(reverse("regions:group_delete", args=[group.pk]))
    assert not RegionGroup.objects.filter(pk=group.pk).exists()


def test_members_outside_owner_are_named_on_the_form(client):
    client.force_login(make_user("koordinator.lotim", role="coordinator", region="52.03"))
    response = client.post(
        reverse("regions:group_add"),
        {"name": "Lokus Lotim", "year": 2024, "purpose": "stunting_locus",
         "owner_region": "52.03", "regions": "52.03.05, 52.01.01"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "Anggota harus berada di dalam wilayah pengelola" in str(response.context["form"].errors)
    response = client.post(
        reverse("regions:group_add"),
        {"name": "Lokus NTB", "year": 2024, "purpose": "stunting_locus", "owner_region": "52",
         "regions": "52.03.05"},
    )  # fmt: skip
    assert "owner_region" in response.context["form"].errors  # not a region it may manage
    assert not RegionGroup.objects.exists()


def test_operator_is_refused_the_pages_and_writes_nothing(focus, client):
    client.force_login(make_persona("operator.lotim"))
    listed = client.get(reverse("regions:group_list")).text
    assert reverse("regions:group_add") not in listed and 'id="group-import"' not in listed
    assert client.get(reverse("regions:group_add")).status_code == 403
    assert client.get(reverse("regions:group_edit", args=[focus.pk])).status_code == 404
    assert client.post(reverse("regions:group_delete", args=[focus.pk])).status_code == 404
    assert RegionGroup.objects.filter(pk=focus.pk).exists()


def test_member_region_page_names_its_groups_and_regions_link_to_them(focus, client):
    page = client.get(reverse("regions:region_detail", args=["52.03"])).text
    assert "Fokus Destana 2023" in page and focus.get_absolute_url() in page
    assert reverse("regions:group_list") in client.get(reverse("regions:region_list")).text
    assert (
        "Fokus Destana 2023"
        not in client.get(reverse("regions:region_detail", args=["52.01"])).text
    )


# ----------------------------------------------------------------- import


def test_import_builds_groups_from_member_rows(tmp_path):
    path = write_csv(
        tmp_path / "kelompok.csv",
        HEADER,
        [
            ["Lokus stunting 2024", "2024", "stunting_locus", "52.03.05"],
            ["Lokus stunting 2024", "2024", "stunting_locus", "52.01.01"],
            ["Fokus Destana 2023", "2023", "destana_focus", "52.71"],
        ],
    )
    coordinator = make_persona("koordinator.ntb")
    result = import_records(REGISTRY["region_groups"], path, coordinator)
    assert result.ok, result.problems
    locus = RegionGroup.objects.get(slug="lokus-stunting-2024", year=2024)
    assert sorted(locus.regions.values_list("code", flat=True)) == ["52.01.01", "52.03.05"]
    assert locus.owner_region_id == "52" and locus.purpose == "stunting_locus"
    again = import_records(REGISTRY["region_groups"], path, coordinator)
    assert again.ok and again.unchanged == 3 and RegionGroup.objects.count() == 2


def test_import_names_every_bad_row_and_writes_nothing(focus, tmp_path):
    lotim = make_user("koordinator.lotim", role="coordinator", region="52.03")
    path = write_csv(
        tmp_path / "salah.csv",
        HEADER,
        [
            ["Lokus Lotim", "2024", "stunting_locus", "52.03.05"],  # good
            ["Lokus Lotim", "2024", "stunting_locus", "99.99"],  # unknown region
            ["Lokus Lotim", "2024", "bukan", "52.03.06"],  # unknown purpose
            ["Lokus Lotim", "dua ribu", "stunting_locus", "52.03.07"],  # not a year
            ["Lokus Lotim", "2024", "stunting_locus", "52.01.01"],  # outside its regions
            ["Fokus Destana 2023", "2023", "destana_focus", "52.03.05"],  # a province group
        ],
    )
    result = import_records(REGISTRY["region_groups"], path, lotim)
    assert {(p.row, p.column) for p in result.problems} == {
        (3, "region"), (4, "purpose"), (5, "year"), (6, "region"), (7, "group")
    }  # fmt: skip
    assert not RegionGroup.objects.filter(name="Lokus Lotim").exists()
    assert not focus.regions.filter(code="52.03.05").exists()


def test_operator_import_is_refused(tmp_path):
    path = write_csv(tmp_path / "k.csv", HEADER, [["Lokus", "2024", "other", "52.03.05"]])
    result = import_records(REGISTRY["region_groups"], path, make_persona("operator.lotim"))
    assert [(p.row, p.column) for p in result.problems] == [(2, "region")]
    assert not RegionGroup.objects.exists()


def test_coordinator_imports_through_the_import_page(client):
    client.force_login(make_persona("koordinator.ntb"))
    page = client.get(reverse("indicators:import"), {"what": "region_groups"})
    assert page.status_code == 200 and 'value="region_groups" selected' in page.text
    upload = b"group,year,purpose,region\nLokus 2025,2025,other,52.02\n"
    preview = client.post(
        reverse("indicators:import"),
        {"what": "region_groups", "file": SimpleUploadedFile("k.csv", upload, "text/csv")},
    )
    assert preview.context["token"] and not RegionGroup.objects.exists()
    client.post(reverse("indicators:import"), {"token": preview.context["token"]})
    assert list(RegionGroup.objects.get(name="Lokus 2025").regions.all()) == [
        Region.objects.get(code="52.02")
    ]


# ----------------------------------------------------------------- the filter everywhere


def test_within_q_is_members_and_below():
    group = a_group(members=["52.03", "52.71.01", villages_of("52.01", 1)[0]])
    codes = set(
        Region.objects.filter(groups.within_q(group, "code")).values_list("code", flat=True)
    )
    assert "52.03" in codes and "52.03.05.2001" in codes and "52.71.01" in codes
    assert "52.71" not in codes and "52.01" not in codes and "52.02.01" not in codes
    assert len([c for c in codes if c.startswith("52.01")]) == 1
    touching = set(Region.objects.filter(groups.touching_q(group)).values_list("code", flat=True))
    assert {"52", "52.71", "52.01"} <= touching and "52.02" not in touching
    empty = RegionGroup.objects.create(name="Kosong", year=2024, owner_region_id="52")
    assert not Region.objects.filter(groups.within_q(empty, "code")).exists()


def test_programs_list_filter(demo, focus, client):
    client.force_login(make_persona("koordinator.ntb"))
    lobar = Program.objects.create(name="Program Lombok Barat", fiscal_year=2023)
    lobar.focus_regions.set(["52.01"])
    by_activity = Program.objects.create(name="Program desa Lotim", fiscal_year=2023)
    by_activity.focus_regions.set(["52.01"])
    Activity.objects.create(program=by_activity, title="Sosialisasi", region_id="52.03.05.2001")
    response = client.get(reverse("programs:program_list"), {"group": focus.slug})
    names = {row.record.name for row in response.context["table"].page.object_list}
    assert "Program desa Lotim" in names and "Program Lombok Barat" not in names
    destana = Program.objects.filter(name__icontains="Destana").first()
    assert destana is not None and destana.name in names
    unknown = client.get(reverse("programs:program_list"), {"group": "tidak-ada"})
    assert "Kelompok wilayah tidak dikenal" in unknown.text
    assert unknown.context["table"].paginator.count == 0
    api = client.get("/api/programs/", {"group": focus.pk})
    assert api.status_code == 200 and "Program Lombok Barat" not in api.text


def test_organisations_list_filter(focus, client):
    response = client.get(reverse("organizations:organization_list"), {"group": focus.pk})
    slugs = set(response.context["filter"].qs.values_list("slug", flat=True))
    assert {"tp-pkk-52-03", "tp-pkk-52-71", "tp-pkk-52-07"} <= slugs
    assert "tp-pkk-52-01" not in slugs and "tp-pkk-52" not in slugs
    in_members = Organization.objects.filter(
        home_region__code__regex=r"^52\.(03|07|71)(\.|$)"
    ).count()  # the TP PKK teams of the three regencies and of every area below them
    assert response.context["table"].paginator.count == in_members > 3


def test_five_w_filter(demo, focus, client):
    client.force_login(make_persona("koordinator.ntb"))
    lobar = Program.objects.create(
        name="Program Lombok Barat",
        fiscal_year=2023,
        owner=Organization.objects.get(slug="tp-pkk-52-01"),  # a row of the matrix
    )
    lobar.focus_regions.set(["52.01"])
    everything = client.get(reverse("programs:five_w"), {"year": 2023})
    filtered = client.get(reverse("programs:five_w"), {"year": 2023, "group": focus.pk})
    assert "Program Lombok Barat" in everything.text
    assert "Program Lombok Barat" not in filtered.text and 'id="group-filter"' in filtered.text
    assert 0 < filtered.context["matrix"].program_count < everything.context["matrix"].program_count
    assert client.get(reverse("programs:five_w"), {"group": "tidak-ada"}).status_code == 404


@pytest.fixture
def destana_values(db):
    """Destana level 1 in two villages of Kota Mataram and two of Kab. Lombok Barat (2023)."""
    from sinergi.indicators.models import Indicator
    from sinergi.indicators.services import ValueChange, save_values

    level = Indicator.objects.get(code="destana_level")
    codes = villages_of("52.71") + villages_of("52.01")
    save_values(level, "2023", [ValueChange(code, 1) for code in codes])
    return codes


def test_indicator_page_rows_limited_to_the_group_and_groups_shown(focus, destana_values, client):
    url = reverse("indicators:indicator_detail", args=["destana_formed"])
    everything = client.get(url, {"region": "52", "period": "2023"})
    assert len(everything.context["rows"]) == 10
    assert "Fokus Destana 2023" in everything.text  # the groups of the period's year
    assert f"?region=52&amp;period=2023&amp;group={focus.pk}" in everything.text
    filtered = client.get(url, {"region": "52", "period": "2023", "group": focus.pk})
    assert sorted(row.code for row in filtered.context["rows"]) == FOCUS
    assert filtered.context["own"].value == 4  # the province's own figure, never a group total
    assert 'id="group-filter"' in filtered.text
    csv = client.get(url, {"region": "52", "period": "2023", "group": focus.pk, "format": "csv"})
    body = csv.content.decode("utf-8-sig")
    assert "52.71" in body and "52.01," not in body
    assert client.get(url, {"group": "tidak-ada"}).status_code == 404
    gaps_url = reverse("indicators:indicator_gaps", args=["destana_formed"])
    assert "Fokus Destana 2023" in client.get(gaps_url, {"period": "2023"}).text
    assert "Fokus Destana 2023" not in client.get(url, {"region": "52", "period": "2024"}).text


def test_gap_list_filter(focus, destana_values, client):
    url = reverse("indicators:indicator_gaps", args=["destana_formed"])
    response = client.get(url, {"region": "52", "period": "2023", "group": focus.slug})
    records = response.context["records"]  # not reached, or no village-level record yet
    villages = [gap.region.code for gap in records.not_reached]
    villages += [village.code for village in records.unrecorded]
    assert villages and all(code[:5] in FOCUS for code in villages)
    assert not set(destana_values) & set(villages)  # the reached ones are not gaps
    assert any(code.startswith("52.07.") for code in villages)


def test_rollup_api_filter(focus, destana_values, client):
    url = "/api/indicators/destana_formed/rollup/"
    rows = client.get(url, {"period": "2023", "group": focus.pk, "level": "regency"}).json()
    assert sorted(row["code"] for row in rows) == FOCUS
    mataram = next(row for row in rows if row["code"] == "52.71")
    assert mataram["value"] == 2 and "basis" in mataram
    deeper = client.get(url, {"period": "2023", "group": focus.pk, "level": "district"}).json()
    assert deeper and all(row["code"][:5] in FOCUS for row in deeper)
    unknown = client.get(url, {"period": "2023", "group": "tidak-ada"})
    assert unknown.status_code == 400 and "group" in json.loads(unknown.content)["errors"]


def test_regions_api_and_list_filter(focus, client):
    response = client.get("/api/regions/", {"group": focus.slug, "level": "regency"})
    body = response.json()
    results = body["results"] if isinstance(body, dict) else body
    assert sorted(r["code"] for r in results) == FOCUS


# ----------------------------------------------------------------- demo


def test_demo_group_is_idempotent():
    first = load_groups(source=SOURCE)
    versions = first.history.count()
    second = load_groups(source=SOURCE)
    assert first.pk == second.pk and RegionGroup.objects.count() == 1
    assert second.history.count() == versions
    assert sorted(second.regions.values_list("code", flat=True)) == FOCUS
    assert second.source == SOURCE and second.owner_region_id == "52"
    assert second.purpose == "destana_focus" and second.year == 2023


def test_groups_api_lists_members_for_everyone(focus, client):
    a_group()
    body = client.get("/api/region-groups/", {"year": 2023}).json()
    results = body["results"] if isinstance(body, dict) else body
    assert [(g["slug"], sorted(g["regions"])) for g in results] == [("fokus-destana-2023", FOCUS)]
    one = client.get(f"/api/region-groups/{focus.pk}/").json()
    assert one["owner_region"] == "52" and one["purpose"] == "destana_focus"
    assert client.post("/api/region-groups/", {"name": "x"}).status_code in (401, 403, 405)
