"""Convergence on a small region tree: Kota Mataram (52.71) and its six kecamatan, two priority
indicators with targets, values that put known areas behind."""

import csv
import io
import json
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from sinergi.dashboards.convergence import convergence
from sinergi.indicators.models import Indicator, Target
from sinergi.indicators.services import ValueChange, save_values
from sinergi.organizations.models import Organization
from sinergi.programs.models import Activity, Program
from sinergi.regions.models import Region
from sinergi.testing import make_user

pytestmark = pytest.mark.django_db

CITY = "52.71"
AMPENAN, MATARAM, CAKRA, SEKARBELA, SELAPARANG, SANDUBAYA = (f"52.71.0{n}" for n in range(1, 7))
SEKARBELA_VILLAGE = "52.71.04.1001"  # Karang Pule, one of Sekarbela's kelurahan
MATARAM_VILLAGE = "52.71.02.1001"
CAKRA_VILLAGE = "52.71.03.1004"


@pytest.fixture
def tree():
    """Two priorities with targets for every kecamatan of Kota Mataram in 2023.

    coverage (higher is better, target 100) and prevalence (lower is better, target 10):
    Ampenan      10 behind   50 behind      -> 2 behind, mean (10 + 20) / 2 = 15
    Mataram      50 behind    5 achieved    -> 1 behind, mean (50 + 100) / 2 = 75
    Cakranegara  80 on track 20 behind      -> 1 behind, mean (80 + 50) / 2 = 65
    Sekarbela    partial     40 behind      -> 1 behind, 1 unknown (partial), mean 25
    Selaparang  100 achieved 12, no target  -> 0 behind, 1 unknown, mean 100
    Sandubaya    no data     no data        -> 0 behind, 2 unknown, no mean
    """
    coverage = Indicator.objects.create(code="coverage_x", name="Cakupan X", is_key=True)
    prevalence = Indicator.objects.create(
        code="prevalence_x", name="Prevalensi X", direction="lower", is_key=True
    )
    Indicator.objects.create(code="other_x", name="Lain X", is_key=True)  # no target in 2023
    for code in (AMPENAN, MATARAM, CAKRA, SEKARBELA, SELAPARANG, SANDUBAYA):
        Target.objects.create(indicator=coverage, region_id=code, period="2023", value=100)
        if code != SELAPARANG:
            Target.objects.create(indicator=prevalence, region_id=code, period="2023", value=10)
    put(coverage, {AMPENAN: 10, MATARAM: 50, CAKRA: 80, SELAPARANG: 100, SEKARBELA_VILLAGE: 1})
    put(prevalence, {AMPENAN: 50, MATARAM: 5, CAKRA: 20, SEKARBELA: 40, SELAPARANG: 12})
    return coverage, prevalence


def put(indicator, values):
    save_values(indicator, "2023", [ValueChange(code, v) for code, v in values.items()])


@pytest.fixture
def programs(tree):
    """Programs of 2023 placed in Ampenan (focus), in part of Mataram (a village's focus), in a
    village of Cakranegara (an activity only); one of 2022 in Sandubaya; one with no place."""
    city_org = Organization.objects.create(
        name="Dinas Kesehatan Kota Mataram", org_type="opd", home_region_id=CITY
    )
    placed = {}
    for name, focus in (("Posyandu Ampenan", AMPENAN), ("Kelas ibu Mataram", MATARAM_VILLAGE)):
        placed[name] = Program.objects.create(
            name=name, fiscal_year=2023, owner=city_org, budget=250_000_000
        )
        placed[name].focus_regions.set([focus])
    placed["Gizi keliling"] = Program.objects.create(name="Gizi keliling", fiscal_year=2023)
    Activity.objects.create(
        program=placed["Gizi keliling"], title="Timbang", region_id=CAKRA_VILLAGE
    )
    old = Program.objects.create(name="Program lama", fiscal_year=2022, owner=city_org)
    old.focus_regions.set([SANDUBAYA])
    placed["Tanpa tempat"] = Program.objects.create(name="Tanpa tempat", fiscal_year=2023)
    return placed


def run(user, indicators, **kwargs):
    return convergence(Region.objects.get(code=CITY), "district", 2023, indicators, user, **kwargs)


