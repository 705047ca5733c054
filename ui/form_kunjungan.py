"""Input widgets of the answer form, one function per P-Care section; each returns claim changes by dotted path."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

import streamlit as st

from bimtek.content import Scenario
from bimtek.reference import load_reference
from scoring.answer_values import parse_number
from ui import answer, state
from ui.labels import angka, status_pulang_codes

KEEP: Literal["session"] = "session"  # the trainee's input survives a visit to another page
VITALS = [
    ("sistole", "Sistole (mmHg)", 1),
    ("diastole", "Diastole (mmHg)", 1),
    ("berat_badan", "Berat badan (kg)", 0.1),
    ("tinggi_badan", "Tinggi badan (cm)", 0.1),
    ("resp_rate", "Napas (/menit)", 1),
    ("heart_rate", "Nadi (/menit)", 1),
    ("suhu", "Suhu (°C)", 0.1),
    ("lingkar_perut", "Lingkar perut (cm)", 0.1),
]


def code_select(label: str, key: str, codes: dict[str, str], current: str | None, allow_empty: bool) -> str | None:
    options: list[str | None] = [None] if allow_empty else []
    options += list(codes)
    if current not in options:
        options.append(current)  # a code outside the reference list stays selectable as it was entered
    return st.selectbox(
        label,
        options,
        index=options.index(current),
        format_func=lambda c: "(kosong)" if c is None else (f"{c} — {codes[c]}" if c in codes else str(c)),
        key=key,
        persist_state=KEEP,
    )


def date_field(label: str, key: str, value: dt.date | None) -> str | None:
    picked = st.date_input(label, value=value, format="DD/MM/YYYY", key=key, persist_state=KEEP)
    return picked.isoformat() if isinstance(picked, dt.date) else None


def decimal_field(label: str, key: str, value: float | None) -> float | str | None:
    """A measurement with a decimal comma ('37,4'): st.number_input can only show '37.4'. Text that is not a number
    goes on as typed, so the claim's validation names it instead of a silent guess."""
    text = st.text_input(
        label,
        value="" if value is None else angka(value),
        key=key,
        placeholder="mis. 37,4",
        persist_state=KEEP,
    )
    if not text.strip():
        return None
    number = parse_number(text)
    return text if number is None else number


def kunjungan_fields(scenario: Scenario) -> dict[str, Any]:
    k = scenario.klaim.kunjungan
    ref = load_reference()
    out: dict[str, Any] = {}
    st.markdown("**Kunjungan**")
    c1, c2, c3 = st.columns(3)
    with c1:
        out["kunjungan.tgl_daftar"] = date_field("Tgl daftar", state.TGL_DAFTAR, k.tgl_daftar)
    with c2:
        out["kunjungan.tgl_pulang"] = date_field("Tgl pulang", state.TGL_PULANG, k.tgl_pulang)
    with c3:
        out["kunjungan.tgl_entri"] = date_field("Tgl entri P-Care", state.TGL_ENTRI, k.tgl_entri)
    c1, c2, c3 = st.columns(3)
    with c1:
        out["kunjungan.kd_tkp"] = code_select("TKP", state.TKP, ref.codes("kd_tkp"), k.kd_tkp, False)
    with c2:
        out["kunjungan.kd_poli"] = code_select("Poli", state.POLI, ref.codes("kd_poli"), k.kd_poli, False)
    with c3:
        out["kunjungan.kd_sadar"] = code_select("Kesadaran", state.SADAR, ref.codes("kd_sadar"), k.kd_sadar, True)
    out["kunjungan.keluhan"] = st.text_area(
        "Keluhan", value=k.keluhan, key=state.KELUHAN, height=68, persist_state=KEEP
    )
    out["kunjungan.anamnesa"] = st.text_area(
        "Anamnesa", value=k.anamnesa, key=state.ANAMNESA, height=68, persist_state=KEEP
    )
    vital: dict[str, Any] = {}
    for i, col in enumerate(st.columns(4) + st.columns(4)):
        name, label, step = VITALS[i]
        current = getattr(k.vital, name)
        with col:
            if isinstance(step, float):
                vital[name] = decimal_field(label, state.VITAL_PREFIX + name, current)
                continue
            vital[name] = st.number_input(
                label,
                value=current,
                step=step,
                key=state.VITAL_PREFIX + name,
                persist_state=KEEP,  # type: ignore[arg-type]
            )
    out["kunjungan.vital"] = vital
    codes = [*k.diagnosa, "", "", ""][:3]
    diag = []
    for i, col in enumerate(st.columns(3)):
        with col:
            diag.append(
                st.text_input(
                    f"Diagnosa {i + 1} (ICD-10)", value=codes[i], key=f"{state.DIAGNOSA_PREFIX}{i}", persist_state=KEEP
                )
            )
    out["kunjungan.diagnosa"] = answer.diagnosa_list([d or "" for d in diag])
    return out


def treatment_fields(scenario: Scenario) -> dict[str, Any]:
    k = scenario.klaim.kunjungan
    ref = load_reference()
    out: dict[str, Any] = {}
    if k.tindakan:
        st.markdown("**Tindakan** (hapus centang untuk menghapus dari klaim)")
        keep = [
            st.checkbox(f"{t.kd_tindakan} {t.nama}", value=True, key=f"{state.TINDAKAN_PREFIX}{i}", persist_state=KEEP)
            for i, t in enumerate(k.tindakan)
        ]
        out["kunjungan.tindakan"] = answer.kept(k.tindakan, keep)
    if k.terapi:
        st.markdown("**Terapi** (hapus centang untuk menghapus dari klaim)")
        keep = [
            st.checkbox(f"{t.nama} ({t.rute})", value=True, key=f"{state.TERAPI_PREFIX}{i}", persist_state=KEEP)
            for i, t in enumerate(k.terapi)
        ]
        out["kunjungan.terapi"] = answer.kept(k.terapi, keep)
    c1, c2 = st.columns(2)
    with c1:
        out["kunjungan.kd_status_pulang"] = code_select(
            "Status pulang", state.STATUS_PULANG, status_pulang_codes(), k.kd_status_pulang, True
        )
    with c2:
        out["kunjungan.kd_dokter"] = (
            st.text_input("Kode dokter", value=k.kd_dokter or "", key=state.DOKTER, persist_state=KEEP) or None
        )
    st.markdown("**Rujukan**")
    r = k.rujukan
    tacc_codes = {int(c): name for c, name in ref.codes("kd_tacc").items()}
    c1, c2, c3 = st.columns([1, 1, 2])
    with c1:
        ppk = st.text_input("Kode PPK tujuan", value=r.kd_ppk if r else "", key=state.RUJUK_PPK, persist_state=KEEP)
    with c2:
        tacc = st.selectbox(
            "TACC",
            list(tacc_codes),
            index=list(tacc_codes).index(r.kd_tacc) if r and r.kd_tacc in tacc_codes else 0,
            format_func=lambda c: f"{c} — {tacc_codes[c]}",
            key=state.TACC,
            persist_state=KEEP,
        )
    with c3:
        alasan = st.text_input(
            "Alasan TACC", value=(r.alasan_tacc or "") if r else "", key=state.TACC_ALASAN, persist_state=KEEP
        )
    out["kunjungan.rujukan"] = answer.rujukan_value(r, ppk or "", int(tacc), alasan or "")
    return out
