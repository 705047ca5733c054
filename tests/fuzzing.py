"""Malformed inputs for every reader (issue 10 point 12), shared by tests/test_fuzz_readers.py (hypothesis) and
scripts/fuzz_readers.py (N inputs from a seeded random.Random).

An input is a mutation of a valid file (bytes flipped, cut, repeated; a value swapped for a hostile one: a huge or
non-finite number, an impossible date, a lone surrogate, control characters, deep nesting, a YAML alias bomb, a
formula, a very long cell, thousands of columns) fed to one reader. The only acceptable outcomes are a result or
the project's user-safe error (bimtek.errors.BimtekError), within MAX_SECONDS.
"""

from __future__ import annotations

import csv
import io
import json
import random
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MAX_SECONDS = 2.0

HOSTILE_VALUES: list[str] = [
    "9" * 5000,
    "-" + "9" * 4400,
    "1e309",
    "-1e309",
    "NaN",
    "Infinity",
    ".inf",
    "2026-02-30",
    "9999-12-31",
    "0000-00-00",
    '"\\ud800"',
    "\ud800",
    "\udfff\ud800",
    "\x00\x07\x1b\x7f\x85",
    "\u202e\u200b\ufeff",
    "[" * 3000 + "]" * 3000,
    "{a: " * 500 + "}" * 500,
    "&a [*a]",
    "*nowhere",
    "!!python/object/apply:os.system ['true']",
    '=HYPERLINK("http://x","y")',
    "＝1+1",
    "a=1" + " " * 6000 + "x",
    "x" * 70_000,
    ";" * 5000,
    "trombosit=1" + " " * 3000 + "@",
    "|" * 4000,
    ",".join(["k"] * 3000),
    'ya\r\n\r\n"',
    "'",
    '"',
    "",
    "null",
    "-1",
    "0",
    "true",
]
ALIAS_BOMB = (
    'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n'
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
)


@dataclass(frozen=True)
class Seed:
    kind: str  # which reader: claims | payments | figures | scenario | module
    name: str  # the file name given to the reader (its extension chooses the format)
    data: bytes