def test_ranking_order_and_counts(tree):
    result = run(None, tree)
    table = [
        (a.code, a.rank, a.behind, a.judged, a.unknown, a.partial, a.mean_achievement)
        for a in result.areas
    ]
    assert table == [
        (AMPENAN, 1, 2, 2, 0, 0, Decimal("15.0")),
        (SEKARBELA, 2, 1, 1, 1, 1, Decimal("25.0")),
        (CAKRA, 3, 1, 2, 0, 0, Decimal("65.0")),
        (MATARAM, 4, 1, 2, 0, 0, Decimal("75.0")),
        (SELAPARANG, 5, 0, 1, 1, 0, Decimal("100.0")),
        (SANDUBAYA, 6, 0, 0, 2, 0, None),
    ]
    assert [a.score for a in result.areas] == [1.0, 0.5, 0.5, 0.5, 0.0, None]


def test_partial_data_is_unknown_not_behind(tree):
    coverage, _prevalence = tree
    sekarbela = next(a for a in run(None, [coverage]).areas if a.code == SEKARBELA)
    cell = sekarbela.cells[0]
    # One kelurahan of Sekarbela reported 1 against a target of 100: computed from some children
    # only, so partial, never judged against the target.
    assert cell.partial and cell.status == "partial" and cell.value == 1
    assert (sekarbela.behind, sekarbela.unknown, sekarbela.partial) == (0, 1, 1)
    assert sekarbela.mean_achievement is None and sekarbela.score is None


def test_default_priorities_are_key_indicators_with_targets_that_year(client, tree):
    response = client.get(f"/convergence/?region={CITY}&year=2023")
    assert response.status_code == 200
    assert [i.code for i in response.context["result"].indicators] == ["coverage_x", "prevalence_x"]
    response = client.get(f"/convergence/?region={CITY}&year=2022")
    assert response.context["result"].indicators == []
    assert 'id="no-priorities"' in response.text


def test_programs_reaching_each_area(tree, programs):
    admin = make_user("admin.test", role="admin")
    areas = {a.code: a for a in run(admin, tree).areas}
    reached = {
        code: sorted((link.program.name, link.relation, *link.sources) for link in a.programs)
        for code, a in areas.items()
    }
    assert reached == {
        AMPENAN: [("Posyandu Ampenan", "here", "focus")],
        MATARAM: [("Kelas ibu Mataram", "below", "focus")],
        CAKRA: [("Gizi keliling", "below", "activity")],
        SEKARBELA: [],
        SELAPARANG: [],
        SANDUBAYA: [],  # its program is of 2022
    }
    assert [a.code for a in areas.values() if a.gap] == [SEKARBELA, SELAPARANG, SANDUBAYA]
    result = run(admin, tree)
    assert [p.name for p in result.unplaced] == ["Tanpa tempat"]
    # A program of the whole city reaches every kecamatan, from above: no longer a gap, but
    # flagged as reached only through a wider region.
    city_wide = Program.objects.create(name="Kota sehat", fiscal_year=2023)
    city_wide.focus_regions.set([CITY])
    areas = {a.code: a for a in run(admin, tree).areas}
    assert not any(a.gap for a in areas.values())
    assert [c for c, a in areas.items() if a.only_wider] == [SEKARBELA, SELAPARANG, SANDUBAYA]
    assert areas[AMPENAN].program_count == 2 and not areas[AMPENAN].only_wider


def test_programs_only_through_the_gate(client, tree, programs, persona):
    # Anonymous: the ranking of published figures, no programs, and the page says why.
    result = run(None, tree)
    assert all(a.programs is None and not a.gap for a in result.areas)
    page = client.get(f"/convergence/?region={CITY}&year=2023")
    assert 'id="programs-need-role"' in page.text and "Posyandu Ampenan" not in page.text
    assert 'data-gap="1"' not in page.text
    data = client.get(f"/convergence/areas.json?region={CITY}&year=2023").json()
    assert data["programs_visible"] is False and data["areas"][AMPENAN]["programs"] is None
    assert data["areas"][AMPENAN]["behind"] == 2
    # Viewer of Lombok Barat: Mataram's programs are outside its view.
    viewer = persona("viewer.lobar")
    assert all(a.programs == [] for a in run(viewer, tree).areas)
    # The coordinator of NTB reads them.
    client.force_login(persona("koordinator.ntb"))
    page = client.get(f"/convergence/?region={CITY}&year=2023")
    assert "Posyandu Ampenan" in page.text and 'id="programs-need-role"' not in page.text
    assert page.text.count('data-gap="1"') == 3


