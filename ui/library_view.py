"""The authoring page's cohort library: what each cohort's trainees get, who added it and when, removal, broken entries."""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from bimtek.fmt import tanggal
from bimtek.storage import cohorts
from bimtek.storage.accounts import CohortInfo, TrainerInfo
from bimtek.storage.library import LibraryEntry, library_entries
from scoring.indicators import WIB
from ui import identity, plain, state
from ui.authoring_view import check_text


def when(moment: dt.datetime) -> str:
    local = moment.astimezone(WIB)
    return f"{tanggal(local.date())} {local:%H:%M} WIB"


def _ask(cohort_id: int, scenario_id: str) -> None:
    st.session_state[state.AUTHOR_REMOVE_PENDING] = (cohort_id, scenario_id)


def _cancel() -> None:
    st.session_state.pop(state.AUTHOR_REMOVE_PENDING, None)


def _remove(cohort: CohortInfo, scenario_id: str) -> None:
    st.session_state.pop(state.AUTHOR_REMOVE_PENDING, None)
    if cohorts.remove_library_scenario(identity.store(), cohort.id, scenario_id):
        message = ("success", f"'{scenario_id}' dihapus dari pustaka kelas {cohort.name}.")
    else:
        message = ("info", f"'{scenario_id}' sudah tidak ada di pustaka kelas {cohort.name}.")
    st.session_state[state.AUTHOR_REMOVE_MESSAGE] = message


def _entry(cohort: CohortInfo, entry: LibraryEntry) -> None:
    scenario, problems = check_text(f"{entry.scenario_id}.yaml", entry.yaml_text)
    sid = entry.scenario_id
    with st.container(border=True):
        title = scenario.judul if scenario is not None else "(judul tidak terbaca)"
        st.markdown(
            f"**{plain.authored(title)}**  \n`{sid}` · ditambahkan oleh {entry.added_by or '-'} · {when(entry.created_at)}"
        )
        if problems:
            st.warning(
                f"Tidak dapat dimuat ({len(problems)} masalah); peserta tidak melihat skenario ini. Perbaiki YAML-nya "
                "lalu tambahkan lagi dengan id yang sama, atau hapus dari pustaka."
            )
            st.code("\n".join(str(p) for p in problems), language=None)
        if st.session_state.get(state.AUTHOR_REMOVE_PENDING) == (cohort.id, sid):
            st.warning(f"Hapus '{sid}' dari pustaka kelas {cohort.name}? Peserta kelas ini tidak akan melihatnya lagi.")
            yes, no = st.columns(2)
            yes.button(
                "Ya, hapus", key=state.AUTHOR_REMOVE_CONFIRM + sid, type="primary", on_click=_remove, args=(cohort, sid)
            )
            no.button("Batal", key=state.AUTHOR_REMOVE_CANCEL + sid, on_click=_cancel)
        else:
            st.button("Hapus dari pustaka", key=state.AUTHOR_REMOVE + sid, on_click=_ask, args=(cohort.id, sid))


def render_library(trainer: TrainerInfo) -> None:
    """One cohort's library at a time; each entry can be removed after a confirmation."""
    st.header("Pustaka kelas")
    mine = cohorts.trainer_cohorts(identity.store(), trainer.id)
    if not mine:
        st.caption("Belum ada kelas, jadi belum ada pustaka.")
        return
    by_id = {c.id: c for c in mine}
    cohort = by_id[
        st.selectbox(
            "Kelas yang pustakanya ditampilkan",
            list(by_id),
            format_func=lambda i: f"{by_id[i].name} ({by_id[i].join_code})",
            key=state.AUTHOR_LIBRARY_COHORT,
        )
    ]
    message: Any = st.session_state.pop(state.AUTHOR_REMOVE_MESSAGE, None)
    if message:
        getattr(st, message[0])(message[1])
    entries = library_entries(identity.store(), cohort.id)
    if not entries:
        st.caption(f"Pustaka kelas {cohort.name} masih kosong.")
        return
    st.caption(f"{len(entries)} skenario; peserta kelas {cohort.name} menemukannya di Studi Kasus.")
    for entry in entries:
        _entry(cohort, entry)
