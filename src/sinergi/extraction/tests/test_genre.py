"""Extraction on the project's own annotated texts of the genre (texts/gold: a press release,
minutes, an invitation, a report, from regions outside NTB), scored with the shared scorer when
it is present, and the rules that read them, one by one."""

import ast
import json
from pathlib import Path

import pytest

from sinergi.extraction.engine import extract

from .test_engine import SCORER, _scorer

GOLD = Path(__file__).parent / "texts" / "gold"
ENGINE = Path(__file__).resolve().parents[1] / "engine"
needs_scorer = pytest.mark.skipif(not SCORER.exists(), reason="shared scorer not present")


def read(name):
    return extract((GOLD / f"{name}.txt").read_text())


def by(items, key):
    return {item[key]: item for item in items}


def meanings(result):
    return {(q["value"], q["meaning"]) for q in result["quantities"]}


@needs_scorer
def test_own_annotated_texts_score():
    scorer = _scorer()
    acc = scorer.Acc()
    for gold_file in sorted(GOLD.glob("*.json")):
        text = gold_file.with_suffix(".txt").read_text()
        scorer.score_one(extract(text), json.loads(gold_file.read_text()), acc)
    fields = {k: scorer.prf(*acc.d[k])[2] for k in scorer.MAIN if k in acc.d}
    assert sum(fields.values()) / len(fields) >= 0.85, fields


def test_a_bare_regency_after_an_office_is_a_region_not_a_person():
    result = read("g01")  # "Kepala Dinkes Garut dr. Leli Yuliani, M.KM."
    people = by(result["people"], "name")
    assert "Garut" not in people
    assert people["Leli Yuliani"]["position"] == "Kepala Dinkes Garut"
    assert people["Leli Yuliani"]["organization"] == "Dinas Kesehatan"  # "Dinkes" is its short form
    assert by(result["regions"], "name")["Kabupaten Garut"]["code"] == "32.05"


def test_a_town_is_a_district_never_a_person():
    text = (
        "Praya, Lombok Tengah - Bupati Lombok Tengah, Pathul Bahri, meresmikan posyandu di Praya, "
        "Senin (6/5/2024)."
    )
    result = extract(text)
    assert [p["name"] for p in result["people"]] == ["Pathul Bahri"]
    assert by(result["regions"], "name")["Kecamatan Praya"]["code"] == "52.02.01"
    # The trap: "Praya" proposed as a person with the position "Bupati".
    assert extract("Hal itu disampaikan Bupati Praya, Senin.")["people"] == []
    people = extract("Bupati Praya Lalu Pathul meminta camat bergerak.")["people"]
    assert [(p["name"], p["position"]) for p in people] == [("Lalu Pathul", "Bupati Praya")]
    # A district elsewhere in Indonesia that is also a first name stays a name.
    assert extract("Camat Bambang Sutrisno hadir.")["people"][0]["name"] == "Bambang Sutrisno"


def test_meaning_from_the_clause():
    expected = {(24.1, "percentage"), (14, "target"), (442, "count"), (120, "achievement"),
                (60, "target"), (1870, "target"), (2_500_000_000, "budget")}  # fmt: skip
    assert expected <= meanings(read("g01"))
    # "2.340 keluarga ... telah didampingi": work delivered; "angka ... menjadi 14 persen" aimed at
    assert {(2340, "achievement"), (153, "achievement"), (18.4, "percentage"),
            (14, "target"), (3, "count")} <= meanings(read("g06"))  # fmt: skip
    text = (
        "Angka kemiskinan harus mampu diturunkan dari 4,45 persen menjadi 1,5 - 1 persen. "
        "Tahun ini dua desa yang diusulkan. Dari 145 desa, baru 36 desa yang telah terbentuk. "
        "Sebanyak 434 desa telah ditetapkan sebagai desa rawan bencana. Angka stunting naik dari "
        "tahun lalu (16.23%) menjadi 17,32."
    )
    found = meanings(extract(text))
    assert {(4.45, "percentage"), (1.5, "target"), (1, "target"), (2, "target"), (145, "count"),
            (36, "achievement"), (434, "count"), (16.23, "percentage"),
            (17.32, "percentage")} <= found  # fmt: skip


def test_one_body_once_with_its_long_and_short_form():
    text = (
        "TKPK atau Tim Koordinasi Penanggulangan Kemiskinan Tahun 2021 dibentuk. Ketua TKPK "
        "Provinsi Bali hadir bersama Badan Penanggulangan Bencana Daerah (BPBD) Provinsi Bali."
    )
    orgs = extract(text)["organizations"]
    assert len([o for o in orgs if o["acronym"] == "TKPK"]) == 1
    tkpk = next(o for o in orgs if o["acronym"] == "TKPK")
    assert "Tahun" not in tkpk["name"]


def test_names_and_titles_of_the_genre():
    text = (
        "Hal itu diungkap Pejabat Fungsional Perencana Ahli Madya Bappeda Provinsi Bali I Made "
        "Sudiarsa didampingi Anggota Kelompok Ahli Bidang Pembangunan I Gede Made Sadguna.\n"
        "Tempat: Kantor Wali Kota Kupang\nPimpinan Rapat: Asisten Pemerintahan, Drs. Yohanes Bengu."
    )
    names = {p["name"] for p in extract(text)["people"]}
    assert {"I Made Sudiarsa", "I Gede Made Sadguna", "Yohanes Bengu"} <= names
    assert "Pimpinan" not in " ".join(names)


def test_follow_ups_keep_the_responsible_body_and_the_due_date():
    agreements = read("g02")["agreements"]
    first = agreements[0]
    assert first["responsible"] == "Badan Penanggulangan Bencana Daerah Kota Kupang"
    assert first["due_date"] == "2024-11-30"
    assert first["due_text"] == "paling lambat 30 November 2024"
    late_march = next(a for a in read("g01")["agreements"] if a["due_text"])
    assert late_march["due_text"] == "paling lambat akhir Maret"
    assert late_march["due_date"] == "2024-03-31"  # in the meeting's year


def test_engine_modules_stay_small_one_finder_each():
    finders = {
        "dates": "find_dates", "regions": "find_regions", "organisations": "find_organizations",
        "people": "find_people", "quantities": "find_quantities", "programs": "find_programs",
        "meeting": "find_agreements",
    }  # fmt: skip
    for module in ENGINE.glob("*.py"):
        assert len(module.read_text().splitlines()) <= 400, module.name
    for name, function in finders.items():
        tree = ast.parse((ENGINE / f"{name}.py").read_text())
        assert function in {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}, name
