"""The amount a claim should carry under the tariff in force on its service date."""

from __future__ import annotations

from dataclasses import dataclass

from bimtek.claim import Claim, JenisKlaim
from bimtek.fmt import rupiah
from bimtek.reference import TariffLine, load_reference

KAPITASI_LINES = frozenset({"rawat_jalan", "promotif"})


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
    """None when the product has no tariff for this line on this date (then the amount is not checked)."""
    p = claim.pengajuan
    if p.jenis_klaim == JenisKlaim.KAPITASI or p.layanan in KAPITASI_LINES:
        return Expected(0, None, "Layanan kapitasi tidak ditagihkan per layanan (sudah dibayar per kapita).")
    ref = load_reference()
    line = ref.tariff(p.layanan, claim.kunjungan.tgl_daftar)
    if line is None:
        return None
    reg = ref.regulations[line.regulasi].nama.split(" tentang ")[0]
    if line.jenis_tarif == "per_hari_pks":
        rate = claim.fasilitas.tarif_rawat_inap_per_hari
        days = stay_days(claim)
        if rate is None or days is None:
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
        if rate is None:
            return None  # no declared local rate: nothing to pay against (rule TR05)
        return Expected(rate, line, f"tarif ambulans pemerintah daerah {rupiah(rate)} ({_cite(reg, line)})")
    amount = line.amount_for(claim.fasilitas.jenis)
    if amount is None:
        return None
    label = ref.services[p.layanan].label if p.layanan in ref.services else p.layanan
    kind = "paling banyak " if line.jenis_tarif == "maksimal" else ""
    where = "Puskesmas" if claim.fasilitas.jenis == "puskesmas" else "FKTP selain Puskesmas"
    return Expected(
        amount,
        line,
        f"{label}: {kind}{rupiah(amount)} untuk {where} ({_cite(reg, line)})",
        ceiling=line.jenis_tarif == "maksimal",
    )
