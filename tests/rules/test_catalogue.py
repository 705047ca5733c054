"""The generated rule catalogue: what its rows carry, and docs/rules.md never drifting from the registry."""

from __future__ import annotations

from pathlib import Path

from bimtek.catalogue import REGENERATE_COMMAND, catalogue_markdown, catalogue_rows, parse_docstring
from bimtek.rules import FAMILIES, Rule, all_rules, get_rule

DOC = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def test_docs_rules_md_is_generated_from_the_registry() -> None:
    assert DOC.is_file(), f"docs/rules.md is missing; generate it with `{REGENERATE_COMMAND}`"
    on_disk = DOC.read_text(encoding="utf-8").rstrip("\n") + "\n"
    assert on_disk == catalogue_markdown(), f"docs/rules.md is out of date; regenerate with `{REGENERATE_COMMAND}`"


def test_one_row_per_rule_grouped_by_family() -> None:
    rows = catalogue_rows()
    assert sorted(r["code"] for r in rows) == sorted(r.code for r in all_rules())
    family_order = list(FAMILIES)
    positions = [family_order.index(r["family"]) for r in rows]
    assert positions == sorted(positions)


def test_row_carries_what_the_catalogue_page_shows() -> None:
    row = next(r for r in catalogue_rows() if r["code"] == "EV01")
    rule = get_rule("EV01")
    assert row["family_label"] == "Bukti klinis dan resume medis"
    assert row["severity_label"] == "Dikembalikan"
    assert (row["title"], row["regulation"], row["fix_hint"]) == (rule.title, rule.regulation, rule.fix_hint)
    assert row["uncertain"] is False
    assert "**" not in row["anti_pattern"] + row["best_practice"]


class _Example(Rule):
    """One summary line
    that wraps.

    **Anti-pattern**: kd_tkp 10 with
        layanan rawat_inap.
    **Best practice**: register TKP 20.
    """


def test_docstring_parts_are_split_and_unwrapped() -> None:
    doc = parse_docstring(_Example())
    assert doc.summary == "One summary line that wraps."
    assert doc.anti_pattern == "kd_tkp 10 with layanan rawat_inap."
    assert doc.best_practice == "register TKP 20."


def test_every_row_has_docstring_texts() -> None:
    for row in catalogue_rows():
        assert row["anti_pattern"] and row["best_practice"] and row["summary"], row["code"]


def test_markdown_has_a_section_per_family_and_rule() -> None:
    text = catalogue_markdown()
    for label in FAMILIES.values():
        assert f"\n## {label}\n" in text
    for rule in all_rules():
        assert f"\n### {rule.code} · {rule.title}" in text
    assert "Pola keliru" in text and "Praktik baik" in text
