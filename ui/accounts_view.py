"""Trainees' accounts on the cohort page (Kelas Saya): who is locked, reset a PIN, lift a lock, and the audit log.

Only the cohort's own trainer reaches this (roles.require_trainer + bimtek.storage.account_tools checks the owner).
The widgets carry list positions, never a trainee's id.
"""

from __future__ import annotations

import streamlit as st

from bimtek.errors import BimtekError
from bimtek.storage import account_tools
from bimtek.storage.accounts import CohortInfo, TrainerInfo
from ui import identity, plain, state


def _act(trainer: TrainerInfo, cohort: CohortInfo, action: str) -> None:
    """A button's callback: resets the chosen trainee's PIN or lifts their lock, leaving the outcome for the page."""
    members = account_tools.member_accounts(identity.store(), cohort.id)
    index = st.session_state.get(state.ACCOUNT_MEMBER)
    if not isinstance(index, int) or not 0 <= index < len(members):
        st.session_state[state.ACCOUNT_MESSAGE] = ("error", "Pilih dulu peserta yang akunnya akan diubah.")
        return
    member = members[index]
    try:
        if action == account_tools.RESET_PIN:
            pin = account_tools.reset_learner_pin(identity.store(), trainer, member.id)
            outcome = (
                f"PIN baru untuk {plain.md(member.name)}: **{pin}**. Sampaikan langsung kepada peserta (PIN ini "
                "hanya ditampilkan sekali); tautan lamanya tidak berlaku lagi."
            )
        else:
            account_tools.unlock_learner(identity.store(), trainer, member.id)
            outcome = f"Kunci akun {plain.md(member.name)} dibuka; peserta dapat masuk lagi dengan PIN-nya."
    except BimtekError as err:
        st.session_state[state.ACCOUNT_MESSAGE] = ("error", str(err))
    else:
        st.session_state[state.ACCOUNT_MESSAGE] = ("success", outcome)


def _status(member: account_tools.MemberAccount) -> str:
    if member.locked and member.locked_until is not None:
        return f"Terkunci sampai {member.locked_until.strftime('%H:%M')} UTC"
    if member.failed_pins:
        return f"Aktif ({member.failed_pins} PIN salah berturut-turut)"
    return "Aktif"


def render_accounts(trainer: TrainerInfo, cohort: CohortInfo) -> None:
    st.subheader("Akun peserta")
    members = account_tools.member_accounts(identity.store(), cohort.id)
    if not members:
        st.caption("Belum ada peserta di kelas ini.")
    else:
        st.dataframe([{"Peserta": m.name, "Status": _status(m)} for m in members], hide_index=True, width="stretch")
        st.caption(
            "Peserta yang lupa PIN atau terkunci setelah 5 PIN salah: pilih namanya, lalu atur ulang PIN (PIN baru "
            "6 angka ditampilkan sekali) atau buka kuncinya. Setiap tindakan dicatat."
        )
        names = [m.name for m in members]
        st.selectbox("Peserta", range(len(members)), key=state.ACCOUNT_MEMBER, format_func=lambda i: names[i])
        reset_col, unlock_col = st.columns(2)
        reset_col.button("Atur ulang PIN", key=state.ACCOUNT_RESET, on_click=_act,
                         args=(trainer, cohort, account_tools.RESET_PIN))  # fmt: skip
        unlock_col.button("Buka kunci", key=state.ACCOUNT_UNLOCK, on_click=_act,
                          args=(trainer, cohort, account_tools.UNLOCK))  # fmt: skip
        left = st.session_state.pop(state.ACCOUNT_MESSAGE, None)
        if left:
            (st.success if left[0] == "success" else st.error)(left[1])
    log = account_tools.cohort_audit(identity.store(), cohort.id)
    st.markdown("**Catatan tindakan akun**")
    if not log:
        st.caption("Belum ada tindakan akun di kelas ini.")
        return
    st.dataframe(
        [
            {
                "Waktu (UTC)": e.when.strftime("%Y-%m-%d %H:%M"),
                "Oleh": e.actor,
                "Tindakan": e.action,
                "Peserta": e.target,
            }
            for e in log
        ],
        hide_index=True,
        width="stretch",
    )
