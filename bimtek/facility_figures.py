"""A facility's real monthly claim figures before and after the Bimtek: reading, validating, and the reduction.

docs/facility-figures.md documents the columns (a test holds the two together). The checklist target (returned
plus rejected claims down at least 25% within a month after training) is from seed 000, "Checklist Evaluasi
Pasca Bimtek". Rates are kept as exact fractions so that exactly 25% passes and 24.9% does not.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from fractions import Fraction
from typing import Any

from bimtek.errors import InputError
from bimtek.limits import MAX_CELL_CHARS, MAX_FIGURE_BYTES, MAX_FIGURE_COLUMNS, MAX_FIGURE_ROWS, MAX_NUMBER_DIGITS
from bimtek.spreadsheet import csv_bytes
from bimtek.text_safety import clean_text, csv_error_text, shown

TARGET_REDUCTION = Fraction(1, 4)  # seed 000: "Turun minimal 25% dalam 1 bulan pasca pelatihan"
SEBELUM = "sebelum"
SESUDAH = "sesudah"
PERIODS = {SEBELUM: "Sebelum pelatihan", SESUDAH: "Sesudah pelatihan"}
PERIOD_ALIASES = {"sebelum": SEBELUM, "sesudah": SESUDAH, "setelah": SESUDAH}
COUNT_COLUMNS = ("diajukan", "dikembalikan", "ditolak")
COLUMNS = ("bulan", "periode", *COUNT_COLUMNS)
COLUMN_HELP = {
    "bulan": "Bulan pelayanan, TTTT-BB (mis. 2026-03); 03/2026 atau tanggal 2026-03-01 juga diterima.",
    "periode": "'sebelum' atau 'sesudah' pelatihan.",
    "diajukan": "Jumlah klaim yang diajukan bulan itu (bilangan bulat, 0 atau lebih).",
    "dikembalikan": "Jumlah klaim bulan itu yang dikembalikan BPJS Kesehatan untuk dilengkapi.",
    "ditolak": "Jumlah klaim bulan itu yang ditolak.",
}
MAX_ROWS = MAX_FIGURE_ROWS  # ten years of months; more is a wrong file
MAX_BYTES = MAX_FIGURE_BYTES

_MONTH_PATTERNS = (
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})(?:-\d{1,2})?(?:[ T].*)?$"),  # 2026-03, 2026-03-01 (Excel date)
    re.compile(r"^(?P<m>\d{1,2})/(?P<y>\d{4})$"),  # 03/2026
)
_THOUSANDS = re.compile(r"^\d{1,3}([.,]\d{3})+$")  # 1.250 or 1,250: a count never has decimals


@dataclass(frozen=True)
class MonthFigures:
    """One month of a facility's claims: how many were submitted, returned and rejected."""

    bulan: str  # YYYY-MM
    periode: str  # sebelum | sesudah
    diajukan: int
    dikembalikan: int
    ditolak: int

    @property
    def bermasalah(self) -> int:
        return self.dikembalikan + self.ditolak

    @property
    def rate(self) -> Fraction | None:
        """Returned plus rejected as a share of submitted; None for a month with nothing submitted."""
        return Fraction(self.bermasalah, self.diajukan) if self.diajukan else None

    @property
    def first_day(self) -> dt.date:
        year, month = self.bulan.split("-")
        return dt.date(int(year), int(month), 1)


@dataclass(frozen=True)
class FigureSummary:
    """The reduction the checklist asks for: the first month after training against the months before it."""

    rows: tuple[MonthFigures, ...]
    before_bad: int
    before_total: int
    first_after: MonthFigures | None
    after_bad: int  # all months after training, for information
    after_total: int
    reduction: Fraction | None  # baseline (all months before) -> first month after; None when not computable
    reduction_all_after: Fraction | None
    problem: str | None  # why the reduction cannot be computed (Indonesian)

    @property
    def before_rate(self) -> Fraction | None:
        return Fraction(self.before_bad, self.before_total) if self.before_total else None

    @property
    def target_rate(self) -> Fraction | None:
        """The highest rate that still meets the target after training."""
        rate = self.before_rate
        return None if rate is None else rate * (1 - TARGET_REDUCTION)

    @property
    def passes(self) -> bool:
        return self.reduction is not None and self.reduction >= TARGET_REDUCTION


def rate_reduction(before_bad: int, before_total: int, after_bad: int, after_total: int) -> Fraction | None:
    """How much lower the after-rate is than the before-rate (1/4 = 25% lower); None when it cannot be computed."""
    if before_total <= 0 or after_total <= 0 or before_bad <= 0:
        return None
    return 1 - Fraction(after_bad, after_total) / Fraction(before_bad, before_total)


def percent(value: Fraction | None) -> str:
    """Fraction(1, 4) -> '25,0%' (Indonesian decimal comma)."""
    if value is None:
        return "-"
    return f"{float(value) * 100:.1f}%".replace(".", ",")


