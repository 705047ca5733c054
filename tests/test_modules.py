"""The shipped modules load whole and link to real content; a broken module file is reported and skipped."""

from __future__ import annotations

import copy
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from bimtek.cli import main
from bimtek.content import MODULES, load_scenarios
from bimtek.module_checks import choice_figures
from bimtek.modules import (
    MAX_LONGEST_KEY_SHARE,
    MIN_EXERCISES,
    MIN_SINGLE_CHOICE_OPTIONS,
    MODULE_DIR,
    ChoiceItem,
    CodeItem,
    MatchExercise,
    load_modules,
    normalise_code,
)
from bimtek.reference import load_reference
from bimtek.rules import all_rules

RESULT = load_modules()
MODULES_BY_ID = {m.id: m for m in RESULT.modules}
SCENARIO_IDS = {s.id for s in load_scenarios().scenarios}
RULE_CODES = {r.code for r in all_rules()}


def test_every_shipped_module_loads_without_problems():
    assert RESULT.problems == []
    assert len(RESULT.modules) == len(list(MODULE_DIR.glob("*.yaml")))


def test_single_answer_items_have_four_options_and_the_key_is_rarely_the_longest():
    """Issue 11, point 7: over every shipped module, no single-answer item has fewer than four options, and the key
    is the uniquely longest option in at most 30% of them (a test-wise learner cannot just pick the longest)."""
    figures = choice_figures(RESULT.modules)
    print(f"soal satu jawaban: {figures.single}; < {MIN_SINGLE_CHOICE_OPTIONS} pilihan: {figures.too_few}; "
          f"kunci terpanjang: {figures.longest_key} ({figures.longest_share:.0%}); "
          f"kunci terpendek: {figures.shortest_key} ({figures.shortest_share:.0%})")  # fmt: skip
    assert figures.single >= 90  # the figures are about the real pool, not an empty one
    assert figures.too_few == 0
    assert figures.longest_share <= MAX_LONGEST_KEY_SHARE
    # padding every distractor would only move the tell: the key must not be the shortest most of the time either
    assert figures.shortest_share <= MAX_LONGEST_KEY_SHARE


def test_the_longest_key_figure_counts_only_a_uniquely_longest_key():
    def item(*options: tuple[str, bool]) -> ChoiceItem:
        pilihan = [{"teks": t, "benar": b, "penjelasan": "."} for t, b in options]
        return ChoiceItem.model_validate({"id": "x", "pertanyaan": "?", "pilihan": pilihan})

    assert item(("kunci panjang", True), ("a", False), ("b", False), ("c", False)).key_is_longest
    assert not item(("sama", True), ("juga", False), ("b", False), ("c", False)).key_is_longest  # a tie
    assert not item(("kunci", True), ("pengecoh panjang", False), ("b", False), ("c", False)).key_is_longest
    assert not item(("panjang sekali", True), ("panjang juga", True), ("c", False), ("d", False)).key_is_longest
    assert item(("a", True), ("bb", False), ("cc", False), ("dd", False)).key_is_shortest
    assert not item(("aa", True), ("bb", False), ("ccc", False), ("ddd", False)).key_is_shortest  # a tie


def test_every_module_id_of_the_scenarios_has_module_content():
    # Scenarios point at MODULES; each of those needs a module a trainee can study.
    assert set(MODULES) <= set(MODULES_BY_ID), sorted(set(MODULES) - set(MODULES_BY_ID))


def test_every_material_component_of_the_article_is_a_module():
    article = {
        "regulasi", "alur-klaim", "sistem-informasi", "diagnosa-kode", "dokumentasi", "revisi-klaim",
        "studi-kasus", "jenis-klaim", "kesalahan-umum", "integrasi-digital", "ina-cbgs", "persiapan", "faq",
        "tarif",
    }  # fmt: skip
    assert article <= set(MODULES_BY_ID)


