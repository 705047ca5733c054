"""The receivables ledger (buku piutang) of a verified batch: payments in, per-claim status and journal, XLSX out.

A payments file (CSV/XLSX, docs/piutang.md) has one row per claim paid: no_klaim, tgl_bayar, jumlah_dibayar. Each
claim's ledger row comes from bimtek.accounting.ledger_row; kapitasi visits carry no receivable of their own.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from bimtek import accounting as acc
from bimtek.claim import Claim, JenisKlaim
from bimtek.errors import InputError
from bimtek.fmt import rupiah
from bimtek.io import MAX_ROWS, _csv_rows, _Problems, _xlsx_rows, check_size, file_label, read_header
from bimtek.limits import MAX_NUMBER_DIGITS, number_text
from bimtek.spreadsheet import Sheet, csv_bytes, workbook_bytes
from bimtek.tariff import KAPITASI_LINES
from bimtek.text_safety import shown
from bimtek.verification import Verdict

PAYMENT_COLUMNS = {
    "no_klaim": "Nomor klaim, sama dengan kolom no_klaim berkas klaim.",
    "tgl_bayar": "Tanggal uang diterima, YYYY-MM-DD (atau DD/MM/YYYY, atau sel tanggal Excel).",
    "jumlah_dibayar": "Jumlah yang dibayar BPJS dalam Rupiah, bilangan bulat (100000, 100.000 atau Rp100.000).",
}
OPTIONAL_COLUMNS = {"keterangan": "Catatan bebas (tidak diolah)."}
_AMOUNT = re.compile(r"^(?:rp\.?\s*)?(\d{1,3}(?:\.\d{3})+|\d+)(?:,0{1,2})?$", re.IGNORECASE)


# --- payments file ----------------------------------------------------------------------------------------------


def read_payments(name: str, data: bytes) -> list[acc.Payment]:
    """Payments from a CSV/XLSX file; InputError with one Indonesian message per problem (row, column, value)."""
    label = file_label(name)
    ext = PurePath(name).suffix.lower()
    problems = _Problems(label)
    if ext not in (".csv", ".xlsx"):
        ext_shown = f"'{shown(ext, 12)}'" if ext else "tanpa ekstensi"
        raise InputError([f"{label}: jenis berkas {ext_shown} tidak didukung untuk pembayaran; gunakan .csv atau .xlsx"])  # fmt: skip
    check_size(label, data)
    if not data.strip():
        raise InputError([f"{label}: berkas kosong"])
    rows = _csv_rows(data, problems) if ext == ".csv" else _xlsx_rows(data, problems)
    problems.raise_if_any()
    if not rows:
        problems.add("", "berkas kosong")
        problems.raise_if_any()
    header = _payment_header(rows[0][0], rows[0][1], problems)
    problems.raise_if_any()
    if len(rows) > MAX_ROWS + 1:
        raise InputError(
            [f"{label}: lebih dari {number_text(MAX_ROWS)} baris pembayaran; bagi menjadi beberapa berkas"]
        )
    payments: list[acc.Payment] = []
    first_row: dict[str, int] = {}
    for number, cells in rows[1:]:
        values = {header[i]: cell for i, cell in enumerate(cells) if i in header}
        payment = _payment(number, values, problems)
        if payment is None:
            continue
        if payment.no_klaim in first_row:
            problems.add(
                f"baris {number}, kolom 'no_klaim'",
                f"'{shown(payment.no_klaim)}' sudah ada di baris {first_row[payment.no_klaim]}; satu baris per klaim "
                "(jumlahkan pembayaran yang terpisah)",
            )
            continue
        first_row[payment.no_klaim] = number
        payments.append(payment)
    if len(rows) == 1:
        problems.add(f"baris {rows[0][0]}", "hanya ada judul kolom; tidak ada baris pembayaran")
    problems.raise_if_any()
    return payments


def _payment_header(number: int, cells: list[Any], problems: _Problems) -> dict[int, str]:
    known = [*PAYMENT_COLUMNS, *OPTIONAL_COLUMNS]
    hint = f"kolom yang dikenal: {', '.join(sorted(known))}"
    return read_header(number, cells, known, list(PAYMENT_COLUMNS), problems, hint)


def _payment(number: int, values: dict[str, Any], problems: _Problems) -> acc.Payment | None:
    before = problems.count
    no_klaim = str(values.get("no_klaim") or "").strip()
    if not no_klaim:
        problems.add(f"baris {number}, kolom 'no_klaim'", "wajib diisi")
    day = _date(values.get("tgl_bayar"))
    if day is None:
        cell = values.get("tgl_bayar")
        what = f"'{shown(cell)}' bukan tanggal" if cell not in (None, "") else "wajib diisi"
        problems.add(f"baris {number}, kolom 'tgl_bayar'", f"{what} (format YYYY-MM-DD atau DD/MM/YYYY)")
    amount = _amount(values.get("jumlah_dibayar"))
    if amount is None:
        cell = values.get("jumlah_dibayar")
        what = f"'{shown(cell)}' bukan jumlah Rupiah" if cell not in (None, "") else "wajib diisi"
        problems.add(f"baris {number}, kolom 'jumlah_dibayar'", f"{what} (bilangan bulat tidak negatif, mis. 100000)")
    if problems.count > before or day is None or amount is None:
        return None
    return acc.Payment(no_klaim, day, amount, number)


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _amount(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if isinstance(value, float):
        return int(value) if value.is_integer() and value >= 0 else None
    match = _AMOUNT.match(str(value or "").strip().replace(" ", ""))
    if match is None or len(match.group(1)) > MAX_NUMBER_DIGITS:
        return None
    return int(match.group(1).replace(".", ""))


def payments_to_csv(payments: Sequence[acc.Payment]) -> bytes:
    """A payments file in the documented columns (the generated month's download, and the example file)."""
    rows = [{"no_klaim": p.no_klaim, "tgl_bayar": p.date, "jumlah_dibayar": p.amount} for p in payments]
    return csv_bytes(list(PAYMENT_COLUMNS), rows, bom=False)


# --- generated payments -----------------------------------------------------------------------------------------


def generate_payments(
    claims: Sequence[Claim], verdicts: Sequence[Verdict], seed: int, unpaid_share: float = 0.15
) -> list[acc.Payment]:
    """What BPJS pays for a generated month: each payable claim its verified amount, 10-25 days after it was sent.

    About `unpaid_share` of the payable claims are not paid yet; returned and rejected claims are not paid. One in
    three inpatient stays of two days or more is approved for one day less (a selisih kurang to book, facts §7).
    """
    rng = random.Random(seed)
    out = []
    for claim, verdict in zip(claims, verdicts, strict=True):
        p = claim.pengajuan
        if not _is_receivable(claim) or not verdict.is_paid or rng.random() < unpaid_share:
            continue
        amount = verdict.payable
        rate = claim.fasilitas.tarif_rawat_inap_per_hari
        if p.layanan == "rawat_inap" and rate and amount >= 2 * rate and rng.random() < 1 / 3:
            amount -= rate
        out.append(acc.Payment(p.no_klaim, p.tgl_pengajuan + dt.timedelta(days=rng.randint(10, 25)), amount))
    return out


# --- the ledger -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LedgerItem:
    claim: Claim
    verdict: Verdict
    row: acc.LedgerRow


@dataclass(frozen=True)
class Ledger:
    as_of: dt.date
    items: tuple[LedgerItem, ...]
    kapitasi_visits: int  # claims without a receivable of their own (kapitasi, nothing claimed)
    warnings: tuple[str, ...]

    @property
    def entries(self) -> list[tuple[LedgerItem, acc.JournalEntry]]:
        pairs = [(item, entry) for item in self.items for entry in item.row.entries]
        return sorted(pairs, key=lambda pair: pair[1].date)

    def totals(self) -> dict[str, int]:
        rows = [item.row for item in self.items]
        booked = [r for r in rows if r.status != "belum_diajukan"]
        return {
            "klaim": len(booked),
            "diajukan": sum(r.claimed for r in booked),
            "diakui": sum(r.recognised for r in booked),
            "dibayar": sum(r.paid for r in rows),
            "selisih_lebih": sum(r.difference for r in rows if r.difference > 0),
            "selisih_kurang": -sum(r.difference for r in rows if r.difference < 0),
            "dikoreksi_ditolak": sum(r.recognised for r in rows if r.status == "ditolak"),
            "dihapus_kedaluwarsa": sum(r.recognised for r in rows if r.status == "kedaluwarsa"),
            "sisa_piutang": sum(r.outstanding for r in rows),
            "mendekati_kedaluwarsa": sum(r.near_expiry for r in rows),
        }

    def status_counts(self) -> dict[str, int]:
        counts = Counter(item.row.status for item in self.items)
        return {status: counts[status] for status in acc.STATUS_LABELS if counts[status]}

    def ageing(self) -> dict[str, int]:
        """Outstanding receivable per ageing bucket (every bucket, zero included)."""
        out = {label: 0 for label, _, _ in acc.AGEING_BUCKETS}
        for item in self.items:
            if item.row.outstanding:
                out[item.row.ageing] += item.row.outstanding
        return out


def _is_receivable(claim: Claim) -> bool:
    p = claim.pengajuan
    return p.jenis_klaim != JenisKlaim.KAPITASI and p.layanan not in KAPITASI_LINES and p.jumlah_diajukan > 0


def build_ledger(
    claims: Sequence[Claim], verdicts: Sequence[Verdict], payments: Sequence[acc.Payment], as_of: dt.date
) -> Ledger:
    """Each non-kapitasi claim's ledger row by `as_of`; a payment before its claim was sent is an InputError."""
    by_number: dict[str, list[acc.Payment]] = {}
    for pay in payments:
        by_number.setdefault(pay.no_klaim, []).append(pay)
    items: list[LedgerItem] = []
    problems: list[str] = []
    skipped = 0
    for i, (claim, verdict) in enumerate(zip(claims, verdicts, strict=True), start=1):
        p = claim.pengajuan
        if not _is_receivable(claim):
            skipped += 1
            continue
        payment = by_number[p.no_klaim].pop(0) if by_number.get(p.no_klaim) else None
        if payment is not None and payment.date < p.tgl_pengajuan:
            problems.append(
                f"pembayaran baris {payment.row}, kolom 'tgl_bayar': '{payment.date.isoformat()}' sebelum klaim "
                f"'{p.no_klaim}' diajukan ({p.tgl_pengajuan.isoformat()})"
            )
            continue
        number = p.no_klaim or f"(klaim ke-{i})"
        row = acc.ledger_row(
            number,
            verdict.status,
            claim.service_end(),
            p.tgl_pengajuan,
            p.jumlah_diajukan,
            payment,
            as_of,
            p.layanan,
            own_tariff=p.tarif_fasilitas,
        )
        items.append(LedgerItem(claim, verdict, row))
    if problems:
        raise InputError(problems)
    warnings = [
        f"pembayaran baris {pay.row}: no_klaim '{pay.no_klaim}' tidak ada di berkas klaim; tidak dibukukan"
        for left in by_number.values()
        for pay in left
    ]
    return Ledger(as_of, tuple(items), skipped, tuple(warnings))


# --- tables and exports -----------------------------------------------------------------------------------------


def ledger_rows(ledger: Ledger) -> list[dict[str, Any]]:
    """The buku piutang: one row per claim (column names are those of docs/piutang.md)."""
    rows = []
    for item in ledger.items:
        r, claim = item.row, item.claim
        rows.append(
            {
                "no_klaim": r.no_klaim,
                "nama_peserta": claim.peserta.nama,
                "layanan": claim.pengajuan.layanan,
                "hasil_verifikasi": item.verdict.status_label,
                "status": r.status,
                "keterangan_status": acc.STATUS_LABELS[r.status],
                "tgl_layanan_selesai": r.service_end,
                "tgl_pengajuan": r.submitted,
                "jumlah_diajukan": r.claimed,
                "piutang_diakui": r.recognised,
                "jumlah_dibayar": r.paid,
                "selisih": r.difference,
                "sisa_piutang": r.outstanding,
                "umur_piutang": r.ageing,
                "hari_menuju_kedaluwarsa": r.days_to_expiry if r.status == "dikembalikan" else None,
                "mendekati_kedaluwarsa": r.near_expiry,
                "kode_temuan": "; ".join(item.verdict.rule_codes()),
            }
        )
    return rows


def journal_rows(ledger: Ledger) -> list[dict[str, Any]]:
    """The journal: one row per line, in date order."""
    rows = []
    for item, entry in ledger.entries:
        for line in entry.lines:
            rows.append(
                {
                    "tanggal": entry.date,
                    "no_klaim": item.row.no_klaim,
                    "keterangan": entry.description,
                    "akun": line.account,
                    "debit": line.debit or None,
                    "kredit": line.credit or None,
                    "belum_pasti": entry.uncertain,
                    "sumber": entry.source,
                }
            )
    return rows


def summary_rows(ledger: Ledger) -> list[dict[str, Any]]:
    labels = {
        "klaim": "Klaim non-kapitasi dibukukan",
        "diajukan": "Jumlah ditagihkan ke BPJS",
        "diakui": "Piutang diakui saat pengajuan (tarif fasilitas)",
        "dibayar": "Kas diterima dari BPJS",
        "selisih_lebih": "Selisih lebih perhitungan klaim",
        "selisih_kurang": "Selisih kurang perhitungan klaim",
        "dikoreksi_ditolak": "Dikoreksi: klaim ditolak",
        "dihapus_kedaluwarsa": "Dihapus: klaim kedaluwarsa",
        "sisa_piutang": "Sisa piutang",
        "mendekati_kedaluwarsa": "Klaim dikembalikan mendekati kedaluwarsa (≤30 hari)",
    }
    rows: list[dict[str, Any]] = [{"uraian": "Per tanggal", "nilai": ledger.as_of}]
    rows += [{"uraian": labels[k], "nilai": v} for k, v in ledger.totals().items()]
    rows += [{"uraian": f"Sisa piutang umur {k}", "nilai": v} for k, v in ledger.ageing().items()]
    rows.append(
        {"uraian": "Kunjungan kapitasi / tanpa tagihan (bukan piutang per klaim)", "nilai": ledger.kapitasi_visits}
    )
    return rows


def _ledger_format(name: str, value: Any) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return "#,##0"
    return "yyyy-mm-dd" if isinstance(value, dt.date) else None


def ledger_to_xlsx(ledger: Ledger) -> bytes:
    """A workbook with the sheets 'Buku Piutang', 'Jurnal' and 'Ringkasan' (rows near expiry highlighted)."""
    sheets = []
    for title, rows in (("Buku Piutang", ledger_rows(ledger)), ("Jurnal", journal_rows(ledger)), ("Ringkasan", summary_rows(ledger))):  # fmt: skip
        near = bool(rows) and "mendekati_kedaluwarsa" in rows[0]
        highlight = (lambda row: bool(row.get("mendekati_kedaluwarsa"))) if near else None
        sheets.append(Sheet(title, rows, list(rows[0]) if rows else ["no_klaim"], _ledger_format, highlight))
    return workbook_bytes(sheets)


def ledger_json(ledger: Ledger) -> dict[str, Any]:
    def plain(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{k: v.isoformat() if isinstance(v, dt.date) else v for k, v in row.items()} for row in rows]

    return {
        "per_tanggal": ledger.as_of.isoformat(),
        "ringkasan": ledger.totals(),
        "umur_piutang": ledger.ageing(),
        "jumlah_per_status": ledger.status_counts(),
        "kunjungan_kapitasi": ledger.kapitasi_visits,
        "peringatan": list(ledger.warnings),
        "buku_piutang": plain(ledger_rows(ledger)),
        "jurnal": plain(journal_rows(ledger)),
    }


def summary_text(ledger: Ledger) -> str:
    t = ledger.totals()
    return (
        f"{t['klaim']} klaim: ditagihkan {rupiah(t['diajukan'])}, diakui {rupiah(t['diakui'])}, kas diterima {rupiah(t['dibayar'])}, selisih lebih "
        f"{rupiah(t['selisih_lebih'])}, selisih kurang {rupiah(t['selisih_kurang'])}, dikoreksi (ditolak) "
        f"{rupiah(t['dikoreksi_ditolak'])}, dihapus (kedaluwarsa) {rupiah(t['dihapus_kedaluwarsa'])}; sisa piutang "
        f"{rupiah(t['sisa_piutang'])}"
    )