# --- reading rows (from the page's table or a CSV file) -----------------------------------------------------------


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or str(value).strip() == ""


def _read_month(value: Any) -> str:
    if isinstance(value, dt.date):
        return f"{value.year:04d}-{value.month:02d}"
    text = str(value).strip()
    for pattern in _MONTH_PATTERNS:
        found = pattern.match(text)
        if found and 1 <= int(found["m"]) <= 12 and 1990 <= int(found["y"]) <= 2100:
            return f"{int(found['y']):04d}-{int(found['m']):02d}"
    raise ValueError(f"'{shown(text)}' bukan bulan; tulis sebagai TTTT-BB, mis. '2026-03'")


def _read_count(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError(f"'{value}' bukan jumlah klaim")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"'{value}' bukan bilangan bulat")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise ValueError(f"'{value:g}' bukan bilangan bulat")
        number = int(value)
    else:
        text = str(value).strip().replace(" ", "")
        if len(text) > MAX_NUMBER_DIGITS:
            raise ValueError(
                f"'{shown(text)}' terlalu panjang untuk jumlah klaim (paling banyak {MAX_NUMBER_DIGITS} digit)"
            )
        if _THOUSANDS.match(text):
            text = text.replace(".", "").replace(",", "")
        elif re.fullmatch(r"-?\d+([.,]0+)?", text):
            text = re.split(r"[.,]", text)[0]
        if not re.fullmatch(r"-?\d+", text):
            raise ValueError(f"'{shown(value)}' bukan bilangan bulat")
        number = int(text)
    if number < 0:
        raise ValueError(f"'{number}' tidak boleh negatif")
    return number


def _read_period(value: Any) -> str:
    text = str(value).strip().lower()
    if text not in PERIOD_ALIASES:
        raise ValueError(f"'{shown(value)}' bukan periode; isi 'sebelum' atau 'sesudah' (pelatihan)")
    return PERIOD_ALIASES[text]


def _read_row(label: str, row: Mapping[str, Any], problems: list[str]) -> MonthFigures | None:
    values: dict[str, Any] = {}
    readers = {"bulan": _read_month, "periode": _read_period} | dict.fromkeys(COUNT_COLUMNS, _read_count)
    for column, reader in readers.items():
        cell = row.get(column)
        if _is_empty(cell):
            problems.append(f"{label}, kolom '{column}': kosong; kolom ini wajib diisi.")
            continue
        try:
            values[column] = reader(cell)
        except ValueError as err:
            problems.append(f"{label}, kolom '{column}': {err}.")
    if len(values) < len(readers):
        return None
    figures = MonthFigures(**values)
    if figures.bermasalah > figures.diajukan:
        problems.append(
            f"{label}: dikembalikan + ditolak ({figures.bermasalah}) lebih besar dari diajukan ({figures.diajukan})."
        )
        return None
    return figures


def validate_rows(rows: Sequence[Mapping[str, Any]], first_row: int = 1) -> list[MonthFigures]:
    """Rows as dicts (column -> value) -> months in calendar order; InputError lists every problem, row by row.

    `first_row` is the number shown for the first row (2 for a CSV whose row 1 is the header). Rows whose every
    cell is empty are skipped (a table editor leaves them behind).
    """
    problems: list[str] = []
    if len(rows) > MAX_ROWS:
        raise InputError([f"Terlalu banyak baris ({len(rows)}); paling banyak {MAX_ROWS} bulan."])
    months: list[MonthFigures] = []
    seen: dict[str, str] = {}
    for number, row in enumerate(rows, start=first_row):
        if all(_is_empty(row.get(column)) for column in COLUMNS):
            continue
        label = f"Baris {number}"
        figures = _read_row(label, row, problems)
        if figures is None:
            continue
        if figures.bulan in seen:
            problems.append(f"{label}, kolom 'bulan': '{figures.bulan}' sudah ada di {seen[figures.bulan]}.")
            continue
        seen[figures.bulan] = label.lower()
        months.append(figures)
    months.sort(key=lambda m: m.bulan)
    after = [m.bulan for m in months if m.periode == SESUDAH]
    late_before = [m.bulan for m in months if m.periode == SEBELUM and after and m.bulan > after[0]]
    if late_before:
        problems.append(
            f"Bulan {', '.join(late_before)} ditandai 'sebelum' tetapi jatuh sesudah bulan '{after[0]}' yang "
            "ditandai 'sesudah'; semua bulan sebelum pelatihan harus mendahului bulan sesudahnya."
        )
    if problems:
        raise InputError(problems)
    return months


