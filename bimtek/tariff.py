"""The amount a claim should carry under the tariff in force on its service date."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from bimtek.claim import Claim, JenisKlaim
from bimtek.fmt import rupiah
from bimtek.reference import TariffLine, load_reference

KAPITASI_LINES = frozenset({"rawat_jalan", "promotif"})
# Permenkes 3/2023 Ps 17(1): RITP Rp200.000-300.000 per day (one secondary source: belum pasti). A PKS day rate
# above ten times its upper bound cannot be right; the range itself is checked elsewhere.
RITP_DAY_RATE_MAX = 300_000
ABSURD_FACTOR = 10  # an amount above ten times the highest tariff figure is a typo, never a price


@lru_cache(maxsize=1)
def day_rate_limit() -> int:
    return ABSURD_FACTOR * RITP_DAY_RATE_MAX


@lru_cache(maxsize=1)
def absurd_amount_limit() -> int:
    """Ten times the highest figure of any tariff line (fixed lines and the RITP day rate)."""
    figures = [RITP_DAY_RATE_MAX]
    for line in load_reference().tariffs:
        figures += [a for a in (line.puskesmas, line.selain_puskesmas) if a is not None]
    return ABSURD_FACTOR * max(figures)


@dataclass(frozen=True)
class Expected:
    """The expected amount and how it was reached, for the verdict and the fix hint."""

    amount: int
    line: TariffLine | None
    explanation: str
    ceiling: bool = False  # the line is a "paling banyak" ceiling: any amount up to it is fine


SNACK_PER_PERSON = 5_000  # Prolanis senam, per participant who signed the attendance list (local branch guide)


def _activity_cost(claim: Claim, line: TariffLine) -> Expected | None:
    """A Prolanis group activity is paid at its documented cost, snacks capped per attending participant."""
    k = claim.kegiatan_prolanis
    if k is None:
        return None  # no activity to price (rule PL01)
    snacks = k.biaya_konsumsi
    if k.jenis_kegiatan in ("01", "11"):
        snacks = min(snacks, SNACK_PER_PERSON * k.signed_attendees())
    elif snacks:
        return None  # no snack ceiling known for a penyuluhan-only activity (rule PL04)
    honor = k.biaya_honor if k.kuitansi_honor else 0
    return Expected(
        snacks + honor,
        line,
        f"konsumsi {rupiah(snacks)} + honor {rupiah(honor)} (paling banyak {rupiah(SNACK_PER_PERSON)} per peserta "
        "yang menandatangani daftar hadir; panduan kantor cabang, belum pasti)",
        ceiling=True,
    )


def _cite(reg: str, line: TariffLine) -> str:
    return f"{reg} {line.pasal}".strip()


def stay_days(claim: Claim) -> int | None:
    """Days of a rawat inap stay: discharge minus admission, at least 1 (RITP is >= 1 day, facts §3)."""
    k = claim.kunjungan
    if k.tgl_pulang is None:
        return None
    return max(1, (k.tgl_pulang - k.tgl_daftar).days)


def expected_amount(claim: Claim) -> Expected | None:
    """The tariff amount, or None when no tariff can be determined (then nothing is paid and rule TR04 says why).

    Never negative and never from the amount claimed: an unknown line, a missing line for the date or facility,
    or a PKS day rate that is missing, zero, negative or absurd (rule TR04) gives None. The last answer is kept:
    TR01 and verify() ask for the same claim one after the other.
    """
    global _LAST
    last = _LAST
    if last[0] is claim:
        return last[1]
    result = _expected(claim)
    _LAST = (claim, result)  # rebinding one name is atomic: threads never see a claim with another's answer
    return result


_LAST: tuple[Any, Expected | None] = (None, None)  # (claim, its Expected): a one-entry cache compared by identity


def _expected(claim: Claim) -> Expected | None:
    p = claim.pengajuan
    if p.jenis_klaim == JenisKlaim.KAPITASI or p.layanan in KAPITASI_LINES:
        return _KAPITASI
    ref = load_reference()
    reg = ref.regulation_on(claim.kunjungan.tgl_daftar)
    if reg is None:
        return None
    line = ref.tariff_line(p.layanan, reg.key)  # the line in force on the day: ref.tariff without a second look-up
    if line is None:
        return None
    if line.jenis_tarif == "per_hari_pks":
        rate = claim.fasilitas.tarif_rawat_inap_per_hari
        days = stay_days(claim)
        if rate is None or days is None or rate <= 0 or rate > day_rate_limit():
            return None
        return Expected(
            rate * days,
            line,
            f"{days} hari x {rupiah(rate)} (paket per hari sesuai PKS fasilitas)",
        )
    if line.jenis_tarif == "biaya_kegiatan":
        return _activity_cost(claim, line)
    if line.jenis_tarif == "tarif_pemda":
        rate = claim.fasilitas.tarif_ambulans_pemda
        if rate is None or rate <= 0 or rate > absurd_amount_limit():
            return None  # no (sensible) declared local rate: nothing to pay against (rules TR05, TR04)
        reg_name = load_reference().regulations[line.regulasi].nama.split(" tentang ")[0]
        return Expected(rate, line, f"tarif ambulans pemerintah daerah {rupiah(rate)} ({_cite(reg_name, line)})")
    return _fixed(p.layanan, reg.key, claim.fasilitas.jenis.value)


_KAPITASI = Expected(0, None, "Layanan kapitasi tidak ditagihkan per layanan (sudah dibayar per kapita).")


@lru_cache(maxsize=1024)
def _fixed(layanan: str, regulation: str, jenis_faskes: str) -> Expected | None:
    """A fixed or ceiling line's amount and explanation: the same for every claim of the line, regulation, type."""
    ref = load_reference()
    line = ref.tariff_line(layanan, regulation)
    if line is None:
        return None
    amount = line.amount_for(jenis_faskes)
    if amount is None:
        return None
    reg = ref.regulations[line.regulasi].nama.split(" tentang ")[0]
    label = ref.services[layanan].label if layanan in ref.services else layanan
    kind = "paling banyak " if line.jenis_tarif == "maksimal" else ""
    where = "Puskesmas" if jenis_faskes == "puskesmas" else "FKTP selain Puskesmas"
    return Expected(
        amount,
        line,
        f"{label}: {kind}{rupiah(amount)} untuk {where} ({_cite(reg, line)})",
        ceiling=line.jenis_tarif == "maksimal",
    )
