"""Batch files of any length, chunk by chunk: `python -m bimtek verify FILE.csv --keluaran hasil.csv`.

The reader walks the file once (a CSV as a text stream, an XLSX through openpyxl's read-only rows), keeps the
limits per cell and per row (bimtek/limits.py: columns, characters, list items, digits; no limit on the row
count or the file size), and yields claims in chunks. A row that cannot be read is not verified: it is counted
in `GroupedErrors`, one message per kind of problem with its first rows. The verifier (BatchVerifier) keeps a
compact per-participant history across chunks; the writers write each verdict as it comes (CSV, JSON Lines,
XLSX in openpyxl's write-only mode), so memory does not grow with the rows written.
"""

from __future__ import annotations

import codecs
import csv
import json
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from bimtek.claim import BerkasPengajuan, Claim
from bimtek.errors import InputError
from bimtek.fmt import rupiah
from bimtek.io import VERDICT_COLUMNS, _is_blank, _Problems, _read_header, _read_row, file_label, verdict_rows
from bimtek.limits import MAX_CELL_CHARS, MAX_COLUMNS, MAX_XLSX_UNCOMPRESSED, number_text, size_text
from bimtek.spreadsheet import csv_text, neutralise, safe_cell
from bimtek.text_safety import clean_text, csv_error_text
from bimtek.verification import STATUS_LABELS, BatchVerifier, Verdict

CHUNK_ROWS = 5_000
FIRST_ROWS = 5  # rows quoted per kind of problem
STATUSES = ("layak", "peringatan", "dikembalikan", "ditolak")
OUTPUT_FORMATS = (".csv", ".jsonl", ".xlsx")
_QUOTED = re.compile(r"'[^']*'")
_ROW = re.compile(r"^baris (\d+)(?:, )?(.*)$")


# --- grouped errors --------------------------------------------------------------------------------------------
@dataclass
class ErrorGroup:
    example: str  # the first message of this kind, as it was reported
    rows: list[int] = field(default_factory=list)  # the first FIRST_ROWS rows
    count: int = 0


class GroupedErrors(_Problems):
    """Problems of a big file grouped by kind (column and message with the quoted values left out)."""

    def __init__(self, name: str):
        super().__init__(name)
        self.groups: dict[str, ErrorGroup] = {}
        self.bad_rows: set[int] = set()

    def add(self, where: str, message: str) -> None:
        self.count += 1
        match = _ROW.match(where)
        row, place = (int(match.group(1)), match.group(2)) if match else (0, where)
        kind = f"{place}: {_QUOTED.sub('…', message)}" if place else _QUOTED.sub("…", message)
        group = self.groups.setdefault(kind, ErrorGroup(f"{place}: {message}" if place else message))
        group.count += 1
        if row and len(group.rows) < FIRST_ROWS and row not in group.rows:
            group.rows.append(row)
        if row:
            self.bad_rows.add(row)

    def lines(self) -> list[str]:
        """One line per kind of problem, most frequent first: the first message, the count and the first rows."""
        out = []
        for group in sorted(self.groups.values(), key=lambda g: -g.count):
            rows = ", ".join(map(str, group.rows))
            first = "pertama " if group.count > len(group.rows) else ""
            where = f"; {first}baris {rows}" if rows else ""
            out.append(f"{self.name}: {group.example} ({number_text(group.count)} baris{where})")
        return out


# --- readers ---------------------------------------------------------------------------------------------------
Chunk = list[tuple[int, Claim]]


def _encoding(path: Path, label: str) -> str:
    """utf-8-sig, or cp1252 (Excel on Windows), checked over the whole file in blocks; InputError otherwise."""
    with path.open("rb") as f:
        head = f.read(4)
    if head.startswith(b"PK\x03\x04"):
        raise InputError([f"{label}: berisi berkas Excel, bukan teks CSV; ganti ekstensinya menjadi .xlsx"])
    for encoding in ("utf-8-sig", "cp1252"):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            with path.open("rb") as f:
                while block := f.read(2**22):
                    if b"\x00" in block:
                        raise InputError([f"{label}: bukan teks CSV (berisi data biner); simpan sebagai 'CSV UTF-8' dari Excel"])  # fmt: skip
                    decoder.decode(block)
                decoder.decode(b"", final=True)
            return encoding
        except UnicodeDecodeError:
            continue
    raise InputError([f"{label}: bukan teks UTF-8 atau Windows-1252; simpan sebagai 'CSV UTF-8' dari Excel"])


def _csv_cells(path: Path, label: str) -> Iterator[tuple[int, list[Any]]]:
    encoding = _encoding(path, label)
    with path.open("r", encoding=encoding, newline="") as text:
        first = text.readline(MAX_COLUMNS * MAX_CELL_CHARS)
    delimiter = max([",", ";", "\t"], key=first.count)  # id-ID Excel writes ';'; the header has no list cells
    with path.open("r", encoding=encoding, newline="") as text:
        reader = csv.reader((clean_text(line) for line in text), delimiter=delimiter)
        start = 1
        try:
            for cells in reader:
                yield start, cells
                start = reader.line_num + 1
        except csv.Error as err:
            raise InputError([f"{label}: baris {reader.line_num}: {csv_error_text(err)}"]) from None


