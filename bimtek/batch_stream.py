"""Batch files of any length, chunk by chunk: `python -m bimtek verify FILE.csv --keluaran hasil.csv`.

The reader walks the file once (a CSV as a text stream, an XLSX through python-calamine), keeps the
limits per cell and per row (bimtek/limits.py: columns, characters, list items, digits; no limit on the row
count or the file size), and yields claims in chunks (io.RowReader: column by column). A row that cannot be read is not verified: it is counted
in `GroupedErrors`, one message per kind of problem with its first rows. The verifier (StreamVerifier) runs
verify_batch per chunk with a compact per-participant history carried across chunks; the writers write each
verdict as it comes (CSV, JSON Lines, XLSX in openpyxl's write-only mode), so memory does not grow with the rows
written.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import json
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from bimtek.claim import BerkasPengajuan, Claim, RiwayatKlaim
from bimtek.errors import InputError
from bimtek.fmt import rupiah
from bimtek.io import (
    CHUNK_ROWS,
    VERDICT_COLUMNS,
    Row,
    RowReader,
    _is_blank,
    _Problems,
    _read_header,
    _read_row,
    file_label,
    verdict_rows,
)
from bimtek.limits import MAX_CELL_CHARS, MAX_COLUMNS, MAX_XLSX_UNCOMPRESSED, number_text, size_text
from bimtek.spreadsheet import csv_text, neutralise, safe_cell
from bimtek.text_safety import clean_text, csv_error_text
from bimtek.verification import STATUS_LABELS, Verdict, batch_berkas, verify_batch

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
    """The cells of the sheet `klaim` (or the first), read by calamine (python-calamine, a Rust reader: 50,000 rows
    in seconds where openpyxl took a minute). Empty cells are ""; numbers come as float, dates as date."""
    from python_calamine import CalamineWorkbook

    invalid = f"{label}: bukan berkas Excel .xlsx yang valid"
    try:  # see io._xlsx_rows: every failure of a damaged part means the same to the user
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except Exception:  # noqa: BLE001
        raise InputError([invalid]) from None
    if unpacked > MAX_XLSX_UNCOMPRESSED:
        raise InputError([f"{label}: isi berkas Excel {size_text(unpacked)} setelah dibuka melebihi batas {size_text(MAX_XLSX_UNCOMPRESSED)}"])  # fmt: skip
    try:
        book = CalamineWorkbook.from_path(str(path))
        names = [s.lower() for s in book.sheet_names]
        sheet = book.get_sheet_by_index(names.index("klaim") if "klaim" in names else 0)
        first = sheet.start  # (row, column) of the first cell present, 0-based; None for an empty sheet
        rows = sheet.iter_rows()
    except BaseException as err:  # noqa: BLE001 - a Rust panic (pyo3's PanicException) is a BaseException
        if isinstance(err, KeyboardInterrupt | SystemExit):
            raise
        raise InputError([invalid]) from None
    if first is None:
        return
    number, pad = first[0], [""] * first[1]
    for cells in rows:
        number += 1
        yield number, [*pad, *(clean_text(c) if isinstance(c, str) else c for c in cells)]


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


def _data_rows(path: Path, label: str, problems: GroupedErrors) -> Iterator[tuple[int, dict[int, str], list[Any]]]:
    """(row number, header, cells) of each non-blank row within the limits, after the header.

    A wrong header, an unreadable file or a damaged workbook raises InputError before any row."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise InputError([f"{label}: pembacaan bertahap hanya untuk .csv atau .xlsx"])
    cells_of = _csv_cells if suffix == ".csv" else _xlsx_cells
    header: dict[int, str] | None = None
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
        if _within_limits(number, cells, problems):
            yield number, header, cells
    if header is None:
        raise InputError([f"{label}: berkas kosong"])


def stream_claims(path: Path, problems: GroupedErrors, chunk_rows: int = CHUNK_ROWS) -> Iterator[Chunk]:
    """Chunks of (row number, claim) from a CSV/XLSX batch; unreadable rows go to `problems` and are skipped.

    A wrong header, an unreadable file or a damaged workbook raises InputError before any chunk."""
    reader: RowReader | None = None
    rows: list[Row] = []
    for number, header, cells in _data_rows(path, problems.name, problems):
        reader = reader or RowReader(header, text_only=path.suffix.lower() == ".csv")
        rows.append((number, cells))
        if len(rows) >= chunk_rows:
            yield reader.read(rows, problems)
            rows = []
    if reader is not None and rows:
        yield reader.read(rows, problems)


