import pytest
from django.urls import reverse

from sinergi.indicators.demo import load_figures
from sinergi.indicators.models import Indicator
from sinergi.indicators.services import save_value

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures(demo):
    load_figures()


def data(client, region="52", period="2023", code="destana_formed", **extra):
    url = reverse("indicators:indicator_map_data", args=[code])
    return client.get(url, {"region": region, "period": period, **extra})


def test_province_map_has_the_ten_kab_kota_with_their_figures_and_legend(client, figures):
    response = data(client)
    assert response.status_code == 200
    payload = response.json()
    assert payload["region"]["code"] == "52" and payload["parent"] is None
    assert payload["boundaries"] == reverse("regions:boundaries", args=["regency"]) + "?within=52"
    rows = {row["code"]: row for row in payload["rows"]}
    assert len(rows) == 10 and all(row["shape"] and row["drill"] for row in rows.values())
    # The province's own figure: the published 434 of a target of 567, reported for NTB.
    own = payload["own"]["data"]
    assert (own["value"], own["target"], own["basis"]) == (434.0, 567.0, "reported")
    # Lombok Tengah reported 34 Destana for 2023; the others have no figure (not a zero).
    assert rows["52.02"]["data"]["value"] == 34.0 and rows["52.02"]["cls"] == "0"
    assert rows["52.03"]["data"]["value"] is None and rows["52.03"]["cls"] == "none"
    assert rows["52.03"]["cells"][1] == "—"
    keys = [item["key"] for item in payload["legend"]]
    assert keys[-2:] == ["partial", "none"] and {row["cls"] for row in rows.values()} <= set(keys)
    assert "Kabupaten Lombok Tengah" in rows["52.02"]["tooltip"]


def test_a_partial_figure_is_flagged_and_never_coloured_as_complete(client, figures):
    level = Indicator.objects.get(code="destana_level")
    save_value(level, "52.07.01.2001", "2023", 2)  # one village of Sumbawa Barat's first kecamatan
    regency = {row["code"]: row for row in data(client).json()["rows"]}["52.07"]
    assert regency["partial"] is True and regency["data"]["basis"] == "partial"
    assert regency["cls"] == "partial" and regency["data"]["status"] == "partial"
    assert regency["data"]["value"] == 1.0 and regency["data"]["children_reporting"] == 1
    assert any("1/8" in line for line in regency["tooltip"])  # coverage in the tooltip
    payload = data(client, region="52.07").json()
    assert payload["parent"]["code"] == "52"
    assert payload["boundaries"].endswith("district.geojson?within=52.07")
    kecamatan = {row["code"]: row for row in payload["rows"]}
    assert kecamatan["52.07.01"]["cls"] == "partial" and kecamatan["52.07.01"]["partial"]
    assert kecamatan["52.07.02"]["cls"] == "none"
    # No village shapes: the villages are in the table only, with their level's name.
    villages = data(client, region="52.07.01", code="destana_level").json()
    assert villages["boundaries"] is None and villages["level"] == "village"
    village = {row["code"]: row for row in villages["rows"]}["52.07.01.2001"]
    assert village["cells"][1] == "Madya" and not village["drill"] and not village["shape"]


def test_colours_by_achievement_when_children_have_targets(client, figures):
    indicator = Indicator.objects.get(code="destana_formed")
    from sinergi.indicators.models import Target

    Target.objects.create(indicator=indicator, region_id="52.02", period="2023", value=40)
    row = {row["code"]: row for row in data(client).json()["rows"]}["52.02"]
    assert row["data"]["achievement_pct"] == 85.0
    assert row["cls"] == "2"  # 75–100 %
    legend = data(client).json()["legend"]
    assert [item["label"] for item in legend[:4]] == ["< 50 %", "50–75 %", "75–100 %", "≥ 100 %"]


def test_viewer_of_lombok_barat_sees_only_lombok_barat_figures(client, figures, persona, settings):
    settings.SINERGI_PUBLIC = ["regions.Region"]  # figures not published: the gate decides
    client.force_login(persona("viewer.lobar"))
    payload = data(client).json()
    assert [row["code"] for row in payload["rows"]] == ["52.01"]
    assert payload["legend"][-1]["key"] == "hidden"  # the other nine are drawn as not visible
    assert data(client, region="52.02").status_code == 404
    assert data(client, region="52.01").json()["region"]["code"] == "52.01"
    map_url = reverse("indicators:indicator_map", args=["destana_formed"])
    page = client.get(map_url, {"period": "2023"})
    assert page.status_code == 200 and "Lombok Tengah" not in page.text
    client.logout()
    assert data(client).status_code == 404  # an anonymous visitor sees no unpublished figure


def test_map_page_renders_the_table_and_the_include_without_inline_script(client, figures):
    response = client.get(
        reverse("indicators:indicator_map", args=["destana_formed"]),
        {"period": "2023", "outline": "52.71,52.03,x,52.07"},
    )
    assert response.status_code == 200
    text = response.text
    assert "data-sinergi-map" in text and "vendor/leaflet/leaflet.js" in text
    assert "outline=52.71%2C52.03%2C52.07" in text  # only well-formed codes are kept
    assert response.context["map"]["outline"] == ["52.71", "52.03", "52.07"]
    assert "<script>" not in text and " onclick=" not in text
    # The payload is embedded as data (json_script), so the first view needs no second request.
    assert '<script id="sinergi-map" type="application/json">' in text
    assert 'data-initial="sinergi-map"' in text
    assert text.count('<tr data-code="52.') == 10  # the table: the no-JavaScript fallback
    detail = client.get(reverse("indicators:indicator_detail", args=["destana_formed"]))
    assert reverse("indicators:indicator_map", args=["destana_formed"]) in detail.text


def body(text: str) -> str:
    """The page below its filter form (the layout's CSRF token differs on every response)."""
    return text.split('id="id_period"', 1)[1]


def test_map_page_is_cached_until_a_value_changes_then_shows_it_on_the_next_load(
    client, figures, django_assert_max_num_queries
):
    url = reverse("indicators:indicator_map", args=["destana_formed"])
    query = {"region": "52", "period": "2023"}
    first = client.get(url, query)
    assert '<tr data-code="52.03"' in first.text and "Kabupaten Lombok Tengah" in first.text
    with django_assert_max_num_queries(4):  # the body comes from the cache: no roll-up read
        again = client.get(url, query)
    assert body(again.text) == body(first.text)
    indicator = Indicator.objects.get(code="destana_formed")
    save_value(indicator, "52.03", "2023", 71)  # Lombok Timur reports its count
    after = client.get(url, query).text
    assert body(after) != body(first.text)
    row = after.split('<tr data-code="52.03"', 1)[1].split("</tr>", 1)[0]
    assert ">71<" in row
    english = client.get(url, query, HTTP_ACCEPT_LANGUAGE="en").text  # keyed by language too
    assert english.count('<tr data-code="52.') == 10


def test_map_notices_are_translated_although_they_carry_a_percent_placeholder(client, figures):
    url = reverse("indicators:indicator_map", args=["destana_formed"])
    text = client.get(url, {"period": "2023"}, HTTP_ACCEPT_LANGUAGE="id").text
    assert 'data-missing="%(n)s wilayah tidak memiliki batas di peta' in text