def test_json_for_the_map(client, tree, programs, persona):
    client.force_login(persona("koordinator.ntb"))
    data = client.get(f"/convergence/areas.json?region={CITY}&year=2023").json()
    assert (data["region"], data["level"], data["year"]) == (CITY, "district", 2023)
    assert data["indicators"] == ["coverage_x", "prevalence_x"] and data["programs_visible"]
    assert set(data["areas"]) == {AMPENAN, MATARAM, CAKRA, SEKARBELA, SELAPARANG, SANDUBAYA}
    ampenan = data["areas"][AMPENAN]
    assert ampenan == {
        "name": "Kecamatan Ampenan",
        "rank": 1,
        "score": 1.0,
        "behind": 2,
        "judged": 2,
        "unknown": 0,
        "partial": 0,
        "mean_achievement": 15.0,
        "programs": 1,
        "specific_programs": 1,
        "gap": False,
    }
    assert data["areas"][SEKARBELA]["gap"] is True and data["areas"][SEKARBELA]["programs"] == 0


def test_export_has_the_rows_in_rank_order(client, tree, programs, persona):
    client.force_login(persona("koordinator.ntb"))
    response = client.get(f"/convergence/?region={CITY}&year=2023&format=csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows[0]) == 8 + 2 * 6 + 3
    assert [r[1] for r in rows[1:]] == [AMPENAN, SEKARBELA, CAKRA, MATARAM, SELAPARANG, SANDUBAYA]
    ampenan = rows[1]
    assert ampenan[3:5] == ["2", "2"] and ampenan[-3] == "1" and "Posyandu Ampenan" in ampenan[-1]
    assert "Dinas Kesehatan Kota Mataram — Rp 250" in ampenan[-1]  # owner and budget
    sekarbela = rows[2]
    assert "partial" in " ".join(sekarbela).lower() or "sebagian" in " ".join(sekarbela).lower()
    response = client.get(f"/convergence/?region={CITY}&year=2023&format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        r[1] for r in rows[1:]
    ]


def test_export_for_visitors_says_programs_need_sign_in(client, tree):
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(f"/convergence/?region={CITY}&year=2023&format=csv").content.decode(
                    "utf-8-sig"
                )
            )
        )
    )
    assert rows[1][-3] not in ("0", "") and rows[1][-3] == rows[1][-2]


