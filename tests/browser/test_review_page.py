"""The text import's review page in a real browser: a blocked confirm says why, a correction made
on the page is what the meeting page shows, and unsure proposals are marked and left unticked."""

from pathlib import Path

import pytest

from tests.browser.support import SCREENSHOTS, fresh_page, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

TEXT = Path(__file__).resolve().parents[2] / (
    "src/sinergi/extraction/tests/texts/sosialisasi-destana-lotim.txt"
)


def test_review_blocked_confirm_then_correction_shows_on_the_meeting_page(browser, site):
    from sinergi.organizations.models import Organization
    from sinergi.testing import make_persona

    make_persona("admin")
    bpbd = Organization.objects.create(
        name="BPBD Kabupaten Lombok Timur",
        slug="bpbd-lotim",
        org_type="opd",
        home_region_id="52.03",
    )
    team = Organization.objects.get(slug="tp-pkk-52-03")
    page = fresh_page(browser, 1400, 1000)
    sign_in(page, site, "admin", "/meetings/")
    page.get_by_role("link", name="Impor dari teks").click()
    page.fill("#id_text", TEXT.read_text())
    page.get_by_role("button", name="Baca teks").click()
    page.wait_for_selector("#review-form")
    # "Dinas Sosial" is named once and matches no organisation on record: marked, not ticked.
    unsure = page.locator("#orgs tr", has=page.locator("input[value='Dinas Sosial']"))
    assert "periksa" in unsure.inner_text()
    assert not unsure.locator("input[type=checkbox]").is_checked()
    assert not page.is_checked("#id_agr-1-include")  # the empty extra row
    # Confirm without an organiser: nothing is recorded and the page says what is missing.
    page.fill("#id_m-organiser", "")
    page.get_by_role("button", name="Konfirmasi dan catat").click()
    blocked = page.locator("#review-blocked")
    blocked.wait_for()
    assert blocked.is_visible() and "Penyelenggara" in blocked.inner_text()
    page.screenshot(path=SCREENSHOTS / "review-blocked.png", full_page=True)
    # The first organisation row takes the body on record, typed with suggestions.
    assert page.input_value("#id_org-0-match") == ""  # on record under a shorter name
    page.locator("#id_org-0-match").press_sequentially("BPBD Kabupaten Lombok T", delay=20)
    option = page.locator("#id_org-0-match-suggestions option").first
    option.wait_for(state="attached")
    assert "Lombok Timur" in option.inner_text()
    page.fill("#id_org-0-match", option.get_attribute("value"))
    # Correct the first person's name and position, choose the organiser, confirm.
    assert page.input_value("#id_person-0-name") == "Lalu Muhammad Syaifuddin"
    page.fill("#id_person-0-name", "Lalu Muh. Syaifuddin")
    page.fill("#id_person-0-position", "Kepala Pelaksana")
    page.fill("#id_m-organiser", team.name)
    page.get_by_role("button", name="Konfirmasi dan catat").click()
    page.wait_for_selector("#agreements")
    row = page.locator("li", has=page.locator(".participant-person"))
    assert row.locator("a").get_attribute("href") == bpbd.get_absolute_url()
    people = page.locator(".participant-person").all_inner_texts()
    assert "Lalu Muh. Syaifuddin, Kepala Pelaksana" in people
    assert not any("Lalu Muhammad" in person for person in people)
    page.screenshot(path=SCREENSHOTS / "review-meeting.png", full_page=True)
    page.close()
