"""Scores an SOP for coverage: the six steps in order, owners, cadences, verification, deadlines, checklist items.

The SOP passes when every required part is complete and the weighted coverage is at least PASS_SCORE. Required
parts add up to 70 of 100 points, so a passing SOP also covers part of the optional ground: the rule families
taught in the modules, the re-filing control, and the names in the signature block.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from fractions import Fraction

from bimtek.rules import FAMILIES
from bimtek.sop import (
    CADENCES,
    COMMON_ERRORS,
    STEPS,
    VERIFICATION_STEP,
    Sop,
    deadline_controls,
    family_label,
)

PASS_SCORE = 80  # of 100; required parts alone give 70
VERIFICATION_CADENCES = ("harian", "mingguan")  # seed 000, "Tips": verifikasi internal harian atau mingguan


@dataclass(frozen=True)
class CoveragePart:
    id: str
    label: str
    weight: int
    required: bool
    fraction: Fraction  # 0..1 of the part that is covered
    missing: tuple[str, ...]  # what to add or fix, in Indonesian

    @property
    def met(self) -> bool:
        return self.fraction >= 1

    @property
    def points(self) -> Fraction:
        return self.weight * self.fraction


@dataclass(frozen=True)
class SopScore:
    parts: tuple[CoveragePart, ...]
    exported: bool

    @property
    def exact_score(self) -> Fraction:
        return sum((p.points for p in self.parts), Fraction(0))

    @property
    def score(self) -> int:
        """0..100, rounded down so that a shown 80 always passes."""
        return int(self.exact_score)

    @property
    def required_met(self) -> bool:
        return all(p.met for p in self.parts if p.required)

    @property
    def passes(self) -> bool:
        return self.required_met and self.exact_score >= PASS_SCORE

    @property
    def missing(self) -> list[str]:
        """What is left to do, required parts first."""
        ordered = [p for p in self.parts if p.required] + [p for p in self.parts if not p.required]
        return [message for part in ordered if not part.met for message in part.missing]


def _part(id: str, label: str, weight: int, required: bool, done: int, total: int, missing: list[str]) -> CoveragePart:
    fraction = Fraction(done, total) if total else Fraction(1)
    return CoveragePart(id, label, weight, required, min(fraction, Fraction(1)), tuple(missing))


def _names(titles: list[str]) -> str:
    return ", ".join(f"'{t}'" for t in titles)


def _steps_parts(sop: Sop) -> list[CoveragePart]:
    chosen = {s.id: s for s in sop.langkah}
    numbered = [step for step in STEPS if step.id in chosen and chosen[step.id].urutan is not None]
    unnumbered = [step.judul for step in STEPS if step not in numbered]
    present = _part(
        "langkah",
        "Enam langkah alur klaim",
        10,
        True,
        len(numbered),
        len(STEPS),
        [f"Beri nomor urut untuk langkah {_names(unnumbered)}."] if unnumbered else [],
    )

    order_problems: list[str] = []
    counts = Counter(chosen[step.id].urutan for step in numbered)
    for number, count in sorted((n, c) for n, c in counts.items() if c > 1 and n is not None):
        titles = [step.judul for step in numbered if chosen[step.id].urutan == number]
        order_problems.append(f"Nomor urut {number} dipakai {count} kali ({_names(titles)}).")
    in_place = 0
    for position, step in enumerate(STEPS, start=1):
        given = chosen[step.id].urutan if step in numbered else None
        if given == position and counts[given] == 1:
            in_place += 1
        elif given is not None:
            order_problems.append(f"'{step.judul}' seharusnya langkah ke-{position}, bukan ke-{given}.")
    order = _part("urutan", "Urutan sesuai alur klaim", 10, True, in_place, len(STEPS), order_problems)

    no_owner = [step.judul for step in STEPS if not (step.id in chosen and chosen[step.id].penanggung_jawab.strip())]
    owners = _part(
        "penanggung_jawab",
        "Penanggung jawab tiap langkah",
        10,
        True,
        len(STEPS) - len(no_owner),
        len(STEPS),
        [f"Tentukan penanggung jawab untuk {_names(no_owner)}."] if no_owner else [],
    )

    cadence_problems: list[str] = []
    fitting, unset = 0, []
    for step in STEPS:
        cadence = chosen[step.id].frekuensi if step.id in chosen else None
        if cadence in step.fitting:
            fitting += 1
        elif cadence is None or cadence not in CADENCES:
            unset.append(step.judul)
        else:
            wanted = " atau ".join(CADENCES[c] for c in step.fitting)
            cadence_problems.append(
                f"Frekuensi '{step.judul}' = {CADENCES[cadence]} kurang tepat ({step.why}); pilih {wanted}."
            )
    if unset:
        cadence_problems.insert(0, f"Pilih frekuensi untuk {_names(unset)}.")
    cadences = _part("frekuensi", "Frekuensi tiap langkah", 10, True, fitting, len(STEPS), cadence_problems)

    verification = chosen.get(VERIFICATION_STEP)
    cadence = verification.frekuensi if verification else None
    verified = cadence in VERIFICATION_CADENCES
    shown = CADENCES.get(cadence or "", "belum dipilih")
    verify_part = _part(
        "verifikasi",
        "Verifikasi internal harian atau mingguan",
        5,
        True,
        int(verified),
        1,
        [] if verified else [f"Verifikasi internal harus harian atau mingguan (sekarang: {shown})."],
    )
    return [present, order, owners, cadences, verify_part]


def score_sop(sop: Sop) -> SopScore:
    """Coverage of one SOP against the article's flow and tips, the deadlines and the rule families."""
    named = bool(sop.fasilitas.strip())
    parts = [_part("fasilitas", "Nama fasilitas", 5, True, int(named), 1, [] if named else ["Isi nama fasilitas."])]
    parts += _steps_parts(sop)

    controls = deadline_controls()
    for key, label, weight, required in (
        ("tanggal_10", "Kontrol batas pengajuan tanggal 10", 5, True),
        ("kedaluwarsa_6_bulan", "Kontrol kedaluwarsa 6 bulan", 5, True),
        ("pengajuan_ulang", "Kontrol pengajuan ulang klaim dikembalikan", 5, False),
    ):
        chosen = key in sop.kontrol_tenggat
        missing = [] if chosen else [f"Tambahkan kontrol tenggat: {controls[key].label}"]
        parts.append(_part(key, label, weight, required, int(chosen), 1, missing))

    picked = {item.id for item in sop.chosen_items()}
    lacking = [item.label for item in COMMON_ERRORS if item.id not in picked]
    parts.append(
        _part(
            "kesalahan_umum",
            "Lima kesalahan umum di checklist",
            10,
            True,
            len(COMMON_ERRORS) - len(lacking),
            len(COMMON_ERRORS),
            [f"Tambahkan ke checklist kesalahan umum: {_names(lacking)}."] if lacking else [],
        )
    )
    covered = {family for item in sop.chosen_items() for family in item.families}
    uncovered = [family_label(f) for f in FAMILIES if f not in covered]
    parts.append(
        _part(
            "cakupan_modul",
            "Checklist mencakup kelompok aturan dari modul",
            20,
            False,
            len(FAMILIES) - len(uncovered),
            len(FAMILIES),
            [f"Checklist belum mencakup kelompok aturan {_names(uncovered)}; pilih aturannya di daftar aturan."]
            if uncovered
            else [],
        )
    )
    signers = [name for name in (sop.disusun_oleh, sop.disetujui_oleh) if name.strip()]
    parts.append(
        _part(
            "pengesahan",
            "Nama penyusun dan Kepala FKTP",
            5,
            False,
            len(signers),
            2,
            [] if len(signers) == 2 else ["Isi nama penyusun dan nama Kepala FKTP yang menyetujui."],
        )
    )
    return SopScore(tuple(parts), exported=sop.diekspor_pada is not None)
