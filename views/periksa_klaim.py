"""Periksa Klaim: a facility checks its own claim or month of claims with the same rules before sending them."""

from pathlib import Path

import streamlit as st

from bimtek.errors import BimtekError, InputError
from ui import state
from ui.batch import check_upload, render_examples, render_result

st.title("Periksa Klaim")
st.markdown(
    "Unggah satu klaim (YAML atau JSON) atau satu bulan klaim (CSV atau XLSX). Setiap klaim diperiksa dengan "
    "aturan yang sama seperti di studi kasus, sebelum dikirim ke BPJS Kesehatan."
)
render_examples()
uploaded = st.file_uploader("Berkas klaim", type=["yaml", "yml", "json", "csv", "xlsx"], key=state.UPLOAD)
if uploaded is not None:
    try:
        result = check_upload(uploaded.name, uploaded.getvalue())
    except InputError as err:
        st.error(f"Berkas '{uploaded.name}' tidak dapat diperiksa:")
        for problem in err.problems:
            st.error(problem)
    except BimtekError as err:
        st.error(str(err))
    else:
        render_result(result, Path(uploaded.name).stem)
