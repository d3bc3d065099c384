"""One place to record an ordered level (a village's Destana level): levels by name in every
channel, the counts by level derived from it, and the derived count never entered for villages."""

import csv
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sinergi.extraction.forms import QuantityRowForm
from sinergi.indicators import reference
from sinergi.indicators.approvals import act
from sinergi.indicators.imports import import_values
from sinergi.indicators.models import Aggregate, DataValue, Indicator
from sinergi.indicators.services import ValueChange, ValueErrors, save_value, save_values
from sinergi.regions.models import Region
from sinergi.testing import make_persona

pytestmark = pytest.mark.django_db

VILLAGE, OTHER_VILLAGE, DISTRICT, REGENCY = "52.03.05.2001", "52.03.05.2002", "52.03.05", "52.03"
OUT_OF_SCOPE = "52.01.01.2001"  # Kab. Lombok Barat: not operator.lotim's
COUNTS = ["destana_formed", "destana_madya", "destana_utama"]


@pytest.fixture
def level():
    return Indicator.objects.get(code="destana_level")


def figure(code: str, region: str, period: str = "2023", which: str = "value"):
    row = Aggregate.objects.filter(indicator__code=code, region_id=region, period=period).first()
    return getattr(row, which) if row else None


@pytest.mark.parametrize(
    "text, number",
    [("Pratama", 1), ("madya", 2), ("UTAMA", 3), ("Destana Madya", 2), ("destana  pratama", 1),
     ("Tingkat Utama", 3), ("Desa Tangguh Bencana Madya", 2), ("belum", 0), ("Tidak ada", 0),
     ("Sangat tangguh", None), ("Madya Pratama", None), ("Bukan", None), ("", None)],
)  # fmt: skip
def test_a_level_is_read_by_its_name(level, text, number):
    assert level.level_number(text) == number


def test_a_wrong_level_is_refused_naming_the_allowed_levels(level):
    with pytest.raises(ValidationError) as refused:
        level.check_value("Sangat tangguh")
    message = " ".join(refused.value.messages)
    assert "Sangat tangguh" in message and "Pratama, Madya, Utama" in message
    with pytest.raises(ValidationError) as refused:
        level.check_value("4")
    assert "Pratama, Madya, Utama" in " ".join(refused.value.messages)
    assert level.check_value("Destana Utama") == 3 and level.check_value("2") == 2


def test_level_names_must_be_distinct_words(level):
    level.levels = ["Pratama", "pratama", "Utama"]
    with pytest.raises(ValidationError):
        level.clean()
    level.levels = ["Pratama", "2"]
    with pytest.raises(ValidationError):
        level.clean()
    level.levels = ["Pratama", "Madya"]
    level.clean()


def test_counts_by_level_derive_from_the_village_levels(level):
    save_values(level, "2023", [ValueChange(VILLAGE, "Pratama"), ValueChange(OTHER_VILLAGE, "0")])
    assert [figure(code, DISTRICT) for code in COUNTS] == [1, 0, 0]
    save_value(level, VILLAGE, "2023", "Destana Utama")
    save_value(level, OTHER_VILLAGE, "2023", "Madya")
    assert [figure(code, DISTRICT) for code in COUNTS] == [2, 2, 1]
    assert [figure(code, REGENCY) for code in COUNTS] == [2, 2, 1]
    assert [figure(code, "52") for code in COUNTS] == [2, 2, 1]
    save_value(level, VILLAGE, "2023", None)  # the record removed: no longer counted
    assert [figure(code, "52") for code in COUNTS] == [1, 1, 0]
    for code in COUNTS:
        assert reference.verify(Indicator.objects.get(code=code), "2023") == []


def test_the_derived_count_is_not_entered_for_a_village(level):
    formed = Indicator.objects.get(code="destana_formed")
    with pytest.raises(ValueErrors) as refused:
        save_value(formed, VILLAGE, "2023", 1)
    assert "destana_level" in refused.value.errors[VILLAGE]
    assert "Pratama, Madya, Utama" in refused.value.errors[VILLAGE]
    assert not DataValue.objects.filter(indicator=formed).exists()
    # A kecamatan or kab/kota may still report its own count (a published figure).
    save_value(formed, DISTRICT, "2023", 5)
    assert figure("destana_formed", DISTRICT) == 5


def test_the_records_import_reads_level_names_and_names_each_bad_row(tmp_path, level):
    path = tmp_path / "levels.csv"
    rows = [
        ["region", "indicator", "period", "value"],
        [VILLAGE, "destana_level", "2023", "Destana Madya"],
        [OTHER_VILLAGE, "destana_level", "2023", "sangat tangguh"],
        ["52.03.05.2003", "destana_formed", "2023", "1"],
    ]
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    result = import_values(path)
    problems = {(p.row, p.column): p.message for p in result.problems}
    assert set(problems) == {(3, "value"), (4, "indicator")}
    assert "Pratama, Madya, Utama" in problems[(3, "value")]
    assert "destana_level" in problems[(4, "indicator")]
    assert not DataValue.objects.exists()  # all or nothing
    rows[2][3], rows[3][1], rows[3][3] = "pratama", "destana_level", "Utama"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    result = import_values(path)
    assert not result.problems and result.created == 3
    values = dict(DataValue.objects.values_list("region_id", "value"))
    assert values == {VILLAGE: 2, OTHER_VILLAGE: 1, "52.03.05.2003": 3}
    assert figure("destana_madya", "52") == 2


def post_values(client, indicator, values):
    return client.post(
        "/api/values/",
        {"indicator": indicator, "period": "2023", "values": values},
        content_type="application/json",
    )


