"""Templates and imports of organisations, programs, activities and targets."""

import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from sinergi.core.permissions import user_can
from sinergi.core.records import REGISTRY, import_records, template
from sinergi.indicators.models import Target
from sinergi.organizations.models import Organization
from sinergi.programs.models import Activity, Program
from sinergi.testing import make_persona, write_csv

pytestmark = pytest.mark.django_db


def test_organisation_template_round_trip_with_preview(demo, tmp_path):
    spec = REGISTRY["organizations"]
    admin = make_persona("admin")
    path = tmp_path / "lembaga.xlsx"
    path.write_bytes(template(spec, admin))
    workbook = load_workbook(path)
    sheet = workbook["Data"]
    header = [c.value for c in sheet[1]]
    assert (
        header[:4] == ["slug", "name", "acronym", "org_type"] and "Petunjuk" in workbook.sheetnames
    )
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    rows["bpbd-ntb"][header.index("description")].value = "Badan Penanggulangan Bencana Daerah"
    sheet.append(["", "Forum Anak Lombok Timur", "FA Lotim", "ngo", "52.03", "", "", "", ""])
    workbook.save(path)
    preview = import_records(spec, path, admin, dry_run=True)
    assert preview.ok, preview.problems
    assert (preview.created, preview.updated) == (1, 1)
    assert not Organization.objects.filter(name="Forum Anak Lombok Timur").exists()
    assert import_records(spec, path, admin).ok
    forum = Organization.objects.get(name="Forum Anak Lombok Timur")
    assert forum.home_region_id == "52.03" and forum.history.count() == 1
    assert "Penanggulangan" in Organization.objects.get(slug="bpbd-ntb").description


def test_every_bad_cell_is_named_and_nothing_is_written(demo, tmp_path):
    spec = REGISTRY["organizations"]
    header = [c.name for c in spec.columns]
    path = write_csv(
        tmp_path / "salah.csv",
        header,
        [
            ["", "Lembaga A", "", "bukan-jenis", "52.03", "", "", "", ""],
            ["", "Lembaga B", "", "ngo", "99.99", "", "", "", ""],
            ["", "Lembaga C", "", "ngo", "52.03", "", "", "bukan alamat", ""],
        ],
    )
    result = import_records(spec, path, make_persona("admin"))
    assert {(p.row, p.column) for p in result.problems} == {
        (2, "org_type"), (3, "home_region"), (4, "website")
    }  # fmt: skip
    assert not Organization.objects.filter(name__startswith="Lembaga ").exists()


def test_records_import_goes_through_the_gate(demo, tmp_path):
    spec = REGISTRY["organizations"]
    header = [c.name for c in spec.columns]
    path = write_csv(tmp_path / "lobar.csv", header,
                     [["", "Forum Lobar", "", "ngo", "52.01", "", "", "", ""]])  # fmt: skip
    operator = make_persona("operator.lotim")
    result = import_records(spec, path, operator)
    assert not result.ok and result.problems[0].column == "home_region"
    assert not Organization.objects.filter(name="Forum Lobar").exists()
    targets = write_csv(tmp_path / "target.csv", [c.name for c in REGISTRY["targets"].columns],
                        [["destana_formed", "52.03", "2025", "target", "40", "", ""]])  # fmt: skip
    denied = import_records(REGISTRY["targets"], targets, operator)
    assert not denied.ok and not Target.objects.filter(period="2025").exists()
    assert import_records(REGISTRY["targets"], targets, make_persona("admin")).ok
    assert Target.objects.get(period="2025", region="52.03").value == 40


def test_programs_and_activities_by_cli(demo, tmp_path, capsys):
    make_persona("operator.lotim")
    make_persona("admin")
    programs = write_csv(
        tmp_path / "program.csv",
        [c.name for c in REGISTRY["programs"].columns],
        [["", "Kelas Ibu Balita", "2025", "tp-pkk-52-03", "planned", "penanganan-stunting", "",
          "", "52.03", "", "rapat 2025"]],
    )  # fmt: skip
    call_command("import", str(programs), "--records", "programs", "--user", "operator.lotim")
    program = Program.objects.get(name="Kelas Ibu Balita")
    assert [t.code for t in program.themes.all()] == ["penanganan-stunting"]
    assert list(program.focus_regions.values_list("code", flat=True)) == ["52.03"]
    activities = write_csv(
        tmp_path / "kegiatan.csv",
        [c.name for c in REGISTRY["activities"].columns],
        [["", str(program.pk), "Kelas di Sembalun", "planned", "2025-03-01", "", "52.03.15.2002",
          "tp-pkk-52-03", "30", "", "", "", ""],
         ["", "", "Tanpa program", "planned", "", "", "52.03.15.2002", "", "", "", "", "", ""]],
    )  # fmt: skip
    with pytest.raises(CommandError):
        call_command("import", str(activities), "--records", "activities", "--user", "admin")
    assert (
        "baris 3" in capsys.readouterr().err
        and not Activity.objects.filter(title="Kelas di Sembalun").exists()
    )
    out = io.StringIO()
    call_command("import", "--records", "activities", "--template", str(tmp_path / "t.xlsx"),
                 stdout=out)  # fmt: skip
    assert (tmp_path / "t.xlsx").stat().st_size > 0


