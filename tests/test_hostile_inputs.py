"""Hostile claim, batch and payments files (issue 10): bounded time, limits named in the message, never a crash,
never a patient's name or full card number in a message."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import time
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from bimtek import io as bio
from bimtek import limits
from bimtek.batch_columns import ColumnProblem, cell_to_value
from bimtek.errors import InputError
from bimtek.ledger import read_payments
from bimtek.verification import verify_batch

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_CSV = ROOT / "examples" / "contoh-batch.csv"
EXAMPLE_YAML = ROOT / "examples" / "contoh-klaim.yaml"
NAME = "Yanti Pratama"  # the example claim's patient
CARD = "0001234567890"  # and card number


def problems_of(name: str, data: bytes) -> list[str]:
    with pytest.raises(InputError) as caught:
        bio.read_claims(name, data)
    return caught.value.problems


def timed(func: Any, *args: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    try:
        result: Any = func(*args)
    except (InputError, ColumnProblem) as err:
        result = err
    return time.perf_counter() - start, result


def example_claim() -> dict[str, Any]:
    return yaml.safe_load(EXAMPLE_YAML.read_text(encoding="utf-8"))


def as_json(claim: dict[str, Any]) -> bytes:
    return json.dumps(claim, default=str).encode()


def batch_lines() -> list[str]:
    return EXAMPLE_CSV.read_text(encoding="utf-8-sig").splitlines()


# --- 1. linear time and limits ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "cell",
    [
        "trombosit=1" + " " * 8180 + "x",  # the old pattern took 367 s on this 8 KB cell (cubic backtracking)
        "a=1 " + "x " * 4000,
        "a" + " " * 8000 + "=1",
        "=" * 8000,
    ],
)
def test_a_crafted_lab_cell_is_refused_in_linear_time(cell):
    seconds, result = timed(cell_to_value, "lab", cell)
    assert seconds < 0.05
    assert isinstance(result, ColumnProblem) and "bukan hasil lab" in str(result)


def test_lab_cells_still_read_with_spaces_and_thousands():
    assert cell_to_value("lab", " Hb = 12,5 g/dL @ 2026-10-05 ; trombosit=85.000 /uL@2026-10-04") == [
        {"jenis": "Hb", "nilai": 12.5, "satuan": "g/dL", "tanggal": dt.date(2026, 10, 5)},
        {"jenis": "trombosit", "nilai": 85000.0, "satuan": "/uL", "tanggal": dt.date(2026, 10, 4)},
    ]


def test_a_very_wide_header_is_refused_quickly_naming_the_count_and_the_limit():
    header = ",".join(f"kolom{i}" for i in range(100_000))
    seconds, result = timed(bio.read_claims, "lebar.csv", header.encode())
    assert seconds < 2
    assert result.problems == [f"lebar.csv: baris 1: 100.000 kolom melebihi batas {limits.MAX_COLUMNS} kolom"]


def test_header_matching_is_linear_in_the_number_of_columns():
    header, *rows = batch_lines()
    wide = header + "," + ",".join(f"x{i}" for i in range(limits.MAX_COLUMNS - 60))
    seconds, result = timed(bio.read_claims, "lebar.csv", (wide + "\n" + rows[0] + "\n").encode())
    assert seconds < 1
    assert len(result.problems) == bio.MAX_PROBLEMS + 1 and "tidak dikenal" in result.problems[0]


def test_a_cell_beyond_the_length_limit_is_refused_without_echoing_it():
    header, *rows = batch_lines()
    long_text = "x" * (limits.MAX_CELL_CHARS + 1)
    problems = problems_of("b.csv", (header + "\n" + rows[0].replace("Siti Lestari", long_text) + "\n").encode())
    assert problems == [f"b.csv: baris 2, kolom ke-9: sel berisi 5.001 karakter, melebihi batas {limits.number_text(limits.MAX_CELL_CHARS)}"]  # fmt: skip


def test_a_list_cell_with_too_many_items_is_refused():
    with pytest.raises(ColumnProblem, match=f"101 butir melebihi batas {limits.MAX_LIST_ITEMS}"):
        cell_to_value("diagnosa", ";".join(["A09"] * 101))


def test_an_xlsx_claiming_a_million_rows_and_columns_is_read_as_what_it_holds(tmp_path):
    header, *rows = batch_lines()
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(header.split(","))
    out = io.BytesIO()
    book.save(out)
    damaged = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as src, zipfile.ZipFile(damaged, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<dimension ref="A1:[A-Z]+1"/>', b'<dimension ref="A1:XFD1048576"/>', data)
                assert b"XFD1048576" in data
            dst.writestr(item, data)
    seconds, result = timed(bio.read_claims, "tinggi.xlsx", damaged.getvalue())
    assert seconds < 2
    assert result.problems == ["tinggi.xlsx: baris 1: hanya ada judul kolom; tidak ada baris klaim"]


def test_an_xlsx_that_unpacks_beyond_the_limit_is_refused_before_reading(monkeypatch):
    book = openpyxl.Workbook()
    out = io.BytesIO()
    book.save(out)
    monkeypatch.setattr(bio, "MAX_XLSX_UNCOMPRESSED", 1000)
    problems = problems_of("bom.xlsx", out.getvalue())
    assert len(problems) == 1 and "setelah dibuka melebihi batas 1 KiB" in problems[0]


def test_the_upload_size_limit_is_a_setting(monkeypatch):
    import importlib

    monkeypatch.setenv("BIMTEK_MAX_UPLOAD_MB", "5")
    try:
        assert importlib.reload(limits).MAX_UPLOAD_BYTES == 5 * 2**20
        monkeypatch.setenv("BIMTEK_MAX_UPLOAD_MB", "lima")
        with pytest.raises(InputError, match="BIMTEK_MAX_UPLOAD_MB='lima' bukan bilangan bulat"):
            importlib.reload(limits)
    finally:
        monkeypatch.delenv("BIMTEK_MAX_UPLOAD_MB")
        importlib.reload(limits)


# --- 2. every reader error becomes a message ----------------------------------------------------------------------
def test_an_impossible_date_in_yaml_and_json_is_named():
    text = EXAMPLE_YAML.read_text(encoding="utf-8").replace("tgl_daftar: 2026-10-14", "tgl_daftar: 2026-02-30")
    expected = "kunjungan.tgl_daftar: '2026-02-30' bukan tanggal (format YYYY-MM-DD)"
    assert problems_of("k.yaml", text.encode()) == [f"k.yaml: {expected}"]
    claim = example_claim() | {"kunjungan": example_claim()["kunjungan"] | {"tgl_daftar": "2026-02-30"}}
    assert problems_of("k.json", as_json(claim)) == [f"k.json: {expected}"]


def test_dates_the_rules_cannot_count_from_are_refused():
    claim = example_claim()
    claim["kunjungan"]["tgl_daftar"] = "9999-12-31"
    assert problems_of("k.json", as_json(claim)) == ["k.json: kunjungan.tgl_daftar: '9999-12-31' di luar rentang tanggal 1900-2100"]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("d.json", b"[" * 100_000 + b"]" * 100_000, "bersarang terlalu dalam; batasnya 30 tingkat"),
        ("d.json", b"[" * 40 + b"]" * 40, "bersarang lebih dari 30 tingkat; batasnya 30"),
        ("d.yaml", b"a: " + b"[" * 5000 + b"]" * 5000, "baris 1: YAML tidak valid (bersarang lebih dari 30 tingkat"),
        (
            "n.json",
            b'{"a": ' + b"9" * 5000 + b"}",
            "JSON tidak valid (angka 5000 digit terlalu panjang; paling banyak 30 digit)",
        ),  # fmt: skip
        ("n.yaml", b"a: " + b"9" * 5000, "baris 1: YAML tidak valid (angka 5000 digit terlalu panjang"),
        ("f.json", b'{"a": 1e309}', "JSON tidak valid ('1e309' bukan angka terhingga)"),
        ("f.json", b'{"a": NaN}', "JSON tidak valid ('NaN' bukan angka JSON yang valid)"),
        ("f.yaml", b"a: .inf", "YAML tidak valid ('.inf' bukan angka terhingga)"),
    ],
)
def test_deep_nesting_and_huge_numbers_are_messages(name, data, message):
    seconds, result = timed(bio.read_claims, name, data)
    assert seconds < 1
    assert isinstance(result, InputError) and len(result.problems) == 1
    assert message in result.problems[0]


def test_a_yaml_alias_bomb_is_refused_at_load():
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    lines += [f"{n}: &{n} [{','.join([f'*{p}'] * 9)}]" for p, n in zip("abcdefgh", "bcdefghi", strict=False)]
    seconds, result = timed(bio.read_claims, "bom.yaml", "\n".join(lines).encode())
    assert seconds < 1
    assert "setelah alias diuraikan" in result.problems[0]


def _xlsx(rows: list[list[Any]]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _rezip(data: bytes, change: Any) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            content = change(item.filename, src.read(item.filename))
            if content is not None:
                dst.writestr(item.filename, content)
    return out.getvalue()


def _corrupt_deflate(data: bytes) -> bytes:
    """The sheet's compressed bytes overwritten in place: zlib.error (or a CRC error) when it is read."""
    raw = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for i in range(start + 2, start + min(info.compress_size, 60)):
        raw[i] = 0xFF
    return bytes(raw)


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: _rezip(d, lambda n, c: None if n == "xl/workbook.xml" else c),  # a missing part (KeyError)
        lambda d: _rezip(d, lambda n, c: c[:-40] if n == "xl/worksheets/sheet1.xml" else c),  # bad XML
        lambda d: _rezip(d, lambda n, c: b"<x" if n == "xl/styles.xml" else c),
        _corrupt_deflate,  # zlib.error while iterating rows
        lambda d: d[: len(d) // 2],  # a truncated zip
        lambda d: b"PK\x03\x04" + b"\x00" * 200,
    ],
)
def test_a_damaged_xlsx_is_one_message(damage):
    data = damage(_xlsx(list(csv.reader(batch_lines()[:2]))))
    seconds, result = timed(bio.read_claims, "rusak.xlsx", data)
    assert seconds < 2
    assert isinstance(result, InputError), result
    assert result.problems[0].startswith("rusak.xlsx: bukan berkas Excel .xlsx yang valid")