def _xlsx_from_csv(text: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    for row in csv.reader(io.StringIO(text)):
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@cache
def seeds() -> tuple[Seed, ...]:
    import yaml

    claim_yaml = (ROOT / "examples" / "contoh-klaim.yaml").read_bytes()
    batch = (ROOT / "examples" / "contoh-batch.csv").read_text(encoding="utf-8-sig")
    short_batch = "\n".join(batch.splitlines()[:4]) + "\n"
    payments = (ROOT / "examples" / "contoh-pembayaran.csv").read_text(encoding="utf-8")
    claim_json = json.dumps(yaml.safe_load(claim_yaml), default=str, ensure_ascii=False).encode()
    scenario = (ROOT / "scenarios" / "dbd-ranap-tanpa-lab.yaml").read_bytes()
    module = (ROOT / "modules" / "tarif.yaml").read_bytes()
    return (
        Seed("claims", "klaim.yaml", claim_yaml),
        Seed("claims", "klaim.json", claim_json),
        Seed("claims", "bulan.csv", short_batch.encode()),
        Seed("claims", "bulan.xlsx", _xlsx_from_csv(short_batch)),
        Seed("claims", "skenario.yaml", scenario),
        Seed("payments", "bayar.csv", payments.encode()),
        Seed("payments", "bayar.xlsx", _xlsx_from_csv(payments)),
        Seed("figures", "angka.csv", (ROOT / "examples" / "contoh-angka-fasilitas.csv").read_bytes()),
        Seed("scenario", "skenario.yaml", scenario),
        Seed("module", "tarif.yaml", module),
        # Last: tests index the seeds above by position.
        Seed("claims", "kunjungan.json", (ROOT / "examples" / "contoh-pcare-kunjungan.json").read_bytes()),
    )


# --- mutations ------------------------------------------------------------------------------------------------------
def _text_of(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


def _bytes_of(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def _flip(rng: random.Random, data: bytes) -> bytes:
    raw = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if raw:
            raw[rng.randrange(len(raw))] = rng.randrange(256)
    return bytes(raw)


def _cut(rng: random.Random, data: bytes) -> bytes:
    if len(data) < 2:
        return data
    a = rng.randrange(len(data))
    b = min(len(data), a + rng.randint(1, max(1, len(data) // 4)))
    return data[:a] + data[b:]


def _repeat(rng: random.Random, data: bytes) -> bytes:
    if not data:
        return data
    a = rng.randrange(len(data))
    piece = data[a : a + rng.randint(1, 200)]
    return data[:a] + piece * rng.randint(2, 400) + data[a:]


def _insert_bytes(rng: random.Random, data: bytes) -> bytes:
    a = rng.randrange(len(data) + 1)
    return data[:a] + rng.randbytes(rng.randint(1, 64)) + data[a:]


def _hostile_value(rng: random.Random, data: bytes) -> bytes:
    """A value (after ': ', ',' or '"') swapped for a hostile one."""
    text = _text_of(data)
    marks = [i for i, c in enumerate(text) if c in ':,"=;|@'] or [0]
    at = rng.choice(marks) + 1
    end = at + rng.randint(0, 30)
    return _bytes_of(text[:at] + rng.choice(HOSTILE_VALUES) + text[end:])


def _alias_bomb(rng: random.Random, data: bytes) -> bytes:
    return _bytes_of(_text_of(data) + "\n" + ALIAS_BOMB) if rng.random() < 0.5 else _bytes_of(ALIAS_BOMB)


def _wide(rng: random.Random, data: bytes) -> bytes:
    lines = _text_of(data).split("\n")
    i = rng.randrange(len(lines))
    lines[i] = lines[i] + ("," + rng.choice(["x", "", "kolom", "no_klaim"])) * rng.randint(50, 20_000)
    return _bytes_of("\n".join(lines))


def _tall(rng: random.Random, data: bytes) -> bytes:
    lines = _text_of(data).split("\n")
    if len(lines) < 2:
        return data
    row = lines[rng.randrange(1, len(lines))]
    return _bytes_of("\n".join(lines + [row] * rng.randint(10, 500)))  # large valid batches: tests/e2e


def _xlsx_part(rng: random.Random, data: bytes) -> bytes:
    """One part of the .xlsx zip damaged (bytes mutated, cut, dropped or replaced by hostile XML)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as src:
            parts = {info.filename: src.read(info.filename) for info in src.infolist()}
    except Exception:  # noqa: BLE001 - already damaged by an earlier round: damage it further
        return _flip(rng, data)
    target = rng.choice(sorted(parts))
    action = rng.randrange(5)
    if action == 0:
        del parts[target]
    elif action == 1:
        parts[target] = _flip(rng, parts[target])
    elif action == 2:
        parts[target] = _cut(rng, parts[target])
    elif action == 3:
        parts[target] = _hostile_value(rng, parts[target])
    else:
        dims = [b'<dimension ref="A1:XFD1048576"/>', b'<row r="99999999">', b'<c r="XFD1" t="n"><v>1e309</v></c>']
        parts[target] = parts[target].replace(b"<row ", rng.choice(dims) + b"<row ", 1)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, content in parts.items():
            dst.writestr(name, content)
    return out.getvalue()


TEXT_MUTATIONS: list[Callable[[random.Random, bytes], bytes]] = [
    _flip, _cut, _repeat, _insert_bytes, _hostile_value, _hostile_value, _hostile_value, _alias_bomb, _wide, _tall,
]  # fmt: skip
XLSX_MUTATIONS: list[Callable[[random.Random, bytes], bytes]] = [_xlsx_part, _xlsx_part, _xlsx_part, _flip, _cut]


def mutate(rng: random.Random, seed: Seed, rounds: int = 1) -> bytes:
    data = seed.data
    mutations = XLSX_MUTATIONS if seed.name.endswith(".xlsx") else TEXT_MUTATIONS
    for _ in range(rounds):
        data = rng.choice(mutations)(rng, data)
    return data


# --- readers --------------------------------------------------------------------------------------------------------
def _claims(name: str, data: bytes) -> Any:
    from bimtek.io import read_claims, rows_to_xlsx, verdict_rows
    from bimtek.verification import verify_batch

    claims = read_claims(name, data)
    verdicts = verify_batch(claims)  # what the page and the CLI do next: must not crash on what was read
    return rows_to_xlsx(verdict_rows(claims, verdicts)) if len(claims) < 50 else claims


def _payments(name: str, data: bytes) -> Any:
    from bimtek.ledger import read_payments

    return read_payments(name, data)


def _figures(name: str, data: bytes) -> Any:
    from bimtek.facility_figures import read_figures_csv

    return read_figures_csv(data)


def _scenario(name: str, data: bytes) -> Any:
    from bimtek.content import parse_scenario_text

    return parse_scenario_text(data.decode("utf-8", "replace"), name)


def _module(name: str, data: bytes) -> Any:
    from bimtek.modules import parse_module_text

    return parse_module_text(data.decode("utf-8", "replace"), name, {"dbd-ranap-tanpa-lab"}, {"TR01", "EV01"})


READERS: dict[str, Callable[[str, bytes], Any]] = {
    "claims": _claims,
    "payments": _payments,
    "figures": _figures,
    "scenario": _scenario,
    "module": _module,
}


@dataclass(frozen=True)
class Outcome:
    seconds: float
    error: BaseException | None  # an exception that is not the project's user-safe error

    @property
    def ok(self) -> bool:
        return self.error is None and self.seconds <= MAX_SECONDS


def run(kind: str, name: str, data: bytes) -> Outcome:
    """One input through one reader: the time it took and any exception other than BimtekError."""
    from bimtek.errors import BimtekError

    start = time.perf_counter()
    error: BaseException | None = None
    try:
        READERS[kind](name, data)
    except BimtekError:
        pass
    except Exception as err:  # noqa: BLE001 - counted: the point of fuzzing
        error = err
    return Outcome(time.perf_counter() - start, error)
