"""Every st.session_state key and widget key the app uses, in one place."""

from __future__ import annotations

from bimtek import lan

# --- plain session state (not widgets) -------------------------------------------------------
OPEN_CASE = "open_case"  # id of the case last opened in this session
ATTEMPT = "attempt"  # the running attempt: {"scenario": id, "started": epoch seconds, "number": n}
RESULT = "result"  # the graded attempt shown after submitting: {"scenario": id, "grade": Grade}
LEARNER = "learner"  # the ui.identity.Learner this session works for (its work lives in the store)
TRAINER = "narasumber"  # the bimtek.storage.accounts.TrainerInfo signed in on this session (ui/identity.py)
TRAINER_TOKEN = "narasumber_sesi"  # the raw token of the trainer's stored session (also in the URL as ?sesi=)
LEARNER_TOKEN = "peserta_akses"  # the raw token of a PIN-protected learner's session (also in the URL as ?akses=)
LINK_LEARNER = "tautan_peserta"  # (id, name) of a PIN-protected profile named by a bare ?peserta= link: asks the PIN
LINK_MESSAGE = "tautan_pesan"  # the outcome of the link's PIN prompt, shown once
PLACE = "tempat_terakhir"  # the place last noted in the store for this session, so an unchanged one is not rewritten
LAND_ON_BERANDA = "masuk_ke_beranda"  # set by a cohort join/resume callback: Masuk switches to Beranda
SIGN_IN_MESSAGE = "masuk_pesan"  # (form, "success"|"error", text) left by a sign-in callback for the page to show

# --- sign-in (views/masuk.py, ui/identity.py) ------------------------------------------------
PROFILE_PREFIX = "profil_"  # + identity.profile_key(id): "Lanjutkan sebagai <nama>" in this device's profile list
PROFILE_PIN_PREFIX = "profil_pin_"  # + identity.profile_key(id): the PIN beside a profile that has one
LINK_PIN = "tautan_pin"  # the PIN asked for a PIN-protected profile opened by its link
LINK_PIN_SUBMIT = "tautan_pin_buka"
NEW_NAME = "masuk_nama_baru"
NEW_PIN = "masuk_pin_baru"
NEW_SUBMIT = "masuk_buat_profil"
RESUME_NAME = "masuk_nama_lanjut"
RESUME_PIN = "masuk_pin_lanjut"
RESUME_SUBMIT = "masuk_lanjutkan"
JOIN_CODE = "masuk_kode_kelas"
JOIN_NAME = "masuk_nama_kelas"
JOIN_PIN = "masuk_pin_kelas"
JOIN_SUBMIT = "masuk_gabung"
REJOIN_CODE = "masuk_kode_lanjut"
REJOIN_NAME = "masuk_nama_lanjut_kelas"
REJOIN_PIN = "masuk_pin_lanjut_kelas"
REJOIN_SUBMIT = "masuk_lanjut_kelas"
SET_PIN = "masuk_pin_atur"
SET_PIN_SUBMIT = "masuk_atur_pin"
SIGN_OUT = "masuk_keluar"
TRAINER_USER = "masuk_narasumber_nama"
TRAINER_PASSWORD = "masuk_narasumber_sandi"
TRAINER_SUBMIT = "masuk_narasumber"
TRAINER_SIGN_OUT = "keluar_narasumber"

# --- navigation and lists --------------------------------------------------------------------
CASE_SELECT = "pilih_kasus"
CASE_QUERY = "kasus"  # the URL's ?kasus=<scenario id> (a shipped case, a cohort's, or a generated variant)
OPEN_PREFIX = "buka_"  # + scenario id: the "Buka" button of a case in the list
RESUME_LINK = "lanjutkan"
FILTER_MODUL = "filter_modul"
FILTER_JENIS = "filter_jenis"
FILTER_TINGKAT = "filter_tingkat"
FILTER_STATUS = "filter_status"
RULE_SEARCH = "cari_aturan"
SOURCE_SEARCH = "cari_sumber"
SOURCE_STATUS = "status_sumber"
TERM_SEARCH = "cari_istilah"
UPLOAD = "unggah_klaim"
DOWNLOAD_CSV = "unduh_csv"
DOWNLOAD_XLSX = "unduh_xlsx"
DOWNLOAD_FULL_CARD = "unduh_kartu_lengkap"
UPLOAD_RESULT = "hasil_unggah"  # (file name, SHA-256) and its BatchResult, so a rerun does not verify again
DOWNLOAD_EXAMPLE = "unduh_contoh"
BATCH_STATUS_FILTER = "periksa_saring_status"  # Periksa Klaim's table: filters, page and the claim opened
BATCH_RULE_FILTER = "periksa_saring_aturan"
BATCH_SERVICE_FILTER = "periksa_saring_layanan"
BATCH_FACILITY_FILTER = "periksa_saring_fasilitas"
BATCH_PAGE = "periksa_halaman"
BATCH_DETAIL = "periksa_rincian"
DOWNLOAD_FACILITIES = "unduh_per_fasilitas"
RETRY = "coba_lagi"
RETRY_NOTE = "coba_lagi_catatan"  # plain state: what "Coba lagi" opened, told once on the next case
RESULT_BOX = "hasil"  # the container around a graded attempt

