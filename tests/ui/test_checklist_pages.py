"""The checklist report, SOP builder and facility figures pages (AppTest), with progress seeded through ui.progress.

Progress is seeded inside the app's own session by a small entry script that calls the ui.progress functions on
its first run and then runs app.py, so these tests hold whatever store ui.progress writes to.
"""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from bimtek.rules import FAMILIES
from bimtek.sop import STEPS
from tests.ui.conftest import ROOT, page_texts, problems, run_page
from ui import nav, state

SEEDED_APP = """
import runpy
import streamlit as st
from tests.ui.test_checklist_pages import {seed}
if not st.session_state.get("seeded_by_test"):
    st.session_state["seeded_by_test"] = True
    {seed}()
runpy.run_path({app!r}, run_name="__main__")
"""


def run_seeded(tmp_path: Path, seed: str, page: str) -> AppTest:
    """The app on `page` after `seed()` (a function of this module) recorded progress in the session's store."""
    (tmp_path / "views").symlink_to(ROOT / "views")  # st.navigation resolves pages beside the entry script
    script = tmp_path / "seeded_app.py"
    script.write_text(SEEDED_APP.format(seed=seed, app=str(ROOT / "app.py")), encoding="utf-8")
    at = AppTest.from_file(str(script), default_timeout=60)
    at.run()
    at.switch_page(page)
    at.run()
    assert not at.exception, problems(at)
    return at


# --- seeds (run inside the app session) -----------------------------------------------------------------------------


def _sop_document(exported: bool) -> dict:
    from tests.test_sop import complete_sop

    return {**complete_sop().content(), "diekspor_pada": "2026-11-21T03:00:00+00:00" if exported else None}


def seed_qualifying() -> None:
    from bimtek.claim import patch_claim
    from bimtek.content import load_scenarios
    from scoring.checklist import entry_scenarios, unavoidable_findings
    from scoring.grading import Submission, grade_attempt
    from tests.test_checklist import THREE, month_doc
    from ui import progress

    cases = [s for s in entry_scenarios(load_scenarios().scenarios) if not unavoidable_findings(s)][:5]
    for scenario in cases:
        fixed = patch_claim(scenario.klaim, scenario.kunci.perbaikan)
        grade = grade_attempt(scenario, Submission(frozenset(scenario.kunci.cacat), fixed, 90.0))
        progress.record_attempt(scenario.id, grade, fixed)
    details = {"instrumen_benar": THREE, "instrumen_dicabut_dipilih": []}
    progress.record_exercise(
        "regulasi", "regulasi-terkini", "rt-tarif-administrasi", "pasangan", 1.0, True, {}, details
    )
    progress.save_document("simulasi_bulan", month_doc((30, 10, 100), (10, 0, 100)))
    progress.save_document("sop", _sop_document(exported=True))


def seed_sop_not_exported() -> None:
    from ui import progress

    progress.save_document("sop", _sop_document(exported=False))


def seed_figures() -> None:
    from tests.test_checklist import FIGURES_GOOD
    from ui import progress

    progress.save_document("angka_fasilitas", FIGURES_GOOD)


# --- the checklist report -------------------------------------------------------------------------------------------

ASPECTS = ("Pemahaman Regulasi", "Praktik Pengisian Data", "Penurunan Klaim Ditolak", "Implementasi SOP")


def headers(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith("#### ")]


def test_an_empty_learner_has_met_nothing():
    at = run_page(nav.CHECKLIST)
    assert not at.exception, problems(at)
    assert at.warning[0].value.startswith("Hasil keseluruhan: Belum tercapai. 0 dari 4")
    assert not at.success
    found = headers(at)
    assert [h.split(". ", 1)[1].split(" :")[0] for h in found] == list(ASPECTS)
    assert all("Belum tercapai" in h for h in found)
    assert any("Selesaikan 5 kasus entri P-Care lagi" in t for t in page_texts(at))


def test_qualifying_work_meets_every_indicator(tmp_path):
    at = run_seeded(tmp_path, "seed_qualifying", nav.CHECKLIST)
    assert at.success[0].value.startswith("Hasil keseluruhan: Tercapai.")
    assert all(":green-badge[Tercapai]" in h for h in headers(at)) and len(headers(at)) == 4
    text = " ".join(page_texts(at))
    assert "5 dari minimal 5 kasus entri P-Care" in text
    assert "Permenkes 3/2023" in text  # the instrument's name, not its id
    assert "turun 75,0%" in text and "Diekspor 21 November 2026" in text
    assert "Angka nyata fasilitas belum diisi." in text


# --- the SOP builder ------------------------------------------------------------------------------------------------


def test_sop_builder_starts_empty_with_everything_to_do():
    at = run_page(nav.SOP)
    assert not at.exception, problems(at)
    assert {m.label: m.value for m in at.metric}["Cakupan SOP"] == "0/100"
    assert "Isi nama fasilitas." in at.warning[0].value
    assert {b.label for b in at.get("download_button")} == {"Unduh SOP (DOCX)", "Unduh SOP (PDF)"}


