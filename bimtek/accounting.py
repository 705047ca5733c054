"""Piutang BPJS: kapitasi and non-kapitasi receivables, their journal entries, settlement differences, ageing.

Sources: seed 004 (recognition and settlement examples), facts §2.1 (tariffs), §2.4 (deadlines) and §7 (accounting
practice). Account names follow seed 004; where the facts sheet marks a journal line uncertain, the entry says so.
The KBK adjustment of kapitasi lives in bimtek/kbk.py; a whole batch's ledger in bimtek/ledger.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from bimtek.deadlines import expiry_date
from bimtek.reference import load_reference

# Account names (seed 004; facts §7). The seed names the kapitasi, rawat inap, cash and selisih lebih accounts;
# S30 names "Pendapatan Rawat Inap dan Persalinan"; the others are this product's wording (belum pasti).
PIUTANG_KAPITASI = "Piutang Kapitasi BPJS"
PIUTANG_RANAP = "Piutang BPJS Rawat Inap"
PIUTANG_NON_KAPITASI = "Piutang BPJS Non-Kapitasi"
PENDAPATAN_KAPITASI = "Pendapatan Kapitasi JKN"
PENDAPATAN_NON_KAPITASI = "Pendapatan Rawat Inap dan Persalinan"
PENDAPATAN_NON_KAPITASI_LAIN = "Pendapatan Non-Kapitasi JKN"
KAS = "Kas/Bank Bendahara Puskesmas"
SELISIH_LEBIH = "Selisih Lebih Perhitungan Klaim"
SELISIH_KURANG = "Selisih Kurang Perhitungan Klaim"
BEBAN_PENGHAPUSAN = "Beban Penghapusan Piutang"

# The chart of accounts a trainee picks from, with what each records (shown beside the journal exercises).
ACCOUNTS: dict[str, str] = {
    KAS: "Kas/bank bendahara: uang yang benar-benar diterima dari BPJS (artikel “Pengakuan & Perhitungan Piutang Pasien BPJS di Puskesmas”).",
    PIUTANG_KAPITASI: "Hak atas dana kapitasi bulan berjalan yang belum diterima (artikel “Pengakuan & Perhitungan Piutang Pasien BPJS di Puskesmas”).",
    PIUTANG_RANAP: "Tagihan klaim rawat inap yang sudah diajukan dan belum dibayar (artikel “Pengakuan & Perhitungan Piutang Pasien BPJS di Puskesmas”).",
    PIUTANG_NON_KAPITASI: "Tagihan klaim non-kapitasi lain (persalinan, ANC, PNC, KB, skrining, lab PRB); nama akun belum pasti.",
    PENDAPATAN_KAPITASI: "Pendapatan-LO dari kapitasi JKN (artikel “Pengakuan & Perhitungan Piutang Pasien BPJS di Puskesmas”).",
    PENDAPATAN_NON_KAPITASI: "Pendapatan-LO klaim rawat inap dan persalinan (contoh jurnal BLUD Puskesmas).",
    PENDAPATAN_NON_KAPITASI_LAIN: "Pendapatan-LO klaim non-kapitasi lain (nama akun belum pasti).",
    SELISIH_LEBIH: "BPJS membayar lebih dari piutang yang diakui (artikel “Pengakuan & Perhitungan Piutang Pasien BPJS di Puskesmas”).",
    SELISIH_KURANG: "BPJS membayar kurang dari piutang yang diakui (nama akun belum pasti).",
    BEBAN_PENGHAPUSAN: "Piutang yang tidak dapat ditagih lagi dihapus (kebijakan belum pasti).",
}

_RANAP_PERSALINAN = ("rawat_inap", "persalinan")


def accounts_for(layanan: str) -> tuple[str, str]:
    """(receivable, revenue) accounts for a non-kapitasi service line (seed 004 rawat inap; S30 persalinan)."""
    piutang = PIUTANG_RANAP if layanan == "rawat_inap" else PIUTANG_NON_KAPITASI
    pendapatan = PENDAPATAN_NON_KAPITASI if layanan.startswith(_RANAP_PERSALINAN) else PENDAPATAN_NON_KAPITASI_LAIN
    return piutang, pendapatan


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
        source="artikel “Pengakuan & Perhitungan Piutang Pasien BPJS di Puskesmas” (piutang kapitasi BPJS)",  # seed 004; facts §7 (S31)
    )


def kapitasi_settlement(day: dt.date, amount: int) -> JournalEntry:
    return JournalEntry(
        date=day,
        description="Pelunasan piutang kapitasi (dibayar BPJS paling lambat tanggal 15)",
        lines=(
            JournalLine(KAS, amount, 0, "Dana kapitasi diterima di rekening bendahara."),
            JournalLine(PIUTANG_KAPITASI, 0, amount, "Piutang kapitasi lunas."),
        ),
        source="artikel “Pengakuan & Perhitungan Piutang Pasien BPJS di Puskesmas”; kapitasi dibayar paling lambat tanggal 15",  # facts §2.4 (S8, S9, S44)
    )


# --- non-kapitasi ------------------------------------------------------------------------------------------------


def non_kapitasi_recognition(
    day: dt.date,
    amount: int,
    what: str = "klaim rawat inap",
    piutang: str = PIUTANG_RANAP,
    pendapatan: str = PENDAPATAN_NON_KAPITASI,
) -> JournalEntry:
    return JournalEntry(
        date=day,
        description=f"Pengakuan piutang saat pengajuan {what}",
        lines=(
            JournalLine(
                piutang,
                amount,
                0,
                "Piutang diakui saat klaim diajukan, sebesar tarif layanan fasilitas (biaya layanan).",
            ),
            JournalLine(pendapatan, 0, amount, "Pendapatan-LO atas layanan yang diklaim diakui pada saat yang sama."),
        ),
        source="artikel “Pengakuan & Perhitungan Piutang Pasien BPJS di Puskesmas” (piutang BPJS rawat inap)",  # facts §7 (S30, S32)
    )


def non_kapitasi_settlement(
    day: dt.date, recognised: int, paid: int, piutang: str = PIUTANG_RANAP, what: str = "klaim non-kapitasi"
) -> JournalEntry:
    """Cash at the amount paid, the receivable cleared, the difference to selisih lebih or kurang."""
    lines = [JournalLine(KAS, paid, 0, "Pembayaran klaim diterima dari BPJS.")]
    diff = paid - recognised
    if diff < 0:
        lines.append(
            JournalLine(
                SELISIH_KURANG,
                -diff,
                0,
                "BPJS membayar kurang dari piutang yang diakui (nama akun belum pasti).",
            )
        )
    lines.append(JournalLine(piutang, 0, recognised, "Piutang ditutup sebesar jumlah yang dulu diakui."))
    if diff > 0:
        lines.append(
            JournalLine(
                SELISIH_LEBIH,
                0,
                diff,
                "Paket yang dibayar lebih besar dari nilai yang diakui (artikel “Pengakuan & Perhitungan Piutang Pasien BPJS di Puskesmas”).",
            )
        )
    return JournalEntry(
        date=day,
        description=f"Pelunasan piutang {what}",
        lines=tuple(lines),
        source="artikel “Pengakuan & Perhitungan Piutang Pasien BPJS di Puskesmas” (selisih lebih perhitungan klaim); selisih kurang: belum pasti",
        uncertain=diff < 0,
    )


def write_off(day: dt.date, amount: int, piutang: str = PIUTANG_RANAP, what: str = "klaim") -> JournalEntry:
    return JournalEntry(
        date=day,
        description=f"Penghapusan piutang {what}: kedaluwarsa (lewat 6 bulan)",
        lines=(
            JournalLine(BEBAN_PENGHAPUSAN, amount, 0, "Klaim tidak dapat ditagih lagi setelah 6 bulan: beban."),
            JournalLine(piutang, 0, amount, "Piutang yang tidak tertagih dihapus dari buku."),
        ),
        source="Perpres Nomor 82 Tahun 2018 Pasal 77; Peraturan BPJS Kesehatan Nomor 7 Tahun 2018 Pasal 40 (kedaluwarsa); kebijakan penghapusan: belum pasti",
        uncertain=True,
    )


def rejection_correction(
    day: dt.date,
    amount: int,
    piutang: str = PIUTANG_RANAP,
    pendapatan: str = PENDAPATAN_NON_KAPITASI,
    what: str = "klaim",
) -> JournalEntry:
    """A rejected claim will never be paid: the receivable and the revenue booked with it are reduced (facts §7)."""
    return JournalEntry(
        date=day,
        description=f"Koreksi piutang {what}: ditolak BPJS",
        lines=(
            JournalLine(pendapatan, amount, 0, "Pendapatan yang diakui saat pengajuan dikoreksi: klaim ditolak."),
            JournalLine(piutang, 0, amount, "Piutang dikurangi karena tidak akan dibayar."),
        ),
        source="Praktik koreksi piutang dalam laporan pemeriksaan BPK: piutang dikurangi terhadap pendapatan-LO tahun berjalan (baris jurnal belum pasti)",  # facts §7 (S33)
        uncertain=True,
    )


# --- ageing ------------------------------------------------------------------------------------------------------

AGEING_BUCKETS: tuple[tuple[str, int, int | None], ...] = (
    ("0-30 hari", 0, 30),
    ("31-60 hari", 31, 60),
    ("61-90 hari", 61, 90),
    ("91-180 hari", 91, 180),
    ("di atas 180 hari", 181, None),
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
    "belum_diajukan": "Belum diajukan pada tanggal ini",
    "diajukan": "Diajukan, menunggu pembayaran",
    "dibayar": "Dibayar",
    "dikembalikan": "Dikembalikan, tetap piutang sampai diajukan ulang",
    "ditolak": "Ditolak, piutang dikoreksi",
    "kedaluwarsa": "Kedaluwarsa, piutang dihapus",
}
NEAR_EXPIRY_DAYS = 30  # a returned claim this close to its 6-month expiry is highlighted


@dataclass(frozen=True)
class Payment:
    no_klaim: str
    date: dt.date
    amount: int
    row: int = 0  # the row in the payments file, for messages


@dataclass(frozen=True)
class LedgerRow:
    no_klaim: str
    status: str
    submitted: dt.date
    service_end: dt.date
    claimed: int  # billed to BPJS (the package / tariff line)
    paid: int
    outstanding: int
    ageing: str
    days_to_expiry: int
    entries: tuple[JournalEntry, ...]
    recognised: int = -1  # the receivable booked at submission; -1 = the amount claimed

    def __post_init__(self) -> None:
        if self.recognised < 0:
            object.__setattr__(self, "recognised", self.claimed)

    @property
    def near_expiry(self) -> bool:
        """A returned claim, still a receivable, within 30 days of the 6-month expiry: refile it now."""
        return self.status == "dikembalikan" and 0 <= self.days_to_expiry <= NEAR_EXPIRY_DAYS

    @property
    def difference(self) -> int:
        """Paid minus recognised once paid (positive: selisih lebih; negative: selisih kurang); 0 otherwise."""
        return self.paid - self.recognised if self.status == "dibayar" else 0


def ledger_row(
    no_klaim: str,
    verdict_status: str,
    service_end: dt.date,
    submitted: dt.date,
    claimed: int,
    payment: Payment | None,
    as_of: dt.date,
    layanan: str = "rawat_inap",
    own_tariff: int | None = None,
) -> LedgerRow:
    """One claim's place in the receivables ledger and the journal entries it has produced by `as_of`.

    The receivable is recognised at submission at the facility's own tariff for the service (`own_tariff`, the
    Perkada/BLUD tariff, seed 004: Rp75.000) when it is known, else at the amount claimed (facts §7, S30, S32);
    the claim itself is billed at the package. A payment settles the receivable with any difference to selisih
    lebih/kurang (seed 004: package Rp100.000 paid, selisih lebih Rp25.000). Without a payment: a claim the verifier rejects is
    corrected against revenue (facts §7, S33; belum pasti); a returned claim stays a receivable until refiled and
    is written off once its 6-month filing window has passed (Perpres 82/2018 Ps 77); a claim filed complete
    does not expire (BPJS owes it, with a 1%/month penalty when late, facts §2.4) and stays `diajukan`.
    """
    piutang, pendapatan = accounts_for(layanan)
    what = f"klaim {no_klaim}".strip()
    left = days_to_expiry(service_end, as_of)
    recognised = claimed if own_tariff is None or own_tariff < 0 else own_tariff
    if submitted > as_of:
        return LedgerRow(no_klaim, "belum_diajukan", submitted, service_end, claimed, 0, 0, "-", left, (), recognised)
    entries = [non_kapitasi_recognition(submitted, recognised, what, piutang, pendapatan)]
    paid = 0
    if payment is not None and payment.date <= as_of:
        status, paid = "dibayar", payment.amount
        entries.append(non_kapitasi_settlement(payment.date, recognised, payment.amount, piutang, what))
    elif verdict_status == "ditolak":
        status = "ditolak"
        entries.append(rejection_correction(submitted, recognised, piutang, pendapatan, what))
    elif verdict_status == "dikembalikan" and left < 0:
        status = "kedaluwarsa"
        entries.append(write_off(expiry_date(service_end) + dt.timedelta(days=1), recognised, piutang, what))
    else:
        status = "dikembalikan" if verdict_status == "dikembalikan" else "diajukan"
    outstanding = recognised if status in ("diajukan", "dikembalikan") else 0
    return LedgerRow(
        no_klaim=no_klaim,
        status=status,
        submitted=submitted,
        service_end=service_end,
        claimed=claimed,
        paid=paid,
        outstanding=outstanding,
        ageing=ageing_bucket(submitted, as_of) if outstanding else "-",
        days_to_expiry=left,
        entries=tuple(entries),
        recognised=recognised,
    )