@pytest.mark.parametrize("module", RESULT.modules, ids=lambda m: m.id)
def test_module_is_complete_for_a_trainee(module):
    assert len(module.latihan) >= MIN_EXERCISES
    assert module.tujuan and all(goal.strip() for goal in module.tujuan)
    assert module.pelajaran
    for lesson in module.pelajaran:
        assert lesson.sumber.strip(), f"{module.id}: '{lesson.judul}' has no source"
        assert len(lesson.isi) <= 1500
    for exercise in module.latihan:
        assert len(exercise.soal) >= 2 or any(getattr(i, "parameter", None) for i in exercise.soal), exercise.id


@pytest.mark.parametrize("module", RESULT.modules, ids=lambda m: m.id)
def test_links_resolve_to_real_scenarios_and_rules(module):
    assert set(module.skenario) <= SCENARIO_IDS
    assert set(module.aturan) <= RULE_CODES


def test_all_five_exercise_kinds_are_used():
    kinds = {e.jenis for m in RESULT.modules for e in m.latihan}
    assert kinds == {"pilihan_ganda", "urutan", "pasangan", "cari_kode", "angka"}


def test_expected_codes_exist_in_the_shipped_icd10_reference():
    reference = load_reference()
    items = [i for m in RESULT.modules for e in m.latihan for i in e.soal if isinstance(i, CodeItem)]
    assert items
    for item in items:
        assert all(reference.is_icd10(normalise_code(c)) for c in item.kode_benar), item.id


def test_the_regulation_exercise_offers_revoked_instruments_as_distractors():
    exercise = MODULES_BY_ID["regulasi"].exercise("regulasi-terkini")
    assert isinstance(exercise, MatchExercise)
    assert len(exercise.soal) >= 2
    for item in exercise.soal:
        current = {p.instrumen for p in item.pasangan if p.instrumen and not p.dicabut}
        assert len(current) >= 3, item.id
        revoked = {d.instrumen for d in item.pengecoh if d.dicabut}
        assert "pmk-52-2016" in revoked or "pmk-21-2016" in revoked, item.id


def test_lessons_that_rely_on_uncertain_facts_say_so_in_the_text():
    for module in RESULT.modules:
        for lesson in module.pelajaran:
            if lesson.belum_pasti:  # markdown joins wrapped lines, so compare the text as it reads
                assert "belum pasti" in " ".join(lesson.isi.lower().split()), f"{module.id}: {lesson.judul}"


# --- broken files ------------------------------------------------------------------------------------------------

