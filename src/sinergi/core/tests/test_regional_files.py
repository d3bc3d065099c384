"""Files as Indonesian offices save them: semicolons, decimal commas, thousands dots, a BOM,
UTF-16, dates written day first or with month names; and what is refused, said plainly."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from sinergi.core.utils.regional import date_text, number_text
from sinergi.core.utils.tables import ImportFileError, Problem, csv_delimiter, csv_text
from sinergi.indicators.imports import import_values
from sinergi.indicators.models import DataValue, Indicator
from sinergi.testing import make_persona


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("1.234,5", "1234.5"), ("12,5", "12.5"), ("12.5", "12.5"), ("1.234.567", "1234567"),
        ("1,234,567", "1234567"), ("1,234.5", "1234.5"), (" 7 ", "7"), ("-5", "-5"),
        ("1.500.000,00", "1500000.00"), ("1\u00a0234,5", "1234.5"),
        ("1.23,4", None), ("1.2.3", None), ("12,34,5", None), ("abc", None), ("", None),
        ("Rp 5", None), ("1,2.3", None), ("0.500", "0.500"), ("12.5000", "12.5000"),
        ("1.500", None), ("750,000", None), ("-1.500", None),  # ambiguous: see below
    ],
)  # fmt: skip
def test_numbers_as_offices_write_them(text, plain):
    assert number_text(text) == plain


def test_one_separator_before_three_digits_is_thousands_only_in_whole_numbers():
    """ "1.500" is one thousand five hundred in Indonesian and one and a half in English: a
    budget in rupiah reads it as thousands; a figure is refused with both readings named."""
    from django.core.exceptions import ValidationError

    from sinergi.indicators.models import Indicator

    assert number_text("1.500", whole=True) == "1500"
    assert number_text("750,000", whole=True) == "750000"
    assert number_text("12,5", whole=True) == "12.5"  # not ambiguous: read as everywhere
    indicator = Indicator(code="x", name="x")
    with pytest.raises(ValidationError) as refused:
        indicator.check_value("1.500")
    message = " ".join(refused.value.messages)
    assert "1500" in message and "1,5" in message and "1,500" not in message, message
    assert indicator.check_value(1.5) == 1.5  # a number (JSON, a spreadsheet cell) is no text
    assert indicator.check_value("1.5") == 1.5 and indicator.check_value("1500") == 1500


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("03/02/2023", "2023-02-03"), ("3-2-2023", "2023-02-03"), ("3.2.2023", "2023-02-03"),
        ("3 Februari 2023", "2023-02-03"), ("3 Feb 2023", "2023-02-03"),
        ("17 Agustus 1945", "1945-08-17"), ("2023-02-03", "2023-02-03"),
        ("31/02/2023", None), ("3 Foo 2023", None), ("02/2023", None), ("kemarin", None),
    ],
)  # fmt: skip
def test_dates_as_offices_write_them(text, iso):
    assert date_text(text) == iso


@pytest.mark.parametrize(
    ("header", "delimiter"),
    [
        ("region,indicator,period,value", ","),
        ("region;indicator;period;value", ";"),
        ("region\tindicator\tperiod\tvalue", "\t"),
        ('"region;x",indicator,period', ","),  # a semicolon inside quotes does not count
        ("region", ","),
    ],
)
def test_the_separator_is_read_from_the_header(header, delimiter):
    assert csv_delimiter(header + "\n52;1\n") == delimiter


def test_encodings_read_or_refused_with_the_row_and_the_fix():
    assert csv_text("\ufeffregion;value\n".encode()) == "region;value\n"
    assert csv_text("region\tvalue\n".encode("utf-16")) == "region\tvalue\n"
    with pytest.raises(ImportFileError) as refused:
        csv_text("region;value\n52;1\n52.01;Lombok Barat é\n".encode("cp1252"))
    message = str(refused.value)
    assert "baris 3" in message and "é" in message and "CSV UTF-8" in message


def test_a_file_level_problem_names_no_fake_row():
    assert str(Problem(0, "-", "The file is empty.")) == "The file is empty."
    assert str(Problem(4, "-", "x")) == "baris 4: x"
    assert str(Problem(4, "value", "x")) == "baris 4, kolom value: x"


def libreoffice_csv(rows) -> bytes:
    """What LibreOffice/Excel set to Indonesian write: a BOM, semicolons, decimal commas, CRLF."""
    lines = ["region;indicator;period;value;comment", *(";".join(row) for row in rows)]
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode()


ROWS = [
    ["52.71.01.1004", "cakupan", "2023", "87,5", "dicatat; kader"],
    ["52.71.01.1005", "cakupan", "2023", "1.234,5", ""],
    ["52.71.01.1006", "cakupan", "2023", "12", ""],
]


@pytest.fixture
def coverage(db):
    return Indicator.objects.create(code="cakupan", name="Cakupan", aggregation="sum")


def test_a_semicolon_file_with_decimal_commas_and_a_bom_imports_with_the_cli(tmp_path, coverage):
    path = tmp_path / "cakupan.csv"
    path.write_bytes(libreoffice_csv([[*ROWS[0][:4], '"dicatat; kader"'], *ROWS[1:]]))
    out = io.StringIO()
    call_command("import", str(path), stdout=out)
    values = dict(DataValue.objects.filter(indicator=coverage).values_list("region_id", "value"))
    assert values == {"52.71.01.1004": 87.5, "52.71.01.1005": 1234.5, "52.71.01.1006": 12}
    assert DataValue.objects.get(region_id="52.71.01.1004").comment == "dicatat; kader"


def test_a_semicolon_file_imports_through_the_page(client, settings, tmp_path, coverage):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(make_persona("admin"))
    upload = SimpleUploadedFile("cakupan.csv", libreoffice_csv(ROWS))
    preview = client.post(reverse("indicators:import"), {"file": upload})
    assert preview.context["preview"].created == 3, preview.context.get("problems")
    client.post(reverse("indicators:import"), {"token": preview.context["token"]})
    assert DataValue.objects.get(region_id="52.71.01.1005").value == 1234.5


def test_a_bad_number_in_a_semicolon_file_is_named_by_row_and_column(tmp_path, coverage):
    path = tmp_path / "cakupan.csv"
    path.write_bytes(libreoffice_csv([ROWS[0], ["52.71.01.1005", "cakupan", "2023", "1.23,4", ""]]))
    result = import_values(path)
    assert [(p.row, p.column) for p in result.problems] == [(3, "value")]
    assert not DataValue.objects.exists()


def test_records_read_thousands_dots_and_indonesian_dates(tmp_path, demo):
    from sinergi.core.records import REGISTRY, import_records
    from sinergi.programs.models import Activity, Program

    spec = REGISTRY["activities"]
    program = Program.objects.order_by("pk").first()
    cells = {"program": str(program.pk), "title": "Sosialisasi Destana", "status": "planned",
             "start_date": "3 Februari 2023", "end_date": "28/02/2023", "region": "52.03",
             "budget_planned": "1.500.000", "budget_realised": "750.000"}  # fmt: skip
    header = [column.name for column in spec.columns]
    lines = [";".join(header), ";".join(cells.get(name, "") for name in header)]
    path = tmp_path / "kegiatan.csv"
    path.write_bytes(("\ufeff" + "\r\n".join(lines)).encode())
    result = import_records(spec, path, make_persona("admin"))
    assert result.ok and result.created == 1, [str(p) for p in result.problems]
    activity = Activity.objects.get(title="Sosialisasi Destana")
    assert str(activity.start_date) == "2023-02-03" and str(activity.end_date) == "2023-02-28"
    assert activity.budget_planned == 1_500_000 and activity.budget_realised == 750_000
