"""Coverage figures of the shipped practice content (issue 11, point 8): scenarios per rule, the rules the variant
templates reach, and how many distinct verified variants the generator makes from the shipped clean claims."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from bimtek.claim import patch_claim
from bimtek.content import AnswerKey, Scenario
from bimtek.rules import all_rules
from bimtek.variants import all_variants
from bimtek.verification import verify

MIN_SCENARIOS = 60
MIN_SCENARIOS_PER_RULE = 2
MIN_TEMPLATE_RULES = 25
MIN_DISTINCT_VARIANTS = 1000


def rule_scenario_counts(scenarios: list[Scenario]) -> dict[str, int]:
    """Every registered rule with the number of scenarios whose key names it (0 included)."""
    counts = Counter(code for s in scenarios for code in set(s.kunci.cacat))
    return {rule.code: counts[rule.code] for rule in all_rules()}


def clean_claims(scenarios: list[Scenario], with_model_answers: bool = True) -> list[Scenario]:
    """The shipped clean claims: scenarios keyed clean and, optionally, each fixable scenario's model answer that the
    verifier finds nothing in (a clean claim of another shape, e.g. an ANC by a bidan, a KB injection)."""
    bases = [s for s in scenarios if not s.kunci.cacat]
    if with_model_answers:
        for s in scenarios:
            if not s.kunci.cacat or s.kunci.tidak_dapat_diperbaiki:
                continue
            fixed = patch_claim(s.klaim, s.kunci.perbaikan)
            if not verify(fixed).rule_codes():
                key = AnswerKey(cacat=[], penjelasan="Klaim sudah benar.", fakta=s.kunci.fakta)
                bases.append(s.model_copy(update={"id": f"{s.id}-benar", "klaim": fixed, "kunci": key}))
    return bases


@dataclass(frozen=True)
class VariantFigures:
    bases: int
    variants: int
    distinct: int
    dropped: int
    rules: frozenset[str]


def variant_figures(bases: list[Scenario]) -> VariantFigures:
    """Every form of every template over the bases; distinct = distinct defective claims."""
    seen: set[str] = set()
    rules: set[str] = set()
    made = dropped = 0
    for base in bases:
        result = all_variants(base)
        dropped += len(result.dropped)
        for v in result.variants:
            made += 1
            seen.add(v.scenario.klaim.model_dump_json())
            rules.update(v.scenario.kunci.cacat)
    return VariantFigures(len(bases), made, len(seen), dropped, frozenset(rules))
