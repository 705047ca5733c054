"""Buku Piutang on screen: the batch (generated or uploaded), the ledger with near-expiry claims, journal, XLSX."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from bimtek import paths
from bimtek.accounting import AGEING_BUCKETS, STATUS_LABELS, Payment
from bimtek.bulk import long_lived_batch
from bimtek.claim import Claim
from bimtek.fmt import rupiah, tanggal
from bimtek.io import claims_to_rows, read_claims, rows_to_csv
from bimtek.ledger import (
    PAYMENT_COLUMNS,
    Ledger,
    generate_payments,
    journal_rows,
    ledger_rows,
    ledger_to_xlsx,
    payments_to_csv,
    read_payments,
)
from bimtek.month import build_month
from bimtek.month_actions import apply_actions
from bimtek.synthetic import generate_batch
from bimtek.verification import Verdict, verify_batch
from ui import state

EXAMPLE_CLAIMS = paths.EXAMPLES_DIR / "contoh-batch.csv"
EXAMPLE_PAYMENTS = paths.EXAMPLES_DIR / "contoh-pembayaran.csv"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HIGHLIGHT = "background-color: #FFE699"
LABELS = {
    "no_klaim": "No. klaim",
    "nama_peserta": "Peserta",
    "layanan": "Layanan",
    "hasil_verifikasi": "Hasil verifikasi",
    "status": "Status piutang",
    "keterangan_status": "Keterangan",
    "tgl_layanan_selesai": "Layanan selesai",
    "tgl_pengajuan": "Diajukan",
    "umur_piutang": "Umur piutang",
    "hari_menuju_kedaluwarsa": "Hari ke kedaluwarsa",
    "mendekati_kedaluwarsa": "≤30 hari",
    "kode_temuan": "Temuan",
}
AMOUNTS = {
    "jumlah_diajukan": "Ditagihkan (Rp)",
    "piutang_diakui": "Piutang diakui (Rp)",
    "jumlah_dibayar": "Dibayar (Rp)",
    "selisih": "Selisih (Rp)",
    "sisa_piutang": "Sisa piutang (Rp)",
}

Batch = tuple[list[Claim], list[Verdict], list[Payment]]


def generated_month(count: int, seed: int) -> Batch:
    """A simulated month of one facility (bimtek.synthetic), verified, with what BPJS has paid for it."""
    claims = [item.claim for item in generate_batch(count, seed)]
    verdicts = verify_batch(claims)
    return claims, verdicts, generate_payments(claims, verdicts, seed)


def reviewed_month(seed: int, decisions: dict[str, list[str]]) -> Batch:
    """The learner's own simulated month (Simulasi Bulan) as they filed it: their actions applied, withdrawn left out."""
    month = build_month(int(seed))
    filed = [
        applied.claim
        for applied in (apply_actions(item, decisions.get(item.no_klaim, ())) for item in month.items)
        if applied.claim is not None
    ]
    verdicts = verify_batch(filed)
    return filed, verdicts, generate_payments(filed, verdicts, int(seed))


def uploaded_batch(claims_name: str, claims_data: bytes, payments_name: str, payments_data: bytes) -> Batch:
    """Raises InputError (Indonesian, per row) when either file cannot be read."""
    with long_lived_batch():  # bimtek/bulk.py: no collection rescans the batch while other sessions wait
        claims = read_claims(claims_name, claims_data)
        return claims, verify_batch(claims), read_payments(payments_name, payments_data)


def default_as_of(claims: Sequence[Claim]) -> dt.date:
    """45 days after the last submission: most payments are in, returned claims are still open."""
    return max(c.pengajuan.tgl_pengajuan for c in claims) + dt.timedelta(days=45)


def render_generated_downloads(claims: Sequence[Claim], payments: Sequence[Payment], seed: int) -> None:
    c1, c2 = st.columns(2)
    c1.download_button(
        "Unduh klaim bulan ini (CSV)",
        rows_to_csv(claims_to_rows(claims, full_card=True)),  # the simulated month's input file: fictional cards
        f"bulan-simulasi-{seed}.csv",
        "text/csv",
        key=state.LEDGER_DOWNLOAD_CLAIMS,
    )
    c2.download_button(
        "Unduh berkas pembayaran (CSV)",
        payments_to_csv(payments),
        f"pembayaran-simulasi-{seed}.csv",
        "text/csv",
        key=state.LEDGER_DOWNLOAD_PAYMENTS,
    )


