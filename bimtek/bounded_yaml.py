"""A YAML loader for text from outside (uploaded claims, trainers' scenarios and modules) with bounded cost.

While composing it counts nesting depth, alias uses and nodes, weighing each alias by the size of what it
copies, so a small file that would expand to gigabytes ("billion laughs") is refused before anything walks
it. Integers longer than MAX_NUMBER_DIGITS are refused (Python refuses to convert 4,300+ digits anyway), and
dates stay text: pydantic parses them and names an impossible one ('2026-02-30') with its location, where
PyYAML would raise a bare ValueError for the whole file. Every refusal is a yaml.MarkedYAMLError, so callers
report it like any YAML error, with its line.
"""

from __future__ import annotations

import json
import math
from typing import Any

import yaml
from yaml.error import MarkedYAMLError
from yaml.nodes import Node, ScalarNode

from bimtek.limits import MAX_DEPTH, MAX_NUMBER_DIGITS, MAX_YAML_ALIASES, MAX_YAML_NODES, number_text


class LimitExceeded(MarkedYAMLError):
    """A document beyond a limit; `problem` is the Indonesian message naming the value and the limit."""


class _BoundedConstructor(yaml.constructor.SafeConstructor):
    """SafeConstructor refusing integers beyond MAX_NUMBER_DIGITS and non-finite floats."""

    def construct_yaml_int(self, node: ScalarNode) -> int:  # type: ignore[override]
        digits = sum(c.isdigit() for c in str(node.value))
        if digits > MAX_NUMBER_DIGITS:
            raise LimitExceeded(
                problem=f"angka {digits} digit terlalu panjang; paling banyak {MAX_NUMBER_DIGITS} digit",
                problem_mark=node.start_mark,
            )
        try:
            return super().construct_yaml_int(node)
        except ValueError:
            raise LimitExceeded(problem="bukan bilangan bulat yang valid", problem_mark=node.start_mark) from None

    def construct_yaml_float(self, node: ScalarNode) -> float:  # type: ignore[override]
        value = super().construct_yaml_float(node)
        if not math.isfinite(value):
            raise LimitExceeded(problem=f"'{node.value}' bukan angka terhingga", problem_mark=node.start_mark)
        return value


_BoundedConstructor.add_constructor("tag:yaml.org,2002:int", _BoundedConstructor.construct_yaml_int)  # type: ignore[type-var]
_BoundedConstructor.add_constructor("tag:yaml.org,2002:float", _BoundedConstructor.construct_yaml_float)  # type: ignore[type-var]


class BoundedLoader(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.composer.Composer,
    _BoundedConstructor,
    yaml.resolver.Resolver,
):
    """The pure-Python loader (without libyaml) counting depth, aliases and nodes while composing."""

    def __init__(self, stream: Any) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        _BoundedConstructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)
        self._depth = 0
        self._nodes = 0
        self._aliases = 0
        self._weight: dict[int, int] = {}

    def _refuse(self, message: str) -> LimitExceeded:
        return LimitExceeded(problem=message, problem_mark=self.peek_event().start_mark)

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_YAML_ALIASES:
                raise self._refuse(f"lebih dari {MAX_YAML_ALIASES} pemakaian alias (*nama); batasnya {MAX_YAML_ALIASES}")  # fmt: skip
            node = super().compose_node(parent, index)
            self._count(self._weight.get(id(node), 1))
            return node
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise self._refuse(f"bersarang lebih dari {MAX_DEPTH} tingkat; batasnya {MAX_DEPTH}")
        start = self._nodes
        self._count(1)
        node = super().compose_node(parent, index)
        self._depth -= 1
        self._weight[id(node)] = self._nodes - start
        return node

    def _count(self, n: int) -> None:
        self._nodes += n
        if self._nodes > MAX_YAML_NODES:
            raise self._refuse(
                f"berisi lebih dari {number_text(MAX_YAML_NODES)} nilai (setelah alias diuraikan); "
                f"batasnya {number_text(MAX_YAML_NODES)}"
            )


BoundedLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


try:
    from yaml.cyaml import CParser  # type: ignore[attr-defined]

    _EVENTS: type = yaml.CSafeLoader
except ImportError:  # PyYAML built without libyaml: BoundedLoader counts while composing
    CParser = None  # type: ignore[misc,assignment]
    _EVENTS = yaml.SafeLoader


