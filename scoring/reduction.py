"""Penurunan Klaim Ditolak: (a) the simulated month decides; (b) the facility's real figures are field evidence.

The simulated month (document 'simulasi_bulan', written by the Simulasi Bulan page) can be finished during the
Bimtek, so it decides whether the indicator is met. The facility's real figures (document 'angka_fasilitas') can
only exist a month after training: they are shown beside it as "bukti lapangan" with their own pass/fail against
the same 25% target and never hold the indicator back (docs/facility-figures.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from bimtek.errors import InputError
from bimtek.facility_figures import (
    PERIODS,
    SEBELUM,
    SESUDAH,
    TARGET_REDUCTION,
    figures_from_document,
    percent,
    rate_reduction,
    summarise_figures,
)
from scoring.indicators import INDICATOR_BY_ID, FieldEvidence, IndicatorResult, change, wib_date


@dataclass(frozen=True)
class SimulatedMonth:
    seed: Any
    n: int
    before_bad: int
    before_total: int
    after_bad: int
    after_total: int
    fabrications: int
    completed_at: Any

    @property
    def reduction(self) -> Fraction | None:
        return rate_reduction(self.before_bad, self.before_total, self.after_bad, self.after_total)

    @property
    def passes(self) -> bool:
        return self.fabrications == 0 and self.reduction is not None and self.reduction >= TARGET_REDUCTION


def read_simulated_month(document: Mapping[str, Any]) -> SimulatedMonth:
    """The SIMULATED MONTH page's document; ValueError when a count is missing or not a number."""
    try:
        before, after = document["before"], document["after"]
        return SimulatedMonth(
            seed=document.get("seed"),
            n=int(document.get("n") or before["total"]),
            before_bad=int(before["returned"]) + int(before["rejected"]),
            before_total=int(before["total"]),
            after_bad=int(after["returned"]) + int(after["rejected"]),
            after_total=int(after["total"]),
            fabrications=int(document.get("fabrications") or 0),
            completed_at=document.get("completed_at"),
        )
    except (KeyError, TypeError, ValueError) as err:
        raise ValueError(f"data simulasi tidak lengkap ({err})") from err


def _simulation_part(document: Mapping[str, Any] | None) -> tuple[bool, list[str], list[str]]:
    target = percent(TARGET_REDUCTION)
    if not document:
        return (
            False,
            ["Simulasi satu bulan belum dikerjakan."],
            [
                f"Kerjakan simulasi satu bulan: periksa dan perbaiki 30-60 klaim sampai klaim dikembalikan + ditolak turun minimal {target}."
            ],
        )
    try:
        month = read_simulated_month(document)
    except ValueError as err:
        return False, [f"Hasil simulasi tersimpan tidak dapat dibaca: {err}."], ["Ulangi simulasi satu bulan."]

    def rate(bad: int, total: int) -> str:
        return f"{bad} dari {total} ({percent(Fraction(bad, total) if total else None)})"

    line = (
        f"Simulasi satu bulan ({month.n} klaim, bulan simulasi nomor {month.seed}, selesai {wib_date(month.completed_at)}): dikembalikan + "
        f"ditolak {rate(month.before_bad, month.before_total)} sebelum review, {rate(month.after_bad, month.after_total)} "
        "sesudah"
    )
    reduction = month.reduction
    line += f"; {change(reduction)}." if reduction is not None else "."
    evidence, steps = [line], []
    if month.fabrications:
        evidence.append(
            f"{month.fabrications} perbaikan memakai bukti yang tidak ada di berkas; simulasi tidak dihitung."
        )
        steps.append(
            "Ulangi simulasi satu bulan tanpa mengarang bukti: lampirkan hanya hasil lab dan dokumen yang ada."
        )
    elif reduction is None:
        steps.append("Ulangi simulasi satu bulan dengan batch yang memuat klaim bermasalah.")
    elif not month.passes:
        steps.append(
            f"Ulangi simulasi satu bulan: penurunan sekarang {percent(reduction)}, perlu minimal {target}. Periksa temuan "
            "yang masih tersisa dan perbaiki klaim yang dapat diperbaiki."
        )
    return month.passes, evidence, steps


def score_field_figures(document: Mapping[str, Any] | None) -> FieldEvidence:
    """(b) The facility's own monthly figures, judged by the same 25% target on the first month after training."""
    page = "halaman Angka Klaim Fasilitas"
    if not document:
        return FieldEvidence(
            None,
            ("Angka nyata fasilitas belum diisi.",),
            (f"Satu bulan setelah pelatihan, isi angka klaim fasilitas sebelum dan sesudah pelatihan di {page}.",),
        )
    try:
        summary = summarise_figures(figures_from_document(document))
    except InputError as err:
        return FieldEvidence(False, tuple(err.problems), (f"Perbaiki angka fasilitas di {page}.",))
    if summary.problem is not None:
        return FieldEvidence(None, (summary.problem,), (f"Lengkapi angka fasilitas di {page}.",), summary)
    before = [m for m in summary.rows if m.periode == SEBELUM]
    first = summary.first_after
    assert first is not None and summary.reduction is not None
    lines = [
        f"{PERIODS[SEBELUM]} ({len(before)} bulan, {before[0].bulan} s.d. {before[-1].bulan}): {summary.before_bad} dari "
        f"{summary.before_total} klaim dikembalikan/ditolak ({percent(summary.before_rate)}).",
        f"Bulan pertama sesudah pelatihan ({first.bulan}): {first.bermasalah} dari {first.diajukan} "
        f"({percent(first.rate)}); {change(summary.reduction)} (target minimal {percent(TARGET_REDUCTION)}).",
    ]
    after_months = [m for m in summary.rows if m.periode == SESUDAH]
    if len(after_months) > 1 and summary.reduction_all_after is not None:
        lines.append(
            f"Seluruh {len(after_months)} bulan sesudah pelatihan: {summary.after_bad} dari {summary.after_total} "
            f"({change(summary.reduction_all_after)})."
        )
    steps = () if summary.passes else ("Evaluasi penyebab klaim dikembalikan/ditolak bersama tim dan jalankan SOP.",)
    return FieldEvidence(summary.passes, tuple(lines), steps, summary)


def score_claim_reduction(simulation: Mapping[str, Any] | None, figures: Mapping[str, Any] | None) -> IndicatorResult:
    met, evidence, steps = _simulation_part(simulation)
    field = score_field_figures(figures)
    return IndicatorResult(INDICATOR_BY_ID["penurunan_klaim"], met, tuple(evidence), tuple(steps), field)
