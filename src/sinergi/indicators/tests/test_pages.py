import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from sinergi.indicators.demo import load_figures
from sinergi.indicators.models import DataValue, Indicator
from sinergi.indicators.services import save_value

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures(demo):
    load_figures()


def test_indicator_page_shows_the_province_and_its_kab_kota(
    reader_client, figures, django_assert_max_num_queries
):
    client = reader_client
    url = reverse("indicators:indicator_detail", args=["destana_formed"])
    with django_assert_max_num_queries(14):  # with its charts and the year's region groups
        response = client.get(url, {"period": "2023"})
    own = response.context["own"]
    assert (own.value, own.target, str(own.achievement_pct)) == (434, 567, "76.5")
    assert len(response.context["rows"]) == 10
    assert "dpmpddukcapil.ntbprov.go.id" in response.text  # the value's source


def test_drill_down_sort_and_downloads_match_the_screen(client, figures):
    url = reverse("indicators:indicator_detail", args=["stunting_prevalence_eppgbm"])
    response = client.get(url, {"region": "52.71", "period": "2023", "sort": "-value"})
    values = [row.value for row in response.context["rows"]]
    assert values == sorted(values, reverse=True) and len(values) == 6
    download = client.get(
        url, {"region": "52.71", "period": "2023", "sort": "-value", "format": "csv"}
    )
    lines = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert lines[1][0] == "52.71" and [line[0] for line in lines[2:]] == [
        r.code for r in response.context["rows"]
    ]
    xlsx = client.get(url, {"region": "52.71", "period": "2023", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.max_row == 1 + 1 + 6 and sheet["E2"].value == 14.24


def test_gap_list_names_village_records_in_a_focus_regency_for_what_they_are(client, figures):
    level = Indicator.objects.get(code="destana_level")
    save_value(level, "52.07.01.2001", "2023", 1)
    save_value(level, "52.07.01.2002", "2023", 0)  # recorded: no Destana yet
    response = client.get(
        reverse("indicators:indicator_gaps", args=["destana_formed"]),
        {"region": "52.07", "period": "2023"},
    )
    records = response.context["records"]
    assert (records.total, records.reached, records.unrecorded_count) == (65, 1, 63)
    assert [gap.region.code for gap in records.not_reached] == ["52.07.01.2002"]
    unrecorded = [village.code for village in records.unrecorded]
    assert len(unrecorded) == 63 and "52.07.01.2001" not in unrecorded
    assert "2 desa/kelurahan tercatat" not in response.text
    assert "1 desa/kelurahan tercatat belum tercapai" in response.text
    whole = client.get(
        reverse("indicators:indicator_gaps", args=["destana_formed"]), {"period": "2023"}
    )
    assert [row.code for row in whole.context["below"]] == ["52"]


def test_home_and_region_pages_show_key_indicator_cards(client, figures):
    home = client.get("/")
    codes = {card.indicator.code for card in home.context["cards"]}
    assert "destana_formed" in codes
    destana = next(c for c in home.context["cards"] if c.indicator.code == "destana_formed")
    assert destana.period == "2023" and destana.row.value == 434  # the newest reported figure
    cards = client.get(reverse("indicators:region_cards", args=["52.71"]))
    assert "indicator-card" in cards.text


def test_cards_show_the_same_rows_as_the_rollup(figures):
    from sinergi.indicators.reports import cards
    from sinergi.indicators.rollup import rollup
    from sinergi.regions.models import Region

    for region in Region.objects.filter(code__in=["52", "52.03", "52.71"]):
        for card in cards(region, Indicator.objects.all()):
            if card.row is None:
                continue
            expected = rollup(
                card.indicator, card.period, region, regions=Region.objects.filter(code=region.code)
            )
            assert card.row == expected[0], (card.indicator.code, region.code)


def test_a_village_card_and_roll_up_read_its_values(figures):
    """Villages have no stored summaries: their cards and roll-up rows come from their values,
    for a monthly indicator's year too (the newest month, as the indicator says)."""
    from sinergi.indicators.models import Aggregate
    from sinergi.indicators.reports import cards
    from sinergi.indicators.rollup import rollup
    from sinergi.regions.models import Region

    village = Region.objects.get(code="52.07.01.2001")
    weighed = Indicator.objects.create(
        code="balita_ditimbang", name="Balita ditimbang", period_type="month"
    )
    save_value(weighed, village.code, "202301", 40)
    save_value(weighed, village.code, "202302", 45)
    save_value(Indicator.objects.get(code="destana_level"), village.code, "2023", 2)
    assert not Aggregate.objects.filter(region=village).exists()
    found = {c.indicator.code: c for c in cards(village, Indicator.objects.all()) if c.row}
    assert found["balita_ditimbang"].period == "2023" and found["balita_ditimbang"].row.value == 45
    trend = found["balita_ditimbang"].trend
    assert [(p.period, p.value, p.basis, p.partial) for p in trend] == [
        ("2023", 45, "computed", False)  # the year combined from its months
    ]
    assert found["destana_level"].row.reported == 2
    for card in found.values():
        expected = rollup(card.indicator, card.period, village, regions=Region.objects.filter(
            code=village.code))  # fmt: skip
        assert card.row == expected[0], card.indicator.code
    district = rollup(weighed, "2023Q1", "52.07.01", level="district")[0]
    assert (district.value, district.children_reporting) == (45, 1)


def test_entry_grid_saves_a_kecamatan_and_refuses_a_stale_save(client, operator, figures):
    client.force_login(operator)
    url = reverse("indicators:data_entry", args=["destana_level"]) + "?region=52.71.01&period=2023"
    grid = client.get(url)
    assert len(grid.context["rows"]) == 10
    data = {f"orig_{r['region'].code}": "" for r in grid.context["rows"]}
    data |= {f"version_{r['region'].code}": "0" for r in grid.context["rows"]}
    response = client.post(url, {**data, "value_52.71.01.1004": "2", "value_52.71.01.1005": "1"})
    assert response.status_code == 302
    formed = Indicator.objects.get(code="destana_formed")
    from sinergi.indicators.rollup import rollup

    assert rollup(formed, "2023", "52.71", level="district")[0].value == 2
    # someone else edits 1004 meanwhile; our stale form must not overwrite it
    save_value(Indicator.objects.get(code="destana_level"), "52.71.01.1004", "2023", 3, version=1)
    stale = client.post(url, {**data, "value_52.71.01.1004": "1", "value_52.71.01.1006": "9"})
    assert stale.status_code == 200
    rows = {r["region"].code: r for r in stale.context["rows"]}
    assert rows["52.71.01.1004"]["error"] and rows["52.71.01.1006"]["error"]
    assert (
        DataValue.objects.get(indicator__code="destana_level", region_id="52.71.01.1004").value == 3
    )
    assert not DataValue.objects.filter(region_id="52.71.01.1006").exists()


def test_entry_grid_needs_sign_in(client, figures):
    url = reverse("indicators:data_entry", args=["destana_level"])
    assert client.get(url).status_code == 302


def test_a_page_opens_on_the_newest_complete_figure_of_its_region(client, figures):
    """Destana has province figures computed for 2024 and 2025 from one regency each (partial)
    and a reported 434 for 2023: the province opens on 2023; Lombok Tengah, which reported 34
    for 2023 and 47 for 2024, on 2024; a region with no figure on the newest period with one."""
    url = reverse("indicators:indicator_detail", args=["destana_formed"])
    page = client.get(url)
    assert page.context["period"] == "2023" and page.context["own"].value == 434
    assert client.get(url, {"region": "52.02"}).context["period"] == "2024"
    periods = page.context["periods"]
    assert periods[0] == "2025"
    assert client.get(url, {"region": "52.01"}).context["period"] == periods[0]