def _csv_table(text: str, delimiter: str) -> list[list[str]]:
    """The CSV's rows; InputError at the first row beyond the row, column or cell limits (blank rows not counted)."""
    table: list[list[str]] = []
    filled = 0
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    for cells in reader:
        table.append(cells)
        if not any(cell.strip() for cell in cells):
            continue
        filled += 1
        if len(cells) > MAX_FIGURE_COLUMNS:
            raise InputError(
                [f"Baris {reader.line_num}: {len(cells)} kolom melebihi batas {MAX_FIGURE_COLUMNS} kolom."]
            )
        longest = max(len(cell) for cell in cells)
        if longest > MAX_CELL_CHARS:
            raise InputError(
                [f"Baris {reader.line_num}: sel berisi {longest} karakter, melebihi batas {MAX_CELL_CHARS}."]
            )
        if filled > MAX_ROWS + 1:
            raise InputError([f"Terlalu banyak baris (lebih dari {MAX_ROWS}); paling banyak {MAX_ROWS} bulan."])
    return table


def read_figures_csv(data: bytes) -> list[MonthFigures]:
    """A CSV file (docs/facility-figures.md) -> months; InputError names the row, column and value of each problem."""
    if len(data) > MAX_BYTES:
        raise InputError([f"Berkas terlalu besar ({len(data) // 1024} KiB); paling besar {MAX_BYTES // 1024} KiB."])
    if data.startswith(b"PK\x03\x04") or b"\x00" in data:
        raise InputError(["Berkas bukan teks CSV; simpan tabel sebagai 'CSV UTF-8' dari Excel."])
    for encoding in ("utf-8-sig", "cp1252"):  # Excel on Windows saves plain "CSV" as Windows-1252
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # cp1252 leaves five byte values undefined
        raise InputError(["Berkas bukan teks UTF-8 atau Windows-1252; simpan sebagai 'CSV UTF-8' dari Excel."])
    text = clean_text(text)
    first = next((line for line in text.splitlines() if line.strip()), "")
    if not first:
        raise InputError(["Berkas CSV kosong; baris pertama harus berisi nama kolom: " + ", ".join(COLUMNS) + "."])
    delimiter = max([",", ";", "\t"], key=first.count)  # id-ID Excel writes ';'
    try:
        table = _csv_table(text, delimiter)
    except csv.Error as err:
        raise InputError([f"Berkas tidak dapat dibaca: {csv_error_text(err)}."]) from None
    header = [cell.strip().lower().replace(" ", "_") for cell in table[0]]
    problems = [f"Baris 1: kolom '{shown(name)}' tidak dikenal." for name in header if name and name not in COLUMNS]
    problems += [f"Baris 1: kolom wajib '{name}' tidak ada." for name in COLUMNS if name not in header]
    if problems:
        raise InputError([*problems, "Kolom yang diharapkan: " + ", ".join(COLUMNS) + "."])
    rows = [dict(zip(header, cells, strict=False)) for cells in table[1:]]
    return validate_rows(rows, first_row=2)


# --- documents and the summary ------------------------------------------------------------------------------------


def figures_to_document(months: Sequence[MonthFigures]) -> dict[str, Any]:
    """The JSON-ready document saved as kind 'angka_fasilitas'."""
    return {"baris": [asdict(m) for m in months]}


def figures_from_document(document: Mapping[str, Any] | None) -> list[MonthFigures]:
    """The saved document back into months (InputError if it was edited by hand into something invalid)."""
    if not document:
        return []
    return validate_rows(list(document.get("baris", [])))


def figures_to_csv(months: Sequence[MonthFigures]) -> bytes:
    return csv_bytes(COLUMNS, [asdict(m) for m in months], bom=False)


def summarise_figures(months: Sequence[MonthFigures]) -> FigureSummary:
    """Baseline = every month before training pooled; the criterion compares it with the first month after."""
    ordered = tuple(sorted(months, key=lambda m: m.bulan))
    before = [m for m in ordered if m.periode == SEBELUM]
    after = [m for m in ordered if m.periode == SESUDAH]
    before_bad, before_total = sum(m.bermasalah for m in before), sum(m.diajukan for m in before)
    after_bad, after_total = sum(m.bermasalah for m in after), sum(m.diajukan for m in after)
    first_after = after[0] if after else None
    problem = None
    if not before:
        problem = "Belum ada bulan sebelum pelatihan sebagai pembanding."
    elif not after:
        problem = "Belum ada bulan sesudah pelatihan."
    elif before_total == 0:
        problem = "Bulan sebelum pelatihan tidak mencatat klaim yang diajukan."
    elif before_bad == 0:
        problem = "Sebelum pelatihan tidak ada klaim dikembalikan atau ditolak; tidak ada yang dapat diturunkan."
    elif first_after is not None and first_after.diajukan == 0:
        problem = f"Bulan {first_after.bulan} (bulan pertama sesudah pelatihan) tidak mencatat klaim yang diajukan."
    reduction = None
    if problem is None and first_after is not None:
        reduction = rate_reduction(before_bad, before_total, first_after.bermasalah, first_after.diajukan)
    return FigureSummary(
        rows=ordered,
        before_bad=before_bad,
        before_total=before_total,
        first_after=first_after,
        after_bad=after_bad,
        after_total=after_total,
        reduction=reduction,
        reduction_all_after=rate_reduction(before_bad, before_total, after_bad, after_total),
        problem=problem,
    )
