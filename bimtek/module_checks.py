"""Semantic checks of a parsed module: links resolve, pools are usable, codes exist, every rumus evaluates."""

from __future__ import annotations

import datetime as dt
import itertools
import string
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from bimtek.content import MODULES, Problem
from bimtek.formula import FormulaError, evaluate
from bimtek.modules import (
    MAX_LESSON_CHARS,
    MIN_EXERCISES,
    MIN_SINGLE_CHOICE_OPTIONS,
    ChoiceItem,
    CodeItem,
    MatchItem,
    Module,
    NumberItem,
    OrderItem,
    Param,
    Satuan,
    normalise_code,
)
from bimtek.reference import load_reference
from bimtek.sources import Status, source_by_id


def check_module(
    module: Module, file: str, scenario_ids: Collection[str], rule_codes: Collection[str]
) -> list[Problem]:
    problems: list[Problem] = []

    def add(location: str, message: str) -> None:
        problems.append(Problem(file, location, message))

    if module.jam.total != module.jpl:
        add("jam", hours_problem(module))
    if module.jam.praktik_lapangan and not module.jam.tugas_lapangan.strip():
        add(
            "jam.tugas_lapangan",
            f"modul '{module.id}' punya {module.jam.praktik_lapangan} JPL praktik lapangan; tuliskan apa yang "
            "dikerjakan peserta di fasilitasnya",
        )
    if module.id not in MODULES:
        add("id", f"'{module.id}' bukan modul yang dikenal; tambahkan ke MODULES di bimtek/content.py")
    for i, lesson in enumerate(module.pelajaran):
        if len(lesson.isi) > MAX_LESSON_CHARS:
            add(
                f"pelajaran.{i}.isi",
                f"{len(lesson.isi)} karakter, paling banyak {MAX_LESSON_CHARS}; pecah menjadi beberapa pelajaran",
            )
    for i, sid in enumerate(module.skenario):
        if sid not in scenario_ids:
            add(f"skenario.{i}", f"'{sid}' bukan skenario yang dimuat")
    for i, code in enumerate(module.aturan):
        if code not in rule_codes:
            add(f"aturan.{i}", f"'{code}' bukan kode aturan yang terdaftar")
    if len(module.latihan) < MIN_EXERCISES:
        add("latihan", f"modul harus punya minimal {MIN_EXERCISES} latihan, ada {len(module.latihan)}")

    exercise_ids: set[str] = set()
    item_ids: dict[str, str] = {}
    for i, exercise in enumerate(module.latihan):
        where = f"latihan.{i}"
        if exercise.id in exercise_ids:
            add(f"{where}.id", f"'{exercise.id}' sudah dipakai latihan lain dalam modul ini")
        exercise_ids.add(exercise.id)
        pooled = len(exercise.soal) >= 2 or any(getattr(item, "parameter", None) for item in exercise.soal)
        if not pooled:
            add(f"{where}.soal", "butuh minimal 2 soal (atau soal angka dengan parameter) agar soal dapat diundi")
        for j, item in enumerate(exercise.soal):
            at = f"{where}.soal.{j}"
            if item.id in item_ids:
                add(f"{at}.id", f"'{item.id}' sudah dipakai di {item_ids[item.id]}; id soal harus unik dalam modul")
            item_ids[item.id] = at
            for location, message in check_item(item):
                add(f"{at}.{location}", message)
    return problems


def hours_problem(module: Module) -> str:
    """Why a module's hour split does not add up to its `jpl`, with the values and what is expected."""
    jam = module.jam
    return (
        f"rincian jam modul '{module.id}' berjumlah {jam.total} JPL (teori {jam.teori} + penugasan {jam.penugasan} "
        f"+ praktik_lapangan {jam.praktik_lapangan}), padahal jpl {module.jpl}; jumlah teori, penugasan dan "
        f"praktik_lapangan harus sama dengan jpl"
    )


def _duplicates(values: list[str]) -> list[str]:
    seen: set[str] = set()
    return [v for v in values if v in seen or seen.add(v)]  # type: ignore[func-returns-value]


def check_item(item: Any) -> list[tuple[str, str]]:
    """(location inside the item, message) for one item."""
    if isinstance(item, ChoiceItem):
        out = [("pilihan", f"'{d}' muncul lebih dari sekali") for d in _duplicates([o.teks for o in item.pilihan])]
        if not item.correct:
            out.append(("pilihan", "tidak ada pilihan yang benar (benar: true)"))
        elif item.single and len(item.pilihan) < MIN_SINGLE_CHOICE_OPTIONS:
            out.append(
                (
                    "pilihan",
                    f"soal satu jawaban butuh minimal {MIN_SINGLE_CHOICE_OPTIONS} pilihan yang masuk akal, "
                    f"ada {len(item.pilihan)}; tambahkan pengecoh dari salah paham petugas klaim yang nyata",
                )
            )
        return out
    if isinstance(item, OrderItem):
        return [("langkah", f"'{d}' muncul lebih dari sekali") for d in _duplicates([s.teks for s in item.langkah])]
    if isinstance(item, MatchItem):
        out = [
            ("pasangan", f"kiri '{d}' muncul lebih dari sekali") for d in _duplicates([p.kiri for p in item.pasangan])
        ]
        out += [("pengecoh", f"'{d}' muncul lebih dari sekali di kanan/pengecoh") for d in _duplicates(item.options())]
        return out + _check_instruments(item)
    if isinstance(item, CodeItem):
        return _check_codes(item)
    if isinstance(item, NumberItem):
        return _check_number(item)
    return []


