import datetime
import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.utils.translation import override

from sinergi.extraction.models import IngestDraft
from sinergi.extraction.readers import UnreadableFile, read_text
from sinergi.extraction.services import Review, analyse, confirm, save_draft
from sinergi.indicators.models import DataValue, Indicator, Target
from sinergi.meetings.models import ActionItem, Meeting
from sinergi.organizations.models import Organization
from sinergi.testing import make_persona

pytestmark = pytest.mark.django_db
TEXTS = Path(__file__).parent / "texts"
LOTIM = TEXTS / "sosialisasi-destana-lotim.txt"


def run_ingest(*args):
    out = io.StringIO()
    call_command("ingest", *args, stdout=out)
    return out.getvalue()


def test_ingest_json_contract_and_nothing_saved():
    result = json.loads(run_ingest(str(LOTIM), "--json"))
    assert set(result) >= {
        "meeting", "organizations", "people", "regions", "quantities", "programs", "agreements"
    }  # fmt: skip
    assert set(result["meeting"]) >= {"date", "place", "topic"}
    region = next(r for r in result["regions"] if r["code"] == "52.03")
    assert region["name"] == "Kabupaten Lombok Timur" and region["level"] == "regency"
    assert all({"value", "unit", "meaning", "subject", "text", "spans"} <= set(q)
               for q in result["quantities"])  # fmt: skip
    # The BPBD of Lombok Timur is not the province's BPBD; the TP PKK team is matched.
    assert IngestDraft.objects.count() == 0 and Meeting.objects.count() == 0


def test_ingest_matches_existing_organisations(demo):
    result = analyse("Ketua TP PKK Kabupaten Lombok Timur, Hj. Siti Aminah, bersama BPBD NTB.")
    matched = {o["name"]: o["matched_id"] for o in result["organizations"]}
    assert (
        matched["TP PKK Kabupaten Lombok Timur"] == Organization.objects.get(slug="tp-pkk-52-03").pk
    )
    assert matched["BPBD NTB"] == Organization.objects.get(slug="bpbd-ntb").pk


def test_ingest_reads_standard_input_and_saves_a_draft(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(LOTIM.read_text()))
    out = run_ingest("-", "--save", "--user", make_persona("operator.lotim").username)
    draft = IngestDraft.objects.get()
    assert f"#{draft.pk}" in out and draft.status == "draft" and draft.region_id == "52.03"
    assert Meeting.objects.count() == 0  # a draft is not a meeting


def test_ingest_save_refuses_a_region_outside_the_users_scope():
    make_persona("viewer.lobar")
    with override("en"), pytest.raises(CommandError, match="may not"):
        run_ingest(str(LOTIM), "--save", "--user", "viewer.lobar")
    assert IngestDraft.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("notulen.txt", b"", "empty"),
        ("notulen.xlsx", b"PK\x03\x04", ".xlsx"),
        ("notulen.docx", b"not a zip", "Word"),
        ("notulen.pdf", b"%PDF-1.4 broken", "PDF"),
        ("notulen.txt", b"\x00\x01\x02", "not a text"),
    ],
)
def test_unreadable_files_get_a_clear_message(name, data, message):
    with override("en"), pytest.raises(UnreadableFile, match=message):
        read_text(name, data)


def test_ingest_command_names_a_bad_file(tmp_path):
    bad = tmp_path / "rapat.docx"
    bad.write_bytes(b"hello")
    with override("en"), pytest.raises(CommandError, match="rapat.docx: .*Word"):
        run_ingest(str(bad))


def docx_bytes(paragraphs):
    body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{p}</w:t></w:r></w:p>' for p in paragraphs)
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats'
        f'.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", xml)
    return buffer.getvalue()


