"""The scored simulated month: before/after counts and chart, pass or fail, money, and each claim's review."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from bimtek.fmt import rupiah
from bimtek.month import Month
from bimtek.month_actions import TARIK, action_labels
from bimtek.rules import get_rule
from bimtek.verification import Verdict
from scoring.month import OUTCOME_LABELS, PASS_REDUCTION, ClaimReview, MonthResult, review_month
from ui import progress, state
from ui.labels import layanan_label
from ui.month_view import DOC_RESULT, render_header, start_new_month

_STAGES = ("Sebelum tinjauan", "Sesudah tinjauan")


def _percent(value: float) -> str:
    return f"{value:.1f}".replace(".", ",") + "%"


def _codes(verdict: Verdict | None) -> str:
    return ", ".join(verdict.rule_codes()) if verdict is not None else ""


def _banner(result: MonthResult) -> None:
    b, a = result.before.bad, result.after.bad
    change = f"klaim dikembalikan + ditolak dari {b} menjadi {a} ({_percent(result.reduction_percent)} lebih rendah)"
    for review in result.reviews:
        labels = action_labels(review.item)
        for action, why in review.applied.fabricated.items():
            st.error(f"Fabrikasi pada {review.item.no_klaim}: “{labels.get(action, action)}”. {why}")
    if result.fabrications:
        st.error(f"Belum tercapai: ada fabrikasi, sehingga percobaan ini tidak dapat lulus; {change}.")
    elif result.passed:
        st.success(f"Tercapai — {change}; syarat checklist: turun minimal {PASS_REDUCTION}% dalam 1 bulan.")
    elif b == 0:
        st.warning("Belum tercapai: bulan ini tidak memiliki klaim dikembalikan atau ditolak untuk diturunkan.")
    else:
        st.warning(f"Belum tercapai — {change}; syarat minimal {PASS_REDUCTION}%.")


def _chart(result: MonthResult) -> alt.Chart:
    rows = [
        {"Tahap": stage, "Status": status, "Klaim": count}
        for stage, counts in zip(_STAGES, (result.before, result.after), strict=True)
        for status, count in (("Dikembalikan", counts.returned), ("Ditolak", counts.rejected))
    ]
    return (
        alt.Chart(pd.DataFrame(rows), title="Klaim dikembalikan dan ditolak")
        .mark_bar()
        .encode(
            x=alt.X("Tahap:N", sort=list(_STAGES), title=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("Klaim:Q", title="Jumlah klaim", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color(
                "Status:N", scale=alt.Scale(domain=["Dikembalikan", "Ditolak"], range=["#e69f00", "#c0392b"])
            ),
            tooltip=["Tahap", "Status", "Klaim"],
        )
    )


def _summary(result: MonthResult) -> None:
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(
        "Sebelum tinjauan",
        f"{result.before.bad} klaim",
        help=f"{_percent(result.before.rate * 100)} dari {result.before.total} klaim",
    )
    c2.metric(
        "Sesudah tinjauan",
        f"{result.after.bad} klaim",
        help=f"{_percent(result.after.rate * 100)} dari {result.after.total} klaim",
    )
    c3.metric("Penurunan", _percent(result.reduction_percent))
    c4.metric("Fabrikasi", result.fabrications)
    st.altair_chart(_chart(result))
    st.caption(
        f"Tingkat klaim dikembalikan + ditolak: sebelum {_percent(result.before.rate * 100)}, sesudah "
        f"{_percent(result.after.rate * 100)} dari {result.before.total} klaim bulan ini. Klaim yang ditarik padahal "
        "dapat dibayar dan klaim dengan fabrikasi dihitung ditolak."
    )
    st.markdown(
        f"Dibayar BPJS: sebelum tinjauan **{rupiah(result.payable('before'))}**, sesudah tinjauan Anda "
        f"**{rupiah(result.payable('after'))}**, bila semua klaim ditinjau dengan benar "
        f"**{rupiah(result.payable('best'))}**."
    )
    lost = [r for r in result.reviews if r.outcome == "ditarik_keliru"]
    if lost:
        st.warning(
            f"{len(lost)} klaim ditarik padahal dapat dibayar (bila perlu setelah diperbaiki): "
            f"{rupiah(result.lost_by_withdrawal)} hilang."
        )


def _assessment(review: ClaimReview) -> str:
    if set(review.chosen) == set(review.model):
        return "Tepat"
    parts = [f"{n} {what}" for n, what in ((len(review.missing), "kurang"), (len(review.wrong), "keliru")) if n]
    return ", ".join(parts)


def _rows(result: MonthResult) -> list[dict[str, Any]]:
    rows = []
    for r in result.reviews:
        labels = action_labels(r.item)
        rows.append(
            {
                "No. klaim": r.item.no_klaim,
                "Peserta": r.item.claim.peserta.nama,
                "Layanan": layanan_label(r.item.claim.pengajuan.layanan),
                "Sebelum": f"{r.before.status_label} {_codes(r.before)}".strip(),
                "Tindakan Anda": "; ".join(labels.get(a, a) for a in r.chosen) or "—",
                "Sesudah": f"{OUTCOME_LABELS[r.outcome]} {_codes(r.after)}".strip(),
                "Penilaian": _assessment(r),
            }
        )
    return rows


def _details(review: ClaimReview) -> None:
    labels = action_labels(review.item)
    for finding in review.before.findings:
        rule = get_rule(finding.rule)
        st.markdown(f"- Sebelum · **{rule.code} — {rule.title}** ({finding.severity.label}): {finding.message}")
    if review.after is not None and review.after.findings:
        for finding in review.after.findings:
            rule = get_rule(finding.rule)
            st.markdown(f"- Sesudah · **{rule.code} — {rule.title}** ({finding.severity.label}): {finding.message}")
    for title, ids in (("Tepat", review.right), ("Keliru / tidak perlu", review.wrong), ("Kurang", review.missing)):
        if ids:
            st.markdown(f"**{title}:** " + "; ".join(labels.get(a, a) for a in ids))
    for action, why in review.applied.fabricated.items():
        st.error(f"{labels.get(action, action)}: {why}")
    if review.model == (TARIK,):
        st.info("Klaim ini tidak dapat dibayar dengan bukti yang ada di arsip: menariknya adalah keputusan yang benar.")
    payable = review.after.payable if review.after is not None and review.outcome != "fabrikasi" else 0
    st.caption(f"Dibayar sebelum {rupiah(review.before.payable)} · sesudah {rupiah(payable)}")


def render_result(month: Month, draft: dict[str, Any]) -> None:
    result = review_month(month, draft.get("decisions", {}))
    render_header(month)
    with st.container(key=state.MONTH_RESULT_BOX):
        _banner(result)
        _summary(result)
        st.subheader("Per klaim")
        st.dataframe(pd.DataFrame(_rows(result)), hide_index=True)
        for review in result.reviews:
            if review.before.findings or set(review.chosen) != set(review.model) or review.outcome != "layak":
                title = f"{review.item.no_klaim} · {review.item.claim.peserta.nama} · {review.before.status_label}"
                with st.expander(f"{title} → {OUTCOME_LABELS[review.outcome]}"):
                    _details(review)
    saved = progress.load_document(DOC_RESULT)
    if saved is not None and saved.get("seed") != month.seed:
        st.caption(
            f"Untuk checklist tersimpan hasil terbaik Anda: bulan simulasi nomor {saved.get('seed')}, penurunan "
            f"{_percent(float(saved.get('reduction_percent', 0)))}."
        )
    st.button("Mulai bulan baru", key=state.MONTH_NEW, on_click=start_new_month, type="primary")
