"""A date typed as HH/BB/TTTT in a text field: Enter applies it, and the hint is in Indonesian.

Streamlit's st.date_input applies a typed date only when the field loses focus, and its empty segments read
"dd / mm / yyyy" (its date field's locale is fixed to en-US in the browser code); a text field has neither problem.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from scoring.answer_values import parse_date

PLACEHOLDER = "HH/BB/TTTT"


def shown_date(day: dt.date) -> str:
    """date(2026, 12, 15) -> '15/12/2026'."""
    return day.strftime("%d/%m/%Y")


def date_text(label: str, key: str, default: dt.date) -> dt.date:
    """The date typed in the field (HH/BB/TTTT, also TTTT-BB-HH); `default` while it is empty or not a date."""
    text = st.text_input(
        label,
        value=shown_date(default),
        key=key,
        placeholder=PLACEHOLDER,
        max_chars=10,
        help="Tulis tanggal sebagai HH/BB/TTTT, misalnya 15/12/2026, lalu tekan Enter.",
    )
    if not text.strip():
        return default
    day = parse_date(text)
    if day is None:
        st.error(f"Tanggal '{text}' tidak dikenali; tulis sebagai HH/BB/TTTT, misalnya {shown_date(default)}.")
        return default
    return day
