"""Streamed batch verification (issue 12): chunk by chunk gives the in-memory verdicts, every output format
round-trips with card numbers masked, errors of a big file are grouped, and `--ringkasan` prints per facility."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from bimtek.batch_columns import COLUMNS
from bimtek.batch_stream import GroupedErrors, first_berkas, stream_claims, verify_stream
from bimtek.claim import Claim
from bimtek.cli import main
from bimtek.io import claims_to_rows, read_claims
from bimtek.spreadsheet import csv_bytes, safe_cell
from bimtek.synthetic import generate_claims
from bimtek.verification import verify_batch

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_CSV = ROOT / "examples" / "contoh-batch.csv"
NAMES = [c.name for c in COLUMNS]


def _batch() -> list[Claim]:
    """300 synthetic claims; the first 120 carry no submission file (the batch's comes later), and the last
    row repeats the first claim's service under a new number: a duplicate across chunk boundaries."""
    claims = generate_claims(300, 3)
    claims = [c.model_copy(update={"berkas_pengajuan": None}) if i < 120 else c for i, c in enumerate(claims)]
    first = claims[0]
    again = first.model_copy(update={"pengajuan": first.pengajuan.model_copy(update={"no_klaim": "ULANG-1"})})
    return [*claims, again]


def _csv(path: Path, claims: list[Claim]) -> Path:
    path.write_bytes(csv_bytes(NAMES, claims_to_rows(claims, full_card=True)))
    return path


def _outcome(verdicts: list) -> list[tuple]:
    return [(v.status, tuple(v.rule_codes()), tuple(f.message for f in v.findings), v.payable) for v in verdicts]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_streaming_in_chunks_gives_the_in_memory_verdicts_including_a_duplicate_across_chunks(tmp_path, suffix):
    claims = _batch()
    path = _csv(tmp_path / "batch.csv", claims)
    if suffix == ".xlsx":
        book = Workbook(write_only=True)
        sheet = book.create_sheet("klaim")
        sheet.append(NAMES)
        for row in claims_to_rows(claims, full_card=True):
            sheet.append([safe_cell(row[n]) for n in NAMES])
        path = tmp_path / "batch.xlsx"
        book.save(path)
    expected = verify_batch(read_claims(path.name, path.read_bytes()))
    problems = GroupedErrors(path.name)
    chunks = list(verify_stream(stream_claims(path, problems, chunk_rows=37), lambda: first_berkas(path)))
    assert problems.count == 0 and len(chunks) == 9
    streamed = [v for _, verdicts in chunks for v in verdicts]
    assert _outcome(streamed) == _outcome(expected)
    assert "DP01" in streamed[-1].rule_codes() and "DP01" not in streamed[0].rule_codes()
    assert any("DK01" in v.rule_codes() for v in streamed[:120]) is any("DK01" in v.rule_codes() for v in expected[:120])  # fmt: skip


def _cli(*args: str, capsys) -> tuple[int, str, str]:
    code = main(["verify", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _read_output(path: Path) -> list[dict]:
    if path.suffix == ".csv":
        return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    if path.suffix == ".jsonl":
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    book = load_workbook(path, read_only=True)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    book.close()
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".xlsx"])
def test_each_output_format_round_trips_with_card_numbers_masked(tmp_path, capsys, suffix):
    code, out, _ = _cli(str(EXAMPLE_CSV), "--json", capsys=capsys)
    report = json.loads(out)
    cards = {row["no_kartu"] for row in csv.DictReader(io.StringIO(EXAMPLE_CSV.read_text(encoding="utf-8-sig")))}
    target = tmp_path / f"hasil{suffix}"
    code, out, err = _cli(str(EXAMPLE_CSV), "--keluaran", str(target), capsys=capsys)
    assert code == 0, err
    assert out.endswith(f"dibayar Rp830.000; hasil ditulis ke hasil{suffix}\n")
    rows = _read_output(target)
    assert [r["no_klaim"] for r in rows] == [k["no_klaim"] for k in report["klaim"]]
    if suffix == ".jsonl":
        assert rows == report["klaim"]  # one object per claim, as in --json
    else:
        assert [r["status"] for r in rows] == [k["status_label"] for k in report["klaim"]]
        assert [int(r["jumlah_dibayar"]) for r in rows] == [k["jumlah_dibayar"] for k in report["klaim"]]
    text = json.dumps(rows, ensure_ascii=False, default=str)
    assert not any(card in text for card in cards) and "•••••" in text
    code, _, _ = _cli(str(EXAMPLE_CSV), "--keluaran", str(target), "--nomor-kartu-lengkap", capsys=capsys)
    full = json.dumps(_read_output(target), ensure_ascii=False, default=str)
    assert code == 0 and all(card in full for card in cards)


def test_an_unknown_output_format_is_refused_in_indonesian(tmp_path, capsys):
    code, _, err = _cli(str(EXAMPLE_CSV), "--keluaran", str(tmp_path / "hasil.txt"), capsys=capsys)
    assert code == 2 and "format keluaran tidak dikenal; gunakan .csv, .jsonl atau .xlsx" in err


def test_errors_of_a_big_file_are_grouped_with_a_count_and_the_first_rows(tmp_path, capsys):
    claims = generate_claims(40, 5)
    rows = claims_to_rows(claims, full_card=True)
    for row in rows[5:17]:
        row["tgl_daftar"] = "31/10/2026"
    rows[30]["peserta_aktif"] = "mungkin"
    path = tmp_path / "besar.csv"
    path.write_bytes(csv_bytes(NAMES, rows))
    target = tmp_path / "hasil.csv"
    code, out, err = _cli(str(path), "--keluaran", str(target), capsys=capsys)
    assert code == 2
    lines = err.splitlines()
    assert (
        lines
        == [
            "besar.csv: 13 baris tidak dapat dibaca dan tidak diverifikasi:",
            "besar.csv: kolom 'tgl_daftar': '31/10/2026' bukan tanggal (format YYYY-MM-DD) (12 baris; pertama baris 7, 8, 9, 10, 11)",  # fmt: skip
            "besar.csv: kolom 'peserta_aktif': 'mungkin' bukan ya/tidak (ya, tidak, true, false, 1, 0) (1 baris; baris 32)",
        ]
    )
    assert out.startswith("27 klaim:") and len(_read_output(target)) == 27  # the readable rows are verified


def test_a_wrong_header_is_one_message_before_any_output(tmp_path, capsys):
    path = tmp_path / "salah.csv"
    text = EXAMPLE_CSV.read_text(encoding="utf-8-sig")
    path.write_text(text.replace("tgl_daftar", "tanggal_daftar", 1), encoding="utf-8")
    target = tmp_path / "hasil.csv"
    code, out, err = _cli(str(path), "--keluaran", str(target), capsys=capsys)
    assert code == 2 and out == "" and not target.exists()
    assert "kolom 'tanggal_daftar' tidak dikenal; maksud Anda 'tgl_daftar'?" in err


def test_ringkasan_prints_one_line_per_facility_with_counts_and_rupiah(tmp_path, capsys):
    claims = generate_claims(250, 7)
    path = _csv(tmp_path / "kabupaten.csv", claims)
    verdicts = verify_batch(claims)
    code, out, _ = _cli(str(path), "--keluaran", str(tmp_path / "hasil.jsonl"), "--ringkasan", capsys=capsys)
    assert code == 0
    lines = out.splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith("Kode FKTP"))
    cells = [[c.strip() for c in line.split("|")] for line in lines[head:]]
    assert cells[0][2:] == ["Klaim", "Layak dibayar", "Layak dengan peringatan", "Dikembalikan", "Ditolak", "Diajukan", "Dibayar"]  # fmt: skip
    facilities = sorted({c.fasilitas.kode for c in claims})
    body = [row for row in cells[2:] if len(row) == 9 and row[0] in facilities]
    assert [row[0] for row in body] == facilities and len(facilities) == 2
    for row in body:
        mine = [v for c, v in zip(claims, verdicts, strict=True) if c.fasilitas.kode == row[0]]
        assert row[2] == str(len(mine))
        assert row[5] == str(sum(v.status == "dikembalikan" for v in mine))
        paid = sum(v.payable for v in mine)
        assert row[8] == "Rp" + f"{paid:,}".replace(",", ".") and re.fullmatch(r"Rp\d{1,3}(\.\d{3})*", row[8])
    total = next(row for row in cells if row[0] == "Jumlah")
    assert total[1] == "2 fasilitas" and total[2] == "250"


