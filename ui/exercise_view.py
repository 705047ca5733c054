"""One module exercise on the page: this learner's round of drawn items, an answer form per item, and the feedback."""

from __future__ import annotations

import datetime as dt
import random
import secrets
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from bimtek.modules import KINDS, ChoiceItem, MatchItem, Module, NumberItem, OrderItem
from scoring.answer_values import parse_date, parse_number, search_codes
from scoring.exercises import DrawnItem, ItemResult, draw_items, grade_item, pool_exhausted
from ui import plain, progress, state
from ui.date_text import PLACEHOLDER

GUEST_ID = progress.GUEST.id


@dataclass
class Round:
    """The items a learner is working on in one exercise, and what they answered so far."""

    owner: str
    number: int
    items: list[DrawnItem]
    results: dict[str, ItemResult] = field(default_factory=dict)
    answers: dict[str, str] = field(default_factory=dict)  # item id -> the answer as the learner gave it


def _salt() -> str:
    """A per-session random token: two guests side by side (both 'tamu') still draw different items."""
    return st.session_state.setdefault(state.EXERCISE_SALT, secrets.token_hex(8))


def _draw(module: Module, exercise: Any, owner: str, number: int) -> Round:
    rng = random.Random(f"{owner}:{_salt()}:{module.id}:{exercise.id}:{number}")
    return Round(owner, number, draw_items(exercise, progress.seen_items(module.id), rng))


def current_round(module: Module, exercise: Any) -> Round:
    """This learner's round of the exercise, drawn on first sight (a guest's round survives their first save)."""
    rounds: dict[str, Round] = st.session_state.setdefault(state.EXERCISE_ROUNDS, {})
    key = f"{module.id}/{exercise.id}"
    learner = progress.current_learner().id
    found = rounds.get(key)
    if found is not None and found.owner == GUEST_ID and learner != GUEST_ID:
        found.owner = learner  # the guest profile was created by this round's first answer: same person
    if found is None or found.owner != learner:
        found = rounds[key] = _draw(module, exercise, learner, 0 if found is None else found.number + 1)
    return found


def new_round(module: Module, exercise: Any) -> None:
    """'Soal lain': items this learner has not seen yet, or the whole pool again when it is exhausted."""
    rounds: dict[str, Round] = st.session_state.setdefault(state.EXERCISE_ROUNDS, {})
    key = f"{module.id}/{exercise.id}"
    previous = rounds.get(key)
    rounds[key] = _draw(module, exercise, progress.current_learner().id, 0 if previous is None else previous.number + 1)


# --- answer widgets, one per kind; each returns (answer for the grader, answer as stored, problem) ----------------


def _choice(item: ChoiceItem, drawn: DrawnItem, key: str) -> tuple[Any, Any, str | None]:
    if len(item.correct) == 1:
        picked = st.radio("Jawaban", drawn.options, index=None, key=key, label_visibility="collapsed")
        return picked, picked, None if picked is not None else "Pilih satu jawaban."
    chosen = [o for i, o in enumerate(drawn.options) if st.checkbox(o, key=f"{key}_{i}")]
    return chosen, chosen, None if chosen else "Pilih minimal satu jawaban."


def _order(item: OrderItem, drawn: DrawnItem, key: str) -> tuple[Any, Any, str | None]:
    order = [
        st.selectbox(f"Langkah {i}", drawn.options, index=None, key=f"{key}_{i}", placeholder="Pilih langkah")
        for i in range(1, len(drawn.options) + 1)
    ]
    given = [o for o in order if o is not None]
    if len(given) < len(order):
        return order, order, "Isi setiap langkah."
    twice = sorted({o for o in given if given.count(o) > 1})
    return order, order, f"'{twice[0]}' dipilih lebih dari sekali." if twice else None


def _match(item: MatchItem, drawn: DrawnItem, key: str) -> tuple[Any, Any, str | None]:
    chosen = {
        pair.kiri: st.selectbox(pair.kiri, drawn.options, index=None, key=f"{key}_{i}", placeholder="Pilih pasangan")
        for i, pair in enumerate(item.pasangan)
    }
    return chosen, chosen, "Pasangkan setiap baris." if any(v is None for v in chosen.values()) else None


def _code(drawn: DrawnItem, key: str) -> tuple[Any, Any, str | None]:
    code = st.text_input("Kode ICD-10", key=key, placeholder="mis. K29.7")
    return code, code, None if code.strip() else "Isi kode ICD-10."


def _number(item: NumberItem, key: str) -> tuple[Any, Any, str | None]:
    if item.satuan.value == "tanggal":
        # Typed, not st.date_input: Enter applies it and the hint is Indonesian (ui/date_text.py says why).
        text = st.text_input("Tanggal", key=key, placeholder=PLACEHOLDER, max_chars=10)
        day = parse_date(text) if text.strip() else None
        if day is None:
            wrong = f"'{text}' bukan tanggal; tulis sebagai HH/BB/TTTT, misalnya 15/12/2026."
            return None, None, wrong if text.strip() else "Isi tanggal sebagai HH/BB/TTTT."
        return day, day.isoformat(), None
    text = st.text_input("Jawaban", key=key, placeholder="mis. 99.500.000" if item.satuan.value == "rupiah" else "")
    if parse_number(text) is None:
        return text, text, f"'{text}' bukan angka; tulis mis. 99.500.000 atau 21,5." if text.strip() else "Isi angka."
    return text, text, None


