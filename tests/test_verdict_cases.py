"""Verdict cases written from the facts sheet (tests/verdicts/*.yaml), as an independent BPJS verifier would judge
them: each names the fact it comes from (`fakta`), the expected status and exactly the rules that fire, and
optionally the amount paid. They are data, not rule code: when the engine disagrees, the engine is fixed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from bimtek.claim import Claim, patch_claim
from bimtek.verification import verify

HERE = Path(__file__).resolve().parent
CASES = sorted((HERE / "verdicts").glob("*.yaml"))
KEYS = {"id", "fakta", "base", "patch", "status", "aturan", "dibayar"}
STATUSES = {"layak", "peringatan", "dikembalikan", "ditolak"}


def _base(name: str) -> Claim:
    return Claim.model_validate(yaml.safe_load((HERE / "rules" / name).read_text(encoding="utf-8")))


def _cases() -> list[Any]:
    out = []
    for path in CASES:
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            out.append(pytest.param(case, id=f"{path.stem}-{case.get('id')}"))
    return out


def test_there_are_at_least_forty_cases_with_unique_ids() -> None:
    ids = [p.values[0]["id"] for p in _cases()]
    assert len(ids) >= 40
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("case", _cases())
def test_verdict_case(case: dict[str, Any]) -> None:
    assert set(case) <= KEYS, set(case) - KEYS
    assert case["status"] in STATUSES and str(case["fakta"]).strip()
    claim = patch_claim(_base(case.get("base", "base_claim.yaml")), case.get("patch") or {})
    verdict = verify(claim)
    shown = [f"{f.rule} {f.field}: {f.message}" for f in verdict.findings]
    assert (verdict.status, verdict.rule_codes()) == (case["status"], sorted(case["aturan"])), shown
    if "dibayar" in case:
        assert verdict.payable == case["dibayar"]
