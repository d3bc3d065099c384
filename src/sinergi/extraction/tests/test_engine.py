"""Extraction on texts of the genre: our own fixtures, and the annotated real texts in
../shared/data/articles when that folder is present (they are third-party texts and stay there)."""

import importlib.util
import json
import time
from pathlib import Path

import pytest

from sinergi.extraction.engine import _parse_words, extract

TEXTS = Path(__file__).parent / "texts"
ARTICLES = Path(__file__).resolve().parents[4].parent / "shared" / "data" / "articles"
SCORER = ARTICLES.parent.parent / "tools" / "extraction_score.py"
needs_articles = pytest.mark.skipif(not ARTICLES.is_dir(), reason="shared articles not present")


def fixture(name):
    return extract((TEXTS / name).read_text())


def by(items, key):
    return {item[key]: item for item in items}


def test_meeting_date_place_and_people_with_positions():
    result = fixture("rakor-stunting-bima.txt")
    assert result["meeting"]["date"] == "2024-03-14"
    assert result["meeting"]["place"] == "Aula Kantor Wali Kota Bima"
    people = by(result["people"], "name")
    assert people["Ahmad Fathoni"]["honorific"] == "dr."
    assert people["Ahmad Fathoni"]["degrees"] == "M.Kes."
    assert people["Ahmad Fathoni"]["position"] == "Kepala Dinkes Kota Bima"
    assert people["Ahmad Fathoni"]["organization"] == "Dinas Kesehatan Kota Bima"
    # Sasak titles belong to the name; "Hj." does not.
    assert people["Baiq Nurhayati"]["honorific"] == "Hj."
    assert people["Muhammad Lutfi"]["position"] == "Wali Kota Bima"
    assert people["Muhammad Lutfi"]["degrees"] == "SE."


def test_kota_bima_is_not_kabupaten_bima():
    regions = by(fixture("rakor-stunting-bima.txt")["regions"], "name")
    assert regions["Kota Bima"]["code"] == "52.72"
    assert regions["Kabupaten Bima"]["code"] == "52.06"
    assert regions["Kota Bima"]["level"] == "regency"


def test_indonesian_number_formats_and_meanings():
    quantities = [
        (q["value"], q["meaning"]) for q in fixture("rakor-stunting-bima.txt")["quantities"]
    ]
    assert (16.23, "percentage") in quantities  # "16,23 persen"
    assert (14, "target") in quantities  # "dari target 14 persen"
    assert (1250, "count") in quantities  # "1.250 balita"
    assert (1_200_000_000, "budget") in quantities  # "Rp 1,2 miliar"
    assert (35, "target") in quantities  # "akan mendampingi tiga puluh lima keluarga"
    assert all(q[0] not in (2024, 14.3) for q in quantities)  # dates and years are not counts


def test_spans_point_at_the_evidence():
    text = (TEXTS / "rakor-stunting-bima.txt").read_text()
    result = extract(text)
    for kind in ("organizations", "people", "regions", "quantities", "programs", "agreements"):
        for item in result[kind]:
            assert item["spans"], (kind, item)
            for start, end in item["spans"]:
                assert 0 <= start < end <= len(text)
    quantity = next(q for q in result["quantities"] if q["value"] == 1250)
    start, end = quantity["spans"][0]
    assert text[start:end] == "1.250 balita"


def test_villages_districts_and_attendance_lists():
    result = fixture("sosialisasi-destana-lotim.txt")
    regions = by(result["regions"], "name")
    assert regions["Desa Sembalun Lawang"]["code"] == "52.03.15.2002"
    assert regions["Kecamatan Sembalun"]["level"] == "district"
    assert not any("Tangguh" in name for name in regions)  # a kind of village, not a village
    assert result["meeting"]["place"] == "Desa Sembalun Lawang"
    names = {o["name"] for o in result["organizations"]}
    assert {"Dinas Sosial", "Polres Lombok Timur", "PMI", "Yayasan Sahabat Desa"} <= names
    quantities = {(q["value"], q["meaning"]) for q in result["quantities"]}
    assert quantities == {(52, "achievement"), (80, "target")}  # not "Kodim 1615", not "dua bulan"
    people = by(result["people"], "name")
    assert people["Rusdi Hakim"]["honorific"] == "Drs. H."
    assert people["Rusdi Hakim"]["position"] == "Camat Sembalun"
    assert any("jalur evakuasi" in a["text"] for a in result["agreements"])


@pytest.mark.parametrize(
    ("words", "value"),
    [("tiga", 3), ("sebelas", 11), ("dua belas", 12), ("tiga puluh lima", 35), ("seratus", 100),
     ("dua ratus lima puluh", 250), ("seribu", 1000), ("dua ribu tiga ratus", 2300)],
)  # fmt: skip
def test_number_words(words, value):
    assert _parse_words(words) == value