def _xlsx_cells(path: Path, label: str) -> Iterator[tuple[int, list[Any]]]:
    from openpyxl import load_workbook

    invalid = f"{label}: bukan berkas Excel .xlsx yang valid"
    try:  # see io._xlsx_rows: every failure of a damaged part means the same to the user
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001
        raise InputError([invalid]) from None
    if unpacked > MAX_XLSX_UNCOMPRESSED:
        book.close()
        raise InputError([f"{label}: isi berkas Excel {size_text(unpacked)} setelah dibuka melebihi batas {size_text(MAX_XLSX_UNCOMPRESSED)}"])  # fmt: skip
    try:
        names = [s.lower() for s in book.sheetnames]
        sheet = book.worksheets[names.index("klaim") if "klaim" in names else 0]
        if hasattr(sheet, "reset_dimensions"):
            sheet.reset_dimensions()
        rows = sheet.iter_rows(min_row=1, values_only=True)
        number = 0
        while True:
            try:
                cells = next(rows)
            except StopIteration:
                return
            except Exception:  # noqa: BLE001
                raise InputError([f"{invalid} (bagian lembar kerja rusak)"]) from None
            number += 1
            yield number, [clean_text(c) if isinstance(c, str) else c for c in cells]
    finally:
        book.close()


def _within_limits(number: int, cells: list[Any], problems: GroupedErrors) -> bool:
    if len(cells) > MAX_COLUMNS:
        problems.add(f"baris {number}", f"{number_text(len(cells))} kolom melebihi batas {MAX_COLUMNS} kolom")
        return False
    for index, cell in enumerate(cells, start=1):
        if isinstance(cell, str) and len(cell) > MAX_CELL_CHARS:
            problems.add(
                f"baris {number}, kolom ke-{index}",
                f"sel berisi {number_text(len(cell))} karakter, melebihi batas {number_text(MAX_CELL_CHARS)}",
            )
            return False
    return True


def stream_claims(path: Path, problems: GroupedErrors, chunk_rows: int = CHUNK_ROWS) -> Iterator[Chunk]:
    """Chunks of (row number, claim) from a CSV/XLSX batch; unreadable rows go to `problems` and are skipped.

    A wrong header, an unreadable file or a damaged workbook raises InputError before any chunk."""
    label = problems.name
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise InputError([f"{label}: pembacaan bertahap hanya untuk .csv atau .xlsx"])
    cells_of = _csv_cells if suffix == ".csv" else _xlsx_cells
    header: dict[int, str] | None = None
    chunk: Chunk = []
    for number, raw in cells_of(path, label):
        cells = list(raw)
        while cells and (cells[-1] is None or cells[-1] == ""):
            cells.pop()
        if not cells or _is_blank(cells):
            continue
        if header is None:
            if len(cells) > MAX_COLUMNS:
                raise InputError([f"{label}: baris {number}: {number_text(len(cells))} kolom melebihi batas {MAX_COLUMNS} kolom"])  # fmt: skip
            strict = _Problems(label)
            header = _read_header(number, cells, strict)
            strict.raise_if_any()
            assert header is not None
            continue
        if not _within_limits(number, cells, problems):
            continue
        claim = _read_row(number, header, cells, problems)
        if claim is not None:
            chunk.append((number, claim))
        if len(chunk) >= chunk_rows:
            yield chunk
            chunk = []
    if header is None:
        raise InputError([f"{label}: berkas kosong"])
    if chunk:
        yield chunk


def verify_stream(chunks: Iterable[Chunk]) -> Iterator[tuple[list[Claim], list[Verdict]]]:
    """Verdicts chunk by chunk, as verify_batch over the whole batch would give them.

    The batch's submission file is the first one any claim carries; chunks are held back until it is seen (the
    first row usually carries it), so a claim before it is judged by it as in verify_batch."""
    verifier = BatchVerifier()
    default: BerkasPengajuan | None = None
    waiting: list[Chunk] = []
    for chunk in chunks:
        if default is None:
            default = next((c.berkas_pengajuan for _, c in chunk if c.berkas_pengajuan is not None), None)
            if default is None:
                waiting.append(chunk)
                continue
        for held in [*waiting, chunk]:
            claims = [c for _, c in held]
            yield claims, verifier.verify_chunk(claims, default)
        waiting = []
    for held in waiting:
        claims = [c for _, c in held]
        yield claims, verifier.verify_chunk(claims, None)