def test_the_column_wise_reader_reads_what_the_row_by_row_reader_reads_and_reports_the_same(tmp_path):
    from bimtek.io import RowReader, _Problems, _read_header, _read_row

    rows = claims_to_rows(generate_claims(60, 11), full_card=True)
    rows[3]["tgl_daftar"] = "2026-02-30"  # a cell that cannot be read
    rows[4]["jenis_klaim"] = "entah"  # a value the claim model refuses
    rows[5]["sistole"] = 120  # typed cells, as an XLSX gives them
    rows[6]["kd_poli"] = 1
    rows[7]["peserta_aktif"] = True
    header_cells = [*NAMES, ""]
    body = [(i + 2, [row[n] for n in NAMES] + (["lepas"] if i == 8 else [])) for i, row in enumerate(rows)]
    header = _read_header(1, header_cells, _Problems("x"))
    assert header is not None
    one_by_one, fast = _Problems("b.csv"), _Problems("b.csv")
    expected = [(n, c) for n, cells in body if (c := _read_row(n, header, cells, one_by_one)) is not None]
    got = RowReader(header).read(body, fast)
    assert got == expected and len(got) == 57
    assert fast.items == one_by_one.items and fast.count == 3
    read = dict(got)
    assert 5 not in read and 6 not in read and 10 not in read  # rows 3, 4 and 8 of the body
    assert read[7].kunjungan.vital.sistole == 120 and read[8].kunjungan.kd_poli == "001" and read[9].peserta.aktif


