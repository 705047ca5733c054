"""The piutang module (modules/piutang.yaml): valid, its source examples agree with the accounting API, uncertainty labelled."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bimtek import accounting as acc
from bimtek.formula import evaluate
from bimtek.modules import load_module_file

ROOT = Path(__file__).resolve().parent.parent
MODULE, PROBLEMS = load_module_file(ROOT / "modules" / "piutang.yaml")


def item(item_id: str):
    return next(i for e in MODULE.latihan for i in e.soal if i.id == item_id)


def test_module_loads_without_problems():
    assert MODULE is not None and not PROBLEMS, PROBLEMS


def test_source_examples_in_the_module_match_the_accounting_api():
    assert evaluate(item("pk-contoh-sumber").rumus, {}) == acc.kapitasi_amount(1000, 3000) == 3_000_000
    settlement = acc.non_kapitasi_settlement(dt.date(2019, 3, 5), recognised=75_000, paid=100_000)
    selisih = next(ln.credit for ln in settlement.lines if ln.account == acc.SELISIH_LEBIH)
    assert evaluate(item("ps-contoh-sumber").rumus, {}) == selisih == 25_000


def test_lessons_that_teach_an_uncertain_point_are_flagged_and_every_lesson_cites_a_source():
    for lesson in MODULE.pelajaran:
        assert lesson.sumber.strip()
        assert ("belum pasti" in lesson.isi) == lesson.belum_pasti, lesson.judul


def test_module_names_the_accounts_the_journal_exercises_use():
    text = " ".join(lesson.isi for lesson in MODULE.pelajaran)
    for account in (acc.PIUTANG_KAPITASI, acc.KAS, acc.PIUTANG_RANAP, acc.SELISIH_LEBIH, acc.BEBAN_PENGHAPUSAN):
        assert account in text
