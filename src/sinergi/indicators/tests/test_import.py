import csv

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from openpyxl import Workbook

from sinergi.core.models import AuditEvent
from sinergi.indicators import reference
from sinergi.indicators.imports import import_values
from sinergi.indicators.models import DataValue, Indicator
from sinergi.indicators.services import ValueChange, save_values
from sinergi.regions.models import Region
from sinergi.testing import make_persona

pytestmark = pytest.mark.django_db
HEADER = ["region", "indicator", "period", "value", "comment"]


def write_csv(path, rows, header=HEADER):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def monthly(db):
    return Indicator.objects.create(
        code="balita_ditimbang", name="Balita ditimbang", period_type="month"
    )


def big_rows(indicator_code="balita_ditimbang", n=10_000):
    villages = list(Region.objects.filter(level="village").values_list("code", flat=True))
    rows = []
    for month in range(1, 13):
        for code in villages:
            rows.append([code, indicator_code, f"2023{month:02d}", str(len(rows) % 97), ""])
    return rows[:n]


def test_ten_thousand_rows_with_one_bad_cell_write_nothing_and_name_it(tmp_path, monthly):
    rows = big_rows()
    rows[7_321][3] = "dua belas"
    result = import_values(write_csv(tmp_path / "timbang.csv", rows))
    assert not result.ok and len(result.problems) == 1
    problem = result.problems[0]
    assert (problem.row, problem.column) == (7_323, "value")  # header is row 1
    assert DataValue.objects.count() == 0


def test_a_clean_file_writes_every_row_with_provenance(tmp_path, monthly):
    rows = big_rows()
    result = import_values(write_csv(tmp_path / "timbang.csv", rows))
    assert result.ok and result.created == 10_000
    value = DataValue.objects.filter(indicator=monthly).first()
    assert value.source_kind == "import" and value.source == "timbang.csv"
    assert reference.verify(monthly, "2023") == []


def test_every_problem_is_reported_by_row_and_column(tmp_path, monthly):
    path = write_csv(
        tmp_path / "salah.csv",
        [
            ["52.71.01.1004", "destana_level", "2023", "Madya", "nama tingkat diterima"],
            ["52.99.99.9999", "destana_level", "2023", "1", ""],
            ["52.71.01.1005", "tidak_ada", "2023", "1", ""],
            ["52.71.01.1006", "destana_level", "2023-01", "1", ""],
            ["52.71.01.1007", "destana_level", "2023", "=1+1", ""],
            ["52.71.01.1008", "destana_level", "2023", "7", ""],
            ["52.71.01.1004", "destana_level", "2023", "1", ""],
            ["52.71.01.1009", "balita_ditimbang", "2023", "10", ""],
        ],
    )
    found = {(p.row, p.column) for p in import_values(path).problems}
    assert found == {(3, "region"), (4, "indicator"), (5, "period"), (6, "value"), (7, "value"),
                     (8, "region"), (9, "period")}  # fmt: skip
    assert DataValue.objects.count() == 0


