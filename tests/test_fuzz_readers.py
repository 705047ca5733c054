"""Property-based fuzzing of every reader and the authoring parser (issue 10 point 12).

Whatever bytes arrive, each reader returns a result or raises the project's user-safe error (BimtekError), within
2 s. Profiles (tests/conftest.py): HYPOTHESIS_PROFILE=ci (default, a few minutes in CI) or long (README).
"""

from __future__ import annotations

import csv
import io
import json

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzzing import HOSTILE_VALUES, MAX_SECONDS, Seed, mutate, run, seeds

SEEDS = seeds()


def assert_handled(kind: str, name: str, data: bytes) -> None:
    outcome = run(kind, name, data)
    if outcome.error is not None:
        raise AssertionError(f"{kind} {name}: uncaught {type(outcome.error).__name__}") from outcome.error
    assert outcome.seconds <= MAX_SECONDS, f"{kind} {name}: {outcome.seconds:.2f} s ({len(data)} bytes)"


@pytest.mark.parametrize("seed", SEEDS, ids=[f"{s.kind}-{s.name}" for s in SEEDS])
@given(rng=st.randoms(use_true_random=False), rounds=st.integers(1, 3))
def test_mutations_of_valid_files_are_handled(seed: Seed, rng, rounds: int) -> None:
    assert_handled(seed.kind, seed.name, mutate(rng, seed, rounds))


# --- structure-aware generators ----------------------------------------------------------------------------------
hostile_text = st.one_of(st.sampled_from(HOSTILE_VALUES), st.text(max_size=40))
leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    hostile_text,
)
trees = st.recursive(
    leaves,
    lambda children: st.one_of(st.lists(children, max_size=5), st.dictionaries(hostile_text, children, max_size=5)),
    max_leaves=40,
)
CLAIM = yaml.safe_load(SEEDS[0].data)


@st.composite
def claims_with_hostile_values(draw: st.DrawFn) -> dict:
    """The example claim with a few values (at any depth) replaced by generated trees."""
    claim = json.loads(json.dumps(CLAIM, default=str))
    for _ in range(draw(st.integers(1, 4))):
        node = claim
        while True:
            key = draw(st.sampled_from(sorted(node))) if isinstance(node, dict) and node else None
            if key is None or not isinstance(node[key], dict) or draw(st.booleans()):
                break
            node = node[key]
        if key is not None:
            node[key] = draw(trees)
    return claim


@given(claim=claims_with_hostile_values(), fmt=st.sampled_from(["json", "yaml"]))
def test_claims_with_hostile_values_are_handled(claim: dict, fmt: str) -> None:
    if fmt == "json":
        data = json.dumps(claim, default=str).encode("utf-8", "surrogatepass")
    else:
        data = yaml.safe_dump(claim, allow_unicode=True).encode("utf-8", "surrogatepass")
    assert_handled("claims", f"klaim.{fmt}", data)


@given(tree=trees, depth=st.integers(0, 2000))
def test_arbitrary_json_trees_and_deep_nesting_are_handled(tree, depth: int) -> None:
    text = "[" * depth + json.dumps(tree, allow_nan=True) + "]" * depth
    assert_handled("claims", "klaim.json", text.encode("utf-8", "surrogatepass"))


@given(
    rows=st.lists(st.lists(hostile_text, max_size=60), max_size=30),
    kind=st.sampled_from(["claims", "payments", "figures"]),
    header=st.booleans(),
    fmt=st.sampled_from(["csv", "xlsx"]),
)
def test_generated_tables_are_handled(rows: list[list[str]], kind: str, header: bool, fmt: str) -> None:
    source = {"claims": SEEDS[2], "payments": SEEDS[5], "figures": SEEDS[7]}[kind]
    first = next(csv.reader(io.StringIO(source.data.decode("utf-8-sig"))))
    table = ([first] if header else []) + rows
    if fmt == "xlsx" and kind != "figures":
        from openpyxl import Workbook

        book = Workbook()
        out = io.BytesIO()
        try:
            for row in table:
                book.active.append([c.encode("utf-8", "replace").decode() for c in row])
            book.save(out)
        except Exception:  # noqa: BLE001 - openpyxl refuses control characters when writing: nothing to read
            return
        data = out.getvalue()
        name = source.name.replace(".csv", ".xlsx")
    else:
        text = io.StringIO()
        csv.writer(text).writerows(table)
        data = text.getvalue().encode("utf-8", "surrogatepass")
        name = source.name
    assert_handled(kind, name, data)


@given(text=st.one_of(st.text(max_size=400), st.sampled_from(HOSTILE_VALUES)), kind=st.sampled_from(["scenario", "module"]))  # fmt: skip
def test_the_authoring_parser_handles_any_text(text: str, kind: str) -> None:
    assert_handled(kind, "tempel.yaml", text.encode("utf-8", "surrogatepass"))
