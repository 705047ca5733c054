"""The module pages (AppTest): the list with progress, a module page, and answering each kind of exercise."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from bimtek.content import load_scenarios
from bimtek.modules import MODULE_DIR, load_modules
from bimtek.storage import progress as stored
from bimtek.storage.store import get_store
from scoring.exercises import DrawnItem
from tests.ui.conftest import page_texts, problems, run_page
from ui import nav, state
from ui.exercise_view import item_key

MODULES = load_modules().modules
SCENARIOS = load_scenarios().scenarios


def open_module(module_id: str, learner=None):
    session = {state.LEARNER: learner} if learner is not None else None
    at = run_page(nav.MODUL, session=session, query={"modul": module_id})
    assert not at.exception, problems(at)
    return at


def drawn_items(at, module_id: str, exercise_id: str) -> tuple[int, list[DrawnItem]]:
    game = at.session_state[state.EXERCISE_ROUNDS][f"{module_id}/{exercise_id}"]
    return game.number, game.items


def submit(at, module_id: str, exercise_id: str, round_number: int, item_id: str):
    at.button(key=item_key(module_id, exercise_id, round_number, item_id) + "_periksa").click().run()
    assert not at.exception, problems(at)
    return at


def results(learner, module_id: str) -> list[dict]:
    return stored.exercise_results(get_store(), learner.id, module_id)


def test_module_list_shows_every_module_with_its_progress(seed_progress):
    regulasi = next(m for m in MODULES if m.id == "regulasi")
    rows = [
        {"module_id": "regulasi", "exercise_id": "regulasi-terkini", "item_id": "rt-pedoman-klinis", "kind": "pasangan",
         "score": 1.0, "correct": True, "answer": {}, "details": {}},
    ]  # fmt: skip
    learner = seed_progress(exercises=rows)
    at = run_page(nav.MODUL_DAFTAR, session={state.LEARNER: learner})
    assert not at.exception, problems(at)
    opened = [b.key for b in at.button if b.key.startswith(state.MODULE_OPEN_PREFIX)]
    assert opened == [state.MODULE_OPEN_PREFIX + m.id for m in MODULES]
    captions = [c.value for c in at.caption]
    assert f"1/{len(regulasi.latihan)} latihan selesai · skor rata-rata 100%" in captions
    assert "0/5 latihan selesai · skor rata-rata -" in captions
    assert not at.warning


def test_opening_a_module_from_the_list_switches_to_its_page():
    at = run_page(nav.MODUL_DAFTAR)
    at.button(key=state.MODULE_OPEN_PREFIX + "tarif").click().run()
    assert not at.exception, problems(at)
    assert at.title[0].value == "Tarif Kapitasi dan Non-Kapitasi"


def test_a_broken_module_file_is_listed_for_trainers_and_the_rest_still_shows(tmp_path, monkeypatch):
    shutil.copy(MODULE_DIR / "tarif.yaml", tmp_path)
    (tmp_path / "faq.yaml").write_text("id: faq\njudul: [tidak ditutup\n", encoding="utf-8")
    monkeypatch.setattr("ui.module_view.MODULE_DIR", tmp_path)
    at = run_page(nav.MODUL_DAFTAR)
    assert not at.exception, problems(at)
    assert "faq.yaml" in at.warning[0].value
    assert [b.key for b in at.button if b.key.startswith(state.MODULE_OPEN_PREFIX)] == ["buka_modul_tarif"]


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.id)
def test_module_page_shows_objectives_lessons_links_and_exercises(module):
    at = open_module(module.id)
    texts = page_texts(at)
    assert at.title[0].value == module.judul
    assert any(module.tujuan[0] in t for t in texts)
    assert [e.label.split(". ", 1)[1].removesuffix(" (belum pasti)") for e in at.expander[: len(module.pelajaran)]] == [
        lesson.judul for lesson in module.pelajaran
    ]
    links = [link.proto.label for link in at.get("page_link") if link.proto.page == "kasus"]
    own = [s.id for s in SCENARIOS if s.modul == module.id]
    titles = {s.id: s.judul for s in SCENARIOS}
    assert [label.rsplit(" (", 1)[0] for label in links] == [titles[i] for i in dict.fromkeys(module.skenario + own)]
    assert [s.value for s in at.subheader if s.value.startswith("Latihan ")] == [
        f"Latihan {i}. {e.judul}" for i, e in enumerate(module.latihan, start=1)
    ]


def test_matching_the_regulation_exercise_shows_feedback_and_records_the_checklist_details(seed_progress):
    learner = seed_progress()
    at = open_module("regulasi", learner)
    number, (drawn,) = drawn_items(at, "regulasi", "regulasi-terkini")
    key = item_key("regulasi", "regulasi-terkini", number, drawn.id)
    revoked = next(d for d in drawn.item.pengecoh if d.dicabut)
    for i, pair in enumerate(drawn.item.pasangan):
        at.selectbox(key=f"{key}_jawab_{i}").set_value(revoked.teks if i == 0 else pair.kanan)
    submit(at, "regulasi", "regulasi-terkini", number, drawn.id)

    assert "Sebagian benar (skor 75%)." in [w.value for w in at.warning]
    assert any(revoked.penjelasan in t for t in page_texts(at))
    (row,) = results(learner, "regulasi")
    assert (row["exercise_id"], row["item_id"], row["kind"], row["score"]) == (
        "regulasi-terkini",
        drawn.id,
        "pasangan",
        0.75,
    )
    assert row["details"]["instrumen_dicabut_dipilih"] == [revoked.instrumen]
    current = [p.instrumen for p in drawn.item.pasangan[1:] if not p.dicabut]
    assert row["details"]["instrumen_benar"] == current


def test_an_incomplete_answer_is_refused_with_a_message_and_not_recorded(seed_progress):
    learner = seed_progress()
    at = open_module("regulasi", learner)
    number, (drawn,) = drawn_items(at, "regulasi", "regulasi-terkini")
    submit(at, "regulasi", "regulasi-terkini", number, drawn.id)
    assert "Pasangkan setiap baris." in [e.value for e in at.error]
    assert results(learner, "regulasi") == []


def test_multiple_choice_answer_shows_the_verdict_and_every_options_explanation(seed_progress):
    learner = seed_progress()
    at = open_module("alur-klaim", learner)
    number, items = drawn_items(at, "alur-klaim", "alur-pilihan")
    first = items[0]
    wrong = next(o for o in first.item.pilihan if not o.benar)
    at.radio(key=item_key("alur-klaim", "alur-pilihan", number, first.id) + "_jawab").set_value(wrong.teks)
    submit(at, "alur-klaim", "alur-pilihan", number, first.id)
    assert "Belum tepat." in [e.value for e in at.error]
    texts = page_texts(at)
    assert any(f"Pilihan Anda, salah. {wrong.penjelasan}" in t for t in texts)
    assert [r["score"] for r in results(learner, "alur-klaim")] == [0.0]


def test_ordering_the_six_steps_correctly(seed_progress):
    learner = seed_progress()
    at = open_module("alur-klaim", learner)
    number, (drawn,) = drawn_items(at, "alur-klaim", "alur-enam-langkah")
    key = item_key("alur-klaim", "alur-enam-langkah", number, drawn.id)
    for i, step in enumerate(drawn.item.langkah, start=1):
        at.selectbox(key=f"{key}_jawab_{i}").set_value(step.teks)
    submit(at, "alur-klaim", "alur-enam-langkah", number, drawn.id)
    assert "Benar." in [s.value for s in at.success]
    (row,) = results(learner, "alur-klaim")
    assert row["correct"] and row["answer"] == [s.teks for s in drawn.item.langkah]


def test_code_lookup_with_search_and_a_typed_code(seed_progress):
    learner = seed_progress()
    at = open_module("diagnosa-kode", learner)
    number, (drawn,) = drawn_items(at, "diagnosa-kode", "dk-kode-edisi")
    key = item_key("diagnosa-kode", "dk-kode-edisi", number, drawn.id)
    at.text_input(key=f"{key}_cari").input("dengue").run()
    assert any("`A91` Dengue haemorrhagic fever" in m.value for m in at.markdown)
    at.text_input(key=f"{key}_jawab").input("a97.1")
    submit(at, "diagnosa-kode", "dk-kode-edisi", number, drawn.id)
    assert any("edisi 2019" in t for t in page_texts(at))
    (row,) = results(learner, "diagnosa-kode")
    assert (row["kind"], row["score"], row["answer"]) == ("cari_kode", 0.0, "a97.1")


def test_a_date_answer_is_graded_as_a_date(seed_progress):
    learner = seed_progress()
    at = open_module("alur-klaim", learner)
    number, items = drawn_items(at, "alur-klaim", "alur-tenggat")
    dated = next((d for d in items if d.item.satuan.value == "tanggal"), None)
    assert dated is not None
    field = at.text_input(key=item_key("alur-klaim", "alur-tenggat", number, dated.id) + "_jawab")
    assert field.placeholder == "HH/BB/TTTT"
    field.input(dated.expected().strftime("%d/%m/%Y"))  # typed the Indonesian way
    submit(at, "alur-klaim", "alur-tenggat", number, dated.id)
    (row,) = results(learner, "alur-klaim")
    assert row["correct"] and dt.date.fromisoformat(row["answer"]) == dated.expected()


def test_a_date_that_is_not_a_date_gets_a_message(seed_progress):
    learner = seed_progress()
    at = open_module("alur-klaim", learner)
    number, items = drawn_items(at, "alur-klaim", "alur-tenggat")
    dated = next(d for d in items if d.item.satuan.value == "tanggal")
    at.text_input(key=item_key("alur-klaim", "alur-tenggat", number, dated.id) + "_jawab").input("31/02/2027")
    submit(at, "alur-klaim", "alur-tenggat", number, dated.id)
    assert "'31/02/2027' bukan tanggal; tulis sebagai HH/BB/TTTT, misalnya 15/12/2026." in [e.value for e in at.error]
    assert results(learner, "alur-klaim") == []


def test_a_number_that_is_not_a_number_gets_a_message(seed_progress):
    learner = seed_progress()
    at = open_module("tarif", learner)
    number, items = drawn_items(at, "tarif", "tarif-kapitasi")
    key = item_key("tarif", "tarif-kapitasi", number, items[0].id)
    at.text_input(key=f"{key}_jawab").input("sembilan juta")
    submit(at, "tarif", "tarif-kapitasi", number, items[0].id)
    assert "'sembilan juta' bukan angka; tulis mis. 99.500.000 atau 21,5." in [e.value for e in at.error]
    at.text_input(key=f"{key}_jawab").input(f"Rp{items[0].expected():,.0f}".replace(",", "."))
    submit(at, "tarif", "tarif-kapitasi", number, items[0].id)
    assert [r["correct"] for r in results(learner, "tarif")] == [True]


def test_another_round_draws_items_not_seen_before(seed_progress):
    learner = seed_progress()
    at = open_module("regulasi", learner)
    number, (drawn,) = drawn_items(at, "regulasi", "regulasi-terkini")
    assert at.button(key=f"{state.EXERCISE_NEW_PREFIX}regulasi_regulasi-terkini").disabled
    key = item_key("regulasi", "regulasi-terkini", number, drawn.id)
    for i, pair in enumerate(drawn.item.pasangan):
        at.selectbox(key=f"{key}_jawab_{i}").set_value(pair.kanan)
    submit(at, "regulasi", "regulasi-terkini", number, drawn.id)
    at.button(key=f"{state.EXERCISE_NEW_PREFIX}regulasi_regulasi-terkini").click().run()
    assert not at.exception, problems(at)
    new_number, (again,) = drawn_items(at, "regulasi", "regulasi-terkini")
    assert new_number == number + 1 and again.id != drawn.id


def test_two_guests_side_by_side_do_not_all_see_the_same_items():
    seen = {tuple(d.id for d in drawn_items(open_module("tarif"), "tarif", "tarif-baris")[1]) for _ in range(4)}
    assert len(seen) > 1
