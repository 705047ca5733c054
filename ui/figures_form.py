"""Facility figures page: the monthly table (typed or imported from CSV), autosave, the chart and the reduction."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from bimtek import paths
from bimtek.errors import InputError
from bimtek.facility_figures import (
    COLUMN_HELP,
    COLUMNS,
    COUNT_COLUMNS,
    PERIODS,
    SESUDAH,
    TARGET_REDUCTION,
    FigureSummary,
    MonthFigures,
    figures_from_document,
    figures_to_csv,
    figures_to_document,
    percent,
    read_figures_csv,
    summarise_figures,
    validate_rows,
)
from scoring.checklist import DOC_FIGURES
from ui import progress, state

EXAMPLE = paths.EXAMPLES_DIR / "contoh-angka-fasilitas.csv"


def figures_frame(months: Sequence[MonthFigures]) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "bulan": [m.bulan for m in months],
            "periode": [m.periode for m in months],
            **{c: pd.array([getattr(m, c) for m in months], dtype="Int64") for c in COUNT_COLUMNS},
        },
        columns=list(COLUMNS),
    )
    return frame.astype({"bulan": "object", "periode": "object"})


def editor_rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The editor's rows as plain dicts (missing cells as None), in the order shown."""
    rows = []
    for record in frame.to_dict("records"):
        rows.append({k: (None if not isinstance(v, str) and pd.isna(v) else v) for k, v in record.items()})
    return rows


def rate_chart(summary: FigureSummary) -> alt.LayerChart:
    """Returned + rejected as a percentage of submitted per month, the training boundary and the target."""
    data = pd.DataFrame(
        [
            {
                "bulan": m.bulan,
                "periode": PERIODS[m.periode],
                "persen": round(float(m.rate) * 100, 1),
                "bermasalah": m.bermasalah,
                "diajukan": m.diajukan,
            }
            for m in summary.rows
            if m.rate is not None
        ]
    )
    x = alt.X("bulan:O", title="Bulan", sort=None, axis=alt.Axis(labelAngle=0))
    y = alt.Y("persen:Q", title="Dikembalikan + ditolak (%)")
    tooltip = [
        alt.Tooltip("bulan:O", title="Bulan"),
        alt.Tooltip("persen:Q", title="Persen"),
        alt.Tooltip("bermasalah:Q", title="Dikembalikan + ditolak"),
        alt.Tooltip("diajukan:Q", title="Diajukan"),
    ]
    layers: list[Any] = [
        alt.Chart(data).mark_line(color="#9e9e9e").encode(x=x, y=y),
        alt.Chart(data)
        .mark_point(filled=True, size=80)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "periode:N",
                title="Periode",
                scale=alt.Scale(domain=list(PERIODS.values()), range=["#e65100", "#1565c0"]),
            ),
            tooltip=tooltip,
        ),
    ]
    if summary.first_after is not None:
        boundary = pd.DataFrame({"bulan": [summary.first_after.bulan], "label": ["Sesudah pelatihan"]})
        layers.append(alt.Chart(boundary).mark_rule(strokeDash=[6, 4], color="#555").encode(x="bulan:O"))
        layers.append(
            alt.Chart(boundary).mark_text(align="left", dx=4, dy=-6, color="#555").encode(x="bulan:O", text="label:N")
        )
    if summary.target_rate is not None:
        target = pd.DataFrame(
            {
                "persen": [round(float(summary.target_rate) * 100, 1)],
                "label": [f"Target (turun {percent(TARGET_REDUCTION)})"],
            }
        )
        layers.append(alt.Chart(target).mark_rule(strokeDash=[2, 2], color="#2e7d32").encode(y="persen:Q"))
        layers.append(
            alt.Chart(target).mark_text(align="left", dx=4, dy=-6, color="#2e7d32").encode(y="persen:Q", text="label:N")
        )
    return alt.LayerChart(layer=layers, height=320)


def render_summary(summary: FigureSummary) -> None:
    if summary.problem is not None:
        st.info(summary.problem)
        return
    first = summary.first_after
    assert first is not None and summary.reduction is not None
    c1, c2, c3 = st.columns(3)
    c1.metric(
        "Sebelum pelatihan", percent(summary.before_rate), help=f"{summary.before_bad} dari {summary.before_total}"
    )
    c2.metric(
        f"Bulan pertama sesudah ({first.bulan})", percent(first.rate), help=f"{first.bermasalah} dari {first.diajukan}"
    )
    change = percent(abs(summary.reduction))
    c3.metric("Penurunan", change if summary.reduction >= 0 else f"naik {change}")
    target = percent(TARGET_REDUCTION)
    if summary.passes:
        st.success(
            f"Klaim dikembalikan + ditolak turun {percent(summary.reduction)}: target minimal {target} tercapai."
        )
    else:
        st.warning(f"Target minimal turun {target} belum tercapai pada bulan pertama sesudah pelatihan.")
    st.altair_chart(rate_chart(summary), width="stretch")


