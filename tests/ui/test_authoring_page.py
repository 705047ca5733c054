"""Penulisan Skenario: a trainer pastes a scenario, sees its problems or its preview, adds it to a cohort's library;
the cohort's trainees then find it in Studi Kasus; anyone else is refused."""

from __future__ import annotations

import pytest

from bimtek.content import SCENARIO_DIR
from bimtek.storage import accounts, cohorts
from bimtek.storage.store import get_store
from tests.ui.conftest import page_texts, problems, run_page
from ui import nav, state
from ui.identity import Learner

SOURCE = (SCENARIO_DIR / "dbd-ranap-tanpa-lab.yaml").read_text(encoding="utf-8")
AUTHORED = SOURCE.replace("id: dbd-ranap-tanpa-lab", "id: dbd-karangsari").replace(
    'judul: "Puskesmas Perkotaan:', 'judul: "Puskesmas Karangsari:'
)
TITLE = "Puskesmas Karangsari: klaim rawat inap DBD tanpa hasil trombosit"


@pytest.fixture
def room():
    store = get_store()
    trainer = accounts.create_trainer(store, "siti", "sandi-rahasia-1")
    cohort = accounts.create_cohort(store, "Bimtek Klaim Oktober", "siti")
    other = accounts.create_cohort(store, "Bimtek Klaim November", "siti")
    return trainer, cohort, other


def _trainee(cohort) -> Learner:
    info = accounts.join_cohort(get_store(), cohort.join_code, "Rina Wati", "4821")
    return Learner(id=info.id, name=info.name, cohort=info.cohort_name)


def _paste(at, text: str):
    at.text_area(key=state.AUTHOR_TEXT).set_value(text).run()
    assert not at.exception, problems(at)
    return at


def test_a_non_trainer_is_refused(room):
    at = run_page(nav.PENULISAN)
    assert not at.exception, problems(at)
    assert any("khusus narasumber" in e.value for e in at.error)
    assert not at.text_area and not at.button


def test_a_broken_paste_lists_every_problem_as_file_location_message_and_the_app_keeps_running(room):
    trainer, _, _ = room
    at = run_page(nav.PENULISAN, session={state.TRAINER: trainer})
    broken = AUTHORED.replace("tgl_daftar: 2026-10-03", "tgl_daftar: 2026-13-03").replace(
        "tingkat: dasar", "tingkat: sulit"
    )
    _paste(at, broken)
    lines = at.code[0].value.splitlines()
    assert "tempel.yaml: klaim.kunjungan.tgl_daftar: '2026-13-03' bukan tanggal (format YYYY-MM-DD)" in lines
    assert any(line.startswith("tempel.yaml: tingkat: 'sulit' nilai tidak dikenal") for line in lines)
    assert not any(b.label == "Tambahkan ke pustaka kohort" and b.key == state.AUTHOR_ADD for b in at.button)
    _paste(at, "id: x\njudul: [tidak ditutup\n")
    assert at.code[0].value.startswith("tempel.yaml: baris")


def test_a_shipped_id_is_refused_so_a_library_case_cannot_shadow_it(room):
    trainer, _, _ = room
    at = _paste(run_page(nav.PENULISAN, session={state.TRAINER: trainer}), SOURCE)
    assert "tempel.yaml: id: 'dbd-ranap-tanpa-lab' sudah dipakai skenario bawaan" in at.code[0].value


def test_trainer_previews_adds_to_a_cohort_and_its_trainee_sees_it_in_studi_kasus(room):
    trainer, cohort, other = room
    at = _paste(run_page(nav.PENULISAN, session={state.TRAINER: trainer}), AUTHORED)
    texts = " ".join(page_texts(at))
    assert f"Pratinjau: {TITLE}" in texts
    assert any("Kunci jawaban" in e.label for e in at.expander)
    assert "EV01" in texts  # the key, inside the trainer's expander
    at.selectbox(key=state.AUTHOR_COHORT + state.AUTHOR_ADD).set_value(cohort.id).run()
    at.button(key=state.AUTHOR_ADD).click().run()
    assert not at.exception, problems(at)
    assert any("ditambahkan ke pustaka kelas Bimtek Klaim Oktober" in s.value for s in at.success)
    assert [sid for sid, _ in cohorts.library_scenarios(get_store(), cohort.id)] == ["dbd-karangsari"]

    rina = _trainee(cohort)
    mine = run_page(nav.STUDI_KASUS, session={state.LEARNER: rina})
    assert any(b.key == state.OPEN_PREFIX + "dbd-karangsari" for b in mine.button)
    case = run_page(nav.KASUS, session={state.LEARNER: rina}, query={"kasus": "dbd-karangsari"})
    assert not case.exception, problems(case)
    assert case.title[0].value == TITLE

    elsewhere = accounts.join_cohort(get_store(), other.join_code, "Budi", "5930")
    theirs = run_page(nav.STUDI_KASUS, session={state.LEARNER: Learner(elsewhere.id, "Budi", other.name)})
    assert not any(b.key == state.OPEN_PREFIX + "dbd-karangsari" for b in theirs.button)
    assert not any(b.key == state.OPEN_PREFIX + "dbd-karangsari" for b in run_page(nav.STUDI_KASUS).button)


