"""Journal exercises: the source document's two examples, generated situations, and line-by-line grading."""

from __future__ import annotations

import pytest

from bimtek import accounting as acc
from scoring.journal import (
    AKUN_SALAH,
    BENAR,
    BERLEBIH,
    HILANG,
    JUMLAH_SALAH,
    SISI_SALAH,
    TIDAK_VALID,
    PostedLine,
    expected_posting,
    grade_journal,
)
from scoring.journal_situations import KINDS, fixed_situations, generate_situation, situation_by_id, source_kapitasi
from scoring.journal_situations import source_ranap as ranap

P = PostedLine


def lines(situation, step):
    entry = next(s for s in situation.steps if s.id == step).entry
    return [(ln.account, ln.debit, ln.credit) for ln in entry.lines]


def test_source_kapitasi_example_reproduces_exactly():
    situation = source_kapitasi()
    assert lines(situation, "pengakuan") == [
        (acc.PIUTANG_KAPITASI, 3_000_000, 0),
        (acc.PENDAPATAN_KAPITASI, 0, 3_000_000),
    ]
    assert lines(situation, "pelunasan") == [(acc.KAS, 3_000_000, 0), (acc.PIUTANG_KAPITASI, 0, 3_000_000)]


def test_source_ranap_example_reproduces_exactly():
    situation = ranap()
    assert lines(situation, "pengakuan") == [(acc.PIUTANG_RANAP, 75_000, 0), (acc.PENDAPATAN_NON_KAPITASI, 0, 75_000)]
    assert lines(situation, "pelunasan") == [
        (acc.KAS, 100_000, 0),
        (acc.PIUTANG_RANAP, 0, 75_000),
        (acc.SELISIH_LEBIH, 0, 25_000),
    ]


@pytest.mark.parametrize("situation", fixed_situations(), ids=lambda s: s.id)
def test_posting_a_source_example_correctly_is_all_correct(situation):
    grade = grade_journal(situation, expected_posting(situation))
    assert grade.correct and grade.score == 1.0
    assert all(line.verdict == BENAR and line.explanation for step in grade.steps for line in step.lines)


KAPITASI = source_kapitasi()
RECOGNITION = [P(acc.PIUTANG_KAPITASI, 3_000_000, 0), P(acc.PENDAPATAN_KAPITASI, 0, 3_000_000)]
SETTLEMENT = [P(acc.KAS, 3_000_000, 0), P(acc.PIUTANG_KAPITASI, 0, 3_000_000)]


@pytest.mark.parametrize(
    ("name", "posted", "verdicts", "balanced", "score"),
    [
        (
            "balanced but wrong account: cash instead of the receivable",
            [P(acc.KAS, 3_000_000, 0), P(acc.PENDAPATAN_KAPITASI, 0, 3_000_000)],
            [AKUN_SALAH, BENAR],
            True,
            3 / 4,
        ),
        (
            "right accounts, wrong amount on both sides",
            [P(acc.PIUTANG_KAPITASI, 300_000, 0), P(acc.PENDAPATAN_KAPITASI, 0, 300_000)],
            [JUMLAH_SALAH, JUMLAH_SALAH],
            True,
            2 / 4,
        ),
        ("missing credit line", [P(acc.PIUTANG_KAPITASI, 3_000_000, 0)], [BENAR, HILANG], False, 3 / 4),
        (
            "extra line",
            [*RECOGNITION, P(acc.KAS, 3_000_000, 0)],
            [BENAR, BENAR, BERLEBIH],
            False,
            4 / 5,  # the settlement's two lines are right too
        ),
        (
            "sides swapped",
            [P(acc.PIUTANG_KAPITASI, 0, 3_000_000), P(acc.PENDAPATAN_KAPITASI, 3_000_000, 0)],
            [SISI_SALAH, SISI_SALAH],
            True,
            2 / 4,
        ),
        (
            "both debit and credit on one line",
            [P(acc.PIUTANG_KAPITASI, 3_000_000, 3_000_000), P(acc.PENDAPATAN_KAPITASI, 0, 3_000_000)],
            [TIDAK_VALID, BENAR, HILANG],
            False,
            3 / 5,
        ),
        ("nothing posted", [], [HILANG, HILANG, HILANG, HILANG], True, 0.0),
    ],
)
def test_recognition_step_is_graded_line_by_line(name, posted, verdicts, balanced, score):
    grade = grade_journal(KAPITASI, {"pengakuan": posted, "pelunasan": SETTLEMENT if posted else []})
    step = grade.steps[0]
    got = [line.verdict for line in step.lines]
    if posted:
        assert got == verdicts, name
        assert step.balanced is balanced, name
    else:
        assert got + [line.verdict for line in grade.steps[1].lines] == verdicts
    assert grade.score == pytest.approx(score), name
    assert not grade.correct


