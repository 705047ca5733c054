"""The rule contract (DESIGN.md §3.2), checked on every registered rule: names, texts, docstring, cases, catalogue."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest
import yaml

from bimtek.catalogue import UNCERTAIN_LABEL, catalogue_markdown, catalogue_rows
from bimtek.rules import FAMILIES, Rule, Severity, all_rules

CASES_DIR = Path(__file__).resolve().parent / "cases"
RULES = all_rules()
TEXT_ATTRIBUTES = ("title", "regulation", "rationale", "fix_hint")


def _source_file(rule: Rule) -> Path:
    return Path(inspect.getfile(type(rule)))


def test_at_least_twenty_rules_are_registered() -> None:
    assert len(RULES) >= 20


def test_codes_are_unique() -> None:
    codes = [r.code for r in RULES]
    assert len(codes) == len(set(codes)), sorted(c for c in codes if codes.count(c) > 1)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_code_file_and_class_agree(rule: Rule) -> None:
    assert re.fullmatch(r"[A-Z]{2}\d{2}", rule.code), f"'{rule.code}' is not two letters + two digits"
    assert _source_file(rule).stem == rule.code == type(rule).__name__


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_lives_in_a_known_family_folder(rule: Rule) -> None:
    folder = _source_file(rule).parent.name
    assert folder in FAMILIES, f"{rule.code} is in '{folder}', not one of {list(FAMILIES)}"
    assert rule.family == folder


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_texts_are_filled(rule: Rule) -> None:
    for name in TEXT_ATTRIBUTES:
        value = getattr(rule, name, None)
        assert isinstance(value, str) and value.strip(), f"{rule.code}.{name} is empty"
    assert isinstance(rule.severity, Severity)
    assert isinstance(rule.uncertain, bool)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_docstring_shows_anti_pattern_and_best_practice(rule: Rule) -> None:
    doc = type(rule).__doc__ or ""
    assert "**Anti-pattern**" in doc, f"{rule.code}: docstring lacks **Anti-pattern**"
    assert "**Best practice**" in doc, f"{rule.code}: docstring lacks **Best practice**"
    module_doc = inspect.getmodule(type(rule)).__doc__ or ""  # type: ignore[union-attr]
    assert module_doc.startswith(f"{rule.code}: "), f"{rule.code}: module docstring must open with '{rule.code}: '"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_yaml_cases_have_a_pass_and_a_fail(rule: Rule) -> None:
    path = CASES_DIR / f"{rule.code}.yml"
    assert path.is_file(), f"{path} is missing: every rule is tested by YAML cases"
    names = list(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert any(n.startswith("test_pass_") for n in names), f"{path.name} has no test_pass_ case"
    assert any(n.startswith("test_fail_") for n in names), f"{path.name} has no test_fail_ case"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_uncertain_rules_say_so_where_users_see_them(rule: Rule) -> None:
    row = next(r for r in catalogue_rows() if r["code"] == rule.code)
    heading = next(line for line in catalogue_markdown().splitlines() if line.startswith(f"### {rule.code} "))
    assert row["uncertain"] is rule.uncertain
    assert (f"({UNCERTAIN_LABEL})" in heading) is rule.uncertain, heading
    cites_uncertain = re.search(r"uncertain|belum pasti", f"{rule.regulation} {rule.rationale}", re.IGNORECASE)
    if rule.uncertain:
        assert cites_uncertain, f"{rule.code} is uncertain but neither its regulation nor rationale says which part"
    elif cites_uncertain:
        pytest.fail(f"{rule.code} cites an uncertain fact but is not marked uncertain = True")
