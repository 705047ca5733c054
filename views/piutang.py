"""Piutang BPJS: what the facility books and when, the source document's two examples, and the piutang tools."""

import streamlit as st

from scoring.journal_situations import fixed_situations
from ui import nav
from ui.journal_view import render_entry, when

st.title("Piutang BPJS")
st.markdown(
    "Uang yang sudah menjadi hak fasilitas tetapi belum dibayar BPJS adalah **piutang**. Bendahara mencatatnya saat "
    "haknya timbul dan menutupnya saat uang diterima; yang dikembalikan, ditolak atau kedaluwarsa harus dikoreksi."
)
st.markdown(
    "- **Kapitasi**: peserta terdaftar × tarif kapitasi (menurut jenis fasilitas dan ketersediaan dokter/dokter "
    "gigi, disesuaikan KBK), diakui awal bulan, dibayar BPJS paling lambat tanggal 15.\n"
    "- **Non-kapitasi** (rawat inap, persalinan, ANC, PNC, KB, ...): diakui saat klaim diajukan sebesar jumlah yang "
    "diajukan (paling lambat tanggal 10 bulan berikutnya); saat dibayar, selisihnya dicatat sebagai selisih lebih "
    "atau kurang perhitungan klaim.\n"
    "- **Dikembalikan**: tetap piutang sampai diajukan ulang (paling lambat bersama pengajuan bulan berikutnya).\n"
    "- **Kedaluwarsa**: klaim yang tidak diajukan dalam 6 bulan setelah layanan selesai tidak dapat ditagih lagi "
    "dan piutangnya dihapus (kebijakan penghapusan: belum pasti)."
)
st.caption(
    "Sumber: artikel “Pengakuan & Perhitungan Piutang Pasien BPJS di Puskesmas”; Permenkes Nomor 3 Tahun 2023 "
    "Pasal 6 ayat (1); Peraturan BPJS Kesehatan Nomor 7 Tahun 2019; Permenkes Nomor 28 Tahun 2014; Peraturan BPJS "
    "Kesehatan Nomor 7 Tahun 2018 Pasal 29 ayat (4) dan Pasal 40; Perpres Nomor 82 Tahun 2018 Pasal 77."
)
c0, c1, c2, c3 = st.columns(4)
c0.page_link(nav.MODUL, label="Materi dan latihan modul", icon=":material/school:", query_params={"modul": "piutang"})
c1.page_link(nav.JURNAL, label="Latihan jurnal", icon=":material/edit_note:")
c2.page_link(nav.BUKU_PIUTANG, label="Buku piutang", icon=":material/receipt_long:")
c3.page_link(nav.KBK, label="Simulasi KBK", icon=":material/speed:")

st.header("Contoh dari sumber")
for situation in fixed_situations():
    st.subheader(situation.title)
    st.markdown(situation.story)
    for step in situation.steps:
        if step.entry is not None:
            render_entry(step.entry, step.event, when(step))
            st.caption(step.why)
