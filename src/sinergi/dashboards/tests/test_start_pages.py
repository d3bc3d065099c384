"""Beranda by role: each persona gets its parts and not the others'; a visitor never reads a false
zero; the cached body follows follow-ups, approvals and the date."""

import datetime
import re

import pytest
from django.utils import timezone

from sinergi.dashboards import services
from sinergi.indicators.approvals import act
from sinergi.indicators.models import Approval, EditWindow, Indicator
from sinergi.indicators.services import save_value
from sinergi.meetings.models import ActionItem, Meeting
from sinergi.organizations.models import Organization
from sinergi.testing import make_user

pytestmark = pytest.mark.django_db

PARTS = {  # the id of each part of Beranda
    "leader": 'id="home-leader"',
    "approvals": 'id="home-approvals"',
    "operator": 'id="home-operator-',
}


def parts_of(html: str) -> set[str]:
    return {part for part, marker in PARTS.items() if marker in html}


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def follow_up(org_slug: str, what: str, due: datetime.date | None, region: str = "52.03"):
    org = Organization.objects.get(slug=org_slug)
    meeting = Meeting.objects.create(
        title=f"Rapat {what}", date=datetime.date(2024, 3, 1), region_id=region, organiser=org
    )
    return ActionItem.objects.create(
        meeting=meeting, what=what, responsible_organization=org, due_date=due
    )


def this_year() -> str:
    return str(timezone.localdate().year)


def test_operator_sees_its_region_what_is_due_and_its_follow_ups(client, demo, persona):
    operator = persona("operator.lotim")
    level = Indicator.objects.get(code="destana_level")
    save_value(level, "52.03.05.2001", this_year(), 1)  # one village of Masbagik has entered
    follow_up("tp-pkk-52-03", "Kumpulkan data Dasawisma Lotim", timezone.localdate())
    follow_up("tp-pkk-52-01", "Kumpulkan data Dasawisma Lobar", timezone.localdate(), "52.01")
    client.force_login(operator)
    html = client.get("/").text
    assert parts_of(html) == {"operator"}
    text = text_of(html)
    assert "Kabupaten Lombok Timur" in text
    assert "Yang harus Anda isi periode ini" in text and 'id="due-rule"' in html
    # Masbagik: 9 of its 10 villages without a value; the others all of theirs.
    assert "Masbagik 9 dari 10" in text
    assert "Keruak" in text and "15 dari 15" in text
    assert f"/indicators/destana_level/entry/?region=52.03.05&amp;period={this_year()}" in html
    assert "253 desa/kelurahan belum diisi, di 21 kecamatan" in text
    assert "Tindak lanjut terbuka TP PKK Kabupaten Lombok Timur" in text
    assert "Kumpulkan data Dasawisma Lotim" in text
    assert "Kumpulkan data Dasawisma Lobar" not in text  # another organisation's


def test_due_follows_edit_windows_and_approvals(client, demo, persona):
    """The period open for entry is the edit window's; approved kecamatan are not due."""
    level = Indicator.objects.get(code="destana_level")
    today = timezone.localdate()
    EditWindow.objects.create(
        indicator=level,
        period="2025",
        opens=today - datetime.timedelta(days=3),
        closes=today + datetime.timedelta(days=3),
    )
    act("approve", level, [("52.03.05", "2025")], persona("koordinator.ntb"))
    client.force_login(persona("operator.lotim"))
    html = client.get("/").text
    assert "/indicators/destana_level/entry/?region=52.03.01&amp;period=2025" in html
    assert f"period={this_year()}" not in html  # the window, not the current year
    assert "region=52.03.05&amp;" not in html  # Masbagik is approved: locked, not due
    assert "244 desa/kelurahan belum diisi, di 20 kecamatan" in text_of(html)


def test_nothing_due_says_so(client, demo, persona):
    level = Indicator.objects.get(code="destana_level")
    EditWindow.objects.create(
        indicator=level,
        period="2024",
        opens=datetime.date(2024, 1, 1),
        closes=datetime.date(2024, 3, 31),
    )  # closed: nothing can be entered now
    client.force_login(persona("operator.lotim"))
    text = text_of(client.get("/").text)
    assert "Tidak ada yang harus diisi" in text


def test_coordinator_sees_what_waits_for_approval_and_overdue_follow_ups(client, demo, persona):
    level = Indicator.objects.get(code="destana_level")
    act("submit", level, [("52.03.05", "2025")], persona("operator.lotim"))
    client.force_login(persona("koordinator.ntb"))
    html = client.get("/").text
    assert parts_of(html) == {"leader", "approvals"}
    text = text_of(html)
    assert "1 pengajuan data menunggu persetujuan di wilayah Anda." in text
    row = text[text.index("Menunggu persetujuan Anda") :]
    assert "Tingkat Desa/Kelurahan Tangguh Bencana (Destana)" in row
    assert "Kecamatan Masbagik" in row and "2025" in row and "operator.lotim" in row
    assert "/indicators/destana_level/approvals/?region=52.03&amp;period=2025" in html
    # The founding meeting's follow-up was due on 31 December 2023 and is still open.
    assert "Tindak lanjut yang terlambat" in text and "1 terlambat" in text
    assert "Membentuk sisa Destana" in text
    assert "/meetings/followups/?overdue=true" in html
    assert client.get("/meetings/followups/?overdue=true").context["overdue_count"] == 1


