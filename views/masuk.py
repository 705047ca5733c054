"""Masuk: a self-learner's profile, joining or resuming a cohort with its join code and a PIN, a trainer's login."""

import streamlit as st

from ui import identity, plain, sign_in, state

sign_in.land_after_joining()
st.title("Masuk")
learner = identity.current_learner()
welcomed = sign_in.show_pending_message()

if identity.is_stored(learner) and not learner.guest:
    where = f" di kelas **{plain.md(learner.cohort)}**" if learner.cohort else " (belajar mandiri)"
    if not welcomed:  # the welcome just shown says the same; one green box
        st.success(f"Anda masuk sebagai **{plain.md(learner.name)}**{where}. Kemajuan Anda tersimpan otomatis.")
    st.button("Keluar", key=state.SIGN_OUT, on_click=sign_in.sign_out, help="Tautan di alamat ini berhenti berlaku.")
    with st.expander("Atur atau ganti PIN", expanded=False):
        st.caption("Dengan PIN, profil Anda hanya dapat dibuka dengan PIN itu; tautan lama berhenti berlaku.")
        with st.form("atur_pin"):
            st.text_input("PIN baru (4-6 angka)", key=state.SET_PIN, type="password", max_chars=6)
            st.form_submit_button("Simpan PIN", key=state.SET_PIN_SUBMIT, on_click=sign_in.set_pin)
    sign_in.show_message("pin")
else:
    st.markdown(
        "Tanpa masuk pun semua halaman dapat dipakai. Dengan profil, kemajuan Anda tersimpan dan dapat "
        "dilanjutkan setelah halaman dimuat ulang, setelah aplikasi dibuka lagi, atau di perangkat lain (dengan PIN)."
    )

# The room's QR codes link here with ?kelas=<join code> (or ?kelas= before a cohort is chosen): the cohort tab opens.
joining = state.JOIN_QUERY in st.query_params
tabs = ["Belajar mandiri", "Peserta kelas (Bimtek)", "Narasumber"]
tab_mandiri, tab_kelas, tab_narasumber = st.tabs(tabs, default=tabs[1] if joining else None)

with tab_mandiri:
    local = identity.local_profiles_visible()
    identity.render_local_profiles()
    st.subheader("Buat profil baru")
    with st.form("profil_baru"):
        st.text_input("Nama", key=state.NEW_NAME, max_chars=60)
        st.text_input(
            "PIN (4-6 angka)" + (", boleh dikosongkan" if local else ""),
            key=state.NEW_PIN,
            type="password",
            max_chars=6,
            help="PIN disimpan sebagai hash; dipakai untuk melanjutkan di perangkat lain.",
        )
        st.form_submit_button("Buat profil", key=state.NEW_SUBMIT, on_click=sign_in.create_profile)
    sign_in.show_message("baru")
    if not local:
        st.subheader("Lanjutkan dengan nama dan PIN")
        with st.form("lanjut_mandiri"):
            st.text_input("Nama", key=state.RESUME_NAME, max_chars=60)
            st.text_input("PIN", key=state.RESUME_PIN, type="password", max_chars=6)
            st.form_submit_button("Lanjutkan", key=state.RESUME_SUBMIT, on_click=sign_in.resume_self_learner)
        sign_in.show_message("lanjut")

if (code := st.query_params.get(state.JOIN_QUERY)) and not st.session_state.get(state.JOIN_CODE):
    st.session_state[state.JOIN_CODE] = code  # the link in the trainer's QR code

with tab_kelas:
    st.subheader("Gabung kelas")
    st.caption("Kode kelas ditampilkan narasumber di layar. Tidak perlu e-mail; PIN dipakai untuk melanjutkan.")
    with st.form("gabung_kelas"):
        st.text_input("Kode kelas", key=state.JOIN_CODE, max_chars=12)
        st.text_input("Nama", key=state.JOIN_NAME, max_chars=60)
        st.text_input("Buat PIN (4-6 angka)", key=state.JOIN_PIN, type="password", max_chars=6)
        st.form_submit_button("Gabung", key=state.JOIN_SUBMIT, on_click=sign_in.join_cohort)
    sign_in.show_message("gabung")
    st.subheader("Sudah terdaftar? Lanjutkan")
    with st.form("lanjut_kelas"):
        st.text_input("Kode kelas", key=state.REJOIN_CODE, max_chars=12)
        st.text_input("Nama", key=state.REJOIN_NAME, max_chars=60)
        st.text_input("PIN", key=state.REJOIN_PIN, type="password", max_chars=6)
        st.form_submit_button("Lanjutkan", key=state.REJOIN_SUBMIT, on_click=sign_in.resume_cohort)
    sign_in.show_message("lanjut_kelas")

with tab_narasumber:
    trainer = identity.current_trainer()
    if trainer is not None:
        st.success(f"Masuk sebagai narasumber **{plain.md(trainer.username)}**.")
        st.button("Keluar (narasumber)", key=state.TRAINER_SIGN_OUT, on_click=sign_in.trainer_logout)
    else:
        st.caption("Akun narasumber dibuat lewat baris perintah: python -m bimtek trainer create NAMA")
        with st.form("narasumber"):
            st.text_input("Nama pengguna", key=state.TRAINER_USER, max_chars=40)
            st.text_input("Kata sandi", key=state.TRAINER_PASSWORD, type="password")
            st.form_submit_button("Masuk", key=state.TRAINER_SUBMIT, on_click=sign_in.trainer_login)
    sign_in.show_message("narasumber")
