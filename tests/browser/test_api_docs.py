"""The API documentation in a real browser: Swagger UI and ReDoc render the schema with assets
served by Sinergi only (no request leaves the server, no CSP violation); the API tokens page
makes a key shown once. Screenshots in var/screenshots/api-*.png."""

from urllib.parse import urlsplit

import pytest

from tests.browser.support import SCREENSHOTS, fresh_page, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server):
    from sinergi.testing import load_ntb, reseed

    reseed()
    load_ntb()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return live_server.url


def watched(page, site):
    """Every request the page tries outside the site (with the reason it failed, if it did), and
    every console error."""
    outside, failed, errors = [], {}, []
    host = urlsplit(site).netloc

    def local(url):
        return urlsplit(url).netloc == host or url.startswith(("data:", "blob:"))

    page.on("request", lambda request: local(request.url) or outside.append(request.url))
    page.on("requestfailed", lambda request: failed.update({request.url: request.failure}))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    return outside, failed, errors


REDOCLY_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"


def test_swagger_ui_renders_the_schema_with_local_assets(browser, site):
    page = fresh_page(browser, 1366, 900)
    outside, _failed, errors = watched(page, site)
    page.goto(site + "/api/v1/docs/")
    page.wait_for_selector(".opblock-tag", timeout=15000)
    text = page.inner_text("body")
    assert "Sinergi API" in text
    for tag in ["programs", "regions", "values", "auth"]:
        assert page.locator(f'.opblock-tag[data-tag="{tag}"]').count() == 1, tag
    assert "Daftar program" in text  # the Indonesian summaries
    page.screenshot(path=str(SCREENSHOTS / "api-docs-swagger.png"))
    assert outside == [] and errors == [], (outside, errors)


def test_redoc_renders_the_schema_with_local_assets(browser, site):
    page = fresh_page(browser, 1366, 900)
    outside, failed, errors = watched(page, site)
    page.goto(site + "/api/v1/redoc/")
    page.locator("h1", has_text="Sinergi API").wait_for(timeout=15000)
    assert "Rekap indikator per wilayah" in page.inner_text("body")
    page.screenshot(path=str(SCREENSHOTS / "api-docs-redoc.png"))
    # ReDoc's bundle hard-codes one image of its maker's CDN (the "API docs by Redocly" logo):
    # the site's Content-Security-Policy refuses it before it leaves the browser.
    assert outside in ([], [REDOCLY_LOGO]), outside
    assert not outside or failed[REDOCLY_LOGO] == "csp", failed
    errors = [e for e in errors if "logo-mini.svg" not in e]
    assert errors == [], errors


def test_token_page_makes_a_key_that_the_api_accepts(browser, site):
    import json
    import urllib.request

    from sinergi.testing import make_persona

    make_persona("operator.lotim")
    page = fresh_page(browser, 375, 800)
    sign_in(page, site, "operator.lotim", "/accounts/tokens/")
    page.fill("#id_name", "Skrip OpenSID")
    page.get_by_role("button", name="Buat token").click()
    key = page.inner_text("#new-token-key").strip()
    page.screenshot(path=str(SCREENSHOTS / "api-tokens-375.png"), full_page=True)
    assert key.startswith("sng_")
    request = urllib.request.Request(  # noqa: S310 - the live test server
        site + "/api/v1/regions/52.03/", headers={"Authorization": f"ApiToken {key}"}
    )
    with urllib.request.urlopen(request) as response:  # noqa: S310 - the live test server
        assert json.load(response)["code"] == "52.03"
    page.reload()
    assert key not in page.content() and "Skrip OpenSID" in page.inner_text("#tokens")