GOOD = MODULE_DIR / "tarif.yaml"
BASE: dict[str, Any] = yaml.safe_load((MODULE_DIR / "faq.yaml").read_text(encoding="utf-8"))


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def apply(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = data
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        if value is _DELETE:
            del node[int(last) if last.isdigit() else last]
        else:
            node[int(last) if last.isdigit() else last] = value

    return apply


_DELETE = object()

# (file name, change to faq.yaml, expected `file: location: message`)
BROKEN: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    ("faq.yaml", _set("latihan.0.jenis", "esai"), "faq.yaml: latihan.0.jenis: 'esai' bukan jenis latihan; pilihan:"),
    ("faq.yaml", _set("ruangan", "x"), "faq.yaml: ruangan: kunci 'ruangan' tidak dikenal"),
    ("faq.yaml", _set("skenario.0", "kasus-tidak-ada"), "faq.yaml: skenario.0: 'kasus-tidak-ada' bukan skenario"),
    ("faq.yaml", _set("aturan.0", "XX99"), "faq.yaml: aturan.0: 'XX99' bukan kode aturan yang terdaftar"),
    ("faq.yaml", _set("latihan.4", _DELETE), "faq.yaml: latihan: modul harus punya minimal 5 latihan, ada 4"),
    ("faq.yaml", _set("pelajaran.0.sumber", ""), "faq.yaml: pelajaran.0.sumber: tidak boleh kosong"),
    ("faq.yaml", _set("pelajaran.0.isi", "x" * 1600), "faq.yaml: pelajaran.0.isi: 1600 karakter, paling banyak 1500"),
    ("faq.yaml", _set("latihan.0.soal.0.pilihan.0.benar", False), "latihan.0.soal.0.pilihan: tidak ada pilihan"),
    (
        "faq.yaml",
        _set("latihan.1.soal.0.pilihan.3", _DELETE),
        "faq.yaml: latihan.1.soal.0.pilihan: soal satu jawaban butuh minimal 4 pilihan yang masuk akal, ada 3",
    ),
    ("faq.yaml", _set("latihan.1.soal.1.id", "fl-ispa"), "latihan.1.soal.1.id: 'fl-ispa' sudah dipakai di"),
    (
        "faq.yaml",
        _set("latihan.4.soal.0.rumus", "peserta * harga"),
        "latihan.4.soal.0.rumus: nama 'harga' tidak dikenal",
    ),
    ("faq.yaml", _set("latihan.4.soal.0.rumus", "__import__('os')"), "latihan.4.soal.0.rumus: fungsi '__import__'"),
    ("faq.yaml", _set("latihan.4.soal.0.satuan", "tanggal"), "latihan.4.soal.0.rumus: hasil"),
    (
        "faq.yaml",
        _set("latihan.4.soal.0.penjelasan", "{harga}"),
        "latihan.4.soal.0.penjelasan: {harga} bukan parameter",
    ),
    ("faq.yaml", _set("latihan.3.soal.1", _DELETE), "faq.yaml: latihan.3.soal: butuh minimal 2 soal"),
    ("farmasi.yaml", _set("id", "farmasi"), "farmasi.yaml: id: 'farmasi' bukan modul yang dikenal"),
    ("lain.yaml", lambda data: None, "lain.yaml: id: 'faq' harus sama dengan nama berkas 'lain'"),
]


