"""Cohort exports (CSV, XLSX), the trainee's PDF report and the certificate, from real checklist reports."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from bimtek.errors import InputError
from scoring.checklist import DOC_SIMULATION, DOC_SOP, score_checklist
from scoring.report_export import (
    BELUM,
    CERTIFICATE_CLAIM,
    SUMMARY_SHEET,
    TERCAPAI,
    TraineeResult,
    certificate_pdf,
    certify,
    cohort_csv,
    cohort_xlsx,
    completed_modules,
    report_filename,
    trainee_pdf,
    verification_address,
)
from tests.test_checklist import NAMES, SCENARIOS, qualifying_records

DAY = dt.date(2026, 11, 23)


def qualified(name: str = "Siti Aminah") -> TraineeResult:
    attempts, exercises, documents = qualifying_records()
    report = score_checklist(attempts, exercises, documents, SCENARIOS, NAMES)
    return TraineeResult("a1", name, "Puskesmas Batch 1", report, tuple(attempts))


def missing(what: str, name: str = "Budi Santoso") -> TraineeResult:
    attempts, exercises, documents = qualifying_records()
    if what == "attempts":
        attempts = attempts[:4]
    elif what == "exercises":
        exercises = []
    else:
        documents[what] = None
    report = score_checklist(attempts, exercises, documents, SCENARIOS, NAMES)
    return TraineeResult("b2", name, "Puskesmas Batch 1", report, tuple(attempts))


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_csv_has_a_row_per_trainee_with_each_indicator():
    data = cohort_csv([qualified(), missing(DOC_SOP)])
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [r["nama"] for r in rows] == ["Siti Aminah", "Budi Santoso"]
    assert rows[0]["Implementasi SOP"] == TERCAPAI and rows[1]["Implementasi SOP"] == BELUM
    assert rows[0]["indikator_terpenuhi"] == "4/4" and rows[1]["indikator_terpenuhi"] == "3/4"
    assert rows[0]["percobaan"] == "5" and rows[1]["Praktik Pengisian Data"] == TERCAPAI


def test_xlsx_has_a_summary_and_a_sheet_per_indicator_with_evidence():
    book = load_workbook(io.BytesIO(cohort_xlsx([qualified(), missing("exercises")])))
    assert book.sheetnames == [
        SUMMARY_SHEET,
        "Pemahaman Regulasi",
        "Praktik Pengisian Data",
        "Penurunan Klaim Ditolak",
        "Implementasi SOP",
        "Statistik Butir",
    ]
    summary = list(book[SUMMARY_SHEET].values)
    assert summary[0][:2] == ("nama", "kelas") and [r[0] for r in summary[1:]] == ["Siti Aminah", "Budi Santoso"]
    regulation = list(book["Pemahaman Regulasi"].values)
    assert regulation[0][:4] == ("nama", "status", "bukti", "langkah_berikutnya")
    assert regulation[1][1] == TERCAPAI and "Permenkes 3/2023" in regulation[1][2]
    assert regulation[2][1] == BELUM and "belum dikerjakan" in regulation[2][2] and regulation[2][3]


def test_a_name_that_looks_like_a_formula_stays_text():
    book = load_workbook(io.BytesIO(cohort_xlsx([qualified("=HYPERLINK(1)")])))
    assert book[SUMMARY_SHEET]["A2"].data_type == "s"
    assert cohort_csv([qualified("=HYPERLINK(1)")]).decode("utf-8-sig").splitlines()[1].startswith("'=")


def test_trainee_pdf_names_the_trainee_and_each_indicator_with_next_steps():
    text = pdf_text(trainee_pdf(missing(DOC_SIMULATION, name="Ni Luh Ayu"), DAY))
    assert "Ni Luh Ayu" in text and "Puskesmas Batch 1" in text and "23 November 2026" in text
    assert "Penurunan Klaim Ditolak: Belum tercapai" in text and "Langkah berikutnya" in text
    assert "Implementasi SOP: Tercapai" in text and "5 percobaan" in text


def test_certificate_carries_name_claim_and_verification_code():
    certificate = certify(qualified(), "K7P2-QX9M", DAY)
    text = " ".join(pdf_text(certificate_pdf(certificate, "https://bimtek.example.id/")).split())
    assert "Siti Aminah" in text and "K7P2-QX9M" in text and CERTIFICATE_CLAIM in text
    assert "https://bimtek.example.id/verifikasi?kode=K7P2-QX9M" in text
    assert "23 November 2026" in text and "Puskesmas Batch 1" in text


def office_certificate():
    """A certificate with everything a training office asks for, as the Ekspor page fills it in."""
    from dataclasses import replace

    from bimtek.modules import load_modules

    modules = load_modules().modules
    done = [m for m in modules if m.id in ("regulasi", "piutang")]
    exercises = [
        {"module_id": m.id, "exercise_id": e.id, "item_id": item.id, "score": 1.0}
        for m in done
        for e in m.latihan
        for item in e.soal
    ]
    tarif = next(m for m in modules if m.id == "tarif")  # every exercise answered but the last: not completed
    exercises += [
        {"module_id": "tarif", "exercise_id": e.id, "item_id": item.id, "score": 1.0}
        for e in tarif.latihan[:-1]
        for item in e.soal
    ]  # one exercise: not completed
    return replace(
        certify(qualified(), "K7P2-QX9M", DAY),
        organiser="Dinas Kesehatan Kabupaten Sleman",
        trainer="dr. Siti Rahmawati",
        started_on=dt.date(2026, 11, 20),
        modules=completed_modules(modules, exercises),
    )


def test_certificate_names_organiser_trainer_dates_modules_with_jpl_and_the_four_indicators():
    certificate = office_certificate()
    # (title, JPL, teori, penugasan, praktik lapangan), as modules/regulasi.yaml and modules/piutang.yaml split them
    assert certificate.modules == (
        ("Regulasi Klaim FKTP", 3, 2, 1, 0),
        ("Piutang BPJS: Kapitasi dan Klaim", 4, 1, 2, 1),
    )
    reader = PdfReader(io.BytesIO(certificate_pdf(certificate, "https://bimtek.example.id")))
    front, back = (" ".join(page.extract_text().split()) for page in reader.pages)
    assert len(reader.pages) == 2
    assert "Dinas Kesehatan Kabupaten Sleman" in front and "dr. Siti Rahmawati" in front
    assert "Narasumber" in front and "20 November 2026 s.d. 23 November 2026" in front
    assert "2 modul tuntas, 7 JPL (1 JPL = 45 menit" in front
    assert "Regulasi Klaim FKTP 2 1 0 3" in back and "Piutang BPJS: Kapitasi dan Klaim 1 2 1 4" in back
    assert "Jumlah 3 3 1 7" in back and "PL = praktik lapangan" in back
    assert "Tarif" not in back  # started, not completed
    for aspect in certificate.indicators:
        assert aspect in back
    assert len(certificate.indicators) == 4


def test_certificate_qr_code_opens_the_public_verification_page():
    from PIL import Image

    data = certificate_pdf(office_certificate(), "https://bimtek.example.id/")
    (image,) = PdfReader(io.BytesIO(data)).pages[0].images
    picture = Image.open(io.BytesIO(image.data))
    try:
        import zxingcpp
    except ImportError:  # no decoder installed: the address is at least printed beside the code
        assert "https://bimtek.example.id/verifikasi?kode=K7P2-QX9M" in pdf_text(data)
        return
    (found,) = zxingcpp.read_barcodes(picture.convert("L"))
    assert found.text == "https://bimtek.example.id/verifikasi?kode=K7P2-QX9M"


def test_certificate_without_public_url_says_where_to_check():
    assert verification_address("ABC", None).startswith("Buka halaman 'Verifikasi Sertifikat'")
    certificate = certify(qualified(), "ABC123", DAY)
    assert "Verifikasi Sertifikat" in " ".join(pdf_text(certificate_pdf(certificate)).split())


@pytest.mark.parametrize(
    "what, aspect",
    [
        ("attempts", "Praktik Pengisian Data"),
        ("exercises", "Pemahaman Regulasi"),
        (DOC_SIMULATION, "Penurunan Klaim Ditolak"),
        (DOC_SOP, "Implementasi SOP"),
    ],
)
def test_certificate_refused_when_an_indicator_is_missing(what, aspect):
    with pytest.raises(InputError) as refused:
        certify(missing(what), "XYZ", DAY)
    assert "Budi Santoso" in str(refused.value) and aspect in str(refused.value)


def test_file_names_are_plain():
    assert report_filename("Siti Aminah, S.Kep", "laporan", "pdf") == "laporan-siti-aminah-s-kep.pdf"