def pdf_bytes(line):
    """A one-page PDF with one line of text, written by hand (no PDF library needed)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({line}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def test_docx_and_pdf_are_read():
    docx = read_text("notulen.docx", docx_bytes(["Rapat pada Senin, 8 Juli 2024.", "Baris dua."]))
    assert docx == "Rapat pada Senin, 8 Juli 2024.\nBaris dua."
    pdf = read_text("notulen.pdf", pdf_bytes("Sebanyak 601 peserta hadir di Kota Mataram."))
    assert "601 peserta" in pdf
    assert analyse(pdf)["quantities"][0]["value"] == 601


def lotim_review(draft, **changes):
    destana = Indicator.objects.get(code="destana_formed")
    bpbd = {"id": None, "name": "BPBD Kabupaten Lombok Timur", "acronym": "BPBD",
            "region": "52.03"}  # fmt: skip
    review = Review(
        title="Sosialisasi Destana di Sembalun",
        date=datetime.date(2024, 5, 21),
        region="52.03",
        organiser=Organization.objects.get(slug="tp-pkk-52-03").pk,
        place="Desa Sembalun Lawang",
        organizations=[bpbd],
        people=[
            {
                "name": "Lalu Muhammad Syaifuddin",
                "honorific": "",
                "degrees": "",
                "position": "Kalak BPBD Lombok Timur",
                "organization": 0,
            }
        ],  # fmt: skip
        quantities=[
            {
                "indicator": destana.pk,
                "meaning": "achievement",
                "value": 52,
                "region": "52.03",
                "period": "2024",
            },
            {
                "indicator": destana.pk,
                "meaning": "target",
                "value": 80,
                "region": "52.03",
                "period": "2024",
            },
        ],  # fmt: skip
        agreements=[
            {
                "text": "Kepala desa menyiapkan jalur evakuasi.",
                "organizations": [0],
                "regions": ["52.03.15"],
                "responsible": 0,
                "due_date": datetime.date(2024, 7, 21),
            }
        ],  # fmt: skip
    )
    for name, value in changes.items():
        setattr(review, name, value)
    return review


def test_confirm_creates_the_meeting_and_indicator_data_with_meeting_provenance():
    draft = save_draft(LOTIM.read_text())
    meeting = confirm(draft, lotim_review(draft))
    assert meeting.source_text == LOTIM.read_text()
    assert meeting.participants.count() == 2  # host team and the new BPBD
    assert meeting.participants.get(person__name="Lalu Muhammad Syaifuddin")
    item = ActionItem.objects.get()
    assert item.responsible_organization.name == "BPBD Kabupaten Lombok Timur"
    assert list(item.agreement.regions.values_list("code", flat=True)) == ["52.03.15"]
    value = DataValue.objects.get(indicator__code="destana_formed", region="52.03", period="2024")
    assert value.value == 52 and value.source_kind == "meeting"
    assert Target.objects.get(indicator__code="destana_formed", region="52.03").value == 80
    draft.refresh_from_db()
    assert draft.status == "confirmed" and draft.meeting == meeting
    with override("en"), pytest.raises(ValidationError, match="already"):
        confirm(draft, lotim_review(draft))


def test_confirm_is_all_or_nothing_through_the_gate():
    operator = make_persona("operator.lotim")
    draft = save_draft(LOTIM.read_text(), operator)
    # An operator adds no organisation other than its own: nothing at all is written.
    with override("en"), pytest.raises(PermissionDenied, match="organisation BPBD"):
        confirm(draft, lotim_review(draft), operator)
    own_team = [{"id": Organization.objects.get(slug="tp-pkk-52-03").pk}]
    # Operators record meetings and values but may not set targets: nothing at all is written.
    with override("en"), pytest.raises(PermissionDenied, match="targets"):
        confirm(draft, lotim_review(draft, organizations=own_team), operator)
    assert Meeting.objects.count() == 0 and DataValue.objects.count() == 0
    assert not Organization.objects.filter(name="BPBD Kabupaten Lombok Timur").exists()
    draft.refresh_from_db()
    assert draft.status == "draft"
    review = lotim_review(draft, organizations=own_team)
    review.quantities = review.quantities[:1]
    meeting = confirm(draft, review, operator)
    assert meeting.region_id == "52.03" and DataValue.objects.get().created_by == operator


def test_demo_records_the_founding_meeting_through_extraction(demo):
    from sinergi.extraction.demo import SOURCE, load_meeting

    meeting = Meeting.objects.get()
    draft = IngestDraft.objects.get()
    assert draft.status == "confirmed" and draft.meeting == meeting
    assert meeting.source_text == draft.text and meeting.source_url == SOURCE
    assert meeting.place == "Pendopo Gubernur NTB"
    speakers = dict(meeting.participants.values_list("organization__slug", "person__name"))
    assert speakers == {
        "tp-pkk-52": "Lale Prayatni",
        "dpmpd-dukcapil-ntb": "Ahmad Nur Aulia",
        "bpbd-ntb": "Ruslan Abdul Gani",
        "bpkad-ntb": None,
    }
    destana = DataValue.objects.get(indicator__code="destana_formed", region="52", period="2023")
    assert destana.value == 434 and destana.source_kind == "meeting"
    assert (
        Target.objects.get(indicator__code="destana_formed", region="52", period="2023").value
        == 567
    )
    assert load_meeting() == meeting  # idempotent
    assert Meeting.objects.count() == 1 and IngestDraft.objects.count() == 1


def test_programs_are_matched_to_the_theme_taxonomy_and_to_programs(demo):
    from sinergi.extraction.demo import MINUTES
    from sinergi.programs.models import Program, Theme

    result = analyse(MINUTES.read_text())
    themes = {p["theme"] for p in result["programs"]} - {None}
    assert themes <= set(Theme.objects.values_list("code", flat=True))
    assert {"penanganan-stunting", "adminduk", "pencegahan-perkawinan-anak"} <= themes
    matched = {
        p["name"]: Program.objects.get(pk=p["matched_id"]).name
        for p in result["programs"]
        if p["matched_id"]
    }
    assert matched, result["programs"]
    for topic, program in matched.items():
        assert set(topic.lower().split()) & set(program.lower().split()), (topic, program)


def test_demo_agreements_concern_the_programs(demo):
    destana = Meeting.objects.get().agreements.get(text__contains="Destana")
    assert destana.programs.filter(name__contains="Destana").exists()


def test_confirm_writes_no_follow_up_or_position_for_an_organisation_out_of_scope():
    """Issue 13, finding 2: only the meeting used to be checked against the gate."""
    from sinergi.organizations.models import Position

    operator = make_persona("operator.lotim")
    draft = save_draft(LOTIM.read_text(), operator)
    lobar_team = Organization.objects.get(slug="tp-pkk-52-01")
    own_team = {"id": Organization.objects.get(slug="tp-pkk-52-03").pk}
    follow_up = lotim_review(draft, organizations=[own_team, {"id": lobar_team.pk}], people=[])
    follow_up.quantities = []
    follow_up.agreements[0]["responsible"] = 1
    with override("en"), pytest.raises(PermissionDenied, match="Lombok Barat"):
        confirm(draft, follow_up, operator)
    position = lotim_review(draft, organizations=[own_team, {"id": lobar_team.pk}])
    position.quantities, position.agreements = [], []
    position.people[0]["organization"] = 1
    with override("en"), pytest.raises(PermissionDenied, match="Lombok Barat"):
        confirm(draft, position, operator)
    assert Meeting.objects.count() == 0 and ActionItem.objects.count() == 0
    assert not Position.objects.filter(organization=lobar_team).exists()
    draft.refresh_from_db()
    assert draft.status == "draft"
    position.people[0]["organization"] = 0  # at its own team: recorded
    meeting = confirm(draft, position, operator)
    assert Position.objects.filter(organization__slug="tp-pkk-52-03").exists() and meeting.pk
