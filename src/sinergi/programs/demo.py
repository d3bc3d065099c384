"""The founding meeting as demo data: TP PKK Provinsi NTB with DPMPD Dukcapil, BPBD and BPKAD,
3 February 2023 (https://dpmpddukcapil.ntbprov.go.id/?p=116). Only facts stated in that article
are recorded; what it does not say (budgets, dates of office, most owners' activities) stays empty.
"""

from dataclasses import dataclass

from django.db import transaction

from sinergi.core.models import upsert
from sinergi.organizations.choices import OrganizationTypeChoices
from sinergi.organizations.models import Organization, Person, Position
from sinergi.organizations.services import tp_pkk_team
from sinergi.programs.choices import (
    CollaborationRoleChoices,
    CollaborationStatusChoices,
    ProgramStatusChoices,
)
from sinergi.programs.models import Collaboration, Program, Theme
from sinergi.regions.models import Region
from sinergi.regions.services import NTB_FILE, load_regions, read_region_rows

SOURCE = "https://dpmpddukcapil.ntbprov.go.id/?p=116"
PROVINCE = "52"
YEAR = 2023
DESTANA_FOCUS = ["52.71", "52.03", "52.07"]  # Kota Mataram, Kab. Lombok Timur, Kab. Sumbawa Barat

AGENCIES = [
    {
        "slug": "dpmpd-dukcapil-ntb",
        "name": (
            "Dinas Pemberdayaan Masyarakat, Pemerintahan Desa, Kependudukan dan "
            "Pencatatan Sipil Provinsi Nusa Tenggara Barat"
        ),
        "acronym": "DPMPD Dukcapil",
        "aliases": ["DPMPD Dukcapil Prov NTB", "DPMPD Dukcapil Provinsi NTB"],
        "website": "https://dpmpddukcapil.ntbprov.go.id",
    },
    {
        "slug": "bpbd-ntb",
        "name": "Badan Penanggulangan Bencana Daerah Provinsi Nusa Tenggara Barat",
        "acronym": "BPBD",
        "aliases": ["BPBD Prov NTB", "BPBD Provinsi NTB"],
        "website": "https://bpbd.ntbprov.go.id",
    },
    {
        "slug": "bpkad-ntb",
        "name": "Badan Pengelolaan Keuangan dan Aset Daerah Provinsi Nusa Tenggara Barat",
        "acronym": "BPKAD",
        "aliases": ["BPKAD Prov NTB", "BPKAD Provinsi NTB"],
        "website": "",
    },
]
TP_PKK_ALIASES = ["TP PKK Prov NTB", "TP PKK Provinsi NTB", "TPP PKK Prov NTB"]

# (organisation slug or "tp_pkk", honorific, name, degrees, title)
OFFICIALS = [
    ("tp_pkk", "Hj.", "Lale Prayatni", "", "Ketua I"),
    ("dpmpd-dukcapil-ntb", "", "Ahmad Nur Aulia", "", "Kepala"),
    ("bpbd-ntb", "", "Ruslan Abdul Gani", "SH., MH.", "Kepala Pelaksana"),
]

MOBILISE = (
    "TP PKK Provinsi NTB menggerakkan pengurus TP PKK di semua jenjang (Kab/Kota, Kecamatan, "
    "Desa/Kelurahan) untuk aktif dan berkolaborasi dengan Pemerintah Daerah."
)

