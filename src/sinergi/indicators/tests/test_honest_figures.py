"""Every page and channel that shows a region's figure says where it comes from and how complete
it is, by the one rule (`figures.py`): cards, the indicator page and its exports, the gap list,
the API, `sinergi rollup --json` and the region profile PDF."""

import csv
import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from sinergi.indicators.demo import load_figures
from sinergi.indicators.models import DataValue, Indicator, Target
from sinergi.indicators.reports import TrendPoint, cards
from sinergi.indicators.services import save_value
from sinergi.regions.models import Region
from sinergi.testing import make_persona, pdf_text

pytestmark = pytest.mark.django_db

LOTIM_VILLAGE = "52.03.05.2001"
DETAIL = reverse("indicators:indicator_detail", args=["destana_formed"])
GAPS = reverse("indicators:indicator_gaps", args=["destana_formed"])


@pytest.fixture
def figures(demo):
    load_figures()


def record_lotim_destana(when=None):
    """operator.lotim records one Destana village (Pratama) in Lombok Timur for 2023."""
    operator = make_persona("operator.lotim")
    save_value(Indicator.objects.get(code="destana_level"), LOTIM_VILLAGE, "2023", 1, operator)
    if when:
        DataValue.objects.filter(region_id=LOTIM_VILLAGE).update(updated_at=when)
    return operator


def destana_card(region_code="52", user=None):
    region = Region.objects.get(code=region_code)
    found = cards(region, Indicator.objects.filter(code="destana_formed"), user)
    return found[0]


def text_of(response, element_id: str) -> str:
    """The text inside the element with this id (tags removed, spaces collapsed)."""
    import re
    from html import unescape

    html = response.content.decode()
    start = html.index(f'id="{element_id}"')
    start = html.index(">", start) + 1
    depth, position = 1, start
    tag = re.compile(r"<(/?)(div|section|p|span|ul|li|table|td|tr|details)\b[^>]*>")
    for match in tag.finditer(html, start):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            position = match.start()
            break
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html[start:position])).split())


def page_text(response) -> str:
    import re
    from html import unescape

    return " ".join(unescape(re.sub(r"<[^>]+>", "", response.content.decode())).split())


# ----------------------------------------------------------------- cards


def test_province_card_keeps_the_reported_headline_and_marks_partial_periods(client, figures):
    card = destana_card()
    assert (card.period, card.row.value, card.row.basis) == ("2023", 434, "reported")
    assert [(p.period, p.value, p.basis, p.reporting, p.total) for p in card.trend] == [
        ("2021", 209, "reported", 0, 10),
        ("2022", 331, "reported", 0, 10),
        ("2023", 434, "reported", 1, 10),
        ("2024", 47, "partial", 1, 10),  # Lombok Tengah's report only, not the province
        ("2025", 17, "partial", 1, 10),
    ]
    partial = card.trend[3]
    assert isinstance(partial, TrendPoint) and partial.partial and not card.trend[2].partial
    with translation.override("id"):
        assert partial.coverage_text == "dihitung dari 1 dari 10 kab/kota"
        assert card.trend[2].coverage_text == ""  # reported: no coverage to state
        assert card.row.source_text == "dilaporkan untuk wilayah ini"
    home = page_text(client.get("/"))
    assert (
        "2021: 209 → 2022: 331 → 2023: 434 → 2024: 47 (sebagian, 1/10) → 2025: 17 (sebagian, 1/10)"
    ) in home  # reported periods are not marked
    assert "dilaporkan untuk wilayah ini" in home
    assert "hasil hitungan dari wilayah di bawahnya: 34, sebagian (dihitung dari 1 dari 10" in home


def test_a_partial_card_is_marked_and_not_judged_against_the_target(client, figures):
    record_lotim_destana()
    Target.objects.create(
        indicator=Indicator.objects.get(code="destana_formed"),
        region_id="52.03",
        period="2023",
        value=50,
    )
    card = destana_card("52.03")
    assert (card.row.value, card.row.basis, card.row.status) == (1, "partial", "partial")
    page = client.get(reverse("indicators:region_cards", args=["52.03"]))
    assert 'data-basis="partial"' in page.text and "figure-partial" in page.text
    assert "sebagian: dihitung dari 1 dari 21 kecamatan" in page.text
    assert "progress-bar" not in page.text  # no achievement bar for a partial figure
    assert "tidak dibandingkan: data belum lengkap" in page.text


def test_a_complete_computed_figure_is_the_region_figure_and_a_ratio_of_reported_inputs_is_whole(
    figures,
):
    """A ratio of the province's own reported numerator and denominator is complete, computed from
    no child (it used to be called partial, "0 of 10"): a card shows it as the region's figure."""
    card = next(
        c
        for c in cards(Region.objects.get(code="52"), Indicator.objects.filter(is_key=True))
        if c.indicator.code == "posyandu_keluarga_share"
    )
    assert card.row.basis == "computed" and not card.row.partial
    assert all(not point.partial for point in card.trend)
    with translation.override("id"):
        assert card.row.source_text == "dihitung"  # from its own inputs, not "from 10 of 10"


