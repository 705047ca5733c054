"""One normalisation at the boundary: the claim model reads ICD-10 codes, lab names and units, service, document and
route values in one form, whichever reader brought the claim in (YAML, JSON, CSV, XLSX)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from bimtek.claim import Claim, HasilLab, Terapi
from bimtek.io import claims_to_rows, read_claims, rows_to_csv, rows_to_xlsx
from bimtek.verification import verify

BASE = Path(__file__).resolve().parent / "rules" / "base_ranap.yaml"


@pytest.mark.parametrize(
    ("given", "read"),
    [
        ("a910", "A91.0"),
        ("k297", "K29.7"),
        (" j06.9 ", "J06.9"),
        ("A91.", "A91"),
        ("z 34.0", "Z34.0"),
        ("demam", "DEMAM"),
    ],
)
def test_icd10_codes_are_upper_cased_trimmed_and_get_their_dot(given: str, read: str) -> None:
    data = yaml.safe_load(BASE.read_text(encoding="utf-8"))
    data["kunjungan"]["diagnosa"] = [given]
    assert Claim.model_validate(data).kunjungan.diagnosa == [read]


@pytest.mark.parametrize(
    ("jenis", "nilai", "satuan", "expected"),
    [
        ("PLT", 90, "10^3/µL", ("trombosit", 90_000, "/µL")),
        ("PLT", "90", " 10^3/uL ", ("trombosit", 90_000, "/µL")),  # a number written as text (CSV, forms)
        ("Platelets", 90, "10³/µL", ("trombosit", 90_000, "/µL")),
        ("platelet", 90, "x10^3/uL", ("trombosit", 90_000, "/µL")),
        ("Trombosit", 90, "ribu/uL", ("trombosit", 90_000, "/µL")),
        ("trombosit", 90_000, "/mm3", ("trombosit", 90_000, "/µL")),
        ("trombosit", 90_000, "/uL", ("trombosit", 90_000, "/µL")),
        ("HCT", 0.42, "L/L", ("hematokrit", 42, "%")),
        ("Ht", 42, "%", ("hematokrit", 42, "%")),
        ("hematocrit", 42, "", ("hematokrit", 42, "%")),
        ("Hb", 125, "g/L", ("hemoglobin", 12.5, "g/dL")),
        ("HGB", 12.5, "g/dl", ("hemoglobin", 12.5, "g/dL")),
        ("efusi pleura", "positif", "", ("efusi_pleura", 1, "")),
        ("Ascites", "negatif", "", ("asites", 0, "")),
        ("darah lengkap", 1, "paket", ("darah_lengkap", 1, "paket")),  # unknown: kept, rule KD05 flags it
    ],
)
def test_lab_names_and_units_are_read_into_the_canonical_form(
    jenis: str, nilai: object, satuan: str, expected: tuple[str, float, str]
) -> None:
    lab = HasilLab.model_validate({"jenis": jenis, "nilai": nilai, "satuan": satuan, "tanggal": "2026-10-04"})
    assert (lab.jenis, lab.nilai, lab.satuan) == expected


@pytest.mark.parametrize(
    ("rute", "read"),
    [("IM", "injeksi"), ("i.v.", "injeksi"), ("SC", "injeksi"), ("Suntik", "injeksi"), ("intramuskular", "injeksi"),
     ("drip", "infus"), ("IVFD", "infus"), ("PO", "oral"), ("Injeksi", "injeksi"), ("injek", "injek")],
)  # fmt: skip
def test_routes_are_read_from_their_synonyms(rute: str, read: str) -> None:
    assert Terapi(nama="x", rute=rute).rute == read


def test_service_claim_type_document_and_examiner_values_are_case_insensitive() -> None:
    data = yaml.safe_load(BASE.read_text(encoding="utf-8"))
    data["pengajuan"].update(layanan="Rawat Inap", jenis_klaim="Non-Kapitasi")
    data["fasilitas"]["jenis"] = "PUSKESMAS"
    data["kunjungan"]["pemeriksa"] = "Dokter"
    data["dokumen"] = [{"jenis": "FPK", "ditandatangani": True}, {"jenis": "Resume_Medis", "ditandatangani": True},
                       {"jenis": "sptjm", "ditandatangani": True}]  # fmt: skip
    claim = Claim.model_validate(data)
    assert (claim.pengajuan.layanan, claim.pengajuan.jenis_klaim, claim.fasilitas.jenis) == (
        "rawat_inap",
        "non_kapitasi",
        "puskesmas",
    )
    assert [d.jenis for d in claim.dokumen] == ["fpk", "resume_medis", "sptjm"]


def _messy() -> dict:
    data = yaml.safe_load(BASE.read_text(encoding="utf-8"))
    data["kunjungan"]["diagnosa"] = ["a91"]
    data["pengajuan"]["layanan"] = "RAWAT_INAP"
    data["lab"] = [
        {"jenis": "PLT", "nilai": 85, "satuan": "10^3/uL", "tanggal": "2026-10-04"},
        {"jenis": "HCT", "nilai": 38, "satuan": "%", "tanggal": "2026-10-03"},
        {"jenis": "HCT", "nilai": 46, "satuan": "%", "tanggal": "2026-10-04"},
    ]
    data["dokumen"] = [
        {"jenis": j, "ditandatangani": True} for j in ("FPK", "SPTJM", "Resume_Medis", "Bukti Pelayanan")
    ]
    return data


@pytest.mark.parametrize("ext", [".yaml", ".json", ".csv", ".xlsx"])
def test_every_reader_feeds_the_same_normalisation(ext: str) -> None:
    data = _messy()
    if ext == ".yaml":
        raw = yaml.safe_dump(data, allow_unicode=True).encode("utf-8")
    elif ext == ".json":
        raw = json.dumps(data, default=str).encode("utf-8")
    else:
        [row] = claims_to_rows([Claim.model_validate(yaml.safe_load(BASE.read_text(encoding="utf-8")))], full_card=True)
        row.update(
            diagnosa="a91",
            layanan="RAWAT_INAP",
            lab="PLT=85 10^3/uL@2026-10-04;HCT=38 %@2026-10-03;HCT=46 %@2026-10-04",
            dokumen="FPK:ttd;SPTJM:ttd;Resume_Medis:ttd;Bukti_Pelayanan:ttd",
        )
        raw = rows_to_csv([row]) if ext == ".csv" else rows_to_xlsx([row])
    [claim] = read_claims(f"klaim{ext}", raw)
    assert claim.kunjungan.diagnosa == ["A91"]
    assert claim.pengajuan.layanan == "rawat_inap"
    assert [(r.jenis, r.nilai, r.satuan) for r in claim.lab] == [
        ("trombosit", 85_000, "/µL"),
        ("hematokrit", 38, "%"),
        ("hematokrit", 46, "%"),
    ]
    assert {d.jenis for d in claim.dokumen} == {"fpk", "sptjm", "resume_medis", "bukti_pelayanan"}
    verdict = verify(claim)
    assert (verdict.status, verdict.payable) == ("layak", 750_000), [f.message for f in verdict.findings]
