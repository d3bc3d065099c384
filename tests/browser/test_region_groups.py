"""Region groups in a real browser: a visitor reaches the three focus regencies of Destana 2023
from the Wilayah pages and opens the Destana indicator limited to them; a coordinator makes a
group on the page. Screenshots in var/screenshots/region-groups-*.png."""

import pytest

from tests.browser.support import SCREENSHOTS, fresh_page, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server):
    from sinergi.indicators.demo import load_figures
    from sinergi.programs.demo import SOURCE, load_demo
    from sinergi.regions.demo import load_groups
    from sinergi.testing import load_ntb, reseed

    reseed()
    load_ntb()
    load_demo()
    load_figures()
    load_groups(source=SOURCE)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return live_server.url


@pytest.mark.parametrize("width,height", [(1366, 900), (375, 800)])
def test_visitor_finds_the_focus_regencies_and_the_filtered_indicator(
    browser,
    site,
    width,
    height,
):
    page = fresh_page(browser, width, height)
    page.goto(site + "/regions/")
    page.locator("#region-groups-link").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Fokus Destana 2023").click()
    page.wait_for_load_state()
    members = page.locator("#group-members tbody tr")
    assert members.count() == 3
    text = page.locator("#group-members").inner_text()
    assert "Kota Mataram" in text and "Lombok Timur" in text and "Sumbawa Barat" in text
    page.screenshot(path=str(SCREENSHOTS / f"region-groups-detail-{width}.png"), full_page=True)

    page.locator("#group-filters").get_by_role("link", name="Indikator").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Desa/Kelurahan Tangguh Bencana (Destana) terbentuk").click()
    page.wait_for_load_state()
    assert page.locator("#group-filter").is_visible()
    rows = page.locator("#rollup-table tbody tr")
    names = rows.all_inner_texts()
    assert len(names) == 3, names
    assert any("Mataram" in n for n in names) and not any("Lombok Barat" in n for n in names)
    assert "Fokus Destana 2023" in page.locator(".region-groups").inner_text()
    page.screenshot(path=str(SCREENSHOTS / f"region-groups-indicator-{width}.png"), full_page=True)

    page.goto(site + "/regions/52.07/")
    assert "Fokus Destana 2023" in page.locator("#region-groups").inner_text()


def test_coordinator_makes_a_group_on_the_page(browser, site):
    from sinergi.regions.models import RegionGroup
    from sinergi.testing import make_persona

    make_persona("koordinator.ntb")
    page = fresh_page(browser, 1366, 900)
    sign_in(page, site, "koordinator.ntb", "/regions/groups/")
    page.screenshot(path=str(SCREENSHOTS / "region-groups-list-signed-in.png"), full_page=True)
    page.get_by_role("link", name="Kelompok wilayah baru").click()
    page.wait_for_load_state()
    page.fill("#id_name", "Lokus stunting 2024")
    page.fill("#id_year", "2024")
    page.select_option("#id_purpose", "stunting_locus")
    page.fill("#id_owner_region", "52")
    page.fill("#id_regions", "52.01, 52.08.01")
    page.screenshot(path=str(SCREENSHOTS / "region-groups-form.png"), full_page=True)
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_load_state()
    assert page.locator("#group-members tbody tr").count() == 2
    group = RegionGroup.objects.get(name="Lokus stunting 2024")
    assert sorted(group.regions.values_list("code", flat=True)) == ["52.01", "52.08.01"]
    page.goto(site + "/regions/groups/")
    page.screenshot(path=str(SCREENSHOTS / "region-groups-list.png"), full_page=True)
