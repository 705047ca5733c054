"""`python -m bimtek piutang`: the source document's kapitasi example and the ledger of the example files."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from bimtek.cli import main

ROOT = Path(__file__).resolve().parent.parent
CLAIMS = str(ROOT / "examples" / "contoh-batch.csv")
PAYMENTS = str(ROOT / "examples" / "contoh-pembayaran.csv")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bimtek", "piutang", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_kapitasi_seed_example_prints_amount_and_both_entries():
    result = run("kapitasi", "--peserta", "1000", "--tarif", "3000", "--bulan", "2019-02")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Kapitasi: 1.000 peserta x Rp3.000 x 100% = Rp3.000.000"
    body = [line.split() for line in lines if line.startswith(" ")]
    assert [(" ".join(words[:-1]), words[-1]) for words in body] == [
        ("Piutang Kapitasi BPJS", "Rp3.000.000"),
        ("Pendapatan Kapitasi JKN", "Rp3.000.000"),
        ("Kas/Bank Bendahara Puskesmas", "Rp3.000.000"),
        ("Piutang Kapitasi BPJS", "Rp3.000.000"),
    ]
    assert "Pengakuan: 1 Februari 2019" in result.stdout and "Pelunasan: 15 Februari 2019" in result.stdout


def test_kapitasi_with_kbk_payout_in_process_json(capsys):
    assert main(["piutang", "kapitasi", "--peserta", "8000", "--tarif", "7000", "--kbk-persen", "95", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["kapitasi"] == 53_200_000
    assert [line["debit"] for entry in out["jurnal"] for line in entry["baris"]] == [53_200_000, 0, 53_200_000, 0]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--peserta", "seribu", "--tarif", "3000"], "argumen --peserta: 'seribu' bukan bilangan bulat"),
        (["--peserta", "-5", "--tarif", "3000"], "argumen --peserta: '-5' tidak boleh negatif"),
        (["--peserta", "1000", "--tarif", "3000", "--kbk-persen", "120"], "'120' harus lebih dari 0"),
        (["--peserta", "1000", "--tarif", "3000", "--bulan", "Feb"], "'Feb' bukan bulan (format YYYY-MM"),
        (["--tarif", "3000"], "argumen wajib tidak ada: --peserta"),
    ],
)
def test_bad_kapitasi_arguments_exit_2_in_indonesian(args, message, capsys):
    with pytest.raises(SystemExit) as caught:
        main(["piutang", "kapitasi", *args])
    assert caught.value.code == 2
    assert message in capsys.readouterr().err


def test_buku_prints_ledger_journal_and_totals():
    result = run("buku", CLAIMS, PAYMENTS, "--per", "2027-03-20")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("Buku piutang BPJS per 20 Maret 2027\n")
    assert out.count("<< mendekati kedaluwarsa") == 3
    assert "Selisih Kurang Perhitungan Klaim" in out and "Rp250.000" in out
    assert "sisa piutang Rp1.120.000" in out.splitlines()[-2]
    assert "2 kunjungan kapitasi" in out


def test_buku_books_the_articles_example_as_paid_with_selisih_lebih(capsys):
    claim = str(ROOT / "examples" / "contoh-ranap-artikel-piutang.yaml")
    payment = str(ROOT / "examples" / "contoh-pembayaran-artikel-piutang.csv")
    assert main(["piutang", "buku", claim, payment, "--per", "2019-03-31"]) == 0
    out = capsys.readouterr().out
    assert "RI-2019-03-001 | Pasien A | rawat_inap | dibayar | diajukan Rp100.000 | diakui Rp75.000 |" in out
    assert "Selisih Lebih Perhitungan Klaim" in out
    assert "selisih lebih Rp25.000" in out.splitlines()[-1]


def test_buku_json_and_xlsx_in_process(tmp_path, capsys):
    target = tmp_path / "buku.xlsx"
    assert main(["piutang", "buku", CLAIMS, PAYMENTS, "--per", "2027-04-20", "--json", "--xlsx", str(target)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["ringkasan"]["dihapus_kedaluwarsa"] == 1_120_000
    assert out["jumlah_per_status"] == {"dibayar": 5, "ditolak": 2, "kedaluwarsa": 3}
    book = openpyxl.load_workbook(io.BytesIO(target.read_bytes()))
    assert book.sheetnames == ["Buku Piutang", "Jurnal", "Ringkasan"]
    assert book["Buku Piutang"].max_row == 11


def test_buku_bad_payments_file_names_row_and_value(tmp_path):
    bad = tmp_path / "bayar.csv"
    bad.write_text("no_klaim,tgl_bayar,jumlah_dibayar\nKL-2026-10-001,kemarin,60000\n", encoding="utf-8")
    result = run("buku", CLAIMS, str(bad), "--per", "2026-12-01")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "bayar.csv: baris 2, kolom 'tgl_bayar': 'kemarin' bukan tanggal (format YYYY-MM-DD atau DD/MM/YYYY)"
    )
    assert "Traceback" not in result.stderr and result.stdout == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["tidak-ada.csv", PAYMENTS], "tidak-ada.csv: berkas tidak ditemukan"),
        ([CLAIMS, PAYMENTS, "--per", "20-03-2027"], "'20-03-2027' bukan tanggal (format YYYY-MM-DD)"),
        ([CLAIMS, PAYMENTS, "--xlsx", "buku.csv"], "buku.csv: berkas keluaran harus berakhiran .xlsx"),
        ([CLAIMS, CLAIMS], "contoh-batch.csv: baris 1: kolom 'kode_faskes' tidak dikenal"),
    ],
)
def test_buku_bad_input_exits_2_without_traceback(args, message, capsys):
    try:
        code = main(["piutang", "buku", *args])
    except SystemExit as exit_:  # argparse rejects a bad --per before the command runs
        code = exit_.code
    err = capsys.readouterr().err
    assert code == 2 and message in err and "Traceback" not in err


def test_unmatched_payment_is_a_warning_on_stderr(tmp_path):
    payments = tmp_path / "bayar.csv"
    payments.write_text("no_klaim,tgl_bayar,jumlah_dibayar\nKL-X,2026-11-24,1000\n", encoding="utf-8")
    result = run("buku", CLAIMS, str(payments), "--per", "2026-12-01")
    assert result.returncode == 0
    assert "peringatan: bayar.csv: pembayaran baris 2: no_klaim 'KL-X' tidak ada di berkas klaim" in result.stderr
