"""The small, safe arithmetic language of numeric exercises (`rumus`): parameters, + - * / and a few date helpers."""

from __future__ import annotations

import ast
import datetime as dt
import operator
from collections.abc import Callable, Mapping
from typing import Any

from bimtek.deadlines import add_months, expiry_date, monthly_deadline

Value = int | float | dt.date


class FormulaError(ValueError):
    """A rumus that cannot be evaluated; str() is an Indonesian message for the module author."""


def _diff_days(a: dt.date, b: dt.date) -> int:
    return (a - b).days


def _round(x: float) -> int:
    return int(round(x))


FUNCTIONS: dict[str, Callable[..., Value]] = {
    "tenggat_bulanan": monthly_deadline,
    "kedaluwarsa": expiry_date,
    "tambah_hari": lambda day, n: day + dt.timedelta(days=int(n)),
    "tambah_bulan": lambda day, n: add_months(day, int(n)),
    "selisih_hari": _diff_days,
    "tanggal": lambda y, m, d: dt.date(int(y), int(m), int(d)),
    "min": min,
    "max": max,
    "bulat": _round,
}

_BINARY: dict[type[ast.operator], Callable[[Any, Any], Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
}


def evaluate(rumus: str, params: Mapping[str, Value]) -> Value:
    """The value of `rumus` with `params`; raises FormulaError naming what is wrong."""
    try:
        tree = ast.parse(rumus.strip(), mode="eval")
    except SyntaxError as err:
        raise FormulaError(f"'{rumus}' bukan rumus yang valid ({err.msg})") from None
    try:
        return _eval(tree.body, params)
    except FormulaError:
        raise
    except (TypeError, ValueError, ZeroDivisionError, OverflowError) as err:
        raise FormulaError(f"rumus '{rumus}' tidak dapat dihitung: {err}") from None


def _eval(node: ast.AST, params: Mapping[str, Value]) -> Any:
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float) and not isinstance(node.value, bool):
        return node.value
    if isinstance(node, ast.Name):
        if node.id not in params:
            known = ", ".join(params) or "(tidak ada)"
            raise FormulaError(f"nama '{node.id}' tidak dikenal; parameter: {known}")
        return params[node.id]
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        return _BINARY[type(node.op)](_eval(node.left, params), _eval(node.right, params))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -_eval(node.operand, params)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and not node.keywords:
        func = FUNCTIONS.get(node.func.id)
        if func is None:
            raise FormulaError(f"fungsi '{node.func.id}' tidak dikenal; fungsi: {', '.join(FUNCTIONS)}")
        return func(*(_eval(arg, params) for arg in node.args))
    raise FormulaError(f"'{ast.unparse(node)}' tidak didukung dalam rumus (hanya angka, parameter, + - * / dan fungsi)")
