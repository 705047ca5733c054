"""The checklist's four indicators as data (seed 000, "Checklist Evaluasi Pasca Bimtek"), and their results."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from bimtek.facility_figures import FigureSummary, percent
from bimtek.fmt import tanggal
from scoring.sop import PASS_SCORE

WIB = dt.timezone(dt.timedelta(hours=7))  # dates are shown in WIB, the time zone of most FKTP


@dataclass(frozen=True)
class Indicator:
    """One row of the article's checklist, with how the product measures it."""

    id: str
    aspek: str  # the article's "Aspek yang Dievaluasi"
    kriteria: str  # the article's "Indikator Sukses"
    ukuran: str  # how this product measures it


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "regulasi",
        "Pemahaman Regulasi",
        "Peserta mampu menyebutkan minimal 3 peraturan terkini",
        "Latihan 'Regulasi terkini': minimal 3 instrumen yang berlaku dikenali beserta yang diaturnya, tanpa "
        "memilih instrumen yang sudah dicabut.",
    ),
    Indicator(
        "pengisian_data",
        "Praktik Pengisian Data",
        "Input P-Care tanpa kesalahan pada 5 contoh kasus",
        "Minimal 5 kasus entri P-Care (kapitasi) yang berbeda selesai tanpa temuan tersisa dan tanpa mengarang bukti, "
        "pada percobaan sebelum kunci jawaban kasus itu dilihat (varian baru dari 'Coba lagi' dihitung sebagai kasus sendiri).",
    ),
    Indicator(
        "penurunan_klaim",
        "Penurunan Klaim Ditolak",
        "Turun minimal 25% dalam 1 bulan pasca pelatihan",
        "Simulasi satu bulan: klaim dikembalikan + ditolak sesudah review minimal 25% lebih rendah daripada "
        "sebelumnya, tanpa mengarang bukti. Angka nyata fasilitas ditampilkan sebagai bukti lapangan.",
    ),
    Indicator(
        "sop",
        "Implementasi SOP",
        "FKTP menyusun dan menjalankan SOP baru sesuai modul pelatihan",
        f"Penyusun SOP: semua bagian wajib lengkap, cakupan minimal {PASS_SCORE} dari 100, dan SOP sudah diekspor "
        "(DOCX/PDF) untuk ditandatangani.",
    ),
)
INDICATOR_BY_ID = {i.id: i for i in INDICATORS}


@dataclass(frozen=True)
class FieldEvidence:
    """The facility's real figures ("bukti lapangan"): met is None while there are none to judge."""

    met: bool | None
    evidence: tuple[str, ...]
    next_steps: tuple[str, ...]
    summary: FigureSummary | None = None


@dataclass(frozen=True)
class IndicatorResult:
    indicator: Indicator
    met: bool
    evidence: tuple[str, ...]
    next_steps: tuple[str, ...]  # empty when met
    field: FieldEvidence | None = None  # only for penurunan_klaim


@dataclass(frozen=True)
class ChecklistReport:
    results: tuple[IndicatorResult, ...]

    @property
    def met(self) -> bool:
        return all(r.met for r in self.results)

    @property
    def met_count(self) -> int:
        return sum(r.met for r in self.results)

    def result(self, indicator_id: str) -> IndicatorResult:
        return next(r for r in self.results if r.indicator.id == indicator_id)


def wib_date(stamp: Any) -> str:
    """An ISO timestamp as a WIB date ('5 Oktober 2026'); '-' when there is none."""
    try:
        moment = dt.datetime.fromisoformat(str(stamp))
    except ValueError:
        return "-"
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return tanggal(moment.astimezone(WIB).date())


def change(reduction: Fraction) -> str:
    return f"turun {percent(reduction)}" if reduction >= 0 else f"naik {percent(-reduction)}"
