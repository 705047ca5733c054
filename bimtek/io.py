"""Claim files in, verdict tables out: YAML/JSON claims, CSV/XLSX batches (docs/batch-columns.md), CSV/XLSX exports."""

from __future__ import annotations

import contextlib
import csv
import io
import zipfile
from collections.abc import Iterable, Sequence
from itertools import repeat
from pathlib import PurePath
from typing import Any

import yaml
from pydantic import ValidationError

from bimtek import bounded_yaml, pcare_payload
from bimtek.batch_columns import BY_NAME, COLUMNS, ColumnProblem, cell_to_value, claim_to_row, column_for_location
from bimtek.bulk import long_lived_batch
from bimtek.claim import Claim
from bimtek.content import date_problems, describe_validation_error
from bimtek.errors import InputError
from bimtek.fmt import rupiah
from bimtek.limits import (
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_CONTENT_BYTES,
    MAX_DEPTH,
    MAX_ROWS,
    MAX_UPLOAD_BYTES,
    MAX_XLSX_UNCOMPRESSED,
    number_text,
    size_text,
)
from bimtek.privacy import mask_card, mask_cards_in_text
from bimtek.rules import get_rule
from bimtek.spreadsheet import Sheet, csv_bytes, fieldnames, workbook_bytes
from bimtek.text_safety import clean_text, clean_tree, csv_error_text, shown
from bimtek.verification import Verdict

MAX_BYTES = MAX_UPLOAD_BYTES  # the name tests and ledger.py use
MAX_PROBLEMS = 100  # messages shown; the rest are counted
MAX_SHEET_LINES = 4 * MAX_ROWS  # rows a reader walks, blank ones included
STRUCTURED = (".yaml", ".yml", ".json")
TABULAR = (".csv", ".xlsx")
VERDICT_COLUMNS = (
    "no_klaim", "no_kartu", "nama_peserta", "layanan", "status", "jumlah_diajukan", "tarif_seharusnya",
    "jumlah_dibayar", "kode_temuan", "temuan", "kode_faskes",
)  # fmt: skip
PERSONAL_COLUMNS = frozenset({"no_kartu", "nama_peserta"})  # never quoted in a message

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


def file_label(name: str) -> str:
    """The file's name as messages show it (no folders, no control characters, at most 80 characters)."""
    return shown(PurePath(clean_text(name)).name or "berkas")


def check_size(label: str, data: bytes, limit: int = MAX_BYTES) -> None:
    """InputError naming the size and the limit when `data` is larger than `limit`."""
    if len(data) > limit:
        raise InputError([f"{label}: ukuran {size_text(len(data))} melebihi batas {size_text(limit)}; bagi menjadi beberapa berkas"])  # fmt: skip


def read_claims(name: str, data: bytes) -> list[Claim]:
    """Claims from an uploaded file: YAML/JSON (one claim, a list, or a scenario's `klaim`) or a CSV/XLSX batch.

    Raises InputError with one Indonesian message per problem (file, row or location, value, what was expected).
    """
    label = file_label(name)
    ext = PurePath(name).suffix.lower()
    problems = _Problems(label)
    if ext not in STRUCTURED + TABULAR:
        hint = " (simpan ulang dari Excel sebagai .xlsx)" if ext == ".xls" else ""
        ext_shown = f"'{shown(ext, 12)}'" if ext else "tanpa ekstensi"
        raise InputError([f"{label}: jenis berkas {ext_shown} tidak didukung; gunakan .yaml, .yml, .json, .csv atau .xlsx{hint}"])  # fmt: skip
    check_size(label, data, MAX_CONTENT_BYTES if ext in (".yaml", ".yml") else MAX_BYTES)
    if not data.strip():
        raise InputError([f"{label}: berkas kosong"])
    with long_lived_batch():
        if ext in STRUCTURED:
            claims = _read_structured(ext, data, problems)
        else:
            rows = _csv_rows(data, problems) if ext == ".csv" else _xlsx_rows(data, problems)
            claims = _read_rows(rows, problems)
    problems.raise_if_any()
    return claims


