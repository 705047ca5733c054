"""`verify FILE --keluaran HASIL` on every core: the rows of a chunk are split by participant (no_kartu) between
worker processes, so each worker sees all of a participant's claims in file order and its StreamVerifier gives
the verdicts one verify_batch over the whole file would give (the claim history is per participant; a CSV/XLSX
batch carries no Prolanis group activity, the only history shared between participants).

The main process reads the cells (and checks the per-row limits), sends each worker its rows, and merges the
workers' output records, per-facility totals and row problems back into file order before writing them. A
worker reads, validates, verifies and renders; nothing but plain rows and rendered records crosses processes.
"""

from __future__ import annotations

import heapq
import os
import zlib
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from bimtek.batch_stream import (
    _ROW,
    ClaimTotals,
    GroupedErrors,
    StreamVerifier,
    VerdictWriter,
    _data_rows,
    totals_of,
)
from bimtek.claim import BerkasPengajuan, Claim
from bimtek.io import CHUNK_ROWS, Row, RowReader, _is_blank, _Problems, _read_row
from bimtek.rules.base import is_billed
from bimtek.verification import paused_gc

IN_FLIGHT = 2  # chunks sent ahead of the one being written


def workers_wanted() -> int:
    """Worker processes: one per core (BIMTEK_VERIFY_WORKERS to choose; 1 verifies in the main process)."""
    text = os.environ.get("BIMTEK_VERIFY_WORKERS", "").strip()
    if text.isdigit() and int(text) >= 1:
        return int(text)
    return os.cpu_count() or 1


@dataclass
class Part:
    """What a worker returns for its rows of one chunk, in its rows' order."""

    numbers: list[int] = field(default_factory=list)
    records: list[Any] = field(default_factory=list)
    totals: list[ClaimTotals] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)
    billed: Claim | None = None  # its first billed claim, once (for the submission file's findings)


class _Recorder(_Problems):
    def __init__(self) -> None:
        super().__init__("")
        self.added: list[tuple[str, str]] = []

    def add(self, where: str, message: str) -> None:
        self.count += 1
        self.added.append((where, message))


_worker: dict[str, Any] = {}


def _start(header: dict[int, str], text_only: bool, default: BerkasPengajuan | None, renderer: VerdictWriter) -> None:
    import gc

    gc.disable()  # claims hold no cycles (bimtek/bulk.py); a worker lives for one file
    _worker.update(reader=RowReader(header, text_only), verifier=StreamVerifier(default), renderer=renderer)


def _work(rows: list[Row]) -> Part:
    problems = _Recorder()
    chunk = _worker["reader"].read(rows, problems)
    claims = [c for _, c in chunk]
    verdicts = _worker["verifier"].verify(claims)
    part = Part([n for n, _ in chunk], _worker["renderer"].render(claims, verdicts), totals_of(claims, verdicts))
    part.problems = problems.added
    if not _worker.get("billed_sent"):
        part.billed = next((c for c in claims if is_billed(c)), None)
        _worker["billed_sent"] = part.billed is not None
    return part


def _owner(cells: list[Any], card: int | None, workers: int) -> int:
    """The worker of a row: by its no_kartu cell as the reader will read it (stripped text)."""
    if card is None or card >= len(cells):
        return 0
    return zlib.crc32(str(cells[card]).strip().encode("utf-8", "surrogatepass")) % workers


def _default_berkas(rows: list[Row], header: dict[int, str], path: Path) -> BerkasPengajuan | None:
    """The batch's submission file: the first one a readable row carries (first chunk, else a pass over the file)."""
    from bimtek.batch_stream import first_berkas

    index = next((i for i, name in header.items() if name == "berkas_pengajuan"), None)
    if index is None:
        return None
    for number, cells in rows:
        if index < len(cells) and not _is_blank([cells[index]]):
            claim = _read_row(number, header, cells, _Recorder())
            if claim is not None and claim.berkas_pengajuan is not None:
                return claim.berkas_pengajuan
    return first_berkas(path)


@dataclass
class Outcome:
    written: int = 0
    totals: list[ClaimTotals] = field(default_factory=list)
    billed: Claim | None = None
    berkas: BerkasPengajuan | None = None


def verify_file_parallel(
    path: Path,
    writer: VerdictWriter,
    problems: GroupedErrors,
    on_totals: Callable[[list[ClaimTotals]], None],
    workers: int,
) -> Outcome:
    """Reads, verifies and writes `path` with `workers` processes; returns what the summary needs."""
    outcome = Outcome()
    rows_iter = _data_rows(path, problems.name, problems)
    first: list[Row] = []
    header: dict[int, str] | None = None
    for number, head, cells in rows_iter:
        header = head
        first.append((number, cells))
        if len(first) >= CHUNK_ROWS:
            break
    if header is None:
        return outcome  # a header and no rows (or blank rows only)
    default = _default_berkas(first, header, path)
    outcome.berkas = default
    card = next((i for i, name in header.items() if name == "no_kartu"), None)
    renderer = VerdictWriter(Path("x" + writer.suffix), writer.full_card, writer.json_item)
    context = get_context("fork")
    pools = [
        ProcessPoolExecutor(
            1,
            mp_context=context,
            initializer=_start,
            initargs=(header, path.suffix.lower() == ".csv", default, renderer),
        )  # fmt: skip
        for _ in range(workers)
    ]
    pending: deque[list[Future[Part]]] = deque()

    def chunks() -> Iterator[list[Row]]:
        yield first
        rows: list[Row] = []
        for number, _, cells in rows_iter:
            rows.append((number, cells))
            if len(rows) >= CHUNK_ROWS:
                yield rows
                rows = []
        if rows:
            yield rows

    def finish(futures: list[Future[Part]]) -> None:
        parts = [f.result() for f in futures]
        merged = heapq.merge(
            *(zip(p.numbers, p.records, p.totals, strict=True) for p in parts), key=lambda item: item[0]
        )
        records, totals = [], []
        for _, record, total in merged:
            records.append(record)
            totals.append(total)
        writer.write_records(records)
        on_totals(totals)
        outcome.written += len(records)
        for where, message in sorted((p for part in parts for p in part.problems), key=_row_of):
            problems.add(where, message)
        if outcome.billed is None:
            outcome.billed = next((p.billed for p in parts if p.billed is not None), None)

    try:
        with paused_gc():
            for rows in chunks():
                split: list[list[Row]] = [[] for _ in range(workers)]
                for row in rows:
                    split[_owner(row[1], card, workers)].append(row)
                pending.append([pool.submit(_work, part) for pool, part in zip(pools, split, strict=True)])
                if len(pending) > IN_FLIGHT:
                    finish(pending.popleft())
            while pending:
                finish(pending.popleft())
    finally:
        for pool in pools:
            pool.shutdown(cancel_futures=True)
    return outcome


def _row_of(problem: tuple[str, str]) -> int:
    match = _ROW.match(problem[0])
    return int(match.group(1)) if match else 0
