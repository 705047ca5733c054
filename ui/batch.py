"""Periksa Klaim: reads an uploaded claim or batch, verifies it and renders the summary, table and downloads.

An upload is read and verified once per session (kept under the file's SHA-256): a rerun, a filter, a page of
the table, a claim opened or a download never verifies it again. A CSV/XLSX batch is read and verified in chunks
(bimtek/batch_stream.py) behind a progress bar with counts; its unreadable rows are grouped per kind of problem.
The summary comes first (counts by status, amounts, findings by rule and by service, per facility), then a
paginated, filterable table whose claims open one at a time. The exports are built when their button is clicked
(Streamlit runs a deferred download outside the page script) from the kept result.

Each computation writes one line to the server log ("Periksa Klaim: ... diverifikasi"); the browser test counts
these lines to prove that a download does not verify again.
"""

from __future__ import annotations

import hashlib
import logging
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePath
from typing import Any

import pandas as pd
import streamlit as st

from bimtek import paths
from bimtek.batch_columns import COLUMNS
from bimtek.batch_stream import STATUSES, GroupedErrors, Ringkasan, first_berkas, stream_claims, verify_stream
from bimtek.bulk import long_lived_batch
from bimtek.claim import Claim
from bimtek.errors import InputError
from bimtek.fmt import rupiah
from bimtek.io import (
    TABULAR,
    VERDICT_COLUMNS,
    check_size,
    file_label,
    finding_rows,
    finding_text,
    read_claims,
    rows_to_csv,
    verdict_rows,
)
from bimtek.limits import number_text
from bimtek.rules import Finding, get_rule
from bimtek.spreadsheet import Sheet, workbook_bytes
from bimtek.verification import STATUS_LABELS, Verdict, submission_findings, verify_batch
from ui import state
from ui.labels import STATUS_COLOURS, layanan_label

EXAMPLE_BATCH = paths.EXAMPLES_DIR / "contoh-batch.csv"
STATUS_ORDER = STATUSES
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FULL_CARD_LABEL = "Sertakan nomor kartu lengkap (ekspor milik fasilitas sendiri)"
PAGE_ROWS = 50  # claims per page of the table
PROGRESS_ROWS = 1_000  # rows read and verified between two updates of the progress bar
KIND_LABELS = {
    "teks": "teks",
    "kode": "kode",
    "kartu": "nomor kartu JKN, 13 digit",
    "bulat": "bilangan bulat",
    "rupiah": "jumlah Rupiah, mis. 750000",
    "angka": "angka",
    "ya_tidak": "ya/tidak",
    "tanggal": "tanggal YYYY-MM-DD",
    "daftar": "daftar dipisah ';'",
    "terapi": "nama|rute|golongan, dipisah ';'",
    "lab": "jenis=nilai satuan@YYYY-MM-DD, dipisah ';'",
    "dokumen": "jenis[:ttd[:meterai]], dipisah ';'",
}

_log = logging.getLogger("bimtek.periksa_klaim")
if not _log.handlers:
    _handler = logging.StreamHandler(sys.stderr)
    _handler.setFormatter(logging.Formatter("%(asctime)s %(name)s: %(message)s"))
    _log.addHandler(_handler)
    _log.setLevel(logging.INFO)
    _log.propagate = False

Progress = Callable[[int, int | None], None]  # (rows done, rows expected or None)


