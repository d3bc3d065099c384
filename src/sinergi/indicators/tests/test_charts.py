"""The indicator charts: their series, partial marks, target line, gate and CSV downloads."""

import csv
import io

import pytest
from django.urls import reverse

from sinergi.indicators import charts
from sinergi.indicators.demo import load_figures
from sinergi.indicators.models import Indicator, Target
from sinergi.indicators.rollup import rollup
from sinergi.indicators.services import ValueChange, save_values
from sinergi.regions.models import Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures(demo):
    load_figures()


def destana():
    return Indicator.objects.get(code="destana_formed")


def csv_rows(response):
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_destana_trend_marks_2024_and_2025_as_partial_with_the_target_line(figures):
    province = Region.objects.get(code="52")
    points = charts.trend(destana(), province)
    assert [(p.period, p.value, p.basis) for p in points] == [
        ("2021", 209, "reported"),
        ("2022", 331, "reported"),
        ("2023", 434, "reported"),
        ("2024", 47, "partial"),  # one regency's figure, not the province's
        ("2025", 17, "partial"),
    ]
    assert [(p.reporting, p.total) for p in points[3:]] == [(1, 10), (1, 10)]
    assert {p.period: p.target for p in points if p.target is not None} == {
        "2021": 434,
        "2023": 567,
    }
    # The one rule: every point is what the roll-up shows for the province in that period.
    for point in points:
        row = rollup(destana(), point.period, province, level="province")[0]
        assert (point.value, point.basis, point.target) == (row.value, row.basis, row.target)
    assert points[3].source_text == "sebagian: dihitung dari 1 dari 10 kab/kota"

    chart = charts.trend_chart(destana(), province)
    assert chart.spec["partial"] == [False, False, False, True, True]
    assert chart.spec["targets"] == [434.0, None, 567.0, None, None]
    assert chart.marked == [False, False, False, True, True]
    assert "1 dari 10 kab/kota" in chart.spec["tooltips"][3][-1]


def test_a_regency_trend_is_its_own_reported_figures(figures):
    points = charts.trend(destana(), Region.objects.get(code="52.02"))
    assert [(p.period, p.value, p.basis) for p in points] == [
        ("2023", 34, "reported"),
        ("2024", 47, "reported"),
    ]


def test_trend_and_charts_follow_the_gate(figures, persona, settings):
    """With the figures not published, viewer.lobar sees Lombok Barat and the province above
    it (records placed on an ancestor are readable), not another regency nor its villages."""
    settings.SINERGI_PUBLIC = []
    viewer = persona("viewer.lobar")
    save_values(destana(), "2023", [ValueChange("52.01", "12", None)])
    assert charts.trend(destana(), Region.objects.get(code="52.02"), viewer) == []
    own = charts.trend(destana(), Region.objects.get(code="52.01"), viewer)
    assert [(p.period, p.value) for p in own] == [("2023", 12)]
    province = Region.objects.get(code="52")
    assert len(charts.trend(destana(), province, viewer)) == 5
    ranked = charts.ranked_chart(destana(), "2023", province, viewer)
    assert [row[0] for row in ranked.rows] == ["52.01"]  # Lombok Tengah's 34 is not shown
    reader = persona("koordinator.ntb")
    everyone = charts.ranked_chart(destana(), "2023", province, reader)
    assert [row[0] for row in everyone.rows][:2] == ["52.02", "52.01"]
    level = Indicator.objects.get(code="destana_level")
    save_values(level, "2023", [ValueChange("52.71.01.1004", "2", None)])
    assert charts.level_counts(level, province, viewer) == []
    assert charts.level_counts(level, province, reader)[0].counts == [0, 1, 0]


def test_ranked_children_by_achievement_with_partial_and_no_target_apart(figures):
    province = Region.objects.get(code="52")
    for code, value in (("52.02", 50), ("52.71", 4), ("52.03", 10)):
        Target.objects.create(indicator=destana(), region_id=code, period="2023", value=value)
    level = Indicator.objects.get(code="destana_level")
    # Kota Mataram: 3 villages of one kecamatan out of six: a partial computed figure.
    save_values(
        level, "2023", [ValueChange(c, "1", None) for c in ("52.71.01.1004", "52.71.01.1005")]
    )
    save_values(destana(), "2023", [ValueChange("52.04", "30", None)])  # no target
    chart = charts.ranked_chart(destana(), "2023", province)
    rows = {row.code: row for row in rollup(destana(), "2023", province, level="regency")}
    assert rows["52.71"].partial and not rows["52.02"].partial
    # Ranked: 52.02 (34 of 50: 68 %) before 52.71 (2 of 4: 50 %, partial); 52.03 has no figure.
    assert chart.spec["categories"] == [rows["52.02"].name, rows["52.71"].name]
    assert chart.spec["series"][0]["data"] == [68.0, 50.0]
    assert chart.spec["partial"] == [False, True]
    assert chart.spec["reference"] == 100
    assert any(rows["52.04"].name in note for note in chart.notes)  # no target: listed apart
    assert any(rows["52.03"].name in note for note in chart.notes)  # no figure
    assert [r[0] for r in chart.rows[:2]] == ["52.02", "52.71"] and len(chart.rows) == 10
    assert chart.marked[:2] == [False, True]


