import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def data(client, **query):
    return client.get(reverse("programs:five_w_map_data"), {"year": 2023, **query})


def test_programs_per_kab_kota_for_a_theme_with_drill_down(client, demo, persona):
    client.force_login(persona("koordinator.ntb"))
    payload = data(client, theme="penanggulangan-bencana").json()
    rows = {row["code"]: row for row in payload["rows"]}
    assert len(rows) == 10 and payload["boundaries"].endswith("regency.geojson?within=52")
    # The Destana program's focus regencies: Lombok Timur, Sumbawa Barat, Kota Mataram.
    active = sorted(code for code, row in rows.items() if row["data"]["programs"])
    assert active == ["52.03", "52.07", "52.71"]
    assert rows["52.03"]["cells"][1:] == ["1", "2"]  # one program, BPBD and its TP PKK partner
    assert any("Destana" in line for line in rows["52.03"]["tooltip"])
    assert rows["52.01"]["cls"] == "zero" and rows["52.01"]["data"]["programs"] == 0
    assert payload["own"]["data"]["programs"] == 1
    everything = data(client).json()
    assert everything["own"]["data"]["programs"] == 5
    assert everything["note"].startswith("4 program")  # province-wide: not in one area
    kecamatan = data(client, region="52.03", theme="penanggulangan-bencana").json()
    assert kecamatan["parent"]["code"] == "52" and len(kecamatan["rows"]) == 21
    assert kecamatan["boundaries"].endswith("district.geojson?within=52.03")
    theme = "penanggulangan-bencana"
    page = client.get(reverse("programs:five_w_map"), {"year": 2023, "theme": theme})
    # The table (no-JavaScript fallback) drills down keeping the year and theme.
    assert f"/programs/5w/map/?region=52.03&amp;year=2023&amp;theme={theme}" in page.text


def test_anonymous_visitors_get_a_sign_in_message_never_false_zeros(client, demo):
    response = data(client)
    assert response.status_code == 403 and "masuk" in response.json()["error"]  # "sign in"
    page = client.get(reverse("programs:five_w_map"), {"year": 2023})
    assert page.status_code == 200 and page.context["map"] is None
    assert 'id="five-w-sign-in"' in page.text and "data-sinergi-map" not in page.text
    assert reverse("accounts:login") in page.text


def test_a_viewer_sees_counts_only_where_its_role_covers_the_area(client, demo, persona):
    client.force_login(persona("viewer.lobar"))
    rows = {row["code"]: row for row in data(client).json()["rows"]}
    assert rows["52.01"]["cls"] == "zero" and rows["52.01"]["data"]["programs"] == 0
    hidden = [code for code, row in rows.items() if row["cls"] == "hidden"]
    assert len(hidden) == 9 and rows["52.03"]["data"]["programs"] is None  # not a zero
    assert rows["52.03"]["cells"][1] == "—"
    legend = [item["key"] for item in data(client).json()["legend"]]
    assert legend[0] == "zero" and legend[-1] == "hidden"


def test_unknown_theme_or_region_is_a_clear_404(client, demo, persona):
    client.force_login(persona("koordinator.ntb"))
    assert data(client, theme="no-such-theme").status_code == 404
    assert data(client, region="99").status_code == 404
    page = client.get(reverse("programs:five_w"), {"year": 2023})
    assert reverse("programs:five_w_map") in page.text  # linked from the 5W table