def test_viewer_and_admin_get_the_leaders_page(client, demo, persona):
    client.force_login(persona("viewer.lobar"))
    assert parts_of(client.get("/").text) == {"leader"}  # a viewer approves nothing
    client.force_login(persona("admin"))
    assert parts_of(client.get("/").text) == {"leader", "approvals"}


def test_a_visitor_never_reads_a_false_zero(client, demo):
    html = client.get("/").text
    assert parts_of(html) == {"leader"}
    text = text_of(html)
    assert "Masuk untuk melihat program" in text
    assert "Masuk untuk melihat kolaborasi" in text
    assert "Masuk untuk melihat rapat dan tindak lanjut" in text
    assert not re.search(r"\b0 (program|kolaborasi)", text)
    assert "program tahun" not in text
    assert "Membentuk sisa Destana" not in text and "1 terlambat" not in text
    assert "Tidak ada program yang tercatat" not in text
    # What is public is there: the Destana figure against its target.
    assert "434" in text and "567" in text


def test_a_user_without_a_role_is_told_so_not_shown_zero(client, demo):
    client.force_login(make_user("tanpa.peran"))
    text = text_of(client.get("/").text)
    assert "Akun Anda belum punya peran" in text
    assert not re.search(r"\b0 (program|kolaborasi)", text)


def from_cache(client, monkeypatch) -> str:
    """The page, asserting that its body came from the cache (nothing was computed)."""

    def computed(*args):
        raise AssertionError("the body was computed, not read from the cache")

    with monkeypatch.context() as patch:
        patch.setattr(services, "home_context", computed)
        return text_of(client.get("/").text)


def test_the_cached_page_shows_a_follow_up_made_overdue(client, demo, persona, monkeypatch):
    client.force_login(persona("koordinator.ntb"))
    today = timezone.localdate()
    item = follow_up(
        "tp-pkk-52-03", "Laporan Posyandu Keluarga", today + datetime.timedelta(days=2)
    )
    assert "1 terlambat" in text_of(client.get("/").text)
    assert "1 terlambat" in from_cache(client, monkeypatch)
    item.due_date = today - datetime.timedelta(days=1)  # a change of data: made overdue
    item.save()
    text = text_of(client.get("/").text)
    assert "2 terlambat" in text and "Laporan Posyandu Keluarga" in text
    # Nothing changes but the date: two days later, another follow-up has become overdue.
    follow_up("tp-pkk-52-03", "Sosialisasi Destana Sembalun", today + datetime.timedelta(days=1))
    assert "2 terlambat" in text_of(client.get("/").text)
    assert "2 terlambat" in from_cache(client, monkeypatch)  # cached for today
    monkeypatch.setattr(timezone, "localdate", lambda *args: today + datetime.timedelta(days=2))
    text = text_of(client.get("/").text)
    assert "3 terlambat" in text and "Sosialisasi Destana Sembalun" in text


def test_the_cached_page_shows_a_submission_on_the_next_load(client, demo, persona):
    client.force_login(persona("koordinator.ntb"))
    assert "Tidak ada yang menunggu persetujuan Anda." in text_of(client.get("/").text)
    level = Indicator.objects.get(code="destana_level")
    act("submit", level, [("52.03.07", "2025")], persona("operator.lotim"))
    text = text_of(client.get("/").text)
    assert "1 pengajuan data menunggu persetujuan" in text and "Kecamatan Selong" in text
    act("approve", level, [("52.03.07", "2025")], persona("koordinator.ntb"))
    assert Approval.objects.get(region_id="52.03.07").state == "approved"
    assert "Tidak ada yang menunggu persetujuan Anda." in text_of(client.get("/").text)


def test_the_operators_page_follows_a_value_entered(client, demo, persona):
    client.force_login(persona("operator.lotim"))
    assert "254 desa/kelurahan belum diisi" in text_of(client.get("/").text)
    save_value(Indicator.objects.get(code="destana_level"), "52.03.15.2001", this_year(), 0)
    assert "253 desa/kelurahan belum diisi" in text_of(client.get("/").text)  # 0 is a value


def test_the_operators_page_takes_a_bounded_number_of_queries(
    client, demo, persona, django_assert_max_num_queries
):
    client.force_login(persona("operator.lotim"))
    for n in range(5):
        follow_up("tp-pkk-52-03", f"Tugas {n}", timezone.localdate())
    # 21 kecamatan due, 5 follow-ups, the "record levels" card: no query per row
    with django_assert_max_num_queries(31):
        text = text_of(client.get("/").text)
    assert "Tugas 4" in text and "Lenek" in text


def test_the_cached_page_shows_a_new_program_on_the_next_load(client, demo, persona, monkeypatch):
    from sinergi.programs.models import Program

    client.force_login(persona("koordinator.ntb"))
    assert "5 program tahun 2023" in text_of(client.get("/").text)
    assert "5 program tahun 2023" in from_cache(client, monkeypatch)
    Program.objects.create(
        name="Gerakan Posyandu Keluarga",
        fiscal_year=2023,
        owner=Organization.objects.get(slug="tp-pkk-52"),
    )
    text = text_of(client.get("/").text)
    assert "6 program tahun 2023" in text and "Gerakan Posyandu Keluarga" in text
