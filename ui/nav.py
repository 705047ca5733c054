"""The app's pages: file paths and titles, shared by app.py and the links between pages."""

from __future__ import annotations

BERANDA = "views/beranda.py"
STUDI_KASUS = "views/studi_kasus.py"
KASUS = "views/kasus.py"
KATALOG = "views/katalog.py"
PERIKSA = "views/periksa_klaim.py"

# path -> (title, material icon), in the order the sidebar shows them
PAGES: dict[str, tuple[str, str]] = {
    BERANDA: ("Beranda", ":material/home:"),
    STUDI_KASUS: ("Studi Kasus", ":material/list_alt:"),
    KASUS: ("Kasus", ":material/assignment:"),
    KATALOG: ("Katalog Aturan", ":material/menu_book:"),
    PERIKSA: ("Periksa Klaim", ":material/fact_check:"),
}