def _import(uploaded: Any) -> None:
    """Imports a CSV once per upload: the table starts again from its rows, and they are saved."""
    if st.session_state.get(state.FIGURES_IMPORTED) == uploaded.file_id:
        return
    st.session_state[state.FIGURES_IMPORTED] = uploaded.file_id
    try:
        months = read_figures_csv(uploaded.getvalue())
    except InputError as err:
        st.error(f"Berkas '{uploaded.name}' tidak dapat diimpor:\n" + "\n".join(f"- {p}" for p in err.problems))
        return
    progress.save_document(DOC_FIGURES, figures_to_document(months))
    st.session_state[state.FIGURES_VERSION] = st.session_state.get(state.FIGURES_VERSION, 0) + 1
    st.success(f"{len(months)} bulan diimpor dari '{uploaded.name}'.")


def render_import() -> None:
    with st.expander("Impor dari CSV"):
        st.markdown(
            "Satu baris per bulan; baris pertama berisi nama kolom. Pemisah koma, titik koma, atau tab; simpan "
            "dari Excel sebagai 'CSV UTF-8'.\n\n" + "\n".join(f"- `{c}`: {h}" for c, h in COLUMN_HELP.items())
        )
        if EXAMPLE.is_file():
            st.download_button(
                "Unduh contoh CSV", EXAMPLE.read_bytes(), EXAMPLE.name, "text/csv", key=state.FIGURES_TEMPLATE
            )
        uploaded = st.file_uploader("Berkas CSV", type=["csv"], key=state.FIGURES_UPLOAD)
        if uploaded is not None:
            _import(uploaded)


def render_figures() -> None:
    owner, previous = progress.current_learner().id, st.session_state.get(state.FIGURES_OWNER)
    if previous != owner:  # another learner: the table starts from their saved figures (a new guest keeps it)
        st.session_state[state.FIGURES_OWNER] = owner
        if previous not in (None, progress.GUEST.id):
            st.session_state[state.FIGURES_VERSION] = st.session_state.get(state.FIGURES_VERSION, 0) + 1
    render_import()
    saved_doc = progress.load_document(DOC_FIGURES)
    try:
        saved = figures_from_document(saved_doc)
    except InputError as err:
        st.error("Angka tersimpan tidak valid:\n" + "\n".join(f"- {p}" for p in err.problems))
        saved = []
    key = f"{state.FIGURES_EDITOR}{st.session_state.get(state.FIGURES_VERSION, 0)}"
    if key not in st.session_state:
        st.session_state[state.FIGURES_INITIAL] = figures_frame(saved)
    frame = st.data_editor(
        st.session_state[state.FIGURES_INITIAL],
        key=key,
        num_rows="dynamic",
        hide_index=True,
        placeholder="-",
        column_config={
            "bulan": st.column_config.TextColumn("Bulan (TTTT-BB)", help="Mis. 2026-03", max_chars=10, required=True),
            "periode": st.column_config.SelectboxColumn("Periode", options=list(PERIODS), required=True),
            "diajukan": st.column_config.NumberColumn("Diajukan", min_value=0, step=1, format="%d", required=True),
            "dikembalikan": st.column_config.NumberColumn(
                "Dikembalikan", min_value=0, step=1, format="%d", required=True
            ),
            "ditolak": st.column_config.NumberColumn("Ditolak", min_value=0, step=1, format="%d", required=True),
        },
    )
    try:
        months = validate_rows(editor_rows(frame))
    except InputError as err:
        st.error("Perbaiki tabel (perubahan belum disimpan):\n" + "\n".join(f"- {p}" for p in err.problems))
        return
    if months != saved and (saved_doc is not None or months):
        progress.save_document(DOC_FIGURES, figures_to_document(months))
    if not months:
        st.info("Tambahkan minimal satu bulan sebelum dan satu bulan sesudah pelatihan.")
        return
    st.caption("Perubahan disimpan otomatis.")
    render_summary(summarise_figures(months))
    st.download_button(
        "Unduh angka (CSV)", figures_to_csv(months), "angka-klaim-fasilitas.csv", "text/csv", key=state.FIGURES_DOWNLOAD
    )
    if any(m.periode == SESUDAH for m in months):
        st.caption("Angka ini tampil sebagai bukti lapangan di Checklist Pasca Bimtek.")