def test_export_headers_are_in_indonesian(client, tree):
    response = client.get(f"/convergence/?region={CITY}&year=2023&format=csv")
    header = next(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    per_indicator = [cell.split(": ", 1)[1] for cell in header if ": " in cell]
    assert per_indicator[:6] == [
        "nilai",
        "target",
        "dinilai terhadap",
        "capaian %",
        "status",
        "sumber",
    ]
    assert next(csv.reader(io.StringIO(response.content.decode("utf-8-sig").split("\n", 1)[1])))[
        10
    ] in ("target sendiri", "")


def test_chosen_indicators_and_bad_input(client, tree):
    response = client.get(f"/convergence/?region={CITY}&year=2023&indicator=prevalence_x")
    assert [a.code for a in response.context["result"].areas][:1] == [AMPENAN]
    assert [i.code for i in response.context["result"].indicators] == ["prevalence_x"]
    assert client.get("/convergence/?region=99.99").status_code == 404
    assert client.get(f"/convergence/?region={CITY}&level=regency").status_code == 404
    assert client.get("/convergence/?year=12345").status_code == 404
    data = json.loads(client.get("/convergence/areas.json?level=regency&year=2023").content)
    assert len(data["areas"]) == 10  # the ten kab/kota of NTB


def test_query_count_does_not_grow_with_areas_or_programs(
    client, tree, programs, persona, django_assert_max_num_queries
):
    client.force_login(persona("koordinator.ntb"))
    url = f"/convergence/?region={CITY}&year=2023&indicator=coverage_x&indicator=prevalence_x"
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    for n in range(5):  # more programs, placed in villages of every kecamatan
        extra = Program.objects.create(name=f"Tambahan {n}", fiscal_year=2023)
        extra.focus_regions.set([SEKARBELA_VILLAGE, MATARAM_VILLAGE])
        Activity.objects.create(program=extra, title="Kegiatan", region_id=CAKRA_VILLAGE)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
    with django_assert_max_num_queries(len(few.captured_queries)):  # 1,166 villages
        response = client.get(url.replace(f"region={CITY}", "region=52") + "&level=village")
    assert len(response.context["result"].areas) == 1166


def test_demo_data(client, demo, persona):
    """On `sinergi demo`: no kab/kota has a target for the key indicators in 2023, so the page
    says that none can be judged; the programs of the founding meeting are mapped."""
    from sinergi.indicators.demo import load_figures

    load_figures()
    page = client.get("/convergence/")  # the province's 2023 Destana target (567), from the meeting
    assert [i.code for i in page.context["result"].indicators] == ["destana_formed"]
    assert 'id="nothing-judged"' in page.text and 'id="programs-need-role"' in page.text
    client.force_login(persona("koordinator.ntb"))
    url = "/convergence/?year=2023&indicator=poverty_rate&indicator=stunting_prevalence_eppgbm"
    page = client.get(url)
    result = page.context["result"]
    assert len(result.areas) == 10 and 'id="nothing-judged"' in page.text
    assert all(a.behind == 0 and a.unknown == 2 for a in result.areas)
    assert [a.cells[0].status for a in result.areas] == ["no_target"] * 10  # figures, no target
    destana = {
        a.code
        for a in result.areas
        for link in a.programs
        if link.specific and "Destana" in link.program.name
    }
    assert destana == {"52.71", "52.03", "52.07"}  # the three focus regencies of 2023
    assert [p.name for p in result.unplaced] == ["Pencegahan perkawinan usia dini"]
    assert not any(a.gap for a in result.areas)  # province programs reach every kab/kota
    assert sum(a.only_wider for a in result.areas) == 7


def test_only_programs_sharing_a_theme_with_the_priorities(client, tree, programs, persona):
    from sinergi.programs.models import Theme

    stunting = Theme.objects.get(code="penanganan-stunting")
    coverage, _prevalence = tree
    coverage.themes.add(stunting)
    programs["Posyandu Ampenan"].themes.add(stunting)
    client.force_login(persona("koordinator.ntb"))
    url = f"/convergence/areas.json?region={CITY}&year=2023"
    every = client.get(url).json()["areas"]
    themed = client.get(url + "&theme_only=1").json()["areas"]
    assert (every[MATARAM]["programs"], every[CAKRA]["programs"]) == (1, 1)
    assert (themed[AMPENAN]["programs"], themed[MATARAM]["programs"]) == (1, 0)
    assert themed[CAKRA]["gap"] is True


JUDGED_STATUSES = ("achieved", "on_track", "behind")


def test_demo_data_judged_against_the_province_figure(client, demo, persona):
    """Where kab/kota have no targets of their own (the demo), `compare=region` judges each
    against NTB's own figure: the ranking follows an independent count of the priorities where
    a kab/kota reaches less than 75 % of the province's figure (direction-aware). A total
    (Destana villages) is no yardstick for one kab/kota: it stays not judged."""
    from decimal import Decimal

    from sinergi.indicators.demo import load_figures
    from sinergi.indicators.models import DataValue

    load_figures()
    page = client.get("/convergence/?year=2023")
    assert 'id="compare-region"' in page.text  # offered when nothing can be judged
    destana = client.get("/convergence/?year=2023&compare=region").context["result"]
    assert "destana_formed" in [i.code for i in destana.indicators]
    position = [i.code for i in destana.indicators].index("destana_formed")
    assert destana.benchmarks[position] is None
    assert all(a.cells[position] is None or a.cells[position].status != "behind"
               for a in destana.areas)  # fmt: skip
    url = "/convergence/?year=2023&compare=region&indicator=poverty_rate"
    url += "&indicator=stunting_prevalence_eppgbm&indicator=child_marriage_rate"
    page = client.get(url)
    result = page.context["result"]
    assert 'id="benchmarks"' in page.text and "13,78" in page.text  # NTB's stunting, 2023
    expected = {}
    for indicator in result.indicators:
        values = dict(
            DataValue.objects.filter(indicator=indicator, period="2023").values_list(
                "region_id", "value"
            )
        )
        province = values.get("52")
        for area in result.areas:
            value = values.get(area.code)
            if province is None or value is None:
                continue
            lower = indicator.direction == "lower"
            share = (province / value if lower else value / province) * 100 if value else 0
            expected[area.code] = expected.get(area.code, 0) + (share < Decimal(75))
    assert {a.code: a.behind for a in result.areas} == {
        a.code: expected.get(a.code, 0) for a in result.areas
    }
    assert any(a.behind for a in result.areas), expected
    behind = [a.behind for a in result.areas]
    assert behind == sorted(behind, reverse=True)  # ranked: most priorities behind first
    judged = [c for a in result.areas for c in a.cells if c and c.status in JUDGED_STATUSES]
    assert judged and all(getattr(c, "benchmark", None) for c in judged)  # marked as such
    exported = client.get(url + "&format=csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(exported)))
    column = rows[0].index("poverty_rate: dinilai terhadap")
    judged_rows = [r for r in rows[1:] if r[column]]
    assert judged_rows and all(r[column].startswith("angka ") for r in judged_rows)
    assert rows[0][column - 1] == "poverty_rate: target"  # the yardstick is named beside it
