"""Published NTB figures as indicators, targets and values (`sinergi demo`).

Every value comes from `data/ntb-figures.csv` with the address it was read from. Survey (SSGI,
SKI) and routine weighing (e-PPGBM, SigiziKesga) stunting figures are different indicators.
"""

import csv
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from sinergi.core.models import upsert
from sinergi.indicators.models import DataValue, Indicator, Target
from sinergi.indicators.services import ValueChange, save_values

FIGURES = Path(__file__).resolve().parent / "data" / "ntb-figures.csv"
TARGETS = {"destana_target": "destana_formed", "dasawisma_target": "dasawisma_groups"}

PCT = {"value_type": "percentage", "unit": "%", "aggregation": "none"}
# code: (name, fields, theme codes, owner slug)
CATALOGUE = {
    "destana_formed": (None, {}, [], "bpbd-ntb"),
    "destana_madya": (None, {}, [], "bpbd-ntb"),  # counts by level (migration 0007)
    "destana_utama": (None, {}, [], "bpbd-ntb"),
    "villages_tsunami_prone": (
        "Desa/kelurahan rawan tsunami (Katalog BNPB)",
        {"unit": "desa/kelurahan"},
        ["penanggulangan-bencana", "pra-bencana"],
        "bpbd-ntb",
    ),
    "stunting_prevalence_ssgi": (
        "Prevalensi stunting balita (survei SSGI)",
        {**PCT, "direction": "lower", "is_key": True},
        ["penanganan-stunting"],
        None,
    ),
    "stunting_prevalence_ski": (
        "Prevalensi stunting balita (Survei Kesehatan Indonesia)",
        {**PCT, "direction": "lower"},
        ["penanganan-stunting"],
        None,
    ),
    "stunting_prevalence_survey": (
        "Prevalensi stunting balita (Riskesdas/SSGBI, dikutip BKKBN)",
        {**PCT, "direction": "lower"},
        ["penanganan-stunting"],
        None,
    ),
    "stunting_prevalence_eppgbm": (
        "Prevalensi stunting balita (penimbangan e-PPGBM)",
        {**PCT, "direction": "lower", "is_key": True},
        ["penanganan-stunting"],
        None,
    ),
    "stunting_prevalence_sigizikesga": (
        "Prevalensi stunting balita (laporan rutin SigiziKesga)",
        {**PCT, "direction": "lower"},
        ["penanganan-stunting"],
        None,
    ),
    "stunted_children": (
        "Balita stunting (data konsolidasi Pemprov)",
        {"unit": "anak", "direction": "lower"},
        ["penanganan-stunting"],
        None,
    ),
    "children_under5_measured": (
        "Balita diukur",
        {"unit": "anak"},
        ["penanganan-stunting"],
        None,
    ),
    "poverty_rate": (
        "Persentase penduduk miskin (Maret, BPS)",
        {**PCT, "direction": "lower", "is_key": True},
        ["penanggulangan-kemiskinan"],
        None,
    ),
    "poverty_rate_september": (
        "Persentase penduduk miskin (September, BPS)",
        {**PCT, "direction": "lower"},
        ["penanggulangan-kemiskinan"],
        None,
    ),
    "poor_population": (
        "Jumlah penduduk miskin (Maret, BPS)",
        {"unit": "jiwa", "direction": "lower"},
        ["penanggulangan-kemiskinan"],
        None,
    ),
    "poor_population_september": (
        "Jumlah penduduk miskin (September, BPS)",
        {"unit": "jiwa", "direction": "lower"},
        ["penanggulangan-kemiskinan"],
        None,
    ),
    "child_marriage_rate": (
        "Perempuan 20-24 tahun yang menikah sebelum 18 tahun (BPS)",
        {**PCT, "direction": "lower", "is_key": True},
        ["pencegahan-perkawinan-anak"],
        None,
    ),
    "marriage_dispensations": (
        "Dispensasi kawin anak (Pengadilan Agama)",
        {"unit": "anak", "direction": "lower"},
        ["pencegahan-perkawinan-anak"],
        None,
    ),
    "posyandu": ("Jumlah posyandu", {"unit": "posyandu"}, ["pkk-kesehatan"], None),
    "posyandu_keluarga": (
        "Posyandu Keluarga",
        {"unit": "posyandu"},
        ["pkk-kesehatan"],
        None,
    ),
    "dasawisma_groups": (
        "Kelompok Dasawisma terbentuk",
        {"unit": "kelompok"},
        ["pokja-1"],
        "tp-pkk-52",
    ),
    "dasawisma_formation": (
        "Pembentukan Dasawisma (% dari target)",
        PCT,
        ["pokja-1"],
        "tp-pkk-52",
    ),
    "idm_desa_mandiri": (
        "Desa Mandiri (Indeks Desa Membangun)",
        {"unit": "desa"},
        ["kapasitas-aparatur-desa"],
        "dpmpd-dukcapil-ntb",
    ),
    "idm_desa_maju": (
        "Desa Maju (Indeks Desa Membangun)",
        {"unit": "desa"},
        ["kapasitas-aparatur-desa"],
        "dpmpd-dukcapil-ntb",
    ),
    "idm_desa_berkembang": (
        "Desa Berkembang (Indeks Desa Membangun)",
        {"unit": "desa"},
        ["kapasitas-aparatur-desa"],
        "dpmpd-dukcapil-ntb",
    ),
    "idm_desa_tertinggal": (
        "Desa Tertinggal (Indeks Desa Membangun)",
        {"unit": "desa", "direction": "lower"},
        ["kapasitas-aparatur-desa", "penanggulangan-kemiskinan"],
        "dpmpd-dukcapil-ntb",
    ),
    "idm_desa_tertinggal_or_sangat_tertinggal": (
        "Desa Tertinggal dan Sangat Tertinggal (IDM)",
        {"unit": "desa", "direction": "lower"},
        ["kapasitas-aparatur-desa", "penanggulangan-kemiskinan"],
        "dpmpd-dukcapil-ntb",
    ),
}
RATIOS = {
    "posyandu_keluarga_share": (
        "Posyandu yang sudah menjadi Posyandu Keluarga",
        "posyandu_keluarga",
        "posyandu",
        ["pkk-kesehatan"],
        True,
    ),
}


