"""Piutang BPJS: kapitasi and KBK, non-kapitasi receivables, journal entries, settlement differences, ageing.

Sources: seed 004 (recognition and settlement examples), facts §2.1-2.2 (tariffs, KBK) and §7 (accounting practice).
Account names follow seed 004; where the facts sheet marks a journal line uncertain, the line says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from bimtek.deadlines import expiry_date
from bimtek.reference import load_reference

# Account names (seed 004; facts §7).
PIUTANG_KAPITASI = "Piutang Kapitasi BPJS"
PIUTANG_RANAP = "Piutang BPJS Rawat Inap"
PENDAPATAN_KAPITASI = "Pendapatan Kapitasi JKN"
PENDAPATAN_NON_KAPITASI = "Pendapatan Rawat Inap dan Persalinan"
KAS = "Kas/Bank Bendahara Puskesmas"
SELISIH_LEBIH = "Selisih Lebih Perhitungan Klaim"
SELISIH_KURANG = "Selisih Kurang Perhitungan Klaim"
BEBAN_PENGHAPUSAN = "Beban Penghapusan Piutang"


@dataclass(frozen=True)
class JournalLine:
    account: str
    debit: int
    credit: int
    explanation: str


@dataclass(frozen=True)
class JournalEntry:
    date: dt.date
    description: str
    lines: tuple[JournalLine, ...]
    source: str
    uncertain: bool = False

    @property
    def balanced(self) -> bool:
        return sum(line.debit for line in self.lines) == sum(line.credit for line in self.lines)


# --- kapitasi ------------------------------------------------------------------------------------------------


def kapitasi_amount(participants: int, rate: int, payout_percent: float = 100.0) -> int:
    """Registered participants x rate per participant per month, times the KBK payout (facts §2.1-2.2).

    Rounded to the rupiah, half up: 1.000 x Rp3.000 at 100% = Rp3.000.000 (seed 004).
    """
    if participants < 0 or rate < 0:
        raise ValueError("participants and rate must not be negative")
    exact = Decimal(participants) * Decimal(rate) * Decimal(str(payout_percent)) / Decimal(100)
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def kapitasi_rate(jenis: str, rasio_dokter: str, dokter_gigi: bool, day: dt.date) -> int | None:
    """The Permenkes 3/2023 Ps 6(1) base rate for the facility, or None if the table has no such row."""
    row = load_reference().kapitasi_rate(jenis, rasio_dokter, dokter_gigi, day)
    return None if row is None else int(row["tarif"])


def kapitasi_recognition(day: dt.date, amount: int) -> JournalEntry:
    return JournalEntry(
        date=day,
        description="Pengakuan piutang kapitasi bulan berjalan",
        lines=(
            JournalLine(PIUTANG_KAPITASI, amount, 0, "Hak kapitasi bulan ini timbul: peserta terdaftar x tarif."),
            JournalLine(PENDAPATAN_KAPITASI, 0, amount, "Pendapatan kapitasi diakui pada bulan haknya timbul."),
        ),
        source="seed 004 (piutang kapitasi BPJS); facts §7 (S31)",
    )


def kapitasi_settlement(day: dt.date, amount: int) -> JournalEntry:
    return JournalEntry(
        date=day,
        description="Pelunasan piutang kapitasi (dibayar BPJS paling lambat tanggal 15)",
        lines=(
            JournalLine(KAS, amount, 0, "Dana kapitasi diterima di rekening bendahara."),
            JournalLine(PIUTANG_KAPITASI, 0, amount, "Piutang kapitasi lunas."),
        ),
        source="seed 004; tanggal bayar facts §2.4 (S8, S9, S44)",
    )


# --- KBK (Peraturan BPJS Kesehatan 7/2019; facts §2.2) ----------------------------------------------------------

KBK_WEIGHTS = {"ak": 0.40, "rrns": 0.50, "rppt": 0.10}


def rate_angka_kontak(per_mille: float) -> int:
    """AK rating: >=150 -> 4, >145-<150 -> 3, >140-145 -> 2, <=140 -> 1."""
    if per_mille >= 150:
        return 4
    if per_mille > 145:
        return 3
    if per_mille > 140:
        return 2
    return 1


def rate_rrns(percent: float) -> int:
    """RRNS rating: <=2% -> 4, >2-2.5% -> 3, >2.5-3% -> 2, >3% -> 1."""
    if percent <= 2:
        return 4
    if percent <= 2.5:
        return 3
    if percent <= 3:
        return 2
    return 1


def rate_rppt(percent: float) -> int:
    """RPPT rating: >=5% -> 4, 4-<5% -> 3, 3-<4% -> 2, <3% -> 1."""
    if percent >= 5:
        return 4
    if percent >= 4:
        return 3
    if percent >= 3:
        return 2
    return 1


@dataclass(frozen=True)
class KbkResult:
    ratings: dict[str, int]
    score: float
    payout_percent: float


def kbk_payout_percent(score: float, puskesmas: bool) -> float:
    """Share of kapitasi paid: 4 -> 100%; 3-<4 -> 95/97%; 2-<3 -> 90/96%; 1-<2 -> 85/95% (Puskesmas/klinik-RS D)."""
    if score >= 4:
        return 100.0
    if score >= 3:
        return 95.0 if puskesmas else 97.0
    if score >= 2:
        return 90.0 if puskesmas else 96.0
    return 85.0 if puskesmas else 95.0


def kbk_score(ak_per_mille: float, rrns_percent: float, rppt_percent: float, puskesmas: bool) -> KbkResult:
    ratings = {
        "ak": rate_angka_kontak(ak_per_mille),
        "rrns": rate_rrns(rrns_percent),
        "rppt": rate_rppt(rppt_percent),
    }
    score = round(sum(KBK_WEIGHTS[k] * r for k, r in ratings.items()), 2)
    return KbkResult(ratings=ratings, score=score, payout_percent=kbk_payout_percent(score, puskesmas))


# --- non-kapitasi ------------------------------------------------------------------------------------------------


def non_kapitasi_recognition(day: dt.date, amount: int, what: str = "klaim rawat inap") -> JournalEntry:
    return JournalEntry(
        date=day,
        description=f"Pengakuan piutang saat pengajuan {what}",
        lines=(
            JournalLine(PIUTANG_RANAP, amount, 0, "Piutang diakui saat klaim diajukan, sebesar nilai yang diakui."),
            JournalLine(PENDAPATAN_NON_KAPITASI, 0, amount, "Pendapatan-LO atas layanan yang diklaim."),
        ),
        source="seed 004 (piutang BPJS rawat inap); facts §7 (S30)",
    )


def non_kapitasi_settlement(day: dt.date, recognised: int, paid: int) -> JournalEntry:
    """Cash at the amount paid, the receivable cleared, the difference to selisih lebih or kurang."""
    lines = [JournalLine(KAS, paid, 0, "Pembayaran klaim diterima dari BPJS.")]
    diff = paid - recognised
    if diff < 0:
        lines.append(
            JournalLine(
                SELISIH_KURANG,
                -diff,
                0,
                "BPJS membayar kurang dari piutang yang diakui (uncertain: nama akun; facts §7 S33).",
            )
        )
    lines.append(JournalLine(PIUTANG_RANAP, 0, recognised, "Piutang klaim dihapus dari buku karena lunas."))
    if diff > 0:
        lines.append(
            JournalLine(SELISIH_LEBIH, 0, diff, "Paket yang dibayar lebih besar dari nilai yang diakui (seed 004).")
        )
    return JournalEntry(
        date=day,
        description="Pelunasan piutang klaim non-kapitasi",
        lines=tuple(lines),
        source="seed 004 (selisih lebih perhitungan klaim); selisih kurang: facts §7 (uncertain)",
        uncertain=diff < 0,
    )


def write_off(day: dt.date, amount: int) -> JournalEntry:
    return JournalEntry(
        date=day,
        description="Penghapusan piutang klaim kedaluwarsa (lewat 6 bulan)",
        lines=(
            JournalLine(BEBAN_PENGHAPUSAN, amount, 0, "Klaim tidak dapat ditagih lagi setelah 6 bulan."),
            JournalLine(PIUTANG_RANAP, 0, amount, "Piutang dihapus dari buku."),
        ),
        source="Perpres 82/2018 Ps 77 (kedaluwarsa); kebijakan penghapusan: facts §7 (uncertain)",
        uncertain=True,
    )


# --- ageing ------------------------------------------------------------------------------------------------------

AGEING_BUCKETS: tuple[tuple[str, int, int | None], ...] = (
    ("0-30 hari", 0, 30),
    ("31-60 hari", 31, 60),
    ("61-90 hari", 61, 90),
    ("91-180 hari", 91, 180),
    ("> 180 hari", 181, None),
)


def ageing_bucket(submitted: dt.date, as_of: dt.date) -> str:
    days = max(0, (as_of - submitted).days)
    for label, low, high in AGEING_BUCKETS:
        if days >= low and (high is None or days <= high):
            return label
    return AGEING_BUCKETS[-1][0]


def days_to_expiry(service_end: dt.date, as_of: dt.date) -> int:
    """Days left before a claim for this service can no longer be filed (negative once expired)."""
    return (expiry_date(service_end) - as_of).days


# --- receivables ledger ------------------------------------------------------------------------------------------

STATUS_LABELS = {
    "diajukan": "Diajukan, menunggu pembayaran",
    "dibayar": "Dibayar",
    "dikembalikan": "Dikembalikan, tetap piutang sampai diajukan ulang",
    "ditolak": "Ditolak",
    "kedaluwarsa": "Kedaluwarsa, dihapus",
}


@dataclass(frozen=True)
class Payment:
    no_klaim: str
    date: dt.date
    amount: int


@dataclass(frozen=True)
class LedgerRow:
    no_klaim: str
    status: str
    submitted: dt.date
    service_end: dt.date
    claimed: int
    paid: int
    outstanding: int
    ageing: str
    days_to_expiry: int
    entries: tuple[JournalEntry, ...]

    @property
    def near_expiry(self) -> bool:
        """Still collectable but within 30 days of the 6-month expiry."""
        return self.outstanding > 0 and 0 <= self.days_to_expiry <= 30


def ledger_row(
    no_klaim: str,
    verdict_status: str,
    service_end: dt.date,
    submitted: dt.date,
    claimed: int,
    payment: Payment | None,
    as_of: dt.date,
) -> LedgerRow:
    """One claim's place in the receivables ledger and the journal entries it has produced by `as_of`.

    The receivable is recognised at submission at the amount claimed (facts §7); a payment settles it with any
    difference to selisih lebih/kurang; a returned claim stays a receivable until refiled; once the 6-month expiry
    has passed unpaid it is written off; a rejected claim is reversed at once (uncertain: write-off wording).
    """
    entries = [non_kapitasi_recognition(submitted, claimed, f"klaim {no_klaim}")]
    left = days_to_expiry(service_end, as_of)
    paid = 0
    if payment is not None and payment.date <= as_of:
        status = "dibayar"
        paid = payment.amount
        entries.append(non_kapitasi_settlement(payment.date, claimed, payment.amount))
        outstanding = 0
    elif verdict_status == "ditolak":
        status = "ditolak"
        entries.append(write_off(submitted, claimed))
        outstanding = 0
    elif left < 0:
        status = "kedaluwarsa"
        entries.append(write_off(expiry_date(service_end), claimed))
        outstanding = 0
    else:
        status = "dikembalikan" if verdict_status == "dikembalikan" else "diajukan"
        outstanding = claimed
    return LedgerRow(
        no_klaim=no_klaim,
        status=status,
        submitted=submitted,
        service_end=service_end,
        claimed=claimed,
        paid=paid,
        outstanding=outstanding,
        ageing=ageing_bucket(submitted, as_of),
        days_to_expiry=left,
        entries=tuple(entries),
    )