def test_an_xlsx_row_number_beyond_excel_is_refused_quickly():
    moved = _rezip(
        _xlsx(list(csv.reader(batch_lines()[:2]))),
        lambda n, c: c.replace(b'<row r="2"', b'<row r="99999999999"') if "sheet1" in n else c,
    )
    seconds, result = timed(bio.read_claims, "jauh.xlsx", moved)
    assert seconds < 2
    assert result.problems == ["jauh.xlsx: lebih dari 200.000 baris; batasnya 50.000 baris klaim"]


def test_an_xlsx_date_cell_beyond_the_calendar_is_one_message():
    header, *rows = batch_lines()
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(header.split(","))
    ws.append(rows[0].split(","))
    ws["M2"] = 10**9  # tgl_daftar as an Excel serial far beyond year 9999
    ws["M2"].number_format = "yyyy-mm-dd"
    out = io.BytesIO()
    book.save(out)
    seconds, result = timed(bio.read_claims, "tanggal.xlsx", out.getvalue())
    assert seconds < 2 and isinstance(result, InputError)


def test_control_characters_and_lone_surrogates_never_break_the_export_or_reach_a_message():
    claim = example_claim()
    claim["peserta"]["nama"] = "Yanti\ud800 Pratama\x07"
    claim["kunjungan"]["keluhan"] = "=cmd|' /C calc'!A0\x1b"
    claims = bio.read_claims("k.json", json.dumps(claim, default=str).encode())
    assert claims[0].peserta.nama == "Yanti\ufffd Pratama\ufffd"
    verdicts = verify_batch(claims)
    book = openpyxl.load_workbook(io.BytesIO(bio.rows_to_xlsx(bio.verdict_rows(claims, verdicts))))
    assert book.active["C2"].value == "Yanti\ufffd Pratama\ufffd"