# (name, owner slug or None when the article does not say, themes, status, focus regions,
#  description, TP PKK scope, TP PKK commitment)
PROGRAMS = [
    (
        "Peningkatan kapasitas aparatur desa/kelurahan dan LKD",
        "dpmpd-dukcapil-ntb",
        ["kapasitas-aparatur-desa", "pelayanan-publik"],
        ProgramStatusChoices.ONGOING,
        [],
        "DPMPD Dukcapil terus menggesa program ini untuk tiga prioritas daerah: pelayanan publik, "
        "penanggulangan kemiskinan dan penanganan stunting.",
        [PROVINCE],
        MOBILISE,
    ),
    (
        "Pemberdayaan usaha ekonomi masyarakat",
        "dpmpd-dukcapil-ntb",
        ["pemberdayaan-ekonomi", "penanggulangan-kemiskinan"],
        ProgramStatusChoices.PLANNED,
        [],
        "Dibahas dalam rapat koordinasi 3 Februari 2023.",
        [PROVINCE],
        MOBILISE,
    ),
    (
        "Pelayanan administrasi kependudukan (Adminduk)",
        "dpmpd-dukcapil-ntb",
        ["adminduk", "pelayanan-publik"],
        ProgramStatusChoices.PLANNED,
        [],
        "Dibahas dalam rapat koordinasi 3 Februari 2023.",
        [PROVINCE],
        MOBILISE,
    ),
    (
        "Penanganan kebencanaan: Desa/Kelurahan Tangguh Bencana (Destana)",
        "bpbd-ntb",
        ["penanggulangan-bencana", "pra-bencana", "tanggap-darurat", "pasca-bencana"],
        ProgramStatusChoices.PLANNED,
        DESTANA_FOCUS,
        "Target pembentukan 567 Desa/Kelurahan Tangguh Bencana, baru terbentuk 434. Sisa target "
        "dirancang dilaksanakan tahun 2023 dengan fokus di Kota Mataram, Kabupaten Lombok "
        "Timur dan Kabupaten Sumbawa Barat. Penanganan mencakup sosialisasi dan mitigasi "
        "(pra-bencana), penanganan saat kejadian bencana, dan pasca-bencana.",
        DESTANA_FOCUS,
        "Kolaborasi TP PKK untuk menyukseskan program Destana di tiga lokasi fokus 2023.",
    ),
    (
        "Pencegahan perkawinan usia dini",
        None,
        ["pencegahan-perkawinan-anak"],
        ProgramStatusChoices.PLANNED,
        [],
        "Dibahas dalam rapat koordinasi 3 Februari 2023; artikel tidak menyebut OPD pelaksananya.",
        [PROVINCE],
        MOBILISE,
    ),
]


@dataclass
class DemoResult:
    organizations: int
    people: int
    programs: int
    collaborations: int


def ensure_ntb_regions() -> None:
    if not Region.objects.filter(code=PROVINCE).exists():
        load_regions(read_region_rows(NTB_FILE))


@transaction.atomic
def load_demo() -> DemoResult:
    """Record the founding meeting's organisations, officials, programs and collaborations.

    Idempotent: a second run finds every row and changes nothing.
    """
    ensure_ntb_regions()
    province = Region.objects.get(code=PROVINCE)
    tp_pkk = tp_pkk_team(province)
    if tp_pkk.aliases != TP_PKK_ALIASES:
        tp_pkk.aliases = TP_PKK_ALIASES
        tp_pkk.save(update_fields=["aliases"])
    orgs = {"tp_pkk": tp_pkk}
    for agency in AGENCIES:
        org, _created = upsert(
            Organization,
            slug=agency["slug"],
            defaults={
                **agency,
                "org_type": OrganizationTypeChoices.OPD,
                "home_region": province,
            },
        )
        orgs[agency["slug"]] = org

    for org_key, honorific, name, degrees, title in OFFICIALS:
        person, _created = upsert(
            Person, name=name, defaults={"honorific": honorific, "degrees": degrees}
        )
        upsert(
            Position,
            person=person,
            organization=orgs[org_key],
            title=title,
            defaults={"source": SOURCE},
        )

    themes = {theme.code: theme for theme in Theme.objects.all()}
    for name, owner, theme_codes, status, focus, description, scope, commitment in PROGRAMS:
        program, _created = upsert(
            Program,
            fiscal_year=YEAR,
            name=name,
            defaults={
                "owner": orgs[owner] if owner else None,
                "status": status,
                "description": description,
                "source": SOURCE,
            },
        )
        program.themes.set([themes[code] for code in theme_codes])
        program.focus_regions.set(Region.objects.filter(code__in=focus))
        collaboration, _created = upsert(
            Collaboration,
            program=program,
            partner=tp_pkk,
            role=CollaborationRoleChoices.MOBILISER,
            defaults={"status": CollaborationStatusChoices.AGREED, "commitment": commitment},
        )
        collaboration.scope_regions.set(Region.objects.filter(code__in=scope))

    return DemoResult(
        organizations=len(orgs),
        people=len(OFFICIALS),
        programs=len(PROGRAMS),
        collaborations=len(PROGRAMS),
    )
