"""Every st.session_state key and widget key the app uses, in one place."""

from __future__ import annotations

# --- plain session state (not widgets) -------------------------------------------------------
OPEN_CASE = "open_case"  # id of the case last opened in this session
ATTEMPT = "attempt"  # the running attempt: {"scenario": id, "started": epoch seconds, "number": n}
RESULT = "result"  # the graded attempt shown after submitting: {"scenario": id, "grade": Grade}
PROGRESS = "progress"  # attempts, exercise results and saved documents of this session (ui/progress.py)
LEARNER = "learner"  # the ui.progress.Learner this session works for

# --- navigation and lists --------------------------------------------------------------------
CASE_SELECT = "pilih_kasus"
OPEN_PREFIX = "buka_"  # + scenario id: the "Buka" button of a case in the list
RESUME_LINK = "lanjutkan"
FILTER_MODUL = "filter_modul"
FILTER_JENIS = "filter_jenis"
FILTER_TINGKAT = "filter_tingkat"
FILTER_STATUS = "filter_status"
RULE_SEARCH = "cari_aturan"
UPLOAD = "unggah_klaim"
DOWNLOAD_CSV = "unduh_csv"
DOWNLOAD_XLSX = "unduh_xlsx"
DOWNLOAD_EXAMPLE = "unduh_contoh"
RETRY = "coba_lagi"
RESULT_BOX = "hasil"  # the container around a graded attempt

# --- the answer form on the case page; every key starts with FORM_PREFIX so a reset can clear them all
FORM_PREFIX = "form_"
FORM = "form_klaim"  # the container around the answer form
FLAGGED = "form_cacat"
WITHDRAW = "form_tidak_diajukan"
SUBMIT = "form_kirim"
KELUHAN = "form_keluhan"
ANAMNESA = "form_anamnesa"
SADAR = "form_kd_sadar"
VITAL_PREFIX = "form_vital_"  # + TandaVital field name
DIAGNOSA_PREFIX = "form_diagnosa_"  # + 0..2
TINDAKAN_PREFIX = "form_tindakan_"  # + index in the submitted claim
TERAPI_PREFIX = "form_terapi_"  # + index in the submitted claim
TKP = "form_kd_tkp"
POLI = "form_kd_poli"
STATUS_PULANG = "form_kd_status_pulang"
DOKTER = "form_kd_dokter"
RUJUK_PPK = "form_rujukan_ppk"
TACC = "form_rujukan_tacc"
TACC_ALASAN = "form_rujukan_alasan"
TGL_DAFTAR = "form_tgl_daftar"
TGL_PULANG = "form_tgl_pulang"
TGL_ENTRI = "form_tgl_entri"
TGL_PENGAJUAN = "form_tgl_pengajuan"
JENIS_KLAIM = "form_jenis_klaim"
LAYANAN = "form_layanan"
JUMLAH = "form_jumlah_diajukan"
LAMA_RAWAT = "form_lama_rawat_hari"
HARI_PONED = "form_hari_poned"
KUNJUNGAN_KE = "form_kunjungan_ke"
TIM_DOKTER = "form_tim_ada_dokter"
TIM_NAKES = "form_tim_jumlah_nakes"
LAB_PREFIX = "form_lab_"  # + index of the attachable lab result
DOKUMEN_PREFIX = "form_dokumen_"  # + index of the attachable document
