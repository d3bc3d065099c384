"""Real-browser tests (Debian's chromium driven by Playwright): the main journeys."""

from pathlib import Path

import pytest

from tests.browser.support import SCREENSHOTS, fresh_page, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_home_to_five_w(browser, site):
    from sinergi.testing import make_persona

    make_persona("koordinator.ntb")
    page = fresh_page(browser, 1280, 900)
    sign_in(page, site, "koordinator.ntb")
    page.goto(site + "/")
    assert page.locator("html").get_attribute("lang") == "id"
    assert page.get_by_role("link", name="Beranda").is_visible()
    page.screenshot(path=SCREENSHOTS / "home.png", full_page=True)
    page.get_by_role("link", name="5W", exact=True).first.click()
    page.wait_for_url("**/programs/5w/**")
    matrix = page.locator("#matrix-5w")
    assert matrix.is_visible()
    assert matrix.get_by_role("link", name="TP PKK Prov NTB").is_visible()
    assert "Destana" in matrix.inner_text()
    page.select_option("#id_region", "52.03")
    page.get_by_role("button", name="Tampilkan").click()
    page.wait_for_url("**region=52.03**")
    assert "Destana" in page.locator("#matrix-5w").inner_text()
    assert "Adminduk" not in page.locator("#matrix-5w").inner_text()
    page.screenshot(path=SCREENSHOTS / "five-w.png", full_page=True)
    page.close()


def test_phone_navigation_and_region_drill_down(browser, site):
    page = fresh_page(browser, 375, 740)
    page.goto(site + "/")
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("link", name="Wilayah").click()
    page.get_by_role("link", name="Nusa Tenggara Barat").click()
    page.get_by_role("link", name="Kabupaten Lombok Timur").click()
    assert page.get_by_role("heading", name="Kabupaten Lombok Timur").is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"page is {width}px wide on a 375px phone"
    page.screenshot(path=SCREENSHOTS / "phone-region.png", full_page=True)
    page.close()


def test_sign_in_and_add_a_program_with_region_suggestions(browser, site):
    from sinergi.testing import make_persona

    make_persona("operator.lotim")
    page = fresh_page(browser, 1280, 900)
    sign_in(page, site, "operator.lotim", "/programs/add/")
    page.wait_for_url("**/programs/add/")
    page.locator("#id_owner").press_sequentially("TP PKK", delay=30)
    owners = page.locator("#id_owner-suggestions option")
    owners.first.wait_for(state="attached")
    values = [option.get_attribute("value") for option in owners.all()]
    assert values == ["TP PKK Kabupaten Lombok Timur"]  # only its own organisation
    page.fill("#id_owner", "TP PKK Kabupaten Lombok Timur")
    page.fill("#id_name", "Sosialisasi Destana Lombok Timur")
    page.fill("#id_fiscal_year", "2024")
    page.locator("#id_focus_regions").press_sequentially("Lombok Tim", delay=30)
    page.wait_for_selector("#id_focus_regions-suggestions option[value='52.03']", state="attached")
    page.fill("#id_focus_regions", "52.03")
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_selector("text=Tersimpan")
    assert page.get_by_role("heading", name="Sosialisasi Destana Lombok Timur").is_visible()
    assert page.get_by_role("link", name="Kabupaten Lombok Timur", exact=True).is_visible()
    page.screenshot(path=SCREENSHOTS / "program-saved.png", full_page=True)
    page.close()


