"""Real browser against a server run as the product runs (DEBUG off, its own process): a mistyped
address shows Sinergi's own not-found page in Indonesian, in the site layout with its styles,
and never Django's technical page listing the URL patterns."""

import pytest

from tests.browser.support import SCREENSHOTS, fresh_page
from tests.product_server import product_server

pytestmark = [pytest.mark.browser]


@pytest.fixture(scope="module")
def product(tmp_path_factory):
    with product_server(tmp_path_factory.mktemp("product")) as url:
        yield url


def test_a_mistyped_address_shows_sinergis_own_not_found_page(browser, product):  # noqa: F811
    page = fresh_page(browser, 1366, 800)
    response = page.goto(product + "/progams/")
    assert response.status == 404
    assert page.locator("html").get_attribute("lang") == "id"
    assert page.get_by_role("heading", name="Halaman tidak ditemukan").is_visible()
    assert page.get_by_role("link", name="Kembali ke beranda").is_visible()
    text = page.content()
    assert "URLconf" not in text and "DEBUG = True" not in text  # not Django's debug page
    # The layout's styles come through WhiteNoise under their hashed (long-cached) names.
    assert page.locator("link[rel=stylesheet][href*='bootstrap.min.']").count() == 1
    navbar = page.locator("nav.navbar")
    assert navbar.evaluate("element => getComputedStyle(element).display") == "flex"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "not_found_product.png")
    page.context.close()


def test_the_product_serves_hashed_static_files_and_json_errors_under_the_api(product):
    import json
    import re
    import urllib.error
    import urllib.request

    login = urllib.request.urlopen(product + "/accounts/login/").read().decode()  # noqa: S310
    css = re.search(r'href="(/static/sinergi/sinergi\.[0-9a-f]{12}\.css)"', login)
    assert css, "the stylesheet is not under its hashed name"
    static = urllib.request.urlopen(product + css.group(1))  # noqa: S310
    assert "immutable" in static.headers["Cache-Control"]
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(product + "/api/no-such-endpoint/")  # noqa: S310
    assert missing.value.code == 404
    assert missing.value.headers["Content-Type"] == "application/json"
    body = json.loads(missing.value.read())
    assert body["code"] == "not_found" and body["message"].startswith("Tidak ada titik akhir API")
