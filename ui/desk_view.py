"""Meja Petugas Klaim's parts: the sheet in play, the decision form, the graded result and the learner's history.

The sheet in play lives in the session (a practice sheet by its seed; a facility's sheet as read from its file,
never stored unless the facility ticks the box). Grading, storing the attempt and feeding the spaced review happen
on submit; the verifier's findings appear only then.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Mapping
from typing import Any

import pandas as pd
import streamlit as st

from bimtek.bulk import long_lived_batch
from bimtek.claim import Claim
from bimtek.desk import FASILITAS, LATIHAN, Sheet, SheetClaim, build_sheet, categories, draw_seed, sheet_from_claims
from bimtek.fmt import rupiah, tanggal
from bimtek.io import finding_text
from bimtek.privacy import mask_card
from bimtek.rules import get_rule
from bimtek.storage import desk as stored
from scoring.desk import (
    DECISIONS,
    KEMBALIKAN,
    OUTCOME_LABELS,
    TRUE_PAY,
    TRUE_RETURN,
    Decision,
    DeskResult,
    grade_sheet,
    unanswered,
)
from ui import identity, plain, review_view, state
from ui.claim_view import render_claim
from ui.labels import layanan_label


def _clear_widgets() -> None:
    prefixes = (state.DESK_DECISION_PREFIX, state.DESK_CATEGORY_PREFIX)
    for key in [k for k in st.session_state if str(k).startswith(prefixes)]:
        del st.session_state[key]
    st.session_state.pop(state.DESK_RESULT, None)


QUERY_KEY = "lembar"  # ?lembar=<number>: a practice sheet by its number, so a whole room can work the same sheet
MAX_SEED = 999_999


def start_practice_sheet(seed: int | None = None) -> None:
    """A practice sheet (a fresh one unless `seed` names it); the clock starts now; the URL keeps its number."""
    _clear_widgets()
    st.session_state.pop(state.DESK_UPLOADED, None)
    seed = seed if seed is not None else draw_seed(random.SystemRandom())
    st.session_state[state.DESK_SHEET] = {"source": LATIHAN, "seed": seed, "started": time.time(), "keep": False}
    st.query_params[QUERY_KEY] = str(seed)


def _wanted_seed() -> int | None:
    raw = st.query_params.get(QUERY_KEY, "")
    return int(raw) if raw.isdigit() and 1 <= int(raw) <= MAX_SEED else None


def start_facility_sheet(claims: list[Claim], keep: bool) -> None:
    """The facility's own month as the sheet in play (sampled to 20); kept in this session only unless `keep`."""
    _clear_widgets()
    seed = draw_seed(random.SystemRandom())
    with long_lived_batch():  # a large month is verified whole (bimtek/bulk.py: without stalling other sessions)
        st.session_state[state.DESK_UPLOADED] = sheet_from_claims(claims, seed)
    st.session_state[state.DESK_SHEET] = {"source": FASILITAS, "seed": seed, "started": time.time(), "keep": keep}
    st.query_params.pop(QUERY_KEY, None)


def current_sheet() -> tuple[Sheet, dict[str, Any]]:
    """The sheet in play and its session record; a practice sheet is drawn on the first visit."""
    info = st.session_state.get(state.DESK_SHEET)
    wanted = _wanted_seed()
    if wanted is not None and (info is None or info["source"] != LATIHAN or info["seed"] != wanted):
        start_practice_sheet(wanted)  # a sheet named in the link (a trainer's projected number, a refresh)
    elif info is None or (info["source"] == FASILITAS and state.DESK_UPLOADED not in st.session_state):
        start_practice_sheet()
    info = st.session_state[state.DESK_SHEET]
    if info["source"] == FASILITAS:
        return st.session_state[state.DESK_UPLOADED], info
    return build_sheet(int(info["seed"])), info


def duration(seconds: float) -> str:
    minutes, rest = divmod(int(round(seconds)), 60)
    return f"{minutes} menit {rest} detik" if minutes else f"{rest} detik"


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def _summary(number: int, claim: Claim) -> str:
    p, k = claim.pengajuan, claim.kunjungan
    parts = [
        f"**Klaim {number}**",
        plain.md(p.no_klaim or "tanpa nomor"),
        plain.md(claim.fasilitas.nama or claim.fasilitas.kode),
        f"{plain.md(claim.peserta.nama)} ({mask_card(claim.peserta.no_kartu)})",
        plain.md(layanan_label(p.layanan)),
        tanggal(k.tgl_daftar),
        rupiah(p.jumlah_diajukan),
    ]
    return " · ".join(parts)


