"""Retry means a new case (issue 11): after a case's key was shown, "Coba lagi" serves a generated variant that
trains the same skill, instead of reopening the case whose answer the trainee has just read.

A variant is built by the variant generator (bimtek/variants.py) from a clean claim: a shipped scenario without
defects, or a defective one after its model fix when that fix leaves nothing to find. Its id names how to rebuild
it (`varian--<base id>--<defect>--<seed>`), so a link or a refresh opens the same variant, and attempts on it are
stored under that id: a variant is its own case.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from functools import lru_cache

from bimtek import variants as generator
from bimtek.claim import patch_claim
from bimtek.content import AnswerKey, Scenario, load_scenarios
from bimtek.rules import get_rule
from bimtek.variants import DEFECTS, Edit, _build, _check  # the generator's own building and checking
from bimtek.verification import verify

PREFIX = "varian"
SEP = "--"


def variant_id(base_id: str, defect: str, seed: int) -> str:
    return f"{PREFIX}{SEP}{base_id}{SEP}{defect}{SEP}{seed}"


def parse_variant_id(scenario_id: str) -> tuple[str, str, int] | None:
    parts = scenario_id.split(SEP)
    if len(parts) != 4 or parts[0] != PREFIX or not parts[3].isdigit():
        return None
    return parts[1], parts[2], int(parts[3])


def is_variant(scenario_id: str) -> bool:
    return parse_variant_id(scenario_id) is not None


def clean_base(scenario: Scenario) -> Scenario | None:
    """The scenario as a clean claim to build variants on: as it is when it has no defects, else after its model
    fix when the fix leaves the verifier nothing to find; None otherwise (e.g. an unfixable claim)."""
    if not scenario.kunci.cacat:
        return scenario if not verify(scenario.klaim).findings else None
    if scenario.kunci.tidak_dapat_diperbaiki:
        return None
    fixed = patch_claim(scenario.klaim, scenario.kunci.perbaikan)
    if verify(fixed).findings:
        return None
    key = AnswerKey(
        cacat=[],
        penjelasan="Klaim sudah benar.",
        harus=scenario.kunci.harus,
        diagnosa_didukung=scenario.kunci.diagnosa_didukung,
        fakta=scenario.kunci.fakta,
    )
    return scenario.model_copy(update={"klaim": fixed, "kunci": key})


@lru_cache(maxsize=1)
def _bases() -> dict[str, Scenario]:
    out = {}
    for scenario in load_scenarios().scenarios:
        base = clean_base(scenario)
        if base is not None and SEP not in scenario.id:
            out[scenario.id] = base
    return out


def _edit(base: Scenario, defect: str, seed: int) -> Edit | None:
    """The defect's edit of this claim for this seed: a maker returns one edit, several forms of it, or None."""
    made = DEFECTS[defect][1](base, random.Random(seed))
    forms = [] if made is None else made if isinstance(made, list) else [made]
    return random.Random(seed).choice(forms) if forms else None


@lru_cache(maxsize=512)
def build_variant(base_id: str, defect: str, seed: int) -> Scenario | None:
    """One checked variant, or None when the defect does not apply to that claim or does not trip exactly its key."""
    base = _bases().get(base_id)
    if base is None or defect not in DEFECTS or SEP in defect:
        return None
    label = DEFECTS[defect][0]
    edit = _edit(base, defect, seed)
    if edit is None:
        return None
    settle = getattr(generator, "_settle", None)  # an edit whose slip may trip related rules names them all
    if settle is not None:
        edit = settle(base, edit)
    scenario = _build(base, defect, label, edit)
    if _check(scenario, edit.codes) is not None:
        return None
    return scenario.model_copy(update={"id": variant_id(base_id, defect, seed), "judul": f"Varian: {scenario.judul}"})


def find_variant(scenario_id: str) -> Scenario | None:
    parsed = parse_variant_id(scenario_id)
    return build_variant(*parsed) if parsed else None


