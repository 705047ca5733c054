"""Module exercises: drawing items per learner (variants, unseen first) and grading one answer with feedback per part."""

from __future__ import annotations

import datetime as dt
import random
import string
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from bimtek.formula import evaluate
from bimtek.modules import ChoiceItem, CodeItem, Item, MatchItem, Module, NumberItem, OrderItem, Param, normalise_code
from bimtek.reference import load_reference
from scoring.answer_values import ICD10_SHAPE, parse_date, parse_number, show_value


@dataclass(frozen=True)
class DrawnItem:
    """One item as a learner sees it: its parameters drawn and its options in this learner's order."""

    exercise_id: str
    kind: str
    item: Item
    params: dict[str, Any] = field(default_factory=dict)
    options: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return self.item.id

    def prompt(self) -> str:
        """The question (or the case to code), with the parameters filled in."""
        if isinstance(self.item, CodeItem):
            return self.item.kasus
        return _fill(self.item.pertanyaan, self.params)

    def expected(self) -> Any:
        """The right answer of a numeric item for these parameters."""
        assert isinstance(self.item, NumberItem)
        return evaluate(self.item.rumus, self.params)


@dataclass(frozen=True)
class PartFeedback:
    """Feedback on one part of an answer: an option, a step, a pair, the code or the number."""

    label: str
    correct: bool
    message: str
    role: str = (
        "jawaban"  # jawaban: part of the learner's answer; kunci: a right option they missed; lain: other option
    )


@dataclass(frozen=True)
class ItemResult:
    score: float  # 0..1
    correct: bool
    summary: str
    feedback: list[PartFeedback]
    details: dict[str, Any] = field(default_factory=dict)


def _fill(text: str, params: Mapping[str, Any], answer: Any = None, satuan: str | None = None) -> str:
    """`{name}` replaced by the parameter's value and `{jawaban}` by the answer in its unit."""
    values = {name: show_value(value) for name, value in params.items()}
    if "jawaban" in {f for _, f, _, _ in string.Formatter().parse(text) if f}:
        values["jawaban"] = show_value(answer, satuan) if answer is not None else ""
    return text.format(**values)


# --- drawing ---------------------------------------------------------------------------------------------------------


