"""Beranda by role and the region profile in a real browser (Debian's chromium): the operator's
start page on a 375 px phone, the leader's at 1366 px, the profile as printed. Screenshots land
in var/screenshots/."""

import pytest
from django.utils import timezone

from tests.browser.support import SCREENSHOTS, fresh_page, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_site(site):
    """The live site with the founding meeting (its follow-up is overdue) and the figures."""
    from sinergi.extraction.demo import load_meeting
    from sinergi.indicators.demo import load_figures

    load_meeting()
    load_figures()
    return site


def test_operator_start_page_on_a_phone_leads_to_the_entry_grid(browser, demo_site):
    from sinergi.testing import make_persona

    make_persona("operator.lotim")
    year = timezone.localdate().year
    page = fresh_page(browser, 375, 740)
    sign_in(page, demo_site, "operator.lotim")
    page.goto(demo_site + "/")
    assert page.get_by_role("heading", name="Kabupaten Lombok Timur", exact=True).is_visible()
    due = page.get_by_role("heading", name="Yang harus Anda isi periode ini")
    assert due.is_visible()
    assert "254 desa/kelurahan belum diisi, di 21 kecamatan" in page.locator("main").inner_text()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"page is {width}px wide on a 375px phone"
    page.screenshot(path=SCREENSHOTS / "home-operator-375.png", full_page=True)
    due.scroll_into_view_if_needed()
    page.screenshot(path=SCREENSHOTS / "home-operator-375-due.png")
    page.get_by_role("link", name="Isi data").first.click()
    page.wait_for_url(f"**/indicators/destana_level/entry/?region=52.03.01&period={year}")
    assert "Keruak" in page.locator("main").inner_text()
    page.close()


def test_leader_start_page_at_1366(browser, demo_site):
    from sinergi.indicators.approvals import act
    from sinergi.indicators.models import Indicator
    from sinergi.testing import make_persona

    act(
        "submit",
        Indicator.objects.get(code="destana_level"),
        [("52.03.05", "2025")],
        make_persona("operator.lotim"),
    )
    make_persona("koordinator.ntb")
    page = fresh_page(browser, 1366, 900)
    sign_in(page, demo_site, "koordinator.ntb")
    page.goto(demo_site + "/")
    main = page.locator("main")
    assert page.get_by_role("heading", name="Menunggu persetujuan Anda").is_visible()
    assert page.get_by_role("heading", name="Tindak lanjut yang terlambat").is_visible()
    assert "1 pengajuan data menunggu persetujuan" in main.inner_text()
    assert "Membentuk sisa Destana" in main.inner_text()
    assert page.locator(".indicator-card").count() >= 6
    assert page.locator("#due").count() == 0  # an operator's part
    page.screenshot(path=SCREENSHOTS / "home-leader-1366.png", full_page=True)
    page.get_by_role("link", name="Periksa").click()
    page.wait_for_url("**/indicators/destana_level/approvals/?region=52.03&period=2025")
    assert "Masbagik" in page.locator("main").inner_text()
    page.close()


def test_visitor_profile_page_prints_without_navigation(browser, demo_site):
    page = fresh_page(browser, 1366, 900)
    page.goto(demo_site + "/regions/52.03/")
    page.get_by_role("link", name="Profil", exact=True).click()
    page.wait_for_url("**/regions/52.03/profile/")
    main = page.locator("main")
    assert "Masuk untuk melihat program" in main.inner_text()
    assert page.locator("nav.navbar").is_visible()
    page.screenshot(path=SCREENSHOTS / "profile-52.03-1366.png", full_page=True)
    page.emulate_media(media="print")
    assert not page.locator("nav.navbar").is_visible()
    assert not page.get_by_role("button", name="Cetak").is_visible()
    assert page.get_by_role("heading", name="Indikator utama terhadap target").is_visible()
    page.screenshot(path=SCREENSHOTS / "profile-52.03-print.png", full_page=True)
    page.close()