def _family(code: str) -> str:
    try:
        return get_rule(code).family
    except KeyError:
        return ""


def _tier(codes: Iterable[str], wanted: frozenset[str], families: frozenset[str]) -> int:
    """0: trips a rule of the case's key; 1: a rule of the same family; 2: anything else (3 on another kind of
    claim, when the generator has no template for the case's rules)."""
    codes = set(codes)
    if codes & wanted:
        return 0
    if {_family(c) for c in codes} & families:
        return 1
    return 2


def _origin(scenario: Scenario) -> str:
    parsed = parse_variant_id(scenario.id)
    return parsed[0] if parsed else scenario.id


def next_variant(scenario: Scenario, avoid: Iterable[str], seed: int) -> Scenario | None:
    """A variant of the same skill as `scenario`: one that trips a rule of its key (else one of the same rule
    family, else one of the same kind of claim, else any), built on another claim when one exists, never one in `avoid`
    (ids the learner has already worked). `seed` makes the choice reproducible and different per retry."""
    wanted = frozenset(scenario.kunci.cacat)
    families = frozenset(_family(c) for c in wanted)
    avoid = set(avoid) | {scenario.id}
    origin = _origin(scenario)
    rng = random.Random(seed)
    bases = list(_bases().values())
    rng.shuffle(bases)
    jenis = scenario.klaim.pengajuan.jenis_klaim
    # same kind of claim first, the case's own claim last (a new claim is a newer case than a new defect)
    bases.sort(key=lambda b: (b.klaim.pengajuan.jenis_klaim != jenis, b.id == origin))
    worked = {parsed[:2] for i in avoid if (parsed := parse_variant_id(i))}
    candidates: list[tuple[int, int, str, str]] = []
    for order, base in enumerate(bases):
        for defect in DEFECTS:
            if (base.id, defect) in worked or SEP in defect:
                continue
            probe = _edit(base, defect, seed)
            if probe is None:
                continue
            tier = _tier(probe.codes, wanted, families) if wanted else (0 if base.id == origin else 2)
            if tier == 2 and base.klaim.pengajuan.jenis_klaim != jenis:
                tier = 3
            candidates.append((tier, order, base.id, defect))
    for _, _, base_id, defect in sorted(candidates):
        variant = build_variant(base_id, defect, seed)
        if variant is not None and variant.id not in avoid:
            return variant
    return None


def variant_title(scenario_id: str) -> str | None:
    """A variant's title for a trainer's tables ("Varian: <claim> (<defect>)"), without building it; None for an id
    that names no variant."""
    parsed = parse_variant_id(scenario_id)
    base = _bases().get(parsed[0]) if parsed else None
    if parsed is None or base is None or parsed[1] not in DEFECTS:
        return None
    return f"Varian: {base.judul} ({DEFECTS[parsed[1]][0]})"


class Titles(dict[str, str]):
    """Scenario id -> title, where an id missing from the map and naming a variant reads as the variant's title."""

    def get(self, key: str, default: str | None = None) -> str | None:  # type: ignore[override]
        found = super().get(key)
        return found if found is not None else (variant_title(key) or default)


def same_skill(case: Scenario, variant: Scenario) -> bool:
    """Whether the variant trains a rule (or a rule family) of the case's key; for a clean case, its own claim."""
    wanted = frozenset(case.kunci.cacat)
    if not wanted:
        return _origin(variant) == _origin(case)
    return _tier(variant.kunci.cacat, wanted, frozenset(_family(c) for c in wanted)) < 2


def variant_scenarios(ids: Sequence[str]) -> list[Scenario]:
    """The variants named by these ids (attempts' scenario ids), each once; ids of no variant are skipped."""
    out = []
    for scenario_id in dict.fromkeys(ids):
        variant = find_variant(scenario_id)
        if variant is not None:
            out.append(variant)
    return out
