"""Part 1 of the answer form: the trainee's findings, in their own words (issue 11).

Each finding points at the claim field(s) at fault, chosen from this claim's own fields, and names the kind of
problem from categories that do not give the answer away; a short note is optional. No rule code or title is
shown before the answer is submitted.

Drafts ("drafts survive", bimtek/storage/drafts.py, built by another helper): every input here, and the row count,
is session state under state.FORM_PREFIX, so the case page's draft hook saves and restores the findings with the rest
of the form; the row buttons sit outside that prefix because a button's value cannot be restored.
"""

from __future__ import annotations

import streamlit as st

from bimtek.content import Scenario
from scoring.findings import (
    CATEGORIES,
    MAX_FIELDS_PER_FINDING,
    MAX_FINDINGS,
    TraineeFinding,
    claim_fields,
    field_label,
)
from ui import state
from ui.form_kunjungan import KEEP

NOTE_CHARS = 200


def _rows() -> int:
    return int(st.session_state.get(state.FINDING_ROWS, 1))


def _add() -> None:
    st.session_state[state.FINDING_ROWS] = min(MAX_FINDINGS, _rows() + 1)


def _remove(index: int) -> None:
    """Drops one finding row; the rows below move up with their input."""
    rows = _rows()
    empty: dict[str, object] = {state.FINDING_FIELDS_PREFIX: [], state.FINDING_CATEGORY_PREFIX: None}
    empty[state.FINDING_NOTE_PREFIX] = ""
    for i in range(index, rows - 1):
        for prefix, blank in empty.items():
            st.session_state[f"{prefix}{i}"] = st.session_state.get(f"{prefix}{i + 1}", blank)
    for prefix in empty:
        st.session_state.pop(f"{prefix}{rows - 1}", None)
    st.session_state[state.FINDING_ROWS] = max(1, rows - 1)


def render_findings(scenario: Scenario) -> tuple[list[TraineeFinding], list[str]]:
    """The finding rows; returns the complete findings and a message per half-filled row."""
    fields = claim_fields(scenario.klaim)
    categories = list(CATEGORIES)
    st.caption(
        "Untuk setiap cacat: tunjuk bagian klaim yang salah (boleh dua bila keduanya saling bertentangan) dan pilih "
        "jenis masalahnya. Klaim yang sudah benar tidak perlu diberi temuan."
    )
    found: list[TraineeFinding] = []
    problems: list[str] = []
    for i in range(_rows()):
        with st.container(border=True, key=f"{state.FINDING_BOX_PREFIX}{i}"):
            st.markdown(f"**Temuan {i + 1}**")
            chosen = st.multiselect(
                "Bagian klaim yang salah",
                fields,
                format_func=field_label,
                max_selections=MAX_FIELDS_PER_FINDING,
                select_all=False,  # "pilih semua" would turn a finding into a shotgun
                placeholder="Pilih bagian klaim",
                key=f"{state.FINDING_FIELDS_PREFIX}{i}",
                persist_state=KEEP,
            )
            kind = st.selectbox(
                "Jenis masalah",
                categories,
                index=None,
                format_func=lambda c: CATEGORIES[c],
                placeholder="Pilih jenis masalah",
                key=f"{state.FINDING_CATEGORY_PREFIX}{i}",
                persist_state=KEEP,
            )
            note = st.text_input(
                "Catatan (opsional)",
                max_chars=NOTE_CHARS,
                placeholder="mis. hasil trombosit ada di buku lab",
                key=f"{state.FINDING_NOTE_PREFIX}{i}",
                persist_state=KEEP,
            )
            if _rows() > 1:
                st.button("Hapus temuan ini", key=f"{state.FINDING_REMOVE_PREFIX}{i}", on_click=_remove, args=(i,))
        chosen = [f for f in chosen or [] if f in fields]
        if chosen and kind:
            found.append(TraineeFinding(tuple(chosen), str(kind), (note or "").strip()))
        elif chosen or kind or (note or "").strip():
            missing = "jenis masalahnya" if chosen else "bagian klaim yang salah"
            problems.append(f"Temuan {i + 1}: pilih juga {missing}, atau kosongkan temuan itu.")
    if _rows() < MAX_FINDINGS:
        st.button("Tambah temuan", key=state.FINDING_ADD, on_click=_add)
    return found, problems
