"""Journal exercises: a situation's steps and the entries they call for, and line-by-line grading of what was posted.

A step is one event (kapitasi due, claim sent, claim returned, payment received, 6 months passed). Its expected
entry comes from bimtek.accounting; a step whose event is not journalised expects an empty journal. Grading pairs
each posted line with an expected line (same account and side first, then same side) so every line gets its own
verdict and explanation. Situations themselves are built in scoring/journal_situations.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from bimtek.accounting import JournalEntry, JournalLine
from bimtek.fmt import rupiah

BENAR = "benar"
JUMLAH_SALAH = "jumlah_salah"
SISI_SALAH = "sisi_salah"
AKUN_SALAH = "akun_salah"
HILANG = "hilang"
BERLEBIH = "berlebih"
TIDAK_VALID = "tidak_valid"
VERDICT_LABELS = {
    BENAR: "Benar",
    JUMLAH_SALAH: "Jumlah salah",
    SISI_SALAH: "Sisi debit/kredit salah",
    AKUN_SALAH: "Akun salah",
    HILANG: "Baris hilang",
    BERLEBIH: "Baris berlebih",
    TIDAK_VALID: "Baris tidak lengkap",
}


@dataclass(frozen=True)
class Step:
    """One event of a situation and the entry it calls for (None: the event is not journalised)."""

    id: str
    date: dt.date | None  # None when the source does not give one
    event: str
    entry: JournalEntry | None
    why: str  # the computation or the reason, shown with the feedback


@dataclass(frozen=True)
class Situation:
    id: str
    kind: str
    title: str
    story: str
    facts: tuple[tuple[str, str], ...]
    steps: tuple[Step, ...]
    sources: str
    fixed: bool = False  # one of the source document's examples

    @property
    def uncertain(self) -> bool:
        return any(step.entry is not None and step.entry.uncertain for step in self.steps)


@dataclass(frozen=True)
class PostedLine:
    """One line the trainee posted: an account and an amount on one side."""

    account: str
    debit: int = 0
    credit: int = 0

    @property
    def side(self) -> str | None:
        if self.debit > 0 and self.credit == 0:
            return "debit"
        if self.credit > 0 and self.debit == 0:
            return "kredit"
        return None

    @property
    def amount(self) -> int:
        return self.debit or self.credit


@dataclass(frozen=True)
class LineResult:
    verdict: str
    posted: PostedLine | None
    expected: JournalLine | None
    message: str

    @property
    def correct(self) -> bool:
        return self.verdict == BENAR

    @property
    def explanation(self) -> str:
        return self.expected.explanation if self.expected is not None else ""


@dataclass(frozen=True)
class StepGrade:
    step: Step
    lines: tuple[LineResult, ...]
    debit: int
    credit: int

    @property
    def balanced(self) -> bool:
        return self.debit == self.credit

    @property
    def correct(self) -> bool:
        return all(line.correct for line in self.lines) and self.balanced

    @property
    def units(self) -> tuple[int, int]:
        """(right, out of): one per expected line and per extra line; an empty step counts as one."""
        if self.step.entry is None:
            return (0 if self.lines else 1), max(1, len(self.lines))
        return sum(line.correct for line in self.lines), len(self.lines)

    @property
    def balance_message(self) -> str:
        if not self.lines:
            return "Tidak ada baris jurnal."
        if self.balanced:
            return f"Seimbang: debit {rupiah(self.debit)} = kredit {rupiah(self.credit)}."
        return f"Tidak seimbang: debit {rupiah(self.debit)}, kredit {rupiah(self.credit)}."


@dataclass(frozen=True)
class JournalGrade:
    situation_id: str
    steps: tuple[StepGrade, ...]

    @property
    def score(self) -> float:
        right = sum(step.units[0] for step in self.steps)
        total = sum(step.units[1] for step in self.steps)
        return right / total if total else 0.0

    @property
    def correct(self) -> bool:
        return all(step.correct for step in self.steps)

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(VERDICT_LABELS, 0)
        for step in self.steps:
            for line in step.lines:
                out[line.verdict] += 1
        return out


def _side(line: JournalLine) -> str:
    return "debit" if line.debit else "kredit"


def _amount(line: JournalLine) -> int:
    return line.debit or line.credit


def grade_step(step: Step, posted: Sequence[PostedLine]) -> StepGrade:
    """Pairs the posted lines with the expected ones and gives each its verdict and message."""
    results: list[LineResult | None] = [None] * len(posted)
    expected = list(step.entry.lines) if step.entry is not None else []
    open_expected = list(range(len(expected)))
    valid = []
    for i, line in enumerate(posted):
        problem = _invalid(line)
        if problem:
            results[i] = LineResult(TIDAK_VALID, line, None, problem)
        else:
            valid.append(i)

    def pair(match: Callable[[PostedLine, JournalLine], bool], verdict: str) -> None:
        for i in [i for i in valid if results[i] is None]:
            for j in open_expected:
                if match(posted[i], expected[j]):
                    results[i] = LineResult(verdict, posted[i], expected[j], _message(verdict, posted[i], expected[j]))
                    open_expected.remove(j)
                    break

    pair(lambda p, e: p.account == e.account and p.side == _side(e) and p.amount == _amount(e), BENAR)
    pair(lambda p, e: p.account == e.account and p.side == _side(e), JUMLAH_SALAH)
    pair(lambda p, e: p.account == e.account, SISI_SALAH)
    pair(lambda p, e: p.side == _side(e) and p.amount == _amount(e), AKUN_SALAH)
    pair(lambda p, e: p.side == _side(e), AKUN_SALAH)
    lines: list[LineResult] = []
    for i, result in enumerate(results):
        if result is None:
            note = _extra_message(posted[i], step)
            result = LineResult(BERLEBIH, posted[i], None, note)
        lines.append(result)
    for j in open_expected:
        lines.append(LineResult(HILANG, None, expected[j], _message(HILANG, None, expected[j])))
    debit = sum(p.debit for p in posted if p.debit > 0)
    credit = sum(p.credit for p in posted if p.credit > 0)
    return StepGrade(step, tuple(lines), debit, credit)


def grade_journal(situation: Situation, posted: Mapping[str, Sequence[PostedLine]]) -> JournalGrade:
    """Grades every step of a situation; `posted` maps step id to the lines posted for it (missing = none)."""
    return JournalGrade(situation.id, tuple(grade_step(s, posted.get(s.id, ())) for s in situation.steps))


def expected_posting(situation: Situation) -> dict[str, list[PostedLine]]:
    """The correct answer as posted lines (for tests and for showing the answer after grading)."""
    return {
        step.id: [PostedLine(ln.account, ln.debit, ln.credit) for ln in step.entry.lines] if step.entry else []
        for step in situation.steps
    }


def _invalid(line: PostedLine) -> str:
    if not line.account.strip():
        return "Baris tanpa akun: pilih akun dari daftar."
    if line.debit < 0 or line.credit < 0:
        return f"'{line.account}': jumlah tidak boleh negatif; pindahkan ke sisi lain."
    if line.debit and line.credit:
        return f"'{line.account}': isi debit atau kredit saja, tidak keduanya."
    if not line.debit and not line.credit:
        return f"'{line.account}': isi jumlahnya di debit atau kredit."
    return ""


def _message(verdict: str, posted: PostedLine | None, expected: JournalLine) -> str:
    want = f"{expected.account} di {_side(expected)} {rupiah(_amount(expected))}"
    if verdict == HILANG or posted is None:
        return f"Baris hilang: {want}."
    got = f"'{posted.account}' di {posted.side} {rupiah(posted.amount)}"
    if verdict == BENAR:
        return f"{want}."
    if verdict == JUMLAH_SALAH:
        return f"Akun dan sisi benar, jumlah salah: Anda menulis {rupiah(posted.amount)}, seharusnya {rupiah(_amount(expected))}."  # fmt: skip
    if verdict == SISI_SALAH:
        amount = "" if posted.amount == _amount(expected) else f" (jumlahnya {rupiah(_amount(expected))})"
        return f"Sisi salah: {expected.account} seharusnya di {_side(expected)}{amount}, bukan di {posted.side}."
    also = "" if posted.amount == _amount(expected) else f"; jumlahnya juga seharusnya {rupiah(_amount(expected))}"
    return f"Akun salah: Anda menulis {got}, seharusnya {expected.account}{also}."


def _extra_message(posted: PostedLine, step: Step) -> str:
    if step.entry is None:
        return f"Peristiwa ini tidak dijurnal; baris '{posted.account}' {rupiah(posted.amount)} tidak diperlukan."
    return f"Baris berlebih: '{posted.account}' di {posted.side} {rupiah(posted.amount)} tidak termasuk jurnal ini."