# --- YAML / JSON ----------------------------------------------------------------------------------------------
def _parse_structured(ext: str, data: bytes, problems: _Problems) -> Any:
    """The parsed tree, or None after reporting why it cannot be read."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        problems.add("", f"bukan teks UTF-8 (byte ke-{err.start + 1}); simpan ulang dengan encoding UTF-8")
        return None
    try:
        loaded = bounded_yaml.load_json(text) if ext == ".json" else bounded_yaml.load(text)
    except bounded_yaml.JsonLimit as err:
        problems.add("", f"JSON tidak valid ({err})")
        return None
    except ValueError as err:  # json.JSONDecodeError
        line, column = getattr(err, "lineno", None), getattr(err, "colno", None)
        where = f"baris {line}, kolom {column}" if line else ""
        problems.add(where, f"JSON tidak valid ({getattr(err, 'msg', 'tidak dapat dibaca')})")
        return None
    except yaml.YAMLError as err:
        line, message = bounded_yaml.yaml_problem(err)
        problems.add(line or "", f"YAML tidak valid ({shown(message, 200)})")
        return None
    except RecursionError:
        problems.add("", f"bersarang terlalu dalam; batasnya {MAX_DEPTH} tingkat")
        return None
    if bounded_yaml.depth_exceeded(loaded):
        problems.add("", f"bersarang lebih dari {MAX_DEPTH} tingkat; batasnya {MAX_DEPTH}")
        return None
    return clean_tree(loaded)


def _read_structured(ext: str, data: bytes, problems: _Problems) -> list[Claim]:
    loaded = _parse_structured(ext, data, problems)
    if loaded is None:
        if not problems.count:
            problems.add("", "berkas kosong")
        return []
    if pcare_payload.is_payload(loaded):  # a P-Care kunjungan payload as SIMRS/SIMPUS bridging sends it
        return pcare_payload.read_payload(loaded, problems.add)
    prefix = ""
    if isinstance(loaded, dict) and "klaim" in loaded:  # a scenario file: check its submitted claim
        loaded, prefix = loaded["klaim"], "klaim."
    items = loaded if isinstance(loaded, list) else [loaded]
    if not items:
        problems.add("", "daftar klaim kosong")
    if len(items) > MAX_ROWS:
        problems.add("", f"{number_text(len(items))} klaim melebihi batas {number_text(MAX_ROWS)}; bagi menjadi beberapa berkas")  # fmt: skip
        return []
    claims = []
    for i, item in enumerate(items):
        where = f"klaim ke-{i + 1}, " if isinstance(loaded, list) else ""
        if not isinstance(item, dict):
            problems.add(where.rstrip(", "), "harus berupa satu klaim (pemetaan kunci: nilai) atau daftar klaim")
            continue
        try:
            claim = Claim.model_validate(item)
        except ValidationError as err:
            for loc, message in describe_validation_error(err):
                problems.add(f"{where}{prefix}{loc}", message)
            continue
        for loc, message in date_problems(claim):
            problems.add(f"{where}{prefix}{loc}", message)
        claims.append(claim)
    return claims


# --- CSV / XLSX -----------------------------------------------------------------------------------------------
Row = tuple[int, list[Any]]  # (row number as a spreadsheet shows it, cells)


def _collect(numbered: Iterable[tuple[int, Sequence[Any]]], problems: _Problems) -> list[Row]:
    """Non-blank rows within the limits, read lazily; stops at the first row beyond a limit (after reporting it).

    This is the cheap scan before the expensive work: columns per row, characters per cell, rows per file.
    """
    rows: list[Row] = []
    for number, cells in numbered:
        if number > MAX_SHEET_LINES:
            problems.add("", f"lebih dari {number_text(MAX_SHEET_LINES)} baris; batasnya {number_text(MAX_ROWS)} baris klaim")  # fmt: skip
            return []
        if not cells:
            continue  # a blank row (openpyxl fills gaps with empty tuples)
        cells = list(cells)
        while cells and (cells[-1] is None or cells[-1] == ""):
            cells.pop()  # trailing empty cells of spreadsheet exports
        if _is_blank(cells):
            continue
        if len(cells) > MAX_COLUMNS:
            problems.add(f"baris {number}", f"{number_text(len(cells))} kolom melebihi batas {MAX_COLUMNS} kolom")
            return []
        for index, cell in enumerate(cells, start=1):
            if isinstance(cell, str) and len(cell) > MAX_CELL_CHARS:
                problems.add(
                    f"baris {number}, kolom ke-{index}",
                    f"sel berisi {number_text(len(cell))} karakter, melebihi batas {number_text(MAX_CELL_CHARS)}",
                )
                return []
        rows.append((number, cells))
        if len(rows) > MAX_ROWS + 1:
            break  # _read_rows reports the row limit
    return rows


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
    text = "".join(clean_text(text[i : i + 2**18]) for i in range(0, len(text), 2**18))  # short lock holds
    end = text.find("\n", 0, MAX_COLUMNS * MAX_CELL_CHARS)
    first = text[: end if end >= 0 else MAX_COLUMNS * MAX_CELL_CHARS]
    delimiter = max([",", ";", "\t"], key=first.count)  # id-ID Excel writes ';'; the header has no list cells
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)

    def numbered() -> Iterable[tuple[int, list[str]]]:
        start = 1
        for cells in reader:
            yield start, cells
            start = reader.line_num + 1

    try:
        return _collect(numbered(), problems)
    except csv.Error as err:
        problems.add(f"baris {reader.line_num}", csv_error_text(err))
        return []


def _xlsx_rows(data: bytes, problems: _Problems) -> list[Row]:
    from openpyxl import load_workbook

    invalid = "bukan berkas Excel .xlsx yang valid"
    # zipfile and openpyxl raise whatever a damaged part produces (BadZipFile, NotImplementedError of an unknown
    # zip version, zlib.error, XML ParseError, KeyError of a missing part, ValueError/TypeError of a bad attribute,
    # even while iterating rows): each means the same thing to the user, so this one library boundary catches all.
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except Exception:  # noqa: BLE001 - see above
        problems.add("", invalid)
        return []
    if unpacked > MAX_XLSX_UNCOMPRESSED:
        problems.add("", f"isi berkas Excel {size_text(unpacked)} setelah dibuka melebihi batas {size_text(MAX_XLSX_UNCOMPRESSED)}")  # fmt: skip
        return []
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - see above
        problems.add("", invalid)
        return []
    try:
        names = [s.lower() for s in book.sheetnames]
        sheet = book.worksheets[names.index("klaim") if "klaim" in names else 0]
        if hasattr(sheet, "reset_dimensions"):
            sheet.reset_dimensions()  # the file's own <dimension> may claim a million rows; read what is there
        rows = enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1)
        return _collect(((n, [_xlsx_cell(c) for c in cells]) for n, cells in rows), problems)
    except Exception:  # noqa: BLE001 - see above
        problems.add("", f"{invalid} (bagian lembar kerja rusak)")
        return []
    finally:
        book.close()


def _xlsx_cell(value: Any) -> Any:
    return clean_text(value) if isinstance(value, str) else value


def _is_blank(cells: Sequence[Any]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def _read_rows(rows: list[Row], problems: _Problems) -> list[Claim]:
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
        problems.add("", f"lebih dari {number_text(MAX_ROWS)} baris klaim; bagi menjadi beberapa berkas")
        return []
    reader = RowReader(header, text_only=all(type(c) is str for _, cells in body for c in cells))
    return [claim for i in range(0, len(body), CHUNK_ROWS) for _, claim in reader.read(body[i : i + CHUNK_ROWS], problems)]  # fmt: skip


def _normalise(header: Any) -> str:
    return str(header or "").strip().lower().replace(" ", "_").replace("-", "_")


def read_header(
    number: int,
    cells: Sequence[Any],
    known: Sequence[str],
    required: Sequence[str],
    problems: _Problems,
    hint: str = "lihat daftar 'Kolom berkas batch'",
) -> dict[int, str]:
    """Column index -> column name in linear time (dict look-ups); unknown, repeated and missing columns reported."""
    import difflib

    known_set = frozenset(known)
    header: dict[int, str] = {}
    seen: set[str] = set()
    for index, cell in enumerate(cells):
        name = _normalise(cell)
        if not name:
            continue  # trailing empty columns are common in spreadsheet exports
        if name in seen:
            problems.add(f"baris {number}", f"kolom '{shown(name)}' muncul lebih dari sekali")
        elif name not in known_set:
            close = difflib.get_close_matches(name[:60], known, n=1)
            suggestion = f"maksud Anda '{close[0]}'?" if close else hint
            problems.add(f"baris {number}", f"kolom '{shown(cell)}' tidak dikenal; {suggestion}")
        seen.add(name)
        header[index] = name
    for column in required:
        if column not in seen:
            problems.add(f"baris {number}", f"kolom wajib '{column}' tidak ada")
    return header


def _read_header(number: int, cells: list[Any], problems: _Problems) -> dict[int, str] | None:
    """Column index -> column name, or None (after reporting) when the header cannot be used."""
    before = problems.count
    required = [c.name for c in COLUMNS if c.required]
    header = read_header(number, cells, [c.name for c in COLUMNS], required, problems)
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
                problems.add(f"baris {number}", f"ada nilai '{shown(cell)}' di kolom tanpa judul (kolom ke-{index + 1})")  # fmt: skip
            continue
        raw[name] = cell
        if cell is None or cell == "":
            continue  # an empty cell: not given (what cell_to_value says, without the call)
        try:
            value = cell_to_value(name, cell)
        except ColumnProblem as err:
            problems.add(f"baris {number}, kolom '{name}'", str(err))
            unreadable.add(name)
            continue
        if value is not None:
            _set_path(data, _PATHS[name], value)
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
            cell = raw.get(name)
            quoted = cell not in (None, "") and name not in PERSONAL_COLUMNS
            if quoted and not message.startswith("'") and message != "wajib diisi":
                message = f"'{shown(cell)}' {message}"
            problems.add(f"baris {number}, kolom '{name}'", message)
        return None
    return claim if problems.count == before else None


_PATHS = {c.name: tuple(c.path.split(".")) for c in COLUMNS}
CHUNK_ROWS = 5_000  # rows read, converted and validated together
_MISS = object()
_PLAIN_TEXT = frozenset({"teks", "kode", "kartu"})  # a text cell is its stripped text (cell_to_value)
_CACHE_ENTRIES = 20_000  # converted cells remembered per column (a batch repeats dates, codes, lists)


class RowReader:
    """The rows of one batch file into claims, a chunk at a time and column by column.

    Each column's cells are converted together (cell_to_value, remembered per distinct text: a batch repeats
    its facilities, dates, codes and document lists), the claim dicts are assembled column-wise, and each is
    validated by the claim model. A row with anything to report (a cell that cannot be read, a value in a column
    without a header, a claim the model refuses) is read again by _read_row, which reports it exactly as the
    row-by-row reader does; so the result is the same claims and the same messages, only faster.
    """

    def __init__(self, header: dict[int, str], text_only: bool = False):
        self.header = header
        self.text_only = text_only  # every cell a str (a CSV's); an XLSX also has numbers, dates and None
        self.width = max(header) + 1 if header else 0
        self._unnamed = [i for i in range(self.width) if i not in header]
        self._cache: dict[str, dict[str, Any]] = {name: {"": None} for name in header.values()}
        self._tree = _column_tree(header.values())

    def read(self, rows: Sequence[Row], problems: _Problems) -> list[tuple[int, Claim]]:
        """(row number, claim) of each readable row, in order; the others reported to `problems`."""
        if not rows:
            return []
        width = self.width
        again: set[int] = set()  # rows to read again one by one (they have something to report)
        table = []
        for i, (_, cells) in enumerate(rows):
            if len(cells) > width:
                if not _is_blank(cells[width:]):
                    again.add(i)
                cells = cells[:width]
            elif len(cells) < width:
                cells = [*cells, *([""] * (width - len(cells)))]  # an empty cell: not given
            table.append(cells)
        columns = list(zip(*table, strict=True))
        for index in self._unnamed:
            again.update(i for i, cell in enumerate(columns[index]) if not _is_blank([cell]))
        values = {name: self._convert(name, columns[index], again) for index, name in self.header.items()}
        out = []
        for i, ((number, cells), data) in enumerate(zip(rows, _claim_dicts(self._tree, values), strict=True)):
            claim: Claim | None = None
            if i not in again:
                with contextlib.suppress(ValidationError):
                    claim = Claim.model_validate(data)
            if claim is None:
                claim = _read_row(number, self.header, cells, problems)
            if claim is not None:
                out.append((number, claim))
        return out

    def _convert(self, name: str, cells: Sequence[Any], again: set[int]) -> list[Any]:
        """The column's values (None: not given); a row whose cell cannot be read is added to `again`."""
        cache = self._cache[name]
        if len(cache) > _CACHE_ENTRIES:
            cache.clear()
            cache[""] = None
        text = self.text_only
        out: list[Any]
        if BY_NAME[name].kind in _PLAIN_TEXT:
            if text:
                out = [c or None for c in map(str.strip, cells)]
            else:
                out = [(c.strip() or None) if type(c) is str else (None if c is None else _MISS) for c in cells]
        elif text:
            out = list(map(cache.get, cells, repeat(_MISS, len(cells))))
        else:
            get = cache.get
            out = [get(c, _MISS) if type(c) is str else (None if c is None else _MISS) for c in cells]
        if _MISS not in out:  # identity first: a C-level scan
            return out
        for i in [i for i, v in enumerate(out) if v is _MISS]:
            cell = cells[i]
            if type(cell) is str and cell in cache:  # met earlier in this chunk
                out[i] = cache[cell]
                continue
            try:
                value = cell_to_value(name, cell)
            except ColumnProblem:
                again.add(i)
                out[i] = None
                continue
            if type(cell) is str:
                cache[cell] = value  # shared between rows: the claim model copies what it keeps
            out[i] = value
        return out