def first_berkas(path: Path) -> BerkasPengajuan | None:
    """The first submission file a readable row of the batch carries, found by a second pass over the file that
    parses only the rows whose berkas_pengajuan cell is filled (none: a pass of plain cells)."""
    label = file_label(path.name)
    ignored = GroupedErrors(label)
    for number, header, cells in _data_rows(path, label, ignored):
        index = next((i for i, name in header.items() if name == "berkas_pengajuan"), None)
        if index is None:
            return None
        if index < len(cells) and not _is_blank([cells[index]]):
            claim = _read_row(number, header, cells, ignored)
            if claim is not None and claim.berkas_pengajuan is not None:
                return claim.berkas_pengajuan
    return None


_Earlier = tuple[str, dt.date, dt.date | None, int | None, str, Any]


class StreamVerifier:
    """verify_batch over a batch that arrives in chunks, giving the verdicts of one verify_batch over all of it.

    Each chunk goes through verify_batch itself (bimtek/verification.py), after what the earlier chunks add:
    each participant's earlier services as claim history (kept compactly as tuples, turned into RiwayatKlaim once,
    when the participant comes back), the Prolanis group activities, and the batch's submission file `default`
    (the first one any claim of the whole batch carries) for the billed claims that carry none.
    """

    def __init__(self, default: BerkasPengajuan | None) -> None:
        self.default = default
        self._seen: dict[str, list[RiwayatKlaim | _Earlier]] = {}
        self._activities: list[RiwayatKlaim] = []

    def verify(self, claims: Sequence[Claim]) -> list[Verdict]:
        prepared = [self._with_earlier_chunks(c) for c in claims]
        if prepared and self.default is not None and batch_berkas(prepared) is not self.default:
            if prepared[0].berkas_pengajuan is None:  # the chunk's own default becomes the batch's
                prepared[0] = prepared[0].model_copy(update={"berkas_pengajuan": self.default})
            else:
                update = {"berkas_pengajuan": self.default}
                prepared = [c if c.berkas_pengajuan is not None else c.model_copy(update=update) for c in prepared]
        verdicts = verify_batch(prepared)
        self._remember(claims)
        return verdicts

    def _with_earlier_chunks(self, claim: Claim) -> Claim:
        earlier = self._seen.get(claim.peserta.no_kartu)
        others = self._activities if claim.kegiatan_prolanis is not None else []
        if not earlier and not others:
            return claim
        if earlier:
            for i, e in enumerate(earlier):
                if isinstance(e, tuple):  # built once per earlier service, and only for a returning participant
                    earlier[i] = RiwayatKlaim(layanan=e[0], tgl_layanan=e[1], tgl_pulang=e[2], kunjungan_ke=e[3], no_klaim=e[4], rahang=e[5])  # fmt: skip
        history = [*claim.riwayat_klaim, *(earlier or []), *others]
        return claim.model_copy(update={"riwayat_klaim": history})

    def _remember(self, claims: Sequence[Claim]) -> None:
        for claim in claims:
            p = claim.pengajuan
            kegiatan = claim.kegiatan_prolanis
            if kegiatan is not None:
                self._activities.append(
                    RiwayatKlaim(
                        layanan=p.layanan,
                        tgl_layanan=kegiatan.tanggal,
                        no_klaim=p.no_klaim,
                        foto_sha256=[f.sha256 for f in kegiatan.foto],
                    )
                )
            earlier = (p.layanan, claim.kunjungan.tgl_daftar, claim.kunjungan.tgl_pulang, p.kunjungan_ke, p.no_klaim, p.rahang)  # fmt: skip
            self._seen.setdefault(claim.peserta.no_kartu, []).append(earlier)


