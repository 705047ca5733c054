"""Journal entries on screen: an entry as a table, the trainee's entry editor, and line-by-line feedback."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import streamlit as st

from bimtek.accounting import ACCOUNTS, JournalEntry
from bimtek.fmt import rupiah, tanggal
from scoring.journal import VERDICT_LABELS, PostedLine, Situation, Step, StepGrade

COLUMNS = ("akun", "debit", "kredit")
BLANK_ROWS = 3
VERDICT_ICONS = {
    "benar": ":green[:material/check_circle:]",
    "jumlah_salah": ":orange[:material/error:]",
    "sisi_salah": ":orange[:material/swap_horiz:]",
    "akun_salah": ":red[:material/cancel:]",
    "hilang": ":red[:material/remove_circle:]",
    "berlebih": ":red[:material/add_circle:]",
    "tidak_valid": ":red[:material/help:]",
}


def entry_frame(entry: JournalEntry) -> pd.DataFrame:
    """An entry as a journal reads: account, debit, credit (credit lines indented)."""
    return pd.DataFrame(
        {
            "Akun": [ln.account if ln.debit else f"    {ln.account}" for ln in entry.lines],
            "Debit": [rupiah(ln.debit) if ln.debit else "" for ln in entry.lines],
            "Kredit": [rupiah(ln.credit) if ln.credit else "" for ln in entry.lines],
        }
    )


def when(step: Step) -> str:
    return tanggal(step.date) if step.date else "tanggal tidak disebut sumber"


def render_entry(entry: JournalEntry, title: str = "", day: str | None = None) -> None:
    """The entry with its title and date (`day` overrides the entry's own date, e.g. a step's)."""
    note = " · :orange-badge[belum pasti]" if entry.uncertain else ""
    st.markdown(f"**{title or entry.description}** · {day or tanggal(entry.date)}{note}")
    st.dataframe(entry_frame(entry), hide_index=True, width="stretch")
    st.caption(f"Sumber: {entry.source}")


def blank_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "akun": pd.Series([None] * BLANK_ROWS, dtype="object"),
            "debit": pd.Series([None] * BLANK_ROWS, dtype="float"),
            "kredit": pd.Series([None] * BLANK_ROWS, dtype="float"),
        }
    )


def entry_editor(key: str) -> pd.DataFrame:
    """Rows the trainee posts for one step: an account from the chart of accounts, a debit or a credit."""
    return st.data_editor(
        blank_frame(),
        key=key,
        num_rows="dynamic",
        hide_index=True,
        placeholder="",
        width="stretch",
        column_config={
            # Narrow enough that Debit and Kredit stay beside Akun on a 390-pixel phone; the list shows names in full.
            "akun": st.column_config.SelectboxColumn("Akun", options=list(ACCOUNTS), width="medium"),
            "debit": st.column_config.NumberColumn(
                "Debit (Rp)", min_value=0, step=1, format="localized", width="small"
            ),
            "kredit": st.column_config.NumberColumn(
                "Kredit (Rp)", min_value=0, step=1, format="localized", width="small"
            ),
        },
    )


def _number(value: Any) -> int:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return 0
    return int(round(float(value)))


def frame_to_lines(frame: pd.DataFrame) -> list[PostedLine]:
    """The rows a trainee filled in (fully empty rows are ignored)."""
    lines = []
    for row in frame.to_dict("records"):
        account = row.get("akun")
        account = "" if account is None or (isinstance(account, float) and math.isnan(account)) else str(account)
        debit, credit = _number(row.get("debit")), _number(row.get("kredit"))
        if account or debit or credit:
            lines.append(PostedLine(account, debit, credit))
    return lines


def render_step_header(number: int, step: Step) -> None:
    st.markdown(f"**Peristiwa {number}** · {when(step)}  \n{step.event}")


def render_step_grade(grade: StepGrade) -> None:
    if grade.step.entry is None and not grade.lines:
        st.markdown(f"{VERDICT_ICONS['benar']} Benar: tabel dibiarkan kosong.")
    for line in grade.lines:
        label = VERDICT_LABELS[line.verdict]
        st.markdown(f"{VERDICT_ICONS[line.verdict]} **{label}** — {line.message}")
        if line.explanation:
            st.caption(line.explanation)
    balance = grade.balance_message
    if grade.lines:
        (st.caption if grade.balanced else st.warning)(balance)
    st.caption(grade.step.why)


def render_facts(situation: Situation) -> None:
    st.markdown(situation.story)
    if situation.facts:
        st.table(pd.DataFrame(situation.facts, columns=["Data", "Nilai"]).set_index("Data"))
    if situation.uncertain:
        st.caption(":orange-badge[belum pasti] Sebagian jurnal di situasi ini memakai praktik yang belum pasti.")


def render_accounts() -> None:
    with st.expander("Daftar akun"):
        st.table(pd.DataFrame(list(ACCOUNTS.items()), columns=["Akun", "Dipakai untuk"]).set_index("Akun"))