ColumnTree = dict[str, "str | ColumnTree"]


def _column_tree(names: Iterable[str]) -> ColumnTree:
    """The claim's nesting of the given columns: key -> column name (a value) or a subtree (a nested model)."""
    root: ColumnTree = {}
    for name in names:
        *parents, leaf = _PATHS[name]
        node = root
        for part in parents:
            child = node.setdefault(part, {})
            assert isinstance(child, dict)
            node = child
        node[leaf] = name
    return root


def _claim_dicts(tree: ColumnTree, values: dict[str, list[Any]]) -> list[dict[str, Any]]:
    """One nested dict per row, built column-wise; a value None (not given) and an empty model are left out."""
    keys = list(tree)
    columns: list[list[Any]] = []
    for key in keys:
        child = tree[key]
        columns.append(values[child] if isinstance(child, str) else [d or None for d in _claim_dicts(child, values)])
    return [{k: v for k, v in zip(keys, row, strict=True) if v is not None} for row in zip(*columns, strict=True)]


def _set_path(data: dict[str, Any], path: str | tuple[str, ...], value: Any) -> None:
    *parents, leaf = path.split(".") if isinstance(path, str) else path
    node = data
    for part in parents:
        node = node.setdefault(part, {})
    node[leaf] = value


# --- exports --------------------------------------------------------------------------------------------------
def claims_to_rows(claims: Sequence[Claim], *, full_card: bool = False) -> list[dict[str, Any]]:
    """Claims as batch rows (the columns of docs/batch-columns.md); rows_to_csv/rows_to_xlsx make the file.

    The card number is masked unless `full_card` (the facility's own export, asked for explicitly)."""
    rows = [claim_to_row(c) for c in claims]
    if not full_card:
        for row in rows:
            row["no_kartu"] = mask_card(row.get("no_kartu"))
    return rows