def test_enter_destana_levels_and_see_the_count_roll_up(browser, site):
    from sinergi.indicators.demo import load_figures
    from sinergi.testing import make_user

    load_figures()
    make_user("operator.mataram", role="operator", region="52.71")
    page = fresh_page(browser, 1280, 900)
    entry = "/indicators/destana_level/entry/%3Fregion%3D52.71.01%26period%3D2023"
    sign_in(page, site, "operator.mataram", entry)
    page.wait_for_selector("#entry-grid")
    page.select_option("#id_value_52\\.71\\.01\\.1004", "2")
    page.select_option("#id_value_52\\.71\\.01\\.1005", "1")
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_selector("text=Tersimpan")
    page.screenshot(path=SCREENSHOTS / "entry-grid.png", full_page=True)
    page.goto(site + "/indicators/destana_formed/?region=52.71&period=2023")
    table = page.locator("#rollup-table")
    ampenan = table.locator("tr", has_text="Kecamatan Ampenan")
    assert "2" in ampenan.locator("td").nth(1).inner_text()
    assert "2/10" in ampenan.inner_text()
    page.screenshot(path=SCREENSHOTS / "indicator.png", full_page=True)
    page.goto(site + "/regions/52.71/")
    page.wait_for_selector("#region-indicators .indicator-card")
    assert "Destana" in page.locator("#region-indicators").inner_text()
    # Villages have no stored summaries: their rows and cards are read from the values just saved.
    page.goto(site + "/indicators/destana_level/?region=52.71.01&period=2023")
    village = page.locator("#rollup-table tr", has_text="Kelurahan")
    assert "Madya" in page.locator("#rollup-table tr", has_text="Ampenan Selatan").inner_text()
    assert village.count() == 10
    page.screenshot(path=SCREENSHOTS / "villages.png", full_page=True)
    from sinergi.indicators.models import Indicator

    Indicator.objects.filter(code="destana_level").update(is_key=True)  # a card on region pages
    page.goto(site + "/regions/52.71.01.1004/")
    page.wait_for_selector("#region-indicators .indicator-card")
    assert "Madya" in page.locator("#region-indicators").inner_text()
    page.screenshot(path=SCREENSHOTS / "village.png", full_page=True)
    page.close()


def test_import_a_text_review_highlights_edit_confirm_and_see_it_everywhere(browser, site):
    from sinergi.indicators.models import Indicator
    from sinergi.organizations.models import Organization
    from sinergi.testing import make_persona

    text = (
        Path(__file__).resolve().parents[2]
        / "src/sinergi/extraction/tests/texts/sosialisasi-destana-lotim.txt"
    ).read_text()
    make_persona("admin")
    team = Organization.objects.get(slug="tp-pkk-52-03")
    destana = Indicator.objects.get(code="destana_formed")
    page = fresh_page(browser, 1400, 1000)
    sign_in(page, site, "admin", "/meetings/")
    page.get_by_role("link", name="Impor dari teks").click()
    page.fill("#id_text", text)
    page.get_by_role("button", name="Baca teks").click()
    page.wait_for_selector("#ingest-text mark.hl-quantity")
    marks = page.locator("#ingest-text mark.hl-quantity").all_inner_texts()
    assert marks == ["52 Destana", "80 desa"]
    assert "Kecamatan Sembalun" in page.locator("#ingest-regions").inner_text()
    assert page.locator("#ingest-text mark.hl-person", has_text="Rusdi Hakim").count() == 1
    page.screenshot(path=SCREENSHOTS / "ingest-review.png", full_page=True)
    # Edit the draft: a better title, the organiser, both Destana figures, one follow-up.
    page.fill("#id_m-title", "Sosialisasi Destana Sembalun 2024")
    page.fill("#id_m-organiser", team.name)
    for row in (0, 1):
        page.check(f"#id_qty-{row}-include")
        page.select_option(f"#id_qty-{row}-indicator", str(destana.pk))
    assert page.input_value("#id_qty-0-period") == "2024"
    page.select_option("#id_agr-0-responsible", label="Badan Penanggulangan Bencana Daerah "
                       "Kabupaten Lombok Timur")  # fmt: skip
    page.fill("#id_agr-0-due_date", "2024-07-31")
    page.get_by_role("button", name="Konfirmasi dan catat").click()
    page.wait_for_selector("#agreements")
    assert page.locator("h1").inner_text() == "Sosialisasi Destana Sembalun 2024"
    assert "jalur evakuasi" in page.locator("#agreements").inner_text()
    page.screenshot(path=SCREENSHOTS / "ingest-meeting.png", full_page=True)
    page.goto(site + "/meetings/followups/")
    assert "jalur evakuasi" in page.locator("main").inner_text()
    page.goto(site + "/indicators/destana_formed/?region=52&period=2024")
    lotim = page.locator("#rollup-table tr", has_text="Kabupaten Lombok Timur").first
    assert "52" in lotim.inner_text() and "80" in lotim.inner_text()
    page.screenshot(path=SCREENSHOTS / "ingest-indicator.png", full_page=True)
    page.close()


