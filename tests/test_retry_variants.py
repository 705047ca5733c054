"""Retry means a new case (issue 11): "Coba lagi" after the key serves a generated variant of the same skill."""

from __future__ import annotations

import pytest

from bimtek.content import load_scenarios
from bimtek.practice_variants import (
    Titles,
    find_variant,
    is_variant,
    next_variant,
    parse_variant_id,
    same_skill,
    variant_id,
)
from bimtek.variants import generate_variants
from bimtek.verification import verify

SCENARIOS = load_scenarios().scenarios
# the rules the variant generator has templates for, as its variants of the shipped clean claims show
TEMPLATED = {
    code
    for s in SCENARIOS
    if not s.kunci.cacat
    for v in generate_variants(s, seed=1).variants
    for code in v.scenario.kunci.cacat
}


@pytest.mark.parametrize("case", SCENARIOS, ids=lambda s: s.id)
def test_every_shipped_case_gets_a_new_verified_variant_of_the_same_skill(case):
    variant = next_variant(case, avoid=[], seed=1)
    assert variant is not None, case.id
    assert variant.id != case.id and is_variant(variant.id)
    assert verify(variant.klaim).rule_codes() == variant.kunci.cacat  # the verifier agrees with its key
    wanted = set(case.kunci.cacat)
    if wanted & TEMPLATED:  # a rule the generator has a template for: the variant trains one of the key's rules
        assert set(variant.kunci.cacat) & wanted, (case.id, variant.id)
        assert same_skill(case, variant)
    assert find_variant(variant.id) == variant  # a link or a refresh opens the same case


def test_retrying_again_serves_yet_another_case_not_one_already_worked():
    case = next(s for s in SCENARIOS if s.id == "dbd-ranap-tanpa-lab")
    worked = [case.id]
    current = case
    for seed in range(2, 6):
        nxt = next_variant(current, avoid=worked, seed=seed)
        assert nxt is not None and nxt.id not in worked
        assert same_skill(current, nxt)  # EV01 while claims for it last, then its family (clinical evidence)
        assert nxt.kunci.cacat[0].startswith("EV")
        worked.append(nxt.id)
        current = nxt
    bases = {parse_variant_id(i)[:2] for i in worked[1:]}  # type: ignore[index]
    assert len(bases) == len(worked) - 1  # never the same claim with the same defect twice


def test_a_variant_of_another_claim_comes_first():
    case = next(s for s in SCENARIOS if s.id == "anc-bidan-ditagih-tarif-dokter")
    variant = next_variant(case, avoid=[], seed=1)
    assert variant is not None and parse_variant_id(variant.id)[0] != case.id  # type: ignore[index]
    assert variant.kunci.cacat == ["TR02"]


@pytest.mark.parametrize(
    "bad",
    ["varian--tidak-ada--tanpa-lab--1", "varian--dbd-ranap-trombosit-90rb--tidak-ada--1", "varian--a--b", "dbd-1"],
)
def test_an_id_that_names_no_variant_opens_nothing(bad):
    assert find_variant(bad) is None


def test_a_defect_that_does_not_apply_to_the_claim_opens_nothing():
    # a kapitasi P-Care entry has no tariff amount to get wrong
    pcare = next(s for s in SCENARIOS if s.klaim.pengajuan.jenis_klaim == "kapitasi" and not s.kunci.cacat)
    assert find_variant(variant_id(pcare.id, "jumlah-salah", 1)) is None


def test_a_trainers_table_names_a_variant_by_its_claim_and_defect_not_its_id():
    case = next(s for s in SCENARIOS if s.id == "dbd-ranap-tanpa-lab")
    variant = next_variant(case, avoid=[], seed=1)
    assert variant is not None
    titles = Titles({case.id: case.judul})
    title = titles.get(variant.id, variant.id)
    assert title is not None and title.startswith("Varian: ") and "varian--" not in title
    assert titles.get(case.id) == case.judul and titles.get("tidak-ada", "x") == "x"
