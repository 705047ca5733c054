"""Beranda: what the product is, where to start, how much content there is, and content problems for trainers."""

import streamlit as st

st.title("Bimtek Klaim BPJS")  # first: the heading shows while the content and the store load (cold start)

from bimtek.rules import all_rules  # noqa: E402
from ui import identity, nav, progress, room_view, sign_in, state  # noqa: E402
from ui.assignments_view import render_assignments  # noqa: E402
from ui.content import find_scenario, scenarios_result  # noqa: E402
from ui.learning_path import render_path  # noqa: E402
from ui.review_view import render_review_section  # noqa: E402

identity.check_store()  # app.py leaves it to this page for a guest's first visit
sign_in.show_pending_message()  # the welcome of a trainee who just joined their cohort on Masuk
room_view.render_room_join()  # a room's address and join QR for the projector (folded; only on a reachable server)
st.markdown(
    "Banyak FKTP (Puskesmas, klinik pratama, praktik dokter) kehilangan pendapatan karena klaim BPJS Kesehatan "
    "dikembalikan atau ditolak akibat kesalahan kecil namun fatal: diagnosa tidak sesuai dengan tindakan, input "
    "P-Care tidak lengkap, resume medis tidak ditandatangani dokter, layanan tidak dicatat saat pelayanan, atau "
    "klaim dikirim melewati batas waktu. Di sini Anda berlatih seperti verifikator: memeriksa klaim simulasi dari "
    "kasus nyata FKTP, menemukan cacatnya, dan memperbaikinya hanya dengan bukti yang memang ada."
)

render_path()  # the recommended order, Kasus 1 and 2 first, with this learner's progress
st.markdown(
    "Di setiap kasus: baca cerita, klaim seperti di layar P-Care, dan berkas kasus di fasilitas; tandai cacatnya, "
    "perbaiki klaim, lalu kirim jawaban untuk melihat skor dan pembahasan. **Katalog Aturan** adalah rujukan, "
    "**Periksa Klaim** memeriksa klaim fasilitas Anda sendiri."
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
