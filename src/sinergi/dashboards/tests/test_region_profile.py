"""The region profile (`/regions/<code>/profile/`): every level, every persona, through the gate,
printable, with honest figures, and the PDF in the same sections."""

import datetime
import re

import pytest
from django.urls import reverse

from sinergi.indicators.models import Indicator, Target
from sinergi.indicators.services import save_value
from sinergi.meetings.models import ActionItem, Meeting
from sinergi.organizations.models import Organization
from sinergi.programs.models import Program
from sinergi.testing import pdf_text

pytestmark = pytest.mark.django_db

SECTIONS = [
    "profile-place",
    "profile-indicators",
    "profile-programs",
    "profile-organizations",
    "profile-meetings",
    "profile-followups",
]
ANCESTORS = {
    "52": [],
    "52.03": ["52"],
    "52.03.05": ["52", "52.03"],
    "52.03.05.2001": ["52", "52.03", "52.03.05"],
}
PERSONAS = [None, "viewer.lobar", "operator.lotim", "koordinator.ntb"]
LOTIM_PROGRAM = "Gerakan Dasawisma Lombok Timur"
LOTIM_FOLLOW_UP = "Data Dasawisma Kecamatan Masbagik"


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def lotim(demo):
    """A program, a meeting and a follow-up of TP PKK Kab. Lombok Timur, in Masbagik."""
    team = Organization.objects.get(slug="tp-pkk-52-03")
    program = Program.objects.create(name=LOTIM_PROGRAM, fiscal_year=2024, owner=team)
    program.focus_regions.set(["52.03.05"])
    meeting = Meeting.objects.create(
        title="Rapat Pokja I Masbagik", date=datetime.date(2024, 5, 2), region_id="52.03.05",
        organiser=team, place="Kantor Camat Masbagik",
    )  # fmt: skip
    ActionItem.objects.create(
        meeting=meeting, what=LOTIM_FOLLOW_UP, responsible_organization=team,
        due_date=datetime.date(2024, 6, 30),
    )  # fmt: skip
    return program


@pytest.mark.parametrize("who", PERSONAS)
@pytest.mark.parametrize("code", ["52", "52.03", "52.03.05", "52.03.05.2001"])
def test_every_level_as_every_persona(client, lotim, persona, who, code):
    if who:
        client.force_login(persona(who))
    response = client.get(reverse("dashboards:region_profile", args=[code]))
    assert response.status_code == 200
    html = response.text
    positions = [html.index(f'id="{section}"') for section in SECTIONS]
    assert positions == sorted(positions)  # every section, in the PDF's order
    # The parent chain and the areas below link to their profiles.
    for ancestor in ANCESTORS[code]:
        assert f'href="/regions/{ancestor}/profile/"' in html
    has_children = code != "52.03.05.2001"
    assert ('id="profile-areas"' in html) == has_children
    if has_children:
        child = {"52": "52.03", "52.03": "52.03.05", "52.03.05": "52.03.05.2001"}[code]
        assert f'href="/regions/{child}/profile/"' in html
    text = text_of(html)
    sees_lotim = who in ("operator.lotim", "koordinator.ntb")
    assert (LOTIM_PROGRAM in text) == sees_lotim  # the gate: viewer.lobar and visitors do not
    assert (LOTIM_FOLLOW_UP in text) == (sees_lotim and code != "52.03.05.2001")
    if who is None:
        assert "Masuk untuk melihat program" in text
        assert "Masuk untuk melihat rapat" in text
        assert "Masuk untuk melihat tindak lanjut" in text
        assert not re.search(r"Program yang berjalan di sini \d", text)  # no false zero


def test_viewer_lobar_sees_lombok_timur_without_its_programs(client, lotim, persona):
    client.force_login(persona("viewer.lobar"))
    text = text_of(client.get("/regions/52.03/profile/").text)
    assert "Kabupaten Lombok Timur" in text
    assert LOTIM_PROGRAM not in text and "Rapat Pokja I Masbagik" not in text
    assert "Tidak ada rapat yang boleh Anda lihat diadakan di sini." in text
    client.force_login(persona("koordinator.ntb"))
    text = text_of(client.get("/regions/52.03/profile/").text)
    assert LOTIM_PROGRAM in text and "Rapat Pokja I Masbagik" in text
    assert "TP PKK Kabupaten Lombok Timur · 1 program di sini" in text
    assert "terlambat" in text  # the follow-up was due on 30 June 2024