def _answer_widgets(drawn: DrawnItem, key: str) -> tuple[Any, Any, str | None]:
    item = drawn.item
    if isinstance(item, ChoiceItem):
        return _choice(item, drawn, key)
    if isinstance(item, OrderItem):
        return _order(item, drawn, key)
    if isinstance(item, MatchItem):
        return _match(item, drawn, key)
    if isinstance(item, NumberItem):
        return _number(item, key)
    return _code(drawn, key)


def _shown(answer: Any) -> str:
    """An answer as the learner gave it, for the line above the feedback."""
    if isinstance(answer, dict):
        return "; ".join(f"{k} → {v}" for k, v in answer.items())
    if isinstance(answer, list):
        return " → ".join(str(a) for a in answer)
    if isinstance(answer, dt.date):
        return answer.strftime("%d/%m/%Y")
    return str(answer)


# (role, correct) -> icon: the learner's right and wrong parts, a right option they missed, the other options
_ICONS = {
    ("jawaban", True): ":green[:material/check_circle:]",
    ("jawaban", False): ":red[:material/cancel:]",
    ("kunci", False): ":green[:material/arrow_right_alt:]",
    ("lain", True): ":gray[:material/info:]",
}


def render_feedback(result: ItemResult, sumber: str = "") -> None:
    """The grade of one item: the verdict, then what was right or wrong in each part and why."""
    (st.success if result.correct else st.warning if result.score > 0 else st.error)(result.summary)
    for part in result.feedback:
        st.markdown(f"{_ICONS[part.role, part.correct]} **{part.label}** — {plain.authored(part.message)}")
    if sumber:
        st.caption(f"Sumber: {plain.authored(sumber)}")


def item_key(module_id: str, exercise_id: str, round_number: int, item_id: str) -> str:
    """The key of one drawn item's form; its widgets are this + '_jawab[_i]', its button this + '_periksa'."""
    return f"{state.EXERCISE_PREFIX}{module_id}_{exercise_id}_{round_number}_{item_id}"


def _render_item(module: Module, drawn: DrawnItem, game: Round, number: int) -> None:
    key = item_key(module.id, drawn.exercise_id, game.number, drawn.id)
    with st.container(border=True, key=f"{key}_soal"):
        st.markdown(f"**Soal {number}.** {plain.authored(drawn.prompt())}")
        result = game.results.get(drawn.id)
        if result is not None:
            st.caption(f"Jawaban Anda: {game.answers[drawn.id]}")
            render_feedback(result, drawn.item.sumber)
            return
        if drawn.kind == "cari_kode":
            _code_search(key)
        with st.form(key=key, border=False):
            answer, stored, problem = _answer_widgets(drawn, f"{key}_jawab")
            submitted = st.form_submit_button("Periksa jawaban", type="primary", key=f"{key}_periksa")
        if not submitted:
            return
        if problem:
            st.error(problem)
            return
        graded = grade_and_record(module, drawn, answer, stored)
        game.results[drawn.id], game.answers[drawn.id] = graded, _shown(answer)
        st.rerun()


def grade_and_record(module: Module, drawn: DrawnItem, answer: Any, stored: Any) -> ItemResult:
    """Grades one answer and records it in the learner's progress (the checklist reads `details`)."""
    result = grade_item(drawn, answer)
    progress.record_exercise(
        module.id, drawn.exercise_id, drawn.id, drawn.kind, result.score, result.correct, stored, result.details
    )
    return result


def _code_search(key: str) -> None:
    with st.expander("Cari di referensi ICD-10 (WHO 2010, nama dalam bahasa Inggris)"):
        query = st.text_input("Kata kunci atau awal kode", key=f"{key}_cari", placeholder="mis. typhoid, K29")
        if query.strip():
            hits = search_codes(query)
            if hits:
                st.markdown("\n".join(f"- `{code}` {name}" for code, name in hits))
            else:
                st.caption(f"Tidak ada kode yang cocok dengan '{plain.md(query)}'.")


def render_exercise(module: Module, exercise: Any, index: int) -> None:
    """An exercise: title, instruction, this learner's round, and 'Soal lain' once the round is answered."""
    st.subheader(f"Latihan {index}. {plain.authored(exercise.judul)}")
    st.caption(f"{KINDS[exercise.jenis]} · {len(exercise.soal)} soal di bank soal")
    if exercise.petunjuk:
        st.markdown(plain.authored(exercise.petunjuk))
    game = current_round(module, exercise)
    for number, drawn in enumerate(game.items, start=1):
        _render_item(module, drawn, game, number)
    done = len(game.results) == len(game.items)
    if done and pool_exhausted(exercise, progress.seen_items(module.id)):
        st.caption("Semua soal latihan ini sudah Anda lihat; soal berikutnya diulang dari bank soal.")
    st.button(
        "Soal lain",
        key=f"{state.EXERCISE_NEW_PREFIX}{module.id}_{exercise.id}",
        on_click=new_round,
        args=(module, exercise),
        disabled=not done,
        help=None if done else "Jawab semua soal putaran ini dahulu.",
    )