# ----------------------------------------------------------------- indicator page


def test_indicator_headline_names_both_figures_with_their_dates_and_why(
    client, figures, django_assert_max_num_queries
):
    reported_at = timezone.make_aware(datetime.datetime(2023, 2, 4, 10, 0))
    computed_at = timezone.make_aware(datetime.datetime(2026, 11, 30, 9, 0))
    DataValue.objects.filter(
        indicator__code="destana_formed", region_id="52", period="2023"
    ).update(updated_at=reported_at)
    DataValue.objects.filter(indicator__code="destana_formed", region_id="52.02").update(
        updated_at=reported_at
    )
    record_lotim_destana(when=computed_at)
    client.force_login(make_persona("koordinator.ntb"))
    # The headline's dates, the charts and the year's region groups included; not per row.
    with django_assert_max_num_queries(16):
        response = client.get(DETAIL, {"region": "52", "period": "2023"})
    own = response.context["own"]
    assert (own.value, own.reported, own.computed, own.basis) == (434, 434, 35, "reported")
    with translation.override("id"):
        reported_day = date_format(timezone.localtime(reported_at), "DATE_FORMAT")
        computed_day = date_format(timezone.localtime(computed_at), "DATE_FORMAT")
    explain = text_of(response, "headline-explain")
    assert explain == (
        f"Angka utama memakai angka yang dilaporkan untuk wilayah ini, 434 ({reported_day}), "
        "karena angka hasil hitungan belum lengkap. Hasil hitungan dari wilayah di bawahnya: "
        f"35 ({computed_day}), dihitung dari 2 dari 10 kab/kota; selisih +399."
    )
    assert text_of(response, "headline-source") == "dilaporkan untuk wilayah ini"
    computed = text_of(response, "figure-computed")
    assert "35" in computed and computed_day in computed and "sebagian" in computed
    assert reported_day in text_of(response, "figure-reported")
    rows = {row.code: row for row in response.context["rows"]}
    assert (rows["52.03"].value, rows["52.03"].basis) == (1, "partial")
    assert (rows["52.02"].value, rows["52.02"].basis) == (34, "reported")
    assert '<tr data-basis="partial" class="figure-partial">' in response.text


def test_a_region_with_only_a_partial_figure_says_so_and_is_not_compared(client, figures):
    record_lotim_destana()
    response = client.get(DETAIL, {"region": "52.03", "period": "2023"})
    own = response.context["own"]
    assert (own.value, own.basis, own.partial) == (1, "partial", True)
    assert text_of(response, "headline-source") == "sebagian: dihitung dari 1 dari 21 kecamatan"
    assert text_of(response, "headline-explain").startswith(
        "Tidak ada angka yang dilaporkan untuk wilayah ini sendiri, dan data wilayah di bawahnya "
        "belum lengkap: 1 dihitung dari 1 dari 21 kecamatan"
    )


def test_village_table_of_a_kecamatan_reads_each_village_as_reported(client, figures):
    record_lotim_destana()
    response = client.get(
        reverse("indicators:indicator_detail", args=["destana_level"]),
        {"region": "52.03.05", "period": "2023"},
    )
    rows = {row.code: row for row in response.context["rows"]}
    assert (rows[LOTIM_VILLAGE].value, rows[LOTIM_VILLAGE].basis) == (1, "reported")
    assert rows["52.03.05.2002"].basis == ""  # no record: no figure, not a zero
    own = response.context["own"]
    assert (own.value, own.basis) == (1, "partial")  # 1 of the kecamatan's villages reported