# --- the answer form on the case page; every key starts with FORM_PREFIX so a reset can clear them all
FORM_PREFIX = "form_"
FORM = "form_klaim"  # the container around the answer form
FINDING_ROWS = "form_temuan_jumlah"  # plain state: how many finding rows the form shows
FINDING_BOX_PREFIX = "form_temuan_kotak_"  # + row index: the container around one finding
FINDING_FIELDS_PREFIX = "form_temuan_bagian_"  # + row index
FINDING_CATEGORY_PREFIX = "form_temuan_jenis_"  # + row index
FINDING_NOTE_PREFIX = "form_temuan_catatan_"  # + row index
# The finding rows' buttons: outside FORM_PREFIX on purpose, since a button's value cannot be set and drafts
# (ui/drafts.py of the "drafts survive" work) save and restore every FORM_PREFIX key
FINDING_REMOVE_PREFIX = "temuan_hapus_"  # + row index
FINDING_ADD = "temuan_tambah"
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
FOTO_PREFIX = "form_foto_"  # + index of the attachable Prolanis photo
KONSUMSI = "form_konsumsi_prolanis"

# --- simulated month (views/simulasi_bulan.py, ui/month_view.py) -----------------------------
MONTH_UNSAVED = "bulan_belum_disimpan"  # a guest's drawn month until their first action saves it
MONTH_PICK = "bulan_pilih_klaim"
MONTH_PREV = "bulan_sebelumnya"
MONTH_NEXT = "bulan_berikutnya"
MONTH_ACTION_PREFIX = "bulan_tindakan_"  # + no_klaim: the actions chosen for one claim of the month
MONTH_SUBMIT = "bulan_kirim"
MONTH_NEW = "bulan_baru"
MONTH_RESULT_BOX = "bulan_hasil"  # the container around the scored month

# --- piutang: journal exercises, ledger, KBK panel (views/jurnal.py, buku_piutang.py, kbk.py) --
JOURNAL_PICK = "jurnal_pilih"  # fixed situation id or generated kind
JOURNAL_SEEDS = "jurnal_seed"  # plain state: {kind: seed} of the generated situation shown
JOURNAL_NEW = "jurnal_situasi_lain"
JOURNAL_EDITOR_PREFIX = "jurnal_editor_"  # + situation id + "__" + step id
JOURNAL_SUBMIT = "jurnal_periksa"
JOURNAL_RESULT = "jurnal_hasil"  # plain state: {"situation": id, "posted": {step id: [[akun, debit, kredit]]}}
LEDGER_SOURCE = "buku_sumber"
LEDGER_COUNT = "buku_jumlah_klaim"
LEDGER_SEED = "buku_seed"
LEDGER_AS_OF_GENERATED = "buku_per_simulasi"
LEDGER_AS_OF_MINE = "buku_per_simulasi_saya"
LEDGER_AS_OF_UPLOAD = "buku_per_unggah"
LEDGER_CLAIMS = "buku_unggah_klaim"
LEDGER_PAYMENTS = "buku_unggah_bayar"
LEDGER_DOWNLOAD = "buku_unduh_xlsx"
LEDGER_DOWNLOAD_CLAIMS = "buku_unduh_klaim"
LEDGER_DOWNLOAD_PAYMENTS = "buku_unduh_bayar"
LEDGER_EXAMPLE_CLAIMS = "buku_contoh_klaim"
LEDGER_EXAMPLE_PAYMENTS = "buku_contoh_bayar"
KBK_TYPE = "kbk_jenis"
KBK_RATIO = "kbk_rasio_dokter"
KBK_DENTIST = "kbk_dokter_gigi"
KBK_PARTICIPANTS = "kbk_peserta"
KBK_AK = "kbk_angka_kontak"
KBK_RRNS = "kbk_rrns"
KBK_RPPT = "kbk_rppt"

