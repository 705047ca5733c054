"""Meja Petugas Klaim: a day sheet of 20 claims to pass or return, timed, graded on precision and recall."""

import streamlit as st

from bimtek.desk import FASILITAS, MAX_DEFECTIVE, MIN_DEFECTIVE, SHEET_SIZE
from bimtek.errors import BimtekError, InputError
from bimtek.io import read_claims
from bimtek.limits import MAX_UPLOAD_BYTES, size_text
from ui import desk_view, state
from ui.theme import inject_css

inject_css()
st.title("Meja Petugas Klaim")
st.markdown(
    f"Satu hari di meja verifikasi: {SHEET_SIZE} klaim masuk. Sebagian besar benar; beberapa cacat. Putuskan setiap "
    "klaim: **layak bayar** atau **kembalikan** (klaim yang seharusnya ditolak juga dikembalikan), dan untuk klaim "
    "yang dikembalikan pilih alasannya. Temuan verifikator dibuka setelah Anda mengirim lembar. Nilai: presisi "
    "(berapa dari yang Anda kembalikan memang cacat) dan recall (berapa dari klaim cacat yang Anda kembalikan)."
)

with st.expander("Pakai bulan klaim fasilitas Anda sendiri"):
    st.markdown(
        f"Unggah satu bulan klaim (CSV atau XLSX, format yang sama dengan Periksa Klaim; paling besar "
        f"{size_text(MAX_UPLOAD_BYTES)}). {SHEET_SIZE} klaim diambil acak sebagai lembar. Berkas tidak disimpan; "
        "klaimnya hanya disimpan bersama hasil bila Anda memilihnya di bawah."
    )
    uploaded = st.file_uploader("Berkas bulan klaim", type=["csv", "xlsx"], key=state.DESK_UPLOAD)
    keep = st.checkbox(
        "Simpan klaim lembar ini bersama hasil (nama peserta dan nomor kartu ikut tersimpan)", key=state.DESK_KEEP
    )
    if uploaded is not None and st.button("Pakai sebagai lembar", key=state.DESK_USE_UPLOAD):
        try:
            with st.spinner("Membaca dan memeriksa klaim..."):
                claims = read_claims(uploaded.name, uploaded.getvalue())
                if claims:
                    desk_view.start_facility_sheet(claims, keep)
        except InputError as err:
            st.error(f"Berkas tidak dapat dipakai ({len(err.problems)} masalah):")
            st.code("\n".join(err.problems), language=None)  # plain text: values from the file are never markdown
        except BimtekError as err:
            st.error(str(err))
        else:
            if not claims:
                st.error("Berkas tidak berisi klaim.")

sheet, info = desk_view.current_sheet()
where = (
    "bulan fasilitas Anda"
    if sheet.source == FASILITAS
    else f"latihan nomor {sheet.seed} ({MIN_DEFECTIVE}-{MAX_DEFECTIVE} klaim cacat)"
)
st.markdown(f"**Lembar {where}** · {sheet.n} klaim")
st.button("Lembar baru", key=state.DESK_NEW, on_click=desk_view.start_practice_sheet)

done = st.session_state.get(state.DESK_RESULT)
if done is not None and done["sheet"] == sheet:
    desk_view.render_result(done["sheet"], done["result"], done["decisions"])
else:
    desk_view.render_clock(float(info["started"]))
    desk_view.render_sheet(sheet, info)
desk_view.render_history()
