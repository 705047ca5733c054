"""The SOP builder: widgets filled from the saved SOP, live coverage, autosave, and the DOCX/PDF downloads."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from bimtek.errors import InputError
from bimtek.sop import (
    CADENCES,
    COMMON_ERRORS,
    STEP_BY_ID,
    STEPS,
    VERIFICATION_STEP,
    Sop,
    SopStep,
    checklist_items,
    deadline_controls,
    read_sop,
)
from bimtek.sop_export import DOCX_MIME, sop_to_docx, sop_to_pdf
from scoring.checklist import DOC_SOP, wib_date
from scoring.sop import PASS_SCORE, SopScore, score_sop
from ui import progress, state

# The order the steps are first listed in: not the article's, so that ordering them is the trainee's work.
SCRAMBLED = ("verifikasi", "pendaftaran", "pengiriman", "entri", "evaluasi", "pelayanan")
CADENCE_BY_LABEL = {label: key for key, label in CADENCES.items()}
STEP_BY_TITLE = {step.judul: step.id for step in STEPS}
WIDGETS = (
    state.SOP_FACILITY,
    state.SOP_CONTROLS,
    state.SOP_COMMON,
    state.SOP_RULES,
    state.SOP_PREPARED_BY,
    state.SOP_PREPARER_ROLE,
    state.SOP_APPROVED_BY,
    state.SOP_DATE,
)


def blank_sop() -> Sop:
    return Sop(langkah=[SopStep(id=step_id) for step_id in SCRAMBLED])


def steps_frame(sop: Sop) -> pd.DataFrame:
    """The steps table as the editor shows it: saved rows in their saved order, then any missing step."""
    rows = [s for s in sop.langkah if s.id in STEP_BY_ID]
    rows += [SopStep(id=step_id) for step_id in SCRAMBLED if step_id not in {s.id for s in rows}]
    return pd.DataFrame(
        {
            "langkah": [STEP_BY_ID[s.id].judul for s in rows],
            "uraian": [STEP_BY_ID[s.id].uraian for s in rows],
            "urutan": pd.array([s.urutan for s in rows], dtype="Int64"),
            "penanggung_jawab": [s.penanggung_jawab for s in rows],
            "frekuensi": [CADENCES.get(s.frekuensi or "") for s in rows],
        }
    )


def _value(cell: Any) -> Any:
    return None if cell is None or (not isinstance(cell, str) and pd.isna(cell)) else cell


def steps_from_frame(frame: pd.DataFrame) -> list[SopStep]:
    steps = []
    for row in frame.to_dict("records"):
        step_id = STEP_BY_TITLE.get(str(row.get("langkah")))
        if step_id is None:
            continue
        number = _value(row.get("urutan"))
        steps.append(
            SopStep(
                id=step_id,
                urutan=int(number) if number is not None else None,
                penanggung_jawab=str(_value(row.get("penanggung_jawab")) or "").strip(),
                frekuensi=CADENCE_BY_LABEL.get(str(_value(row.get("frekuensi")) or "")),
            )
        )
    return steps


def _fill_widgets(saved: Sop, owner: str) -> None:
    """Widgets start from the saved SOP: on first view, after the page was left, or for another learner.

    A guest whose first save just created their profile is the same person: their widgets stay as they are.
    """
    previous = st.session_state.get(state.SOP_OWNER)
    if previous != owner:
        if previous not in (None, progress.GUEST.id):
            for key in (*WIDGETS, state.SOP_STEPS, state.SOP_STEPS_INITIAL):
                st.session_state.pop(key, None)
        st.session_state[state.SOP_OWNER] = owner
    chosen = set(saved.checklist)
    values = {
        state.SOP_FACILITY: saved.fasilitas,
        state.SOP_CONTROLS: [c.id for c in saved.chosen_controls()],
        state.SOP_COMMON: [i.id for i in COMMON_ERRORS if i.id in chosen],
        state.SOP_RULES: [key for key in checklist_items() if key.startswith("aturan:") and key in chosen],
        state.SOP_PREPARED_BY: saved.disusun_oleh,
        state.SOP_PREPARER_ROLE: saved.jabatan_penyusun,
        state.SOP_APPROVED_BY: saved.disetujui_oleh,
        state.SOP_DATE: saved.tanggal_berlaku,
    }
    for key, value in values.items():
        if key not in st.session_state:
            st.session_state[key] = value
    if state.SOP_STEPS not in st.session_state:
        st.session_state[state.SOP_STEPS_INITIAL] = steps_frame(saved)


def _read_widgets() -> Sop:
    ss = st.session_state
    frame = st.data_editor(
        ss[state.SOP_STEPS_INITIAL],
        key=state.SOP_STEPS,
        hide_index=True,
        num_rows="fixed",
        column_order=("langkah", "urutan", "penanggung_jawab", "frekuensi", "uraian"),
        placeholder="-",
        column_config={
            "langkah": st.column_config.TextColumn("Langkah", disabled=True),
            "uraian": st.column_config.TextColumn("Uraian (artikel Bimtek)", disabled=True, width="large"),
            "urutan": st.column_config.NumberColumn("Urutan", min_value=1, max_value=len(STEPS), step=1),
            "penanggung_jawab": st.column_config.TextColumn("Penanggung jawab", max_chars=80),
            "frekuensi": st.column_config.SelectboxColumn("Frekuensi", options=list(CADENCES.values())),
        },
    )
    st.caption(
        "Frekuensi langkah 'Rekapitulasi dan Verifikasi' adalah frekuensi verifikasi internal SOP ini "
        "(tips artikel: harian atau mingguan)."
    )
    controls = deadline_controls()
    st.multiselect(
        "Kontrol tenggat",
        list(controls),
        placeholder="Pilih kontrol tenggat",
        key=state.SOP_CONTROLS,
        format_func=lambda key: f"{controls[key].label} ({controls[key].sumber})",
    )
    items = checklist_items()
    st.multiselect(
        "Checklist: kesalahan umum (artikel Bimtek)",
        [i.id for i in COMMON_ERRORS],
        placeholder="Pilih kesalahan umum",
        key=state.SOP_COMMON,
        format_func=lambda key: items[key].short,
    )
    st.multiselect(
        "Checklist: aturan verifikasi tambahan",
        [key for key in items if key.startswith("aturan:")],
        placeholder="Pilih aturan verifikasi",
        key=state.SOP_RULES,
        format_func=lambda key: items[key].short,
    )
    st.markdown("**Pengesahan**")
    c1, c2 = st.columns(2)
    c1.text_input("Disusun oleh (nama)", key=state.SOP_PREPARED_BY, max_chars=80)
    c1.text_input("Jabatan penyusun", key=state.SOP_PREPARER_ROLE, max_chars=80)
    c2.text_input("Disetujui oleh (nama Kepala FKTP)", key=state.SOP_APPROVED_BY, max_chars=80)
    c2.date_input("Tanggal berlaku", key=state.SOP_DATE, format="DD/MM/YYYY")
    return Sop(
        fasilitas=str(ss[state.SOP_FACILITY]).strip(),
        langkah=steps_from_frame(frame),
        kontrol_tenggat=list(ss[state.SOP_CONTROLS]),
        checklist=[*ss[state.SOP_COMMON], *ss[state.SOP_RULES]],
        disusun_oleh=str(ss[state.SOP_PREPARED_BY]).strip(),
        jabatan_penyusun=str(ss[state.SOP_PREPARER_ROLE]).strip(),
        disetujui_oleh=str(ss[state.SOP_APPROVED_BY]).strip(),
        tanggal_berlaku=ss[state.SOP_DATE],
    )


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _mark_exported(content: dict[str, Any]) -> None:
    progress.save_document(DOC_SOP, {**content, "diekspor_pada": _now()})


@st.cache_data(show_spinner=False, max_entries=16)
def _docx(content_json: str) -> bytes:
    return sop_to_docx(Sop.model_validate_json(content_json))


@st.cache_data(show_spinner=False, max_entries=16)
def _pdf(content_json: str) -> bytes:
    return sop_to_pdf(Sop.model_validate_json(content_json))


def render_coverage(score: SopScore) -> None:
    c1, c2 = st.columns([1, 3])
    c1.metric("Cakupan SOP", f"{score.score}/100")
    c2.progress(min(score.score, 100) / 100, text=f"Minimal {PASS_SCORE}, dengan semua bagian wajib lengkap")
    if score.passes:
        st.success("SOP memenuhi syarat cakupan." + ("" if score.exported else " Unduh sebagai DOCX atau PDF."))
    else:
        st.warning("Yang masih kurang:\n" + "\n".join(f"- {m}" for m in score.missing))


def render_builder() -> None:
    saved_doc = progress.load_document(DOC_SOP)
    try:
        saved = read_sop(saved_doc) if saved_doc else blank_sop()
    except InputError as err:
        st.error(str(err))
        saved = blank_sop()
    _fill_widgets(saved, progress.current_learner().id)
    st.text_input("Nama fasilitas (FKTP)", key=state.SOP_FACILITY, max_chars=120)
    st.markdown(
        "**Alur klaim.** Beri nomor urut 1-6 sesuai alur klaim di FKTP, lalu tentukan penanggung jawab dan "
        "frekuensi setiap langkah."
    )
    sop = _read_widgets()
    changed = sop.content() != saved.content()
    if changed and (saved_doc is not None or sop.content() != blank_sop().content()):
        progress.save_document(DOC_SOP, {**sop.content(), "diekspor_pada": None})
        saved = sop
    sop = sop.model_copy(update={"diekspor_pada": saved.diekspor_pada})
    st.subheader("Cakupan")
    score = score_sop(sop)
    render_coverage(score)
    verification = sop.step(VERIFICATION_STEP)
    if verification is not None and verification.frekuensi:
        st.caption(f"Verifikasi internal: {CADENCES[verification.frekuensi].lower()}.")
    st.subheader("Unduh dan tanda tangani")
    st.caption(
        "Perubahan disimpan otomatis. Unduh SOP, cetak, tandatangani oleh penyusun dan Kepala FKTP, lalu jalankan. "
        "Setelah SOP diubah, unduh lagi agar dokumen yang ditandatangani sama dengan yang tersimpan."
    )
    content = sop.content()
    as_json = Sop.model_validate(content).model_dump_json()
    stem = "sop-klaim-" + ("".join(ch if ch.isalnum() else "-" for ch in sop.fasilitas.lower()).strip("-") or "fktp")
    c1, c2 = st.columns(2)
    c1.download_button(
        "Unduh SOP (DOCX)",
        _docx(as_json),
        f"{stem}.docx",
        DOCX_MIME,
        key=state.SOP_DOCX,
        on_click=_mark_exported,
        args=(content,),
        icon=":material/description:",
    )
    c2.download_button(
        "Unduh SOP (PDF)",
        _pdf(as_json),
        f"{stem}.pdf",
        "application/pdf",
        key=state.SOP_PDF,
        on_click=_mark_exported,
        args=(content,),
        icon=":material/picture_as_pdf:",
    )
    if sop.diekspor_pada:
        st.caption(f"Terakhir diunduh: {wib_date(sop.diekspor_pada)}.")