# --- checklist, SOP builder, facility figures (views/checklist.py, views/sop.py, views/angka_fasilitas.py) --
SOP_FACILITY = "sop_fasilitas"
SOP_STEPS = "sop_langkah"  # the steps table (st.data_editor)
SOP_STEPS_INITIAL = "sop_langkah_awal"  # the table the editor started from (kept stable while it is on screen)
SOP_CONTROLS = "sop_kontrol_tenggat"
SOP_COMMON = "sop_kesalahan_umum"
SOP_RULES = "sop_aturan"
SOP_PREPARED_BY = "sop_disusun_oleh"
SOP_PREPARER_ROLE = "sop_jabatan_penyusun"
SOP_APPROVED_BY = "sop_disetujui_oleh"
SOP_DATE = "sop_tanggal_berlaku"
SOP_DOCX = "sop_unduh_docx"
SOP_PDF = "sop_unduh_pdf"
SOP_OWNER = "sop_milik"  # learner id whose saved SOP filled the widgets
FIGURES_UPLOAD = "angka_unggah"
FIGURES_IMPORTED = "angka_diimpor"  # file_id of the CSV last imported, so a rerun does not import it again
FIGURES_VERSION = "angka_versi"  # bumped by an import: a new editor key starts from the imported rows
FIGURES_INITIAL = "angka_awal"  # the rows the editor started from
FIGURES_EDITOR = "angka_tabel_"  # + version
FIGURES_OWNER = "angka_milik"  # learner id whose saved figures filled the editor
FIGURES_DOWNLOAD = "angka_unduh"
FIGURES_TEMPLATE = "angka_contoh"
JOURNAL_FORM = "jurnal_form"
JOURNAL_STACKED = "jurnal_isian_bertumpuk"  # the journal as stacked fields per line (default on a phone)
JOURNAL_START = "jurnal_draf_awal"  # plain state: {pick: draft} the journal tables started from in this session

# --- modules and exercises (views/modul_daftar.py, views/modul.py, ui/module_view.py, ui/exercise_view.py) --
MODULE_SELECT = "pilih_modul"
MODULE_OPEN_PREFIX = "buka_modul_"  # + module id: the "Buka" button of a module in the list
EXERCISE_ROUNDS = "latihan_putaran"  # plain state: {"<module>/<exercise>": ui.exercise_view.Round}
EXERCISE_SALT = "latihan_acak"  # plain state: per-session random token mixed into the draw
EXERCISE_PREFIX = "latihan_"  # + module_exercise_round_item: the answer form of one drawn item (and its widgets)
EXERCISE_NEW_PREFIX = "latihan_lain_"  # + module_exercise: "Soal lain"

# --- exports, certificates, verification (views/ekspor.py, views/verifikasi.py, ui/export_view.py) --
CHECKLIST_PDF = "checklist_unduh_pdf"
CHECKLIST_CERTIFICATE = "checklist_unduh_sertifikat"
EXPORT_COHORT = "ekspor_kelas"
EXPORT_CSV = "ekspor_csv"
EXPORT_XLSX = "ekspor_xlsx"
EXPORT_TRAINEE = "ekspor_peserta"
EXPORT_PDF = "ekspor_pdf"
EXPORT_ISSUE = "ekspor_terbitkan"
EXPORT_CERTIFICATE = "ekspor_sertifikat"
EXPORT_ZIP = "ekspor_sertifikat_zip"
VERIFY_CODE = "verifikasi_kode"
VERIFY_SUBMIT = "verifikasi_periksa"
VERIFY_FORM = "verifikasi_form"

# --- scenario authoring (views/penulisan.py, trainer only) ------------------------------------
AUTHOR_UPLOAD = "tulis_unggah"
AUTHOR_TEXT = "tulis_teks"
AUTHOR_COHORT = "tulis_kelas_"  # + the add button's key
AUTHOR_ADD = "tulis_tambah"
AUTHOR_SOURCE = "tulis_sumber_varian"
AUTHOR_SEED = "tulis_seed"
AUTHOR_VARIANT = "tulis_varian"
AUTHOR_VARIANT_DOWNLOAD = "tulis_unduh_"  # + variant id
AUTHOR_VARIANT_ADD = "tulis_tambah_varian_"  # + variant id
AUTHOR_LIBRARY_COHORT = "tulis_pustaka_kelas"
AUTHOR_REMOVE = "tulis_hapus_"  # + scenario id: asks for confirmation
AUTHOR_REMOVE_CONFIRM = "tulis_hapus_ya_"  # + scenario id
AUTHOR_REMOVE_CANCEL = "tulis_hapus_batal_"  # + scenario id
AUTHOR_REMOVE_PENDING = "tulis_hapus_menunggu"  # (cohort id, scenario id) awaiting confirmation
AUTHOR_REMOVE_MESSAGE = "tulis_hapus_pesan"

