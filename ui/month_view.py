"""The simulated month's review screen: the learner's kept month (seed + draft), the claim picker and the actions."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pandas as pd
import streamlit as st

from bimtek.fmt import rupiah, tanggal
from bimtek.month import Month, MonthClaim, arsip_notes, build_month, draw_seed
from bimtek.month_actions import TARIK, action_labels
from scoring.month import keep_better, month_document, review_month
from ui import progress, state
from ui.claim_view import render_claim
from ui.labels import layanan_label

DOC_DRAFT = "simulasi_bulan_draft"  # {"seed", "decisions": {no_klaim: [action ids]}, "submitted_at": iso | None}
DOC_RESULT = "simulasi_bulan"  # the best scored month (scoring.month.month_document), read by the checklist


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _clear_widgets() -> None:
    for key in [k for k in st.session_state if str(k).startswith(state.MONTH_ACTION_PREFIX)]:
        del st.session_state[key]
    st.session_state.pop(state.MONTH_PICK, None)


def _new_draft() -> dict[str, Any]:
    return {"seed": draw_seed(random.SystemRandom()), "decisions": {}, "submitted_at": None}


def _save_draft(draft: dict[str, Any]) -> None:
    progress.save_document(DOC_DRAFT, draft)
    st.session_state.pop(state.MONTH_UNSAVED, None)


def start_new_month() -> None:
    """Draws a fresh seed for this learner and keeps it with an empty review ("Mulai bulan baru")."""
    progress.save_document(DOC_DRAFT, _new_draft())
    _clear_widgets()


def current_draft() -> dict[str, Any]:
    """The learner's month: the kept draft, or a new one the first time.

    A signed-in learner's new month is saved at once. A guest's waits in the session until their first action, so
    that merely looking at the page creates no guest profile in the store.
    """
    saved = progress.load_document(DOC_DRAFT)
    if saved is not None:
        return saved
    draft: dict[str, Any] = st.session_state.setdefault(state.MONTH_UNSAVED, _new_draft())
    if progress.current_learner() != progress.GUEST:
        _save_draft(draft)
    return draft


def month_for(seed: int) -> Month:
    return build_month(int(seed))


def _describe(item: MonthClaim) -> str:
    claim = item.claim
    return f"{item.no_klaim} · {claim.peserta.nama} · {layanan_label(claim.pengajuan.layanan)}"


def _step(month: Month, offset: int) -> None:
    numbers = [i.no_klaim for i in month.items]
    current = st.session_state.get(state.MONTH_PICK, numbers[0])
    index = numbers.index(current) if current in numbers else 0
    st.session_state[state.MONTH_PICK] = numbers[(index + offset) % len(numbers)]


def _table(month: Month, decisions: dict[str, list[str]]) -> pd.DataFrame:
    rows = []
    for item in month.items:
        claim, labels = item.claim, action_labels(item)
        chosen = decisions.get(item.no_klaim, [])
        rows.append(
            {
                "No. klaim": item.no_klaim,
                "Peserta": claim.peserta.nama,
                "Layanan": layanan_label(claim.pengajuan.layanan),
                "Tgl layanan": tanggal(claim.kunjungan.tgl_daftar),
                "Diagnosa": ", ".join(claim.kunjungan.diagnosa),
                "Tgl pengajuan": tanggal(claim.pengajuan.tgl_pengajuan),
                "Diajukan": claim.pengajuan.jumlah_diajukan,
                "Tindakan Anda": "; ".join(labels.get(a, a) for a in chosen) or "—",
            }
        )
    return pd.DataFrame(rows)


def render_header(month: Month) -> None:
    fas = month.items[0].claim.fasilitas
    bulan = tanggal(month.bulan).split(" ", 1)[1]  # "1 Oktober 2026" -> "Oktober 2026"
    st.markdown(
        f"**{fas.nama}** ({fas.kode}) · {month.n} klaim layanan {bulan} · batch dikirim {tanggal(month.tgl_kirim)} "
        f"· bulan simulasi nomor **{month.seed}**"
    )


def _store_actions(no_klaim: str) -> None:
    """on_change of a claim's action picker: written to the draft before the page reruns, so a refresh keeps it."""
    draft = current_draft()
    decisions: dict[str, list[str]] = draft.setdefault("decisions", {})
    chosen = list(st.session_state.get(state.MONTH_ACTION_PREFIX + no_klaim, []))
    if chosen:
        decisions[no_klaim] = chosen
    else:
        decisions.pop(no_klaim, None)
    _save_draft(draft)