def test_a_guest_keeps_what_they_chose_when_their_first_save_creates_their_profile():
    at = run_page(nav.SOP)
    at.text_input(key=state.SOP_FACILITY).input("Puskesmas Tamu").run()  # the first save: a guest profile
    common = at.multiselect(key=state.SOP_COMMON)
    common.set_value(list(common.options)).run()
    assert not at.exception, problems(at)
    assert at.text_input(key=state.SOP_FACILITY).value == "Puskesmas Tamu"
    assert len(at.multiselect(key=state.SOP_COMMON).value) == 5
    assert "kesalahan umum:" not in at.warning[0].value
    assert {m.label: m.value for m in at.metric}[
        "Cakupan SOP"
    ] == f"{15 + 20 * 4 // len(FAMILIES)}/100"  # 5 + 10 + four rule families


def test_sop_builder_loads_the_saved_sop_and_an_export_meets_the_indicator(tmp_path):
    at = run_seeded(tmp_path, "seed_sop_not_exported", nav.SOP)
    assert at.text_input(key=state.SOP_FACILITY).value == "Puskesmas Kalasan"
    assert {m.label: m.value for m in at.metric}["Cakupan SOP"] == f"{80 + 20 * 4 // len(FAMILIES)}/100"
    assert "memenuhi syarat" in at.success[0].value
    at.switch_page(nav.CHECKLIST).run()
    assert "Belum diekspor sebagai dokumen." in " ".join(page_texts(at))

    at.switch_page(nav.SOP).run()
    at.get("download_button")[1].click().run()  # the PDF
    assert not at.exception, problems(at)
    at.switch_page(nav.CHECKLIST).run()
    sop = next(h for h in headers(at) if "Implementasi SOP" in h)
    assert ":green-badge[Tercapai]" in sop


def test_an_edit_is_saved_and_asks_for_a_new_export(tmp_path):
    at = run_seeded(tmp_path, "seed_sop_not_exported", nav.SOP)
    at.get("download_button")[0].click().run()
    at.text_input(key=state.SOP_FACILITY).input("Klinik Pratama Sehat Bersama").run()
    assert not at.exception, problems(at)
    at.switch_page(nav.CHECKLIST).run()
    text = " ".join(page_texts(at))
    assert f"SOP Klinik Pratama Sehat Bersama: cakupan {80 + 20 * 4 // len(FAMILIES)} dari 100" in text
    assert "Belum diekspor sebagai dokumen." in text


# --- facility figures -----------------------------------------------------------------------------------------------


def test_figures_page_starts_empty():
    at = run_page(nav.ANGKA_FASILITAS)
    assert not at.exception, problems(at)
    assert "Tambahkan minimal satu bulan" in at.info[0].value


def test_saved_figures_show_the_reduction_chart_and_field_evidence(tmp_path):
    at = run_seeded(tmp_path, "seed_figures", nav.ANGKA_FASILITAS)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Sebelum pelatihan"] == "20,0%"
    assert metrics["Bulan pertama sesudah (2026-10)"] == "15,0%"
    assert metrics["Penurunan"] == "25,0%"
    assert "target minimal 25,0% tercapai" in at.success[0].value
    assert len(at.get("vega_lite_chart")) == 1
    at.switch_page(nav.CHECKLIST).run()
    text = " ".join(page_texts(at))
    assert "Bukti lapangan: angka nyata fasilitas** :green-badge[Tercapai]" in text


# --- the editors' tables --------------------------------------------------------------------------------------------


def test_sop_steps_table_round_trips_and_starts_out_of_order():
    from tests.test_sop import SWAPPED
    from ui.sop_form import blank_sop, steps_frame, steps_from_frame

    assert steps_from_frame(steps_frame(SWAPPED)) == SWAPPED.langkah
    frame = steps_frame(blank_sop())
    assert list(frame["langkah"]) != [step.judul for step in STEPS]
    assert frame["urutan"].isna().all() and frame["frekuensi"].isna().all()
    frame.loc[0, ["urutan", "penanggung_jawab", "frekuensi"]] = [4, " Verifikator ", "Mingguan"]
    first = steps_from_frame(frame)[0]
    assert (first.id, first.urutan, first.penanggung_jawab, first.frekuensi) == (
        "verifikasi",
        4,
        "Verifikator",
        "mingguan",
    )


def test_figures_table_round_trips_through_the_editor_rows():
    from bimtek.facility_figures import figures_from_document, validate_rows
    from tests.test_checklist import FIGURES_GOOD
    from ui.figures_form import editor_rows, figures_frame

    months = figures_from_document(FIGURES_GOOD)
    assert validate_rows(editor_rows(figures_frame(months))) == months
    assert editor_rows(figures_frame([])) == []