def test_variant_generator_previews_a_variant_and_adds_it_to_the_library(room):
    trainer, cohort, _ = room
    at = run_page(nav.PENULISAN, session={state.TRAINER: trainer})
    at.selectbox(key=state.AUTHOR_SOURCE).set_value("persalinan-tanpa-dokter-800rb").run()
    variant = "persalinan-tanpa-dokter-800rb-partograf-tanpa-ttd"
    at.selectbox(key=state.AUTHOR_VARIANT).set_value(variant).run()
    assert not at.exception, problems(at)
    assert any("DK02" in t for t in page_texts(at))
    add = state.AUTHOR_VARIANT_ADD + variant
    at.selectbox(key=state.AUTHOR_COHORT + add).set_value(cohort.id).run()
    at.button(key=add).click().run()
    assert not at.exception, problems(at)
    stored = dict(cohorts.library_scenarios(get_store(), cohort.id))
    assert "kunci:\n  cacat:\n  - DK02" in stored[variant]


def _library(at) -> list[str]:
    """The library entries' headings as the trainer reads them (title, id, who, when)."""
    return [str(m.value) for m in at.markdown if "ditambahkan oleh" in str(m.value)]


def test_the_library_lists_who_added_what_and_when_and_removes_an_entry_only_after_confirmation(room):
    trainer, cohort, other = room
    at = _paste(run_page(nav.PENULISAN, session={state.TRAINER: trainer}), AUTHORED)
    at.selectbox(key=state.AUTHOR_LIBRARY_COHORT).set_value(cohort.id).run()
    assert "Pustaka kelas Bimtek Klaim Oktober masih kosong." in page_texts(at)
    at.selectbox(key=state.AUTHOR_COHORT + state.AUTHOR_ADD).set_value(cohort.id).run()
    at.button(key=state.AUTHOR_ADD).click().run()
    assert not at.exception, problems(at)
    [entry] = _library(at)
    assert TITLE in entry and "`dbd-karangsari`" in entry and "ditambahkan oleh siti" in entry
    assert entry.endswith(" WIB") and any(m in entry for m in ("Januari", "Februari", "Maret", "April", "Mei",
        "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"))  # fmt: skip
    at.selectbox(key=state.AUTHOR_LIBRARY_COHORT).set_value(other.id).run()
    assert not _library(at)  # another cohort's library is its own

    at.selectbox(key=state.AUTHOR_LIBRARY_COHORT).set_value(cohort.id).run()
    at.button(key=state.AUTHOR_REMOVE + "dbd-karangsari").click().run()
    assert any("Hapus 'dbd-karangsari' dari pustaka kelas Bimtek Klaim Oktober?" in w.value for w in at.warning)
    assert [sid for sid, _ in cohorts.library_scenarios(get_store(), cohort.id)] == ["dbd-karangsari"]  # not yet
    at.button(key=state.AUTHOR_REMOVE_CANCEL + "dbd-karangsari").click().run()
    assert not any("Hapus 'dbd-karangsari'" in w.value for w in at.warning) and len(_library(at)) == 1

    at.button(key=state.AUTHOR_REMOVE + "dbd-karangsari").click().run()
    at.button(key=state.AUTHOR_REMOVE_CONFIRM + "dbd-karangsari").click().run()
    assert not at.exception, problems(at)
    assert any("'dbd-karangsari' dihapus dari pustaka kelas Bimtek Klaim Oktober." in s.value for s in at.success)
    assert not _library(at) and cohorts.library_scenarios(get_store(), cohort.id) == []
    rina = _trainee(cohort)
    mine = run_page(nav.STUDI_KASUS, session={state.LEARNER: rina})
    assert not any(b.key == state.OPEN_PREFIX + "dbd-karangsari" for b in mine.button)