def test_records_through_the_import_page(client, demo, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    settings.MEDIA_ROOT = tmp_path
    client.force_login(make_persona("admin"))
    page = client.get(reverse("indicators:import_records_template", args=["targets"]))
    assert page.status_code == 200 and page["Content-Type"].startswith("application/vnd.openxml")
    body = "indicator,region,period,kind,value,note,source\ndestana_formed,52.03,2025,target,40,,\n"
    preview = client.post(
        reverse("indicators:import"),
        {"what": "targets", "file": SimpleUploadedFile("target.csv", body.encode())},
    )
    assert preview.context["preview"].created == 1 and not Target.objects.filter(period="2025")
    client.post(reverse("indicators:import"), {"token": preview.context["token"]})
    assert Target.objects.get(period="2025", region="52.03").value == 40


@pytest.mark.parametrize(
    ("language", "title", "hint"),
    [
        ("id", "Templat Sinergi: Kegiatan", "id: nomor kegiatan di Sinergi"),
        ("en", "Sinergi template: Activities", "id: activity number in Sinergi"),
    ],
)
def test_template_instructions_follow_the_language(db, language, title, hint):
    from django.utils import translation

    with translation.override(language):
        book = load_workbook(io.BytesIO(template(REGISTRY["activities"], None)))
    lines = [row[0] or "" for row in book["Petunjuk"].iter_rows(values_only=True)]
    assert lines[0] == title and any(line.startswith(hint) for line in lines)


# ------------------------------------------------ issue 13, finding 1: no writes past the gate


@pytest.fixture
def lobar_and_other_org(demo):
    """A Kab. Lombok Barat program with an activity, and another organisation's program in Kab.
    Lombok Timur: none of them may operator.lotim change."""
    lobar_team = Organization.objects.get(slug="tp-pkk-52-01")
    lobar = Program.objects.create(name="Posyandu Lobar", fiscal_year=2024, owner=lobar_team,
                                   description="asli")  # fmt: skip
    lobar.focus_regions.set(["52.01"])
    activity = Activity.objects.create(program=lobar, title="Kelas Lobar",
                                       region_id="52.01.01.2002")  # fmt: skip
    dinkes = Organization.objects.create(
        name="Dinas Kesehatan Kabupaten Lombok Timur", org_type="opd", home_region_id="52.03"
    )
    other = Program.objects.create(name="Imunisasi Lotim", fiscal_year=2024, owner=dinkes,
                                   description="asli")  # fmt: skip
    return {"lobar": lobar, "activity": activity, "other": other}


def program_row(program_id, name, year="2024"):
    return [program_id, name, year, "tp-pkk-52-03", "ongoing", "", "", "", "52.03", "diambil alih",
            ""]  # fmt: skip


@pytest.mark.parametrize("by", ["id", "name-and-year"])
@pytest.mark.parametrize("target", ["lobar", "other"])
def test_programs_import_cannot_take_over_a_program_out_of_scope(
    lobar_and_other_org, tmp_path, by, target
):
    program = lobar_and_other_org[target]
    row = program_row(str(program.pk) if by == "id" else "", program.name)
    path = write_csv(tmp_path / "ambil.csv", [c.name for c in REGISTRY["programs"].columns], [row])
    operator = make_persona("operator.lotim")
    result = import_records(REGISTRY["programs"], path, operator)
    if by == "id":
        assert not result.ok and [(p.row, p.column) for p in result.problems] == [(2, "id")]
        # the name only to those who may read the program (an id must not reveal it)
        assert (program.name in result.problems[0].message) == (target == "other")
    else:  # another organisation's program of the same name and year: the row adds one
        assert result.ok and result.created == 1, result.problems
        added = Program.objects.exclude(pk=program.pk).get(name=program.name)
        assert added.owner.slug == "tp-pkk-52-03" and user_can(operator, "change", added)
    fresh = Program.objects.get(pk=program.pk)
    assert (fresh.owner_id, fresh.description) == (program.owner_id, "asli")
    assert list(fresh.focus_regions.values_list("code", flat=True)) == (
        ["52.01"] if target == "lobar" else []
    )


def activity_row(activity_id, program_id, region, title="Kelas pindah"):
    return [activity_id, program_id, title, "planned", "", "", region, "tp-pkk-52-03", "", "", "",
            "", ""]  # fmt: skip


def test_activities_import_cannot_move_an_activity_in_or_use_an_unseen_program(
    lobar_and_other_org, tmp_path
):
    activity, lobar = lobar_and_other_org["activity"], lobar_and_other_org["lobar"]
    header = [c.name for c in REGISTRY["activities"].columns]
    operator = make_persona("operator.lotim")
    moved = write_csv(tmp_path / "pindah.csv", header,
                      [activity_row(str(activity.pk), str(lobar.pk), "52.03.05.2001")])  # fmt: skip
    result = import_records(REGISTRY["activities"], moved, operator)
    assert not result.ok and ("id" in {p.column for p in result.problems})
    activity.refresh_from_db()
    assert (activity.region_id, activity.title) == ("52.01.01.2002", "Kelas Lobar")
    new = write_csv(tmp_path / "baru.csv", header,
                    [activity_row("", str(lobar.pk), "52.03.05.2001", "Numpang")])  # fmt: skip
    result = import_records(REGISTRY["activities"], new, operator)
    assert not result.ok and [(p.row, p.column) for p in result.problems] == [(2, "program")]
    assert not Activity.objects.filter(title="Numpang").exists()
    assert not Activity.objects.restrict(operator).filter(program=lobar).exists()
