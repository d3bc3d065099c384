"""Search as you type in a real browser: on the program list a coordinator types part of an
agency's acronym in the owner filter, picks the suggestion and gets its
programs; a name that matches nothing is said on the page. Screenshots in
var/screenshots/search-*.png."""

import pytest

from tests.browser.support import SCREENSHOTS, fresh_page, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DPMPD = (
    "Dinas Pemberdayaan Masyarakat, Pemerintahan Desa, Kependudukan dan Pencatatan Sipil "
    "Provinsi Nusa Tenggara Barat"
)


@pytest.mark.parametrize("width,height", [(1366, 900), (375, 800)])
def test_type_part_of_a_name_in_a_filter_and_pick_the_suggestion(browser, site, width, height):
    from sinergi.programs.models import Program
    from sinergi.testing import make_persona

    make_persona("koordinator.ntb")
    owned = sorted(Program.objects.filter(owner__slug="dpmpd-dukcapil-ntb").values_list(
        "name", flat=True))  # fmt: skip
    others = Program.objects.exclude(owner__slug="dpmpd-dukcapil-ntb").values_list(
        "name", flat=True
    )
    page = fresh_page(browser, width, height)
    sign_in(page, site, "koordinator.ntb", "/programs/")
    page.wait_for_url("**/programs/")
    owner = page.locator("#id_owner")
    owner.press_sequentially("dukcap", delay=40)
    first = page.locator("#id_owner-suggestions option").first
    first.wait_for(state="attached")
    assert first.get_attribute("value") == DPMPD
    assert "DPMPD Dukcapil" in first.inner_text()
    # The browser draws a datalist's list outside the page (headless, it opens none): picking
    # a suggestion puts its value in the input, as here.
    owner.fill(first.get_attribute("value"))
    page.screenshot(path=str(SCREENSHOTS / f"search-owner-{width}.png"))
    page.get_by_role("button", name="Saring").click()
    page.wait_for_url("**/programs/?*owner=*")
    table = page.locator("table").first.inner_text()
    assert [name for name in owned if name in table] == owned
    assert not [name for name in others if name in table]
    assert page.input_value("#id_owner") == DPMPD
    page.screenshot(path=str(SCREENSHOTS / f"search-filtered-{width}.png"), full_page=True)

    page.fill("#id_owner", "Dinas Pariwisata")
    page.get_by_role("button", name="Saring").click()
    page.wait_for_load_state()
    error = page.locator(".invalid-feedback").first.inner_text()
    assert "Tidak ada lembaga yang boleh Anda pilih yang cocok dengan “Dinas Pariwisata”" in error
    page.screenshot(path=str(SCREENSHOTS / f"search-no-match-{width}.png"), full_page=True)
    page.close()


def test_a_picked_suggestion_is_added_to_a_list_of_organisations(browser, site):
    """On an activity form the organisations are a list: picking a suggestion for the second
    one keeps the first (static/sinergi/suggest.js); the activity is saved with both."""
    from sinergi.programs.models import Program
    from sinergi.testing import make_persona

    make_persona("admin")
    program = Program.objects.filter(owner__slug="bpbd-ntb").first()
    page = fresh_page(browser, 1366, 900)
    sign_in(page, site, "admin", f"/programs/{program.pk}/activities/add/")
    page.fill("#id_title", "Simulasi evakuasi")
    page.fill("#id_region", "Kec. Sakra")
    field = page.locator("#id_organizations")
    field.press_sequentially("BPBD; kebon ay", delay=30)
    option = page.locator("#id_organizations-suggestions option").first
    option.wait_for(state="attached")
    picked = option.get_attribute("value")
    assert picked == "TP PKK Desa Kebon Ayu"
    # What the browser does when a suggestion is picked: the value replaced, an input event.
    page.evaluate(
        """([id, value]) => {
            const input = document.getElementById(id);
            input.value = value;
            input.dispatchEvent(new InputEvent("input", {inputType: "insertReplacementText",
                                                         bubbles: true}));
        }""",
        ["id_organizations", picked],
    )
    assert field.input_value() == "BPBD; TP PKK Desa Kebon Ayu"
    page.screenshot(path=str(SCREENSHOTS / "search-activity-organisations.png"), full_page=True)
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_selector("text=Tersimpan")
    activity = program.activities.get(title="Simulasi evakuasi")
    assert sorted(activity.organizations.values_list("name", flat=True)) == [
        "Badan Penanggulangan Bencana Daerah Provinsi Nusa Tenggara Barat",
        "TP PKK Desa Kebon Ayu",
    ]
    page.close()
