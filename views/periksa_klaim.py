"""Periksa Klaim: a facility checks its own claim or month of claims with the same rules before sending them."""

from pathlib import Path

import streamlit as st

from bimtek.errors import BimtekError, InputError
from bimtek.io import file_label
from bimtek.limits import MAX_UPLOAD_BYTES, size_text
from ui import state
from ui.batch import checked_upload, render_examples, render_problems, render_result

st.title("Periksa Klaim")
st.markdown(
    "Unggah satu klaim (YAML atau JSON), satu bulan klaim (CSV atau XLSX; juga beberapa fasilitas dalam satu "
    "berkas), atau data kunjungan P-Care (JSON yang dikirim SIMRS/SIMPUS lewat bridging, satu kunjungan atau daftar "
    "kunjungan). Setiap klaim diperiksa dengan aturan yang sama seperti di studi kasus, sebelum dikirim ke BPJS "
    f"Kesehatan. Ukuran berkas paling besar {size_text(MAX_UPLOAD_BYTES)}."
)
render_examples()
uploaded = st.file_uploader("Berkas klaim", type=["yaml", "yml", "json", "csv", "xlsx"], key=state.UPLOAD)
if uploaded is not None:
    label = file_label(uploaded.name)
    try:
        result = checked_upload(uploaded.name, uploaded.getvalue())
    except InputError as err:
        render_problems(err.problems)
    except BimtekError as err:
        st.error(str(err))
    except (RecursionError, MemoryError, ValueError, ArithmeticError, OSError) as err:
        # The readers report every problem of a file as an InputError; this last guard keeps a stack trace (and
        # any value from the file) off the page.
        st.error(f"Berkas tidak dapat diproses ({type(err).__name__}); periksa isinya atau bagi menjadi berkas lebih kecil.")  # fmt: skip
    else:
        render_result(result, Path(label).stem)
