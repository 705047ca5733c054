"""Periksa Klaim at scale (issue 12): summary first, per facility, a paginated filterable table with a claim opened
on demand, grouped row problems, and the expected columns after a wrong header (AppTest)."""

from __future__ import annotations

import re

from bimtek.fmt import rupiah
from bimtek.io import claims_to_rows, rows_to_csv
from bimtek.synthetic import generate_claims
from bimtek.verification import verify_batch
from tests.ui.conftest import problems, run_page
from ui import nav, state
from ui.batch import PAGE_ROWS
from ui.labels import layanan_label

CLAIMS = generate_claims(180, 21, faskes=3)
DATA = rows_to_csv(claims_to_rows(CLAIMS, full_card=True))


def _upload(name: str, data: bytes):
    at = run_page(nav.PERIKSA)
    at.file_uploader(key=state.UPLOAD).upload(name, data, "text/csv").run()
    assert not at.exception, problems(at)
    return at


def _claims_table(at):
    return next(df.value for df in at.dataframe if "No. klaim" in df.value.columns)


def test_the_summary_counts_amounts_and_facilities_come_first_with_labels_and_rupiah():
    verdicts = verify_batch(CLAIMS)
    at = _upload("kabupaten.csv", DATA)
    assert at.subheader[0].value == "Ringkasan 180 klaim"
    text = " ".join(m.value for m in at.markdown)
    assert f"Total diajukan **{rupiah(sum(v.claimed for v in verdicts))}**" in text
    facilities = next(df.value for df in at.dataframe if "Kode FKTP" in df.value.columns and "Nama" in df.value.columns)
    assert sorted(facilities["Kode FKTP"]) == sorted({c.fasilitas.kode for c in CLAIMS})
    assert all(re.fullmatch(r"Rp\d{1,3}(\.\d{3})*", v) for v in facilities["Dibayar"])
    table = _claims_table(at)
    assert len(table) == PAGE_ROWS  # the first page only
    assert set(table["Layanan"]) <= {layanan_label(c.pengajuan.layanan) for c in CLAIMS}
    assert all(re.fullmatch(r"Rp\d{1,3}(\.\d{3})*", v) for v in table["Diajukan"])


def test_filters_and_pages_use_the_kept_result_and_a_claim_opens_on_demand():
    verdicts = verify_batch(CLAIMS)
    at = _upload("kabupaten.csv", DATA)
    returned = [c.pengajuan.no_klaim for c, v in zip(CLAIMS, verdicts, strict=True) if v.status == "dikembalikan"]
    at.multiselect(key=state.BATCH_STATUS_FILTER).select("Dikembalikan").run()
    assert list(_claims_table(at)["No. klaim"]) == returned[:PAGE_ROWS]
    at.multiselect(key=state.BATCH_STATUS_FILTER).unselect("Dikembalikan").run()
    at.number_input(key=state.BATCH_PAGE).set_value(2).run()
    assert list(_claims_table(at)["No. klaim"]) == [c.pengajuan.no_klaim for c in CLAIMS[PAGE_ROWS : 2 * PAGE_ROWS]]
    with_finding = next(i for i in range(PAGE_ROWS, 2 * PAGE_ROWS) if verdicts[i].findings)
    at.selectbox(key=f"{state.BATCH_DETAIL}_2").select(with_finding).run()
    rule = verdicts[with_finding].findings[0].rule
    assert any(m.value.startswith(f"**{rule} — ") for m in at.markdown)


def test_unreadable_rows_are_grouped_and_the_readable_rows_still_verified():
    rows = claims_to_rows(CLAIMS[:40], full_card=True)
    for row in rows[3:15]:
        row["tgl_daftar"] = "31/10/2026"
    at = _upload("bulan.csv", rows_to_csv(rows))
    assert at.error[0].value == "Sebagian berkas tidak dapat diperiksa (12 masalah):"
    assert (
        at.code[0].value.splitlines()
        == [
            "bulan.csv: kolom 'tgl_daftar': '31/10/2026' bukan tanggal (format YYYY-MM-DD) (12 baris; pertama baris 5, 6, 7, 8, 9)"  # fmt: skip
        ]
    )
    assert at.subheader[0].value == "Ringkasan 28 klaim"


def test_a_wrong_header_is_one_message_with_the_expected_columns_shown():
    text = DATA.decode("utf-8-sig").replace("tgl_daftar", "tanggal_daftar", 1)
    at = _upload("salah.csv", text.encode())
    assert at.error[0].value == "Berkas tidak dapat diperiksa (2 masalah):"  # unknown, and the required one missing
    assert "kolom 'tanggal_daftar' tidak dikenal; maksud Anda 'tgl_daftar'?" in at.code[0].value
    assert "kolom wajib 'tgl_daftar' tidak ada" in at.code[0].value
    expected = at.dataframe[0].value
    assert "tgl_daftar" in list(expected["Kolom"]) and expected.set_index("Kolom").at["tgl_daftar", "Wajib"] == "wajib"
