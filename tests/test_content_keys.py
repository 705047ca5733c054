"""The answer keys and lessons a BPJS trainer checked (issue 9): each test would have caught one wrong key.

The files are read as plain YAML, so a key is checked even while its scenario waits for a rule of another branch.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from bimtek.reference import load_reference

ROOT = Path(__file__).resolve().parents[1]
MODULE_FILES = sorted((ROOT / "modules").glob("*.yaml"))
SCENARIO_FILES = sorted((ROOT / "scenarios").glob("*.yaml"))
MODULES = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in MODULE_FILES}
SCENARIOS = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in SCENARIO_FILES}


def strings(node: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string in a YAML document with its dotted location."""
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from strings(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from strings(value, f"{path}.{i}")


def all_content() -> Iterator[tuple[str, str, str]]:
    for name, doc in {**{f"modules/{k}": v for k, v in MODULES.items()}, **SCENARIOS}.items():
        for where, text in strings(doc):
            yield name, where, text


def items(module: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for exercise in module["latihan"]:
        yield from exercise["soal"]


def flat(text: str) -> str:
    return " ".join(text.split())


# --- DBD: both criteria ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phrase", ["salah satu cukup", "dan/atau hematokrit", "atau kenaikan hematokrit", "atau* hematokrit"]
)
def test_no_content_teaches_that_one_dengue_criterion_is_enough(phrase: str) -> None:
    hits = [f"{n}: {w}" for n, w, t in all_content() if phrase in flat(t).lower() and "dbd" in flat(t).lower()]
    hits += [f"{n}: {w}" for n, w, t in all_content() if phrase in flat(t).lower() and "trombosit" in flat(t).lower()]
    assert hits == [], hits


def test_every_clean_dbd_scenario_carries_both_criteria() -> None:
    """A91 claims keyed as clean attach thrombocytopenia <= 100.000 and a haematocrit rise >= 20%."""
    checked = 0
    for name, doc in SCENARIOS.items():
        claim = doc["klaim"]
        if "A91" not in claim["kunjungan"]["diagnosa"] or doc["kunci"]["cacat"]:
            continue
        labs = claim.get("lab", [])
        platelets = [r["nilai"] for r in labs if r["jenis"] == "trombosit"]
        hct = [r["nilai"] for r in sorted((r for r in labs if r["jenis"] == "hematokrit"), key=lambda r: r["tanggal"])]
        assert platelets and min(platelets) <= 100_000, name
        assert len(hct) >= 2 and (max(hct) - hct[0]) / hct[0] >= 0.20, name
        checked += 1
    assert checked >= 1


# --- KLB / bencana ----------------------------------------------------------------------------------------------


def test_every_klb_or_disaster_scenario_teaches_the_benefit_exclusion() -> None:
    klb = {n: d for n, d in SCENARIOS.items() if d["klaim"]["pengajuan"]["jenis_klaim"] == "bencana_klb"}
    assert len(klb) >= 2
    for name, doc in klb.items():
        key = doc["kunci"]
        assert "DK05" not in key["cacat"], name  # the retired rule that treated a JKN KLB claim as fixable by an SK
        assert "EX01" in key["cacat"], name
        assert "Pasal 52" in flat(key["penjelasan"]), name
    disaster_periods = [n for n, d in SCENARIOS.items() if (d["klaim"].get("konteks") or {}).get("status_darurat")]
    for name in disaster_periods:
        assert SCENARIOS[name]["kunci"].get("tidak_dapat_diperbaiki") is True, name  # care in the period: not JKN


def test_the_klb_lessons_say_who_pays_and_what_proves_the_period() -> None:
    text = flat(" ".join(t for _, t in strings(MODULES["jenis-klaim"])))
    assert "Pasal 52 ayat (1) huruf o" in text
    assert "pemerintah" in text and "penetapan" in text
    assert "diklaim sesuai mekanisme KLB." not in text  # the seed's phrase, unexplained


# --- regulations ------------------------------------------------------------------------------------------------


def test_kmk_514_2015_is_never_taught_or_scored_as_current() -> None:
    for module in MODULES.values():
        for item in items(module):
            for pair in item.get("pasangan", []):
                assert "514/2015" not in pair["kanan"] and pair.get("instrumen") != "kmk-514-2015", item["id"]
            for distractor in item.get("pengecoh", []):
                if "514/2015" in distractor["teks"] or "5/2014" in distractor["teks"]:
                    assert distractor.get("dicabut") is True, item["id"]
            for option in item.get("pilihan", []):
                if "514/2015" in option["teks"]:
                    assert not option.get("benar"), item["id"]
    regulasi = flat(" ".join(t for _, t in strings(MODULES["regulasi"])))
    assert "HK.01.07/MENKES/1186/2022" in regulasi


def test_perpres_32_2014_is_not_taught_as_revoked_without_a_source() -> None:
    text = flat(" ".join(t for _, _, t in all_content()))
    assert "dulu diatur **Perpres 32/2014**" not in text
    assert re.search(r"Perpres 32/2014[^.]*(dicabut|tidak berlaku)", text) is None or "belum pasti" in text


# --- codes ------------------------------------------------------------------------------------------------------

ORGAN = re.compile(r"gagal jantung|penyakit jantung hipertensi|penyakit ginjal hipertensi|ginjal kronik", re.I)


def test_hypertension_with_heart_or_kidney_disease_is_never_answered_i10() -> None:
    for module in MODULES.values():
        for item in items(module):
            if "kasus" in item and ORGAN.search(item["kasus"]):
                assert "I10" not in item["kode_benar"], item["id"]
                assert all(c.startswith(("I11", "I12", "I13")) for c in item["kode_benar"]), item["id"]
            if "pilihan" in item and ORGAN.search(item["pertanyaan"]):
                right = [o["teks"] for o in item["pilihan"] if o.get("benar")]
                assert not any(re.search(r"\bI10\b", t) for t in right), item["id"]
    for name, doc in SCENARIOS.items():
        record = " ".join(i.get("isi", "") for i in doc.get("berkas_kasus", []))
        if ORGAN.search(record):
            assert "I10" not in doc["klaim"]["kunjungan"]["diagnosa"], name


def test_icd_titles_shown_are_the_2010_edition() -> None:
    assert load_reference().icd10_name("K30") == "Dyspepsia"
    assert not [f"{n}: {w}" for n, w, t in all_content() if "Functional dyspepsia" in t]


def test_an_ispa_example_agrees_with_the_shipped_non_specialist_list() -> None:
    """J06 (ISPA) is not in the shipped list, so content must not use it as an RRNS example."""
    reference = load_reference()
    assert not reference.is_nonspesialis("J06.9")
    for module in MODULES.values():
        for item in items(module):
            question = item.get("pertanyaan", "")
            if "RRNS" in " ".join(t for _, t in strings(item)) and re.search(r"\bISPA\b", question):
                pytest.fail(f"{item['id']}: ISPA used as an RRNS example")


# --- claim categories -------------------------------------------------------------------------------------------

MCH = ("anc_", "pnc", "kb_", "persalinan")


def test_anc_pnc_kb_and_deliveries_are_one_claim_category_everywhere() -> None:
    kinds = {
        d["klaim"]["pengajuan"]["jenis_klaim"]
        for d in SCENARIOS.values()
        if d["klaim"]["pengajuan"]["layanan"].startswith(MCH)
    }
    assert kinds == {"non_kapitasi"}
    for item in items(MODULES["jenis-klaim"]):
        for pair in item.get("pasangan", []):
            if pair["kanan"].startswith("Klaim ") and re.search(
                r"\b(ANC|PNC|KB|persalinan|Persalinan)\b", pair["kiri"]
            ):
                assert pair["kanan"] == "Klaim non-kapitasi", (item["id"], pair["kiri"])


def test_programme_immunisation_is_never_a_billed_claim() -> None:
    for module in MODULES.values():
        for item in items(module):
            for pair in item.get("pasangan", []):
                if re.search(r"imunisasi|vaksin", pair["kiri"], re.I):
                    assert pair["kanan"].startswith("Tidak ditagihkan"), item["id"]


# --- kapitasi visits ------------------------------------------------------------------------------------------


def test_a_kapitasi_visit_is_never_described_as_a_claim_paid_or_returned() -> None:
    bad = re.compile(r"tetap dibayar|diterima dengan peringatan|klaim kunjungan dikembalikan", re.I)
    for name, doc in SCENARIOS.items():
        if doc["klaim"]["pengajuan"]["jenis_klaim"] == "kapitasi":
            assert not bad.search(flat(doc["kunci"]["penjelasan"])), name
    for module in MODULES.values():
        for item in items(module):
            for option in item.get("pilihan", []):
                if option.get("benar"):
                    assert not bad.search(option["teks"]), item["id"]


def test_simpus_and_pcare_are_compared_on_jkn_visits_only() -> None:
    text = flat(" ".join(t for _, t in strings(MODULES["integrasi-digital"])))
    for sentence in re.split(r"(?<=[.?!])\s", text):
        if "SIMPUS" in sentence and "P-Care" in sentence and re.search(r"jumlah|seharusnya sama", sentence, re.I):
            assert "JKN" in sentence, sentence


# --- injections and the record ----------------------------------------------------------------------------------


def test_no_answer_key_deletes_a_therapy_line_that_was_given() -> None:
    for name, doc in SCENARIOS.items():
        given = {t["nama"] for t in doc["klaim"]["kunjungan"].get("terapi", [])}
        key = doc["kunci"]
        for source in (key.get("perbaikan") or {}, key.get("harus") or {}):
            if "kunjungan.terapi" in source:
                assert given <= {t["nama"] for t in source["kunjungan.terapi"]}, name


def test_the_sehat_bersama_cases_teach_the_doctor_led_fix() -> None:
    anemia = flat(SCENARIOS["sehat-bersama-injeksi-vitamin-anemia"]["kunci"]["penjelasan"])
    assert "justifikasi klinis" in anemia and "dokter" in anemia
    none = flat(SCENARIOS["sehat-bersama-injeksi-vitamin-tanpa-anemia"]["kunci"]["penjelasan"])
    assert "menelaah" in none and "Menghapus injeksi" in none


# --- piutang ----------------------------------------------------------------------------------------------------


def test_the_source_example_is_billed_at_the_package_with_the_facility_tariff_recognised() -> None:
    text = flat(" ".join(t for _, t in strings(MODULES["piutang"])))
    assert "biaya layanan Rp75.000 yang diajukan" not in text
    assert "klaim diajukan sebesar biaya itu" not in text
    assert "Tarif layanan Puskesmas sendiri" in text or "tarif layanan Puskesmas sendiri" in text.lower()
    assert "paket Rp100.000" in text


# --- midwives -----------------------------------------------------------------------------------------------------


def test_midwife_titles_are_not_mixed() -> None:
    """'Bd.' is the professional title after profesi bidan; it does not go with a diploma title (A.Md.Keb.)."""
    for name, where, text in all_content():
        assert not re.search(r"\bBdn?\.\s[^,]+,\s*(A\.Md|S\.Tr)", text), f"{name}: {where}"
