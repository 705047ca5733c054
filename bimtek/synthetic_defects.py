"""The common claim errors the synthetic generator injects, each with the rule codes it must trip.

Drawn from seed 000's "Kesalahan Umum" and facts §5: missing or unsigned documents, late or expired
submission, wrong amount or tariff line, missing DBD lab, vitamin injection without anaemia, missing
vital signs or P-Care fields, non-ICD codes, inactive participants, referral without TACC, bidan
jejaring without its induk. Duplicates are made by the generator itself (they need an earlier claim).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bimtek.claim import Fasilitas, HasilLab
from bimtek.claim import Terapi as T
from bimtek.deadlines import expiry_date, monthly_deadline
from bimtek.reference import load_reference


@dataclass
class Draft:
    """A claim under construction: plain values the defects edit before the models are built."""

    fas: Fasilitas
    without_induk: Fasilitas | None  # the same facility without its induk code (bidan jejaring only)
    layanan: str
    peserta: dict[str, Any]
    kunjungan: dict[str, Any]
    pengajuan: dict[str, Any]
    dokumen: dict[str, bool] = field(default_factory=dict)  # jenis -> ditandatangani
    lab: list[HasilLab] = field(default_factory=list)

    @property
    def billed(self) -> bool:
        return self.pengajuan["jenis_klaim"] != "kapitasi"

    @property
    def day(self) -> dt.date:
        return self.kunjungan["tgl_daftar"]  # type: ignore[no-any-return]

    @property
    def end(self) -> dt.date:
        return self.kunjungan.get("tgl_pulang") or self.day

    @property
    def diagnosis(self) -> str:
        return str(self.kunjungan["diagnosa"][0])

    def tariff(self) -> int:
        """The amount a correct claim carries (the ceiling itself for 'paling banyak' lines)."""
        line = load_reference().tariff(self.layanan, self.day)
        if line is None:
            raise ValueError(f"no tariff line for {self.layanan} on {self.day}")
        if line.jenis_tarif == "per_hari_pks":
            return int(self.fas.tarif_rawat_inap_per_hari or 0) * int(self.pengajuan["lama_rawat_hari"])
        amount = line.amount_for(self.fas.jenis)
        if amount is None:
            raise ValueError(f"no tariff for {self.layanan} at {self.fas.jenis}")
        return amount


Apply = Callable[[Draft, random.Random], tuple[str, ...]]


@dataclass(frozen=True)
class Defect:
    """A common error: an Indonesian label, how often it occurs, where it can occur, how it is made."""

    label: str
    weight: float
    applies: Callable[[Draft], bool]
    apply: Apply  # edits the draft and returns the rule codes the verifier must report


def _missing_document(d: Draft, rng: random.Random) -> tuple[str, ...]:
    jenis = rng.choice(sorted(d.dokumen))
    if d.dokumen[jenis] and rng.random() < 0.5:
        d.dokumen[jenis] = False  # present but not signed
    else:
        del d.dokumen[jenis]
    if jenis == "bukti_pelayanan":
        return ("DK07",)
    if jenis == "resume_medis":
        return ("EV02",)
    if d.layanan.startswith("persalinan"):
        return ("DK02",)
    return ("DK04",) if d.layanan.startswith("kb_") else ("DK03",)


def _late(d: Draft, rng: random.Random) -> tuple[str, ...]:
    d.pengajuan["tgl_pengajuan"] = monthly_deadline(d.end) + dt.timedelta(days=rng.randrange(1, 40))
    return ("TW01",)


_EXPIRED_SHIFT = (215, 300)  # days: a service from 7-10 months ago sent with this month's batch


def _can_expire(d: Draft) -> bool:
    ref = load_reference()
    return d.billed and ref.regulation_on(d.day - dt.timedelta(days=_EXPIRED_SHIFT[1])) == ref.regulation_on(d.day)


def _expired(d: Draft, rng: random.Random) -> tuple[str, ...]:
    back = dt.timedelta(days=rng.randrange(*_EXPIRED_SHIFT))
    for key in ("tgl_daftar", "tgl_pulang", "tgl_entri"):
        if d.kunjungan.get(key):
            d.kunjungan[key] -= back
    d.lab = [lab.model_copy(update={"tanggal": lab.tanggal - back}) for lab in d.lab]
    assert d.pengajuan["tgl_pengajuan"] > expiry_date(d.end)
    return ("TW02",)


def _wrong_amount(d: Draft, rng: random.Random) -> tuple[str, ...]:
    """The other facility class's figure or the revoked tariff where they differ, else a rounded-up amount."""
    ref = load_reference()
    right = d.pengajuan["jumlah_diajukan"]
    line = ref.tariff(d.layanan, d.day)
    wrong = [right + rng.choice([10_000, 25_000, 50_000])]
    if line is not None and line.jenis_tarif == "tetap":
        old = ref.tariff(d.layanan, ref.regulations["pmk_52_2016"].berlaku_mulai)
        others = [line.puskesmas, line.selain_puskesmas, old.amount_for(d.fas.jenis) if old else None]
        wrong += [a for a in others if a and a != right]
    d.pengajuan["jumlah_diajukan"] = rng.choice(wrong)
    return ("TR01",)


