"""Exports neutralise formulas completely (issue 10 point 9): one shared function, every CSV/XLSX export."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pytest

from bimtek import io as bio
from bimtek.accounting import Payment
from bimtek.facility_figures import MonthFigures, figures_to_csv
from bimtek.ledger import build_ledger, ledger_to_xlsx, payments_to_csv
from bimtek.spreadsheet import FORMULA_STARTS, neutralise, safe_cell
from bimtek.synthetic import generate_claims
from bimtek.verification import verify_batch

HOSTILE = [
    '=HYPERLINK("http://x","klik")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "＝1+1",  # full-width equals sign: spreadsheets in CJK locales read it as '='
    "＋1+1",
    "－1+1",
    "＠SUM(A1)",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_every_formula_start_gets_an_apostrophe(text: str) -> None:
    assert neutralise(text) == "'" + text
    assert text[0] in FORMULA_STARTS


@pytest.mark.parametrize("value", [-750000, -1.5, 0, dt.date(2026, 10, 2), None, "-5", "+62", "-12,5", "Rina"])
def test_numbers_dates_and_plain_text_are_left_alone(value: object) -> None:
    assert safe_cell(value) == value


def _xlsx_values(data: bytes) -> list[object]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    values = []
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                values.append(cell.value)
    return values


def _assert_neutral(values: list[object]) -> None:
    texts = [v for v in values if isinstance(v, str)]
    assert not [t for t in texts if t[:1] in FORMULA_STARTS and not t.lstrip("+-").replace(",", "").isdigit()]


def test_verdict_exports_neutralise_formulas_and_keep_negative_amounts_as_numbers() -> None:
    claims = generate_claims(12, seed=3)
    for claim, text in zip(claims, HOSTILE, strict=False):
        claim.peserta.nama = text
        claim.pengajuan.no_klaim = text
    verdicts = verify_batch(claims)
    rows = bio.verdict_rows(claims, verdicts)
    rows[0]["jumlah_diajukan"] = -750000
    data = bio.rows_to_xlsx(rows, bio.finding_rows(claims, verdicts))
    values = _xlsx_values(data)
    _assert_neutral(values)
    assert -750000 in values and "'" + HOSTILE[0] in values
    cells = [c for row in csv.reader(io.StringIO(bio.rows_to_csv(rows).decode("utf-8-sig"))) for c in row]
    _assert_neutral(cells)
    assert "-750000" in cells and "'＝1+1" in cells


def test_ledger_payments_and_figures_exports_neutralise_formulas() -> None:
    claims = generate_claims(30, seed=5)
    for claim, text in zip(claims, HOSTILE, strict=False):
        claim.pengajuan.no_klaim = text
        claim.peserta.nama = text
    verdicts = verify_batch(claims)
    payments = [Payment(c.pengajuan.no_klaim or "x", c.pengajuan.tgl_pengajuan, 1000, i) for i, c in enumerate(claims)]
    ledger = build_ledger(claims, verdicts, payments, dt.date(2027, 6, 1))
    _assert_neutral(_xlsx_values(ledger_to_xlsx(ledger)))
    cells = [c for row in csv.reader(io.StringIO(payments_to_csv(payments).decode())) for c in row]
    _assert_neutral(cells)
    assert "'" + HOSTILE[0] in cells
    figures = figures_to_csv([MonthFigures("2026-01", "sebelum", 10, 2, 1)]).decode()
    assert figures.splitlines() == ["bulan,periode,diajukan,dikembalikan,ditolak", "2026-01,sebelum,10,2,1"]


def test_the_shared_workbook_writer_neutralises_a_trainee_named_like_a_formula() -> None:
    from bimtek.spreadsheet import Sheet, workbook_bytes
    from scoring.report_export import SUMMARY_SHEET

    data = workbook_bytes([Sheet(SUMMARY_SHEET, [{"nama": "=1+1", "kelas": "＠x", "skor": -3}], wrap=True)])
    values = _xlsx_values(data)
    assert values == ["nama", "kelas", "skor", "'=1+1", "'＠x", -3]
