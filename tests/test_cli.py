"""`python -m bimtek`: run as a user would (a subprocess) and in-process through main(argv)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bimtek.claim import Claim, patch_claim
from bimtek.cli import main
from bimtek.rules import all_rules

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_CSV = ROOT / "examples" / "contoh-batch.csv"
EXAMPLE_YAML = ROOT / "examples" / "contoh-klaim.yaml"
SCENARIO = ROOT / "scenarios" / "dbd-ranap-tanpa-lab.yaml"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bimtek", *args], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )


def test_validate_shipped_scenarios_exits_0_with_a_summary():
    result = run("validate")
    assert result.returncode == 0, result.stdout + result.stderr
    count = len(list((ROOT / "scenarios").glob("*.yaml")))
    modules = len(list((ROOT / "modules").glob("*.yaml")))
    assert result.stdout.strip() == f"{count} skenario valid, {modules} modul valid"


def test_validate_a_folder_with_a_broken_file_prints_file_location_message(tmp_path):
    shutil.copy(SCENARIO, tmp_path / "baik.yaml")
    broken = SCENARIO.read_text(encoding="utf-8").replace("tgl_daftar: 2026-10-03", "tgl_daftar: 2026-13-01")
    (tmp_path / "rusak.yaml").write_text(broken.replace("id: dbd-ranap-tanpa-lab", "id: rusak"), encoding="utf-8")
    result = run("validate", str(tmp_path))
    assert result.returncode == 1
    assert "rusak.yaml: klaim.kunjungan.tgl_daftar: '2026-13-01' bukan tanggal (format YYYY-MM-DD)" in result.stdout
    assert "baik.yaml" not in result.stdout
    assert "Traceback" not in result.stderr


def test_validate_in_process_reports_missing_paths_and_empty_folders(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "tidak-ada.yaml"), str(tmp_path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"{tmp_path / 'tidak-ada.yaml'}: (akar): berkas atau folder tidak ditemukan",
        f"{tmp_path}: (folder): tidak ada berkas skenario *.yaml",
    ]


def test_validate_one_file_in_process(capsys):
    assert main(["validate", str(SCENARIO)]) == 0
    assert capsys.readouterr().out == "1 skenario valid\n"


def test_verify_a_yaml_claim_prints_status_and_findings():
    result = run("verify", str(EXAMPLE_YAML))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("1. KP-2026-10-045 | Yanti Pratama (0001•••••7890) | anc_dokter | DIKEMBALIKAN")
    assert lines[1].startswith("   - [TR01] Dikembalikan: Diajukan Rp80.000; seharusnya Rp90.000")
    assert lines[-1] == "1 klaim: 1 dikembalikan; diajukan Rp80.000, dibayar Rp0"


def test_verify_the_example_batch_as_json():
    result = run("verify", str(EXAMPLE_CSV), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["berkas"] == "contoh-batch.csv" and report["jumlah_klaim"] == 12 == len(report["klaim"])
    assert report["ringkasan"] == {"layak": 3, "peringatan": 1, "dikembalikan": 6, "ditolak": 2}
    assert report["jumlah_dibayar"] == sum(k["jumlah_dibayar"] for k in report["klaim"])
    duplicate = next(k for k in report["klaim"] if k["no_klaim"] == "KL-2026-10-007")
    assert duplicate["status"] == "ditolak" and duplicate["status_label"] == "Ditolak"
    finding = duplicate["temuan"][0]
    assert finding["kode"] == "DP01" and finding["bagian_klaim"] == "pengajuan.layanan"
    assert finding["regulasi"] and finding["perbaikan"] and "KL-2026-10-006" in finding["pesan"]


def test_verify_table_in_process_and_strict_exit_code(capsys):
    assert main(["verify", str(EXAMPLE_CSV)]) == 0
    out = capsys.readouterr().out
    assert [line.split(".")[0] for line in out.splitlines() if line[:1].isdigit()][:-1] == [
        str(i) for i in range(1, 13)
    ]
    assert out.splitlines()[-1] == "12 klaim: 3 layak dibayar, 1 layak dengan peringatan, 6 dikembalikan, 2 ditolak; diajukan Rp2.510.000, dibayar Rp830.000"  # fmt: skip
    assert main(["verify", str(EXAMPLE_CSV), "--strict"]) == 1
    capsys.readouterr()
    assert main(["verify", str(SCENARIO), "--strict"]) == 1  # the scenario's claim is returned (EV01)


def test_verify_strict_passes_a_payable_claim(tmp_path, capsys):
    claim = Claim.model_validate(yaml.safe_load(SCENARIO.read_text(encoding="utf-8"))["klaim"])
    lab = [
        {"jenis": "trombosit", "nilai": 85000, "tanggal": "2026-10-04"},
        {"jenis": "hematokrit", "nilai": 38, "satuan": "%", "tanggal": "2026-10-03"},
        {"jenis": "hematokrit", "nilai": 46, "satuan": "%", "tanggal": "2026-10-04"},
    ]
    fixed = patch_claim(claim, {"lab": lab})
    path = tmp_path / "baik.json"
    path.write_text(json.dumps(fixed.model_dump(mode="json")), encoding="utf-8")
    assert main(["verify", str(path), "--strict"]) == 0
    assert "LAYAK DIBAYAR" in capsys.readouterr().out


def test_verify_a_malformed_csv_exits_2_with_indonesian_messages_and_no_traceback(tmp_path):
    header, first, *_ = EXAMPLE_CSV.read_text(encoding="utf-8-sig").splitlines()
    path = tmp_path / "batch.csv"
    path.write_text(f"{header}\n{first.replace('2026-10-02', '2026-13-01', 1)}\nhanya,satu,baris\n", encoding="utf-8")
    result = run("verify", str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    errors = result.stderr.splitlines()  # grouped per kind of problem, with its count and first rows (issue 12)
    assert errors[0] == "batch.csv: 2 baris tidak dapat dibaca dan tidak diverifikasi:"
    assert (
        errors[1] == "batch.csv: kolom 'tgl_daftar': '2026-13-01' bukan tanggal (format YYYY-MM-DD) (1 baris; baris 2)"
    )
    assert "batch.csv: kolom 'jenis_faskes': wajib diisi (1 baris; baris 3)" in errors


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["verify", "tidak-ada.csv"], "tidak-ada.csv: berkas tidak ditemukan"),
        (["verify", "scenarios"], "scenarios: ini folder, bukan berkas klaim"),
        (["verify", "pyproject.toml"], "pyproject.toml: jenis berkas '.toml' tidak didukung"),
    ],
)
def test_verify_unreadable_input_exits_2(args, message, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert main(args) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.startswith(message)


def test_wrong_usage_exits_2_in_indonesian():
    result = run("periksa")
    assert result.returncode == 2
    assert "perintah tidak valid" in result.stderr and "Traceback" not in result.stderr


def test_schema_is_the_claim_json_schema():
    result = run("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert set(schema["properties"]) == set(Claim.model_fields)
    assert set(schema["required"]) == {"fasilitas", "peserta", "kunjungan", "pengajuan"}
    assert schema["title"] == "Klaim BPJS FKTP (simulasi)"


def test_rules_lists_every_registered_rule(capsys):
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    for rule in all_rules():
        assert f"  {rule.code}  {rule.severity.label}" in out and rule.title in out
    assert out.splitlines()[-1] == f"{len(all_rules())} aturan"


def test_rules_markdown_is_the_generated_catalogue(capsys):
    from bimtek.catalogue import catalogue_markdown

    assert main(["rules", "--markdown"]) == 0
    out = capsys.readouterr().out
    assert out.rstrip("\n") == catalogue_markdown().rstrip("\n")
    assert all(rule.code in out for rule in all_rules())


def test_a_batch_without_its_submission_file_is_reported_once_and_every_billed_claim_returned(tmp_path, capsys):
    lines = EXAMPLE_CSV.read_text(encoding="utf-8-sig").splitlines()
    general = "fpk:ttd;rekapitulasi;kuitansi:ttd:meterai;sptjm:ttd:meterai"
    assert general in lines[1]
    path = tmp_path / "tanpa-berkas.csv"
    path.write_text("\n".join([lines[0], lines[1].replace(general, ""), *lines[2:]]), encoding="utf-8")
    assert main(["verify", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.count("Berkas pengajuan (berlaku untuk semua klaim yang ditagihkan):") == 1
    assert out.splitlines()[-1].startswith(
        "12 klaim: 1 layak dengan peringatan, 9 dikembalikan, 2 ditolak"
    ) and out.endswith("dibayar Rp0\n")
    assert main(["verify", str(path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [f["kode"] for f in report["temuan_berkas_pengajuan"]] == ["DK01"]
