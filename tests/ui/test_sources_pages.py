"""The Sumber & Regulasi and Istilah pages (AppTest): what a trainee can look up about sources and words."""

from __future__ import annotations

from tests.ui.conftest import page_texts, problems, run_page
from ui import nav, state


def _open(page: str):
    at = run_page(page)
    assert not at.exception, problems(at)
    return at


def test_sources_page_lists_current_and_revoked_instruments_with_where_they_are_cited():
    at = _open(nav.SUMBER)
    text = "\n".join(page_texts(at))
    assert ":green-badge[Berlaku] **Keputusan Menteri Kesehatan Nomor HK.01.07/MENKES/1186/2022**" in text
    assert ":red-badge[Dicabut] **Keputusan Menteri Kesehatan Nomor HK.02.02/MENKES/514/2015**" in text
    assert "Dicabut oleh KMK HK.01.07/MENKES/1186/2022." in text
    block = next(m.value for m in at.markdown if m.value.startswith("**Modul**") and "Regulasi Klaim FKTP" in m.value)
    assert "Jenis-Jenis Klaim di FKTP" in block or "Regulasi Klaim FKTP" in block
    assert any("**Aturan verifikasi**" in m.value for m in at.markdown)  # rules cite sources too
    assert "seed" not in text and "facts §" not in text


def test_sources_page_filters_by_status_and_search():
    at = _open(nav.SUMBER)
    at.multiselect(key=state.SOURCE_STATUS).set_value(["Dicabut"]).run()
    text = "\n".join(page_texts(at))
    assert "514/2015" in text and "1186/2022**" not in text
    at.multiselect(key=state.SOURCE_STATUS).set_value([]).run()
    at.text_input(key=state.SOURCE_SEARCH).set_value("tidak ada sumber seperti ini").run()
    assert any("Tidak ada sumber yang cocok" in i.value for i in at.info)


def test_glossary_page_defines_the_words_and_names_what_is_not_used():
    at = _open(nav.ISTILAH)
    text = "\n".join(page_texts(at))
    assert "**entri**:" in text and "~~entry~~" in text
    assert "**diagnosa**:" in text and "diagnosis" in text  # the P-Care label, with the KBBI form named
    at.text_input(key=state.TERM_SEARCH).set_value("kedaluwarsa").run()
    shown = [m.value for m in at.markdown if m.value.startswith("**")]
    assert shown and all("kedaluwarsa" in m.lower() for m in shown)


def test_a_module_page_links_to_the_glossary_and_the_sources():
    at = run_page(nav.MODUL, query={"modul": "jenis-klaim"})
    assert not at.exception, problems(at)
    links = [link.proto.page for link in at.get("page_link")]
    assert {"istilah", "sumber"} <= set(links)
