"""Real browser: a visitor who is not signed in finds, from Beranda, the Destana figure against
its target and the three focus regencies of the founding meeting within two clicks — on a laptop
and on a phone — and the map outlines them."""

import pytest

from tests.browser.support import SCREENSHOTS, fresh_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOCUS = ["Kabupaten Lombok Timur", "Kabupaten Sumbawa Barat", "Kota Mataram"]


@pytest.mark.parametrize("width", [1366, 375])
def test_a_visitor_finds_destana_against_its_target_and_the_focus_regencies(
    browser,
    site,
    width,
):
    from django.core.management import call_command

    call_command("demo", "--no-user")  # the founding meeting, published figures, region groups
    page = fresh_page(browser, width, 900)
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(site + "/")

    # On Beranda itself: the Destana card against its target, the focus regions named.
    card = page.locator(".indicator-card[data-indicator='destana_formed']")
    assert card.locator(".card-figure").inner_text() == "434"
    assert "target 567" in " ".join(card.inner_text().split())
    focus = " ".join(page.locator("#home-focus").inner_text().split())
    assert "Fokus Destana 2023" in focus and all(name in focus for name in FOCUS), focus
    outlined = page.locator("#home-map path.sinergi-map-region.is-outlined")
    outlined.first.wait_for()
    assert outlined.count() == 3  # the focus regencies outlined on the province map
    page.screenshot(path=SCREENSHOTS / f"home-visitor-{width}.png", full_page=True)

    # One click: the Destana page, with the headline against the target and the focus group.
    card.locator("a").first.click()
    page.wait_for_selector("#own-row")
    assert page.locator("#headline-value").inner_text() == "434"
    assert "567" in page.locator("#own-row").inner_text()
    groups = " ".join(page.locator(".region-groups").first.inner_text().split())
    assert "Fokus Destana 2023" in groups and all(name in groups for name in FOCUS), groups

    # Two clicks: the indicator limited to the focus group, one row per focus regency.
    page.locator(".region-groups a", has_text="Fokus Destana 2023").first.click()
    page.wait_for_selector("#rollup-table")
    names = [
        row.locator("td").first.inner_text().strip()
        for row in page.locator("#rollup-table tbody tr").all()
    ]
    assert sorted(names) == FOCUS, names
    page.screenshot(path=SCREENSHOTS / f"home-visitor-focus-{width}.png", full_page=True)
    assert not errors, errors
    page.close()