def _wrong_stay(d: Draft, rng: random.Random) -> tuple[str, ...]:
    d.pengajuan["lama_rawat_hari"] += 1
    d.pengajuan["jumlah_diajukan"] = d.tariff()
    return ("TR01", "TR03")


def _wrong_line(d: Draft, rng: random.Random) -> tuple[str, ...]:
    """ANC by a bidan billed at the doctor's line; a delivery without a doctor billed at the team-with-doctor line."""
    d.layanan = d.pengajuan["layanan"] = "anc_dokter" if d.layanan == "anc_bidan" else "persalinan_tim_dokter"
    d.pengajuan["jumlah_diajukan"] = d.tariff()
    return ("TR02",)


def _no_vital(d: Draft, rng: random.Random) -> tuple[str, ...]:
    key = rng.choice(["sistole", "diastole", "berat_badan", "tinggi_badan"])
    d.kunjungan["vital"] = d.kunjungan["vital"].model_copy(update={key: None})
    return ("PC02",)


def _not_icd(d: Draft, rng: random.Random) -> tuple[str, ...]:
    """A 2019-edition dengue code, or a made-up subcategory (a missing dot is not a defect: the model restores it)."""
    code, icd = d.diagnosis, load_reference().icd10
    bad = "A97.0" if code.startswith("A9") else next(c for c in (code[:3] + ".9", code[:3] + ".99") if c not in icd)
    d.kunjungan["diagnosa"] = [bad, *d.kunjungan["diagnosa"][1:]]
    return ("KD01",)


def _vitamin(d: Draft, rng: random.Random) -> tuple[str, ...]:
    injection = T(nama="Injeksi vitamin B kompleks", rute="injeksi", golongan="vitamin")
    d.kunjungan["terapi"] = [*d.kunjungan.get("terapi", []), injection]
    return ("KL01",)


def _late_entry(d: Draft, rng: random.Random) -> tuple[str, ...]:
    gap = (d.pengajuan["tgl_pengajuan"] - d.end).days
    d.kunjungan["tgl_entri"] = d.end + dt.timedelta(days=rng.randrange(2, gap))
    return ("TW04",)


def _no_tacc(d: Draft, rng: random.Random) -> tuple[str, ...]:
    d.kunjungan["rujukan"] = d.kunjungan["rujukan"].model_copy(update={"kd_tacc": -1, "alasan_tacc": None})
    return ("RJ01",)


def _no_induk(d: Draft, rng: random.Random) -> tuple[str, ...]:
    d.fas = d.without_induk or d.fas
    return ("DK06",)


def _no_lab(d: Draft, rng: random.Random) -> tuple[str, ...]:
    d.lab = []
    return ("EV01",)


def _clear(part: str, key: str, value: Any, code: str) -> Apply:
    def apply(d: Draft, rng: random.Random) -> tuple[str, ...]:
        getattr(d, part)[key] = value
        return (code,)

    return apply


def _not_promotif(d: Draft) -> bool:
    return d.kunjungan["kd_tkp"] != "50"