@dataclass(frozen=True)
class BatchResult:
    claims: list[Claim]
    verdicts: list[Verdict]
    general: list[Finding] = field(default_factory=list)  # on the submission's general file, shown once
    problems: list[str] = field(default_factory=list)  # unreadable rows, one line per kind of problem
    problem_count: int = 0
    seconds: float = 0.0

    @cached_property
    def rows(self) -> list[dict[str, Any]]:
        """The verdict rows with card numbers masked (the table's source; the exports are built on click)."""
        return verdict_rows(self.claims, self.verdicts)

    @cached_property
    def findings(self) -> list[dict[str, Any]]:
        return finding_rows(self.claims, self.verdicts)

    @cached_property
    def facilities(self) -> Ringkasan:
        ringkasan = Ringkasan()
        ringkasan.add(self.claims, self.verdicts)
        return ringkasan

    @cached_property
    def table(self) -> pd.DataFrame:
        """The table's data, built once: amounts as Indonesian text (Rp1.234.567) whatever the browser's locale."""
        return pd.DataFrame(
            {
                "No. klaim": [r["no_klaim"] for r in self.rows],
                "Kode FKTP": [r["kode_faskes"] for r in self.rows],
                "Peserta": [r["nama_peserta"] for r in self.rows],
                "No. kartu": [r["no_kartu"] for r in self.rows],
                "Layanan": [layanan_label(c.pengajuan.layanan) for c in self.claims],
                "Status": [r["status"] for r in self.rows],
                "Kode temuan": [r["kode_temuan"] for r in self.rows],
                "Diajukan": [rupiah(v.claimed) for v in self.verdicts],
                "Dibayar": [rupiah(v.payable) for v in self.verdicts],
            }
        )

    @cached_property
    def rule_sets(self) -> list[frozenset[str]]:
        return [frozenset(v.rule_codes()) for v in self.verdicts]


def check_upload(name: str, data: bytes, progress: Progress | None = None) -> BatchResult:
    """Reads and verifies an upload; raises InputError (Indonesian problems) when nothing in it can be verified.

    A CSV/XLSX batch is read and verified in chunks, `progress(rows done, rows expected)` called between them;
    its unreadable rows are grouped per kind of problem and the readable rows are still verified."""
    start = time.perf_counter()
    label = file_label(name)
    with long_lived_batch():  # see bimtek/bulk.py: no collection rescans the batch while other sessions wait
        if PurePath(name).suffix.lower() in TABULAR:
            result = _check_table(label, PurePath(name).suffix.lower(), data, progress)
        else:
            claims = read_claims(name, data)
            result = BatchResult(claims, verify_batch(claims), submission_findings(claims))
    seconds = time.perf_counter() - start
    _log.info("Periksa Klaim: %d klaim dari %s diverifikasi dalam %.1f s", len(result.claims), label, seconds)
    return BatchResult(result.claims, result.verdicts, result.general, result.problems, result.problem_count, seconds)


def _check_table(label: str, suffix: str, data: bytes, progress: Progress | None) -> BatchResult:
    check_size(label, data)  # the upload limit (BIMTEK_MAX_UPLOAD_MB); the rows are not limited
    expected = max(0, data.count(b"\n") - 1) if suffix == ".csv" else None  # ~rows, for the progress bar
    problems = GroupedErrors(label)
    claims: list[Claim] = []
    verdicts: list[Verdict] = []
    with tempfile.TemporaryDirectory(prefix="bimtek-") as folder:
        path = Path(folder) / f"unggahan{suffix}"
        path.write_bytes(data)
        chunks = stream_claims(path, problems, chunk_rows=PROGRESS_ROWS)
        for chunk_claims, chunk_verdicts in verify_stream(chunks, lambda: first_berkas(path)):
            claims += chunk_claims
            verdicts += chunk_verdicts
            if progress is not None:
                progress(len(claims) + len(problems.bad_rows), expected)
    lines = problems.lines()
    if not claims:
        raise InputError(lines or [f"{label}: hanya ada judul kolom; tidak ada baris klaim"])
    general = submission_findings(claims)
    return BatchResult(claims, verdicts, general, lines, problems.count)


def checked_upload(name: str, data: bytes) -> BatchResult:
    """check_upload, once per session and file content: the last result is kept under the file's SHA-256."""
    key = (name, hashlib.sha256(data).hexdigest())
    kept = st.session_state.get(state.UPLOAD_RESULT)
    if kept is not None and kept[0] == key:
        return kept[1]  # type: ignore[no-any-return]
    bar = st.progress(0.0, text="Membaca dan memeriksa klaim...")

    def show(done: int, expected: int | None) -> None:
        if expected:
            text = f"Membaca dan memeriksa klaim: {number_text(done)} dari ±{number_text(expected)} baris"
            bar.progress(min(1.0, done / expected), text=text)
        else:
            bar.progress(0.0, text=f"Membaca dan memeriksa klaim: {number_text(done)} baris")

    try:
        result = check_upload(name, data, show)
    finally:
        bar.empty()
    st.session_state[state.UPLOAD_RESULT] = (key, result)
    return result