def test_a_damaged_xlsx_streamed_is_a_clear_message_never_a_crash(tmp_path):
    import random

    from bimtek.errors import InputError
    from tests.fuzzing import mutate, seeds

    seed = next(s for s in seeds() if s.kind == "claims" and s.name.endswith(".xlsx"))
    outcomes = set()
    for i in range(40):
        path = tmp_path / f"rusak-{i}.xlsx"
        path.write_bytes(mutate(random.Random(i), seed, rounds=2))
        problems = GroupedErrors(path.name)
        try:
            chunks = list(verify_stream(stream_claims(path, problems), lambda p=path: first_berkas(p)))
        except InputError as err:
            outcomes.add("ditolak")
            assert all(line.startswith(f"{path.name}: ") for line in err.problems)
            continue
        outcomes.add("dibaca")
        assert sum(len(c) for c, _ in chunks) + len(problems.bad_rows) <= 3
    assert "ditolak" in outcomes  # the mutations do damage some files


def test_verifying_on_several_processes_writes_what_one_process_writes(tmp_path, capsys, monkeypatch):
    import bimtek.batch_parallel as parallel

    claims = _batch()
    rows = claims_to_rows(claims, full_card=True)
    rows[50]["tgl_daftar"] = "2026-02-30"
    path = tmp_path / "batch.csv"
    path.write_bytes(csv_bytes(NAMES, rows))
    monkeypatch.setattr(parallel, "CHUNK_ROWS", 37)  # the duplicate's original is many chunks earlier
    outputs = {}
    for workers in ("1", "3"):
        monkeypatch.setenv("BIMTEK_VERIFY_WORKERS", workers)
        target = tmp_path / f"hasil-{workers}.jsonl"
        code, out, err = _cli(str(path), "--keluaran", str(target), "--ringkasan", capsys=capsys)
        outputs[workers] = (code, out.replace(target.name, "HASIL"), err, target.read_text(encoding="utf-8"))
    assert outputs["1"] == outputs["3"]
    code, _, err, text = outputs["3"]
    items = [json.loads(line) for line in text.splitlines()]
    assert code == 2 and "baris 52" in err and len(items) == len(claims) - 1
    assert [i["urutan"] for i in items] == list(range(1, len(items) + 1))
    assert "DP01" in {f["kode"] for f in items[-1]["temuan"]}