# Weights are relative among the defects that apply to a claim, so a defect that fits few claims (a DBD stay,
# a referral) weighs more. Order matters: date shifts run before the defects that read dates.
DEFECTS: dict[str, Defect] = {
    "kedaluwarsa": Defect("Diajukan lebih dari 6 bulan setelah layanan", 2, _can_expire, _expired),
    "terlambat": Defect("Diajukan melewati tanggal 10 bulan berikutnya", 12, lambda d: d.billed, _late),
    "dokumen_tidak_lengkap": Defect(
        "Berkas tidak lengkap / belum ditandatangani", 20, lambda d: bool(d.dokumen), _missing_document
    ),
    "tarif_salah": Defect(
        "Jumlah tidak sesuai tarif", 10, lambda d: d.billed and d.layanan != "rawat_inap", _wrong_amount
    ),
    "lama_rawat_salah": Defect("Lama rawat tidak sesuai tanggal", 10, lambda d: d.layanan == "rawat_inap", _wrong_stay),
    "baris_tarif_salah": Defect(
        "Baris tarif tidak sesuai pemeriksa/tim",
        15,
        lambda d: d.layanan in ("anc_bidan", "persalinan_tanpa_dokter"),
        _wrong_line,
    ),
    "tanda_vital_kosong": Defect("Tanda vital wajib kosong", 8, _not_promotif, _no_vital),
    "keluhan_kosong": Defect("Keluhan tidak diisi", 5, lambda d: True, _clear("kunjungan", "keluhan", "", "PC01")),
    "kesadaran_kosong": Defect(
        "Kesadaran tidak diisi", 4, _not_promotif, _clear("kunjungan", "kd_sadar", None, "PC03")
    ),
    "belum_dientri": Defect(
        "Layanan belum dientri ke P-Care", 4, lambda d: True, _clear("kunjungan", "no_kunjungan", None, "PC07")
    ),
    "entri_terlambat": Defect(
        "Dientri ke P-Care setelah hari pelayanan",
        6,
        lambda d: (d.pengajuan["tgl_pengajuan"] - d.end).days > 3,
        _late_entry,
    ),
    "kode_bukan_icd": Defect(
        "Kode diagnosa bukan ICD-10",
        6,
        lambda d: d.layanan in ("rawat_jalan", "rawat_inap") and "rujukan" not in d.kunjungan,
        _not_icd,
    ),
    "vitamin_tanpa_anemia": Defect(
        "Injeksi vitamin tanpa diagnosa anemia",
        4,
        lambda d: d.layanan == "rawat_jalan" and not d.diagnosis.startswith("D"),
        _vitamin,
    ),
    "lab_dbd_tidak_ada": Defect(
        "Rawat inap DBD tanpa hasil lab", 12, lambda d: d.layanan == "rawat_inap" and d.diagnosis == "A91", _no_lab
    ),
    "peserta_tidak_aktif": Defect("Peserta tidak aktif", 4, lambda d: True, _clear("peserta", "aktif", False, "PS01")),
    "tanpa_kode_induk": Defect(
        "Bidan jejaring tanpa FKTP induk", 15, lambda d: d.without_induk is not None and d.billed, _no_induk
    ),
    "rujukan_tanpa_tacc": Defect(
        "Rujukan non-spesialistik tanpa TACC",
        25,
        lambda d: "rujukan" in d.kunjungan and d.diagnosis.startswith("E11"),
        _no_tacc,
    ),
}
# Defects that would hide or change each other's findings are never combined in one claim.
_EXCLUSIVE = [
    {"terlambat", "kedaluwarsa", "entri_terlambat"},
    {"tarif_salah", "lama_rawat_salah", "baris_tarif_salah"},
    {"kode_bukan_icd", "lab_dbd_tidak_ada", "vitamin_tanpa_anemia"},
]


def pick_defects(rng: random.Random, d: Draft, count: int) -> list[str]:
    """Up to `count` applicable, compatible defects, in the order they must be applied."""
    chosen: set[str] = set()
    for _ in range(count):
        blocked = chosen.union(*(group for group in _EXCLUSIVE if group & chosen))
        options = [k for k, v in DEFECTS.items() if k not in blocked and v.applies(d)]
        if not options:
            break
        chosen.add(rng.choices(options, weights=[DEFECTS[k].weight for k in options])[0])
    return [k for k in DEFECTS if k in chosen]