def verify_stream(
    chunks: Iterable[Chunk], find_default: Callable[[], BerkasPengajuan | None] = lambda: None
) -> Iterator[tuple[list[Claim], list[Verdict]]]:
    """Verdicts chunk by chunk, as verify_batch over the whole batch would give them.

    The batch's submission file is the first one any claim carries: the first chunk's, or, when it has none,
    `find_default()` (first_berkas: a second pass over the file), so nothing is held back in memory."""
    verifier: StreamVerifier | None = None
    for chunk in chunks:
        claims = [c for _, c in chunk]
        if verifier is None:
            default = batch_berkas(claims)
            verifier = StreamVerifier(default if default is not None else find_default())
        yield claims, verifier.verify(claims)


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
            self._sheet.append([neutralise(f) for f in VERDICT_COLUMNS])
        else:
            encoding = "utf-8-sig" if self.suffix == ".csv" else "utf-8"
            self._file = self.path.open("w", encoding=encoding, newline="")
            if self.suffix == ".csv":
                self._csv = csv.writer(self._file, lineterminator="\r\n")
                self._csv.writerow([csv_text(f) for f in VERDICT_COLUMNS])

    def render(self, claims: Sequence[Claim], verdicts: Sequence[Verdict]) -> list[Any]:
        """The output records of some verdicts (CSV cells, XLSX cells, or JSON text whose `urutan` the writer
        sets): the costly part, which bimtek/batch_parallel.py runs in worker processes."""
        if self.suffix == ".jsonl":
            return [json.dumps(self.json_item(0, c, v), ensure_ascii=False) for c, v in zip(claims, verdicts, strict=True)]  # fmt: skip
        rows = verdict_rows(claims, verdicts, full_card=self.full_card)
        cell = csv_text if self.suffix == ".csv" else safe_cell
        return [[cell(row[f]) for f in VERDICT_COLUMNS] for row in rows]

    def write_records(self, records: Sequence[Any]) -> None:
        if self._book is None and self._file is None:
            self._open()
        if self.suffix == ".jsonl":
            assert self._file is not None
            for text in records:
                self.count += 1
                self._file.write(f'{{"urutan": {self.count}, {text[len(_FIRST_KEY) :]}\n')
        elif self._csv is not None:
            self._csv.writerows(records)
            self.count += len(records)
        else:
            for record in records:
                self._sheet.append(record)
            self.count += len(records)

    def write(self, claims: Sequence[Claim], verdicts: Sequence[Verdict]) -> None:
        self.write_records(self.render(claims, verdicts))

    def __exit__(self, kind: object, *exc: object) -> None:
        if kind is None and self._book is None and self._file is None:
            self._open()  # a batch of only unreadable rows: the output holds the header alone
        if self._book is not None:
            self._book.save(self.path)
        if self._file is not None:
            self._file.close()


_FIRST_KEY = '{"urutan": 0, '  # how json_item(0, ...) starts (cli._verdict_item's first key)


# --- per-facility summary --------------------------------------------------------------------------------------
@dataclass
class FacilityTotals:
    nama: str
    claims: int = 0
    statuses: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    claimed: int = 0
    payable: int = 0


ClaimTotals = tuple[str, str, str, int, int]  # kode FKTP, facility name, status, claimed, payable


def totals_of(claims: Sequence[Claim], verdicts: Sequence[Verdict]) -> list[ClaimTotals]:
    return [(c.fasilitas.kode, c.fasilitas.nama, v.status, v.claimed, v.payable) for c, v in zip(claims, verdicts, strict=True)]  # fmt: skip


class Ringkasan:
    """Per-facility (kode FKTP) counts and amounts, added to chunk by chunk."""

    def __init__(self) -> None:
        self.facilities: dict[str, FacilityTotals] = {}

    def add(self, claims: Sequence[Claim], verdicts: Sequence[Verdict]) -> None:
        self.add_totals(totals_of(claims, verdicts))

    def add_totals(self, items: Iterable[ClaimTotals]) -> None:
        for kode, nama, status, claimed, payable in items:
            totals = self.facilities.get(kode)
            if totals is None:
                totals = self.facilities[kode] = FacilityTotals(nama)
            totals.claims += 1
            totals.statuses[status] += 1
            totals.claimed += claimed
            totals.payable += payable

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