def render_upload_help() -> None:
    c1, c2 = st.columns(2)
    c1.download_button(
        "Contoh berkas klaim (CSV)",
        EXAMPLE_CLAIMS.read_bytes(),
        EXAMPLE_CLAIMS.name,
        "text/csv",
        key=state.LEDGER_EXAMPLE_CLAIMS,
    )
    c2.download_button(
        "Contoh berkas pembayaran (CSV)",
        EXAMPLE_PAYMENTS.read_bytes(),
        EXAMPLE_PAYMENTS.name,
        "text/csv",
        key=state.LEDGER_EXAMPLE_PAYMENTS,
    )
    with st.expander("Kolom berkas pembayaran"):
        st.table(pd.DataFrame(list(PAYMENT_COLUMNS.items()), columns=["Kolom", "Isi"]).set_index("Kolom"))
        st.caption("Satu baris per klaim yang dibayar; kolom 'keterangan' boleh ada dan tidak diolah.")


def render_ledger(ledger: Ledger, stem: str) -> None:
    t = ledger.totals()
    st.subheader(f"Buku piutang per {tanggal(ledger.as_of)}")
    cols = st.columns(5)
    cols[0].metric("Ditagihkan ke BPJS", rupiah(t["diajukan"]))
    cols[1].metric(
        "Piutang diakui", rupiah(t["diakui"]), help="Sebesar tarif fasilitas bila diisi, selain itu jumlah ditagihkan."
    )
    cols[2].metric("Kas diterima", rupiah(t["dibayar"]))
    cols[3].metric("Sisa piutang", rupiah(t["sisa_piutang"]))
    cols[4].metric("Mendekati kedaluwarsa", t["mendekati_kedaluwarsa"])
    st.markdown(
        f"Selisih lebih **{rupiah(t['selisih_lebih'])}** · selisih kurang **{rupiah(t['selisih_kurang'])}** · "
        f"dikoreksi (ditolak) **{rupiah(t['dikoreksi_ditolak'])}** · dihapus (kedaluwarsa) "
        f"**{rupiah(t['dihapus_kedaluwarsa'])}**"
    )
    counts = ledger.status_counts()
    st.caption(" · ".join(f"{STATUS_LABELS[s]}: {n}" for s, n in counts.items()) or "Tidak ada klaim non-kapitasi.")
    if ledger.kapitasi_visits:
        st.caption(
            f"{ledger.kapitasi_visits} kunjungan kapitasi/tanpa tagihan tidak dicatat sebagai piutang per klaim."
        )
    for warning in ledger.warnings:
        st.warning(f"Berkas pembayaran: {warning}")
    near = [i.row for i in ledger.items if i.row.near_expiry]
    if near:
        listed = ", ".join(f"{r.no_klaim} ({r.days_to_expiry} hari)" for r in near)
        st.warning(f"Segera ajukan ulang, mendekati batas 6 bulan: {listed}")
    rows = ledger_rows(ledger)
    if rows:
        frame = pd.DataFrame(rows)
        styled = frame.style.apply(lambda r: [HIGHLIGHT if r["mendekati_kedaluwarsa"] else ""] * len(r), axis=1)
        config = {k: st.column_config.Column(v) for k, v in LABELS.items()}
        config |= {k: st.column_config.NumberColumn(v, format="localized") for k, v in AMOUNTS.items()}
        st.dataframe(styled, hide_index=True, column_config=config, width="stretch")  # type: ignore[arg-type]
    ageing = ledger.ageing()
    st.markdown("**Umur sisa piutang** (hari sejak pengajuan)")
    st.table(
        pd.DataFrame({"Umur": [b[0] for b in AGEING_BUCKETS], "Sisa piutang": [rupiah(v) for v in ageing.values()]})
    )
    with st.expander(f"Jurnal ({len(ledger.entries)} ayat)"):
        journal = pd.DataFrame(journal_rows(ledger))
        if not journal.empty:
            journal["belum_pasti"] = journal["belum_pasti"].map({True: "belum pasti", False: ""})
        st.dataframe(journal, hide_index=True, width="stretch")
    st.download_button(
        "Unduh buku piutang dan jurnal (XLSX)",
        lambda: ledger_to_xlsx(ledger),  # built when clicked, in a worker thread
        f"{stem}-buku-piutang.xlsx",
        XLSX_MIME,
        key=state.LEDGER_DOWNLOAD,
    )
