"""Periksa Klaim: reads an uploaded claim or batch, verifies it and renders the summary, table and downloads.

An upload is read and verified once per session (kept under the file's SHA-256, so a rerun or the card-number
checkbox does not verify it again), and the CSV/XLSX exports are built only when their button is clicked
(Streamlit runs a deferred download in a worker thread, outside the page script and the event loop).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from bimtek.bulk import long_lived_batch
from bimtek.claim import Claim
from bimtek.fmt import rupiah
from bimtek.io import finding_rows, finding_text, read_claims, rows_to_csv, rows_to_xlsx, verdict_rows
from bimtek.limits import MAX_CLAIM_DETAILS, number_text
from bimtek.rules import Finding, get_rule
from bimtek.verification import STATUS_LABELS, Verdict, submission_findings, verify_batch
from ui import state
from ui.labels import STATUS_COLOURS

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_BATCH = ROOT / "examples" / "contoh-batch.csv"
COLUMN_DOC = ROOT / "docs" / "batch-columns.md"
STATUS_ORDER = ("layak", "peringatan", "dikembalikan", "ditolak")
COLUMN_LABELS = {
    "no_klaim": "No. klaim",
    "no_kartu": "No. kartu",
    "nama_peserta": "Peserta",
    "layanan": "Layanan",
    "status": "Status",
    "kode_temuan": "Kode temuan",
    "temuan": "Temuan",
}
AMOUNT_LABELS = {
    "jumlah_diajukan": "Diajukan (Rp)",
    "tarif_seharusnya": "Tarif seharusnya (Rp)",
    "jumlah_dibayar": "Dibayar (Rp)",
}
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FULL_CARD_LABEL = "Sertakan nomor kartu lengkap (ekspor milik fasilitas sendiri)"


@dataclass(frozen=True)
class BatchResult:
    claims: list[Claim]
    verdicts: list[Verdict]
    rows: list[dict[str, Any]]
    findings: list[dict[str, Any]]
    general: list[Finding] = field(default_factory=list)  # on the submission's general file, shown once


def check_upload(name: str, data: bytes) -> BatchResult:
    """Reads and verifies an upload; raises InputError (Indonesian problems) when it cannot be read.

    The rows (for the table) mask card numbers; exports are made on demand by `export_csv`/`export_xlsx`."""
    with long_lived_batch():  # see bimtek/bulk.py: no collection rescans the batch while other sessions wait
        claims = read_claims(name, data)
        verdicts = verify_batch(claims)
        rows, findings = verdict_rows(claims, verdicts), finding_rows(claims, verdicts)
        return BatchResult(claims, verdicts, rows, findings, submission_findings(claims))


def checked_upload(name: str, data: bytes) -> BatchResult:
    """check_upload, once per session and file content: the last result is kept under the file's SHA-256."""
    key = (name, hashlib.sha256(data).hexdigest())
    kept = st.session_state.get(state.UPLOAD_RESULT)
    if kept is not None and kept[0] == key:
        return kept[1]  # type: ignore[no-any-return]
    result = check_upload(name, data)
    st.session_state[state.UPLOAD_RESULT] = (key, result)
    return result


def export_csv(result: BatchResult, full_card: bool) -> Callable[[], bytes]:
    """The CSV export, built when the download button is clicked (full card numbers only when asked for)."""
    return lambda: rows_to_csv(verdict_rows(result.claims, result.verdicts, full_card=full_card))


def export_xlsx(result: BatchResult, full_card: bool) -> Callable[[], bytes]:
    def build() -> bytes:
        rows = verdict_rows(result.claims, result.verdicts, full_card=full_card)
        return rows_to_xlsx(rows, finding_rows(result.claims, result.verdicts, full_card=full_card))

    return build


def status_counts(verdicts: list[Verdict]) -> dict[str, int]:
    """Claims per status label, in the order layak, peringatan, dikembalikan, ditolak."""
    counts = Counter(v.status for v in verdicts)
    return {STATUS_LABELS[status]: counts[status] for status in STATUS_ORDER}


def render_result(result: BatchResult, stem: str) -> None:
    total_claimed = sum(v.claimed for v in result.verdicts)
    total_paid = sum(v.payable for v in result.verdicts)
    st.subheader(f"Ringkasan {len(result.claims)} klaim")
    cols = st.columns(4)
    for col, (label, count) in zip(cols, status_counts(result.verdicts).items(), strict=True):
        col.metric(label, count)
    st.markdown(f"Total diajukan **{rupiah(total_claimed)}** · dapat dibayar **{rupiah(total_paid)}**")
    if result.general:
        lines = "\n".join(f"- **{f.rule}** {f.severity.label}: {finding_text(f.message)}" for f in result.general)
        st.error(f"**Berkas pengajuan** (berlaku untuk semua klaim yang ditagihkan):\n{lines}")
    config = {k: st.column_config.TextColumn(v) for k, v in COLUMN_LABELS.items()}
    config |= {k: st.column_config.NumberColumn(v, format="localized") for k, v in AMOUNT_LABELS.items()}
    st.dataframe(pd.DataFrame(result.rows), hide_index=True, column_config=config)  # type: ignore[arg-type]
    full_card = st.checkbox(
        FULL_CARD_LABEL,
        key=state.DOWNLOAD_FULL_CARD,
        help="Nomor kartu JKN disamarkan (mis. 0001•••••6019) di tabel dan di berkas unduhan, kecuali Anda "
        "memintanya lengkap untuk berkas fasilitas Anda sendiri.",
    )
    c1, c2 = st.columns(2)
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
    st.subheader("Temuan per klaim")
    if len(result.claims) > MAX_CLAIM_DETAILS:
        # Thousands of expanders would keep the server busy sending them (and the browser drawing them).
        st.caption(
            f"Rincian {MAX_CLAIM_DETAILS} klaim pertama ditampilkan; semua {number_text(len(result.claims))} klaim "
            "ada di tabel di atas dan di berkas unduhan."
        )
    pairs = zip(result.claims[:MAX_CLAIM_DETAILS], result.verdicts[:MAX_CLAIM_DETAILS], strict=True)
    for i, (claim, verdict) in enumerate(pairs, start=1):
        name = claim.pengajuan.no_klaim or f"baris {i}"
        colour = STATUS_COLOURS.get(verdict.status, "gray")
        with st.expander(f"{name} · {claim.peserta.nama} :{colour}-badge[{verdict.status_label}]"):
            st.markdown(f"Diajukan {rupiah(verdict.claimed)} · dapat dibayar {rupiah(verdict.payable)}")
            if not verdict.findings:
                st.markdown("Tidak ada temuan.")
            for finding in verdict.findings:
                rule = get_rule(finding.rule)
                st.markdown(
                    f"**{rule.code} — {rule.title}** · {finding.severity.label}  \n{finding_text(finding.message)}"
                )
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
    if COLUMN_DOC.is_file():
        with st.expander("Kolom berkas batch"):
            st.markdown(COLUMN_DOC.read_text(encoding="utf-8"))
