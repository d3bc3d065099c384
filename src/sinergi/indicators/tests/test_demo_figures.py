from decimal import Decimal

import pytest

from sinergi.indicators.demo import load_figures, read_figures
from sinergi.indicators.models import DataValue, Indicator, Target
from sinergi.indicators.rollup import rollup

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures(demo):
    return load_figures()


def test_destana_2023_is_434_of_567_with_its_source(figures):
    formed = Indicator.objects.get(code="destana_formed")
    ntb = rollup(formed, "2023", "52", level="province")[0]
    assert (ntb.value, ntb.target, float(ntb.achievement_pct), ntb.gap) == (434, 567, 76.5, 133)
    value = DataValue.objects.get(indicator=formed, region_id="52", period="2023")
    assert value.source == "https://dpmpddukcapil.ntbprov.go.id/?p=116"
    assert value.source_kind == "meeting"  # read from the founding meeting's minutes
    earlier = {
        dv.period: dv.value for dv in DataValue.objects.filter(indicator=formed, region_id="52")
    }
    assert earlier == {"2021": 209, "2022": 331, "2023": 434}
    assert Target.objects.get(indicator=formed, region_id="52", period="2021").value == 434


def test_every_published_figure_is_loaded_once_and_idempotently(figures):
    rows = read_figures()
    target_rows = [r for r in rows if r["indicator"].endswith("_target")]
    loaded = DataValue.objects.exclude(source_kind="meeting")
    assert loaded.count() == len(rows) - len(target_rows)
    versions = sorted(DataValue.objects.values_list("pk", "version"))
    load_figures()
    assert sorted(DataValue.objects.values_list("pk", "version")) == versions


def test_survey_and_weighing_stunting_series_are_different_indicators(figures):
    ssgi = Indicator.objects.get(code="stunting_prevalence_ssgi")
    eppgbm = Indicator.objects.get(code="stunting_prevalence_eppgbm")
    assert ssgi != eppgbm
    assert DataValue.objects.get(indicator=ssgi, region_id="52", period="2022").value == Decimal(
        "32.7"
    )
    assert DataValue.objects.get(indicator=eppgbm, region_id="52", period="2022").value == Decimal(
        "16.84"
    )
    assert ssgi.direction == "lower" and ssgi.aggregation == "none"


def test_ratio_indicator_from_published_counts(figures):
    share = Indicator.objects.get(code="posyandu_keluarga_share")
    rows = {row.code: row for row in rollup(share, "2020", "52")}
    assert float(rows["52"].value) == pytest.approx(24.73, abs=0.01)  # 1,825 of 7,379
    assert float(rows["52.05"].value) == pytest.approx(90.16, abs=0.01)  # Dompu 394 of 437