# --- writers ---------------------------------------------------------------------------------------------------
class VerdictWriter:
    """Writes verdict rows as they come; `.csv` (the page's export columns), `.jsonl` or `.xlsx` by extension."""

    def __init__(self, path: Path, full_card: bool, json_item: Callable[[int, Claim, Verdict], dict[str, Any]]):
        self.suffix = path.suffix.lower()
        if self.suffix not in OUTPUT_FORMATS:
            raise InputError([f"{file_label(str(path))}: format keluaran tidak dikenal; gunakan .csv, .jsonl atau .xlsx"])  # fmt: skip
        self.path, self.full_card, self.json_item = path, full_card, json_item
        self.count = 0
        self._file: IO[str] | None = None
        self._csv: Any = None
        self._book: Any = None
        self._sheet: Any = None
        self._fields: list[str] | None = None

    def __enter__(self) -> VerdictWriter:
        return self

    def _open(self) -> None:
        """Opens the output at the first verdict, so a file refused before any verdict leaves no output behind."""
        if self.suffix == ".xlsx":
            from openpyxl import Workbook

            self._book = Workbook(write_only=True)
            self._sheet = self._book.create_sheet(title="Hasil verifikasi")
        else:
            encoding = "utf-8-sig" if self.suffix == ".csv" else "utf-8"
            self._file = self.path.open("w", encoding=encoding, newline="")
            if self.suffix == ".csv":
                self._csv = csv.writer(self._file, lineterminator="\r\n")

    def write(self, claims: Sequence[Claim], verdicts: Sequence[Verdict]) -> None:
        if self._book is None and self._file is None:
            self._open()
        if self.suffix == ".jsonl":
            assert self._file is not None
            for claim, verdict in zip(claims, verdicts, strict=True):
                self.count += 1
                self._file.write(json.dumps(self.json_item(self.count, claim, verdict), ensure_ascii=False) + "\n")
            return
        rows = verdict_rows(claims, verdicts, full_card=self.full_card)
        if self._fields is None and rows:
            self._fields = list(rows[0])
            if self._csv is not None:
                self._csv.writerow([csv_text(f) for f in self._fields])
            else:
                self._sheet.append([neutralise(f) for f in self._fields])
        fields = self._fields or []
        for row in rows:
            self.count += 1
            if self._csv is not None:
                self._csv.writerow([csv_text(row.get(f)) for f in fields])
            else:
                self._sheet.append([safe_cell(row.get(f)) for f in fields])

    def __exit__(self, kind: object, *exc: object) -> None:
        if kind is None and self._book is None and self._file is None:
            self._open()  # a batch of only unreadable rows: the output holds the header alone
        if self._book is not None:
            if self._fields is None:
                self._sheet.append(list(VERDICT_COLUMNS))
            self._book.save(self.path)
        if self._file is not None:
            if self._csv is not None and self._fields is None:
                self._csv.writerow(VERDICT_COLUMNS)
            self._file.close()


# --- per-facility summary --------------------------------------------------------------------------------------
@dataclass
class FacilityTotals:
    nama: str
    claims: int = 0
    statuses: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    claimed: int = 0
    payable: int = 0


class Ringkasan:
    """Per-facility (kode FKTP) counts and amounts, added to chunk by chunk."""

    def __init__(self) -> None:
        self.facilities: dict[str, FacilityTotals] = {}

    def add(self, claims: Sequence[Claim], verdicts: Sequence[Verdict]) -> None:
        for claim, verdict in zip(claims, verdicts, strict=True):
            kode = claim.fasilitas.kode
            totals = self.facilities.get(kode)
            if totals is None:
                totals = self.facilities[kode] = FacilityTotals(claim.fasilitas.nama)
            totals.claims += 1
            totals.statuses[verdict.status] += 1
            totals.claimed += verdict.claimed
            totals.payable += verdict.payable

    def lines(self) -> list[str]:
        """A plain-text table, one line per facility (sorted by kode) and a total line."""
        heads = ["Kode FKTP", "Nama", "Klaim", *(STATUS_LABELS[s] for s in STATUSES), "Diajukan", "Dibayar"]
        body = []
        total = FacilityTotals("")
        for kode in sorted(self.facilities):
            t = self.facilities[kode]
            body.append([kode, t.nama, number_text(t.claims), *(number_text(t.statuses[s]) for s in STATUSES), rupiah(t.claimed), rupiah(t.payable)])  # fmt: skip
            total.claims += t.claims
            total.claimed += t.claimed
            total.payable += t.payable
            for s in STATUSES:
                total.statuses[s] += t.statuses[s]
        body.append(["Jumlah", f"{len(self.facilities)} fasilitas", number_text(total.claims), *(number_text(total.statuses[s]) for s in STATUSES), rupiah(total.claimed), rupiah(total.payable)])  # fmt: skip
        widths = [max(len(str(r[i])) for r in [heads, *body]) for i in range(len(heads))]

        def line(cells: Sequence[str]) -> str:
            return " | ".join(c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True)))  # fmt: skip

        rule = "-+-".join("-" * w for w in widths)
        return [line(heads), rule, *(line(r) for r in body[:-1]), rule, line(body[-1])]
