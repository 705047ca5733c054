"""Card numbers are masked (0001•••••6019) in every output by default (issue 10 point 10): CLI text and JSON, error
messages, CSV/XLSX exports, the ledger, the Periksa Klaim page. Only the facility's own export, when it asks for
it explicitly (the page's checkbox, `--nomor-kartu-lengkap`), carries the full number."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
import yaml

from bimtek import io as bio
from bimtek.errors import InputError
from bimtek.ledger import build_ledger, ledger_json, ledger_to_xlsx, read_payments
from bimtek.privacy import mask_card, mask_cards_in_text
from bimtek.verification import verify_batch
from tests.ui.conftest import page_texts, problems, run_page
from ui import nav, state
from ui.batch import FULL_CARD_LABEL, check_upload, export_csv, export_xlsx

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_CSV = ROOT / "examples" / "contoh-batch.csv"
EXAMPLE_PAYMENTS = ROOT / "examples" / "contoh-pembayaran.csv"
UNMASKED = re.compile(r"(?<!\d)\d{13}(?!\d)")


def batch_with_an_inactive_participant() -> bytes:
    """The example batch, with the first participant inactive: PS01's message quotes the card number."""
    lines = EXAMPLE_CSV.read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(",")
    cells = lines[1].split(",")
    assert cells[header.index("peserta_aktif")] == "ya"
    cells[header.index("peserta_aktif")] = "tidak"
    return "\n".join([lines[0], ",".join(cells), *lines[2:]]).encode()


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("kartu") / "bulan.csv"
    path.write_bytes(batch_with_an_inactive_participant())
    return path


def cards(path: Path) -> set[str]:
    return {c.peserta.no_kartu for c in bio.read_claims(path.name, path.read_bytes())}


def xlsx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return " ".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bimtek", *args], capture_output=True, text=True, cwd=ROOT, check=False)  # fmt: skip


def test_mask_card_keeps_four_and_four_and_the_length():
    assert mask_card("0001234566019") == "0001•••••6019"
    assert mask_card("2345678912") == "2345••8912"  # a 10-digit card still shows 10 characters
    assert mask_card("0001 23456 6019") == "0001 ••••• 6019"  # a defect other than digits stays visible
    assert mask_card("12345") == "•••••"
    assert mask_cards_in_text("Peserta '0001234566019' tidak aktif, klaim KL-2026-10-001") == (
        "Peserta '0001•••••6019' tidak aktif, klaim KL-2026-10-001"
    )


def test_cli_text_and_json_mask_every_card_number_unless_asked(batch: Path):
    full = cards(batch)
    for args in (["verify", str(batch)], ["verify", str(batch), "--json"]):
        result = run_cli(*args)
        assert result.returncode == 0, result.stderr
        assert not UNMASKED.findall(result.stdout + result.stderr), args
        assert mask_card(sorted(full)[0]) in result.stdout
    result = run_cli("verify", str(batch), "--json", "--nomor-kartu-lengkap")
    assert {c["no_kartu"] for c in json.loads(result.stdout)["klaim"]} == full
    assert "berstatus tidak aktif" in result.stdout and UNMASKED.search(result.stdout)


def test_an_error_message_never_shows_a_full_card_number(tmp_path: Path):
    lines = EXAMPLE_CSV.read_text(encoding="utf-8-sig").splitlines()
    book = openpyxl.Workbook()
    book.active.append(lines[0].split(","))
    cells: list = lines[1].split(",")
    cells[lines[0].split(",").index("no_kartu")] = 1234567890123  # a 13-digit card stored as a number: readable
    cells[lines[0].split(",").index("tgl_daftar")] = "2026-02-30"
    book.active.append(cells)
    path = tmp_path / "b.xlsx"
    book.save(path)
    result = run_cli("verify", str(path))
    assert result.returncode == 2 and result.stderr and "Traceback" not in result.stderr
    assert not UNMASKED.search(result.stdout + result.stderr)


def test_exports_mask_by_default_and_carry_the_full_number_only_when_asked(batch: Path):
    result = check_upload(batch.name, batch.read_bytes())
    full = {c.peserta.no_kartu for c in result.claims}
    default_csv = export_csv(result, full_card=False)().decode("utf-8-sig")
    default_xlsx = xlsx_text(export_xlsx(result, full_card=False)())
    for text in (default_csv, default_xlsx, json.dumps(result.rows), json.dumps(result.findings, default=str)):
        assert not UNMASKED.search(text)
    assert "berstatus tidak aktif" in default_xlsx
    assert full <= set(UNMASKED.findall(export_csv(result, full_card=True)().decode("utf-8-sig")))
    assert full <= set(UNMASKED.findall(xlsx_text(export_xlsx(result, full_card=True)())))


def test_ledger_outputs_carry_no_card_number(batch: Path):
    claims = bio.read_claims(batch.name, batch.read_bytes())
    payments = read_payments(EXAMPLE_PAYMENTS.name, EXAMPLE_PAYMENTS.read_bytes())
    ledger = build_ledger(claims, verify_batch(claims), payments, max(c.pengajuan.tgl_pengajuan for c in claims))
    assert not UNMASKED.search(json.dumps(ledger_json(ledger), ensure_ascii=False))
    assert not UNMASKED.search(xlsx_text(ledger_to_xlsx(ledger)))
    result = run_cli("piutang", "buku", str(batch), str(EXAMPLE_PAYMENTS), "--per", "2027-03-20")
    assert result.returncode == 0, result.stderr
    assert not UNMASKED.search(result.stdout + result.stderr)


def test_periksa_klaim_page_masks_and_offers_the_full_number_checkbox(batch: Path):
    at = run_page(nav.PERIKSA)
    at.file_uploader(key=state.UPLOAD).upload(batch.name, batch.read_bytes(), "text/csv").run()
    assert not at.exception, problems(at)
    table = next(df.value for df in at.dataframe if "No. kartu" in df.value.columns)  # the claims table
    assert set(table["No. kartu"]) == {mask_card(c) for c in cards(batch)}
    texts = [t for t in page_texts(at) if not t.startswith("# Batch file columns")]  # the format doc's examples
    assert not UNMASKED.search(" ".join(texts) + table.to_csv())
    box = at.checkbox(key=state.DOWNLOAD_FULL_CARD)
    assert box.label == FULL_CARD_LABEL and box.value is False
    box.check().run()
    assert not at.exception and not any(UNMASKED.search(df.value.to_csv()) for df in at.dataframe)  # still masked


def test_a_yaml_claim_error_never_quotes_the_name_or_card(tmp_path: Path):
    claim = yaml.safe_load((ROOT / "examples" / "contoh-klaim.yaml").read_text(encoding="utf-8"))
    claim["peserta"]["aktif"] = "Yanti Pratama 0001234567890"
    with pytest.raises(InputError) as caught:
        bio.read_claims("k.json", json.dumps(claim, default=str).encode())
    assert not UNMASKED.search(str(caught.value)) and "0001•••••7890" in str(caught.value)
