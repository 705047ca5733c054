"""Beranda's "Ulangan hari ini": rules the learner missed come back after 1, 3 and 7 days (bimtek/review.py).

The schedule is kept per learner in the store; a guest without a named profile keeps it in this session only, and
the section says so (naming the profile on Masuk carries the session's schedule over). Work elsewhere feeds it:
ui/progress.py calls note_attempt and note_exercise, the Meja page calls note_sheet. A review item is a generated
variant that trips the rule (decided as on the Meja), or else a case from the library that exercises it; the rule
is named only after the answer, so the review trains finding it, not recognising its title.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping
from typing import Any

import streamlit as st

from bimtek import clock
from bimtek.desk import categories
from bimtek.review import INTERVALS, Card, after_review, apply_outcomes, due_cards, rules_named, upcoming
from bimtek.review_items import fresh_cases, variant_for_rule
from bimtek.rules import all_rules, get_rule
from bimtek.storage import review as stored
from bimtek.variants import Variant
from bimtek.verification import verify
from scoring.desk import DECISIONS, KEMBALIKAN
from ui import identity, nav, state
from ui.claim_view import render_claim


def _keeps_in_store() -> str | None:
    """The learner id whose schedule lives in the store; None for a guest (this session only)."""
    learner = identity.current_learner()
    return learner.id if identity.is_stored(learner) and not learner.guest else None


def load_cards() -> dict[str, Card]:
    session_cards: dict[str, Card] = st.session_state.get(state.REVIEW_CARDS, {})
    learner_id = _keeps_in_store()
    if learner_id is None:
        return dict(session_cards)
    cards = stored.load_cards(identity.store(), learner_id)
    carried = [card for rule, card in session_cards.items() if rule not in cards]
    if carried:  # a guest who just named their profile (or joined a cohort) keeps this session's schedule
        stored.save_cards(identity.store(), learner_id, carried)
        cards.update({card.rule: card for card in carried})
    st.session_state.pop(state.REVIEW_CARDS, None)
    return cards


def _save(changed: Mapping[str, Card]) -> None:
    if not changed:
        return
    learner_id = _keeps_in_store()
    if learner_id is None:
        st.session_state[state.REVIEW_CARDS] = {**st.session_state.get(state.REVIEW_CARDS, {}), **changed}
    else:
        stored.save_cards(identity.store(), learner_id, changed.values())


def note_work(missed: Iterable[str], exercised: Mapping[str, bool]) -> None:
    """One piece of work done today: `missed` rules go back to 1 day; a due rule in `exercised` counts as reviewed."""
    _save(apply_outcomes(load_cards(), missed, exercised, clock.today()))


def note_attempt(record: Mapping[str, Any]) -> None:
    """A graded case attempt (ui/progress.py's record): its key's rules, found or missed."""
    missed = list(record.get("missed") or [])
    note_work(missed, {**{rule: True for rule in record.get("found") or []}, **dict.fromkeys(missed, False)})


def note_exercise(module_id: str, item_id: str, correct: bool) -> None:
    """A graded exercise item: the rules its source names (e.g. 'aturan PS02', 'Katalog aturan PC01-PC06')."""
    from ui.module_view import modules_result  # here: ui.module_view imports ui.progress, which calls this

    module = modules_result().find(module_id)
    item = next((i for e in (module.latihan if module else []) for i in e.soal if i.id == item_id), None)
    if item is None:
        return
    rules = rules_named(item.sumber, {r.code for r in all_rules()})
    if rules:
        note_work([] if correct else rules, dict.fromkeys(rules, correct))


# --- the section on Beranda ----------------------------------------------------------------------------------------


def _seed(learner_id: str, card: Card, today: dt.date) -> int:
    text = f"{learner_id}:{card.rule}:{today.isoformat()}:{card.reviews}"
    return int(hashlib.sha256(text.encode()).hexdigest()[:8], 16)


def _days(n: int) -> str:
    return "besok" if n == 1 else f"{n} hari lagi"


def render_review_section() -> None:
    """The "Ulangan hari ini" section: what is due, one review item at a time, and the feedback on the last one."""
    st.subheader("Ulangan hari ini")
    learner = identity.current_learner()
    today = clock.today()
    if learner.guest:
        st.caption(
            "Anda belum memakai profil bernama: jadwal ulangan hanya diingat selama sesi ini. Buat profil atau "
            "gabung kelas di halaman Masuk agar aturan yang terlewat kembali besok."
        )
    feedback = st.session_state.get(state.REVIEW_FEEDBACK)
    if feedback is not None:
        _render_feedback(feedback)
        return
    cards = load_cards()
    due = due_cards(cards.values(), today)
    if not due:
        waiting = upcoming(cards.values(), today)
        if waiting:
            st.markdown(
                f"Tidak ada ulangan hari ini. {len(waiting)} aturan dalam jadwal; ulangan berikutnya "
                f"{_days((waiting[0].due - today).days)}."
            )
        else:
            st.markdown(
                "Belum ada ulangan. Aturan yang terlewat (cacat yang tidak Anda temukan di studi kasus atau di Meja "
                "Petugas Klaim, soal latihan yang salah) kembali di sini setelah 1, 3 dan 7 hari."
            )
        return
    st.markdown(
        f"**{len(due)} ulangan** menunggu: aturan yang pernah terlewat kembali setelah 1, 3 dan 7 hari. Jawaban "
        "benar memperpanjang jarak ulangan; jawaban salah membuatnya kembali besok."
    )
    _render_item(due[0], len(due), learner.id, today)


def _render_item(card: Card, total: int, learner_id: str, today: dt.date) -> None:
    with st.container(border=True, key=state.REVIEW_ITEM_BOX):
        st.markdown(f"**Ulangan 1 dari {total}** · jarak saat ini {INTERVALS[card.box]} hari")
        with st.spinner("Menyiapkan klaim ulangan..."):
            variant = variant_for_rule(card.rule, _seed(learner_id, card, today))
        if variant is not None:
            _render_variant(card, variant, today)
            return
        from ui.content import case_scenarios  # here: ui.content reads the cohort library of the current learner
        from ui.progress import all_attempts

        attempted = {a["scenario_id"] for a in all_attempts()}
        cases = fresh_cases(card.rule, case_scenarios(), attempted)
        if cases:
            st.markdown("Kerjakan studi kasus ini; hasilnya dihitung sebagai ulangan aturan yang terlewat.")
            st.page_link(nav.KASUS, label=f"Buka kasus: {cases[0].judul}", query_params={"kasus": cases[0].id})
        else:
            st.markdown(f"Belum ada latihan untuk aturan ini. Baca kembali aturan **{card.rule}** di Katalog Aturan.")
            st.page_link(nav.KATALOG, label="Buka Katalog Aturan")


def _render_variant(card: Card, variant: Variant, today: dt.date) -> None:
    st.markdown(
        "Periksa klaim ini seperti di meja verifikasi: layak bayar atau dikembalikan, dan di bagian mana masalahnya."
    )
    with st.expander("Klaim yang diperiksa", expanded=True):
        render_claim(variant.scenario.klaim)
    reasons = categories()
    with st.form(state.REVIEW_FORM, border=False):
        decision = st.radio(
            "Keputusan", list(DECISIONS), format_func=DECISIONS.__getitem__, index=None, key=state.REVIEW_DECISION
        )
        category = st.selectbox(
            "Bagian klaim yang bermasalah (bila ada)",
            list(reasons),
            format_func=reasons.__getitem__,
            index=None,
            placeholder="Pilih bagian",
            key=state.REVIEW_CATEGORY,
        )
        if st.form_submit_button("Periksa jawaban", type="primary", key=state.REVIEW_SUBMIT):
            if decision is None:
                st.error("Pilih 'Layak bayar' atau 'Kembalikan' dulu.")
                return
            _answer(card, variant, decision, category, today)
            st.rerun()


def _answer(card: Card, variant: Variant, decision: str, category: str | None, today: dt.date) -> None:
    """Grades the review: the right decision (the verifier's) and the family of the rule under review."""
    rule = get_rule(card.rule)
    returned = not verify(variant.scenario.klaim).is_paid
    correct = (decision == KEMBALIKAN) == returned and category == rule.family
    moved = after_review(card, correct, today)
    _save({card.rule: moved})
    st.session_state[state.REVIEW_FEEDBACK] = {
        "rule": card.rule,
        "correct": correct,
        "decision_ok": (decision == KEMBALIKAN) == returned,
        "returned": returned,
        "family": rule.family,
        "explanation": variant.scenario.kunci.penjelasan,
        "next": None if moved.retired else (moved.due - today).days,
    }


def _render_feedback(feedback: Mapping[str, Any]) -> None:
    reasons = categories()
    with st.container(border=True, key=state.REVIEW_RESULT_BOX):
        rule = get_rule(feedback["rule"])
        if feedback["correct"]:
            st.success(f"Benar: aturan {rule.code} ditemukan.")
        elif not feedback["decision_ok"]:
            right = DECISIONS[KEMBALIKAN] if feedback["returned"] else DECISIONS["layak"]
            st.error(f"Belum tepat: keputusan yang benar '{right}'.")
        else:
            st.error(f"Keputusan tepat, tetapi masalahnya ada di bagian '{reasons[feedback['family']]}'.")
        st.markdown(f"**{rule.code} {rule.title}** ({reasons[rule.family]})")
        st.markdown(feedback["explanation"])
        if feedback["next"] is None:
            st.markdown("Aturan ini selesai diulang: tidak dijadwalkan lagi kecuali terlewat lagi.")
        else:
            st.markdown(f"Ulangan aturan ini berikutnya: {_days(int(feedback['next']))}.")
        if st.button("Lanjut", key=state.REVIEW_NEXT, type="primary"):
            for key in (state.REVIEW_FEEDBACK, state.REVIEW_DECISION, state.REVIEW_CATEGORY):
                st.session_state.pop(key, None)
            st.rerun()
