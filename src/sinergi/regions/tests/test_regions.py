import gzip
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from sinergi.regions.models import Region
from sinergi.regions.services import (
    INDONESIA_FILE,
    NTB_FILE,
    RegionFileError,
    load_regions,
    parse_region_rows,
    read_region_rows,
)

pytestmark = pytest.mark.django_db


def counts_by_level():
    return {
        level: Region.objects.filter(level=level).count()
        for level in ("province", "regency", "district", "village")
    }


def test_ntb_counts():
    assert counts_by_level() == {"province": 1, "regency": 10, "district": 117, "village": 1166}
    assert Region.objects.filter(level="village", kind="desa").count() == 1021
    assert Region.objects.filter(level="village", kind="kelurahan").count() == 145


def test_every_parent_is_the_code_prefix():
    for code, parent in Region.objects.values_list("code", "parent_id"):
        assert parent == (code.rpartition(".")[0] or None)


def test_descendants_by_prefix_do_not_leak_into_neighbours():
    lotim = Region.objects.get(code="52.03")
    below = lotim.descendants()
    assert below.count() == 21 + 254
    assert not below.filter(code__startswith="52.07").exists()
    assert Region.objects.within("52.71").filter(level="village").count() == 50
    village = Region.objects.get(code="52.03.05.2001")
    assert village.is_within(lotim) and not village.is_within("52.07")
    assert [r.code for r in village.ancestors()] == ["52", "52.03", "52.03.05"]


def test_full_name_carries_the_type_prefix():
    assert Region.objects.get(code="52").full_name == "Provinsi Nusa Tenggara Barat"
    assert Region.objects.get(code="52.03").full_name == "Kabupaten Lombok Timur"
    assert Region.objects.get(code="52.72").full_name == "Kota Bima"
    assert Region.objects.get(code="52.01.01").full_name == "Kecamatan Gerung"
    assert Region.objects.get(code="52.01.01.1001").full_name == "Kelurahan Gerung Utara"


def test_clean_rejects_a_parent_that_contradicts_the_code():
    region = Region(
        code="52.03.99", name="X", level="district", kind="kecamatan", parent_id="52.04"
    )
    with pytest.raises(ValidationError) as info:
        region.clean()
    assert "parent" in info.value.message_dict


def test_loading_twice_changes_nothing():
    result = load_regions(read_region_rows(NTB_FILE))
    assert sum(result.created.values()) == 0
    assert sum(result.updated.values()) == 0
    assert result.unchanged["village"] == 1166


def test_renamed_area_is_updated_and_nothing_is_deleted():
    rows = read_region_rows(NTB_FILE)
    for row in rows:
        if row["code"] == "52.01.01.2002":
            row["name"] = "Kebon Ayu Baru"
    rows = [row for row in rows if row["code"] != "52.01.01.2003"]
    result = load_regions(rows)
    assert result.updated["village"] == 1
    assert Region.objects.get(code="52.01.01.2002").name == "Kebon Ayu Baru"
    assert Region.objects.filter(code="52.01.01.2003").exists()


def test_malformed_file_names_every_bad_line_and_loads_nothing():
    text = (
        "code,name,level,parent_code,kind\n"
        "53,Nusa Tenggara Timur,province,,provinsi\n"
        "53.01,Kabupaten Kupang,province,53,kabupaten\n"
        "53.02.01,Somewhere,district,53.01,kecamatan\n"
        "53.x,Bad,regency,53,kabupaten\n"
    )
    with pytest.raises(RegionFileError) as info:
        parse_region_rows(io.StringIO(text))
    errors = "\n".join(info.value.errors)
    assert "line 3" in errors and "level" in errors
    assert "line 4" in errors and "parent_code must be 53.02" in errors
    assert "line 5" in errors
    assert not Region.objects.filter(code__startswith="53").exists()


def test_wrong_columns_are_refused():
    with pytest.raises(RegionFileError, match="columns must be"):
        parse_region_rows(io.StringIO("kode,nama\n52,NTB\n"))


def test_indonesia_file_has_the_published_counts():
    with gzip.open(INDONESIA_FILE, "rt", encoding="utf-8") as handle:
        rows = parse_region_rows(handle)
    levels = {}
    for row in rows:
        levels[row["level"]] = levels.get(row["level"], 0) + 1
    assert levels == {"province": 38, "regency": 514, "district": 7285, "village": 83762}


@pytest.mark.slow
def test_load_regions_all_loads_indonesia(capsys):
    call_command("load_regions", "--all", "--no-teams")
    assert counts_by_level() == {"province": 38, "regency": 514, "district": 7285, "village": 83762}
    out = capsys.readouterr().out
    assert "83,762" in out
    call_command("load_regions", "--all", "--no-teams")
    assert "created" in capsys.readouterr().out
    assert Region.objects.count() == 91599


def test_load_regions_command_prints_counts_per_level(capsys):
    call_command("load_regions")
    out = capsys.readouterr().out
    assert "village" in out and "1,166" in out
    assert "TP PKK teams created: 0" in out
