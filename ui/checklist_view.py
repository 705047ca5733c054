"""The checklist report: gathers the trainee's progress, scores the four indicators, and renders them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit as st

from bimtek import modules as module_content
from bimtek.modules import ModuleLoadResult, load_modules
from bimtek.storage import progress as stored
from bimtek.storage.checklist import save_checklist_statuses
from scoring.checklist import (
    DOC_FIGURES,
    DOC_SIMULATION,
    DOC_SOP,
    ChecklistReport,
    IndicatorResult,
    instrument_names,
    score_checklist,
)
from ui import identity, nav, progress
from ui.content import scenarios_result

TERCAPAI = "Tercapai"
BELUM = "Belum tercapai"
BELUM_ADA = "Belum ada data"

# indicator id -> [(page, link label)]: where the trainee works on it
WORK_PAGES = {
    "pengisian_data": [(nav.STUDI_KASUS, "Buka studi kasus")],
    "penurunan_klaim": [
        (nav.SIMULASI_BULAN, "Buka simulasi satu bulan"),
        (nav.ANGKA_FASILITAS, "Isi angka klaim fasilitas"),
    ],
    "sop": [(nav.SOP, "Buka penyusun SOP")],
}


def _signature(directory: Path) -> tuple[tuple[str, int, int], ...]:
    return tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(directory.glob("*.yaml")))


@st.cache_resource(show_spinner=False, max_entries=2)
def _modules(directory: Path, signature: tuple[tuple[str, int, int], ...]) -> ModuleLoadResult:
    from bimtek.rules import all_rules

    scenario_ids = {s.id for s in scenarios_result().scenarios}
    return load_modules(directory, scenario_ids, {r.code for r in all_rules()})


DOCUMENT_KINDS = (DOC_SIMULATION, DOC_FIGURES, DOC_SOP)


def score_records(
    attempts: list[dict[str, Any]], exercises: list[dict[str, Any]], documents: dict[str, dict[str, Any] | None]
) -> ChecklistReport:
    """A checklist from one learner's records (also used by the exports for every member of a cohort)."""
    directory = module_content.MODULE_DIR
    loaded = _modules(directory, _signature(directory)) if directory.is_dir() else ModuleLoadResult([], [])
    return score_checklist(
        attempts, exercises, documents, scenarios_result().scenarios, instrument_names(loaded.modules)
    )


def build_report() -> ChecklistReport:
    """The current learner's checklist, read fresh from their progress on every run."""
    documents = {kind: progress.load_document(kind) for kind in DOCUMENT_KINDS}
    return score_records(progress.all_attempts(), progress.exercise_results(), documents)


def status_data(report: ChecklistReport) -> dict[str, dict[str, Any]]:
    """The report as the plain data the store keeps per indicator (bimtek/storage/checklist.py)."""
    return {
        r.indicator.id: {
            "met": r.met,
            "evidence": list(r.evidence),
            "next_steps": list(r.next_steps),
            "field_met": r.field.met if r.field is not None else None,
        }
        for r in report.results
    }


def remember(reports: dict[str, ChecklistReport]) -> None:
    """Writes learners' freshly computed checklists through to the store (one transaction; unchanged rows untouched)."""
    save_checklist_statuses(identity.store(), {learner_id: status_data(r) for learner_id, r in reports.items()})


def refresh_status(learner_id: str) -> None:
    """Scores the learner's checklist from the store and writes it through (after a save that may change it, ~10 ms)."""
    store = identity.store()
    documents = {kind: stored.load_document(store, learner_id, kind) for kind in DOCUMENT_KINDS}
    report = score_records(stored.attempts(store, learner_id), stored.exercise_results(store, learner_id), documents)
    remember({learner_id: report})


def _bullets(lines: tuple[str, ...] | list[str]) -> str:
    return "\n".join(f"- {line}" for line in lines)


def _badge(met: bool | None) -> str:
    if met is None:
        return f":gray-badge[{BELUM_ADA}]"
    return f":green-badge[{TERCAPAI}]" if met else f":orange-badge[{BELUM}]"


def render_indicator(number: int, result: IndicatorResult) -> None:
    spec = result.indicator
    with st.container(border=True):
        st.markdown(f"#### {number}. {spec.aspek} {_badge(result.met)}")
        st.caption(f"Indikator sukses: {spec.kriteria}. Cara mengukur: {spec.ukuran}")
        st.markdown("**Bukti**\n\n" + _bullets(result.evidence))
        if result.next_steps:
            st.markdown("**Langkah berikutnya**\n\n" + _bullets(result.next_steps))
        if result.field is not None:
            st.markdown(f"**Bukti lapangan: angka nyata fasilitas** {_badge(result.field.met)}")
            st.markdown(_bullets(result.field.evidence))
            if result.field.next_steps:
                st.caption(" ".join(result.field.next_steps))
        for page, label in WORK_PAGES.get(spec.id, []):
            st.page_link(page, label=label, icon=":material/arrow_forward:")


def render_report(report: ChecklistReport) -> None:
    total = len(report.results)
    if report.met:
        st.success(f"Hasil keseluruhan: {TERCAPAI}. Keempat indikator checklist evaluasi pasca Bimtek terpenuhi.")
    else:
        st.warning(
            f"Hasil keseluruhan: {BELUM}. {report.met_count} dari {total} indikator terpenuhi; lihat langkah "
            "berikutnya di setiap indikator."
        )
    for number, result in enumerate(report.results, start=1):
        render_indicator(number, result)