def check_events(text: str) -> None:
    """The limits of BoundedLoader checked on the parser's event stream (libyaml's C parser when installed, about
    ten times faster than PyYAML's own): depth, alias uses, and nodes with each alias weighed by what it copies."""
    stack: list[tuple[int, str | None]] = []  # open collections: (node count at their start, anchor)
    weights: dict[str, int] = {}
    nodes = aliases = 0
    for event in yaml.parse(text, Loader=_EVENTS):
        anchor = getattr(event, "anchor", None)
        if isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_YAML_ALIASES:
                raise LimitExceeded(problem=f"lebih dari {MAX_YAML_ALIASES} pemakaian alias (*nama); batasnya {MAX_YAML_ALIASES}", problem_mark=event.start_mark)  # fmt: skip
            nodes += weights.get(anchor or "", 1)
        elif isinstance(event, yaml.ScalarEvent):
            nodes += 1
            if anchor:
                weights[anchor] = 1
        elif isinstance(event, yaml.CollectionStartEvent):
            nodes += 1
            stack.append((nodes - 1, anchor))
            if len(stack) > MAX_DEPTH:
                raise LimitExceeded(problem=f"bersarang lebih dari {MAX_DEPTH} tingkat; batasnya {MAX_DEPTH}", problem_mark=event.start_mark)  # fmt: skip
        elif isinstance(event, yaml.CollectionEndEvent) and stack:
            start, opened = stack.pop()
            if opened:
                weights[opened] = nodes - start
        if nodes > MAX_YAML_NODES:
            raise LimitExceeded(
                problem=f"berisi lebih dari {number_text(MAX_YAML_NODES)} nilai (setelah alias diuraikan); "
                f"batasnya {number_text(MAX_YAML_NODES)}",
                problem_mark=event.start_mark,
            )


if CParser is not None:

    class _CBoundedLoader(CParser, _BoundedConstructor, yaml.resolver.Resolver):  # type: ignore[misc]
        """libyaml's parser with BoundedLoader's constructors and resolvers (after check_events passed)."""

        def __init__(self, stream: Any) -> None:
            CParser.__init__(self, stream)
            _BoundedConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)

    _CBoundedLoader.yaml_implicit_resolvers = BoundedLoader.yaml_implicit_resolvers


def load(text: str) -> Any:
    """One YAML document; raises yaml.YAMLError (LimitExceeded for a limit) for anything unreadable.

    With libyaml: the limits are checked on its event stream, then the document is built by its parser with the
    bounded constructors. Without it: BoundedLoader counts while composing."""
    if CParser is None:
        loader: Any = BoundedLoader(text)
    else:
        check_events(text)
        loader = _CBoundedLoader(text)
    try:
        return loader.get_single_data()  # what yaml.load does; SafeConstructor only
    finally:
        loader.dispose()


def yaml_problem(err: yaml.YAMLError) -> tuple[str | None, str]:
    """(line as 'baris N' or None, message) of a YAML error."""
    mark = getattr(err, "problem_mark", None)
    where = f"baris {mark.line + 1}" if mark is not None else None
    problem = getattr(err, "problem", None) or str(err)
    return where, str(problem)


class JsonLimit(ValueError):
    """A JSON number beyond MAX_NUMBER_DIGITS."""


def _json_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise JsonLimit(f"angka {len(text.lstrip('-'))} digit terlalu panjang; paling banyak {MAX_NUMBER_DIGITS} digit")  # fmt: skip
    return int(text)


def _json_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise JsonLimit(f"'{text[:40]}' bukan angka terhingga")
    return value


def _json_constant(text: str) -> Any:
    raise JsonLimit(f"'{text}' bukan angka JSON yang valid")


def load_json(text: str) -> Any:
    """json.loads with bounded integers and no NaN/Infinity; raises ValueError (JSONDecodeError, JsonLimit) or
    RecursionError for nesting deeper than the interpreter allows (check_depth bounds the rest)."""
    return json.loads(text, parse_int=_json_int, parse_float=_json_float, parse_constant=_json_constant)


def depth_exceeded(value: Any, limit: int = MAX_DEPTH) -> bool:
    """True when `value` nests mappings/lists deeper than `limit` (iterative: no recursion on hostile input)."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth >= limit:
                return True
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False
