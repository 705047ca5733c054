"""Verifikasi Sertifikat: a public page where anyone checks a certificate's code (no sign-in needed)."""

import streamlit as st

from bimtek.fmt import tanggal
from scoring.report_export import VERIFY_QUERY
from ui import export_view, plain, state

st.title("Verifikasi Sertifikat")
st.markdown(
    "Masukkan kode verifikasi yang tercetak pada sertifikat Bimtek Manajemen Klaim BPJS Kesehatan untuk FKTP "
    "untuk memastikan sertifikat itu sah."
)
if state.VERIFY_CODE not in st.session_state and st.query_params.get(VERIFY_QUERY):
    st.session_state[state.VERIFY_CODE] = st.query_params[VERIFY_QUERY]
with st.form(state.VERIFY_FORM):
    st.text_input("Kode verifikasi", key=state.VERIFY_CODE, max_chars=40, placeholder="mis. K7P2QX9MAB")
    st.form_submit_button("Periksa", key=state.VERIFY_SUBMIT)
code = str(st.session_state.get(state.VERIFY_CODE) or "").strip()
certificate = export_view.find(code) if code else None
if code and certificate is None:
    st.error(
        f"Kode sertifikat '{plain.md(code)}' tidak ditemukan. Periksa kembali kode pada sertifikat (10 huruf dan angka, tanpa "
        "huruf O dan I); bila tetap tidak ditemukan, sertifikat itu tidak diterbitkan oleh aplikasi ini."
    )
elif certificate is not None:
    st.success(f"Sertifikat sah. Kode **{certificate.code}** diterbitkan untuk **{plain.md(certificate.name)}**.")
    st.markdown(
        f"- Nama peserta: **{plain.md(certificate.name)}**\n"
        f"- Kelas: {plain.md(certificate.cohort or '-')}\n"
        f"- Tanggal terbit: {tanggal(certificate.issued_on)}\n"
        "- Indikator Checklist Evaluasi Pasca Bimtek yang tercapai:\n"
        + "\n".join(f"    - {aspect}" for aspect in certificate.indicators)
    )
