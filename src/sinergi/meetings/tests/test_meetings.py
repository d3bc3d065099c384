import datetime

import pytest
from django.urls import reverse

from sinergi.meetings.models import ActionItem, Meeting, ProgressNote
from sinergi.organizations.models import Organization
from sinergi.testing import make_persona, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(demo):
    return Meeting.objects.get()


def test_demo_meeting_with_agreements_and_follow_ups(meeting):
    assert meeting.date == datetime.date(2023, 2, 3) and meeting.place == "Pendopo Gubernur NTB"
    assert meeting.participants.count() == 4 and meeting.agreements.count() == 2
    destana = meeting.agreements.get(text__contains="Destana")
    assert sorted(destana.regions.values_list("code", flat=True)) == ["52.03", "52.07", "52.71"]
    assert ActionItem.objects.count() == 2


def test_overdue_follow_ups(meeting):
    overdue = ActionItem.objects.overdue(today=datetime.date(2024, 1, 1))
    assert [item.responsible_organization.slug for item in overdue] == ["bpbd-ntb"]
    assert not ActionItem.objects.overdue(today=datetime.date(2023, 6, 1)).exists()


def test_meeting_pages_in_scope(client, meeting):
    assert client.get(meeting.get_absolute_url()).status_code == 404  # meetings are not public
    client.force_login(make_persona("viewer.lobar"))  # a provincial meeting covers Lombok Barat
    page = client.get(meeting.get_absolute_url())
    assert page.status_code == 200 and "Pendopo Gubernur NTB" in page.text
    assert len(page.context["action_items"]) == 2
    listed = client.get(reverse("meetings:meeting_list")).context["table"].paginator.count
    assert listed == 1


def test_follow_up_board_marks_overdue_and_filters_by_organisation(client, meeting):
    client.force_login(make_persona("koordinator.ntb"))
    board = client.get(reverse("meetings:followups"))
    assert board.context["overdue_count"] == 1  # BPBD's Destana follow-up, due end of 2023
    assert board.context["changeable"] == set()  # coordinators read, they do not update
    assert "action_update" not in board.text and "/update/" not in board.text
    open_items = {value: items for value, _label, items in board.context["columns"]}["open"]
    assert len(open_items) == 2
    only_bpbd = client.get(reverse("meetings:followups"), {"organization": "bpbd-ntb"})
    assert sum(len(items) for _v, _l, items in only_bpbd.context["columns"]) == 1


def test_responsible_operator_updates_its_follow_up_and_others_cannot(client, meeting):
    tp_pkk_item = ActionItem.objects.get(responsible_organization__slug="tp-pkk-52")
    lotim = make_persona("operator.lotim")
    client.force_login(lotim)
    url = reverse("meetings:action_update", args=[tp_pkk_item.pk])
    assert client.post(url, {"status": "done", "note": "Selesai"}).status_code == 404
    tp_pkk_item.refresh_from_db()
    assert tp_pkk_item.status == "open" and not ProgressNote.objects.exists()
    from sinergi.testing import make_user

    province_operator = make_user(
        "operator.tppkk",
        role="operator",
        region="52",
        organization=Organization.objects.get(slug="tp-pkk-52"),
    )
    client.force_login(province_operator)
    response = client.post(
        url, {"status": "in_progress", "note": "Surat edaran ke TP PKK Kab/Kota"}
    )
    assert response.status_code == 302
    tp_pkk_item.refresh_from_db()
    assert tp_pkk_item.status == "in_progress"
    assert tp_pkk_item.notes.get().author == province_operator
    page = client.get(Organization.objects.get(slug="tp-pkk-52").get_absolute_url())
    assert "Menggerakkan TP PKK" in page.text


def test_minutes_and_follow_up_report_as_pdf(client, meeting):
    url = reverse("meetings:meeting_pdf", args=[meeting.pk])
    assert client.get(url).status_code == 302  # sign in first
    client.force_login(make_persona("viewer.lobar"))
    text = pdf_text(client.get(url))
    assert "NOTULEN RAPAT" in text and "Pendopo Gubernur NTB" in text
    assert "Ruslan Abdul Gani" in text and "Kota Mataram" in text
    report = pdf_text(client.get(reverse("meetings:followup_report", args=["bpbd-ntb"])))
    assert "LAPORAN TINDAK LANJUT" in report and "Membentuk sisa Destana" in report
    assert "terlambat" in report  # due end of 2023
    client.force_login(make_persona("operator.lotim"))
    other = Meeting.objects.create(
        title="Rapat Lombok Barat",
        date=datetime.date(2024, 1, 5),
        organiser=Organization.objects.get(slug="tp-pkk-52-01"),
        region_id="52.01",
    )
    assert client.get(reverse("meetings:meeting_pdf", args=[other.pk])).status_code == 404