def test_the_region_page_links_its_profile(client, demo):
    html = client.get("/regions/52.03/").text
    assert 'href="/regions/52.03/profile/"' in html


def test_printable_the_print_stylesheet_is_linked_and_served(client, demo):
    html = client.get("/regions/52.03/profile/").text
    link = re.search(
        r'<link rel="stylesheet" href="(/static/[^"]*print\.css)" media="print">', html
    )
    assert link, "print.css linked for print"
    served = client.get(link.group(1))
    assert served.status_code == 200
    css = (b"".join(served.streaming_content) if served.streaming else served.content).decode()
    assert ".navbar" in css and ".region-profile" in css
    script = re.search(r'<script src="(/static/[^"]*print\.js)"></script>', html)
    assert script and client.get(script.group(1)).status_code == 200
    assert "data-print" in html and "onclick" not in html  # no inline handler (CSP)


def test_a_partial_figure_is_marked_and_not_judged_against_the_target(client, demo):
    count = Indicator.objects.create(code="kader_dasawisma", name="Kader Dasawisma", is_key=True)
    Target.objects.create(indicator=count, region_id="52", period="2024", value=1000)
    save_value(count, "52.01", "2024", 400)  # one of ten regencies: the province is partial
    html = client.get("/regions/52/profile/").text
    row = re.search(r'<tr class="figure-partial" data-basis="partial">(.*?)</tr>', html, re.S)
    assert row, "the partial row is marked"
    text = text_of(row.group(1))
    assert "Kader Dasawisma" in text and "400" in text and "sebagian" in text
    assert "tidak dibandingkan dengan target" in text
    assert 'role="progressbar"' not in row.group(1)  # no achievement bar for a partial figure
    save_value(count, "52", "2024", 950)  # reported for the province: judged against its target
    html = client.get("/regions/52/profile/").text
    table = html[html.index('id="profile-figures"') :]
    row = next(row for row in table.split("<tr") if "kader_dasawisma" in row)
    assert 'data-basis="reported"' in row and "figure-partial" not in row
    assert "95,0 %" in text_of(row) and 'role="progressbar"' in row


def test_the_pdf_has_the_web_pages_sections_through_the_gate(client, lotim, persona):
    url = reverse("dashboards:region_profile_pdf", args=["52.03"])
    headings = [
        "Letak wilayah",
        "Indikator utama terhadap target",
        "Program yang berjalan di sini",
        "Lembaga yang aktif di sini",
        "Rapat yang diadakan di sini",
        "Tindak lanjut terbuka",
        "Wilayah di bawahnya",
    ]
    client.force_login(persona("koordinator.ntb"))
    text = pdf_text(client.get(url))
    positions = [text.index(heading) for heading in headings]
    assert positions == sorted(positions)
    assert LOTIM_PROGRAM in text and "Rapat Pokja I Masbagik" in text and LOTIM_FOLLOW_UP in text
    client.force_login(persona("viewer.lobar"))
    text = pdf_text(client.get(url))
    assert LOTIM_PROGRAM not in text and LOTIM_FOLLOW_UP not in text
    client.logout()
    text = pdf_text(client.get(url))
    assert "Masuk untuk melihat bagian ini." in text and LOTIM_PROGRAM not in text


def test_query_count_does_not_grow_with_the_rows(client, lotim, persona):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(persona("koordinator.ntb"))

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get("/regions/52.03/profile/").status_code == 200
        return len(context.captured_queries)

    before = queries()
    team = Organization.objects.get(slug="tp-pkk-52-03")
    meeting = Meeting.objects.get(title="Rapat Pokja I Masbagik")
    for n in range(5):
        program = Program.objects.create(name=f"Program {n}", fiscal_year=2024, owner=team)
        program.focus_regions.set(["52.03.01"])
        ActionItem.objects.create(meeting=meeting, what=f"Tugas {n}", responsible_organization=team)
    assert queries() == before <= 25
