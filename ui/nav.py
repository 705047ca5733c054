"""The app's pages: file paths and titles, shared by app.py and the links between pages."""

from __future__ import annotations

BERANDA = "views/beranda.py"
STUDI_KASUS = "views/studi_kasus.py"
KASUS = "views/kasus.py"
MODUL_DAFTAR = "views/modul_daftar.py"
MODUL = "views/modul.py"
KATALOG = "views/katalog.py"
PERIKSA = "views/periksa_klaim.py"
SIMULASI_BULAN = "views/simulasi_bulan.py"
MASUK = "views/masuk.py"
PIUTANG = "views/piutang.py"
JURNAL = "views/jurnal.py"
BUKU_PIUTANG = "views/buku_piutang.py"
KBK = "views/kbk.py"
CHECKLIST = "views/checklist.py"
SOP = "views/sop.py"
ANGKA_FASILITAS = "views/angka_fasilitas.py"
PENULISAN = "views/penulisan.py"
EKSPOR = "views/ekspor.py"
VERIFIKASI = "views/verifikasi.py"
NARASUMBER = "views/narasumber.py"
DASBOR = "views/dasbor.py"
SUMBER = "views/sumber.py"
ISTILAH = "views/istilah.py"
MEJA = "views/meja.py"

# path -> (title, material icon), in the order the sidebar shows them
PAGES: dict[str, tuple[str, str]] = {
    BERANDA: ("Beranda", ":material/home:"),
    MODUL_DAFTAR: ("Modul Bimtek", ":material/school:"),
    MODUL: ("Modul", ":material/auto_stories:"),
    STUDI_KASUS: ("Studi Kasus", ":material/list_alt:"),
    KASUS: ("Kasus", ":material/assignment:"),
    KATALOG: ("Katalog Aturan", ":material/menu_book:"),
    SUMBER: ("Sumber & Regulasi", ":material/gavel:"),
    ISTILAH: ("Istilah", ":material/dictionary:"),
    PERIKSA: ("Periksa Klaim", ":material/fact_check:"),
    SIMULASI_BULAN: ("Simulasi Bulan", ":material/calendar_month:"),
    MEJA: ("Meja Petugas Klaim", ":material/inbox:"),
    PIUTANG: ("Piutang BPJS", ":material/account_balance:"),
    JURNAL: ("Latihan Jurnal", ":material/edit_note:"),
    BUKU_PIUTANG: ("Buku Piutang", ":material/receipt_long:"),
    KBK: ("Simulasi KBK", ":material/speed:"),
    SOP: ("Penyusun SOP", ":material/rule:"),
    ANGKA_FASILITAS: ("Angka Klaim Fasilitas", ":material/monitoring:"),
    CHECKLIST: ("Checklist Pasca Bimtek", ":material/checklist:"),
    EKSPOR: ("Ekspor & Sertifikat", ":material/download:"),
    PENULISAN: ("Penulisan Skenario", ":material/edit_document:"),
    NARASUMBER: ("Kelas Saya", ":material/co_present:"),
    DASBOR: ("Dasbor Kelas", ":material/dashboard:"),
    MASUK: ("Masuk", ":material/login:"),
    VERIFIKASI: ("Verifikasi Sertifikat", ":material/verified:"),
}

# The sidebar's sections (st.navigation's dict form), in order; a page not listed here goes under "Belajar".
SECTIONS: dict[str, tuple[str, ...]] = {
    "Belajar": (BERANDA, MODUL_DAFTAR, MODUL, KATALOG, SUMBER, ISTILAH),
    "Latihan": (STUDI_KASUS, KASUS, PERIKSA, SIMULASI_BULAN, MEJA, SOP, ANGKA_FASILITAS),
    "Piutang": (PIUTANG, JURNAL, BUKU_PIUTANG, KBK),
    "Evaluasi": (CHECKLIST,),
    "Narasumber": (NARASUMBER, DASBOR, PENULISAN, EKSPOR),
    "Akun": (MASUK, VERIFIKASI),
}
# Pages shown only to a signed-in trainer. Hiding is a courtesy: each of these pages also calls
# ui.roles.require_trainer() itself, so a direct URL by anyone else is refused on the server.
TRAINER_PAGES: frozenset[str] = frozenset(SECTIONS["Narasumber"])
# One case, one module: opened from Studi Kasus / Modul Bimtek (and Beranda's "Lanjutkan"), hidden from the sidebar.
DETAIL_PAGES: frozenset[str] = frozenset({KASUS, MODUL})


def section_of(path: str) -> str:
    return next((name for name, paths in SECTIONS.items() if path in paths), "Belajar")