def test_evidence_files_are_kept_and_served_only_in_scope(client, meeting, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    item = ActionItem.objects.get(responsible_organization__slug="tp-pkk-52")
    client.force_login(make_persona("admin"))
    url = reverse("meetings:action_update", args=[item.pk])
    bad = SimpleUploadedFile("foto.exe", b"MZ")
    client.post(url, {"status": "in_progress", "evidence": bad})
    assert not ProgressNote.objects.exists()  # refused, and the status did not change either
    item.refresh_from_db()
    assert item.status == "open"
    photo = SimpleUploadedFile("foto-kegiatan.jpg", b"\xff\xd8\xff\xe0 jpeg bytes")
    client.post(url, {"status": "in_progress", "note": "Rapat TP PKK kab/kota", "evidence": photo})
    note = ProgressNote.objects.get()
    assert note.evidence.name.endswith(".jpg") and (tmp_path / note.evidence.name).exists()
    download = client.get(reverse("meetings:evidence", args=[note.pk]))
    assert b"".join(download.streaming_content) == b"\xff\xd8\xff\xe0 jpeg bytes"
    client.force_login(make_persona("viewer.lobar"))  # reads the provincial meeting: may see it
    assert client.get(reverse("meetings:evidence", args=[note.pk])).status_code == 200
    client.logout()
    assert client.get(reverse("meetings:evidence", args=[note.pk])).status_code == 302


def test_follow_up_board_exports_what_it_shows(client, meeting):
    client.force_login(make_persona("koordinator.ntb"))
    response = client.get(reverse("meetings:followups"), {"organization": "bpbd-ntb",
                                                          "export": "csv"})  # fmt: skip
    lines = response.content.decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 2 and "Membentuk sisa Destana" in lines[1]


def test_follow_ups_do_not_name_meetings_the_user_cannot_open(client, meeting):
    secret = Meeting.objects.create(
        title="Rapat tertutup Lombok Barat",
        date=datetime.date(2024, 1, 5),
        organiser=Organization.objects.get(slug="tp-pkk-52-01"),
        region_id="52.01",
    )
    ActionItem.objects.create(
        meeting=secret,
        what="Mendata Dasawisma Lombok Timur",
        responsible_organization=Organization.objects.get(slug="tp-pkk-52-03"),
    )
    client.force_login(make_persona("operator.lotim"))
    board = client.get(reverse("meetings:followups")).content.decode()
    assert "Mendata Dasawisma Lombok Timur" in board
    assert "Rapat tertutup" not in board and "rapat di luar wilayah peran Anda" in board
    export = client.get(reverse("meetings:followups"), {"export": "csv"})
    assert "Mendata Dasawisma" in export.content.decode("utf-8-sig")
    assert "Rapat tertutup" not in export.content.decode("utf-8-sig")
    report = pdf_text(client.get(reverse("meetings:followup_report", args=["tp-pkk-52-03"])))
    assert "Mendata Dasawisma" in report and "Rapat tertutup" not in report
    client.force_login(make_persona("koordinator.ntb"))
    assert "Rapat tertutup" in client.get(reverse("meetings:followups")).content.decode()


def zipped(*names: str) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:  # a fixed date: the same bytes (and test ids) in every process
            archive.writestr(zipfile.ZipInfo(name, date_time=(2023, 2, 3, 0, 0, 0)), "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name, content, accepted",
    [("laporan.pdf", b"<html><script>alert(1)</script></html>", False),
     ("laporan.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", True),
     ("foto.png", b"\xff\xd8\xff\xe0 a jpeg named png", False),
     ("foto.png", b"\x89PNG\r\n\x1a\n rest", True),
     ("foto.webp", b"RIFF\x10\x00\x00\x00WEBPVP8 ", True),
     ("foto.webp", b"RIFF\x10\x00\x00\x00WAVEfmt ", False),
     ("notulen.docx", zipped("evil.html"), False),
     ("notulen.docx", zipped("[Content_Types].xml", "word/document.xml"), True),
     ("rekap.ods", zipped("mimetype", "content.xml"), True),
     ("rekap.xlsx", b"PK\x03\x04 not really a zip", False)],
)  # fmt: skip
def test_evidence_is_accepted_by_its_content_not_its_name(
    client, meeting, settings, tmp_path, name, content, accepted
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    item = ActionItem.objects.get(responsible_organization__slug="tp-pkk-52")
    client.force_login(make_persona("admin"))
    url = reverse("meetings:action_update", args=[item.pk])
    upload = SimpleUploadedFile(name, content)
    response = client.post(url, {"status": "in_progress", "evidence": upload}, follow=True)
    assert ProgressNote.objects.exists() == accepted
    if not accepted:
        page = response.content.decode()
        assert name in page and "bukan berkas" in page