def _actions(item: MonthClaim, draft: dict[str, Any]) -> None:
    """The action picker of one claim, filled from the kept draft."""
    labels = action_labels(item)
    key = state.MONTH_ACTION_PREFIX + item.no_klaim
    if key not in st.session_state:
        st.session_state[key] = [a for a in draft.get("decisions", {}).get(item.no_klaim, []) if a in labels]
    chosen = st.multiselect(
        "Tindakan untuk klaim ini",
        list(labels),
        format_func=lambda a: labels[a],
        key=key,
        on_change=_store_actions,
        args=(item.no_klaim,),
        placeholder="Tidak ada perubahan: diajukan apa adanya",
    )
    if TARIK in chosen and len(chosen) > 1:
        st.warning("Klaim ditarik: tindakan lain pada klaim ini tidak dijalankan.")


def render_review(month: Month, draft: dict[str, Any]) -> None:
    render_header(month)
    st.caption(
        "Temuan verifikator disembunyikan sampai Anda mengirim hasil tinjauan. Pilih tindakan hanya bila arsip "
        "fasilitas mendukungnya: melampirkan atau mengisi sesuatu yang tidak ada di arsip adalah fabrikasi."
    )
    decisions = draft.setdefault("decisions", {})
    st.dataframe(
        _table(month, decisions),
        hide_index=True,
        column_config={"Diajukan": st.column_config.NumberColumn("Diajukan (Rp)", format="localized")},
    )
    numbers = [i.no_klaim for i in month.items]
    names = {i.no_klaim: _describe(i) for i in month.items}
    pick, prev, nxt = st.columns([6, 1, 1], vertical_alignment="bottom")
    with pick:
        chosen = st.selectbox("Klaim yang ditinjau", numbers, format_func=names.__getitem__, key=state.MONTH_PICK)
    prev.button("Sebelumnya", key=state.MONTH_PREV, on_click=_step, args=(month, -1), width="stretch")
    nxt.button("Berikutnya", key=state.MONTH_NEXT, on_click=_step, args=(month, 1), width="stretch")
    item = month.item(chosen or numbers[0])
    claim_col, file_col = st.columns([3, 2])
    with claim_col:
        render_claim(item.claim)
    with file_col:
        st.markdown("#### Arsip fasilitas")
        for note in arsip_notes(item):
            st.markdown(note)
        _actions(item, draft)
    withdrawn = sum(TARIK in a for a in decisions.values())
    st.markdown(
        f"**{len(decisions)} dari {month.n} klaim** diberi tindakan ({withdrawn} ditarik); klaim lain diajukan "
        f"apa adanya. Total diajukan {rupiah(sum(i.claim.pengajuan.jumlah_diajukan for i in month.items))}."
    )
    if st.button("Kirim hasil tinjauan bulan ini", key=state.MONTH_SUBMIT, type="primary"):
        submit(month, draft)
        st.rerun()


def submit(month: Month, draft: dict[str, Any]) -> None:
    """Scores the month and keeps both the finished draft and the best result for the checklist."""
    now = _now()
    result = review_month(month, draft.get("decisions", {}))
    progress.save_document(DOC_RESULT, keep_better(progress.load_document(DOC_RESULT), month_document(result, now)))
    _save_draft({**draft, "submitted_at": now})
