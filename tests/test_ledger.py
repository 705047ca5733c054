"""The receivables ledger of a verified batch: generated month, the example files, payments parsing, XLSX export."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import openpyxl
import pytest

from bimtek import accounting as acc
from bimtek import ledger as lg
from bimtek.errors import InputError
from bimtek.io import read_claims
from bimtek.synthetic import generate_batch
from bimtek.verification import verify_batch

ROOT = Path(__file__).resolve().parent.parent
CLAIMS = ROOT / "examples" / "contoh-batch.csv"
PAYMENTS = ROOT / "examples" / "contoh-pembayaran.csv"


def example_ledger(as_of: dt.date) -> lg.Ledger:
    claims = read_claims(CLAIMS.name, CLAIMS.read_bytes())
    payments = lg.read_payments(PAYMENTS.name, PAYMENTS.read_bytes())
    return lg.build_ledger(claims, verify_batch(claims), payments, as_of)


def reconciles(ledger: lg.Ledger) -> bool:
    """Recognised = cash - selisih lebih + selisih kurang + corrected + written off + still outstanding."""
    t = ledger.totals()
    closed = t["dibayar"] - t["selisih_lebih"] + t["selisih_kurang"] + t["dikoreksi_ditolak"] + t["dihapus_kedaluwarsa"]
    return t["diakui"] == closed + t["sisa_piutang"]


def test_example_files_give_the_ledger_a_treasurer_would_book():
    ledger = example_ledger(dt.date(2027, 3, 20))
    status = {item.row.no_klaim: item.row.status for item in ledger.items}
    assert status == {
        "KL-2026-10-001": "dibayar",
        "KL-2026-10-002": "dikembalikan",
        "KL-2026-10-003": "dibayar",
        "KL-2026-10-004": "dibayar",  # returned, refiled and paid one day less
        "KL-2026-10-005": "dikembalikan",
        "KL-2026-10-006": "dibayar",
        "KL-2026-10-007": "ditolak",
        "KL-2026-10-009": "dikembalikan",
        "KL-2026-10-011": "ditolak",
        "KL-2026-10-012": "dibayar",
    }
    assert ledger.kapitasi_visits == 2  # the two rawat_jalan visits carry no receivable
    assert ledger.totals() == {
        "klaim": 10,
        "diajukan": 2_510_000,
        "diakui": 2_360_000,  # KL-2026-10-003 recognised at its own tariff Rp600.000, billed at the package
        "dibayar": 1_100_000,
        "selisih_lebih": 150_000,
        "selisih_kurang": 250_000,
        "dikoreksi_ditolak": 40_000,
        "dihapus_kedaluwarsa": 0,
        "sisa_piutang": 1_120_000,
        "mendekati_kedaluwarsa": 3,
    }
    assert reconciles(ledger)
    assert ledger.ageing()["91-180 hari"] == 1_120_000


def test_returned_claims_expire_six_months_after_service_and_are_written_off():
    ledger = example_ledger(dt.date(2027, 4, 20))
    expired = {i.row.no_klaim for i in ledger.items if i.row.status == "kedaluwarsa"}
    assert expired == {"KL-2026-10-002", "KL-2026-10-005", "KL-2026-10-009"}
    assert ledger.totals()["dihapus_kedaluwarsa"] == 1_120_000 and ledger.totals()["sisa_piutang"] == 0
    written_off = [e for _, e in ledger.entries if e.lines[0].account == acc.BEBAN_PENGHAPUSAN]
    assert len(written_off) == 3 and all(e.uncertain for e in written_off)


def test_before_the_payment_date_a_refiled_claim_is_still_returned():
    ledger = example_ledger(dt.date(2026, 12, 1))
    row = next(i.row for i in ledger.items if i.row.no_klaim == "KL-2026-10-004")
    assert (row.status, row.outstanding, row.ageing) == ("dikembalikan", 500_000, "0-30 hari")


@pytest.mark.parametrize("seed", [1, 3, 5, 7])
def test_ledger_of_a_generated_month_follows_verdicts_and_payments(seed):
    claims = [item.claim for item in generate_batch(45, seed)]
    verdicts = verify_batch(claims)
    payments = lg.generate_payments(claims, verdicts, seed)
    assert payments == lg.generate_payments(claims, verdicts, seed)
    paid = {p.no_klaim for p in payments}
    ledger = lg.build_ledger(claims, verdicts, payments, dt.date(2027, 1, 31))
    assert len(ledger.items) + ledger.kapitasi_visits == len(claims)
    for item in ledger.items:
        row = item.row
        if row.no_klaim in paid:
            assert row.status == "dibayar" and row.outstanding == 0
        elif item.verdict.status == "ditolak":
            assert row.status == "ditolak"
        elif item.verdict.status == "dikembalikan":
            assert row.status == "dikembalikan" and row.outstanding == row.claimed
        else:
            assert row.status == "diajukan"
        assert all(entry.balanced for entry in row.entries)
    assert reconciles(ledger)


def test_generated_payments_never_pay_returned_or_rejected_claims():
    claims = [item.claim for item in generate_batch(60, 11)]
    verdicts = verify_batch(claims)
    by_number = {c.pengajuan.no_klaim: v for c, v in zip(claims, verdicts, strict=True)}
    payments = lg.generate_payments(claims, verdicts, 11)
    assert payments and all(by_number[p.no_klaim].is_paid for p in payments)


def test_near_expiry_claims_are_highlighted_in_the_xlsx_and_every_sheet_is_there():
    ledger = example_ledger(dt.date(2027, 3, 20))
    book = openpyxl.load_workbook(io.BytesIO(lg.ledger_to_xlsx(ledger)))
    assert book.sheetnames == ["Buku Piutang", "Jurnal", "Ringkasan"]
    sheet = book["Buku Piutang"]
    header = [c.value for c in sheet[1]]
    flagged = [r for r in sheet.iter_rows(min_row=2) if r[header.index("mendekati_kedaluwarsa")].value == "ya"]
    assert len(flagged) == 3 and all(r[0].fill.fgColor.rgb.endswith("FFE699") for r in flagged)
    journal = list(book["Jurnal"].iter_rows(min_row=2, values_only=True))
    jheader = [c.value for c in book["Jurnal"][1]]
    debit, credit = jheader.index("debit"), jheader.index("kredit")
    assert sum(r[debit] or 0 for r in journal) == sum(r[credit] or 0 for r in journal)
    assert len(journal) == sum(len(e.lines) for _, e in ledger.entries)


def test_unmatched_payments_are_warnings_not_bookings():
    claims = read_claims(CLAIMS.name, CLAIMS.read_bytes())
    payments = [acc.Payment("KL-TIDAK-ADA", dt.date(2026, 11, 24), 10_000, 7)]
    ledger = lg.build_ledger(claims, verify_batch(claims), payments, dt.date(2026, 12, 1))
    assert ledger.warnings == (
        "pembayaran baris 7: no_klaim 'KL-TIDAK-ADA' tidak ada di berkas klaim; tidak dibukukan",
    )
    assert ledger.totals()["dibayar"] == 0


def test_a_payment_dated_before_the_claim_was_sent_is_refused():
    claims = read_claims(CLAIMS.name, CLAIMS.read_bytes())
    payments = [acc.Payment("KL-2026-10-001", dt.date(2026, 10, 1), 60_000, 2)]
    with pytest.raises(InputError) as caught:
        lg.build_ledger(claims, verify_batch(claims), payments, dt.date(2026, 12, 1))
    assert caught.value.problems == [
        "pembayaran baris 2, kolom 'tgl_bayar': '2026-10-01' sebelum klaim 'KL-2026-10-001' diajukan (2026-11-05)"
    ]


# --- payments file ------------------------------------------------------------------------------------------------


def payment_problems(text: str, name: str = "bayar.csv") -> list[str]:
    with pytest.raises(InputError) as caught:
        lg.read_payments(name, text.encode("utf-8"))
    return caught.value.problems


def test_example_payments_file_reads():
    payments = lg.read_payments(PAYMENTS.name, PAYMENTS.read_bytes())
    assert [(p.no_klaim, p.amount) for p in payments][:2] == [("KL-2026-10-001", 60_000), ("KL-2026-10-003", 750_000)]
    assert payments[0].date == dt.date(2026, 11, 24) and payments[0].row == 2


@pytest.mark.parametrize(
    ("cell", "amount"),
    [("100000", 100_000), ("100.000", 100_000), ("Rp100.000", 100_000), ("Rp 1.250.000,00", 1_250_000), ("0", 0)],
)
def test_amounts_are_read_the_way_indonesian_spreadsheets_write_them(cell, amount):
    text = f'no_klaim;tgl_bayar;jumlah_dibayar\nK1;24/11/2026;"{cell}"\n'
    (payment,) = lg.read_payments("bayar.csv", text.encode("utf-8"))
    assert (payment.amount, payment.date) == (amount, dt.date(2026, 11, 24))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no_klaim,tgl_bayar\nK1,2026-11-24\n", ["bayar.csv: baris 1: kolom wajib 'jumlah_dibayar' tidak ada"]),
        (
            "no_klaim,tanggal_bayar,jumlah_dibayar\nK1,2026-11-24,1000\n",
            [
                "bayar.csv: baris 1: kolom 'tanggal_bayar' tidak dikenal; maksud Anda 'tgl_bayar'?",
                "bayar.csv: baris 1: kolom wajib 'tgl_bayar' tidak ada",
            ],
        ),
        (
            "no_klaim,tgl_bayar,jumlah_dibayar\nK1,24-13-2026,1000\nK2,2026-11-24,seratus\n,2026-11-24,-5\n",
            [
                "bayar.csv: baris 2, kolom 'tgl_bayar': '24-13-2026' bukan tanggal (format YYYY-MM-DD atau DD/MM/YYYY)",
                "bayar.csv: baris 3, kolom 'jumlah_dibayar': 'seratus' bukan jumlah Rupiah (bilangan bulat tidak negatif, mis. 100000)",
                "bayar.csv: baris 4, kolom 'no_klaim': wajib diisi",
                "bayar.csv: baris 4, kolom 'jumlah_dibayar': '-5' bukan jumlah Rupiah (bilangan bulat tidak negatif, mis. 100000)",
            ],
        ),
        (
            "no_klaim,tgl_bayar,jumlah_dibayar\nK1,2026-11-24,1000\nK1,2026-11-25,500\n",
            [
                "bayar.csv: baris 3, kolom 'no_klaim': 'K1' sudah ada di baris 2; satu baris per klaim (jumlahkan pembayaran yang terpisah)"
            ],
        ),
        (
            "no_klaim,tgl_bayar,jumlah_dibayar\n",
            ["bayar.csv: baris 1: hanya ada judul kolom; tidak ada baris pembayaran"],
        ),
        ("", ["bayar.csv: berkas kosong"]),
    ],
)
def test_bad_payments_files_name_row_column_and_value(text, expected):
    assert payment_problems(text) == expected


def test_unsupported_payment_file_types_are_named():
    assert payment_problems("x", "bayar.xls") == [
        "bayar.xls: jenis berkas '.xls' tidak didukung untuk pembayaran; gunakan .csv atau .xlsx"
    ]


def test_payments_from_an_excel_workbook_with_date_cells(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["no_klaim", "tgl_bayar", "jumlah_dibayar", "keterangan"])
    book.active.append(["KL-2026-10-003", dt.datetime(2026, 11, 24), 750000.0, None])
    book.active.append(["KL-2026-10-006", "2026-11-24", 20000, "transfer"])
    out = io.BytesIO()
    book.save(out)
    payments = lg.read_payments("bayar.xlsx", out.getvalue())
    assert [(p.no_klaim, p.date, p.amount, p.row) for p in payments] == [
        ("KL-2026-10-003", dt.date(2026, 11, 24), 750_000, 2),
        ("KL-2026-10-006", dt.date(2026, 11, 24), 20_000, 3),
    ]


def test_payments_csv_round_trip():
    payments = [acc.Payment("K1", dt.date(2026, 11, 24), 60_000, 2), acc.Payment("K2", dt.date(2026, 12, 1), 5, 3)]
    assert lg.read_payments("x.csv", lg.payments_to_csv(payments)) == payments


def test_docs_list_exactly_the_payment_columns_the_code_reads():
    doc = (ROOT / "docs" / "piutang.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", doc, flags=re.MULTILINE))
    assert set(lg.PAYMENT_COLUMNS) | set(lg.OPTIONAL_COLUMNS) <= documented
    for status in acc.STATUS_LABELS:
        assert f"`{status}`" in doc
    for account in acc.ACCOUNTS:
        assert account in doc


ARTICLE_CLAIM = ROOT / "examples" / "contoh-ranap-artikel-piutang.yaml"
ARTICLE_PAYMENT = ROOT / "examples" / "contoh-pembayaran-artikel-piutang.csv"


def test_the_piutang_articles_example_is_paid_with_selisih_lebih_not_returned():
    """Own tariff Rp75.000 recognised, package Rp100.000 billed and paid: selisih lebih Rp25.000 (the article)."""
    claims = read_claims(ARTICLE_CLAIM.name, ARTICLE_CLAIM.read_bytes())
    payments = lg.read_payments(ARTICLE_PAYMENT.name, ARTICLE_PAYMENT.read_bytes())
    verdicts = verify_batch(claims)
    assert [(v.status, v.payable) for v in verdicts] == [("layak", 100_000)]

    ledger = lg.build_ledger(claims, verdicts, payments, dt.date(2019, 3, 31))

    [item] = ledger.items
    row = item.row
    assert (row.status, row.claimed, row.recognised, row.paid, row.difference) == ("dibayar", 100_000, 75_000, 100_000, 25_000)  # fmt: skip
    recognition, settlement = row.entries
    assert [(ln.account, ln.debit, ln.credit) for ln in recognition.lines] == [
        (acc.PIUTANG_RANAP, 75_000, 0),
        (acc.PENDAPATAN_NON_KAPITASI, 0, 75_000),
    ]
    assert [(ln.account, ln.debit, ln.credit) for ln in settlement.lines] == [
        (acc.KAS, 100_000, 0),
        (acc.PIUTANG_RANAP, 0, 75_000),
        (acc.SELISIH_LEBIH, 0, 25_000),
    ]
    assert ledger.totals()["selisih_lebih"] == 25_000 and reconciles(ledger)
    [book_row] = lg.ledger_rows(ledger)
    assert (book_row["jumlah_diajukan"], book_row["piutang_diakui"], book_row["selisih"]) == (100_000, 75_000, 25_000)


def test_own_tariff_is_the_receivable_also_when_returned_rejected_or_written_off():
    day, sent = dt.date(2026, 3, 5), dt.date(2026, 3, 6)
    returned = acc.ledger_row("R", "dikembalikan", day, sent, 100_000, None, dt.date(2026, 4, 1), own_tariff=75_000)
    rejected = acc.ledger_row("T", "ditolak", day, sent, 100_000, None, dt.date(2026, 4, 1), own_tariff=75_000)
    expired = acc.ledger_row("K", "dikembalikan", day, sent, 100_000, None, dt.date(2026, 12, 1), own_tariff=75_000)
    assert returned.outstanding == 75_000
    assert rejected.entries[-1].lines[0].debit == 75_000 and rejected.outstanding == 0
    assert expired.status == "kedaluwarsa" and expired.entries[-1].lines[0].debit == 75_000