def test_messages_never_quote_the_patients_name_or_card_number():
    header, *rows = batch_lines()
    name_col, card_col = header.split(",").index("nama_peserta"), header.split(",").index("no_kartu")
    claim = example_claim()
    claim["peserta"]["nama"] = 12345  # not text: the message must not echo it
    claim["peserta"]["no_kartu"] = int(CARD)
    problems = problems_of("k.json", as_json(claim))
    assert problems == ["k.json: peserta.no_kartu: bukan teks", "k.json: peserta.nama: bukan teks"]
    book = openpyxl.Workbook()
    book.active.append(header.split(","))
    cells: list[Any] = rows[0].split(",")
    cells[card_col] = 1234567801  # a card number Excel stored as a number
    cells[name_col] = "Siti Lestari"
    book.active.append(cells)
    out = io.BytesIO()
    book.save(out)
    problems = problems_of("b.xlsx", out.getvalue())
    assert "1234567801" not in "\n".join(problems) and "1234••7801" in problems[0]


# --- payments -----------------------------------------------------------------------------------------------------
def test_a_payments_file_with_a_huge_amount_or_wide_header_is_a_message():
    huge = b"no_klaim,tgl_bayar,jumlah_dibayar\nKL-1,2026-11-20," + b"9" * 5000 + b"\n"
    with pytest.raises(InputError) as caught:
        read_payments("bayar.csv", huge)
    (problem,) = caught.value.problems
    assert problem.startswith("bayar.csv: baris 2, kolom 'jumlah_dibayar': '9999•") and len(problem) < 250
    assert problem.endswith("...' bukan jumlah Rupiah (bilangan bulat tidak negatif, mis. 100000)")
    seconds, result = timed(read_payments, "bayar.csv", ",".join(["x"] * 50_000).encode())
    assert seconds < 1 and "50.000 kolom melebihi batas" in str(result)