@st.fragment(run_every=5)
def render_clock(started: float) -> None:
    st.caption(f"Waktu berjalan: {duration(time.time() - started)}")


def render_sheet(sheet: Sheet, info: Mapping[str, Any]) -> None:
    """The day sheet as a form: per claim a summary, the full claim on demand, the decision and its reason."""
    reasons = categories()
    with st.form(state.DESK_FORM, border=False):
        for i, item in enumerate(sheet.items):
            with st.container(border=True, key=f"{state.DESK_CLAIM_PREFIX}{i}"):
                st.markdown(_summary(i + 1, item.claim))
                with st.expander("Lihat klaim lengkap"):
                    render_claim(item.claim)
                decision, reason = st.columns([2, 3])
                decision.radio(
                    "Keputusan",
                    list(DECISIONS),
                    format_func=DECISIONS.__getitem__,
                    index=None,
                    horizontal=True,
                    key=f"{state.DESK_DECISION_PREFIX}{i}",
                )
                reason.selectbox(
                    "Alasan bila dikembalikan",
                    list(reasons),
                    format_func=reasons.__getitem__,
                    index=None,
                    placeholder="Pilih alasan",
                    key=f"{state.DESK_CATEGORY_PREFIX}{i}",
                )
        submitted = st.form_submit_button("Kirim keputusan lembar ini", type="primary", key=state.DESK_SUBMIT)
    if submitted:
        _submit(sheet, info)


def _decisions(sheet: Sheet) -> dict[int, Decision | None]:
    out: dict[int, Decision | None] = {}
    for i in range(sheet.n):
        action = st.session_state.get(f"{state.DESK_DECISION_PREFIX}{i}")
        category = st.session_state.get(f"{state.DESK_CATEGORY_PREFIX}{i}")
        out[i] = Decision(action, category if action == KEMBALIKAN else None) if action else None
    return out


def _submit(sheet: Sheet, info: Mapping[str, Any]) -> None:
    decisions = _decisions(sheet)
    problems = unanswered(sheet, decisions)
    if problems:
        st.error(f"Lembar belum dapat dinilai: {len(problems)} klaim belum lengkap.")
        for problem in problems:
            st.error(problem)
        return
    given = {i: d for i, d in decisions.items() if d is not None}
    result = grade_sheet(sheet, given, time.time() - float(info["started"]))
    kept = None
    if sheet.source == FASILITAS and info.get("keep"):
        kept = {"claims": [item.claim.model_dump(mode="json") for item in sheet.items]}
    learner = identity.writer()
    stored.record_sheet(
        identity.store(),
        learner.id,
        source=sheet.source,
        seed=sheet.seed,
        figures=result.record(),
        decisions={str(i): {"action": d.action, "category": d.category} for i, d in given.items()},
        sheet=kept,
    )
    exercised = {rule: rule in result.found_rules for item in sheet.items if item.defective for rule in item.rules}
    review_view.note_work(result.missed_rules, exercised)
    st.session_state[state.DESK_RESULT] = {"sheet": sheet, "result": result, "decisions": given}
    st.rerun()


