"""The facility's claim SOP: the six-step flow, cadences, deadline controls, checklist items, and the saved model.

The flow, the common errors and the verification tip come from seed 000 ("Alur Proses Klaim BPJS di FKTP",
"Kesalahan Umum", "Tips Menghindari Klaim Ditolak"); the deadline numbers come from tenggat.yaml (facts §2.4).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bimtek.content import describe_validation_error
from bimtek.errors import InputError
from bimtek.reference import load_reference
from bimtek.rules import FAMILIES, all_rules

SEED_ARTICLE = "Bimtek Manajemen Klaim BPJS Kesehatan untuk Fasilitas Kesehatan Primer (EDUKASINDO)"

CADENCES: dict[str, str] = {
    "setiap_kunjungan": "Setiap kunjungan",
    "harian": "Harian",
    "mingguan": "Mingguan",
    "bulanan": "Bulanan",
}


@dataclass(frozen=True)
class Step:
    """One step of the article's claim flow, with the cadences that fit it and why."""

    id: str
    judul: str
    uraian: str
    fitting: tuple[str, ...]  # CADENCES keys that fit the step
    why: str  # shown when the chosen cadence does not fit


STEPS: tuple[Step, ...] = (
    Step(
        "pendaftaran",
        "Pendaftaran Pasien",
        "Pasien menunjukkan kartu JKN; pendaftaran dilakukan di P-Care dan status kepesertaan dicek aktif.",
        ("setiap_kunjungan",),
        "pendaftaran P-Care dilakukan untuk setiap pasien yang datang",
    ),
    Step(
        "pelayanan",
        "Pelayanan Medis",
        "Dokter memberikan pelayanan sesuai indikasi medis dan mencatatnya dalam rekam medis.",
        ("setiap_kunjungan",),
        "setiap pelayanan harus tercatat dalam rekam medis saat itu juga",
    ),
    Step(
        "entri",
        "Entry Layanan di P-Care",
        "Petugas menginput diagnosa, tindakan, dan terapi yang diberikan ke P-Care.",
        ("setiap_kunjungan", "harian"),
        "kesalahan umum 'layanan tidak dicatat pada saat pelayanan': entri dilakukan di hari pelayanan",
    ),
    Step(
        "verifikasi",
        "Rekapitulasi dan Verifikasi",
        "Data layanan disatukan dan diverifikasi internal sebelum dikirim ke BPJS Kesehatan.",
        ("harian", "mingguan"),
        "tips artikel: lakukan verifikasi internal harian atau mingguan",
    ),
    Step(
        "pengiriman",
        "Pengiriman Klaim",
        "Klaim dikirim melalui kanal resmi BPJS Kesehatan, setiap bulan.",
        ("bulanan",),
        "klaim dikirim bulanan, paling lambat tanggal 10 bulan berikutnya (Permenkes 28/2014)",
    ),
    Step(
        "evaluasi",
        "Evaluasi dan Tindak Lanjut",
        "Klaim yang dikembalikan diperbaiki dan diajukan ulang; penyebabnya dibahas bersama tim.",
        ("mingguan", "bulanan"),
        "klaim dikembalikan diajukan ulang paling lambat bersama pengajuan bulan berikutnya",
    ),
)
STEP_BY_ID = {step.id: step for step in STEPS}
VERIFICATION_STEP = "verifikasi"  # the SOP's internal verification frequency is this step's cadence


@dataclass(frozen=True)
class DeadlineControl:
    id: str
    label: str  # the instruction as the SOP states it
    sumber: str
    required: bool


@lru_cache(maxsize=1)
def deadline_controls() -> dict[str, DeadlineControl]:
    """The deadline controls an SOP can adopt; the numbers come from tenggat.yaml."""
    deadlines = load_reference().deadlines
    day = int(deadlines["pengajuan_non_kapitasi"]["tanggal"])
    months = int(deadlines["kedaluwarsa_bulan"]["bulan"])
    controls = (
        DeadlineControl(
            "tanggal_10",
            f"Klaim non-kapitasi dikirim setiap bulan paling lambat tanggal {day} bulan berikutnya "
            "(kecuali PKS menetapkan tanggal lain).",
            "Permenkes 28/2014 (Pedoman Pelaksanaan Program JKN)",
            True,
        ),
        DeadlineControl(
            "kedaluwarsa_6_bulan",
            f"Klaim yang belum terkirim atau masih dikembalikan dipantau setiap bulan: lewat {months} bulan "
            "sejak pelayanan selesai, klaim tidak dapat diajukan lagi.",
            "Perpres 82/2018 Pasal 77; Peraturan BPJS Kesehatan 7/2018 Pasal 40",
            True,
        ),
        DeadlineControl(
            "pengajuan_ulang",
            "Klaim yang dikembalikan diperbaiki dan diajukan ulang paling lambat bersama pengajuan bulan berikutnya.",
            "Peraturan BPJS Kesehatan 7/2018 Pasal 29 ayat (4)",
            False,
        ),
    )
    return {c.id: c for c in controls}


@dataclass(frozen=True)
class ChecklistItem:
    """One line of the claim team's checklist: a common error of the article or a verification rule."""

    id: str
    label: str  # what the team checks
    short: str  # the label in a picker
    families: tuple[str, ...]  # rule families (bimtek/rules) the item covers
    rules: tuple[str, ...]
    sumber: str
    common: bool