def finding_text(message: str, full_card: bool = False) -> str:
    """A finding's message as outputs show it: a card number a rule quotes is masked unless `full_card`."""
    return message if full_card else mask_cards_in_text(message)


def _card(claim: Claim, full_card: bool) -> str:
    return claim.peserta.no_kartu if full_card else mask_card(claim.peserta.no_kartu)


def verdict_rows(claims: Sequence[Claim], verdicts: Sequence[Verdict], *, full_card: bool = False) -> list[dict[str, Any]]:  # fmt: skip
    """One flat row per claim for a table or an export (VERDICT_COLUMNS); card numbers masked unless `full_card`."""
    rows = []
    for claim, verdict in zip(claims, verdicts, strict=True):
        rows.append(
            {
                "no_klaim": claim.pengajuan.no_klaim,
                "no_kartu": _card(claim, full_card),
                "nama_peserta": claim.peserta.nama,
                "layanan": claim.pengajuan.layanan,
                "status": verdict.status_label,
                "jumlah_diajukan": verdict.claimed,
                "tarif_seharusnya": verdict.expected.amount if verdict.expected else None,
                "jumlah_dibayar": verdict.payable,
                "kode_temuan": "; ".join(verdict.rule_codes()),
                "temuan": " | ".join(f"{f.rule}: {finding_text(f.message, full_card)}" for f in verdict.findings),
                "kode_faskes": claim.fasilitas.kode,  # a batch may hold several facilities (issue 12)
            }
        )
    return rows