def test_destana_levels_per_year_count_the_villages_at_each_level(figures, persona):
    level = Indicator.objects.get(code="destana_level")
    save_values(
        level,
        "2022",
        [ValueChange("52.71.01.1004", "1", None), ValueChange("52.71.01.1005", "1", None)],
    )
    save_values(
        level,
        "2023",
        [
            ValueChange("52.71.01.1004", "2", None),
            ValueChange("52.71.01.1005", "1", None),
            ValueChange("52.71.02.1001", "3", None),
            ValueChange("52.03.01.2001", "0", None),  # recorded as none yet
        ],
    )
    city = Region.objects.get(code="52.71")
    years = charts.level_counts(level, city)
    villages = Region.objects.filter(code__startswith="52.71.", level="village").count()
    assert [(y.period, y.counts, y.recorded, y.total) for y in years] == [
        ("2022", [2, 0, 0], 2, villages),
        ("2023", [1, 1, 1], 3, villages),
    ]
    province = charts.level_counts(level, Region.objects.get(code="52"))
    assert [(y.period, y.counts, y.recorded) for y in province] == [
        ("2022", [2, 0, 0], 2),
        ("2023", [1, 1, 1], 4),
    ]
    chart = charts.levels_chart(destana(), city)  # shown on the count's page too
    assert chart.columns[1:4] == ["Pratama", "Madya", "Utama"]
    assert chart.spec["series"][1] == {"name": "Madya", "data": [0, 1]}
    assert charts.levels_chart(Indicator.objects.get(code="posyandu"), city) is None


def test_indicator_page_shows_the_charts_with_tables_and_their_csv(client, figures):
    url = reverse("indicators:indicator_detail", args=["destana_formed"])
    page = client.get(url, {"region": "52", "period": "2023"})
    assert [chart.id for chart in page.context["charts"]] == ["trend", "ranked", "levels"]
    text = page.text
    assert 'id="chart-trend"' in text and 'id="chart-trend-spec"' in text
    assert text.count('class="chart-partial"') >= 2  # 2024 and 2025 in the trend's table
    assert "vendor/echarts/echarts.common.min.js" in text and "<script>" not in text
    trend = page.context["charts"][0]
    assert trend.csv_url == "?region=52&period=2023&chart=trend&format=csv"
    lines = csv_rows(client.get(url + trend.csv_url))
    assert lines[0] == [str(c) for c in trend.columns]
    assert [line[0] for line in lines[1:]] == ["2021", "2022", "2023", "2024", "2025"]
    assert lines[4][3] == "sebagian: dihitung dari 1 dari 10 kab/kota"
    ranked = csv_rows(client.get(url, {"region": "52", "period": "2023", "chart": "ranked",
                                       "format": "csv"}))  # fmt: skip
    assert len(ranked) == 1 + 10 and ranked[1][0] == "52.02"


def test_a_monthly_indicator_has_a_yearly_and_a_monthly_trend(figures, client):
    weighed = Indicator.objects.create(
        code="balita_ditimbang", name="Balita ditimbang", period_type="month",
        period_aggregation="sum",
    )  # fmt: skip
    district = Region.objects.get(code="52.07.01")
    villages = list(district.children.order_by("code").values_list("code", flat=True))
    save_values(weighed, "202301", [ValueChange(code, "10", None) for code in villages])
    save_values(weighed, "202302", [ValueChange(villages[0], "5", None)])
    monthly = charts.trend(weighed, district, period_type="month")
    assert [(p.period, p.value, p.basis) for p in monthly] == [
        ("202301", 10 * len(villages), "computed"),
        ("202302", 5, "partial"),  # one village of the kecamatan reported in February
    ]
    assert (monthly[1].reporting, monthly[1].total) == (1, len(villages))
    yearly = charts.trend(weighed, district)
    row = rollup(weighed, "2023", district, level="district")[0]
    assert [(p.period, p.value, p.basis) for p in yearly] == [("2023", row.value, row.basis)]
    page = client.get(
        reverse("indicators:indicator_detail", args=["balita_ditimbang"]),
        {"region": "52.07.01", "period": "202302"},
    )
    assert [c.id for c in page.context["charts"]][:2] == ["trend", "trend-month"]
