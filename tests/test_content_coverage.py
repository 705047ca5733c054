"""Issue 11, point 8: the case library is large enough, every rule is practised in at least two cases, and the
variant templates reach most rules with a pool of fresh variants from the shipped clean claims."""

from __future__ import annotations

import pytest

from bimtek.content import load_scenarios
from bimtek.content_figures import (
    MIN_DISTINCT_VARIANTS,
    MIN_SCENARIOS,
    MIN_SCENARIOS_PER_RULE,
    MIN_TEMPLATE_RULES,
    clean_claims,
    rule_scenario_counts,
)
from bimtek.rules import all_rules
from bimtek.variants import generate_variants

SCENARIOS = load_scenarios().scenarios


def test_the_library_has_at_least_sixty_cases() -> None:
    assert len(SCENARIOS) >= MIN_SCENARIOS, len(SCENARIOS)


def test_every_registered_rule_is_the_answer_in_at_least_two_cases() -> None:
    counts = rule_scenario_counts(SCENARIOS)
    assert set(counts) == {r.code for r in all_rules()}
    thin = {code: n for code, n in counts.items() if n < MIN_SCENARIOS_PER_RULE}
    assert thin == {}, f"aturan dengan kurang dari {MIN_SCENARIOS_PER_RULE} skenario: {thin}"


def test_a_rule_missing_from_the_cases_is_reported_with_zero() -> None:
    counts = rule_scenario_counts([s for s in SCENARIOS if "TR08" not in s.kunci.cacat])
    assert counts["TR08"] == 0  # so the check above fails when a rule's cases are removed


@pytest.fixture(scope="module")
def one_draw() -> list[list[str]]:
    """One draw (seed 0) of every template over the shipped clean claims: each variant's key."""
    return [v.scenario.kunci.cacat for base in clean_claims(SCENARIOS) for v in generate_variants(base, 0).variants]


def test_variant_templates_reach_at_least_twenty_five_rules(one_draw: list[list[str]]) -> None:
    reached = {code for key in one_draw for code in key}
    assert len(reached) >= MIN_TEMPLATE_RULES, sorted(reached)


def test_one_draw_already_gives_a_thousand_verified_variants(one_draw: list[list[str]]) -> None:
    # generate_variants keeps only variants whose key equals the verifier's findings and whose fix pays; every form
    # of every template (all_variants) gives more, counted by scripts/content_figures.py
    assert len(one_draw) >= MIN_DISTINCT_VARIANTS, len(one_draw)


def test_model_answers_count_as_clean_claims_only_when_the_verifier_finds_nothing() -> None:
    bases = clean_claims(SCENARIOS)
    only_clean = clean_claims(SCENARIOS, with_model_answers=False)
    assert len(only_clean) == sum(1 for s in SCENARIOS if not s.kunci.cacat)
    assert len(bases) > len(only_clean)
    assert not any(s.kunci.tidak_dapat_diperbaiki for s in bases)
