"""The rule contract (DESIGN.md §3.2), checked on every registered rule: names, texts, docstring, cases, catalogue."""

from __future__ import annotations

import inspect
import re
from functools import cache
from pathlib import Path

import pytest
import yaml

from bimtek.catalogue import UNCERTAIN_LABEL, catalogue_markdown, catalogue_rows
from bimtek.claim import Claim
from bimtek.rules import FAMILIES, RETIRED_CODES, Dasar, Rule, Severity, all_rules
from bimtek.rules.base import claim_facts

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


# Users read these fields (catalogue page, docs/rules.md, verdicts); they cite real sources, never internal notes.
INTERNAL_REFERENCE = re.compile(
    r"facts|§|\bS\d{1,2}\b|\bseed\b|uncertain|DESIGN|\.ya?ml\b|\.py\b|\.md\b|\bidx\b", re.IGNORECASE
)
ARTICLE_TITLES = (
    "Bimtek Manajemen Klaim BPJS Kesehatan untuk Fasilitas Kesehatan Primer",
    "Pengakuan & Perhitungan Piutang Pasien BPJS di Puskesmas",
)
INSTRUMENT = re.compile(r"(Perpres|Permenkes|Peraturan BPJS Kesehatan|KMK) Nomor [\w./-]+( Tahun \d{4})?")
PRACTICE = "Belum ada aturan tertulis yang ditemukan; praktik umum verifikasi"
# Texts owned by the verifier-core branch (issue 8 points 1-3); they are rewritten there and merged by the
# coordinator. Remove this set once both branches are in main.
TEXTS_OWNED_ELSEWHERE = {"EV01", "KL01", "TR01", "TW03"}


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_every_rule_names_its_basis(rule: Rule) -> None:
    assert isinstance(getattr(type(rule), "dasar", None), Dasar), f"{rule.code} has no dasar"
    if rule.code in TEXTS_OWNED_ELSEWHERE:
        return
    if rule.dasar is Dasar.REGULASI:
        assert INSTRUMENT.search(rule.regulation), f"{rule.code}: no instrument with number and year cited"
    elif rule.dasar is Dasar.ARTIKEL:
        assert any(f'artikel "{t}"' in rule.regulation for t in ARTICLE_TITLES), rule.regulation
    else:
        assert PRACTICE in rule.regulation, f"{rule.code}: a practice rule says '{PRACTICE}'"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_only_a_written_basis_rejects(rule: Rule) -> None:
    if rule.severity is Severity.DITOLAK:
        assert rule.dasar in (Dasar.REGULASI, Dasar.ARTIKEL), f"{rule.code} rejects on {rule.dasar}"


@pytest.mark.parametrize("rule", [r for r in RULES if r.code not in TEXTS_OWNED_ELSEWHERE], ids=lambda r: r.code)
def test_user_facing_texts_have_no_internal_references(rule: Rule) -> None:
    for name in TEXT_ATTRIBUTES:
        hit = INTERNAL_REFERENCE.search(getattr(rule, name))
        assert hit is None, f"{rule.code}.{name} shows '{hit.group(0) if hit else ''}' to users"


def test_catalogue_shows_the_kind_of_basis() -> None:
    text = catalogue_markdown()
    assert "**Jenis dasar**: Praktik verifikasi (belum ada aturan tertulis yang ditemukan)" in text
    assert "**Jenis dasar**: Regulasi" in text
    intro = text.split("## Daftar aturan")[0]
    assert not re.search(r"uncertain|lembar fakta", intro), "the catalogue points users at internal notes"


def test_retired_codes_are_never_reused() -> None:
    assert "DK05" in RETIRED_CODES
    assert not {r.code for r in RULES} & set(RETIRED_CODES)
    assert not [c for c in RETIRED_CODES if (CASES_DIR / f"{c}.yml").exists()]


@pytest.mark.parametrize("rule", [r for r in RULES if r.applies_to is not None], ids=lambda r: r.code)
def test_a_rule_limited_to_some_service_lines_finds_nothing_on_another(rule: Rule) -> None:
    # verify_batch skips a rule on lines outside applies_to; its YAML fail cases must all lie inside them
    cases = yaml.safe_load((CASES_DIR / f"{rule.code}.yml").read_text(encoding="utf-8"))
    from tests.rules.test_rule_cases import build_claim

    for name, case in cases.items():
        if name.startswith("test_fail_"):
            claim = build_claim(case)
            assert claim.pengajuan.layanan in rule.applies_to, f"{name}: '{claim.pengajuan.layanan}'"  # type: ignore[operator]


@cache
def claims_of_every_kind() -> list[Claim]:
    """Every rule case's claim, every scenario's claim and a synthetic month with its batch history."""
    from bimtek.content import load_scenarios
    from bimtek.synthetic import generate_claims
    from bimtek.verification import with_batch_history
    from tests.rules.test_rule_cases import build_claim, collect_cases

    cases = [build_claim(p.values[3]) for p in collect_cases()]
    scenarios = [s.klaim for s in load_scenarios().scenarios]
    return cases + scenarios + with_batch_history(generate_claims(3000, 11))


@pytest.mark.parametrize("rule", [r for r in RULES if r.applies_to is not None or r.needs], ids=lambda r: r.code)
def test_a_rule_skipped_for_a_kind_of_claim_finds_nothing_on_it(rule: Rule) -> None:
    # verify_batch runs a rule only on the claims it runs_on (service line in applies_to, every Need of `needs`
    # holds); a wrong declaration would silently drop findings from every batch, so check() must agree
    skipped = 0
    for claim in claims_of_every_kind():
        if not rule.runs_on(claim.pengajuan.layanan, claim_facts(claim)):
            skipped += 1
            assert rule.check(claim) == [], claim.pengajuan.no_klaim
    assert skipped, "no claim of a kind the rule skips: the check above proved nothing"
