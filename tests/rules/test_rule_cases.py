"""Runs every rule on its YAML cases (tests/rules/cases/<CODE>.yml), one test per case: `pytest -k EV01`.

A case file names its rule (`rule: EV01`) and holds `test_pass_*` / `test_fail_*` cases. Each case builds a
claim from a base file (`base:`, default base_claim.yaml) and a `patch:` of dotted paths (bimtek.claim.patch_claim;
a path may replace a whole list), then lists the findings it expects from that one rule, in order:
`expect: [{field: ..., message_contains: "fragment" or [fragments], severity: (default: the rule's)}]` (empty
for a pass case).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from bimtek.claim import Claim, patch_claim
from bimtek.rules import all_rules, get_rule
from bimtek.verification import verify
from tests.rules.test_rule_contract import INTERNAL_REFERENCE

HERE = Path(__file__).resolve().parent
CASES_DIR = HERE / "cases"
DEFAULT_BASE = "base_claim.yaml"
CASE_KEYS = {"base", "patch", "expect", "note"}
BASE_FILES = sorted(p.name for p in HERE.glob("base*.yaml"))


@cache
def load_base(name: str) -> Claim:
    return Claim.model_validate(yaml.safe_load((HERE / name).read_text(encoding="utf-8")))


def collect_cases() -> list[Any]:
    params = []
    for path in sorted(CASES_DIR.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        code = data.pop("rule", None)
        for name, case in data.items():
            params.append(pytest.param(path.stem, code, name, case, id=f"{path.stem}_{name}"))
    return params


def build_claim(case: dict[str, Any]) -> Claim:
    return patch_claim(load_base(case.get("base", DEFAULT_BASE)), case.get("patch") or {})


def _fragments(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _shape_problems(file_code: str, code: str | None, name: str, case: Any) -> list[str]:
    if code != file_code:
        return [f"{file_code}.yml: 'rule: {code}' must equal the file name"]
    if not isinstance(case, dict):
        return [f"{name}: a case is a mapping with base/patch/expect"]
    problems = [f"{name}: unknown key '{k}' (expected {sorted(CASE_KEYS)})" for k in case if k not in CASE_KEYS]
    if not isinstance(case.get("expect"), list):
        problems.append(f"{name}: 'expect' must be a list (empty for a pass case)")
    elif name.startswith("test_pass_") and case["expect"]:
        problems.append(f"{name}: a test_pass_ case expects no findings")
    elif name.startswith("test_fail_") and not case["expect"]:
        problems.append(f"{name}: a test_fail_ case expects at least one finding")
    elif not name.startswith(("test_pass_", "test_fail_")):
        problems.append(f"{name}: case names start with test_pass_ or test_fail_")
    return problems


@pytest.mark.parametrize(("file_code", "code", "name", "case"), collect_cases())
def test_rule_case(file_code: str, code: str | None, name: str, case: Any) -> None:
    problems = _shape_problems(file_code, code, name, case)
    assert not problems, "\n".join(problems)
    rule = get_rule(file_code)
    findings = rule.check(build_claim(case))
    shown = "\n".join(f"  {f.field}: {f.message}" for f in findings) or "  (none)"
    expected = case["expect"]
    assert len(findings) == len(expected), f"{len(findings)} findings, expected {len(expected)}:\n{shown}"
    for finding, want in zip(findings, expected, strict=True):
        assert finding.rule == rule.code
        # A case may name another severity for a finding the rule grades differently (e.g. EX01 returns a
        # bencana_klb claim no declaration covers, and rejects one inside the declared period).
        assert finding.severity == want.get("severity", rule.severity), f"severity {finding.severity}:\n{shown}"
        assert finding.field == want["field"], f"field '{finding.field}', expected '{want['field']}':\n{shown}"
        assert not INTERNAL_REFERENCE.search(finding.message), f"internal reference shown to users: {finding.message}"
        for fragment in _fragments(want["message_contains"]):
            assert fragment in finding.message, f"'{fragment}' not in '{finding.message}'"


@pytest.mark.parametrize("base", BASE_FILES)
def test_base_claim_passes_every_rule(base: str) -> None:
    verdict = verify(load_base(base))
    assert verdict.status == "layak", [f"{f.rule} {f.field}: {f.message}" for f in verdict.findings]
    assert verdict.payable == verdict.claimed > 0


def test_every_case_file_names_a_registered_rule() -> None:
    codes = {rule.code for rule in all_rules()}
    orphans = sorted(path.name for path in CASES_DIR.glob("*.yml") if path.stem not in codes)
    assert not orphans, f"case files for rules that are not registered: {orphans}"
