"""Beranda: what the product is, where to start, how much content there is, and content problems for trainers."""

import streamlit as st

from bimtek.rules import all_rules
from ui import identity, nav, progress, sign_in, state
from ui.assignments_view import render_assignments
from ui.case_list import SEED_CASES
from ui.content import find_scenario, scenarios_result
from ui.review_view import render_review_section

st.title("Bimtek Klaim BPJS")
sign_in.show_pending_message()  # the welcome of a trainee who just joined their cohort on Masuk
st.markdown(
    "Banyak FKTP (Puskesmas, klinik pratama, praktik dokter) kehilangan pendapatan karena klaim BPJS Kesehatan "
    "dikembalikan atau ditolak akibat kesalahan kecil namun fatal: diagnosa tidak sesuai dengan tindakan, input "
    "P-Care tidak lengkap, resume medis tidak ditandatangani dokter, layanan tidak dicatat saat pelayanan, atau "
    "klaim dikirim melewati batas waktu. Di sini Anda berlatih seperti verifikator: memeriksa klaim simulasi dari "
    "kasus nyata FKTP, menemukan cacatnya, dan memperbaikinya hanya dengan bukti yang memang ada."
)

st.subheader("Mulai dari sini")
st.markdown(
    "1. Buka **Studi Kasus**: dua kasus teratas adalah Kasus 1 dan Kasus 2 artikel Bimtek; lanjutkan dengan tingkat "
    "*Dasar*.\n"
    "2. Baca cerita, klaim seperti di layar P-Care, dan berkas kasus di fasilitas.\n"
    "3. Tandai cacatnya, perbaiki klaim, lalu kirim jawaban untuk melihat skor dan pembahasan.\n"
    "4. Gunakan **Katalog Aturan** sebagai rujukan, dan **Periksa Klaim** untuk memeriksa klaim fasilitas Anda sendiri."
)
st.page_link(nav.STUDI_KASUS, label="Buka daftar studi kasus", icon=":material/arrow_forward:")
if (first := find_scenario(SEED_CASES[0])) is not None:
    st.page_link(
        nav.KASUS,
        label=f"Mulai dengan Kasus 1: {first.judul}",
        icon=":material/flag:",
        query_params={"kasus": first.id},
    )

loaded = scenarios_result()
last = find_scenario(st.session_state.get(state.OPEN_CASE))
if last is not None:
    st.page_link(
        nav.KASUS, label=f"Lanjutkan: {last.judul}", icon=":material/play_arrow:", query_params={"kasus": last.id}
    )
elif (place := progress.last_place()) is not None:
    st.page_link(
        place["page"], label=f"Lanjutkan: {place['label']}", icon=":material/play_arrow:", query_params=place["query"]
    )
render_assignments()
render_review_section()  # "Ulangan hari ini": missed rules back after 1, 3 and 7 days (ui/review_view.py)
if progress.current_learner().guest:
    identity.render_local_profiles()

c1, c2 = st.columns(2)
c1.metric("Studi kasus", len(loaded.scenarios))
c2.metric("Aturan verifikasi", len(all_rules()))

if loaded.problems:
    st.warning(
        "Untuk narasumber: beberapa berkas studi kasus bermasalah dan tidak dimuat (kasus lain tetap tersedia):\n"
        + "\n".join(f"- {p}" for p in loaded.problems)
    )