def finding_rows(claims: Sequence[Claim], verdicts: Sequence[Verdict], *, full_card: bool = False) -> list[dict[str, Any]]:  # fmt: skip
    """One row per finding, with the rule's regulation and fix hint (the export's second sheet)."""
    rows = []
    for claim, verdict in zip(claims, verdicts, strict=True):
        for f in verdict.findings:
            rule = get_rule(f.rule)
            rows.append(
                {
                    "no_klaim": claim.pengajuan.no_klaim,
                    "no_kartu": _card(claim, full_card),
                    "nama_peserta": claim.peserta.nama,
                    "kode": f.rule,
                    "tingkat": f.severity.label,
                    "aturan": rule.title,
                    "bagian_klaim": f.field,
                    "temuan": finding_text(f.message, full_card),
                    "regulasi": rule.regulation,
                    "perbaikan": rule.fix_hint,
                }
            )
    return rows


def rows_to_csv(rows: Sequence[dict[str, Any]]) -> bytes:
    """UTF-8 CSV with a byte-order mark, so Excel shows Indonesian text correctly; formulas neutralised."""
    return csv_bytes(fieldnames(rows, VERDICT_COLUMNS), rows)


def _amount_format(name: str, value: Any) -> str | None:
    money = isinstance(value, int) and not isinstance(value, bool) and name.startswith(("jumlah", "tarif"))
    return "#,##0" if money else None


def rows_to_xlsx(
    rows: Sequence[dict[str, Any]],
    findings: Sequence[dict[str, Any]] | None = None,
    *,
    sheet: str = "Hasil verifikasi",
) -> bytes:
    """An Excel workbook: `rows` on the first sheet, and `findings` (finding_rows) on a 'Temuan' sheet if given."""
    sheets = [Sheet(sheet, rows, fieldnames(rows, VERDICT_COLUMNS), _amount_format)]
    if findings is not None:
        sheets.append(Sheet("Temuan", findings, fieldnames(findings, VERDICT_COLUMNS), _amount_format))
    return workbook_bytes(sheets)


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