# --- trainer pages (views/narasumber.py, views/dasbor.py, ui/trainer_view.py, ui/dashboard_view.py) ---------------
COHORT_NAME = "kelas_nama_baru"
COHORT_CREATE = "kelas_buat"
COHORT_FORM = "kelas_form"
COHORT_SHOWN = "kelas_tampil"  # the cohort id whose join code is on the projector
COHORT_URL = "kelas_alamat_aplikasi"  # the app's address trainees' devices reach (encoded in the QR code)
DASHBOARD_COHORT = "dasbor_kelas"
REMEDY_RULE = "dasbor_aturan"
REMEDY_KIND = "dasbor_jenis_tugas"
REMEDY_TARGET = "dasbor_sasaran"
REMEDY_ASSIGN = "dasbor_tugaskan"
HEATMAP = "dasbor_peta"  # the error heatmap's selection event (a cell click picks the remediation rule)
REMEDY_FOCUS = "dasbor_sel_peserta"  # the learner id of the clicked heatmap cell
REMEDY_ONLY = "dasbor_hanya_peserta"  # assign to the clicked trainee only
REMEDY_FROM_CELL = "dasbor_dari_sel"  # set by the cell click: rerun the whole page so the form below follows
JOIN_QUERY = lan.JOIN_QUERY  # ?kelas=<join code> on Masuk (the QR code's link) opens the cohort tab, code filled in

# --- trainee accounts on the cohort page (ui/accounts_view.py) ------------------------------
ACCOUNT_MEMBER = "akun_peserta"  # index of the chosen trainee in the cohort's member list
ACCOUNT_RESET = "akun_atur_ulang_pin"
ACCOUNT_UNLOCK = "akun_buka_kunci"
ACCOUNT_MESSAGE = "akun_pesan"  # ("success"|"error", text) left by the last account action, shown once

# --- spaced review on Beranda (ui/review_view.py) and Meja petugas klaim (views/meja.py, ui/desk_view.py) ----------
REVIEW_CARDS = "ulangan_kartu"  # plain state: a guest's review cards {rule: bimtek.review.Card}, this session only
REVIEW_FEEDBACK = "ulangan_umpan_balik"  # plain state: the last review answer's feedback, shown until "Lanjut"
REVIEW_FORM = "ulangan_form"
REVIEW_DECISION = "ulangan_keputusan"
REVIEW_CATEGORY = "ulangan_alasan"
REVIEW_SUBMIT = "ulangan_periksa"
REVIEW_NEXT = "ulangan_lanjut"
DESK_SHEET = "meja_lembar"  # plain state: {"source", "seed", "started": epoch seconds, "keep": bool}
DESK_UPLOADED = "meja_lembar_fasilitas"  # plain state: the facility's sheet (bimtek.desk.Sheet), never stored unasked
DESK_RESULT = "meja_hasil"  # plain state: {"sheet": Sheet, "result": DeskResult, "decisions": {i: Decision}}
DESK_SOURCE = "meja_sumber"
DESK_UPLOAD = "meja_unggah"
DESK_KEEP = "meja_simpan_klaim"
DESK_USE_UPLOAD = "meja_pakai_unggahan"
DESK_NEW = "meja_lembar_baru"
DESK_FORM = "meja_form"
DESK_SUBMIT = "meja_kirim"
DESK_CLAIM_PREFIX = "meja_klaim_"  # + index: the container of one claim on the sheet
DESK_DECISION_PREFIX = "meja_keputusan_"  # + index
DESK_CATEGORY_PREFIX = "meja_alasan_"  # + index
DESK_RESULT_BOX = "meja_hasil_lembar"
REVIEW_ITEM_BOX = "ulangan_butir"  # the container of the review item on Beranda
REVIEW_RESULT_BOX = "ulangan_hasil"  # the container of its feedback
