"""The shipped case studies: each loads, its key names exactly what the verifier finds, and its model answer
earns full marks without fabrication; together they cover the claim types, levels and rule families."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from bimtek.claim import Claim, get_path, patch_claim
from bimtek.content import MODULES, Scenario, load_scenarios
from bimtek.paths import ROOT
from bimtek.rules import FAMILIES, all_rules
from bimtek.verification import verify
from scoring.grading import Submission, _same, find_fabrications, grade_attempt

RESULT = load_scenarios()
SCENARIOS = RESULT.scenarios
FIXABLE = [s for s in SCENARIOS if not s.kunci.tidak_dapat_diperbaiki]
UNFIXABLE = [s for s in SCENARIOS if s.kunci.tidak_dapat_diperbaiki]
CLEAN = [s for s in SCENARIOS if not s.kunci.cacat]
WITH_FACTS = [s for s in FIXABLE if s.kunci.fakta]
SEED_CASES = {
    "dbd-ranap-tanpa-lab": "Kasus 2: Puskesmas Perkotaan, DBD tanpa hasil lab",
    "sehat-bersama-injeksi-vitamin-anemia": "Kasus 1: Klinik 'Sehat Bersama', injeksi vitamin, anemia tercatat",
    "sehat-bersama-injeksi-vitamin-tanpa-anemia": "Kasus 1, varian: injeksi vitamin tanpa anemia",
}
ONE_MINUTE = 60.0


def ids(scenarios: list[Scenario]) -> list[str]:
    return [s.id for s in scenarios]


def corrected(scenario: Scenario) -> Claim:
    return patch_claim(scenario.klaim, scenario.kunci.perbaikan)


def test_shipped_scenarios_load_without_problems() -> None:
    assert [str(p) for p in RESULT.problems] == []
    assert SCENARIOS


@pytest.mark.parametrize("scenario", SCENARIOS, ids=ids(SCENARIOS))
def test_verifier_trips_exactly_the_keyed_rules(scenario: Scenario) -> None:
    assert verify(scenario.klaim).rule_codes() == sorted(set(scenario.kunci.cacat))


@pytest.mark.parametrize("scenario", FIXABLE, ids=ids(FIXABLE))
def test_model_answer_is_paid_honest_and_meets_the_key(scenario: Scenario) -> None:
    claim = corrected(scenario)

    verdict = verify(claim)
    assert verdict.is_paid, [f.message for f in verdict.findings]
    assert find_fabrications(scenario, claim) == []
    after = claim.model_dump(mode="json")
    for path, wanted in scenario.kunci.harus.items():
        wanted = wanted.isoformat() if isinstance(wanted, dt.date) else wanted
        assert _same(get_path(after, path), wanted), path


@pytest.mark.parametrize("scenario", FIXABLE, ids=ids(FIXABLE))
def test_flagging_the_key_and_submitting_the_model_answer_scores_100(scenario: Scenario) -> None:
    submission = Submission(frozenset(scenario.kunci.cacat), corrected(scenario), ONE_MINUTE)

    grade = grade_attempt(scenario, submission)

    assert grade.score == 100, (grade.unmet, grade.fabrications, grade.points)


@pytest.mark.parametrize("scenario", UNFIXABLE, ids=ids(UNFIXABLE))
def test_withdrawing_an_unfixable_claim_scores_100_and_resubmitting_it_does_not(scenario: Scenario) -> None:
    key = frozenset(scenario.kunci.cacat)

    withdrawn = grade_attempt(scenario, Submission(key, None, ONE_MINUTE))
    resubmitted = grade_attempt(scenario, Submission(key, scenario.klaim, ONE_MINUTE))

    assert withdrawn.score == 100
    assert resubmitted.score < 100


@pytest.mark.parametrize("scenario", CLEAN, ids=ids(CLEAN))
def test_a_clean_claim_sent_unchanged_without_flags_scores_100(scenario: Scenario) -> None:
    grade = grade_attempt(scenario, Submission(frozenset(), scenario.klaim, ONE_MINUTE))
    assert grade.score == 100


@pytest.mark.parametrize("scenario", CLEAN, ids=ids(CLEAN))
def test_flagging_any_rule_on_a_clean_claim_costs_points(scenario: Scenario) -> None:
    for rule in all_rules():
        grade = grade_attempt(scenario, Submission(frozenset({rule.code}), scenario.klaim, ONE_MINUTE))
        assert grade.score < 100, rule.code


def _different(value: Any) -> Any:
    """Another plausible value of the same kind (the loader leaves YAML dates as ISO text)."""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return f"{value}9"
    if isinstance(value, bool):
        return not value
    if isinstance(value, int | float):
        return value + 1
    if isinstance(value, dt.date):
        return (value + dt.timedelta(days=1)).isoformat()
    raise TypeError(value)


@pytest.mark.parametrize("scenario", WITH_FACTS, ids=ids(WITH_FACTS))
def test_changing_a_fact_the_case_file_fixes_is_fabrication(scenario: Scenario) -> None:
    for path, truth in scenario.kunci.fakta.items():
        invented = patch_claim(corrected(scenario), {path: _different(truth)})
        assert find_fabrications(scenario, invented), f"{path}: '{truth}' -> '{_different(truth)}' not caught"


def test_coding_anaemia_without_anaemia_in_the_record_is_fabrication() -> None:
    by_id = {s.id: s for s in SCENARIOS}
    with_anaemia = by_id["sehat-bersama-injeksi-vitamin-anemia"]
    without = by_id["sehat-bersama-injeksi-vitamin-tanpa-anemia"]
    add_code = {"kunjungan.diagnosa": [*without.klaim.kunjungan.diagnosa, "D64.9"]}

    invented = patch_claim(without.klaim, add_code)
    grade = grade_attempt(without, Submission(frozenset({"KL01"}), invented, ONE_MINUTE))

    assert verify(invented).is_paid  # the verifier alone would be fooled ...
    assert grade.fabrications and grade.score == 0  # ... the case file is not
    assert find_fabrications(with_anaemia, corrected(with_anaemia)) == []


def test_shipped_content_covers_types_levels_families_and_seed_cases() -> None:
    assert len(SCENARIOS) >= 15
    types = Counter(s.jenis_klaim for s in SCENARIOS)
    assert set(types) == {"kapitasi", "non_kapitasi", "program_khusus", "bencana_klb"}
    assert min(types.values()) >= 2, types
    levels = Counter(s.tingkat.value for s in SCENARIOS)
    assert set(levels) == {"dasar", "menengah", "mahir"}
    assert min(levels.values()) >= 4, levels
    family_of = {r.code: r.family for r in all_rules()}
    assert {family_of[code] for s in SCENARIOS for code in s.kunci.cacat} == set(FAMILIES)
    assert len(CLEAN) >= 3
    assert len(UNFIXABLE) >= 2
    assert set(SEED_CASES) <= set(ids(SCENARIOS))
    assert {s.modul for s in SCENARIOS} <= set(MODULES)


def test_mahir_cases_combine_several_defects() -> None:
    mahir = [s for s in SCENARIOS if s.tingkat.value == "mahir"]
    # Up to five: the Baleendah flood case pairs the exclusion (EX01) with four findings of one date typo.
    assert all(2 <= len(set(s.kunci.cacat)) <= 5 for s in mahir), {s.id: s.kunci.cacat for s in mahir}


def test_kapitasi_cases_are_p_care_entries_billed_nothing() -> None:
    for s in SCENARIOS:
        if s.jenis_klaim == "kapitasi":
            assert (s.klaim.pengajuan.layanan, s.klaim.pengajuan.jumlah_diajukan) == ("rawat_jalan", 0), s.id


def test_the_authoring_guide_example_is_a_valid_scenario_worth_full_marks(tmp_path: Path) -> None:
    guide = (ROOT / "docs" / "authoring-scenarios.md").read_text(encoding="utf-8")
    example = guide.split("## 6. Annotated minimal example")[1].split("```yaml\n")[1].split("```")[0]
    (tmp_path / "contoh.yaml").write_text(example, encoding="utf-8")

    result = load_scenarios(tmp_path)

    assert [str(p) for p in result.problems] == []
    (scenario,) = result.scenarios
    grade = grade_attempt(scenario, Submission(frozenset(scenario.kunci.cacat), corrected(scenario), ONE_MINUTE))
    assert grade.score == 100
