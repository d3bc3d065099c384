"""A meeting recorded by hand on a phone (issue 15, item 5), in Debian's chromium."""

import pytest

from tests.browser.support import SCREENSHOTS, fresh_page, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fits(page, width: int = 375) -> None:
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"page is {scroll}px wide on a {width}px phone"


def test_operator_records_a_meeting_with_an_agreement_and_a_follow_up_at_375px(browser, site):
    from sinergi.meetings.models import Meeting
    from sinergi.testing import make_persona

    make_persona("operator.lotim")
    page = fresh_page(browser, 375, 740)
    sign_in(page, site, "operator.lotim", "/meetings/")
    page.get_by_role("link", name="Catat rapat").click()
    page.wait_for_url("**/meetings/add/")
    page.locator("#id_meeting-organiser").press_sequentially("TP PKK", delay=30)
    suggestions = page.locator("#id_meeting-organiser-suggestions option")
    suggestions.first.wait_for(state="attached")
    assert [option.get_attribute("value") for option in suggestions.all()] == [
        "TP PKK Kabupaten Lombok Timur"
    ]  # only the body it may record meetings for
    page.fill("#id_meeting-title", "Rapat kader Destana Kecamatan Sembalun")
    page.fill("#id_meeting-date", "2024-02-14")
    page.fill("#id_meeting-place", "Kantor Camat Sembalun")
    page.select_option("#id_meeting-region", "52.03")
    page.fill("#id_meeting-organiser", "TP PKK Kabupaten Lombok Timur")
    page.fill("#id_agreements-0-text", "Kader PKK ikut sosialisasi Destana di 16 desa")
    # One more follow-up row, without JavaScript: what was typed stays, nothing is saved yet.
    page.locator("#part-followups").get_by_role("button", name="Tambah baris").click()
    page.wait_for_selector("#id_followups-2-what")
    assert page.input_value("#id_agreements-0-text") == (
        "Kader PKK ikut sosialisasi Destana di 16 desa"
    )
    assert not Meeting.objects.filter(title__contains="Sembalun").exists()
    page.fill("#id_followups-0-what", "Daftar kader per desa dikirim ke BPBD")
    # Saved without a responsible organisation: the row says what is missing, nothing is saved.
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_selector("#followups-row-0 .invalid-feedback")
    errors = page.locator("#followups-row-0 .invalid-feedback").all_inner_texts()
    assert errors == ["Bidang ini harus diisi."]  # under the responsible organisation
    assert page.input_value("#id_followups-0-what") == "Daftar kader per desa dikirim ke BPBD"
    assert not Meeting.objects.filter(title__contains="Sembalun").exists()
    page.locator("#followups-row-0").screenshot(path=SCREENSHOTS / "meeting-form-error-375.png")
    page.fill("#id_followups-0-responsible_organization", "TP PKK Kabupaten Lombok Timur")
    page.fill("#id_followups-0-due_date", "2024-04-30")
    fits(page)
    page.screenshot(path=SCREENSHOTS / "meeting-form-375.png", full_page=True)
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_selector("#agreements")
    assert page.get_by_role("heading", name="Rapat kader Destana Kecamatan Sembalun").is_visible()
    assert "Kader PKK ikut sosialisasi Destana di 16 desa" in page.inner_text("#agreements")
    fits(page)
    page.screenshot(path=SCREENSHOTS / "meeting-recorded-375.png", full_page=True)
    page.get_by_role("link", name="Ubah", exact=True).click()
    page.wait_for_url("**/edit/")
    assert page.input_value("#id_agreements-0-text") == (
        "Kader PKK ikut sosialisasi Destana di 16 desa"
    )
    fits(page)
    page.screenshot(path=SCREENSHOTS / "meeting-edit-375.png", full_page=True)
    page.goto(site + "/meetings/followups/")
    assert "Daftar kader per desa dikirim ke BPBD" in page.inner_text("#board")
    fits(page)
    page.screenshot(path=SCREENSHOTS / "meeting-followups-375.png", full_page=True)
    page.close()