def facility_rows(result: BatchResult) -> list[dict[str, Any]]:
    """One row per facility (kode FKTP): claims per status, amounts claimed and payable."""
    out = []
    for kode in sorted(result.facilities.facilities):
        t = result.facilities.facilities[kode]
        row: dict[str, Any] = {"kode_faskes": kode, "nama_faskes": t.nama, "klaim": t.claims}
        row |= {STATUS_LABELS[s]: t.statuses[s] for s in STATUSES}
        row |= {"jumlah_diajukan": t.claimed, "jumlah_dibayar": t.payable}
        out.append(row)
    return out


def export_csv(result: BatchResult, full_card: bool) -> Callable[[], bytes]:
    """The CSV export, built from the kept result when the button is clicked (full card numbers only if asked)."""
    return lambda: rows_to_csv(verdict_rows(result.claims, result.verdicts, full_card=full_card))


def export_xlsx(result: BatchResult, full_card: bool) -> Callable[[], bytes]:
    """The XLSX export (write-only workbook): verdicts, findings and the per-facility table."""

    def build() -> bytes:
        rows = verdict_rows(result.claims, result.verdicts, full_card=full_card)
        findings = finding_rows(result.claims, result.verdicts, full_card=full_card)
        return workbook_bytes(
            [
                Sheet("Hasil verifikasi", rows, list(VERDICT_COLUMNS), _amount_format),
                Sheet("Temuan", findings, [], _amount_format),
                Sheet("Per fasilitas", facility_rows(result), [], _amount_format),
            ]
        )

    return build


def export_facilities(result: BatchResult) -> Callable[[], bytes]:
    return lambda: rows_to_csv(facility_rows(result))


def _amount_format(name: str, value: Any) -> str | None:
    return "#,##0" if name.startswith(("jumlah", "tarif")) and isinstance(value, int) else None


def status_counts(verdicts: list[Verdict]) -> dict[str, int]:
    """Claims per status label, in the order layak, peringatan, dikembalikan, ditolak."""
    counts = Counter(v.status for v in verdicts)
    return {STATUS_LABELS[status]: counts[status] for status in STATUS_ORDER}


def expected_columns() -> pd.DataFrame:
    """The batch columns as the app shows them after a wrong header."""
    return pd.DataFrame(
        {
            "Kolom": [c.name for c in COLUMNS],
            "Wajib": ["wajib" if c.required else "" for c in COLUMNS],
            "Isi": [KIND_LABELS.get(c.kind, c.kind) for c in COLUMNS],
        }
    )


def render_problems(problems: list[str], partial: int = 0, count: int | None = None) -> None:
    """The problems of an upload as plain text (values from the file are never markdown); after a wrong header,
    the expected columns."""
    n = number_text(count if count is not None else len(problems))
    if partial:
        st.error(f"Sebagian berkas tidak dapat diperiksa ({n} masalah):")
    else:
        st.error(f"Berkas tidak dapat diperiksa ({n} masalah):")
    st.code("\n".join(problems), language=None)
    if partial:
        st.caption(f"Baris itu tidak diverifikasi; hasil di bawah untuk {number_text(partial)} klaim yang terbaca.")
    if any("tidak dikenal; " in p or "kolom wajib" in p for p in problems):
        st.markdown("**Kolom yang diharapkan** (judul kolom pada baris pertama, urutan bebas):")
        st.dataframe(expected_columns(), hide_index=True)


def render_result(result: BatchResult, stem: str) -> None:
    if result.problems:
        render_problems(result.problems, partial=len(result.claims), count=result.problem_count)
    _render_summary(result)
    _render_downloads(result, stem)
    _render_table(result)