def test_empty_and_odd_texts_do_not_fail():
    for text in ("", "   ", "1234", "((((", "Kepala", "Rp", "di"):
        result = extract(text)
        assert result["meeting"]["date"] is None or text == "1234"


@needs_articles
def test_founding_article():
    result = extract((ARTICLES / "tp-pkk-ntb-2023-02-03.txt").read_text())
    assert result["meeting"]["date"] == "2023-02-03"
    positions = {p["name"]: p["position"] for p in result["people"]}
    assert positions == {
        "Lale Prayatni": "Ketua I TP PKK Prov NTB",
        "Ahmad Nur Aulia": "Kepala DPMPD Dukcapil Prov NTB",
        "Ruslan Abdul Gani": "Kepala Pelaksana BPBD Prov NTB",
    }
    meanings = {q["value"]: q["meaning"] for q in result["quantities"]}
    assert meanings[567] == "target"
    assert meanings[434] == "achievement"
    focus = {r["code"] for r in result["regions"] if r["role"] == "focus"}
    assert {"52.71", "52.03", "52.07"} <= focus


def _scorer():
    spec = importlib.util.spec_from_file_location("extraction_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def macro_f1(folder: Path) -> float:
    scorer = _scorer()
    acc = scorer.Acc()
    for gold_file in sorted(folder.glob("*.json")):
        text = gold_file.with_suffix(".txt").read_text()
        scorer.score_one(extract(text), json.loads(gold_file.read_text()), acc)
    scores = [scorer.prf(*acc.d[k])[2] for k in scorer.MAIN if k in acc.d]
    return sum(scores) / len(scores)


@needs_articles
def test_quality_on_annotated_texts():
    assert macro_f1(ARTICLES) >= 0.90  # the founding article
    # A regression guard: the sixteen development texts scored 0.77 before issue 17's rules
    # that read the genre (0.89 after); the texts nobody tuned on are scored at review.
    assert macro_f1(ARTICLES / "dev") >= 0.87


def test_speed_is_reasonable():
    """The benchmark (benchmarks/extraction.py) measures speed; this only guards against a
    rule that turns quadratic on long texts."""
    text = (TEXTS / "rakor-stunting-bima.txt").read_text() * 20
    extract(text)
    started = time.perf_counter()
    extract(text)
    assert time.perf_counter() - started < 5


def test_posyandu_text_budget_share_and_programs():
    result = fixture("posyandu-lobar.txt")
    quantities = {(q["value"], q["meaning"]) for q in result["quantities"]}
    assert (850_000_000, "budget") in quantities  # "Rp 850 juta"
    assert (8, "percentage") in quantities  # a share of the village fund, not money
    assert (612, "achievement") in quantities and (1005, "count") in quantities
    names = [p["name"].lower() for p in result["programs"]]
    assert any("revitalisasi posyandu" in name for name in names)
    people = by(result["people"], "name")
    assert people["Lalu Ahmad Zaini"]["position"] == "Kabid Pemdes DPMD Lombok Barat"
    assert people["Arif Suryawirawan"]["honorific"] == "dr. H."
    orgs = {o["acronym"] or o["name"]: o["region"] for o in result["organizations"]}
    assert orgs["DPMD"] == "52.01" and orgs["TP PKK"] == "52.01"


def test_spelled_counts_titles_and_targets_in_a_training_report():
    result = fixture("pelatihan-kader-sumbawa.txt")
    assert result["meeting"]["date"] == "2024-09-02"
    quantities = {(q["value"], q["meaning"]) for q in result["quantities"]}
    assert {(250, "count"), (15.7, "percentage"), (12, "target"), (3120, "count")} <= quantities
    people = by(result["people"], "name")
    assert people["Baiq Rika Wulandari"]["position"] == "Plt. Kepala DPPKB Sumbawa"
    assert people["Baiq Rika Wulandari"]["degrees"] == "SKM., M.Kes."
    assert people["Dewi Noviany"]["position"] == "Wakil Bupati Sumbawa"
    assert {"DPPKB", "BKKBN", "UNICEF"} <= {o["acronym"] for o in result["organizations"]}


def test_name_first_apposition_abbreviated_prefixes_and_datelines():
    result = fixture("apposisi-loteng.txt")
    people = by(result["people"], "name")
    assert people["Lalu Gita Ariadi"]["position"] == "Sekretaris Daerah Provinsi NTB"
    regions = {r["name"]: r["code"] for r in result["regions"]}
    assert regions["Kabupaten Lombok Tengah"] == "52.02"  # "Kab. Lombok Tengah"
    assert regions["Kecamatan Praya"] == "52.02.01"  # "Kec. Praya"
    assert regions["Desa Kopang Rembiga"] == "52.02.09.2005"
    assert [p["name"] for p in result["programs"]] == ["penanganan kemiskinan ekstrem"]
    quantities = {(q["value"], q["meaning"]) for q in result["quantities"]}
    assert quantities == {(1_500_000_000, "budget"), (3, "count"), (450, "target")}
