"""The Ekspor page's LMS section: the course as a SCORM 1.2 package and a cohort's work as xAPI statements."""

from __future__ import annotations

import streamlit as st

from bimtek.errors import BimtekError
from bimtek.scorm import MASTERY_PERCENT, build_package
from bimtek.storage.learning_records import learning_records
from bimtek.xapi import Catalogue, base_iri, build_statements, to_jsonl
from scoring.report_export import report_filename
from ui import downloads, identity
from ui.content import scenarios_result
from ui.module_view import modules_result

# Widget keys of this section (kept here, not in ui/state.py, so the section stays one file to merge).
SCORM_DOWNLOAD = "ekspor_scorm"
XAPI_DOWNLOAD = "ekspor_xapi"


def render(cohort_id: int, cohort_name: str) -> None:
    st.subheader("LMS (SCORM dan xAPI)")
    st.caption(
        f"Paket SCORM 1.2 berisi semua modul (pelajaran dan latihan, nilai lulus {MASTERY_PERCENT}) untuk diunggah ke "
        "LMS seperti Moodle. Pernyataan xAPI berisi pekerjaan peserta kelas ini (JSON Lines) untuk LRS; peserta "
        "dikenali dengan akun samaran, tanpa nama, email atau nomor kartu."
    )
    modules = modules_result().modules
    scorm_col, xapi_col = st.columns(2)
    ids = tuple(m.model_dump_json() for m in modules)
    scorm_col.download_button(
        "Unduh paket SCORM (seluruh kursus)",
        data=downloads.prepared(SCORM_DOWNLOAD, ids, lambda: build_package(modules).data),
        file_name="bimtek-klaim-bpjs-scorm12.zip",
        mime="application/zip",
        key=SCORM_DOWNLOAD,
        on_click="ignore",
        icon=":material/school:",
    )
    try:
        base = base_iri()
    except BimtekError as err:
        xapi_col.error(str(err))
        return
    records = learning_records(identity.store(), cohort_id)
    catalogue = Catalogue(
        {m.id: m.judul for m in modules},
        {m.id: {e.id: e.judul for e in m.latihan} for m in modules},
        {s.id: s.judul for s in scenarios_result().scenarios},
    )
    xapi_col.download_button(
        "Unduh pernyataan xAPI (JSON Lines)",
        data=downloads.prepared(
            XAPI_DOWNLOAD, (base, records), lambda: to_jsonl(build_statements(records, catalogue, base))
        ),
        file_name=report_filename(cohort_name, "xapi", "jsonl"),
        mime="application/x-ndjson",
        key=XAPI_DOWNLOAD,
        on_click="ignore",
        icon=":material/data_object:",
    )
