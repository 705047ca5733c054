"""Claim files in, verdict tables out: YAML/JSON claims, CSV/XLSX batches (docs/batch-columns.md), CSV/XLSX exports."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

import yaml
from pydantic import ValidationError

from bimtek.batch_columns import BY_NAME, COLUMNS, ColumnProblem, cell_to_value, claim_to_row, column_for_location
from bimtek.claim import Claim
from bimtek.content import describe_validation_error
from bimtek.errors import InputError
from bimtek.fmt import rupiah
from bimtek.rules import get_rule
from bimtek.verification import Verdict, paused_gc

MAX_BYTES = 20 * 1024 * 1024  # 20 MiB: a facility's month is far smaller; larger files are split
MAX_ROWS = 50_000
MAX_PROBLEMS = 100  # messages shown; the rest are counted
STRUCTURED = (".yaml", ".yml", ".json")
TABULAR = (".csv", ".xlsx")
VERDICT_COLUMNS = (
    "no_klaim", "no_kartu", "nama_peserta", "layanan", "status", "jumlah_diajukan", "tarif_seharusnya",
    "jumlah_dibayar", "kode_temuan", "temuan",
)  # fmt: skip

__all__ = [
    "COLUMNS",
    "read_claims",
    "claims_to_rows",
    "verdict_rows",
    "finding_rows",
    "rows_to_csv",
    "rows_to_xlsx",
]


class _Problems:
    """Collects one Indonesian message per problem; raises them together as one InputError."""

    def __init__(self, name: str):
        self.name = name
        self.items: list[str] = []
        self.count = 0

    def add(self, where: str, message: str) -> None:
        self.count += 1
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(f"{self.name}: {where}: {message}" if where else f"{self.name}: {message}")

    def raise_if_any(self) -> None:
        if self.count:
            extra = self.count - len(self.items)
            raise InputError(self.items + ([f"{self.name}: ... dan {extra} masalah lain"] if extra else []))


def read_claims(name: str, data: bytes) -> list[Claim]:
    """Claims from an uploaded file: YAML/JSON (one claim, a list, or a scenario's `klaim`) or a CSV/XLSX batch.

    Raises InputError with one Indonesian message per problem (file, row or location, value, what was expected).
    """
    label = PurePath(name).name or "berkas"
    ext = PurePath(name).suffix.lower()
    problems = _Problems(label)
    if ext not in STRUCTURED + TABULAR:
        hint = " (simpan ulang dari Excel sebagai .xlsx)" if ext == ".xls" else ""
        shown = f"'{ext}'" if ext else "tanpa ekstensi"
        raise InputError([f"{label}: jenis berkas {shown} tidak didukung; gunakan .yaml, .yml, .json, .csv atau .xlsx{hint}"])  # fmt: skip
    if not data.strip():
        raise InputError([f"{label}: berkas kosong"])
    if len(data) > MAX_BYTES:
        raise InputError([f"{label}: ukuran {len(data) / 2**20:.1f} MiB melebihi batas {MAX_BYTES // 2**20} MiB; bagi menjadi beberapa berkas"])  # fmt: skip
    with paused_gc():
        if ext in STRUCTURED:
            claims = _read_structured(label, ext, data, problems)
        else:
            rows = _csv_rows(data, problems) if ext == ".csv" else _xlsx_rows(data, problems)
            claims = _read_rows(rows, problems)
    problems.raise_if_any()
    return claims


# --- YAML / JSON ----------------------------------------------------------------------------------------------
def _read_structured(label: str, ext: str, data: bytes, problems: _Problems) -> list[Claim]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        problems.add("", f"bukan teks UTF-8 (byte ke-{err.start + 1}); simpan ulang dengan encoding UTF-8")
        return []
    try:
        loaded = json.loads(text) if ext == ".json" else yaml.safe_load(text)
    except json.JSONDecodeError as err:
        problems.add(f"baris {err.lineno}, kolom {err.colno}", f"JSON tidak valid ({err.msg})")
        return []
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        problems.add(f"baris {mark.line + 1}" if mark else "", f"YAML tidak valid ({getattr(err, 'problem', err)})")
        return []
    prefix = ""
    if isinstance(loaded, dict) and "klaim" in loaded:  # a scenario file: check its submitted claim
        loaded, prefix = loaded["klaim"], "klaim."
    items = loaded if isinstance(loaded, list) else [loaded]
    if not items:
        problems.add("", "daftar klaim kosong")
    claims = []
    for i, item in enumerate(items):
        where = f"klaim ke-{i + 1}, " if isinstance(loaded, list) else ""
        if not isinstance(item, dict):
            problems.add(where.rstrip(", "), "harus berupa satu klaim (pemetaan kunci: nilai) atau daftar klaim")
            continue
        try:
            claims.append(Claim.model_validate(item))
        except ValidationError as err:
            for loc, message in describe_validation_error(err):
                problems.add(f"{where}{prefix}{loc}", message)
    return claims


# --- CSV / XLSX -----------------------------------------------------------------------------------------------
Row = tuple[int, list[Any]]  # (row number as a spreadsheet shows it, cells)


def _csv_rows(data: bytes, problems: _Problems) -> list[Row]:
    if data.startswith(b"PK\x03\x04"):
        problems.add("", "berisi berkas Excel, bukan teks CSV; ganti ekstensinya menjadi .xlsx")
        return []
    if b"\x00" in data:
        problems.add("", "bukan teks CSV (berisi data biner); simpan sebagai 'CSV UTF-8' dari Excel")
        return []
    for encoding in ("utf-8-sig", "cp1252"):  # Excel on Windows saves plain "CSV" as Windows-1252
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        problems.add("", "bukan teks UTF-8 atau Windows-1252; simpan sebagai 'CSV UTF-8' dari Excel")
        return []
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max([",", ";", "\t"], key=first.count)  # id-ID Excel writes ';'; the header has no list cells
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[Row] = []
    start = 1
    try:
        for cells in reader:
            rows.append((start, cells))
            start = reader.line_num + 1
            if len(rows) > MAX_ROWS + 1:
                break
    except csv.Error as err:
        problems.add(f"baris {reader.line_num}", f"CSV tidak valid ({err})")
    return rows


def _xlsx_rows(data: bytes, problems: _Problems) -> list[Row]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        problems.add("", "bukan berkas Excel .xlsx yang valid")
        return []
    try:
        names = [s.lower() for s in book.sheetnames]
        sheet = book.worksheets[names.index("klaim") if "klaim" in names else 0]
        rows: list[Row] = []
        for number, cells in enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1):
            rows.append((number, list(cells)))
            if len(rows) > MAX_ROWS + 1:
                break
        return rows
    finally:
        book.close()


def _is_blank(cells: Sequence[Any]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def _read_rows(rows: list[Row], problems: _Problems) -> list[Claim]:
    rows = [(n, cells) for n, cells in rows if not _is_blank(cells)]
    if not rows:
        if not problems.count:
            problems.add("", "berkas kosong")
        return []
    header_row, header_cells = rows[0]
    header = _read_header(header_row, header_cells, problems)
    if header is None:
        return []
    body = rows[1:]
    if not body:
        problems.add(f"baris {header_row}", "hanya ada judul kolom; tidak ada baris klaim")
    if len(body) > MAX_ROWS:
        problems.add("", f"lebih dari {MAX_ROWS:,} baris klaim; bagi menjadi beberapa berkas".replace(",", "."))
        return []
    claims = []
    for number, cells in body:
        claim = _read_row(number, header, cells, problems)
        if claim is not None:
            claims.append(claim)
    return claims


def _normalise(header: Any) -> str:
    return str(header or "").strip().lower().replace(" ", "_").replace("-", "_")


def _read_header(number: int, cells: list[Any], problems: _Problems) -> dict[int, str] | None:
    """Column index -> column name, or None (after reporting) when the header cannot be used."""
    import difflib

    known = {c.name for c in COLUMNS}
    header: dict[int, str] = {}
    before = problems.count
    for index, cell in enumerate(cells):
        name = _normalise(cell)
        if not name:
            continue  # trailing empty columns are common in spreadsheet exports
        if name in header.values():
            problems.add(f"baris {number}", f"kolom '{name}' muncul lebih dari sekali")
        elif name not in known:
            close = difflib.get_close_matches(name, known, n=1)
            hint = f"; maksud Anda '{close[0]}'?" if close else "; lihat docs/batch-columns.md"
            problems.add(f"baris {number}", f"kolom '{cell}' tidak dikenal{hint}")
        header[index] = name
    for column in COLUMNS:
        if column.required and column.name not in header.values():
            problems.add(f"baris {number}", f"kolom wajib '{column.name}' tidak ada")
    return header if problems.count == before else None


def _read_row(number: int, header: dict[int, str], cells: list[Any], problems: _Problems) -> Claim | None:
    before = problems.count
    raw: dict[str, Any] = {}
    unreadable: set[str] = set()
    data: dict[str, Any] = {}
    for index, cell in enumerate(cells):
        name = header.get(index)
        if name is None:
            if not _is_blank([cell]):
                problems.add(f"baris {number}", f"ada nilai '{cell}' di kolom tanpa judul (kolom ke-{index + 1})")
            continue
        raw[name] = cell
        try:
            value = cell_to_value(name, cell)
        except ColumnProblem as err:
            problems.add(f"baris {number}, kolom '{name}'", str(err))
            unreadable.add(name)
            continue
        if value is not None:
            _set_path(data, BY_NAME[name].path, value)
    try:
        claim = Claim.model_validate(data)
    except ValidationError as err:
        for loc, message in describe_validation_error(err):
            name = column_for_location(loc)
            if name in unreadable:
                continue  # already reported as an unreadable cell
            if name is None:
                problems.add(f"baris {number}, {loc}", message)
                continue
            shown = raw.get(name)
            if shown not in (None, "") and not message.startswith("'") and message != "wajib diisi":
                message = f"'{shown}' {message}"
            problems.add(f"baris {number}, kolom '{name}'", message)
        return None
    return claim if problems.count == before else None


def _set_path(data: dict[str, Any], path: str, value: Any) -> None:
    *parents, leaf = path.split(".")
    node = data
    for part in parents:
        node = node.setdefault(part, {})
    node[leaf] = value


# --- exports --------------------------------------------------------------------------------------------------
def claims_to_rows(claims: Sequence[Claim]) -> list[dict[str, Any]]:
    """Claims as batch rows (the columns of docs/batch-columns.md); rows_to_csv/rows_to_xlsx make the file."""
    return [claim_to_row(c) for c in claims]


def verdict_rows(claims: Sequence[Claim], verdicts: Sequence[Verdict]) -> list[dict[str, Any]]:
    """One flat row per claim for a table or an export (VERDICT_COLUMNS)."""
    rows = []
    for claim, verdict in zip(claims, verdicts, strict=True):
        rows.append(
            {
                "no_klaim": claim.pengajuan.no_klaim,
                "no_kartu": claim.peserta.no_kartu,
                "nama_peserta": claim.peserta.nama,
                "layanan": claim.pengajuan.layanan,
                "status": verdict.status_label,
                "jumlah_diajukan": verdict.claimed,
                "tarif_seharusnya": verdict.expected.amount if verdict.expected else None,
                "jumlah_dibayar": verdict.payable,
                "kode_temuan": "; ".join(verdict.rule_codes()),
                "temuan": " | ".join(f"{f.rule}: {f.message}" for f in verdict.findings),
            }
        )
    return rows


def finding_rows(claims: Sequence[Claim], verdicts: Sequence[Verdict]) -> list[dict[str, Any]]:
    """One row per finding, with the rule's regulation and fix hint (the export's second sheet)."""
    rows = []
    for claim, verdict in zip(claims, verdicts, strict=True):
        for f in verdict.findings:
            rule = get_rule(f.rule)
            rows.append(
                {
                    "no_klaim": claim.pengajuan.no_klaim,
                    "no_kartu": claim.peserta.no_kartu,
                    "nama_peserta": claim.peserta.nama,
                    "kode": f.rule,
                    "tingkat": f.severity.label,
                    "aturan": rule.title,
                    "bagian_klaim": f.field,
                    "temuan": f.message,
                    "regulasi": rule.regulation,
                    "perbaikan": rule.fix_hint,
                }
            )
    return rows


def _fieldnames(rows: Sequence[dict[str, Any]]) -> list[str]:
    return list(dict.fromkeys(key for row in rows for key in row)) if rows else list(VERDICT_COLUMNS)


def _safe_text(value: str) -> str:
    """Text a spreadsheet will not run as a formula (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") and not _is_number(value) else value


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, str):
        return _safe_text(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def rows_to_csv(rows: Sequence[dict[str, Any]]) -> bytes:
    """UTF-8 CSV with a byte-order mark, so Excel shows Indonesian text correctly."""
    out = io.StringIO(newline="")
    fields = _fieldnames(rows)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(fields)
    for row in rows:
        writer.writerow([_csv_cell(row.get(f)) for f in fields])
    return out.getvalue().encode("utf-8-sig")


def rows_to_xlsx(
    rows: Sequence[dict[str, Any]],
    findings: Sequence[dict[str, Any]] | None = None,
    *,
    sheet: str = "Hasil verifikasi",
) -> bytes:
    """An Excel workbook: `rows` on the first sheet, and `findings` (finding_rows) on a 'Temuan' sheet if given."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheets = [(book.active, sheet, rows)] + ([(book.create_sheet(), "Temuan", findings)] if findings is not None else [])  # fmt: skip
    for ws, title, table in sheets:
        ws.title = title
        fields = _fieldnames(table)
        ws.append(fields)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
        for row in table:
            ws.append([row.get(f) for f in fields])
        for column in ws.iter_cols(min_row=2):
            for cell in column:
                if isinstance(cell.value, str) and cell.value[:1] in ("=", "+", "-", "@"):
                    cell.data_type = "s"  # text, never a formula
                elif isinstance(cell.value, int) and fields[cell.column - 1].startswith(("jumlah", "tarif")):
                    cell.number_format = "#,##0"
        for index, name in enumerate(fields, start=1):
            width = max([len(name)] + [len(str(r.get(name) or "")) for r in table[:200]])
            ws.column_dimensions[ws.cell(1, index).column_letter].width = min(60, width + 2)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def summary_line(verdicts: Sequence[Verdict]) -> str:
    """'10 klaim: 6 layak dibayar, 2 dikembalikan, ...; diajukan Rp..., dibayar Rp...'."""
    counts = {status: 0 for status in ("layak", "peringatan", "dikembalikan", "ditolak")}
    labels = {}
    for v in verdicts:
        counts[v.status] += 1
        labels[v.status] = v.status_label
    parts = ", ".join(f"{n} {labels[status].lower()}" for status, n in counts.items() if n)
    claimed = sum(v.claimed for v in verdicts)
    paid = sum(v.payable for v in verdicts)
    return f"{len(verdicts)} klaim: {parts or 'tidak ada'}; diajukan {rupiah(claimed)}, dibayar {rupiah(paid)}"