COMMON_ERRORS: tuple[ChecklistItem, ...] = tuple(
    ChecklistItem(f"umum:{key}", label, label, families, rules, "Kesalahan umum (artikel Bimtek)", True)
    for key, label, families, rules in (
        ("diagnosa-tindakan", "Diagnosa sesuai dengan tindakan yang diklaim", ("klinis",), ("KL01", "KL02")),
        (
            "pcare-lengkap",
            "Input data di P-Care lengkap (keluhan, kesadaran, tanda vital, diagnosa, dokter, status pulang)",
            ("pcare",),
            ("PC01", "PC02", "PC03", "PC04", "PC05", "PC06", "PC07"),
        ),
        ("resume-ttd", "Resume medis ditandatangani dokter", ("bukti",), ("EV02",)),
        ("dicatat-saat-pelayanan", "Layanan dicatat di P-Care pada hari pelayanan", ("waktu",), ("TW04",)),
        ("tepat-waktu", "Klaim dikirim sebelum batas waktu pengajuan", ("waktu",), ("TW01", "TW02")),
    )
)


@lru_cache(maxsize=1)
def checklist_items() -> dict[str, ChecklistItem]:
    """The five common errors, then one item per verification rule (ids 'umum:...' and 'aturan:CODE')."""
    items = {item.id: item for item in COMMON_ERRORS}
    for rule in all_rules():
        items[f"aturan:{rule.code}"] = ChecklistItem(
            f"aturan:{rule.code}",
            f"{rule.code} {rule.title}: {rule.fix_hint}",
            f"{rule.code} {rule.title}",
            (rule.family,),
            (rule.code,),
            rule.regulation,
            False,
        )
    return items


def family_label(family: str) -> str:
    return FAMILIES.get(family, family)


SOURCES: tuple[str, ...] = (
    f"{SEED_ARTICLE}: alur proses klaim, kesalahan umum, tips verifikasi internal, checklist evaluasi pasca Bimtek.",
    "Permenkes 28/2014 Pedoman Pelaksanaan Program JKN: klaim non-kapitasi diajukan paling lambat tanggal 10 "
    "bulan berikutnya.",
    "Perpres 82/2018 Pasal 77: klaim diajukan paling lambat 6 bulan setelah pelayanan selesai.",
    "Peraturan BPJS Kesehatan 7/2018: berkas klaim per jenis layanan, pengajuan ulang klaim dikembalikan (Pasal 29 "
    "ayat 4), kedaluwarsa (Pasal 40).",
)


# --- the saved SOP ------------------------------------------------------------------------------------------------


class SopStep(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: str = Field(description="Pengenal langkah (STEPS), mis. 'entri'.")
    urutan: int | None = Field(default=None, description="Urutan yang dipilih peserta, 1-6.")
    penanggung_jawab: str = Field(default="", description="Jabatan atau nama penanggung jawab langkah.")
    frekuensi: str | None = Field(default=None, description="Kunci CADENCES, mis. 'harian'.")


class Sop(BaseModel):
    """An SOP as the builder saves it (document kind 'sop'); unknown keys of older versions are ignored."""

    model_config = ConfigDict(extra="ignore")

    fasilitas: str = Field(default="", description="Nama FKTP.")
    langkah: list[SopStep] = Field(default_factory=list, description="Langkah alur klaim dengan urutan pilihan.")
    kontrol_tenggat: list[str] = Field(default_factory=list, description="Kunci deadline_controls().")
    checklist: list[str] = Field(default_factory=list, description="Kunci checklist_items().")
    disusun_oleh: str = Field(default="", description="Nama penyusun.")
    jabatan_penyusun: str = Field(default="", description="Jabatan penyusun.")
    disetujui_oleh: str = Field(default="", description="Nama Kepala FKTP yang menyetujui.")
    tanggal_berlaku: dt.date | None = Field(default=None, description="Tanggal mulai berlaku.")
    diekspor_pada: str | None = Field(default=None, description="Waktu ISO terakhir SOP ini diekspor (DOCX/PDF).")

    def step(self, step_id: str) -> SopStep | None:
        return next((s for s in self.langkah if s.id == step_id), None)

    def ordered_steps(self) -> list[tuple[Step, SopStep]]:
        """Known steps in the learner's order (steps without a number last, in the article's order)."""
        known = [s for s in self.langkah if s.id in STEP_BY_ID]
        canonical = [step.id for step in STEPS]
        known.sort(key=lambda s: (s.urutan if s.urutan is not None else 99, canonical.index(s.id)))
        return [(STEP_BY_ID[s.id], s) for s in known]

    def chosen_items(self) -> list[ChecklistItem]:
        items = checklist_items()
        return [items[key] for key in dict.fromkeys(self.checklist) if key in items]

    def chosen_controls(self) -> list[DeadlineControl]:
        controls = deadline_controls()
        return [controls[key] for key in dict.fromkeys(self.kontrol_tenggat) if key in controls]

    def content(self) -> dict[str, Any]:
        """Everything but the export stamp: two SOPs with equal content export the same document."""
        return self.model_dump(mode="json", exclude={"diekspor_pada"})


def read_sop(data: dict[str, Any] | None) -> Sop:
    """A saved SOP document -> Sop; InputError (Indonesian, per field) when it cannot be read."""
    if not data:
        return Sop()
    try:
        return Sop.model_validate(data)
    except ValidationError as err:
        raise InputError([f"SOP tersimpan: {loc}: {msg}" for loc, msg in describe_validation_error(err)]) from err
