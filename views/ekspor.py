"""Ekspor & Sertifikat (narasumber only): a cohort's results as CSV/XLSX, each trainee's PDF, and certificates."""

from functools import partial

import pandas as pd
import streamlit as st

from bimtek.errors import BimtekError
from bimtek.storage import cohorts
from scoring.report_export import XLSX_MIME, cohort_csv, cohort_rows, cohort_xlsx, report_filename, trainee_pdf
from ui import curriculum_view, downloads, export_view, identity, item_stats_view, lms_export_view, roles, state

st.title("Ekspor Hasil & Sertifikat")
trainer = roles.require_trainer()
with st.expander("Kurikulum pelatihan dan JPL (DOCX/PDF untuk akreditasi)", icon=":material/workspace_premium:"):
    curriculum_view.render_section()

classes = cohorts.trainer_cohorts(identity.store(), trainer.id)
if not classes:
    st.info("Anda belum mempunyai kelas. Buat kelas lebih dahulu; hasil pesertanya dapat diekspor di sini.")
    st.stop()
by_id = {c.id: c for c in classes}
cohort = by_id[
    st.selectbox(
        "Kelas", list(by_id), format_func=lambda i: f"{by_id[i].name} ({by_id[i].join_code})", key=state.EXPORT_COHORT
    )
]
results = export_view.cohort_results(cohort.id)
if not results:
    st.info(f"Kelas '{cohort.name}' belum mempunyai peserta.")
    st.stop()

eligible = [r for r in results if r.report.met]
st.markdown(
    f"**{len(results)}** peserta; **{len(eligible)}** memenuhi keempat indikator Checklist Evaluasi Pasca Bimtek."
)
st.dataframe(pd.DataFrame(cohort_rows(results)), hide_index=True)

# Downloads never rerun the page (on_click="ignore") and their bytes are handed over eagerly (ui.downloads says why a
# lazy callable lost files on a busy server); each file is built once per content and session.
st.subheader("Rekap kelas")
titles = item_stats_view.butir_titles(cohort.id)  # the sheet "Statistik Butir" names each question and case
csv_col, xlsx_col = st.columns(2)
csv_col.download_button(
    "Unduh CSV",
    data=cohort_csv(results),
    file_name=report_filename(cohort.name, "hasil", "csv"),
    mime="text/csv",
    key=state.EXPORT_CSV,
    on_click="ignore",
    icon=":material/download:",
)
xlsx_col.download_button(
    "Unduh XLSX (satu sheet per indikator)",
    data=downloads.prepared(state.EXPORT_XLSX, (results, titles), lambda: cohort_xlsx(results, titles)),
    file_name=report_filename(cohort.name, "hasil", "xlsx"),
    mime=XLSX_MIME,
    key=state.EXPORT_XLSX,
    on_click="ignore",
    icon=":material/table_view:",
)

lms_export_view.render(cohort.id, cohort.name)

st.subheader("Laporan per peserta")
names = {r.learner_id: r for r in results}
chosen = names[st.selectbox("Peserta", list(names), format_func=lambda i: names[i].name, key=state.EXPORT_TRAINEE)]
pdf_col, cert_col = st.columns(2)
pdf_col.download_button(
    f"Unduh laporan PDF {chosen.name}",
    data=downloads.prepared(
        state.EXPORT_PDF, (chosen, export_view.today()), lambda: trainee_pdf(chosen, export_view.today())
    ),
    file_name=report_filename(chosen.name, "laporan", "pdf"),
    mime="application/pdf",
    key=state.EXPORT_PDF,
    on_click="ignore",
    icon=":material/picture_as_pdf:",
)
chosen_certificate = export_view.issued(chosen.learner_id)
if chosen_certificate is not None:
    cert_col.download_button(
        f"Unduh sertifikat {chosen.name}",
        data=downloads.prepared(
            state.EXPORT_CERTIFICATE,
            chosen_certificate,
            partial(export_view.certificate_file, chosen_certificate),
        ),
        file_name=report_filename(chosen.name, "sertifikat", "pdf"),
        mime="application/pdf",
        key=state.EXPORT_CERTIFICATE,
        on_click="ignore",
        icon=":material/workspace_premium:",
    )
elif not chosen.report.met:
    cert_col.caption(f"{chosen.name}: {chosen.report.met_count} dari 4 indikator tercapai; belum ada sertifikat.")

st.subheader("Sertifikat")
st.caption(
    "Sertifikat diterbitkan hanya untuk peserta yang memenuhi keempat indikator. Setiap sertifikat memuat kode "
    "verifikasi yang dapat diperiksa siapa saja di halaman Verifikasi Sertifikat, penyelenggara, kelas, tanggal "
    "pelaksanaan, narasumber dengan tempat tanda tangan, dan di halaman belakang modul yang dituntaskan beserta JPL-nya "
    "(teori, penugasan, praktik lapangan; 1 JPL = 45 menit) serta keempat indikator."
)
missing = [
    f"nama penyelenggara ({export_view.ORGANISER_ENV})" if export_view.organiser() is None else "",
    f"alamat publik aplikasi untuk kode QR ({export_view.PUBLIC_URL_ENV})" if export_view.public_url() is None else "",
]
if any(missing):
    st.info(
        "Untuk yang menjalankan server: atur " + " dan ".join(m for m in missing if m) + " sebelum menerbitkan; "
        "tanpa itu baris tersebut tidak dicetak pada sertifikat.",
        icon=":material/settings:",
    )
if st.button(f"Terbitkan sertifikat untuk {len(eligible)} peserta yang memenuhi", key=state.EXPORT_ISSUE):
    for result in eligible:
        try:
            export_view.issue(result)
        except BimtekError as err:
            st.error(str(err))
issued = [c for c in (export_view.issued(r.learner_id) for r in results) if c is not None]
if issued:
    st.dataframe(
        pd.DataFrame([{"nama": c.name, "kode": c.code, "tanggal": c.issued_on.isoformat()} for c in issued]),
        hide_index=True,
    )
    st.download_button(
        f"Unduh {len(issued)} sertifikat (ZIP)",
        data=downloads.prepared(state.EXPORT_ZIP, issued, lambda: export_view.certificates_zip(issued)),
        file_name=report_filename(cohort.name, "sertifikat", "zip"),
        mime="application/zip",
        key=state.EXPORT_ZIP,
        on_click="ignore",
        icon=":material/folder_zip:",
    )