def test_csv_and_xlsx_exports_say_where_each_figure_comes_from(client, figures):
    record_lotim_destana()
    download = client.get(DETAIL, {"region": "52", "period": "2023", "format": "csv"})
    lines = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert lines[0][-2:] == ["Sumber angka", "Asal angka"]
    by_code = {line[0]: line for line in lines[1:]}
    assert by_code["52"][-2:] == ["dilaporkan", "dilaporkan untuk wilayah ini"]
    assert by_code["52.03"][-2:] == ["sebagian", "sebagian: dihitung dari 1 dari 21 kecamatan"]
    assert by_code["52.01"][-2:] == ["tidak ada data", "tidak ada data"]
    from openpyxl import load_workbook

    xlsx = client.get(DETAIL, {"region": "52", "period": "2023", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    header = [cell.value for cell in sheet[1]]
    assert header[-2:] == ["Sumber angka", "Asal angka"]
    assert [cell.value for cell in sheet[2]][-2:] == ["dilaporkan", "dilaporkan untuk wilayah ini"]


# ----------------------------------------------------------------- gap list


def test_gap_list_counts_against_the_headline_and_lists_partial_regions_apart(client, figures):
    record_lotim_destana()
    formed = Indicator.objects.get(code="destana_formed")
    Target.objects.create(indicator=formed, region_id="52.03", period="2023", value=50)
    response = client.get(GAPS, {"region": "52", "period": "2023"})
    own = response.context["own"]
    assert (own.value, own.target, own.gap) == (434, 567, 133)
    headline = text_of(response, "gap-headline")
    assert "434" in headline and "567" in headline and "kurang 133" in headline
    assert "dilaporkan untuk wilayah ini" in headline
    assert [row.code for row in response.context["below"]] == ["52"]
    assert [row.code for row in response.context["incomplete"]] == ["52.03"]  # not "behind"
    assert "Kabupaten Lombok Timur" in text_of(response, "data-incomplete")
    assert "Kabupaten Lombok Timur" not in text_of(response, "below-target")
    records = response.context["records"]
    assert (records.total, records.reached, len(records.not_reached)) == (1166, 1, 0)
    assert records.unrecorded_count == 1165
    summary = text_of(response, "village-records")
    assert summary == (
        "Dari 1166 desa/kelurahan, 1 tercatat di tingkat desa sudah tercapai, 0 tercatat belum "
        "tercapai, dan 1165 belum memiliki catatan tingkat desa."
    )
    assert "belum tercapai" not in headline and "1165 desa/kelurahan di" not in response.text


# ----------------------------------------------------------------- API and CLI


def test_api_rollup_rows_carry_basis_partial_coverage_and_source_text(client, figures):
    record_lotim_destana()
    url = "/api/indicators/destana_formed/rollup/"
    rows = client.get(url, {"period": "2023", "region": "52", "level": "regency"}).json()
    by_code = {row["code"]: row for row in rows}
    lotim = by_code["52.03"]
    assert (lotim["basis"], lotim["partial"], lotim["coverage_pct"]) == ("partial", True, 4.8)
    assert lotim["status"] == "partial"
    assert lotim["source_text"] == "sebagian: dihitung dari 1 dari 21 kecamatan"
    assert (by_code["52.02"]["basis"], by_code["52.02"]["partial"]) == ("reported", False)
    ntb = client.get(url, {"period": "2023", "region": "52", "level": "province"}).json()[0]
    assert (ntb["value"], ntb["basis"], ntb["coverage_pct"]) == (434.0, "reported", 20.0)
    assert ntb["source_text"] == "dilaporkan untuk wilayah ini"


def test_rollup_command_json_and_text_say_the_basis(figures, capsys):
    record_lotim_destana()
    call_command("rollup", "destana_formed", "2023", "--level", "regency", "--json")
    by_code = {row["code"]: row for row in json.loads(capsys.readouterr().out)}
    lotim = by_code["52.03"]
    assert {key: lotim[key] for key in ("basis", "partial", "coverage_pct", "status")} == {
        "basis": "partial",
        "partial": True,
        "coverage_pct": 4.8,
        "status": "partial",
    }
    call_command("rollup", "destana_formed", "2023", "--level", "regency")
    lines = {line[:14].strip(): line for line in capsys.readouterr().out.splitlines()}
    assert lines["52.03"].rstrip().endswith("partial")
    assert lines["52.02"].rstrip().endswith("reported")


# ----------------------------------------------------------------- region profile PDF


def test_region_profile_pdf_states_basis_and_coverage_and_marks_partial(client, figures):
    record_lotim_destana()
    client.force_login(make_persona("koordinator.ntb"))
    profile = client.get(reverse("dashboards:region_profile_pdf", args=["52"]))
    text = " ".join(pdf_text(profile).split())
    expected = "dilaporkan untuk wilayah ini; hasil hitungan dari wilayah di bawahnya: 35, sebagian"
    assert expected in text
    assert "Kabupaten Lombok Timur (sebagian)" in text  # in the chart by kab/kota
    lotim = " ".join(
        pdf_text(client.get(reverse("dashboards:region_profile_pdf", args=["52.03"]))).split()
    )
    assert "[sebagian]" in lotim and "sebagian: dihitung dari 1 dari 21 kecamatan" in lotim


def test_cards_stay_at_five_queries_with_their_trend_points(figures, django_assert_max_num_queries):
    """The home page shows the cards: marking the basis and partial periods adds no query."""
    province = Region.objects.get(code="52")
    with django_assert_max_num_queries(5):
        found = cards(province, Indicator.objects.filter(is_key=True))
        assert all(point.basis for card in found for point in card.trend)
        assert [card.row.source_text for card in found if card.row]
