"""Templates and imports of organisations, programs, activities and targets."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from sinergi.core.records import REGISTRY, import_records, template
from sinergi.core.testing import make_persona
from sinergi.indicators.models import Target
from sinergi.organizations.models import Organization
from sinergi.programs.models import Activity, Program

pytestmark = pytest.mark.django_db


def write_csv(path, header, rows):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


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