def read_figures(path: Path = FIGURES) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@transaction.atomic
def load_figures() -> dict:
    """Create the demo indicators and load every published figure. Idempotent."""
    from sinergi.organizations.models import Organization
    from sinergi.programs.models import Theme

    themes = {theme.code: theme for theme in Theme.objects.all()}
    owners = {
        org.slug: org
        for org in Organization.objects.filter(
            slug__in=["bpbd-ntb", "tp-pkk-52", "dpmpd-dukcapil-ntb"]
        )
    }
    indicators = {}
    for code, (name, fields, theme_codes, owner) in CATALOGUE.items():
        defaults = {**fields, "owner": owners.get(owner)}
        if name:
            defaults["name"] = name
        indicator, _created = upsert(Indicator, code=code, defaults=defaults)
        if theme_codes:
            indicator.themes.set({*indicator.themes.all(), *(themes[c] for c in theme_codes)})
        indicators[code] = indicator
    Indicator.objects.filter(code="destana_formed").update(is_key=True)
    for code, (name, numerator, denominator, theme_codes, key) in RATIOS.items():
        indicator, _created = upsert(
            Indicator,
            code=code,
            defaults={
                "name": name,
                "value_type": "percentage",
                "unit": "%",
                "aggregation": "none",
                "numerator": indicators[numerator],
                "denominator": indicators[denominator],
                "is_key": key,
                "method": f"{numerator} / {denominator} × 100 (wilayah dan periode yang sama).",
            },
        )
        indicator.themes.set({*indicator.themes.all(), *(themes[c] for c in theme_codes)})

    groups: dict = defaultdict(list)
    targets = 0
    for figure in read_figures():
        if figure["indicator"] in TARGETS:
            upsert(
                Target,
                indicator=indicators[TARGETS[figure["indicator"]]],
                region_id=figure["region_code"],
                period=figure["year"],
                kind="target",
                defaults={"value": Decimal(figure["value"]), "source": figure["source"]},
            )
            targets += 1
            continue
        groups[(figure["indicator"], figure["year"], figure["source"])].append(figure)
    values = 0
    for (code, year, source), figures in groups.items():
        indicator = indicators[code]
        current = dict(
            DataValue.objects.filter(indicator=indicator, period=year).values_list(
                "region_id", "value"
            )
        )
        changes = [
            ValueChange(f["region_code"], f["value"])
            for f in figures
            if current.get(f["region_code"]) is None
            or float(current[f["region_code"]]) != float(f["value"])
        ]
        if changes:
            save_values(indicator, year, changes, source_kind="document", source=source)
        values += len(figures)
    for code, indicator in indicators.items():
        sources = sorted({source for (c, _y, source) in groups if c == code})
        if sources and not indicator.source:
            indicator.source = "\n".join(sources)
            indicator.save(update_fields=["source"])
    return {"indicators": len(indicators) + len(RATIOS), "values": values, "targets": targets}
