"""Fixtures of the real-browser tests: one chromium per module; the live site with the demo."""

import os

import pytest

from tests.browser.support import CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("SINERGI_REQUIRE_BROWSER"):
            pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium); CI requires it")
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        # Playwright runs an event loop in the test thread; the ORM calls there are synchronous.
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(live_server):
    """The live server with NTB and the demo (transactional tests start from an empty database)."""
    from sinergi.programs.demo import load_demo
    from sinergi.testing import load_ntb, reseed

    reseed()
    load_ntb()
    load_demo()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return live_server.url