def test_a_claim_list_beyond_the_row_limit_is_refused(monkeypatch):
    monkeypatch.setattr(bio, "MAX_ROWS", 2)
    data = as_json([example_claim() for _ in range(3)])
    assert problems_of("k.json", data) == ["k.json: 3 klaim melebihi batas 2; bagi menjadi beberapa berkas"]


# --- the CLI: exit 2, one Indonesian message, no traceback -----------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "data", "fragment"),
    [
        ("dalam.json", b"[" * 100_000 + b"]" * 100_000, "bersarang terlalu dalam"),
        (
            "bom.yaml",
            (
                "a: &a [1,1,1,1,1,1,1,1,1]\n"
                + "".join(f"{c}: &{c} [{','.join([f'*{p}'] * 9)}]\n" for p, c in zip("abcdefg", "bcdefgh", strict=True))
            ).encode(),
            "setelah alias diuraikan",
        ),  # fmt: skip
        ("rusak.xlsx", b"PK\x03\x04" + b"\x00" * 300, "bukan berkas Excel .xlsx yang valid"),
        ("lab.csv", None, "bukan hasil lab"),
    ],
)
def test_the_cli_exits_2_with_one_message_for_a_hostile_file(tmp_path, name, data, fragment):
    import subprocess
    import sys

    if data is None:
        header, *rows = batch_lines()
        cells = next(csv.reader([rows[0]]))
        cells[header.split(",").index("lab")] = "trombosit=1" + " " * 4900 + "x"  # 4.9 KB: ~10 min before
        out = io.StringIO()
        csv.writer(out).writerows([header.split(","), cells])
        data = out.getvalue().encode()
    path = tmp_path / name
    path.write_bytes(data)
    for args in (
        ["verify", str(path)],
        ["piutang", "buku", str(path), str(ROOT / "examples" / "contoh-pembayaran.csv")],
    ):
        start = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "bimtek", *args], capture_output=True, text=True, cwd=ROOT, check=False)  # fmt: skip
        assert time.perf_counter() - start < 20
        assert result.returncode == 2 and result.stdout == ""
        assert "Traceback" not in result.stderr and fragment in result.stderr
        assert len(result.stderr.splitlines()) == 1


# --- facility figures ----------------------------------------------------------------------------------------------
def test_facility_figures_refuse_wide_files_huge_counts_and_broken_csv_with_a_message():
    from bimtek.facility_figures import read_figures_csv

    good = (ROOT / "examples" / "contoh-angka-fasilitas.csv").read_text(encoding="utf-8-sig").splitlines()
    seconds, result = timed(read_figures_csv, ",".join(["bulan"] * 100_000).encode())
    assert seconds < 1 and result.problems == ["Baris 1: 100000 kolom melebihi batas 20 kolom."]
    huge = "\n".join([good[0], good[1].rsplit(",", 1)[0] + "," + "9" * 5000]).encode()
    (problem,) = read_figures_csv_problems(huge)
    assert "terlalu panjang untuk jumlah klaim (paling banyak 30 digit)" in problem and len(problem) < 200
    assert read_figures_csv_problems(b'bulan,periode\n"' + b"x" * 200_000 + b"\n") == [
        "Berkas tidak dapat dibaca: ada sel lebih dari 131072 karakter (tanda kutip tidak ditutup?)."
    ]
    assert read_figures_csv_problems(b"bulan,periode\n" + b"x" * 6000 + b"\n") == [
        "Baris 2: sel berisi 6000 karakter, melebihi batas 5000."
    ]


def read_figures_csv_problems(data: bytes) -> list[str]:
    from bimtek.facility_figures import read_figures_csv

    with pytest.raises(InputError) as caught:
        read_figures_csv(data)
    return caught.value.problems


# --- a large batch does not stall the server -----------------------------------------------------------------------
def test_a_verified_batch_is_kept_out_of_the_collectors_scans():
    """bimtek/bulk.py: the claims of an upload are frozen (gc.freeze), so no later collection scans them while
    every other session of the server waits."""
    import gc

    from ui.batch import check_upload

    lines = batch_lines()
    data = "\n".join([lines[0], *lines[1:] * 50]).encode()
    gc.unfreeze()
    result = check_upload("bulan.csv", data)
    try:
        frozen = gc.get_freeze_count()
        assert len(result.claims) == 50 * (len(lines) - 1)
        assert frozen > 20 * len(result.claims)  # each claim is dozens of tracked objects
        assert gc.isenabled()
    finally:
        gc.unfreeze()