@pytest.mark.parametrize(("name", "change", "expected"), BROKEN, ids=[b[2].split(": ", 1)[1][:40] for b in BROKEN])
def test_a_broken_module_is_reported_and_the_others_still_load(name, change, expected, tmp_path: Path):
    shutil.copy(GOOD, tmp_path / GOOD.name)
    data = copy.deepcopy(BASE)
    change(data)
    (tmp_path / name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    result = load_modules(tmp_path, SCENARIO_IDS, RULE_CODES)

    messages = [str(p) for p in result.problems]
    assert any(expected in m for m in messages), f"{expected!r} not in {messages}"
    assert all(m.startswith(f"{name}: ") for m in messages)
    assert [m.id for m in result.modules] == ["tarif"]


def test_a_cari_kode_answer_key_outside_the_reference_is_a_problem(tmp_path: Path):
    data = yaml.safe_load((MODULE_DIR / "diagnosa-kode.yaml").read_text(encoding="utf-8"))
    data["latihan"][0]["soal"][0]["kode_benar"] = ["A97.0"]
    (tmp_path / "diagnosa-kode.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    problems = [str(p) for p in load_modules(tmp_path, SCENARIO_IDS, RULE_CODES).problems]
    assert problems == [
        "diagnosa-kode.yaml: latihan.0.soal.0.kode_benar.0: 'A97.0' tidak ada dalam referensi ICD-10 WHO 2010 yang dikirim"
    ]


def test_invalid_yaml_and_a_non_mapping_are_reported(tmp_path: Path):
    (tmp_path / "faq.yaml").write_text("id: faq\njudul: [tidak ditutup\n", encoding="utf-8")
    (tmp_path / "tarif.yaml").write_text("- satu\n- dua\n", encoding="utf-8")
    messages = [str(p) for p in load_modules(tmp_path, SCENARIO_IDS, RULE_CODES).problems]
    assert any(m.startswith("faq.yaml: baris ") and "YAML tidak valid" in m for m in messages), messages
    assert "tarif.yaml: (akar): berkas harus berisi pemetaan YAML (kunci: nilai)" in messages


# --- the command line ---------------------------------------------------------------------------------------------


def test_validate_checks_a_modules_folder(capsys):
    assert main(["validate", str(MODULE_DIR)]) == 0
    assert capsys.readouterr().out == f"{len(RESULT.modules)} modul valid\n"


def test_validate_reports_a_broken_module_file(tmp_path: Path, capsys):
    folder = tmp_path / "modules"
    folder.mkdir()
    data = copy.deepcopy(BASE)
    data["aturan"] = ["XX99"]
    (folder / "faq.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert main(["validate", str(folder / "faq.yaml")]) == 1
    assert capsys.readouterr().out == "faq.yaml: aturan.0: 'XX99' bukan kode aturan yang terdaftar\n"


def _regulation_with(edit: Callable[[dict[str, Any]], None]) -> list[str]:
    from bimtek.modules import parse_module

    data = yaml.safe_load((MODULE_DIR / "regulasi.yaml").read_text(encoding="utf-8"))
    edit(data["latihan"][0]["soal"][1])
    _, problems = parse_module(data, "regulasi.yaml", SCENARIO_IDS, RULE_CODES)
    return [str(p) for p in problems]


def test_a_revoked_instrument_cannot_be_the_right_answer() -> None:
    def teach_514(item: dict[str, Any]) -> None:
        pair = next(p for p in item["pasangan"] if p.get("instrumen") == "kmk-1186-2022")
        pair.update(kanan="KMK HK.02.02/MENKES/514/2015", instrumen="kmk-514-2015")
        item["pengecoh"] = [d for d in item["pengecoh"] if d.get("instrumen") != "kmk-514-2015"]

    assert any(
        "'kmk-514-2015' berstatus dicabut; jawaban benar harus berlaku" in p for p in _regulation_with(teach_514)
    )


def test_a_revoked_distractor_must_be_marked_and_ids_must_be_in_the_registry() -> None:
    def unmark(item: dict[str, Any]) -> None:
        item["pengecoh"][0]["dicabut"] = False
        item["pasangan"][0]["instrumen"] = "pmk-99-2099"

    problems = _regulation_with(unmark)
    assert any("berstatus dicabut di daftar sumber; samakan tanda dicabut" in p for p in problems), problems
    assert any("'pmk-99-2099' tidak ada di daftar sumber" in p for p in problems), problems


def test_validate_refuses_a_single_answer_item_with_two_options(tmp_path: Path, capsys):
    folder = tmp_path / "modules"
    folder.mkdir()
    data = copy.deepcopy(BASE)
    data["latihan"][1]["soal"][0]["pilihan"] = data["latihan"][1]["soal"][0]["pilihan"][:2]  # the old fl-ispa
    (folder / "faq.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert main(["validate", str(folder / "faq.yaml")]) == 1
    assert capsys.readouterr().out == (
        "faq.yaml: latihan.1.soal.0.pilihan: soal satu jawaban butuh minimal 4 pilihan yang masuk akal, ada 2; "
        "tambahkan pengecoh dari salah paham petugas klaim yang nyata\n"
    )


def test_the_figures_script_prints_the_counts_and_fails_on_a_two_option_item(tmp_path: Path):
    import subprocess
    import sys

    script = Path(__file__).resolve().parents[1] / "scripts" / "item_figures.py"
    shipped = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, check=False)
    assert shipped.returncode == 0, shipped.stdout + shipped.stderr
    assert "Dengan kurang dari 4 pilihan: 0" in shipped.stdout
    data = copy.deepcopy(BASE)
    data["latihan"][1]["soal"][0]["pilihan"] = data["latihan"][1]["soal"][0]["pilihan"][:2]
    (tmp_path / "faq.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    broken = subprocess.run([sys.executable, str(script), str(tmp_path)], capture_output=True, text=True, check=False)
    assert broken.returncode == 1
    assert "Dengan kurang dari 4 pilihan: 1" in broken.stdout and "Masalah validasi modul: 1" in broken.stdout
