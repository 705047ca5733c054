"""Every limit a reader applies to what a user or trainer sends, in one place (README, "Limits").

Each reader checks these BEFORE the expensive work: first the size in bytes, then a cheap scan (rows, columns,
cell length, nesting depth, YAML nodes and aliases), and refuses with an Indonesian message naming the value
and the limit (`too_large`). Only the upload size is a setting (BIMTEK_MAX_UPLOAD_MB); the others are shapes
no real claim file comes near.
"""

from __future__ import annotations

import datetime as dt
import os

from bimtek.errors import InputError


def _env_mib(name: str, default: int) -> int:
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    try:
        value = int(text)
    except ValueError:
        raise InputError([f"{name}='{text}' bukan bilangan bulat (ukuran dalam MiB, mis. 20)"]) from None
    if not 1 <= value <= 200:
        raise InputError([f"{name}={value} di luar rentang 1-200 (MiB)"])
    return value


# --- claim and batch files (Periksa Klaim, `verify`, `piutang buku`) ---------------------------------------------
MAX_UPLOAD_BYTES = _env_mib("BIMTEK_MAX_UPLOAD_MB", 20) * 2**20  # a facility's month is far smaller
MAX_ROWS = 50_000  # claim rows in one batch (the benchmark verifies 100,000 in 10 s; exports stay small)
MAX_COLUMNS = 200  # the batch has 50 columns; spreadsheet exports add empty ones
MAX_CELL_CHARS = 5_000  # longest cell (anamnesa, a list of lab results)
MAX_LIST_ITEMS = 100  # items in one list cell (diagnosa, terapi, lab, dokumen)
MAX_XLSX_UNCOMPRESSED = 400 * 2**20  # the parts of an .xlsx once unzipped (a zip bomb is refused before reading)
MAX_NUMBER_DIGITS = 30  # digits of one number in a cell or a YAML/JSON value (Rupiah need 15)
FIRST_DATE = dt.date(1900, 1, 1)  # dates a claim may carry: a birth date to a deadline; beyond them the
LAST_DATE = dt.date(2100, 12, 31)  # date arithmetic of the rules would leave the calendar

# --- structured text: YAML/JSON claims, scenarios, modules ---------------------------------------------------------
MAX_DEPTH = 30  # nesting of mappings and lists (a claim nests 4 deep, a module 6)
MAX_YAML_NODES = 200_000  # nodes composed from one YAML document, counting each alias use as what it copies
MAX_YAML_ALIASES = 100  # alias uses (*name) in one document
MAX_CONTENT_BYTES = 2 * 2**20  # one scenario or module file (the largest shipped module is about 60 KiB)

# --- facility figures (Angka Klaim Fasilitas) ----------------------------------------------------------------------
MAX_FIGURE_BYTES = 2**20
MAX_FIGURE_ROWS = 120  # ten years of months
MAX_FIGURE_COLUMNS = 20

# --- rendering ----------------------------------------------------------------------------------------------------
MAX_SHOWN_CHARS = 80  # a value quoted in a message (the rest is cut with '...')
MAX_CLAIM_DETAILS = 100  # claims Periksa Klaim details one by one (the table and the exports hold them all)


def size_text(n: int) -> str:
    """Bytes as a person reads them: '812 KiB', '20,0 MiB'."""
    if n < 2**20:
        return f"{max(1, round(n / 1024))} KiB"
    return f"{n / 2**20:.1f} MiB".replace(".", ",")


def number_text(n: int) -> str:
    """50000 -> '50.000'."""
    return f"{n:,}".replace(",", ".")