def _check_instruments(item: MatchItem) -> list[tuple[str, str]]:
    """Regulation ids exist in the source registry and their status agrees with it: a right answer is in force,
    a distractor marked dicabut is revoked, and a revoked instrument is never offered without that mark."""
    registry = source_by_id()
    out = []
    sides = [("pasangan", i, p.instrumen, p.dicabut, True) for i, p in enumerate(item.pasangan)]
    sides += [("pengecoh", i, d.instrumen, d.dicabut, False) for i, d in enumerate(item.pengecoh)]
    for where, i, key, revoked, answer in sides:
        if key is None:
            continue
        source = registry.get(key)
        if source is None:
            out.append((f"{where}.{i}.instrumen", f"'{key}' tidak ada di daftar sumber (sumber.yaml)"))
        elif answer and (revoked or source.status != Status.BERLAKU):
            out.append(
                (
                    f"{where}.{i}.instrumen",
                    f"'{key}' berstatus {source.status.label.lower()}; jawaban benar harus berlaku",
                )
            )
        elif (source.status == Status.DICABUT) != revoked:
            out.append(
                (
                    f"{where}.{i}.dicabut",
                    f"'{key}' berstatus {source.status.label.lower()} di daftar sumber; samakan tanda dicabut",
                )
            )
    return out


def _check_codes(item: CodeItem) -> list[tuple[str, str]]:
    reference = load_reference()
    out = []
    for i, code in enumerate(item.kode_benar):
        if not reference.is_icd10(normalise_code(code)):
            out.append((f"kode_benar.{i}", f"'{code}' tidak ada dalam referensi ICD-10 WHO 2010 yang dikirim"))
    for code in item.kode_sebagian:
        if not reference.is_icd10(normalise_code(code)):
            out.append((f"kode_sebagian.{code}", f"'{code}' tidak ada dalam referensi ICD-10 WHO 2010 yang dikirim"))
    return out


def _check_param(name: str, param: Param) -> str | None:
    forms = [
        param.pilihan is not None,
        param.min is not None or param.max is not None,
        param.tanggal_min is not None or param.tanggal_max is not None,
    ]
    if sum(forms) != 1:
        return "isi tepat satu bentuk: min+max, pilihan, atau tanggal_min+tanggal_max"
    if forms[0] and not param.pilihan:
        return "pilihan tidak boleh kosong"
    if forms[1] and (param.min is None or param.max is None or param.min > param.max):
        return "min dan max wajib diisi, min tidak lebih dari max"
    if forms[2] and (param.tanggal_min is None or param.tanggal_max is None or param.tanggal_min > param.tanggal_max):
        return "tanggal_min dan tanggal_max wajib diisi, tanggal_min tidak lebih dari tanggal_max"
    return None


def _check_number(item: NumberItem) -> list[tuple[str, str]]:
    out = []
    for name, param in item.parameter.items():
        problem = _check_param(name, param)
        if problem:
            out.append((f"parameter.{name}", problem))
    if out:
        return out
    names = set(item.parameter)
    for field in ("pertanyaan", "penjelasan"):
        try:
            used = {f for _, f, _, _ in string.Formatter().parse(getattr(item, field)) if f is not None}
        except ValueError as err:
            out.append((field, f"kurung kurawal tidak seimbang ({err})"))
            continue
        unknown = sorted(used - names - {"jawaban"})
        if unknown:
            out.append((field, f"{{{unknown[0]}}} bukan parameter; parameter: {', '.join(sorted(names)) or '-'}"))
    samples = itertools.product(*(p.extremes() for p in item.parameter.values()))
    for values in itertools.islice(samples, 64):
        try:
            result = evaluate(item.rumus, dict(zip(item.parameter, values, strict=True)))
        except FormulaError as err:
            return [*out, ("rumus", str(err))]
        if (item.satuan == Satuan.TANGGAL) != isinstance(result, dt.date):
            want = "tanggal" if item.satuan == Satuan.TANGGAL else "angka"
            return [*out, ("rumus", f"hasil '{result}' bukan {want} seperti satuan '{item.satuan.value}'")]
    return out


@dataclass(frozen=True)
class ChoiceFigures:
    """How answerable the single-answer items are: how many, how many with too few options, how many give the key
    away by being the uniquely longest option."""

    single: int
    too_few: int
    longest_key: int
    shortest_key: int = 0

    @property
    def longest_share(self) -> float:
        return self.longest_key / self.single if self.single else 0.0

    @property
    def shortest_share(self) -> float:
        return self.shortest_key / self.single if self.single else 0.0


def choice_figures(modules: Iterable[Module]) -> ChoiceFigures:
    items = [i for m in modules for e in m.latihan for i in e.soal if isinstance(i, ChoiceItem) and i.single]
    return ChoiceFigures(
        single=len(items),
        too_few=sum(len(i.pilihan) < MIN_SINGLE_CHOICE_OPTIONS for i in items),
        longest_key=sum(i.key_is_longest for i in items),
        shortest_key=sum(i.key_is_shortest for i in items),
    )