def _draw_param(param: Param, rng: random.Random) -> Any:
    if param.pilihan:
        return rng.choice(param.pilihan)
    if param.tanggal_min is not None and param.tanggal_max is not None:
        span = (param.tanggal_max - param.tanggal_min).days
        return param.tanggal_min + dt.timedelta(days=rng.randint(0, span))
    assert param.min is not None and param.max is not None
    return param.min + param.kelipatan * rng.randint(0, (param.max - param.min) // param.kelipatan)


def _instantiate(exercise: Any, item: Item, rng: random.Random) -> DrawnItem:
    options: list[str] = []
    params: dict[str, Any] = {}
    if isinstance(item, ChoiceItem):
        options = [o.teks for o in item.pilihan]
    elif isinstance(item, OrderItem):
        options = [s.teks for s in item.langkah]
    elif isinstance(item, MatchItem):
        options = item.options()
    elif isinstance(item, NumberItem):
        params = {name: _draw_param(p, rng) for name, p in item.parameter.items()}
    shuffled = rng.sample(options, len(options))
    if isinstance(item, OrderItem) and len(shuffled) > 1 and shuffled == options:
        shuffled = shuffled[1:] + shuffled[:1]  # an ordering exercise must never be shown already solved
    return DrawnItem(exercise.id, exercise.jenis, item, params, tuple(shuffled))


def draw_items(exercise: Any, seen: Collection[str], rng: random.Random) -> list[DrawnItem]:
    """One round of `jumlah_soal` items: unseen items first, at random; when the pool runs out, seen ones again."""
    count = min(exercise.jumlah_soal, len(exercise.soal))
    unseen = [i for i in exercise.soal if i.id not in seen]
    chosen = rng.sample(unseen, min(count, len(unseen)))
    if len(chosen) < count:
        rest = [i for i in exercise.soal if i.id in seen]
        chosen += rng.sample(rest, count - len(chosen))
    return [_instantiate(exercise, item, rng) for item in chosen]


def pool_exhausted(exercise: Any, seen: Collection[str]) -> bool:
    return all(i.id in seen for i in exercise.soal)


# --- grading ---------------------------------------------------------------------------------------------------------


def grade_item(drawn: DrawnItem, answer: Any) -> ItemResult:
    """Grades one answer. Answers: option text(s); step texts in order; {kiri: chosen text}; a code; a number/date."""
    item = drawn.item
    if isinstance(item, ChoiceItem):
        return _grade_choice(item, answer)
    if isinstance(item, OrderItem):
        return _grade_order(item, answer)
    if isinstance(item, MatchItem):
        return _grade_match(item, answer)
    if isinstance(item, CodeItem):
        return _grade_code(item, answer)
    return _grade_number(drawn, answer)


def _summary(score: float) -> str:
    if score >= 1:
        return "Benar."
    if score > 0:
        return f"Sebagian benar (skor {round(score * 100)}%)."
    return "Belum tepat."


def _grade_choice(item: ChoiceItem, answer: Any) -> ItemResult:
    chosen = {answer} if isinstance(answer, str) else set(answer or [])
    right = set(item.correct)
    if len(right) == 1:
        score = 1.0 if chosen == right else 0.0
    else:
        score = max(0.0, (len(chosen & right) - len(chosen - right)) / len(right))
    parts = []
    for option in item.pilihan:
        picked = option.teks in chosen
        if picked:
            prefix, role = ("Pilihan Anda, benar. " if option.benar else "Pilihan Anda, salah. "), "jawaban"
        else:
            prefix, role = ("Jawaban yang benar. ", "kunci") if option.benar else ("", "lain")
        parts.append(PartFeedback(option.teks, picked == option.benar, prefix + option.penjelasan, role))
    return ItemResult(score, score >= 1, _summary(score), parts)


def _grade_order(item: OrderItem, answer: Any) -> ItemResult:
    steps = [s.teks for s in item.langkah]
    given = list(dict.fromkeys(a for a in (answer or []) if a in steps))
    rank = {text: i for i, text in enumerate(steps)}
    pairs = len(steps) * (len(steps) - 1) / 2
    ordered = sum(1 for i, a in enumerate(given) for b in given[i + 1 :] if rank[a] < rank[b])
    score = ordered / pairs
    parts = []
    for position, step in enumerate(item.langkah, start=1):
        placed = given.index(step.teks) + 1 if step.teks in given else None
        if placed == position:
            parts.append(PartFeedback(step.teks, True, f"Tepat di langkah ke-{position}. {step.penjelasan}".strip()))
        elif placed is None:
            parts.append(PartFeedback(step.teks, False, f"Belum diurutkan; seharusnya langkah ke-{position}."))
        else:
            message = f"Anda menaruhnya di langkah ke-{placed}; seharusnya ke-{position}. {step.penjelasan}"
            parts.append(PartFeedback(step.teks, False, message.strip()))
    correct = given == steps
    return ItemResult(1.0 if correct else score, correct, _summary(1.0 if correct else score), parts)


def _grade_match(item: MatchItem, answer: Any) -> ItemResult:
    chosen: Mapping[str, Any] = answer or {}
    by_right = {p.kanan: p for p in item.pasangan}
    distractors = {d.teks: d for d in item.pengecoh}
    parts, right_ids, fooled = [], [], []
    for pair in item.pasangan:
        pick = chosen.get(pair.kiri)
        if pick == pair.kanan:
            parts.append(PartFeedback(pair.kiri, True, f"Tepat: {pair.kanan}. {pair.penjelasan}"))
            if pair.instrumen and not pair.dicabut:
                right_ids.append(pair.instrumen)
            continue
        message = f"Yang benar: {pair.kanan}. {pair.penjelasan}"
        if pick in distractors:
            message = f"Anda memilih {pick}: {distractors[pick].penjelasan} {message}"
            picked_ref = distractors[pick]
        elif pick in by_right:
            message = f"Anda memilih {pick}, yang mengatur hal lain ({by_right[pick].kiri}). {message}"
            picked_ref = by_right[pick]  # type: ignore[assignment]
        else:
            message, picked_ref = f"Belum dipasangkan. {message}", None  # type: ignore[assignment]
        if picked_ref is not None and picked_ref.dicabut and picked_ref.instrumen:
            fooled.append(picked_ref.instrumen)
        parts.append(PartFeedback(pair.kiri, False, message))
    score = len([p for p in parts if p.correct]) / len(item.pasangan)
    details: dict[str, Any] = {}
    if any(p.instrumen for p in item.pasangan) or any(d.instrumen for d in item.pengecoh):
        details = {"instrumen_benar": right_ids, "instrumen_dicabut_dipilih": sorted(set(fooled))}
    return ItemResult(score, score >= 1, _summary(score), parts, details)


def _grade_code(item: CodeItem, answer: Any) -> ItemResult:
    reference = load_reference()
    raw = str(answer or "").strip()
    code = normalise_code(raw)
    expected = [normalise_code(c) for c in item.kode_benar]
    shown = ", ".join(f"{c} ({reference.icd10_name(c)})" for c in expected)
    sebagian = {normalise_code(k): v for k, v in item.kode_sebagian.items()}
    umpan = {normalise_code(k): v for k, v in item.umpan_balik.items()}
    score = 0.0
    if not code:
        message = f"Belum ada kode yang diisi. Kode yang benar: {shown}. {item.penjelasan}"
    elif code in expected:
        score, message = 1.0, f"{code} = {reference.icd10_name(code)}. {item.penjelasan}"
    elif code in sebagian:
        score = 0.5
        message = f"{code} = {reference.icd10_name(code)}: kurang tepat. {sebagian[code]} Yang paling tepat: {shown}."
    elif code in umpan:
        message = f"{umpan[code]} Kode yang benar: {shown}. {item.penjelasan}"
    elif not ICD10_SHAPE.match(code):
        message = (
            f"'{raw}' bukan kode ICD-10: kode ICD-10 berupa satu huruf dan dua angka, boleh diikuti titik dan "
            f"satu-dua karakter (mis. K29.7). Kode yang benar: {shown}."
        )
    elif not reference.is_icd10(code):
        message = (
            f"'{code}' tidak ada dalam ICD-10 WHO 2010 yang dipakai P-Care (mungkin kode edisi lain, mis. A97 dari "
            f"ICD-10 2019, atau kode ICPC-2 yang bukan untuk kolom diagnosa). Kode yang benar: {shown}."
        )
    else:
        same = " Kategorinya sama, tetapi subkategorinya tidak tepat." if code[:3] in {c[:3] for c in expected} else ""
        message = f"{code} = {reference.icd10_name(code)}, bukan kode kasus ini.{same} Kode yang benar: {shown}. "
        message += item.penjelasan
    return ItemResult(score, score >= 1, _summary(score), [PartFeedback(code or "-", score >= 1, message.strip())])


def _grade_number(drawn: DrawnItem, answer: Any) -> ItemResult:
    item = drawn.item
    assert isinstance(item, NumberItem)
    expected = drawn.expected()
    explanation = _fill(item.penjelasan, drawn.params, expected, item.satuan.value)
    shown_expected = show_value(expected, item.satuan.value)
    details = {"parameter": {k: show_value(v) for k, v in drawn.params.items()}, "jawaban_benar": shown_expected}
    if isinstance(expected, dt.date):
        given_date = parse_date(answer)
        if given_date is None:
            return _number_result(0.0, f"'{answer}' bukan tanggal.", shown_expected, explanation, details)
        off = abs((given_date - expected).days)
        ok, shown_given = off <= item.toleransi, show_value(given_date)
    else:
        given = parse_number(answer)
        if given is None:
            message = f"'{answer}' bukan angka; tulis mis. 99.500.000."
            return _number_result(0.0, message, shown_expected, explanation, details)
        ok, shown_given = abs(given - float(expected)) <= item.toleransi + 1e-9, show_value(given, item.satuan.value)
    return _number_result(1.0 if ok else 0.0, f"Jawaban Anda: {shown_given}.", shown_expected, explanation, details)


def _number_result(score: float, given: str, expected: str, explanation: str, details: dict[str, Any]) -> ItemResult:
    message = f"{given} Jawaban yang benar: {expected}. {explanation}"
    return ItemResult(score, score >= 1, _summary(score), [PartFeedback(expected, score >= 1, message)], details)


# --- progress --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExerciseProgress:
    exercise_id: str
    graded_items: int  # distinct items graded
    score: float | None  # mean of the latest score per graded item, 0..1
    done: bool  # at least one full round graded


@dataclass(frozen=True)
class ModuleProgress:
    exercises: list[ExerciseProgress]

    @property
    def done(self) -> int:
        return sum(1 for e in self.exercises if e.done)

    @property
    def total(self) -> int:
        return len(self.exercises)

    @property
    def score(self) -> float | None:
        scores = [e.score for e in self.exercises if e.score is not None]
        return sum(scores) / len(scores) if scores else None


def summarise_progress(module: Module, results: list[dict[str, Any]]) -> ModuleProgress:
    """Per exercise: how many distinct items were graded, their latest scores' mean, and whether a round is done."""
    out = []
    for exercise in module.latihan:
        latest: dict[str, float] = {}
        for row in results:
            if row["module_id"] == module.id and row["exercise_id"] == exercise.id:
                latest[row["item_id"]] = float(row["score"])
        needed = min(exercise.jumlah_soal, len(exercise.soal))
        score = sum(latest.values()) / len(latest) if latest else None
        out.append(ExerciseProgress(exercise.id, len(latest), score, len(latest) >= needed))
    return ModuleProgress(out)
