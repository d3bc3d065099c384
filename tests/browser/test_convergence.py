"""Convergence and collaboration suggestions in a real browser (Debian's chromium), at a laptop
and a phone width; screenshots in var/screenshots/."""

from urllib.parse import quote

import pytest

from tests.browser.support import SCREENSHOTS, fresh_page, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CITY = "52.71"


def mataram_priorities():
    """Two priorities with targets for Kota Mataram's kecamatan (Ampenan two behind, Sekarbela
    partial), a program in Ampenan and two programs of different owners sharing a theme there."""
    from sinergi.indicators.models import Indicator, Target
    from sinergi.indicators.services import ValueChange, save_values
    from sinergi.organizations.models import Organization
    from sinergi.programs.models import Program, Theme

    coverage = Indicator.objects.create(code="coverage_x", name="Cakupan posyandu", is_key=True)
    prevalence = Indicator.objects.create(
        code="prevalence_x", name="Prevalensi stunting", direction="lower", is_key=True
    )
    for n in range(1, 7):
        Target.objects.create(
            indicator=coverage, region_id=f"{CITY}.0{n}", period="2023", value=100
        )
        Target.objects.create(
            indicator=prevalence, region_id=f"{CITY}.0{n}", period="2023", value=10
        )
    values = {"52.71.01": 10, "52.71.02": 50, "52.71.03": 80, "52.71.04.1001": 1}
    save_values(coverage, "2023", [ValueChange(c, v) for c, v in values.items()])
    values = {"52.71.01": 50, "52.71.02": 5, "52.71.03": 20, "52.71.04": 40}
    save_values(prevalence, "2023", [ValueChange(c, v) for c, v in values.items()])
    theme = Theme.objects.get(code="penanganan-stunting")
    dinkes = Organization.objects.create(
        name="Dinas Kesehatan Kota Mataram", acronym="Dinkes Mataram", org_type="opd",
        home_region_id=CITY,
    )  # fmt: skip
    first = Program.objects.create(name="Posyandu Ampenan", fiscal_year=2023, owner=dinkes)
    second = Program.objects.create(
        name="Dasawisma peduli gizi",
        fiscal_year=2023,
        owner=Organization.objects.get(slug="tp-pkk-52-71"),
    )
    for program in (first, second):
        program.themes.set([theme])
        program.focus_regions.set(["52.71.01"])
    return first, second


def test_convergence_page_and_accepting_a_suggestion(browser, site):
    from sinergi.programs.models import Collaboration
    from sinergi.testing import make_persona

    first, _second = mataram_priorities()
    make_persona("koordinator.ntb")
    make_persona("admin")
    path = f"/convergence/?region={CITY}&year=2023"
    url = site + path

    # A visitor: the ranking of published figures, and why programs are not shown.
    page = fresh_page(browser, 1366, 900)
    page.goto(url)
    assert page.locator("#programs-need-role").is_visible()
    rows = page.locator("#convergence-table tbody tr")
    assert rows.count() == 6
    assert rows.nth(0).get_attribute("data-code") == "52.71.01"
    assert rows.nth(0).get_attribute("data-behind") == "2"
    page.screenshot(path=SCREENSHOTS / "convergence-visitor-1366.png", full_page=True)

    assert not page.locator("#convergence-list").is_visible()  # the list is for phones
    # The coordinator: programs per area, partial cells marked. The demo's province programs
    # without a focus region reach every kecamatan from above: no gap, but flagged.
    sign_in(page, site, "koordinator.ntb", quote(path))
    assert page.locator("#programs-need-role").count() == 0
    assert page.locator("#area-52\\.71\\.01").get_by_text("Posyandu Ampenan").is_visible()
    assert page.locator("[data-gap='1']").count() == 0
    assert page.locator("[data-only-wider='1']").count() == 5
    assert page.locator("#area-52\\.71\\.04 td[data-status='partial']").count() == 1
    page.screenshot(path=SCREENSHOTS / "convergence-coordinator-1366.png", full_page=True)

    phone = fresh_page(browser, 375, 800)
    sign_in(phone, site, "koordinator.ntb", quote(path))
    # On a phone: the ranking as a list first, then the table (scrolling sideways).
    first_area = phone.locator("#convergence-list li").first
    assert first_area.is_visible() and first_area.get_attribute("data-code") == "52.71.01"
    phone.screenshot(path=SCREENSHOTS / "convergence-coordinator-375.png", full_page=True)

    # The administrator records the suggested collaboration from the program's page.
    admin = fresh_page(browser, 1366, 900)
    sign_in(admin, site, "admin", f"/programs/{first.pk}/")
    suggestion = admin.locator("#suggestions li").first
    assert "Kecamatan Ampenan" in suggestion.inner_text()
    admin.screenshot(path=SCREENSHOTS / "suggestion-on-program-1366.png", full_page=True)
    before = Collaboration.objects.count()
    suggestion.locator("form").first.get_by_role("button").click()
    admin.wait_for_load_state()
    assert Collaboration.objects.count() == before + 1
    assert Collaboration.objects.filter(program=first).count() == 1
    assert admin.locator("#suggestions").count() == 0
    admin.screenshot(path=SCREENSHOTS / "suggestion-accepted-1366.png", full_page=True)