def _render_summary(result: BatchResult) -> None:
    total_claimed = sum(v.claimed for v in result.verdicts)
    total_paid = sum(v.payable for v in result.verdicts)
    st.subheader(f"Ringkasan {number_text(len(result.claims))} klaim")
    cols = st.columns(4)
    for col, (label, count) in zip(cols, status_counts(result.verdicts).items(), strict=True):
        col.metric(label, number_text(count))
    st.markdown(f"Total diajukan **{rupiah(total_claimed)}** · dapat dibayar **{rupiah(total_paid)}**")
    seconds = f"{result.seconds:.1f}".replace(".", ",")
    st.caption(f"Dibaca dan diverifikasi sekali dalam {seconds} detik; saringan dan unduhan memakai hasil ini.")
    if result.general:
        lines = "\n".join(f"- **{f.rule}** {f.severity.label}: {finding_text(f.message)}" for f in result.general)
        st.error(f"**Berkas pengajuan** (berlaku untuk semua klaim yang ditagihkan):\n{lines}")
    by_rule: Counter[str] = Counter()
    by_service: Counter[str] = Counter()
    for claim, verdict in zip(result.claims, result.verdicts, strict=True):
        if verdict.findings:
            by_service[layanan_label(claim.pengajuan.layanan)] += 1
            by_rule.update(verdict.rule_codes())
    if by_rule:
        left, right = st.columns(2)
        with left:
            st.markdown("**Klaim dengan temuan, per aturan**")
            rules = pd.DataFrame({"Aturan": list(by_rule), "Klaim": list(by_rule.values())})
            st.bar_chart(rules, x="Aturan", y="Klaim", horizontal=True, height=max(160, 28 * len(by_rule)))
        with right:
            st.markdown("**Klaim dengan temuan, per layanan**")
            services = pd.DataFrame({"Layanan": list(by_service), "Klaim": list(by_service.values())})
            st.bar_chart(services, x="Layanan", y="Klaim", horizontal=True, height=max(160, 28 * len(by_service)))
    facilities = facility_rows(result)
    if len(facilities) > 1:
        st.markdown(f"**Per fasilitas** ({number_text(len(facilities))} kode FKTP)")
        shown = [
            {
                "Kode FKTP": f["kode_faskes"],
                "Nama": f["nama_faskes"],
                "Klaim": number_text(f["klaim"]),
                **{STATUS_LABELS[s]: number_text(f[STATUS_LABELS[s]]) for s in STATUSES},
                "Diajukan": rupiah(f["jumlah_diajukan"]),
                "Dibayar": rupiah(f["jumlah_dibayar"]),
            }
            for f in facilities
        ]
        st.dataframe(pd.DataFrame(shown), hide_index=True)


def _render_downloads(result: BatchResult, stem: str) -> None:
    full_card = st.checkbox(
        FULL_CARD_LABEL,
        key=state.DOWNLOAD_FULL_CARD,
        help="Nomor kartu JKN disamarkan (mis. 0001•••••6019) di tabel dan di berkas unduhan, kecuali Anda "
        "memintanya lengkap untuk berkas fasilitas Anda sendiri.",
    )
    c1, c2, c3 = st.columns(3)
    c1.download_button(
        "Unduh hasil (CSV)",
        export_csv(result, full_card),
        f"{stem}-hasil.csv",
        "text/csv",
        key=state.DOWNLOAD_CSV,
        on_click="ignore",
    )
    c2.download_button(
        "Unduh hasil (XLSX)",
        export_xlsx(result, full_card),
        f"{stem}-hasil.xlsx",
        XLSX_MIME,
        key=state.DOWNLOAD_XLSX,
        on_click="ignore",
    )
    c3.download_button(
        "Unduh ringkasan per fasilitas (CSV)",
        export_facilities(result),
        f"{stem}-per-fasilitas.csv",
        "text/csv",
        key=state.DOWNLOAD_FACILITIES,
        on_click="ignore",
    )