def render_result(sheet: Sheet, result: DeskResult, decisions: Mapping[int, Decision]) -> None:
    """Precision and recall with their counts, the time, and per claim the verifier's findings."""
    with st.container(key=state.DESK_RESULT_BOX):
        st.subheader("Hasil lembar ini")
        returned = result.true_returns + result.wrong_returns
        defective = result.true_returns + result.missed
        c1, c2, c3 = st.columns(3)
        c1.metric("Presisi", percent(result.precision))
        c1.caption(f"{result.true_returns} dari {returned} klaim yang Anda kembalikan memang cacat")
        c2.metric("Recall", percent(result.recall))
        c2.caption(f"{result.true_returns} dari {defective} klaim cacat Anda kembalikan")
        c3.metric("Waktu", duration(result.seconds))
        c3.caption(f"{sheet.n} klaim")
        st.markdown(
            f"- **Benar dikembalikan:** {result.true_returns} (alasan tepat: {result.right_reasons})\n"
            f"- **Klaim cacat terlewat:** {result.missed}\n"
            f"- **Klaim bersih yang dikembalikan:** {result.wrong_returns}\n"
            f"- **Benar layak bayar:** {result.true_pays}"
        )
        if result.missed_rules:
            st.caption("Aturan yang terlewat kembali di Beranda sebagai ulangan besok, lalu 3 dan 7 hari kemudian.")
        reasons = categories()
        for outcome in result.outcomes:
            item = sheet.items[outcome.index]
            decision = decisions[outcome.index]
            right = outcome.kind in (TRUE_RETURN, TRUE_PAY) and outcome.category_ok is not False
            _render_claim_result(outcome.index + 1, item, decision, OUTCOME_LABELS[outcome.kind], reasons, right)
            if outcome.kind == TRUE_RETURN and outcome.category_ok is False:
                st.caption(
                    f"Klaim {outcome.index + 1}: alasan yang benar {', '.join(reasons[f] for f in item.families)}."
                )


def _render_claim_result(
    number: int, item: SheetClaim, decision: Decision, outcome: str, reasons: Mapping[str, str], right: bool
) -> None:
    yours = DECISIONS[decision.action] + (f" ({reasons[decision.category]})" if decision.category else "")
    label = f"Klaim {number}: {outcome} · keputusan Anda {yours} · verifikator: {item.verdict.status_label}"
    with st.expander(label, icon=":material/check_circle:" if right else ":material/error:"):
        if not item.verdict.findings:
            st.markdown("Tidak ada temuan: klaim layak dibayar.")
        for finding in item.verdict.findings:
            rule = get_rule(finding.rule)
            st.markdown(
                f"- **{rule.code} {rule.title}** ({finding.severity.label}): {plain.md(finding_text(finding.message), None)}"
                f"  \n  Dasar: {rule.regulation}"
            )
        st.markdown("**Klaim sebagaimana diajukan**")
        render_claim(item.claim)


def render_history() -> None:
    learner = identity.current_learner()
    rows = stored.sheets(identity.store(), learner.id) if identity.is_stored(learner) else []
    st.subheader("Riwayat lembar Anda")
    if not rows:
        st.caption("Belum ada lembar yang dinilai.")
        return
    table = pd.DataFrame(
        [
            {
                "Tanggal": r["created_at"][:10],
                "Lembar": "Latihan" if r["source"] == LATIHAN else "Bulan fasilitas",
                "Klaim": r["claims"],
                "Presisi": percent(r["precision"]),
                "Recall": percent(r["recall"]),
                "Terlewat": r["missed"],
                "Salah dikembalikan": r["wrong_returns"],
                "Waktu": duration(r["seconds"]),
            }
            for r in reversed(rows)
        ]
    )
    st.dataframe(table, hide_index=True)


def render_cohort(cohort_id: int) -> None:
    """Dasbor Kelas: each trainee's Meja sheets (the last one's precision, recall and time) and the rules the room
    lets through most often."""
    rows = stored.cohort_sheets(identity.store(), cohort_id)
    st.subheader("Meja Petugas Klaim")
    if not rows:
        st.caption("Belum ada lembar Meja Petugas Klaim yang dinilai di kelas ini.")
        return
    by_learner: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_learner.setdefault(row["learner_id"], []).append(row)
    table = pd.DataFrame(
        [
            {
                "Peserta": sheets[-1]["learner_name"],
                "Lembar": len(sheets),
                "Presisi terakhir": percent(sheets[-1]["precision"]),
                "Recall terakhir": percent(sheets[-1]["recall"]),
                "Waktu terakhir": duration(sheets[-1]["seconds"]),
            }
            for sheets in sorted(by_learner.values(), key=lambda s: s[-1]["learner_name"])
        ]
    )
    st.dataframe(table, hide_index=True, width="stretch")
    missed = Counter(rule for row in rows for rule in row["missed_rules"])
    if missed:
        top = ", ".join(f"{rule} {get_rule(rule).title} ({n})" for rule, n in missed.most_common(5))
        st.caption(f"Aturan yang paling sering terlewat di meja: {top}.")
