"""Shared test helpers: the real NTB region tree, personas and a page crawler.

Outside the layered apps (README, "Layout"): they load regions, organisations and users, so they
cannot sit in `core`, which imports no app. Only tests import this module."""

import csv

from sinergi.organizations.services import ensure_tp_pkk_teams
from sinergi.regions.services import NTB_FILE, load_regions, read_region_rows

PASSWORD = "test-pass-9271"  # noqa: S105


def load_ntb() -> None:
    """The real NTB tree (1,294 areas) and its TP PKK teams."""
    load_regions(read_region_rows(NTB_FILE))
    ensure_tp_pkk_teams()


SEED_MIGRATIONS = [
    "sinergi.programs.migrations.0002_seed_themes",
    "sinergi.indicators.migrations.0002_destana",
    "sinergi.indicators.migrations.0007_destana_counts_by_level",
]


def reseed() -> None:
    """Put back what data migrations seed; transactional tests flush every table."""
    import importlib

    from django.apps import apps

    for module in SEED_MIGRATIONS:
        importlib.import_module(module).seed(apps, None)


def make_user(username: str, role: str | None = None, region: str = "52", organization=None):
    """A user, with a role assignment when `role` is given."""
    from django.contrib.auth import get_user_model

    from sinergi.accounts.models import RoleAssignment

    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    if role:
        RoleAssignment.objects.create(
            user=user, role=role, region_id=region, organization=organization
        )
    return user


def make_persona(username: str, password: str = PASSWORD):
    """A persona of the access rules (the demo users of `sinergi demo`) with its role."""
    from sinergi.accounts.demo import ensure_demo_user

    return ensure_demo_user(username, password)[0]


def pdf_text(response) -> str:
    """The text of a PDF response (asserting it is one), page by page, each page's words
    separated by single spaces: where a line wraps depends on the font, and justified lines are
    spread with wider spaces that the extraction reads as several."""
    import io

    from pypdf import PdfReader

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pages = PdfReader(io.BytesIO(response.content)).pages
    return "\n".join(" ".join(page.extract_text().split()) for page in pages)


def write_csv(path, header, rows):
    """A CSV file for an import test: the header, then the rows."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def fuzz_settings(max_examples: int = 40):
    """Hypothesis settings of the fuzz tests: bounded and derandomized, so that CI runs the same
    examples every time (hypothesis is a development dependency: imported here, not above)."""
    from hypothesis import HealthCheck, settings

    return settings(
        max_examples=max_examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
