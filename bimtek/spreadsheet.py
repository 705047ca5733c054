"""Every CSV/XLSX export goes through here: cells a spreadsheet will never run as a formula, and a streamed
workbook writer whose time and memory grow linearly with the rows (openpyxl's write-only mode).

`safe_cell` is the one place formulas are neutralised (CSV injection): text beginning with = + - @, a tab or a
carriage return, or their full-width forms, gets a leading apostrophe. Numbers stay numbers (a negative
amount is an int, never text), and text that is only a number ("-5") cannot be a formula and is left alone.
Control characters and lone surrogates (which openpyxl refuses) become U+FFFD.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from bimtek.text_safety import clean_text

FORMULA_STARTS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b")  # ＝ ＋ － ＠ and small forms
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(text: str) -> str:
    """Text that no spreadsheet runs as a formula."""
    text = clean_text(text)
    if text[:1] in FORMULA_STARTS and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def safe_cell(value: Any) -> Any:
    """A value ready for an XLSX cell: text neutralised, booleans as ya/tidak, numbers and dates unchanged."""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, str):
        return neutralise(value)
    if isinstance(value, dt.datetime | dt.date | int | float) or value is None:
        return value
    return neutralise(str(value))


def csv_text(value: Any) -> str:
    """A value as CSV text: safe_cell, then dates ISO, whole floats without '.0'."""
    value = safe_cell(value)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def fieldnames(rows: Sequence[dict[str, Any]], default: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(key for row in rows for key in row)) if rows else list(default)


def csv_bytes(fields: Sequence[str], rows: Sequence[dict[str, Any]], *, bom: bool = True) -> bytes:
    """UTF-8 CSV (with a byte-order mark by default, so Excel shows Indonesian text correctly)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([csv_text(f) for f in fields])
    for row in rows:
        writer.writerow([csv_text(row.get(f)) for f in fields])
    return out.getvalue().encode("utf-8-sig" if bom else "utf-8")


@dataclass
class Sheet:
    """One sheet of an export: its rows (dicts), and how cells look."""

    title: str
    rows: Sequence[dict[str, Any]]
    fields: list[str] = field(default_factory=list)  # default: every key of the rows, in order
    number_format: Callable[[str, Any], str | None] = lambda name, value: None
    highlight: Callable[[dict[str, Any]], bool] | None = None
    wrap: bool = False
    max_width: int = 60


def workbook_bytes(sheets: Sequence[Sheet], *, highlight_colour: str = "FFE699") -> bytes:
    """An .xlsx of `sheets`, streamed (write-only): bold frozen header, widths from the first 200 rows."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor=highlight_colour)
    wrap = Alignment(wrap_text=True, vertical="top")
    for sheet in sheets:
        ws = book.create_sheet(title=sheet.title)
        fields = sheet.fields or fieldnames(sheet.rows, ["no_klaim"])
        for index, name in enumerate(fields, start=1):
            sample = [str(r.get(name) or "") for r in sheet.rows[:200]]
            width = max([len(name)] + [max(map(len, s.split("\n"))) for s in sample])
            ws.column_dimensions[get_column_letter(index)].width = min(sheet.max_width, width + 2)
        ws.freeze_panes = "A2"
        header = []
        for name in fields:
            cell = WriteOnlyCell(ws, value=neutralise(name))
            cell.font = bold
            header.append(cell)
        ws.append(header)
        for row in sheet.rows:
            marked = sheet.highlight is not None and sheet.highlight(row)
            cells = []
            for name in fields:
                value = safe_cell(row.get(name))
                fmt = sheet.number_format(name, value)
                if not (fmt or marked or (sheet.wrap and isinstance(value, str))):
                    cells.append(value)  # a plain value: no cell object, far less memory
                    continue
                cell = WriteOnlyCell(ws, value=value)
                if fmt:
                    cell.number_format = fmt
                if marked:
                    cell.fill = fill
                if sheet.wrap and isinstance(value, str):
                    cell.alignment = wrap
                cells.append(cell)
            ws.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