def test_a_library_entry_that_no_longer_loads_is_listed_with_its_problems(room):
    trainer, cohort, _ = room
    stale = AUTHORED.replace("  cacat: [EV01]", "  cacat: [EV01, TW01]", 1)  # e.g. saved before a rule changed
    cohorts.add_library_scenario(get_store(), cohort.id, "dbd-karangsari", stale, trainer.id)
    cohorts.add_library_scenario(get_store(), cohort.id, "rusak", "id: rusak\njudul: [tidak ditutup\n", trainer.id)
    at = run_page(nav.PENULISAN, session={state.TRAINER: trainer})
    at.selectbox(key=state.AUTHOR_LIBRARY_COHORT).set_value(cohort.id).run()
    assert not at.exception, problems(at)
    assert len(_library(at)) == 2
    warnings = [w.value for w in at.warning if "Tidak dapat dimuat" in w.value]
    assert len(warnings) == 2 and all("peserta tidak melihat skenario ini" in w for w in warnings)
    listed = "\n".join(c.value for c in at.code)
    assert "dbd-karangsari.yaml: kunci.cacat: verifikator menemukan ['EV01'], kunci menyebut ['EV01', 'TW01']" in listed
    assert "rusak.yaml: baris" in listed
    rina = _trainee(cohort)
    mine = run_page(nav.STUDI_KASUS, session={state.LEARNER: rina})
    assert not any(b.key == state.OPEN_PREFIX + "dbd-karangsari" for b in mine.button)
    at.button(key=state.AUTHOR_REMOVE + "rusak").click().run()
    at.button(key=state.AUTHOR_REMOVE_CONFIRM + "rusak").click().run()
    assert [sid for sid, _ in cohorts.library_scenarios(get_store(), cohort.id)] == ["dbd-karangsari"]


REMOTE_IMAGE = "![foto](https://pelacak.example/p.png?peserta=1)"
OUTSIDE_LINK = "[unduh formulir](http://formulir-palsu.example/login)"
TITLE_IMAGE = "![t](https://pelacak.example/t.png)"
HOSTILE = AUTHORED.replace("cerita: |\n", f"cerita: |\n  Lihat {REMOTE_IMAGE} dan {OUTSIDE_LINK}.\n", 1).replace(
    'judul: "Puskesmas Karangsari:', f'judul: "{TITLE_IMAGE} Puskesmas Karangsari:'
)


def test_remote_images_and_outside_links_are_listed_in_the_preview_and_inert_for_trainees(room):
    trainer, cohort, _ = room
    at = _paste(run_page(nav.PENULISAN, session={state.TRAINER: trainer}), HOSTILE)
    [warning] = [w.value for w in at.warning if "di luar aplikasi" in w.value]
    assert "pelacak.example/p.png" in warning and "formulir-palsu.example/login" in warning
    assert "pelacak.example/t.png" in warning  # the title too
    at.selectbox(key=state.AUTHOR_COHORT + state.AUTHOR_ADD).set_value(cohort.id).run()
    at.button(key=state.AUTHOR_ADD).click().run()

    case = run_page(nav.KASUS, session={state.LEARNER: _trainee(cohort)}, query={"kasus": "dbd-karangsari"})
    assert not case.exception, problems(case)
    [story] = [m.value for m in case.markdown if "pelacak.example" in m.value]
    assert REMOTE_IMAGE not in story and OUTSIDE_LINK not in story  # not markdown any more: shown as its own text
    assert r"\!\[foto\]\(https\://pelacak.example/p.png?peserta=1\)" in story
    assert r"\[unduh formulir\]\(http\://formulir-palsu.example/login\)" in story
    assert TITLE_IMAGE not in case.title[0].value and "pelacak.example/t.png" in case.title[0].value


def test_a_scenario_without_outside_references_gets_no_warning(room):
    trainer, _, _ = room
    at = _paste(run_page(nav.PENULISAN, session={state.TRAINER: trainer}), AUTHORED)
    assert not [w for w in at.warning if "di luar aplikasi" in w.value]
