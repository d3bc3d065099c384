"""Approval that shows, in a real browser at a laptop's 1366 px and a phone's 375 px: select all
on the approvals page (the script ticks every row; the server approves every kecamatan of the
kab/kota), and the entry grid of an approved kecamatan, locked before anyone types."""

import datetime

import pytest

from tests.browser.support import SCREENSHOTS, fresh_page, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LOTIM, KECAMATAN = "52.03", "52.03.05"
LATE_UTC = datetime.datetime(2026, 12, 7, 23, 30, tzinfo=datetime.UTC)  # 07:30 WITA, 8 Dec


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.parametrize("width,height", [(1366, 900), (375, 740)])
def test_select_all_of_a_kab_kota_then_of_a_page(browser, site, width, height):
    """From the province page, "all its 21 districts" of Lombok Timur approves its kecamatan;
    on Lombok Timur's page the select-all box ticks every row and un-approves them all."""
    from sinergi.indicators.models import Approval
    from sinergi.regions.models import Region
    from sinergi.testing import make_persona

    def states():
        return dict(Approval.objects.values_list("region_id", "state"))

    make_persona("koordinator.ntb")
    kecamatan = set(Region.objects.filter(parent_id=LOTIM).values_list("code", flat=True))
    page = fresh_page(browser, width, height)
    province = "/indicators/destana_level/approvals/?region=52&period=2023"
    sign_in(page, site, "koordinator.ntb", province)
    page.goto(site + province)
    whole_kab = page.locator(f'[id="below-{LOTIM}"]')
    assert whole_kab.is_visible()
    page.get_by_label("semua 21 kecamatannya").first.check()
    assert whole_kab.is_checked()
    page.screenshot(path=SCREENSHOTS / f"approvals-province-{width}.png", full_page=True)
    assert page_width(page) <= width, f"the approvals page is wider than {width}px"
    page.get_by_role("button", name="Setujui", exact=True).click()
    page.wait_for_load_state()
    assert "Selesai untuk 21 baris." in page.locator("main").inner_text()
    assert states() == dict.fromkeys(kecamatan, "approved")  # its kecamatan, nothing else
    assert "Kecamatan: 21 dari 21 disetujui" in page.locator("#approvals").inner_text()

    page.goto(site + f"/indicators/destana_level/approvals/?region={LOTIM}&period=2023")
    rows = page.locator('#approvals input[name="cell"]')
    assert rows.count() == 21
    # A clearly visible box: a dark border at least 2 px wide, not Bootstrap's faint grey.
    border = rows.first.evaluate("b => getComputedStyle(b).borderTopWidth")
    assert float(border.removesuffix("px")) >= 2
    select_all = page.locator("#select-all")
    select_all.check()
    assert all(rows.nth(i).is_checked() for i in range(rows.count()))
    rows.nth(3).uncheck()  # one row off: "select all" shows it is no longer all …
    assert not select_all.is_checked()
    assert select_all.evaluate("b => b.indeterminate")
    rows.nth(3).check()  # … and all again
    assert select_all.is_checked() and not select_all.evaluate("b => b.indeterminate")
    page.screenshot(path=SCREENSHOTS / f"approvals-select-all-{width}.png", full_page=True)
    assert page_width(page) <= width, f"the approvals page is wider than {width}px"
    page.get_by_role("button", name="Batalkan persetujuan").click()
    page.wait_for_load_state()
    assert "Selesai untuk 21 baris." in page.locator("main").inner_text()
    assert states() == dict.fromkeys(kecamatan, "submitted")
    assert page.locator("#approvals .badge.text-bg-info").count() == 21
    page.screenshot(path=SCREENSHOTS / f"approvals-unapproved-{width}.png", full_page=True)
    page.close()


@pytest.mark.parametrize("width,height", [(1366, 900), (375, 740)])
def test_approved_kecamatan_grid_is_locked_with_who_and_when(browser, site, width, height):
    from sinergi.indicators.approvals import act
    from sinergi.indicators.models import Approval, Indicator
    from sinergi.testing import make_persona

    operator, coordinator = make_persona("operator.lotim"), make_persona("koordinator.ntb")
    level = Indicator.objects.get(code="destana_level")
    act("approve", level, [(KECAMATAN, "2023")], coordinator)
    Approval.objects.filter(region_id=KECAMATAN).update(updated_at=LATE_UTC)
    page = fresh_page(browser, width, height)
    path = f"/indicators/destana_level/entry/?region={KECAMATAN}&period=2023"
    sign_in(page, site, operator.username, path)
    page.goto(site + path)
    note = page.locator(".lock-note")
    assert note.is_visible()
    text = note.inner_text()
    assert "koordinator.ntb" in text and "2026-12-08 07:30 WITA" in text
    assert "membatalkan persetujuannya" in text  # why it cannot change
    fields = page.locator("#entry-grid select, #entry-grid input:not([type=hidden])")
    assert fields.count() > 0
    assert all(fields.nth(i).is_disabled() for i in range(fields.count()))
    assert page.get_by_role("button", name="Simpan").is_disabled()
    badges = page.locator("#entry-grid .badge.text-bg-success >> visible=true")
    assert badges.count() == page.locator("#entry-grid tbody tr").count()  # one on every row
    if width >= 768:  # a phone shows "Terkunci" alone; the note above says who and when
        assert "koordinator.ntb, 2026-12-08 07:30 WITA" in badges.first.inner_text()
    assert page_width(page) <= width, f"the entry grid page is wider than {width}px"
    page.screenshot(path=SCREENSHOTS / f"entry-locked-{width}.png", full_page=True)
    page.close()


def test_select_all_without_javascript(browser, site):
    """The same box, with JavaScript off (an old phone, a strict browser): the server reads it
    as every row of the page and submits all 21 kecamatan of Lombok Timur."""
    from sinergi.indicators.models import Approval
    from sinergi.regions.models import Region
    from sinergi.testing import make_persona

    make_persona("operator.lotim")
    context = browser.new_context(viewport={"width": 375, "height": 740}, java_script_enabled=False)
    page = context.new_page()
    path = f"/indicators/destana_level/approvals/?region={LOTIM}&period=2023"
    sign_in(page, site, "operator.lotim", path)
    page.goto(site + path)
    page.locator("#select-all").check()
    rows = page.locator('#approvals input[name="cell"]')
    assert not any(rows.nth(i).is_checked() for i in range(rows.count()))  # no script ran
    page.get_by_role("button", name="Ajukan").click()
    page.wait_for_load_state()
    assert "Selesai untuk 21 baris." in page.locator("main").inner_text()
    kecamatan = set(Region.objects.filter(parent_id=LOTIM).values_list("code", flat=True))
    submitted = Approval.objects.filter(state="submitted").values_list("region_id", flat=True)
    assert set(submitted) == kecamatan
    assert page_width(page) <= 375
    page.screenshot(path=SCREENSHOTS / "approvals-no-js-375.png", full_page=True)
    context.close()
