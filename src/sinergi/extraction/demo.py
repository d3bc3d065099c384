"""The founding meeting of 3 February 2023, recorded the way a person records one: our own
minutes of it (facts from https://dpmpddukcapil.ntbprov.go.id/?p=116) read by the extraction,
reviewed (the choices below are the reviewer's) and confirmed."""

import datetime
from pathlib import Path

from django.db import transaction

from sinergi.extraction.services import Review, analyse, confirm, save_draft
from sinergi.indicators.models import Indicator
from sinergi.meetings.models import Meeting
from sinergi.organizations.models import Organization
from sinergi.programs.models import Program

SOURCE = "https://dpmpddukcapil.ntbprov.go.id/?p=116"
MINUTES = Path(__file__).resolve().parent / "data" / "founding-minutes.txt"
TITLE = "Sinergi dan kolaborasi program kerja TP PKK Provinsi NTB dengan OPD"
DATE = datetime.date(2023, 2, 3)
SUMMARY = (
    "TP PKK Provinsi NTB membahas program kerja 2023 bersama DPMPD Dukcapil, BPBD dan BPKAD "
    "Provinsi NTB: prioritas daerah (pelayanan publik, penanggulangan kemiskinan, penanganan "
    "stunting), kapasitas aparatur desa/kelurahan dan LKD, pemberdayaan usaha ekonomi masyarakat, "
    "pelayanan Adminduk, penanganan kebencanaan (Destana: target 567, terbentuk 434) dan "
    "pencegahan perkawinan usia dini."
)
PARTICIPANTS = ["tp-pkk-52", "dpmpd-dukcapil-ntb", "bpbd-ntb", "bpkad-ntb"]
FOCUS = ["52.71", "52.03", "52.07"]


class DemoTextError(RuntimeError):
    """The demo minutes no longer read as the reviewer expects: the extraction changed."""


@transaction.atomic
def load_meeting() -> Meeting:
    """Record the meeting (after `programs.demo.load_demo`). Idempotent."""
    existing = Meeting.objects.filter(title=TITLE, date=DATE).first()
    if existing:
        return existing
    text = MINUTES.read_text(encoding="utf-8")
    result = analyse(text)
    draft = save_draft(
        text, None, region="52", source_url=SOURCE, file_name=MINUTES.name, result=result
    )
    slugs = dict(Organization.objects.filter(slug__in=PARTICIPANTS).values_list("pk", "slug"))
    # The reviewer keeps the four bodies at the table; "Pemerintah Provinsi NTB" is context.
    kept = [o for o in result["organizations"] if o["matched_id"] in slugs]
    index = {slugs[o["matched_id"]]: i for i, o in enumerate(kept)}
    if sorted(index) != sorted(PARTICIPANTS):
        raise DemoTextError(f"organisations read from the minutes: {result['organizations']}")
    by_name = {o["name"]: i for i, o in enumerate(kept)}
    people = [{**p, "organization": by_name.get(p["organization"])} for p in result["people"]]
    destana = Indicator.objects.get(code="destana_formed")
    quantities = [
        {"indicator": destana.pk, "meaning": q["meaning"], "value": q["value"], "region": "52",
         "period": "2023"}
        for q in result["quantities"]
        if q["meaning"] in ("target", "achievement") and q["indicator_id"] == destana.pk
    ]  # fmt: skip
    if sorted((q["meaning"], q["value"]) for q in quantities) != [
        ("achievement", 434),
        ("target", 567),
    ]:
        raise DemoTextError(f"figures read from the minutes: {result['quantities']}")
    agreements = result["agreements"]
    if len(agreements) != 2:
        raise DemoTextError(f"agreements read from the minutes: {agreements}")
    programs = Program.objects.filter(fiscal_year=2023)
    review = Review(
        title=TITLE,
        date=datetime.date.fromisoformat(result["meeting"]["date"]),
        region="52",
        organiser=Organization.objects.get(slug="tp-pkk-52").pk,
        place=result["meeting"]["place"] or "",
        summary=SUMMARY,
        source_url=SOURCE,
        organizations=[{"id": o["matched_id"]} for o in kept],
        people=people,
        quantities=quantities,
        agreements=[
            {
                "text": agreements[0]["text"],
                "organizations": [index["tp-pkk-52"], index["dpmpd-dukcapil-ntb"]],
                "programs": list(programs.values_list("pk", flat=True)),
                "responsible": index["tp-pkk-52"],
                "person": "Lale Prayatni",
                "what": "Menggerakkan TP PKK Kab/Kota, Kecamatan dan Desa/Kelurahan untuk "
                "berkolaborasi dengan pemerintah daerah dalam program 2023.",
            },
            {
                "text": agreements[1]["text"],
                "organizations": [index["bpbd-ntb"], index["tp-pkk-52"]],
                "regions": FOCUS,
                "programs": list(
                    programs.filter(name__contains="Destana").values_list("pk", flat=True)
                ),
                "responsible": index["bpbd-ntb"],
                "person": "Ruslan Abdul Gani",
                "what": "Membentuk sisa Destana di Kota Mataram, Kabupaten Lombok Timur dan "
                "Kabupaten Sumbawa Barat bersama TP PKK.",
                "due_date": datetime.date(2023, 12, 31),  # "tahun ini"
            },
        ],
    )
    return confirm(draft, review)
