"""What a spaced review serves for one rule: a generated variant that trips it (bimtek/variants.py) or a shipped case.

A variant is made from a clean synthetic claim with the variant generator, so the review claim is one the learner
has never seen; the seed (learner, rule, day) keeps it stable while the learner works on it.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Sequence
from functools import lru_cache

from bimtek.claim import Claim
from bimtek.content import Scenario
from bimtek.errors import InputError
from bimtek.synthetic import generate_batch
from bimtek.variants import Variant, generate_variants
from bimtek.verification import verify

BASES_PER_TRY = 40  # clean claims a review looks through for one that the rule's defect applies to
POOLS = 4  # pools of clean claims tried before giving up on a variant


def _clean_bases(seed: int) -> list[Claim]:
    return [c.claim for c in generate_batch(BASES_PER_TRY, seed, defect_rate=0.0, faskes=4)]


@lru_cache(maxsize=1)
def variant_rules() -> frozenset[str]:
    """The rules the variant templates can trip on a month of clean claims (computed once per process)."""
    rules: set[str] = set()
    for claim in _clean_bases(1):
        try:
            rules.update(code for v in generate_variants(claim, seed=1).variants for code in v.scenario.kunci.cacat)
        except InputError:
            continue
    return frozenset(rules)


@lru_cache(maxsize=256)
def variant_for_rule(rule: str, seed: int) -> Variant | None:
    """A verified variant whose only defects include `rule`, from the clean claims of `seed`; None when no variant
    template trips the rule (the review then serves a case instead)."""
    if rule not in variant_rules():
        return None
    rng = random.Random(f"ulangan:{rule}:{seed}")
    for _ in range(POOLS):
        claims = _clean_bases(rng.randrange(1, 10**9))
        rng.shuffle(claims)
        for claim in claims:
            if verify(claim).rule_codes():
                continue
            try:
                found = generate_variants(claim, seed=rng.randrange(1, 10**6))
            except InputError:
                continue
            matching = [v for v in found.variants if rule in v.scenario.kunci.cacat]
            if matching:
                return rng.choice(matching)
    return None


def fresh_cases(rule: str, scenarios: Sequence[Scenario], attempted: Collection[str]) -> list[Scenario]:
    """Cases whose key names `rule`, the ones the learner never attempted first."""
    cases = [s for s in scenarios if rule in s.kunci.cacat]
    return sorted(cases, key=lambda s: (s.id in attempted, s.id))
