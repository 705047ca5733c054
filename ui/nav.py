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

# path -> (title, material icon), in the order the sidebar shows them
PAGES: dict[str, tuple[str, str]] = {
    BERANDA: ("Beranda", ":material/home:"),
    MODUL_DAFTAR: ("Modul Bimtek", ":material/school:"),
    MODUL: ("Modul", ":material/auto_stories:"),
    STUDI_KASUS: ("Studi Kasus", ":material/list_alt:"),
    KASUS: ("Kasus", ":material/assignment:"),
    KATALOG: ("Katalog Aturan", ":material/menu_book:"),
    PERIKSA: ("Periksa Klaim", ":material/fact_check:"),
    SIMULASI_BULAN: ("Simulasi Bulan", ":material/calendar_month:"),
    PIUTANG: ("Piutang BPJS", ":material/account_balance:"),
    JURNAL: ("Latihan Jurnal", ":material/edit_note:"),
    BUKU_PIUTANG: ("Buku Piutang", ":material/receipt_long:"),
    KBK: ("Simulasi KBK", ":material/speed:"),
    SOP: ("Penyusun SOP", ":material/rule:"),
    ANGKA_FASILITAS: ("Angka Klaim Fasilitas", ":material/monitoring:"),
    CHECKLIST: ("Checklist Pasca Bimtek", ":material/checklist:"),
    MASUK: ("Masuk", ":material/login:"),
}
