"""The curriculum section (Modul Bimtek and Ekspor pages): the structure in JPL and the DOCX/PDF downloads."""

from __future__ import annotations

from functools import partial

import streamlit as st

from bimtek.curriculum import (
    DESIGN_NOTE,
    FORMATS,
    JPL_MINUTES,
    build_curriculum,
    file_name,
    organiser_from_env,
    render,
)
from bimtek.modules import Kelompok
from ui import downloads, plain
from ui.content import scenarios_result
from ui.module_view import modules_result

# Widget keys of this section (kept here, not in ui/state.py, so the section stays one file to merge).
DOWNLOAD_KEYS = {"docx": "kurikulum_docx", "pdf": "kurikulum_pdf"}
PREPARE_KEY = "kurikulum_siapkan"
PREPARED = "kurikulum_disiapkan"  # session flag: this session asked for the files
LABELS = {"docx": "Unduh kurikulum (DOCX)", "pdf": "Unduh kurikulum (PDF)"}
ICONS = {"docx": ":material/description:", "pdf": ":material/picture_as_pdf:"}


@st.cache_data(show_spinner=False, max_entries=8)
def _document(fmt: str, content: tuple[tuple[str, ...], str | None, tuple[str, ...]]) -> bytes:
    """The file for this content, built once per server process (the PDF takes about a second)."""
    modules = modules_result().modules
    return render(build_curriculum(modules, content[1], scenarios_result().scenarios), fmt)


def _prepare() -> None:
    st.session_state[PREPARED] = True


def render_section() -> None:
    """The course's structure per group, with each materi's JPL split, and both files to download."""
    modules = modules_result().modules
    if not modules:
        return
    organiser = organiser_from_env()
    curriculum = build_curriculum(modules, organiser, scenarios_result().scenarios)
    st.markdown(
        f"Kurikulum dalam susunan kurikulum pelatihan Kemenkes (materi dasar, inti dan penunjang; jam teori, "
        f"penugasan dan praktik lapangan; tujuan, materi pokok, metode, evaluasi dan sertifikat): "
        f"**{curriculum.total_jpl} JPL** dari {len(curriculum.modules)} materi, 1 JPL = {JPL_MINUTES} menit."
    )
    for kelompok in Kelompok:
        group = curriculum.group(kelompok)
        if not group:
            continue
        lines = [
            f"- {plain.authored(m.judul)}: {m.jpl}\u00a0JPL (T\u00a0{m.jam.teori} · P\u00a0{m.jam.penugasan} · "
            f"PL\u00a0{m.jam.praktik_lapangan})"
            for m in group
        ]
        st.markdown(f"**{kelompok.label}** ({sum(m.jpl for m in group)} JPL)\n\n" + "\n".join(lines))
    st.caption(
        "T = teori, P = penugasan, PL = praktik lapangan. "
        + DESIGN_NOTE
        + " Penyelenggara yang dicetak: "
        + (organiser or "belum diatur (BIMTEK_PENYELENGGARA)")
        + "."
    )
    # Building both files takes a second or two, so a page does not pay for it until someone asks (every trainee opens
    # the module list); the bytes are then cached per server process and handed over eagerly (ui.downloads).
    if not st.session_state.get(PREPARED):
        st.button(
            "Siapkan berkas kurikulum (DOCX dan PDF)", key=PREPARE_KEY, icon=":material/description:", on_click=_prepare
        )
        return
    content = (
        tuple(m.model_dump_json() for m in modules),
        organiser,
        tuple(s.id for s in scenarios_result().scenarios),
    )
    columns = st.columns(len(FORMATS))
    with st.spinner("Menyiapkan berkas kurikulum..."):
        for column, (fmt, mime) in zip(columns, FORMATS.items(), strict=True):
            column.download_button(
                LABELS[fmt],
                data=downloads.prepared(DOWNLOAD_KEYS[fmt], content, partial(_document, fmt, content)),
                file_name=file_name(fmt),
                mime=mime,
                key=DOWNLOAD_KEYS[fmt],
                on_click="ignore",
                icon=ICONS[fmt],
            )
