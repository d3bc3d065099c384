"""The founding meeting of 3 February 2023 as a meeting record with its agreements and follow-ups
(facts from https://dpmpddukcapil.ntbprov.go.id/?p=116; the summary is written in our words)."""

import datetime

from django.db import transaction

from sinergi.core.models import upsert
from sinergi.meetings.models import ActionItem, Agreement, Meeting, Participant
from sinergi.organizations.models import Organization, Person
from sinergi.programs.models import Program
from sinergi.regions.models import Region

SOURCE = "https://dpmpddukcapil.ntbprov.go.id/?p=116"
TITLE = "Sinergi dan kolaborasi program kerja TP PKK Provinsi NTB dengan OPD"
SUMMARY = (
    "TP PKK Provinsi NTB membahas program kerja 2023 bersama DPMPD Dukcapil, BPBD dan BPKAD "
    "Provinsi NTB: prioritas daerah (pelayanan publik, penanggulangan kemiskinan, penanganan "
    "stunting), kapasitas aparatur desa/kelurahan dan LKD, pemberdayaan usaha ekonomi masyarakat, "
    "pelayanan Adminduk, penanganan kebencanaan (Destana: target 567, terbentuk 434) dan "
    "pencegahan perkawinan usia dini."
)
PARTICIPANTS = [  # (organisation slug, person name or None, role)
    ("tp-pkk-52", "Lale Prayatni", "host"),
    ("dpmpd-dukcapil-ntb", "Ahmad Nur Aulia", "speaker"),
    ("bpbd-ntb", "Ruslan Abdul Gani", "speaker"),
    ("bpkad-ntb", None, "participant"),
]
FOCUS = ["52.71", "52.03", "52.07"]


@transaction.atomic
def load_meeting() -> Meeting:
    """Record the meeting (after `load_demo`). Idempotent; a second run adds no history."""
    orgs = {
        org.slug: org for org in Organization.objects.filter(slug__in=[p[0] for p in PARTICIPANTS])
    }
    meeting, _created = upsert(
        Meeting,
        title=TITLE,
        date=datetime.date(2023, 2, 3),
        defaults={
            "place": "Pendopo Gubernur NTB",
            "organiser": orgs["tp-pkk-52"],
            "region": Region.objects.get(code="52"),
            "summary": SUMMARY,
            "source_url": SOURCE,
        },
    )
    for slug, person_name, role in PARTICIPANTS:
        person = Person.objects.filter(name=person_name).first() if person_name else None
        upsert(
            Participant,
            meeting=meeting,
            organization=orgs[slug],
            person=person,
            defaults={"role": role},
        )

    programs = Program.objects.filter(fiscal_year=2023)
    mobilise, _created = upsert(
        Agreement,
        meeting=meeting,
        text="TP PKK Provinsi NTB menggerakkan pengurus TP PKK di semua jenjang (Kab/Kota, "
        "Kecamatan, Desa/Kelurahan) untuk aktif dan berkolaborasi dengan Pemerintah Daerah.",
    )
    mobilise.organizations.set([orgs["tp-pkk-52"], orgs["dpmpd-dukcapil-ntb"]])
    mobilise.programs.set(programs)
    destana, _created = upsert(
        Agreement,
        meeting=meeting,
        text="Sisa target Desa/Kelurahan Tangguh Bencana (133 dari 567) dirancang dilaksanakan "
        "tahun 2023, fokus di Kota Mataram, Kabupaten Lombok Timur dan Kabupaten Sumbawa Barat, "
        "berkolaborasi dengan TP PKK.",
    )
    destana.organizations.set([orgs["bpbd-ntb"], orgs["tp-pkk-52"]])
    destana.programs.set(programs.filter(name__contains="Destana"))
    destana.regions.set(Region.objects.filter(code__in=FOCUS))

    upsert(
        ActionItem,
        meeting=meeting,
        agreement=mobilise,
        responsible_organization=orgs["tp-pkk-52"],
        defaults={
            "what": "Menggerakkan TP PKK Kab/Kota, Kecamatan dan Desa/Kelurahan untuk "
            "berkolaborasi dengan pemerintah daerah dalam program 2023.",
            "responsible_person": Person.objects.filter(name="Lale Prayatni").first(),
        },
    )
    upsert(
        ActionItem,
        meeting=meeting,
        agreement=destana,
        responsible_organization=orgs["bpbd-ntb"],
        defaults={
            "what": "Membentuk sisa Destana di Kota Mataram, Kabupaten Lombok Timur dan Kabupaten "
            "Sumbawa Barat bersama TP PKK.",
            "responsible_person": Person.objects.filter(name="Ruslan Abdul Gani").first(),
            "due_date": datetime.date(2023, 12, 31),  # "tahun ini" in the article
        },
    )
    return meeting