def test_template_round_trip_download_fill_upload_preview_confirm(browser, site, tmp_path):
    from openpyxl import load_workbook

    from sinergi.testing import make_user

    make_user("operator.mataram", role="operator", region="52.71")
    page = fresh_page(browser, 1280, 900)
    sign_in(page, site, "operator.mataram", "/indicators/")
    page.get_by_role("link", name="Impor dari Excel/CSV").click()
    page.select_option("#id_region", "52.71.01")
    page.select_option("#id_indicators", "destana_level")
    page.fill("#id_period", "2023")
    with page.expect_download() as download:
        page.get_by_role("button", name="Unduh templat (.xlsx)").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    # A person fills two villages of Kecamatan Ampenan, one with a level name from the list.
    workbook = load_workbook(path)
    sheet = workbook["Data"]
    rows = {sheet.cell(row=r, column=1).value: r for r in range(2, sheet.max_row + 1)}
    sheet.cell(row=rows["52.71.01.1004"], column=3, value="Madya")
    sheet.cell(row=rows["52.71.01.1005"], column=3, value="Sangat tangguh")  # not a level
    workbook.save(path)
    page.set_input_files("#id_file", str(path))
    page.get_by_role("button", name="Periksa berkas").click()
    problems = page.locator("#import-problems").inner_text()
    assert str(rows["52.71.01.1005"]) in problems and "C (destana_level 2023)" in problems
    page.screenshot(path=SCREENSHOTS / "import-problems.png", full_page=True)
    sheet.cell(row=rows["52.71.01.1005"], column=3, value="Pratama")
    workbook.save(path)
    page.set_input_files("#id_file", str(path))
    page.get_by_role("button", name="Periksa berkas").click()
    assert page.inner_text("#preview-new") == "2"
    page.screenshot(path=SCREENSHOTS / "import-preview.png", full_page=True)
    page.get_by_role("button", name="Konfirmasi impor").click()
    page.wait_for_selector("text=2 baru")
    page.goto(site + "/indicators/destana_formed/?region=52.71&period=2023")
    ampenan = page.locator("#rollup-table tr", has_text="Kecamatan Ampenan")
    assert "2/10" in ampenan.inner_text()
    page.close()


def test_a_queued_import_page_is_its_owners_alone(browser, site):
    """The job page (progress, then the result) as its owner sees it; anyone else gets 404."""
    from sinergi.core.models import Job
    from sinergi.testing import make_persona

    owner = make_persona("operator.lotim")
    make_persona("koordinator.ntb")
    result = {"ok": True, "rows": 3, "created": 3, "updated": 0, "unchanged": 0, "problems": []}
    job = Job.objects.create(kind="import-write", created_by=owner, file_name="timbang.csv",
                             status="completed", done=6, total=6, result=result)  # fmt: skip
    page = fresh_page(browser, 1280, 800)
    sign_in(page, site, "operator.lotim")
    page.goto(f"{site}/indicators/import/jobs/{job.pk}/")
    assert page.get_by_text("timbang.csv").first.is_visible()
    assert page.locator("#job-done").is_visible()
    page.screenshot(path=SCREENSHOTS / "import-job.png", full_page=True)
    other = fresh_page(browser, 1280, 800)
    sign_in(other, site, "koordinator.ntb")
    response = other.goto(f"{site}/indicators/import/jobs/{job.pk}/")
    assert response.status == 404
    page.close()
    other.close()


def test_a_refused_action_explains_itself_in_indonesian_in_the_site_layout(browser, site):
    from sinergi.testing import make_persona

    make_persona("viewer.lobar")
    page = fresh_page(browser, 1280, 900)
    entry = "/indicators/destana_formed/entry/?region=52.03&period=2023"
    sign_in(page, site, "viewer.lobar", "/")
    response = page.goto(site + entry)
    assert response.status == 403
    assert page.locator("html").get_attribute("lang") == "id"
    assert page.get_by_role("link", name="Beranda", exact=True).is_visible()  # the navigation
    assert page.get_by_role("heading", name="Tidak diizinkan").is_visible()
    reason = page.locator("#error-reason").inner_text()
    assert reason == "Wilayah ini di luar wilayah peran Anda: Kabupaten Lombok Timur"
    assert page.get_by_role("link", name="Kembali ke beranda").is_visible()
    page.screenshot(path=SCREENSHOTS / "refused.png", full_page=True)