def test_wrong_account_feedback_names_both_accounts_and_explains_the_line():
    grade = grade_journal(KAPITASI, {"pengakuan": [P(acc.KAS, 3_000_000, 0), RECOGNITION[1]], "pelunasan": SETTLEMENT})
    wrong = grade.steps[0].lines[0]
    assert acc.KAS in wrong.message and acc.PIUTANG_KAPITASI in wrong.message
    assert "peserta terdaftar x tarif" in wrong.explanation


def test_wrong_amount_feedback_names_both_amounts():
    posted = [P(acc.PIUTANG_KAPITASI, 300_000, 0), P(acc.PENDAPATAN_KAPITASI, 0, 3_000_000)]
    step = grade_journal(KAPITASI, {"pengakuan": posted}).steps[0]
    assert "Rp300.000" in step.lines[0].message and "Rp3.000.000" in step.lines[0].message
    assert "Tidak seimbang" in step.balance_message


def test_selisih_lebih_missing_is_reported_as_its_own_missing_line():
    situation = ranap()
    posted = expected_posting(situation)
    posted["pelunasan"] = [P(acc.KAS, 100_000, 0), P(acc.PIUTANG_RANAP, 0, 100_000)]
    step = grade_journal(situation, posted).steps[1]
    assert [line.verdict for line in step.lines] == [BENAR, JUMLAH_SALAH, HILANG]
    assert step.lines[-1].expected.account == acc.SELISIH_LEBIH and "Rp25.000" in step.lines[-1].message


def test_a_step_that_is_not_journalised_is_right_only_when_left_empty():
    situation = generate_situation("dikembalikan", 3)
    posted = expected_posting(situation)
    assert grade_journal(situation, posted).correct
    amount = situation.steps[0].entry.lines[0].debit
    piutang, pendapatan = situation.steps[0].entry.lines[0].account, situation.steps[0].entry.lines[1].account
    posted["diajukan-ulang"] = [P(piutang, amount, 0), P(pendapatan, 0, amount)]  # recognised twice
    grade = grade_journal(situation, posted)
    refiled = next(s for s in grade.steps if s.step.id == "diajukan-ulang")
    assert [line.verdict for line in refiled.lines] == [BERLEBIH, BERLEBIH]
    assert "tidak dijurnal" in refiled.lines[0].message
    assert not grade.correct and grade.score < 1


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("seed", range(12))
def test_generated_situations_are_balanced_reproducible_and_gradable(kind, seed):
    situation = generate_situation(kind, seed)
    assert situation == generate_situation(kind, seed)
    assert situation_by_id(situation.id) == situation
    entries = [s.entry for s in situation.steps if s.entry is not None]
    assert entries and all(e.balanced and all(ln.debit >= 0 and ln.credit >= 0 for ln in e.lines) for e in entries)
    assert {ln.account for e in entries for ln in e.lines} <= set(acc.ACCOUNTS)
    assert grade_journal(situation, expected_posting(situation)).correct


def test_generated_kinds_vary_with_the_seed_and_teach_both_differences():
    assert len({generate_situation("kapitasi", s).steps[0].entry.lines[0].debit for s in range(10)}) == 10
    settled = [generate_situation("ranap", s).steps[1].entry for s in range(40)]
    accounts = {ln.account for e in settled for ln in e.lines}
    assert {acc.SELISIH_LEBIH, acc.SELISIH_KURANG} <= accounts


def test_generated_kapitasi_uses_a_rate_from_the_tariff_table_and_the_kbk_payout():
    from bimtek.reference import load_reference

    rates = {int(r["tarif"]) for r in load_reference().kapitasi}
    for seed in range(10):
        situation = generate_situation("kapitasi", seed)
        facts = dict(situation.facts)
        rate = int(facts["Tarif kapitasi (Permenkes 3/2023 Ps 6(1))"].split()[0].removeprefix("Rp").replace(".", ""))
        assert rate in rates
        participants = int(facts["Peserta terdaftar"].split()[0].replace(".", ""))
        payout = float(facts["Skor KBK / kapitasi dibayar"].split("/ ")[1].rstrip("%"))
        amount = situation.steps[0].entry.lines[0].debit
        assert amount == acc.kapitasi_amount(participants, rate, payout)


def test_unknown_situation_ids_are_none():
    assert situation_by_id("tidak-ada-1") is None and situation_by_id("kapitasi-x") is None
