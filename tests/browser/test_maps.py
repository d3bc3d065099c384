"""The NTB Destana map in a real browser: ten kab/kota with a legend, drill down to kecamatan and
back, at 1366 px and 375 px, under the Content-Security-Policy (no console errors)."""

import pytest

from tests.browser.support import SCREENSHOTS, fresh_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def watch_console(page) -> list:
    problems = []
    page.on(
        "console",
        lambda message: problems.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


@pytest.fixture
def ntb(site):
    """The live site with the whole demo, as `sinergi demo` loads it: meeting and figures."""
    from sinergi.extraction.demo import load_meeting
    from sinergi.indicators.demo import load_figures

    load_meeting()
    load_figures()
    return site


def ready(page, code):
    """Wait until the map shows `code`'s children (wait_for_function would need unsafe-eval)."""
    page.locator(f'[data-sinergi-map][data-state="ready"][data-region="{code}"]').wait_for()


@pytest.mark.parametrize("width,height", [(1366, 900), (375, 800)])
def test_destana_map_shows_ten_kab_kota_and_drills_down(browser, ntb, width, height):
    page = fresh_page(browser, width, height)
    problems = watch_console(page)
    page.goto(ntb + "/indicators/destana_formed/?period=2023")
    page.get_by_role("link", name="Peta", exact=True).click()
    page.wait_for_url("**/indicators/destana_formed/map/**")
    root = page.locator("[data-sinergi-map]")
    ready(page, "52")
    regions = page.locator("path.sinergi-map-region")
    assert regions.count() == 10
    codes = sorted(regions.evaluate_all("paths => paths.map(p => p.dataset.code)"))
    assert codes == ["52.01", "52.02", "52.03", "52.04", "52.05", "52.06", "52.07", "52.08",
                     "52.71", "52.72"]  # fmt: skip
    own = root.locator("[data-map-own]").inner_text()
    assert "434" in own and "567" in own  # the province's reported figure against its target
    legend = page.locator("[data-map-legend] li")
    assert legend.count() >= 3 and legend.first.is_visible()
    assert "Tanpa data" in page.locator("[data-map-legend]").inner_text()
    assert page.locator("[data-map-table] tbody tr").count() == 10
    lombok_tengah = page.locator('path[data-code="52.02"]')
    assert lombok_tengah.get_attribute("data-cls") == "0"  # coloured: 34 Destana reported
    assert page.locator('path[data-code="52.03"]').get_attribute("data-cls") == "none"
    if width > 500:
        lombok_tengah.hover()
        tip = page.locator(".leaflet-tooltip")
        tip.wait_for()
        assert "Kabupaten Lombok Tengah" in tip.inner_text() and "34" in tip.inner_text()
    page.screenshot(path=SCREENSHOTS / f"map-destana-ntb-{width}.png", full_page=True)

    # Click Lombok Timur on the map: its 21 kecamatan replace the kab/kota.
    page.locator('path[data-code="52.03"]').click(force=True)
    ready(page, "52.03")
    assert regions.count() == 21
    assert all(c.startswith("52.03.") for c in regions.evaluate_all(
        "paths => paths.map(p => p.dataset.code)"))  # fmt: skip
    assert page.locator("[data-map-table] tbody tr").count() == 21
    assert "region=52.03" in page.url
    assert "Kabupaten Lombok Timur" in root.locator("[data-map-own]").inner_text()
    back = root.locator("[data-map-back]")
    assert back.is_visible() and "Nusa Tenggara Barat" in back.inner_text()
    page.screenshot(path=SCREENSHOTS / f"map-destana-lotim-{width}.png", full_page=True)
    back.click()
    ready(page, "52")
    assert regions.count() == 10
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"page is {scroll_width}px wide at {width}px"
    # A region group (the three focus regencies of 2023) outlined on the same map.
    page.goto(ntb + "/indicators/destana_formed/map/?period=2023&outline=52.71,52.03,52.07")
    ready(page, "52")
    outlined = page.locator("path.sinergi-map-region.is-outlined")
    assert sorted(outlined.evaluate_all("paths => paths.map(p => p.dataset.code)")) == [
        "52.03", "52.07", "52.71"]  # fmt: skip
    page.screenshot(path=SCREENSHOTS / f"map-destana-outline-{width}.png", full_page=True)
    assert problems == [], problems  # no CSP violation or script error in the console
    page.close()


def test_five_w_map_for_a_coordinator_and_a_sign_in_message_for_visitors(browser, ntb):
    from sinergi.testing import make_persona
    from tests.browser.support import sign_in

    url = "/programs/5w/map/?year=2023&theme=penanggulangan-bencana"
    page = fresh_page(browser, 1366, 900)
    problems = watch_console(page)
    page.goto(ntb + url)
    assert page.locator("#five-w-sign-in").is_visible()  # a visitor: no map of false zeros
    assert page.locator("path.sinergi-map-region").count() == 0
    make_persona("koordinator.ntb")
    sign_in(page, ntb, "koordinator.ntb")
    page.goto(ntb + url)
    ready(page, "52")
    assert page.locator("path.sinergi-map-region").count() == 10
    active = page.locator('path.sinergi-map-region:not([data-cls="zero"])')
    codes = sorted(active.evaluate_all("paths => paths.map(p => p.dataset.code)"))
    assert codes == ["52.03", "52.07", "52.71"]  # the three focus regencies of the Destana program
    assert "Penanggulangan bencana" in page.locator("[data-map-title]").inner_text()
    page.screenshot(path=SCREENSHOTS / "map-5w-destana-1366.png", full_page=True)
    page.locator('path[data-code="52.07"]').click(force=True)
    ready(page, "52.07")
    assert page.locator("path.sinergi-map-region").count() == 8
    assert problems == [], problems
    page.close()


def test_a_partial_figure_is_drawn_hatched_not_coloured(browser, ntb):
    from sinergi.indicators.models import Indicator
    from sinergi.indicators.services import save_value

    level = Indicator.objects.get(code="destana_level")
    save_value(level, "52.07.01.2001", "2023", 2)  # one village: Sumbawa Barat becomes partial
    page = fresh_page(browser, 1366, 900)
    problems = watch_console(page)
    page.goto(ntb + "/indicators/destana_formed/map/?region=52&period=2023")
    ready(page, "52")
    sumbawa_barat = page.locator('path[data-code="52.07"]')
    assert sumbawa_barat.get_attribute("data-cls") == "partial"
    assert sumbawa_barat.get_attribute("fill").startswith("url(#sinergi-hatch-")
    assert page.locator("pattern[id^='sinergi-hatch-']").count() == 1
    row = page.locator('[data-map-table] tr[data-code="52.07"]')
    assert "is-partial" in row.get_attribute("class") and "1/8" in row.inner_text()
    page.screenshot(path=SCREENSHOTS / "map-destana-partial-1366.png", full_page=True)
    assert problems == [], problems
    page.close()
