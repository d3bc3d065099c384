"""Helpers of the real-browser tests (Debian's chromium driven by Playwright for Python); the
fixtures (`browser`, `site`) are in conftest.py. Screenshots land in var/screenshots/ so a person
can look at them."""

import os
from pathlib import Path

CHROMIUM = Path(os.environ.get("SINERGI_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
SCREENSHOTS = Path("var/screenshots")


def fresh_page(browser, width: int, height: int):
    """A page in its own context: no cookies or sessions leak between tests."""
    return browser.new_context(viewport={"width": width, "height": height}).new_page()


def sign_in(page, site, username, next_path="/"):
    from sinergi.testing import PASSWORD

    page.goto(site + "/accounts/login/?next=" + next_path)
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state()
