"""The post-Bimtek checklist (seed 000, DESIGN.md §3.4): four indicators scored from a trainee's own work.

Regulation knowledge counts only instruments the source registry (bimtek/reference/data/sumber.yaml) lists as in
force (issue 9: KMK 514/2015 is revoked by KMK HK.01.07/MENKES/1186/2022).

Inputs are the records ui/progress.py keeps: attempts (all_attempts()), exercise results (exercise_results()) and
saved documents (load_document(kind) for 'simulasi_bulan', 'angka_fasilitas', 'sop').

The indicators themselves are data in scoring/indicators.py; Penurunan Klaim Ditolak is scored in scoring/reduction.py.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from bimtek.claim import patch_claim
from bimtek.content import Scenario
from bimtek.errors import InputError
from bimtek.modules import MatchExercise, Module
from bimtek.practice_variants import is_variant, variant_scenarios
from bimtek.sop import read_sop
from bimtek.sources import Status, source_by_id
from bimtek.verification import verify
from scoring.indicators import (
    INDICATOR_BY_ID,
    INDICATORS,
    ChecklistReport,
    FieldEvidence,
    Indicator,
    IndicatorResult,
    wib_date,
)
from scoring.reduction import read_simulated_month, score_claim_reduction, score_field_figures
from scoring.sop import PASS_SCORE, score_sop

__all__ = [
    "INDICATORS",
    "ChecklistReport",
    "FieldEvidence",
    "Indicator",
    "IndicatorResult",
    "read_simulated_month",
    "score_checklist",
    "score_claim_reduction",
    "score_field_figures",
    "wib_date",
]

REGULATION_EXERCISE = "regulasi-terkini"  # the MODULES engineer's exercise id (modules/regulasi.yaml)
MIN_INSTRUMENTS = 3  # seed 000: "menyebutkan minimal 3 peraturan terkini"
MIN_ENTRY_CASES = 5  # seed 000: "Input P-Care tanpa kesalahan pada 5 contoh kasus"
DOC_SIMULATION = "simulasi_bulan"
DOC_FIGURES = "angka_fasilitas"
DOC_SOP = "sop"
LEVELS = ("dasar", "menengah", "mahir")  # easier entry cases are suggested first


def instrument_names(modules: Sequence[Module]) -> dict[str, str]:
    """Instrument id -> the name a trainee saw (e.g. 'pmk-3-2023' -> 'Permenkes 3/2023'), from matching exercises."""
    names: dict[str, str] = {}
    for module in modules:
        for exercise in module.latihan:
            if not isinstance(exercise, MatchExercise):
                continue
            for item in exercise.soal:
                names.update({p.instrumen: p.kanan for p in item.pasangan if p.instrumen})
                names.update({d.instrumen: d.teks for d in item.pengecoh if d.instrumen})
    return names


def _in_force(items: Sequence[Any]) -> list[str]:
    """The instrument ids the source registry lists as in force; revoked, uncertain or unknown ids never count.

    A result stored before a key was corrected (e.g. KMK 514/2015 once taught as current) is judged by today's
    registry, so a revoked instrument is not counted as current knowledge.
    """
    registry = source_by_id()
    return [str(i) for i in items if (s := registry.get(str(i))) is not None and s.status == Status.BERLAKU]


def _not_in_force(items: Sequence[Any]) -> list[str]:
    return [str(i) for i in items if str(i) not in _in_force([i])]


def _names(items: Sequence[Any], names: Mapping[str, str]) -> list[str]:
    """Instrument ids as the names the trainee saw; unknown ids are shown as they are."""
    out = []
    for item in dict.fromkeys(str(i).strip() for i in items):
        if item:
            out.append(names.get(item, item))
    return out


# --- Pemahaman Regulasi ---------------------------------------------------------------------------------------------


def score_regulation(exercises: Sequence[Mapping[str, Any]], names: Mapping[str, str] | None = None) -> IndicatorResult:
    names = names or {}
    rows = sorted(
        (r for r in exercises if r.get("exercise_id") == REGULATION_EXERCISE), key=lambda r: str(r.get("created_at"))
    )
    spec = INDICATOR_BY_ID["regulasi"]
    where = "latihan 'Regulasi terkini' di modul Regulasi Klaim FKTP"
    for row in rows:
        details = row.get("details") or {}
        correct = _names(_in_force(details.get("instrumen_benar") or []), names)
        if len(correct) >= MIN_INSTRUMENTS and not _names(details.get("instrumen_dicabut_dipilih") or [], names):
            line = (
                f"{wib_date(row.get('created_at'))}: mengenali {len(correct)} instrumen yang berlaku "
                f"({'; '.join(correct)}), tanpa memilih instrumen yang sudah dicabut."
            )
            return IndicatorResult(spec, True, (line,), ())
    if not rows:
        return IndicatorResult(
            spec,
            False,
            ("Latihan regulasi belum dikerjakan.",),
            (f"Kerjakan {where}: kenali minimal {MIN_INSTRUMENTS} peraturan yang berlaku dan apa yang diaturnya.",),
        )
    evidence = []
    for row in rows[-3:]:
        details = row.get("details") or {}
        correct = _names(_in_force(details.get("instrumen_benar") or []), names)
        revoked = _names(details.get("instrumen_dicabut_dipilih") or [], names)
        outdated = _names(_not_in_force(details.get("instrumen_benar") or []), names)
        line = f"{wib_date(row.get('created_at'))}: {len(correct)} instrumen berlaku dikenali"
        if revoked:
            line += f"; memilih instrumen yang sudah dicabut: {'; '.join(revoked)}"
        if outdated:
            line += f"; tidak dihitung karena tidak berlaku lagi: {'; '.join(outdated)}"
        evidence.append(line + ".")
    best = max(len(_names(_in_force((r.get("details") or {}).get("instrumen_benar") or []), names)) for r in rows)
    step = f"Ulangi {where}: pilih hanya instrumen yang masih berlaku (yang sudah dicabut, mis. Permenkes 52/2016, tidak dihitung)"
    if best < MIN_INSTRUMENTS:
        step += f", dan kenali minimal {MIN_INSTRUMENTS} (sejauh ini paling banyak {best})"
    return IndicatorResult(spec, False, tuple(evidence), (step + ".",))


# --- Praktik Pengisian Data -----------------------------------------------------------------------------------------


def entry_scenarios(scenarios: Sequence[Scenario]) -> list[Scenario]:
    """The P-Care entry cases: scenarios whose claim is a kapitasi encounter."""
    return [s for s in scenarios if s.klaim.pengajuan.jenis_klaim == "kapitasi"]


def unavoidable_findings(scenario: Scenario) -> frozenset[str]:
    """Rules still tripped after the answer key's own correction: facts no honest fix can change (a late entry)."""
    if scenario.kunci.tidak_dapat_diperbaiki:
        return frozenset()
    return frozenset(f.rule for f in verify(patch_claim(scenario.klaim, scenario.kunci.perbaikan)).findings)


