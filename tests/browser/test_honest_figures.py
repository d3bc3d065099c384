"""Real browser: after an operator records one more Destana village, the province card, the
indicator page and the gap list agree on the next load and say where the figure comes from."""

import pytest
from django.utils import formats, timezone, translation

from tests.browser.support import SCREENSHOTS, fresh_page, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VILLAGE = "52.03.05.2001"


def lotim_row(page):
    return page.locator("#rollup-table tr", has_text="Kabupaten Lombok Timur").first


def test_one_more_destana_village_the_pages_agree_and_say_where_the_figure_comes_from(
    browser,
    site,
):
    from sinergi.extraction.demo import load_meeting
    from sinergi.indicators.demo import load_figures
    from sinergi.testing import make_persona

    load_meeting()  # the founding meeting: 434 Destana reported for NTB in 2023, target 567
    load_figures()
    make_persona("operator.lotim")
    page = fresh_page(browser, 1366, 900)
    sign_in(page, site, "operator.lotim", "/")
    indicator = site + "/indicators/destana_formed/?region=52&period=2023"
    page.goto(indicator)
    assert lotim_row(page).locator("td").nth(1).inner_text().strip() == "—"  # nothing yet
    assert "dihitung dari 1 dari 10 kab/kota" in page.locator("#headline-explain").inner_text()

    # operator.lotim records one more Destana village (Pratama) in the entry grid.
    page.goto(site + "/indicators/destana_level/entry/?region=52.03.05&period=2023")
    page.wait_for_selector("#entry-grid")
    page.select_option(f"#id_value_{VILLAGE.replace('.', chr(92) + '.')}", "1")
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_selector("text=Tersimpan")
    with translation.override("id"):
        today = formats.date_format(timezone.localdate(), "DATE_FORMAT")

    # Beranda as a visitor sees it: the province card, the trend chart and the map agree.
    visitor = fresh_page(browser, 1366, 900)
    visitor.goto(site + "/")
    card = visitor.locator(".indicator-card[data-indicator='destana_formed']")
    assert card.locator(".card-figure").inner_text() == "434"
    assert card.get_attribute("data-basis") == "reported"
    card_text = " ".join(card.inner_text().split())
    assert "dilaporkan untuk wilayah ini" in card_text
    assert "hasil hitungan dari wilayah di bawahnya: 35, sebagian (dihitung dari 2 dari 10" in (
        card_text
    )
    assert "2024: 47 (sebagian, 1/10)" in card_text
    home_map = visitor.locator("#home-map")
    own = " ".join(home_map.locator("[data-map-own]").inner_text().split())
    assert "434" in own and "567" in own and "dilaporkan untuk wilayah ini" in own
    map_row = home_map.locator("[data-map-table] tr[data-code='52.03']")
    assert map_row.get_attribute("class") == "is-partial"  # drawn hatched, not judged
    cells = [cell.inner_text().strip() for cell in map_row.locator("td").all()]
    assert cells[0] == "1" and "sebagian: dihitung dari 1 dari 21 kecamatan" in cells[-1]
    visitor.wait_for_selector("#home-map path.sinergi-map-region")  # the shapes are drawn
    trend = home_map.locator("figure.chart").first
    rows = {
        row.locator("td").first.text_content(): [c.text_content() for c in row.locator("td").all()]
        for row in trend.locator("[data-chart-table] tbody tr").all()
    }
    assert rows["2023"][1:3] == ["434", "567"], rows  # the same figure against the same target
    assert "2024" in rows and "sebagian" in " ".join(rows["2024"]), rows
    visitor.screenshot(path=SCREENSHOTS / "honest-home.png", full_page=True)
    visitor.close()

    # The indicator page: the same headline, why it is used, the computed one with its date.
    page.goto(indicator)
    assert page.locator("#headline-value").inner_text() == "434"
    assert page.locator("#headline-source").inner_text() == "dilaporkan untuk wilayah ini"
    explain = " ".join(page.locator("#headline-explain").inner_text().split())
    assert "angka hasil hitungan belum lengkap" in explain
    assert f"35 ({today}), dihitung dari 2 dari 10 kab/kota; selisih +399" in explain
    lotim = lotim_row(page)
    assert lotim.locator("td").nth(1).inner_text().split()[:2] == ["1", "sebagian"]  # moved by one
    assert "sebagian: dihitung dari 1 dari 21 kecamatan" in lotim.inner_text()
    assert lotim.get_attribute("data-basis") == "partial"
    page.screenshot(path=SCREENSHOTS / "honest-indicator.png", full_page=True)

    # The gap list counts against the same 434, and names the village record for what it is.
    page.get_by_role("link", name="Daftar kesenjangan").click()
    page.wait_for_selector("#gap-headline")
    headline = " ".join(page.locator("#gap-headline").inner_text().split())
    assert "434" in headline and "target 567" in headline and "kurang 133" in headline
    assert "dilaporkan untuk wilayah ini" in headline
    assert "Kabupaten Lombok Timur" not in page.locator("#below-target").inner_text()
    records = " ".join(page.locator("#village-records").inner_text().split())
    assert records.startswith("Dari 1166 desa/kelurahan, 1 tercatat di tingkat desa sudah tercapai")
    assert page.get_by_text("1158 belum tercapai").count() == 0
    page.screenshot(path=SCREENSHOTS / "honest-gaps.png", full_page=True)

    # On a phone the headline box still says it all.
    phone = fresh_page(browser, 375, 740)
    sign_in(phone, site, "operator.lotim", "/")
    phone.goto(indicator)
    assert "selisih +399" in phone.locator("#headline-explain").inner_text()
    phone.screenshot(path=SCREENSHOTS / "honest-indicator-phone.png", full_page=True)
    phone.close()
    page.close()
