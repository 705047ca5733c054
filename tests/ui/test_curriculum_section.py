"""The curriculum section: the Modul Bimtek page (everyone) and the Ekspor page (trainers, with or without a cohort)
show the structure in JPL and offer the curriculum as DOCX and PDF."""

from __future__ import annotations

from bimtek.modules import Kelompok, load_modules
from bimtek.storage import accounts
from bimtek.storage.store import get_store
from tests.ui.conftest import page_texts, problems, run_page
from tests.ui.test_exports_pages import buttons, room  # noqa: F401 - the fixture
from ui import curriculum_view, nav, state

DOWNLOADS = {"Unduh kurikulum (DOCX)", "Unduh kurikulum (PDF)"}
EXPANDER = "Kurikulum pelatihan dan JPL (DOCX/PDF untuk akreditasi)"
MODULES = load_modules().modules


def shows_the_structure(at) -> None:
    text = " ".join(page_texts(at))
    assert EXPANDER in text
    assert "**37 JPL** dari 15 materi, 1 JPL = 45 menit" in text
    for kelompok in Kelompok:
        group = [m for m in MODULES if m.kelompok == kelompok]
        assert f"**{kelompok.label}** ({sum(m.jpl for m in group)} JPL)" in text
    tarif = next(m for m in MODULES if m.id == "tarif")
    assert f"{tarif.judul}: 3\u00a0JPL (T\u00a01 · P\u00a02 · PL\u00a00)" in text  # no break inside a figure
    assert "bukan ketentuan regulasi" in text


def prepare(at):
    """The files are built only when asked for: before that the page offers the button, not the downloads."""
    assert not buttons(at) & DOWNLOADS
    at.button(key=curriculum_view.PREPARE_KEY).click().run()
    assert not at.exception, problems(at)
    assert curriculum_view.PREPARE_KEY not in [b.key for b in at.button]  # asked once, then the files
    return at


def test_the_module_list_offers_the_curriculum_to_anyone(monkeypatch):
    monkeypatch.setenv("BIMTEK_PENYELENGGARA", "Dinas Kesehatan Kabupaten Sleman")
    at = run_page(nav.MODUL_DAFTAR)
    assert not at.exception, problems(at)
    shows_the_structure(at)
    assert buttons(prepare(at)) == DOWNLOADS
    at.run()  # a later rerun keeps the files offered
    assert buttons(at) == DOWNLOADS
    assert "Penyelenggara yang dicetak: Dinas Kesehatan Kabupaten Sleman." in " ".join(page_texts(at))


def test_the_ekspor_page_offers_it_to_a_trainer_with_a_cohort(room):  # noqa: F811
    trainer, *_ = room
    at = run_page(nav.EKSPOR, session={state.TRAINER: trainer})
    assert not at.exception, problems(at)
    shows_the_structure(at)
    assert buttons(prepare(at)) >= DOWNLOADS
    assert "belum diatur (BIMTEK_PENYELENGGARA)" in " ".join(page_texts(at))


def test_a_trainer_without_a_cohort_still_gets_the_curriculum():
    trainer = accounts.create_trainer(get_store(), "rahmat", "sandi-rahasia-2")
    at = run_page(nav.EKSPOR, session={state.TRAINER: trainer})
    assert not at.exception, problems(at)
    assert "Anda belum mempunyai kelas" in " ".join(page_texts(at))
    assert buttons(prepare(at)) == DOWNLOADS


def test_a_module_page_says_where_the_module_sits_in_the_curriculum():
    at = run_page(nav.MODUL, query={"modul": "piutang"})
    assert not at.exception, problems(at)
    assert "Materi Inti · 4 JPL (teori 1, penugasan 2, praktik lapangan 1)" in [c.value for c in at.caption]
