"""Issue 11, point 5: one worked example per claim family in the Studi Kasus module, each with the claim, the
verifier's reasoning step by step, the fix and the regulation, and each agreeing with the verifier on its case."""

from __future__ import annotations

import re

import pytest

from bimtek.content import load_scenarios
from bimtek.modules import load_modules
from bimtek.rules import all_rules
from bimtek.verification import verify

FAMILIES = ["entri P-Care kapitasi", "ANC dan PNC", "persalinan", "KB", "rawat inap", "Prolanis", "di luar manfaat"]
MODULE = next(m for m in load_modules().modules if m.id == "studi-kasus")
EXAMPLES = [lesson for lesson in MODULE.pelajaran if lesson.judul.startswith("Contoh kerja")]
SCENARIOS = load_scenarios().scenarios
PARTS = ("**Klaim.**", "**Penalaran verifikator.**", "**Perbaikan.**", "**Dasar.**")


def test_there_is_one_worked_example_per_claim_family() -> None:
    titles = [lesson.judul for lesson in EXAMPLES]
    assert len(titles) == len(FAMILIES)
    for family in FAMILIES:
        assert sum(family in t for t in titles) == 1, (family, titles)


@pytest.mark.parametrize("lesson", EXAMPLES, ids=lambda lesson: lesson.judul)
def test_a_worked_example_walks_the_claim_reasoning_fix_and_regulation_in_order(lesson) -> None:
    positions = [lesson.isi.find(part) for part in PARTS]
    assert -1 not in positions and positions == sorted(positions), positions
    reasoning = lesson.isi[positions[1] : positions[2]]
    assert len(re.findall(r"^\d\. ", reasoning, re.M)) >= 3  # step by step
    assert re.search(r"(Peraturan BPJS Kesehatan|Permenkes|Perpres) Nomor \d+ Tahun \d{4}", lesson.isi + lesson.sumber)


@pytest.mark.parametrize("lesson", EXAMPLES, ids=lambda lesson: lesson.judul)
def test_a_worked_example_finds_what_the_verifier_finds_on_its_practice_case(lesson) -> None:
    practice = re.search(r'Latih: "([^"]+)"', " ".join(lesson.isi.split()))
    assert practice, "the example names the case to practise next"
    (case,) = [s for s in SCENARIOS if practice.group(1) in s.judul]
    assert case.id in MODULE.skenario
    reasoning = lesson.isi[lesson.isi.find(PARTS[1]) : lesson.isi.find(PARTS[2])]
    named = set(re.findall(r"\*\*([A-Z]{2}\d{2})\*\*", reasoning))
    assert named <= {r.code for r in all_rules()}
    assert named == set(verify(case.klaim).rule_codes()) == set(case.kunci.cacat)