def _render_table(result: BatchResult) -> None:
    st.subheader("Daftar klaim")
    table = result.table
    present_rules = sorted({code for codes in result.rule_sets for code in codes})
    f1, f2, f3 = st.columns(3)
    statuses = f1.multiselect(
        "Status", [STATUS_LABELS[s] for s in STATUSES], key=state.BATCH_STATUS_FILTER, placeholder="Semua"
    )
    rules = f2.multiselect("Kode temuan", present_rules, key=state.BATCH_RULE_FILTER, placeholder="Semua")
    services = f3.multiselect(
        "Layanan", sorted(set(table["Layanan"])), key=state.BATCH_SERVICE_FILTER, placeholder="Semua"
    )
    facilities = sorted(set(table["Kode FKTP"]))
    chosen_facilities: list[str] = []
    if len(facilities) > 1:
        chosen_facilities = st.multiselect(
            "Kode FKTP", facilities, key=state.BATCH_FACILITY_FILTER, placeholder="Semua"
        )
    keep = pd.Series(True, index=table.index)
    if statuses:
        keep &= table["Status"].isin(statuses)
    if services:
        keep &= table["Layanan"].isin(services)
    if chosen_facilities:
        keep &= table["Kode FKTP"].isin(chosen_facilities)
    if rules:
        wanted = frozenset(rules)
        keep &= pd.Series([not codes.isdisjoint(wanted) for codes in result.rule_sets], index=table.index)
    selected = table[keep]
    if selected.empty:
        st.info("Tidak ada klaim yang cocok dengan saringan ini.")
        return
    pages = (len(selected) + PAGE_ROWS - 1) // PAGE_ROWS
    page = 1
    if pages > 1:
        page = int(
            st.number_input(
                f"Halaman (1-{number_text(pages)})", min_value=1, max_value=pages, step=1, key=state.BATCH_PAGE
            )
        )
        page = min(page, pages)
    first = (page - 1) * PAGE_ROWS
    shown = selected.iloc[first : first + PAGE_ROWS]
    st.caption(
        f"Klaim {number_text(first + 1)}-{number_text(first + len(shown))} dari {number_text(len(selected))}"
        + (f" (tersaring dari {number_text(len(table))})" if len(selected) < len(table) else "")
    )
    st.dataframe(shown, hide_index=True)
    indices = list(shown.index)
    chosen = st.selectbox(
        "Buka rincian klaim",
        indices,
        index=None,
        format_func=lambda i: (
            f"{table.at[i, 'No. klaim'] or f'baris {i + 1}'} · {table.at[i, 'Peserta']} · {table.at[i, 'Status']}"
        ),  # fmt: skip
        key=f"{state.BATCH_DETAIL}_{page}",
        placeholder="Pilih klaim di halaman ini",
    )
    if chosen is not None:
        render_claim_detail(result.claims[chosen], result.verdicts[chosen])


def render_claim_detail(claim: Claim, verdict: Verdict) -> None:
    colour = STATUS_COLOURS.get(verdict.status, "gray")
    name = claim.pengajuan.no_klaim or "klaim"
    with st.container(border=True):
        st.markdown(f"**{name}** · {layanan_label(claim.pengajuan.layanan)} :{colour}-badge[{verdict.status_label}]")
        st.markdown(f"Diajukan {rupiah(verdict.claimed)} · dapat dibayar {rupiah(verdict.payable)}")
        if not verdict.findings:
            st.markdown("Tidak ada temuan.")
        for finding in verdict.findings:
            rule = get_rule(finding.rule)
            st.markdown(f"**{rule.code} — {rule.title}** · {finding.severity.label}  \n{finding_text(finding.message)}")
            st.caption(f"Perbaikan: {rule.fix_hint} · Dasar: {rule.regulation}")


def render_examples() -> None:
    """The example batch and the column documentation, when they are shipped."""
    if EXAMPLE_BATCH.is_file():
        st.download_button(
            "Unduh contoh berkas batch (CSV)",
            EXAMPLE_BATCH.read_bytes(),
            EXAMPLE_BATCH.name,
            "text/csv",
            key=state.DOWNLOAD_EXAMPLE,
        )
    with st.expander("Kolom berkas batch"):  # in the user's language; docs/batch-columns.md is the developer's page
        st.markdown(
            "Satu klaim per baris; baris pertama berisi judul kolom (huruf besar/kecil tidak dibedakan, urutan bebas). "
            "Kolom wajib harus ada; kolom lain boleh dihilangkan. Sel kosong berarti tidak diisi."
        )
        st.dataframe(expected_columns(), hide_index=True)
