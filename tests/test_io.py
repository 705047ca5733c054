"""Reading claim files (YAML/JSON/CSV/XLSX) and writing verdict tables, as a facility would use them."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import openpyxl
import pytest

from bimtek import io as bio
from bimtek.batch_columns import COLUMNS, ColumnProblem, cell_to_value
from bimtek.errors import InputError
from bimtek.synthetic import generate_claims
from bimtek.verification import verify_batch

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_CSV = ROOT / "examples" / "contoh-batch.csv"
EXAMPLE_YAML = ROOT / "examples" / "contoh-klaim.yaml"


def example_lines() -> list[str]:
    return EXAMPLE_CSV.read_text(encoding="utf-8-sig").splitlines()


def csv_bytes(lines: list[str]) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


def problems_of(name: str, data: bytes) -> list[str]:
    with pytest.raises(InputError) as caught:
        bio.read_claims(name, data)
    assert str(caught.value) == "\n".join(caught.value.problems)
    return caught.value.problems


def set_cell(line: str, column: str, value: str) -> str:
    """One example row with one cell replaced."""
    header = example_lines()[0].split(",")
    cells = next(csv.reader([line]))
    cells[header.index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(cells)
    return out.getvalue()


# --- cells ------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("column", "cell", "expected"),
    [
        ("peserta_aktif", "ya", True),
        ("peserta_aktif", "Tidak", False),
        ("peserta_aktif", "TRUE", True),
        ("peserta_aktif", "0", False),
        ("peserta_aktif", True, True),  # an Excel boolean
        ("poned", "", None),
        ("keluhan", "   ", None),
        ("keluhan", None, None),
        ("diagnosa", "A91; R50.9;", ["A91", "R50.9"]),
        ("terapi", "Injeksi B12|injeksi|vitamin;Paracetamol 500 mg", [
            {"nama": "Injeksi B12", "rute": "injeksi", "golongan": "vitamin"}, {"nama": "Paracetamol 500 mg"}]),
        ("lab", "trombosit=85.000 /uL@2026-10-04", [
            {"jenis": "trombosit", "nilai": 85000.0, "satuan": "/uL", "tanggal": dt.date(2026, 10, 4)}]),
        ("lab", "hematokrit = 38,5 %@2026-10-03;gds=120@2026-10-03", [
            {"jenis": "hematokrit", "nilai": 38.5, "satuan": "%", "tanggal": dt.date(2026, 10, 3)},
            {"jenis": "gds", "nilai": 120.0, "satuan": "", "tanggal": dt.date(2026, 10, 3)}]),
        ("dokumen", "bukti_pelayanan:ttd; resume_medis:TTD; kia", [
            {"jenis": "bukti_pelayanan", "ditandatangani": True, "bermeterai": False},
            {"jenis": "resume_medis", "ditandatangani": True, "bermeterai": False},
            {"jenis": "kia", "ditandatangani": False, "bermeterai": False}]),
        ("berkas_pengajuan", "fpk:ttd;rekapitulasi;sptjm:ttd:Meterai", [
            {"jenis": "fpk", "ditandatangani": True, "bermeterai": False},
            {"jenis": "rekapitulasi", "ditandatangani": False, "bermeterai": False},
            {"jenis": "sptjm", "ditandatangani": True, "bermeterai": True}]),
        ("jumlah_diajukan", "Rp750.000", 750000),
        ("jumlah_diajukan", "750,000", 750000),
        ("jumlah_diajukan", 750000.0, 750000),  # an Excel number
        ("sistole", "120", 120),
        ("suhu", "38,9", 38.9),
        ("tgl_daftar", "2026-10-03", dt.date(2026, 10, 3)),
        ("tgl_daftar", dt.datetime(2026, 10, 3), dt.date(2026, 10, 3)),  # an Excel date
        ("kd_poli", 1, "001"),  # Excel dropped the leading zeros of a code
        ("kd_sadar", 1.0, "01"),
        ("kd_tkp", 20, "20"),
        ("no_kartu", "0001234567801", "0001234567801"),
        ("no_kartu", 1234567890123, "1234567890123"),
    ],
)  # fmt: skip
def test_cells_become_claim_values(column, cell, expected):
    assert cell_to_value(column, cell) == expected


@pytest.mark.parametrize(
    ("column", "cell", "message"),
    [
        ("tgl_daftar", "2026-13-01", "'2026-13-01' bukan tanggal (format YYYY-MM-DD)"),
        ("tgl_daftar", "03/10/2026", "'03/10/2026' bukan tanggal (format YYYY-MM-DD)"),
        ("peserta_aktif", "mungkin", "'mungkin' bukan ya/tidak (ya, tidak, true, false, 1, 0)"),
        ("sistole", "120/80", "'120/80' bukan bilangan bulat"),
        ("suhu", "38,9 C", "'38,9 C' bukan angka"),
        ("jumlah_diajukan", "750,5", "'750,5' bukan jumlah Rupiah bulat, mis. 750000 atau 750.000"),
        (
            "dokumen",
            "fpk:sah",
            "'fpk:sah': akhiran ':sah' tidak dikenal; tulis 'fpk:ttd' bila ditandatangani, 'fpk:ttd:meterai' bila juga bermeterai",
        ),
        ("dokumen", "ftp:ttd", "jenis dokumen 'ftp' tidak dikenal; pilihan: resume_medis, fpk"),
        ("lab", "trombosit 85000", "'trombosit 85000' bukan hasil lab (format jenis=nilai satuan@YYYY-MM-DD"),
        ("lab", "trombosit=85000@4 Okt", "'4 Okt' bukan tanggal"),
        ("terapi", "a|b|c|d", "'a|b|c|d' bukan terapi (format nama|rute|golongan"),
        ("no_kartu", 1234567801, "1234••7801 tersimpan sebagai angka sehingga nol di depan hilang"),
    ],
)
def test_unreadable_cells_name_the_value_and_the_expected_form(column, cell, message):
    with pytest.raises(ColumnProblem) as caught:
        cell_to_value(column, cell)
    assert str(caught.value).startswith(message)


# --- batches ----------------------------------------------------------------------------------------------------
def test_example_batch_reads_and_shows_its_defect_mix():
    claims = bio.read_claims("contoh-batch.csv", EXAMPLE_CSV.read_bytes())
    verdicts = verify_batch(claims)
    assert len(claims) == 12
    assert {v.status for v in verdicts} == {"layak", "peringatan", "dikembalikan", "ditolak"}
    found = {code for v in verdicts for code in v.rule_codes()}
    assert found == {"TR02", "EV02", "DK02", "DP01", "KL01", "TW01", "PC02", "PS01"}


def test_batch_errors_name_file_row_column_and_value_and_are_all_collected():
    header, *rows = example_lines()
    bad = [
        header,
        set_cell(rows[0], "tgl_daftar", "2026-13-01"),  # spreadsheet row 2
        set_cell(set_cell(rows[1], "jenis_faskes", "klinik"), "peserta_aktif", ""),  # row 3: two problems
        rows[2],  # row 4 is fine
        set_cell(rows[3], "diagnosa", "A09.0;R50.9;E86;K59.1"),  # row 5
        set_cell(rows[4], "tim_jumlah_nakes", ""),  # row 6: half a team
    ]
    problems = problems_of("batch.csv", csv_bytes(bad))
    assert problems[0] == "batch.csv: baris 2, kolom 'tgl_daftar': '2026-13-01' bukan tanggal (format YYYY-MM-DD)"
    assert problems[1].startswith("batch.csv: baris 3, kolom 'jenis_faskes': 'klinik' nilai tidak dikenal; pilihan:")
    assert problems[2:] == [
        "batch.csv: baris 3, kolom 'peserta_aktif': wajib diisi",
        "batch.csv: baris 5, kolom 'diagnosa': 'A09.0;R50.9;E86;K59.1' terlalu banyak butir (paling banyak 3)",
        "batch.csv: baris 6, kolom 'tim_jumlah_nakes': wajib diisi",
    ]


def test_pydantic_errors_are_mapped_to_columns():
    header, *rows = example_lines()
    problems = problems_of("batch.csv", csv_bytes([header, set_cell(rows[0], "jenis_faskes", "klinik")]))
    assert len(problems) == 1
    assert problems[0].startswith("batch.csv: baris 2, kolom 'jenis_faskes': 'klinik' nilai tidak dikenal; pilihan:")


def test_header_problems_suggest_the_right_column():
    header, *rows = example_lines()
    bad_header = header.replace("tgl_daftar", "Tgl Dafter").replace(",layanan,", ",layanan,layanan,")
    problems = problems_of("b.csv", csv_bytes([bad_header, rows[0]]))
    assert problems == [
        "b.csv: baris 1: kolom 'Tgl Dafter' tidak dikenal; maksud Anda 'tgl_daftar'?",
        "b.csv: baris 1: kolom 'layanan' muncul lebih dari sekali",
        "b.csv: baris 1: kolom wajib 'tgl_daftar' tidak ada",
    ]


def test_header_names_are_forgiving_about_case_and_spaces():
    header, *rows = example_lines()
    claims = bio.read_claims("b.csv", csv_bytes([header.upper().replace("_", " "), rows[0]]))
    assert claims[0].pengajuan.no_klaim == "KL-2026-10-001"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("batch.ods", b"x", "batch.ods: jenis berkas '.ods' tidak didukung; gunakan .yaml, .yml, .json, .csv atau .xlsx"),
        ("lama.xls", b"x", "lama.xls: jenis berkas '.xls' tidak didukung; gunakan .yaml, .yml, .json, .csv atau .xlsx (simpan ulang dari Excel sebagai .xlsx)"),
        ("kosong.csv", b"", "kosong.csv: berkas kosong"),
        ("spasi.yaml", b"  \n", "spasi.yaml: berkas kosong"),
        ("judul.csv", EXAMPLE_CSV.read_bytes().splitlines()[0], "judul.csv: baris 1: hanya ada judul kolom; tidak ada baris klaim"),
        ("excel.csv", b"PK\x03\x04rest", "excel.csv: berisi berkas Excel, bukan teks CSV; ganti ekstensinya menjadi .xlsx"),
        ("biner.csv", b"a,b\n\x00\x01", "biner.csv: bukan teks CSV (berisi data biner); simpan sebagai 'CSV UTF-8' dari Excel"),
        ("rusak.xlsx", b"not a zip", "rusak.xlsx: bukan berkas Excel .xlsx yang valid"),
        ("klaim.json", b'{"fasilitas": {,}', "klaim.json: baris 1, kolom 16: JSON tidak valid"),
        ("klaim.yaml", b"fasilitas: [1, 2\n", "klaim.yaml: baris 2: YAML tidak valid"),
        ("klaim.yaml", b"- 1\n- 2\n", "klaim.yaml: klaim ke-1: harus berupa satu klaim"),
        ("klaim.yaml", b"\xff\xfe", "klaim.yaml: bukan teks UTF-8"),
    ],
)  # fmt: skip
def test_unusable_files_get_one_clear_message(name, data, message):
    assert problems_of(name, data)[0].startswith(message)


def test_windows_1252_and_semicolon_csv_from_indonesian_excel_are_read():
    header, *rows = example_lines()
    lines = [header, rows[0].replace("Siti Lestari", "Siti Lestäri")]
    semicolon = [lines[0].replace(",", ";"), set_cell(lines[1], "keluhan", "Periksa hamil").replace(",", ";")]
    semicolon[1] = semicolon[1].replace("bukti_pelayanan:ttd;kia", '"bukti_pelayanan:ttd;kia"')
    general = "fpk:ttd;rekapitulasi;kuitansi:ttd:meterai;sptjm:ttd:meterai"
    semicolon[1] = semicolon[1].replace(general, f'"{general}"')
    semicolon[1] = semicolon[1].replace("Tablet tambah darah|oral|zat_besi", '"Tablet tambah darah|oral|zat_besi"')
    for data in (csv_bytes(lines).decode().encode("cp1252"), "\n".join(semicolon).encode("cp1252")):
        claim = bio.read_claims("win.csv", data)[0]
        assert claim.peserta.nama == "Siti Lestäri"
        assert [d.jenis for d in claim.dokumen] == ["bukti_pelayanan", "kia"]
        assert claim.berkas_pengajuan and [d.jenis for d in claim.berkas_pengajuan.dokumen][-1] == "sptjm"


def test_size_and_row_limits(monkeypatch):
    header, *rows = example_lines()
    monkeypatch.setattr(bio, "MAX_ROWS", 3)
    assert problems_of("b.csv", csv_bytes([header, *rows[:4]])) == ["b.csv: lebih dari 3 baris klaim; bagi menjadi beberapa berkas"]  # fmt: skip
    monkeypatch.setattr(bio, "MAX_BYTES", 1000)
    assert "melebihi batas" in problems_of("b.csv", csv_bytes([header, *rows[:4]]))[0]


def test_problem_list_is_capped_with_a_count(monkeypatch):
    header, *rows = example_lines()
    monkeypatch.setattr(bio, "MAX_PROBLEMS", 2)
    problems = problems_of("b.csv", csv_bytes([header] + [set_cell(r, "tgl_daftar", "x") for r in rows[:5]]))
    assert len(problems) == 3 and problems[-1] == "b.csv: ... dan 3 masalah lain"


def test_csv_round_trip_keeps_every_batch_field():
    claims = generate_claims(400, seed=4)
    data = bio.rows_to_csv(bio.claims_to_rows(claims, full_card=True))
    assert bio.read_claims("bulan.csv", data) == claims


def test_xlsx_round_trip_of_the_example_batch(tmp_path):
    claims = bio.read_claims("contoh-batch.csv", EXAMPLE_CSV.read_bytes())
    path = tmp_path / "contoh-batch.xlsx"
    path.write_bytes(bio.rows_to_xlsx(bio.claims_to_rows(claims, full_card=True), sheet="klaim"))
    sheet = openpyxl.load_workbook(path).active
    assert isinstance(sheet["M2"].value, dt.datetime)  # tgl_daftar is a real Excel date, not text
    assert bio.read_claims(path.name, path.read_bytes()) == claims


def test_xlsx_with_numeric_codes_and_a_stripped_card_number():
    book = openpyxl.Workbook()
    sheet = book.active
    header, first = example_lines()[:2]
    names = header.split(",")
    values = next(csv.reader([first]))
    typed = {"kd_poli": 3, "kd_sadar": 1, "no_kartu": 1234567801, "jumlah_diajukan": 60000, "tgl_daftar": dt.date(2026, 10, 2)}  # fmt: skip
    sheet.append(names)
    sheet.append([typed.get(n, v or None) for n, v in zip(names, values, strict=True)])
    out = io.BytesIO()
    book.save(out)
    problems = problems_of("batch.xlsx", out.getvalue())
    assert problems == [
        "batch.xlsx: baris 2, kolom 'no_kartu': 1234••7801 tersimpan sebagai angka sehingga nol di depan hilang; "
        "format kolom sebagai Teks dan tulis 13 digit"
    ]


# --- YAML / JSON ------------------------------------------------------------------------------------------------
def test_yaml_claim_list_and_scenario_file_are_read():
    one = bio.read_claims("contoh-klaim.yaml", EXAMPLE_YAML.read_bytes())
    assert len(one) == 1 and one[0].pengajuan.layanan == "anc_dokter"
    data = one[0].model_dump(mode="json")
    assert bio.read_claims("dua.json", json.dumps([data, data]).encode()) == one * 2
    scenario = (ROOT / "scenarios" / "dbd-ranap-tanpa-lab.yaml").read_bytes()
    assert bio.read_claims("dbd.yaml", scenario)[0].kunjungan.diagnosa == ["A91"]


def test_yaml_errors_give_the_claim_and_its_location():
    data = bio.read_claims("k.yaml", EXAMPLE_YAML.read_bytes())[0].model_dump(mode="json")
    broken = json.loads(json.dumps(data))
    broken["kunjungan"]["tgl_daftar"] = "2026-13-01"
    broken["pengajuan"]["jenis_klaim"] = "umum"
    problems = problems_of("dua.json", json.dumps([data, broken]).encode())
    assert problems[0] == "dua.json: klaim ke-2, kunjungan.tgl_daftar: '2026-13-01' bukan tanggal (format YYYY-MM-DD)"
    assert problems[1].startswith("dua.json: klaim ke-2, pengajuan.jenis_klaim: 'umum' nilai tidak dikenal")
    scenario = (ROOT / "scenarios" / "dbd-ranap-tanpa-lab.yaml").read_text().replace("tgl_daftar: 2026-10-03", "tgl_daftar: 3 Okt")  # fmt: skip
    assert problems_of("dbd.yaml", scenario.encode())[0].startswith("dbd.yaml: klaim.kunjungan.tgl_daftar: '3 Okt'")


# --- exports ----------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def example():
    claims = bio.read_claims("contoh-batch.csv", EXAMPLE_CSV.read_bytes())
    return claims, verify_batch(claims)


def test_verdict_rows_are_flat_and_complete(example):
    claims, verdicts = example
    rows = bio.verdict_rows(claims, verdicts)
    assert [list(r) for r in rows] == [list(bio.VERDICT_COLUMNS)] * len(claims)
    duplicate = next(r for r in rows if r["kode_temuan"] == "DP01")
    assert duplicate["status"] == "Ditolak" and duplicate["jumlah_dibayar"] == 0
    assert duplicate["temuan"].startswith("DP01: Layanan 'kb_suntik' tanggal 16 Oktober 2026 sudah pernah diklaim")
    paid = next(r for r in rows if r["no_klaim"] == "KL-2026-10-003")
    assert (paid["status"], paid["tarif_seharusnya"], paid["jumlah_dibayar"]) == ("Layak dibayar", 750000, 750000)


def test_csv_export_opens_in_excel_and_cannot_inject_formulas(example):
    claims, verdicts = example
    rows = bio.verdict_rows(claims, verdicts)
    rows[0]["nama_peserta"] = '=HYPERLINK("http://x","klik")'
    data = bio.rows_to_csv(rows)
    assert data.startswith("\ufeffno_klaim,no_kartu,nama_peserta,".encode())
    assert "'=HYPERLINK" in data.decode("utf-8-sig")
    assert re.search(r"KL-2026-10-003,0001•••••7803,Rina Marlina,rawat_inap,Layak dibayar,750000,750000,750000", data.decode("utf-8-sig"))  # fmt: skip


def test_xlsx_export_has_a_findings_sheet_with_regulation_and_fix(example):
    claims, verdicts = example
    rows = bio.verdict_rows(claims, verdicts)
    rows[0]["nama_peserta"] = "=1+1"
    book = openpyxl.load_workbook(io.BytesIO(bio.rows_to_xlsx(rows, bio.finding_rows(claims, verdicts))))
    assert book.sheetnames == ["Hasil verifikasi", "Temuan"]
    assert book["Hasil verifikasi"]["C2"].value == "'=1+1" and book["Hasil verifikasi"]["C2"].data_type == "s"
    findings = list(book["Temuan"].iter_rows(values_only=True))
    header = findings[0]
    assert header == ("no_klaim", "no_kartu", "nama_peserta", "kode", "tingkat", "aturan", "bagian_klaim", "temuan", "regulasi", "perbaikan")  # fmt: skip
    assert len(findings) - 1 == sum(len(v.findings) for v in verdicts)
    ev02 = next(dict(zip(header, r, strict=True)) for r in findings if r[3] == "EV02")
    assert "tanda tangan" in ev02["perbaikan"] and 'artikel "Bimtek Manajemen Klaim' in ev02["regulasi"]


# --- docs held to code ------------------------------------------------------------------------------------------
def test_batch_columns_doc_lists_exactly_the_columns_the_code_reads():
    doc = (ROOT / "docs" / "batch-columns.md").read_text(encoding="utf-8")
    documented = dict(re.findall(r"^\| `([a-z_]+)` \| (yes|no) \|", doc, flags=re.MULTILINE))
    assert list(documented) == [c.name for c in COLUMNS]
    assert {n for n, req in documented.items() if req == "yes"} == {c.name for c in COLUMNS if c.required}
    assert example_lines()[0].split(",") == [c.name for c in COLUMNS]
