"""Buku Piutang: the receivables ledger of a simulated month or of a facility's claims and payments files."""

import datetime as dt
from pathlib import Path

import streamlit as st

from bimtek.errors import InputError
from bimtek.ledger import build_ledger
from ui import progress, state
from ui.date_text import date_text
from ui.ledger_view import (
    default_as_of,
    generated_month,
    render_generated_downloads,
    render_ledger,
    render_upload_help,
    reviewed_month,
    uploaded_batch,
)

MINE, GENERATED, UPLOAD = (
    "Bulan simulasi saya (hasil tinjauan)",
    "Bulan simulasi (data buatan)",
    "Unggah berkas klaim dan pembayaran",
)

st.title("Buku Piutang BPJS")
st.markdown(
    "Setiap klaim non-kapitasi diakui sebagai piutang saat diajukan dan ditutup saat dibayar; selisihnya dicatat "
    "sebagai selisih lebih atau kurang. Klaim yang dikembalikan tetap piutang sampai diajukan ulang atau kedaluwarsa "
    "6 bulan setelah layanan selesai. Hasil verifikasi memakai aturan yang sama dengan Periksa Klaim."
)
st.caption(
    "Sumber: artikel “Pengakuan & Perhitungan Piutang Pasien BPJS di Puskesmas”; Perpres Nomor 82 Tahun 2018 "
    "Pasal 77; Peraturan BPJS Kesehatan Nomor 7 Tahun 2018 Pasal 29 ayat (4) dan Pasal 40."
)
my_month = progress.load_document("simulasi_bulan_draft")
sources = [MINE, GENERATED, UPLOAD] if my_month else [GENERATED, UPLOAD]
source = st.radio("Data", sources, horizontal=True, key=state.LEDGER_SOURCE)

if source == MINE and my_month:
    seed = int(my_month["seed"])
    st.caption(
        f"Bulan simulasi Anda (nomor {seed}) sebagaimana diajukan setelah tinjauan Anda di halaman Simulasi Bulan; "
        "klaim yang Anda tarik tidak dibukukan. Pembayaran BPJS dibuat dari nomor simulasi yang sama."
    )
    claims, verdicts, payments = reviewed_month(seed, my_month.get("decisions", {}))
    as_of = date_text("Per tanggal", state.LEDGER_AS_OF_MINE, default_as_of(claims))
    render_ledger(build_ledger(claims, verdicts, payments, as_of), f"bulan-simulasi-saya-{seed}")
elif source == GENERATED:
    c1, c2 = st.columns(2)
    count = c1.number_input("Jumlah klaim", 30, 60, 45, key=state.LEDGER_COUNT)
    seed = c2.number_input("Nomor bulan simulasi", 1, 9999, 1, key=state.LEDGER_SEED)
    claims, verdicts, payments = generated_month(int(count), int(seed))
    as_of = date_text("Per tanggal", state.LEDGER_AS_OF_GENERATED, default_as_of(claims))
    render_generated_downloads(claims, payments, int(seed))
    render_ledger(build_ledger(claims, verdicts, payments, as_of), f"bulan-simulasi-{seed}")
else:
    render_upload_help()
    claims_file = st.file_uploader("Berkas klaim", type=["csv", "xlsx", "yaml", "yml", "json"], key=state.LEDGER_CLAIMS)
    payments_file = st.file_uploader("Berkas pembayaran", type=["csv", "xlsx"], key=state.LEDGER_PAYMENTS)
    as_of = date_text("Per tanggal", state.LEDGER_AS_OF_UPLOAD, dt.date.today())
    if claims_file is None or payments_file is None:
        st.info("Unggah berkas klaim dan berkas pembayarannya untuk menyusun buku piutang.")
    else:
        try:
            claims, verdicts, payments = uploaded_batch(
                claims_file.name, claims_file.getvalue(), payments_file.name, payments_file.getvalue()
            )
            ledger = build_ledger(claims, verdicts, payments, as_of)
        except InputError as err:
            st.error(f"Berkas tidak dapat dibukukan ({len(err.problems)} masalah):")
            st.code("\n".join(err.problems), language=None)  # plain text: values from the files are never markdown
        else:
            render_ledger(ledger, Path(claims_file.name).stem)
