"""The recommended learning path on Beranda: the two cases of the source article first, then the modules, practice and
the checklist, each step with this learner's progress; the first open step is where a new trainee lands."""

from __future__ import annotations

from dataclasses import dataclass, field

import streamlit as st

from bimtek.storage import cohorts
from bimtek.storage.checklist import checklist_statuses
from scoring.checklist import DOC_SIMULATION, DOC_SOP
from scoring.exercises import summarise_progress
from ui import identity, nav, progress
from ui.case_list import SEED_CASES, recommended_order
from ui.content import case_scenarios
from ui.module_view import QUERY_KEY as MODULE_QUERY
from ui.module_view import modules_result

# (module id, why) in the order a new learner takes them, between the article's cases and the later practice
PATH_MODULES = (
    ("regulasi", "dasar hukum klaim dan tenggatnya"),
    ("alur-klaim", "dari pelayanan sampai pembayaran"),
    ("dokumentasi", "berkas yang membuat klaim layak bayar"),
    ("diagnosa-kode", "kode ICD-10 yang sesuai tindakan"),
)
MORE_CASES = 2  # further Dasar cases after the modules
ICONS = {
    progress.TUNTAS: ":material/check_circle:",
    progress.DICOBA: ":material/pending:",
    progress.BELUM: ":material/radio_button_unchecked:",
}


@dataclass(frozen=True)
class Step:
    label: str
    why: str
    page: str
    status: str
    query: dict[str, str] = field(default_factory=dict)


def _case_step(scenario_id: str, title: str, why: str) -> Step:
    return Step(title, why, nav.KASUS, progress.case_status(scenario_id), {"kasus": scenario_id})


def _module_step(module_id: str, why: str) -> Step | None:
    module = modules_result().find(module_id)
    if module is None:
        return None
    done = summarise_progress(module, progress.exercise_results(module.id))
    status = (
        progress.TUNTAS if done.done == done.total else progress.DICOBA if done.score is not None else progress.BELUM
    )
    return Step(f"Modul {module.judul}", why, nav.MODUL, status, {MODULE_QUERY: module.id})


def _document_step(label: str, why: str, page: str, kind: str) -> Step:
    status = progress.TUNTAS if progress.load_document(kind) else progress.BELUM
    return Step(label, why, page, status)


def _checklist_status() -> str:
    learner = identity.current_learner()
    if not identity.is_stored(learner):
        return progress.BELUM
    statuses = checklist_statuses(identity.store(), [learner.id]).get(learner.id, {})
    if statuses and all(s["met"] for s in statuses.values()) and len(statuses) == 4:
        return progress.TUNTAS
    return progress.DICOBA if statuses else progress.BELUM


def steps() -> list[Step]:
    """The path for the current learner, each step with its status."""
    cases = {s.id: s for s in case_scenarios()}
    out: list[Step] = []
    for number, case_id in enumerate(SEED_CASES, start=1):
        if case_id in cases:
            why = "kasus artikel Bimtek: rasakan dulu bagaimana klaim dikembalikan"
            out.append(_case_step(case_id, f"Kasus {number}: {cases[case_id].judul}", why))
    out += [step for module_id, why in PATH_MODULES if (step := _module_step(module_id, why)) is not None]
    basics = [s for s in recommended_order(list(cases.values())) if s.id not in SEED_CASES][:MORE_CASES]
    out += [_case_step(s.id, f"Studi kasus: {s.judul}", "latihan tingkat Dasar") for s in basics]
    if (piutang := _module_step("piutang", "kapitasi dan klaim sebagai piutang; lalu Latihan Jurnal")) is not None:
        out.append(piutang)
    out.append(_document_step("Simulasi Bulan", "satu bulan klaim fasilitas, diperiksa sebelum dikirim",
                              nav.SIMULASI_BULAN, DOC_SIMULATION))  # fmt: skip
    out.append(_document_step("Penyusun SOP", "SOP klaim fasilitas Anda", nav.SOP, DOC_SOP))
    out.append(Step("Checklist Pasca Bimtek", "keempat indikator, lalu sertifikat", nav.CHECKLIST, _checklist_status()))
    return out


def next_step(path: list[Step] | None = None) -> Step | None:
    """The first step not yet tuntas."""
    return next((s for s in path or steps() if s.status != progress.TUNTAS), None)


def first_task() -> tuple[str, dict[str, str]]:
    """Where a trainee who just joined (or resumed) their cohort starts: the first open task from their trainer, else
    the first step of the path not yet tuntas (Kasus 1 for someone new), else Beranda."""
    learner = identity.current_learner()
    if identity.is_stored(learner) and learner.cohort:
        for task in cohorts.assignments_for(identity.store(), learner.id):
            if task.done_at is None:
                if task.kind == "modul":
                    return nav.MODUL, {MODULE_QUERY: task.target}
                return nav.KASUS, {"kasus": task.target}
    step = next_step()
    return (step.page, step.query) if step is not None else (nav.BERANDA, {})


def render_path() -> None:
    """Beranda's "Jalur belajar": the next step as a button-like link, the progress, and every step with its status."""
    path = steps()
    done = sum(s.status == progress.TUNTAS for s in path)
    st.subheader("Jalur belajar")
    st.progress(done / len(path), text=f"{done} dari {len(path)} langkah tuntas")
    upcoming = next_step(path)
    if upcoming is not None:
        st.page_link(
            upcoming.page,
            label=f"Langkah berikutnya: {upcoming.label}",
            icon=":material/arrow_forward:",
            query_params=upcoming.query or None,
        )
    with st.expander("Semua langkah", expanded=done == 0):
        for number, step in enumerate(path, start=1):
            st.page_link(
                step.page,
                label=f"{number}. {step.label} ({step.status.lower()})",
                icon=ICONS[step.status],
                query_params=step.query or None,
                help=step.why,
            )
