"""The trainer's cohort page pieces: creating a cohort, the join code and its QR code for the projector."""

from __future__ import annotations

import streamlit as st

from bimtek.errors import BimtekError
from bimtek.storage import accounts, cohorts
from bimtek.storage.accounts import CohortInfo, TrainerInfo
from ui import identity, nav, plain, state
from ui.room_view import PUBLIC_URL_ENV, QR_WIDTH, app_address, join_link, on_this_machine_only, qr_png


def create_cohort(trainer: TrainerInfo) -> None:
    """The form's callback: a new cohort, put on the projector."""
    try:
        made = accounts.create_cohort(
            identity.store(), str(st.session_state.get(state.COHORT_NAME) or ""), trainer.username
        )
    except BimtekError as err:
        st.session_state[state.COHORT_FORM] = plain.md(err, limit=None)  # quotes the name as typed
        return
    st.session_state[state.COHORT_SHOWN] = made.id
    st.session_state[state.COHORT_NAME] = ""
    st.session_state[state.COHORT_FORM] = None


def render_create(trainer: TrainerInfo, first: bool) -> None:
    """The new-cohort form: open on a trainer's first visit, folded once there is a code to project above it."""
    with st.expander("Buat kelas baru", expanded=first, icon=":material/add:"), st.form("kelas_baru"):
        st.text_input("Nama kelas", key=state.COHORT_NAME, max_chars=120, placeholder="Bimtek Klaim Puskesmas, Oktober")
        st.form_submit_button("Buat kelas", key=state.COHORT_CREATE, on_click=create_cohort, args=(trainer,))
    problem = st.session_state.get(state.COHORT_FORM)
    if problem:
        st.error(problem)


def render_projector(cohort: CohortInfo) -> None:
    """The join code, large, and a QR code of the link that fills it in: for the projector, above the fold."""
    address = str(st.session_state.get(state.COHORT_URL) or app_address())
    link = join_link(address, cohort.join_code)
    code_col, qr_col = st.columns([3, 2])
    with code_col:
        st.markdown(f"### {plain.md(cohort.name)}")
        st.markdown("Kode kelas:")
        st.markdown(
            f"<div style='font-size:6rem;line-height:1.1;font-weight:700;letter-spacing:0.5rem;font-family:monospace'>"
            f"{cohort.join_code}</div>",
            unsafe_allow_html=True,
        )
        st.markdown(f"Buka **{address}**, pilih **Masuk → Peserta kelas**, lalu isi kode di atas, nama dan PIN.")
        st.caption(f"Tautan langsung: {link}")
    qr_col.image(qr_png(link), caption="Pindai untuk bergabung", width=QR_WIDTH)
    st.text_input(
        "Alamat aplikasi yang dibuka peserta",
        value=app_address(),
        key=state.COHORT_URL,
        help=f"Atur {PUBLIC_URL_ENV} agar alamat ini benar untuk jaringan ruangan (misalnya http://192.168.1.10:8501).",
    )
    if on_this_machine_only(address):
        st.warning(
            "Alamat ini hanya dapat dibuka di komputer ini. Untuk peserta di jaringan ruangan, isi alamat IP "
            "komputer ini (misalnya http://192.168.1.10:8501)."
        )


def shown_cohort(trainer: TrainerInfo) -> CohortInfo | None:
    """The cohort on the projector: the one last chosen or made, else the newest listed; None without cohorts."""
    mine = cohorts.trainer_cohorts(identity.store(), trainer.id)
    shown = st.session_state.get(state.COHORT_SHOWN)
    return next((c for c in mine if c.id == shown), mine[0] if mine else None)


def _show(cohort_id: int) -> None:
    st.session_state[state.COHORT_SHOWN] = cohort_id


def render_cohorts(trainer: TrainerInfo, current: CohortInfo | None) -> None:
    """The trainer's cohorts, each with its code, member count and a button to put it on the projector."""
    mine = cohorts.trainer_cohorts(identity.store(), trainer.id)
    st.subheader("Kelas Anda")
    if not mine:
        st.info("Belum ada kelas. Buat kelas baru di atas; kodenya lalu ditampilkan untuk peserta.")
        return
    for cohort in mine:
        members = len(cohorts.cohort_members(identity.store(), cohort.id))
        name_col, code_col, count_col, button_col = st.columns([4, 2, 2, 2])
        name_col.markdown(
            f"**{plain.md(cohort.name)}**" + (" (di layar)" if current and cohort.id == current.id else "")
        )
        code_col.markdown(f"`{cohort.join_code}`")
        count_col.markdown(f"{members} peserta")
        button_col.button("Tampilkan kode", key=f"{state.COHORT_SHOWN}_{cohort.id}", on_click=_show, args=(cohort.id,))
    st.page_link(nav.DASBOR, label="Buka dasbor kelas", icon=":material/dashboard:")