def test_a_value_repeated_on_many_rows_is_judged_the_same_on_each(tmp_path, monthly):
    """Each distinct text of an indicator is checked once; every row with it is still named."""
    level = Indicator.objects.get(code="destana_level")
    path = write_csv(
        tmp_path / "ulang.csv",
        [
            ["52.71.01.1004", "destana_level", "2023", "Madya", ""],
            ["52.71.01.1005", "destana_level", "2023", "Madya", ""],
            ["52.71.01.1006", "destana_level", "2023", "Sedang", ""],
            ["52.71.01.1007", "destana_level", "2023", "Sedang", ""],
            ["52.71.01.1008", "balita_ditimbang", "202301", "-1", ""],
            ["52.71.01.1009", "balita_ditimbang", "202301", "-1", ""],
            ["52.71.01.1004", "balita_ditimbang", "202301", "2", ""],
        ],
    )
    problems = import_values(path).problems
    assert [(p.row, p.column) for p in problems] == [(4, "value"), (5, "value"), (6, "value"),
                                                     (7, "value")]  # fmt: skip
    assert "Sedang" in problems[0].message and problems[0].message == problems[1].message
    assert "negatif" in problems[2].message and problems[2].message == problems[3].message
    path.write_text(path.read_text().replace("Sedang", "Utama").replace("-1", "1"))
    assert import_values(path).created == 7
    stored = DataValue.objects.values_list("value", flat=True)
    assert set(stored.filter(indicator=level)) == {2, 3}
    assert set(stored.filter(indicator=monthly)) == {1, 2}


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_rows_are_numbered_as_shown_across_empty_rows_and_short_rows(tmp_path, suffix):
    rows = [
        ["52.71.01.1004", "destana_level", "2023", "1"],
        [],  # an empty row: still row 3 on screen
        ["52.71.01.1005", "destana_level"],  # a short row: no period, no value
        ["52.71.01.1006", "destana_level", "2023", "9"],
    ]
    path = tmp_path / f"baris.{suffix}"
    if suffix == "csv":
        write_csv(path, rows, header=HEADER[:4])
    else:
        book = Workbook()
        book.active.title = "Data"
        for row in [HEADER[:4], *rows]:
            book.active.append(row)
        book.save(path)
    found = {(p.row, p.column) for p in import_values(path).problems}
    assert found == {(4, "period"), (5, "value")}
    assert DataValue.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("kosong.csv", b"", "kosong"),
        ("palsu.xlsx", b"region,indicator\n", "bukan berkas Excel"),
        ("data.txt", b"region,indicator,period,value\n", ".csv atau .xlsx"),
        ("kolom.csv", b"kode,nilai\n52,1\n", "tidak ada"),
        ("latin.csv", "region,indicator,period,value\n52,x,2023,é\n".encode("latin-1"), "UTF-8"),
    ],
)
def test_malformed_files_get_a_clear_message(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    result = import_values(path)
    assert not result.ok and message.lower() in str(result.problems[0]).lower()


def test_xlsx_import_and_the_cli(tmp_path, capsys, demo):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append(["52.03.05.2001", "destana_level", 2023, "Pratama", ""])
    sheet.append(["52.03.05.2002", "destana_level", 2023, 2, ""])
    path = tmp_path / "destana.xlsx"
    workbook.save(path)
    call_command("import", str(path), "--dry-run")
    assert (
        "would write: 2 new" in capsys.readouterr().out
        and not DataValue.objects.exclude(source_kind="meeting").exists()
    )
    call_command("import", str(path))
    assert (
        DataValue.objects.exclude(source_kind="meeting").count() == 2
        and AuditEvent.objects.filter(kind="import").exists()
    )
    bad = write_csv(tmp_path / "bad.csv", [["52.03.05.2001", "destana_level", "2023", "9", ""]])
    with pytest.raises(CommandError, match="nothing imported"):
        call_command("import", str(bad))
    assert "baris 2, kolom value" in capsys.readouterr().err


def test_import_goes_through_the_gate(tmp_path, demo):
    viewer = make_persona("viewer.lobar")
    operator = make_persona("operator.lotim")
    rows = [
        ["52.01.01.2002", "destana_level", "2023", "1", ""],
        ["52.03.05.2001", "destana_level", "2023", "1", ""],
    ]
    path = write_csv(tmp_path / "gate.csv", rows)
    assert not import_values(path, viewer).ok
    result = import_values(path, operator)  # 52.01 is outside Lombok Timur: nothing is written
    assert [p.row for p in result.problems] == [2]
    assert not DataValue.objects.exclude(source_kind="meeting").exists()


def test_out_of_scope_rows_are_named_once_in_a_file_of_several_periods(tmp_path, demo):
    operator = make_persona("operator.lotim")
    rows = [
        ["52.03.05.2001", "destana_level", "2022", "1", ""],
        ["52.03.05.2002", "destana_level", "2023", "1", ""],
        ["52.01.01.2002", "destana_level", "2023", "1", ""],  # Lombok Barat: outside
    ]
    result = import_values(write_csv(tmp_path / "dua.csv", rows), operator)
    assert [p.row for p in result.problems] == [4]
    assert not DataValue.objects.filter(source_kind="import").exists()


def test_a_problem_found_by_the_write_names_the_row_of_its_period(tmp_path, monthly):
    """A region in two months, approved (locked) in the second: the second month's row is named."""
    from sinergi.indicators.models import Approval

    Approval.objects.create(
        indicator=monthly, region_id="52.03.05.2001", period="202302", state="approved"
    )
    rows = [
        ["52.03.05.2001", "balita_ditimbang", "202301", "4", ""],
        ["52.03.05.2002", "balita_ditimbang", "202302", "5", ""],
        ["52.03.05.2001", "balita_ditimbang", "202302", "6", ""],
    ]
    result = import_values(write_csv(tmp_path / "kunci.csv", rows))
    assert [(p.row, p.column) for p in result.problems] == [(4, "region")]
    assert "Approved" in result.problems[0].message or "Disetujui" in result.problems[0].message
    assert not DataValue.objects.filter(indicator=monthly).exists()


def filled_template(tmp_path, client_or_bytes, fills):
    """Save the template's bytes, fill cells {(row, column): value} as a person would."""
    from openpyxl import load_workbook

    path = tmp_path / "templat.xlsx"
    path.write_bytes(client_or_bytes)
    workbook = load_workbook(path)
    sheet = workbook["Data"]
    for (row, column), value in fills.items():
        sheet.cell(row=row, column=column, value=value)
    workbook.save(path)
    return path


def test_wide_template_has_rows_columns_validation_values_and_instructions(demo, tmp_path):
    from openpyxl import load_workbook

    from sinergi.indicators.spreadsheets import wide_template

    level = Indicator.objects.get(code="destana_level")
    save_values(level, "2023", [ValueChange("52.71.01.1004", 2)])
    body = wide_template(Region.objects.get(code="52.71.01"), [level], "2023")
    path = tmp_path / "t.xlsx"
    path.write_bytes(body)
    workbook = load_workbook(path)
    sheet = workbook["Data"]
    assert [c.value for c in sheet[1]] == ["region", "nama", "destana_level 2023"]
    codes = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert codes == sorted(Region.objects.filter(parent="52.71.01").values_list("code", flat=True))
    filled = {row[0].value: row[2].value for row in sheet.iter_rows(min_row=2)}
    assert filled["52.71.01.1004"] == "Madya"  # the current value, by its level name
    validation = sheet.data_validations.dataValidation[0]
    assert validation.type == "list" and "Pratama" in validation.formula1
    assert "Petunjuk" in workbook.sheetnames


def test_wide_template_round_trip_and_problems_by_cell(demo, tmp_path):
    from sinergi.indicators.spreadsheets import marked_copy, wide_template

    level = Indicator.objects.get(code="destana_level")
    body = wide_template(Region.objects.get(code="52.71.01"), [level], "2023")
    bad = filled_template(tmp_path, body, {(2, 3): "Utama", (3, 3): "Sangat", (4, 3): "=1+1"})
    result = import_values(bad)
    assert {(p.row, p.column) for p in result.problems} == {
        (3, "C (destana_level 2023)"),
        (4, "C (destana_level 2023)"),
    }
    assert not DataValue.objects.filter(indicator=level).exists()
    from openpyxl import load_workbook

    marked = tmp_path / "marked.xlsx"
    marked.write_bytes(marked_copy(bad, result.problems))
    sheet = load_workbook(marked)["Data"]
    assert sheet["C3"].fill.fgColor.rgb.endswith("F8D7DA") and sheet["C3"].comment
    assert sheet["C2"].comment is None
    good = filled_template(tmp_path, body, {(2, 3): "Utama", (3, 3): "1"})
    preview = import_values(good, dry_run=True)
    assert preview.ok and preview.created == 2
    assert not DataValue.objects.filter(indicator=level).exists()
    assert import_values(good).created == 2
    assert DataValue.objects.filter(indicator=level).count() == 2


@pytest.mark.parametrize("case", ["merged", "wrong-sheet"])
def test_merged_cells_and_a_wrong_sheet_are_named(tmp_path, case):
    workbook = Workbook()
    sheet = workbook.active
    if case == "merged":
        sheet.append(["region", "indicator", "period", "value"])
        sheet.append(["52.71.01.1004", "destana_level", "2023", "1"])
        sheet.merge_cells("A2:B2")
        expected = "A2:B2"
    else:
        sheet.title = "Catatan"
        sheet.append(["catatan rapat"])
        expected = "Catatan"
    path = tmp_path / f"{case}.xlsx"
    workbook.save(path)
    result = import_values(path)
    assert not result.ok and expected in str(result.problems[0])


def test_big_uploads_run_as_a_queued_job_with_progress_preview_and_confirm(client, settings,
                                                                        tmp_path):  # fmt: skip
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from sinergi.core.models import Job

    settings.SINERGI_IMPORT_JOB_BYTES = 10  # every upload counts as big
    settings.MEDIA_ROOT = tmp_path
    client.force_login(make_persona("admin"))
    good = "region,indicator,period,value\n52.71.01.1004,destana_level,2023,Madya\n"
    page = client.post(
        reverse("indicators:import"), {"file": SimpleUploadedFile("data.csv", good.encode())}
    )
    check = Job.objects.get(kind="import-check")
    assert page.status_code == 302 and page.url == reverse("indicators:import_job", args=[check.pk])
    status = client.get(page.url, HTTP_HX_REQUEST="true")
    assert 'id="job-progress" max="100" value="100"' in status.text
    assert check.result == {**check.result, "ok": True, "created": 1}
    assert not DataValue.objects.filter(region_id="52.71.01.1004").exists()  # only checked
    confirmed = client.post(page.url)
    write = Job.objects.get(kind="import-write")
    assert confirmed.url == reverse("indicators:import_job", args=[write.pk])
    write.refresh_from_db()
    assert write.status == "completed" and write.result["created"] == 1
    assert 'id="job-done"' in client.get(confirmed.url).text
    assert DataValue.objects.get(region_id="52.71.01.1004").value == 2
    client.force_login(make_persona("operator.lotim"))
    assert client.get(reverse("indicators:import_job", args=[write.pk])).status_code == 404


def test_job_progress_is_seen_while_the_import_transaction_is_open(tmp_path, monthly, monkeypatch):
    """The write phase runs in one transaction (and a check rolls it back): its progress is kept
    outside the database, so the page polling it sees it move, and a rollback does not erase it."""
    from sinergi.core.models import Job
    from sinergi.indicators import imports
    from sinergi.indicators.tasks import run_import_job

    villages = ["52.71.01.1004", "52.71.01.1005", "52.71.01.1006"]
    rows = [[v, "balita_ditimbang", f"2023{m:02d}", "5", ""] for m in (1, 2, 3) for v in villages]
    path = write_csv(tmp_path / "tiga-bulan.csv", rows)
    job = Job.objects.create(kind="import-check", created_by=make_persona("admin"), path=path)
    seen = []
    save_values = imports.save_values

    def watched(*args, **kwargs):  # inside the import's transaction
        seen.append(Job.objects.get(pk=job.pk).progress())
        return save_values(*args, **kwargs)

    monkeypatch.setattr(imports, "save_values", watched)
    run_import_job.call_local(job.pk)
    assert seen == [(9, 18), (12, 18), (15, 18)]  # checked all 9 rows, then each month written
    job.refresh_from_db()
    assert job.status == "completed" and job.result["ok"] and job.percent == 100
    assert not DataValue.objects.exists()  # only checked

    running = Job.objects.create(kind="import-write", created_by=job.created_by, path=path,
                                 status="running")  # fmt: skip
    with transaction.atomic():
        running.record_progress(3, 6)
        transaction.set_rollback(True)
    assert Job.objects.get(pk=running.pk).percent == 50