def test_the_api_takes_level_names_through_the_gate(client, demo, level):
    client.force_login(make_persona("operator.lotim"))
    ok = post_values(client, "destana_level", [{"region": VILLAGE, "value": "Destana Madya"}])
    assert ok.status_code == 200, ok.content
    assert DataValue.objects.get(indicator=level, region_id=VILLAGE).value == 2
    assert level.values.get(region_id=VILLAGE).history.first().history_user.username == (
        "operator.lotim"
    )
    bad = post_values(client, "destana_level", [{"region": OTHER_VILLAGE, "value": "Sangat"}])
    assert bad.status_code == 400
    assert "Pratama, Madya, Utama" in " ".join(bad.json()["errors"][OTHER_VILLAGE])
    derived = post_values(client, "destana_formed", [{"region": OTHER_VILLAGE, "value": 1}])
    assert derived.status_code == 400
    assert "destana_level" in " ".join(derived.json()["errors"][OTHER_VILLAGE])
    outside = post_values(client, "destana_level", [{"region": OUT_OF_SCOPE, "value": "Utama"}])
    assert outside.status_code == 400 and OUT_OF_SCOPE in outside.json()["errors"]
    assert not DataValue.objects.filter(region_id__in=[OTHER_VILLAGE, OUT_OF_SCOPE]).exists()


def test_an_approved_level_is_locked_in_every_channel(client, demo, level):
    operator, coordinator = make_persona("operator.lotim"), make_persona("koordinator.ntb")
    save_value(level, VILLAGE, "2023", "Pratama", operator)
    act("approve", level, [(DISTRICT, "2023")], coordinator)
    client.force_login(operator)
    locked = post_values(client, "destana_level", [{"region": VILLAGE, "value": "Madya"}])
    assert locked.status_code == 400 and VILLAGE in locked.json()["errors"]
    assert DataValue.objects.get(indicator=level, region_id=VILLAGE).value == 1


def grid(indicator: str, region: str = DISTRICT) -> str:
    return reverse("indicators:data_entry", args=[indicator]) + f"?region={region}&period=2023"


def test_the_count_grid_shows_villages_read_only_and_leads_to_the_level_grid(client, demo, level):
    operator = make_persona("operator.lotim")
    save_value(level, VILLAGE, "2023", "Madya", operator)
    client.force_login(operator)
    page = client.get(grid("destana_formed")).content.decode()
    assert f'name="value_{VILLAGE}"' not in page and 'data-derived="1"' in page
    assert grid("destana_level").replace("&", "&amp;") in page
    assert "1 <span" in page and "(Madya)" in page
    # A forged post of a village's count is refused: nothing written.
    forged = client.post(grid("destana_formed"), {f"value_{VILLAGE}": "1", f"orig_{VILLAGE}": ""})
    assert forged.status_code == 200 and "destana_level" in forged.content.decode()
    assert not DataValue.objects.filter(indicator__code="destana_formed", region_id=VILLAGE)
    # The kab/kota grid lists kecamatan, which may report their own count.
    regency = client.get(grid("destana_formed", REGENCY)).content.decode()
    assert f'name="value_{DISTRICT}"' in regency


def test_the_level_grid_records_a_level_and_the_province_moves(client, demo, level):
    client.force_login(make_persona("operator.lotim"))
    # The province reports 434 for 2023 (the meeting): its computed figure moves.
    before = figure("destana_formed", "52", which="computed") or Decimal(0)
    page = client.get(grid("destana_level")).content.decode()
    assert '<option value="2">Madya</option>' in page and "destana_madya" in page
    response = client.post(
        grid("destana_level"),
        {f"value_{VILLAGE}": "2", f"orig_{VILLAGE}": "", f"version_{VILLAGE}": "0"},
    )
    assert response.status_code == 302
    assert figure("destana_formed", "52", which="computed") == before + 1
    assert figure("destana_madya", DISTRICT) == 1
    outside = client.get(grid("destana_level", "52.01.01"))
    assert outside.status_code == 403


def test_the_text_import_confirm_takes_level_names(level):
    region = Region.objects.get(code=VILLAGE)
    data = {
        "include": "on",
        "value": "Destana Madya",
        "meaning": "achievement",
        "indicator": level.pk,
        "region": VILLAGE,
        "period": "2023",
    }
    regions = Region.objects.filter(code=VILLAGE)
    form = QuantityRowForm(data, regions=regions)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["value"] == 2 and form.cleaned_data["region"] == region
    form = QuantityRowForm({**data, "value": "Sangat tangguh"}, regions=regions)
    assert not form.is_valid()
    assert "Pratama, Madya, Utama" in " ".join(form.errors["value"])
    formed = Indicator.objects.get(code="destana_formed")
    form = QuantityRowForm({**data, "indicator": formed.pk, "value": "Madya"}, regions=regions)
    assert not form.is_valid() and "value" in form.errors  # a count is a number
    form = QuantityRowForm({**data, "indicator": formed.pk, "value": "12"}, regions=regions)
    assert form.is_valid() and form.cleaned_data["value"] == 12


def test_the_operators_home_leads_to_the_level_grid(client, demo):
    client.force_login(make_persona("operator.lotim"))
    page = client.get("/").content.decode()
    assert 'id="level-entry-destana_level"' in page
    assert f'action="{reverse("indicators:data_entry", args=["destana_level"])}"' in page
    assert '<option value="52.03.05">' in page and '<option value="52.01.01">' not in page
    client.force_login(make_persona("viewer.lobar"))
    assert 'id="level-entry-' not in client.get("/").content.decode()