def attempt_counts(attempt: Mapping[str, Any], unavoidable: frozenset[str] = frozenset()) -> bool:
    """An entry case counts when the correction is right, nothing was fabricated, and no finding remains that the
    trainee could have removed (only the case's unavoidable ones may stay)."""
    remaining = attempt.get("remaining")
    return (
        bool(attempt.get("correction_ok"))
        and bool(attempt.get("integrity_ok"))
        and isinstance(remaining, list)
        and set(remaining) <= unavoidable
    )


def before_key(attempts: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The attempts made before the learner saw that case's answer key (issue 11): a retry after the key is
    practice, not proof. An attempt stored before "key seen" was noted is read as the old page left it: the key was
    shown after every attempt, so only a learner's first attempt on a case was made without it."""
    seen: set[str] = set()
    out = []
    for attempt in sorted(attempts, key=lambda a: str(a.get("created_at"))):
        sid = str(attempt.get("scenario_id"))
        flag = attempt.get("key_seen")
        if flag is False or (flag is None and sid not in seen):
            out.append(attempt)
        seen.add(sid)
    return out


def _entry_cases(attempts: Sequence[Mapping[str, Any]], scenarios: Sequence[Scenario]) -> dict[str, Scenario]:
    """The P-Care entry cases: the given scenarios, and each generated variant the learner has worked (a variant is
    its own case)."""
    cases = {s.id: s for s in entry_scenarios(scenarios)}
    worked = [str(a.get("scenario_id")) for a in attempts if str(a.get("scenario_id")) not in cases]
    cases.update({s.id: s for s in entry_scenarios(variant_scenarios([i for i in worked if is_variant(i)]))})
    return cases


def score_data_entry(attempts: Sequence[Mapping[str, Any]], scenarios: Sequence[Scenario]) -> IndicatorResult:
    spec = INDICATOR_BY_ID["pengisian_data"]
    cases = _entry_cases(attempts, scenarios)
    ordered = sorted((a for a in attempts if a.get("scenario_id") in cases), key=lambda a: str(a.get("created_at")))
    first_tries = {id(a) for a in before_key(ordered)}
    unavoidable = {sid: unavoidable_findings(s) for sid, s in cases.items()}
    finished: dict[str, Mapping[str, Any]] = {}
    for attempt in ordered:
        if id(attempt) in first_tries and attempt_counts(attempt, unavoidable[attempt["scenario_id"]]):
            finished.setdefault(attempt["scenario_id"], attempt)
    evidence = []
    for sid, a in finished.items():
        line = f"'{cases[sid].judul}': selesai {wib_date(a.get('created_at'))} (skor {a.get('score', '-')}"
        if a.get("remaining"):
            line += (
                f"; temuan {', '.join(a['remaining'])} tetap ada karena fakta di berkas kasus, bukan kesalahan entri"
            )
        evidence.append(line + ").")
    not_counted = []
    for attempt in ordered:
        sid = attempt["scenario_id"]
        if sid in finished:
            continue
        when, title = wib_date(attempt.get("created_at")), cases[sid].judul
        if id(attempt) not in first_tries:
            not_counted.append(
                f"'{title}' ({when}): dikerjakan setelah kunci jawaban kasus ini ditampilkan; latihan, tidak dihitung."
            )
        elif not attempt.get("integrity_ok", True):
            not_counted.append(
                f"'{title}' ({when}): perbaikan memakai bukti yang tidak ada di berkas kasus; tidak dihitung."
            )
        elif attempt.get("remaining"):
            codes = ", ".join(attempt["remaining"])
            not_counted.append(f"'{title}' ({when}): masih ada temuan {codes}; tidak dihitung.")
        else:
            not_counted.append(f"'{title}' ({when}): perbaikan belum sesuai kunci; tidak dihitung.")
    met = len(finished) >= MIN_ENTRY_CASES
    summary = f"{len(finished)} dari minimal {MIN_ENTRY_CASES} kasus entri P-Care berbeda selesai tanpa kesalahan."
    next_steps: list[str] = []
    if not met:
        need = MIN_ENTRY_CASES - len(finished)
        tried = {a["scenario_id"] for a in ordered}
        # a case whose key the learner has seen can no longer count: "Coba lagi" on it serves a new variant
        open_cases = sorted(
            (s for sid, s in cases.items() if sid not in tried and not is_variant(sid)),
            key=lambda s: (LEVELS.index(s.tingkat.value), s.judul),
        )
        if len(open_cases) < need:
            next_steps.append(
                "Kasus entri P-Care yang belum dicoba tinggal sedikit: pada kasus yang kuncinya sudah Anda lihat, "
                "tekan 'Coba lagi' untuk mendapat varian baru yang dihitung."
            )
        names = "; ".join(f"'{s.judul}'" for s in open_cases)
        next_steps.insert(
            0,
            f"Selesaikan {need} kasus entri P-Care lagi tanpa temuan tersisa dan hanya dengan bukti dari berkas kasus, "
            f"pada percobaan pertama (sebelum kunci jawaban ditampilkan)" + (f": {names}." if names else "."),
        )
    return IndicatorResult(spec, met, (summary, *evidence, *not_counted[-5:]), tuple(next_steps))


# --- Implementasi SOP -----------------------------------------------------------------------------------------------


def score_sop_indicator(document: Mapping[str, Any] | None) -> IndicatorResult:
    spec = INDICATOR_BY_ID["sop"]
    page = "halaman Penyusun SOP"
    if not document:
        return IndicatorResult(
            spec,
            False,
            ("Belum ada SOP tersimpan.",),
            (
                f"Susun SOP klaim di {page}: enam langkah alur klaim, penanggung jawab, frekuensi, kontrol tenggat, dan checklist.",
            ),
        )
    try:
        sop = read_sop(dict(document))
    except InputError as err:
        return IndicatorResult(spec, False, tuple(err.problems), (f"Simpan ulang SOP di {page}.",))
    score = score_sop(sop)
    name = sop.fasilitas.strip() or "(tanpa nama fasilitas)"
    evidence = [f"SOP {name}: cakupan {score.score} dari 100 (minimal {PASS_SCORE}, semua bagian wajib lengkap)."]
    evidence.append(f"Diekspor {wib_date(sop.diekspor_pada)}." if score.exported else "Belum diekspor sebagai dokumen.")
    steps: list[str] = []
    if not score.required_met:
        steps += [m for p in score.parts if p.required and not p.met for m in p.missing]
    if score.exact_score < PASS_SCORE:
        steps += [m for p in score.parts if not p.required and not p.met for m in p.missing]
    if not score.exported:
        steps.append(f"Unduh SOP sebagai DOCX atau PDF di {page}, cetak, tandatangani, dan jalankan.")
    met = score.passes and score.exported
    return IndicatorResult(spec, met, tuple(evidence), tuple(steps) if not met else ())


# --- the report -----------------------------------------------------------------------------------------------------


def score_checklist(
    attempts: Sequence[Mapping[str, Any]],
    exercises: Sequence[Mapping[str, Any]],
    documents: Mapping[str, Mapping[str, Any] | None],
    scenarios: Sequence[Scenario],
    names: Mapping[str, str] | None = None,
) -> ChecklistReport:
    """The four indicators for one trainee; `documents` maps a document kind to load_document(kind).

    `names` maps regulation instrument ids to the names the trainee saw (instrument_names(modules)).
    """
    return ChecklistReport(
        (
            score_regulation(exercises, names),
            score_data_entry(attempts, scenarios),
            score_claim_reduction(documents.get(DOC_SIMULATION), documents.get(DOC_FIGURES)),
            score_sop_indicator(documents.get(DOC_SOP)),
        )
    )
