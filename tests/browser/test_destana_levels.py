"""Recording a village's Destana level from Beranda on a 375 px phone: the operator picks its
kecamatan in the "record levels" card, chooses the level in the grid and saves; on the next load
the province's Destana figures (villages formed, computed; villages at Madya or above) have moved.
Screenshots land in var/screenshots/."""

import re

import pytest

from tests.browser.support import SCREENSHOTS, fresh_page, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VILLAGE = "52.03.05.2001"


@pytest.fixture
def demo_site(site):  # noqa: F811 - the fixture above
    """The live site with the founding meeting (NTB reports 434 Destana for 2023) and figures."""
    from sinergi.extraction.demo import load_meeting
    from sinergi.indicators.demo import load_figures

    load_meeting()
    load_figures()
    return site


def figure(page, base: str, code: str, selector: str) -> int:
    """A figure of the province's page for 2023, as the page prints it."""
    page.goto(f"{base}/indicators/{code}/?region=52&period=2023")
    text = page.locator(selector).inner_text()
    found = re.findall(r"\d[\d.]*", text.split(":")[-1])
    return int(found[0].replace(".", "")) if found else 0


def test_an_operator_records_a_destana_level_from_the_home_page(browser, demo_site):  # noqa: F811
    from sinergi.indicators.models import DataValue
    from sinergi.testing import make_persona

    make_persona("operator.lotim")
    page = fresh_page(browser, 375, 740)
    sign_in(page, demo_site, "operator.lotim")
    formed_before = figure(page, demo_site, "destana_formed", "#figure-computed")
    madya_before = figure(page, demo_site, "destana_madya", "#headline-value")

    page.goto(demo_site + "/")
    card = page.locator("#level-entry-destana_level")
    assert card.get_by_role("heading", name="Catat tingkat desa/kelurahan").is_visible()
    card.get_by_label("Kecamatan").select_option("52.03.05")
    assert card.get_by_label("Tahun").input_value() == "2023"
    card.scroll_into_view_if_needed()
    page.screenshot(path=SCREENSHOTS / "home-operator-375-levels.png")
    card.get_by_role("button", name="Catat tingkat").click()
    page.wait_for_url("**/indicators/destana_level/entry/?region=52.03.05&period=2023")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the level grid is {width}px wide on a 375 px phone"
    page.locator(f'select[name="value_{VILLAGE}"]').select_option(label="Madya")
    page.screenshot(path=SCREENSHOTS / "destana-level-grid-375.png", full_page=True)
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_selector("text=1 baru")
    assert DataValue.objects.get(indicator__code="destana_level", region_id=VILLAGE).value == 2

    # The next load of the province's pages shows the figures moved.
    assert figure(page, demo_site, "destana_formed", "#figure-computed") == formed_before + 1
    assert figure(page, demo_site, "destana_madya", "#headline-value") == madya_before + 1
    page.screenshot(path=SCREENSHOTS / "destana-madya-province-375.png", full_page=True)

    # The count's own grid does not ask villages for a number: it leads to the level grid.
    page.goto(demo_site + "/indicators/destana_formed/entry/?region=52.03.05&period=2023")
    assert page.locator(f'[name="value_{VILLAGE}"]').count() == 0
    derived = page.locator(f'tr:has([id="id_value_{VILLAGE}"]) output')
    assert derived.inner_text() == "1 (Madya)"
    page.screenshot(path=SCREENSHOTS / "destana-formed-grid-375.png", full_page=True)
    page.locator("#to-level-grid").click()
    page.wait_for_url("**/indicators/destana_level/entry/?region=52.03.05&period=2023")
    page.close()
