"""The training curriculum (bimtek/curriculum.py): what a trainer submitting the course for accreditation reads back
from the DOCX and the PDF, the `kurikulum` command, and the module hours it is built from."""

from __future__ import annotations

import copy
import io
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from docx import Document
from pypdf import PdfReader

from bimtek.content import load_scenarios
from bimtek.curriculum import (
    CHECKLIST,
    GROUP_LETTERS,
    build_curriculum,
    curriculum_docx,
    curriculum_pdf,
    module_references,
)
from bimtek.modules import MODULE_DIR, Kelompok, load_modules
from bimtek.rules import all_rules
from bimtek.sop_export import to_latin1

ROOT = Path(__file__).resolve().parents[1]
LOADED = load_modules()
MODULES = LOADED.modules
SCENARIOS = load_scenarios().scenarios
ORGANISER = "Dinas Kesehatan Kabupaten Sleman"
CURRICULUM = build_curriculum(MODULES, ORGANISER, SCENARIOS)
DOCX = curriculum_docx(CURRICULUM)
PDF = curriculum_pdf(CURRICULUM)
# What a user must never read as a source: the facts sheet's keys, seed files, design notes, code paths.
INTERNAL = re.compile(r"facts ?§|§\d|\bS\d{1,2}\b|\bseed\b|SOURCES\.md|DESIGN\.md|\bidx \d|\.py\b|\.yaml\b|uncertain")


def docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    parts += [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


FOOTER = re.compile(r"^Kurikulum Bimtek Klaim BPJS - halaman \d+ dari \d+$", re.MULTILINE)


def pdf_text(data: bytes) -> str:
    """The PDF's text without the page footers (a paragraph that runs over a page reads as one)."""
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]
    assert all(FOOTER.search(text) for text in pages)  # every page is numbered
    return FOOTER.sub("", "\n".join(pages))


def flat(text: str) -> str:
    return " ".join(text.split())


def docx_structure(data: bytes) -> list[list[str]]:
    """The rows of the structure table (the table whose header is No, Materi, T, P, PL, JPL)."""
    doc = Document(io.BytesIO(data))
    for table in doc.tables:
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        if rows and rows[0] == ["No", "Materi", "T", "P", "PL", "JPL"]:
            return rows[1:]
    raise AssertionError("no structure table in the DOCX")


# --- the structure table ---------------------------------------------------------------------------------------------


def test_every_module_is_in_its_group_with_its_split_and_the_subtotals_and_total_add_up():
    by_title = {m.judul: m for m in MODULES}
    seen: dict[str, str] = {}
    group: Kelompok | None = None
    subtotals: dict[Kelompok, int] = {}
    total = None
    for no, title, t, p, pl, jpl in docx_structure(DOCX):
        if no in {f"{letter}." for letter in GROUP_LETTERS.values()}:
            group = next(k for k, letter in GROUP_LETTERS.items() if f"{letter}." == no)
            assert title == group.label
        elif title.startswith("Subtotal "):
            assert group is not None and title == f"Subtotal {group.label}"
            subtotals[group] = int(jpl)
        elif title == "JUMLAH":
            total = (int(t), int(p), int(pl), int(jpl))
        else:
            module = by_title[title]
            assert module.kelompok == group, f"{title} printed under {group}"
            assert int(t) + int(p) + int(pl) == int(jpl) == module.jpl
            assert (int(t), int(p), int(pl)) == (module.jam.teori, module.jam.penugasan, module.jam.praktik_lapangan)
            seen[title] = str(group)
    assert sorted(seen) == sorted(by_title)  # every module once
    for kelompok in Kelompok:
        assert subtotals[kelompok] == sum(m.jpl for m in MODULES if m.kelompok == kelompok)
    assert total is not None and total[3] == sum(m.jpl for m in MODULES) == 37
    assert total[:3] == (
        sum(m.jam.teori for m in MODULES),
        sum(m.jam.penugasan for m in MODULES),
        sum(m.jam.praktik_lapangan for m in MODULES),
    )
    assert sum(total[:3]) == total[3]


def test_the_pdf_prints_the_same_rows_subtotals_and_total():
    text = flat(pdf_text(PDF))
    for kelompok in Kelompok:
        group = [m for m in MODULES if m.kelompok == kelompok]
        assert f"{GROUP_LETTERS[kelompok]}. {kelompok.label}" in text
        for number, m in enumerate(group, start=1):
            j = m.jam
            assert f"{number} {m.judul} {j.teori} {j.penugasan} {j.praktik_lapangan} {m.jpl}" in text, m.judul
        sums = [sum(getattr(m.jam, f) for m in group) for f in ("teori", "penugasan", "praktik_lapangan")]
        assert f"Subtotal {kelompok.label} {' '.join(map(str, sums))} {sum(m.jpl for m in group)}" in text
    assert "JUMLAH 17 18 2 37" in text
    assert "37 JPL" in text and "1 JPL = 45 menit" in text


def test_the_shipped_course_has_materi_in_every_group_and_practice_in_the_practice_heavy_modules():
    groups = {m.id: m.kelompok for m in MODULES}
    assert groups["regulasi"] == Kelompok.DASAR and groups["persiapan"] == Kelompok.PENUNJANG
    assert groups["studi-kasus"] == Kelompok.INTI and groups["tarif"] == Kelompok.INTI
    assert all(any(m.kelompok == k for m in MODULES) for k in Kelompok)
    field = [m for m in MODULES if m.jam.praktik_lapangan]
    assert field and all(m.jam.tugas_lapangan.strip() for m in field)
    assert next(m for m in MODULES if m.id == "studi-kasus").jam.penugasan >= 3


# --- per materi: objectives, content, sources ------------------------------------------------------------------------


def same(text: str) -> str:
    return text


# The PDF's core font draws Latin-1: '↔' is printed as '<->' (bimtek.sop_export.to_latin1), the DOCX keeps it.
FORMATS = [("docx", DOCX, docx_text, same), ("pdf", PDF, pdf_text, to_latin1)]


@pytest.mark.parametrize("name, data, read, shown", FORMATS)
def test_each_materi_has_its_objectives_lessons_time_and_real_sources(name, data, read, shown):
    text = flat(read(data))
    for m in MODULES:
        heading = f"{CURRICULUM.number(m)} {m.judul}"
        assert heading in text, heading
        section = text[text.index(heading) :]
        for goal in m.tujuan:
            assert flat(shown(goal)) in section, f"{name}: {m.id}: {goal}"
        for lesson in m.pelajaran:
            assert flat(shown(lesson.judul)) in section, f"{name}: {m.id}: {lesson.judul}"
        assert f"jumlah {m.jpl} JPL ({m.jpl * 45} menit)" in section
        references = module_references(m)
        assert references, m.id  # every module cites registered sources
        for reference in references:
            assert flat(shown(reference)) in section, f"{name}: {m.id}: {reference}"
        if m.jam.praktik_lapangan:
            assert flat(shown(m.jam.tugas_lapangan)) in section


@pytest.mark.parametrize("name, data, read, shown", FORMATS)
def test_no_internal_notes_and_uncertain_conventions_are_labelled(name, data, read, shown):
    text = flat(read(data))
    assert not INTERNAL.search(text), INTERNAL.search(text)
    assert "Sudah dicabut" in text  # Permenkes 52/2016 is cited as the revoked comparison
    assert "60 menit: belum pasti" in text  # the praktik lapangan convention that no source confirmed
    assert "bukan ketentuan regulasi" in text  # the groups and hours are this course's design
    assert "konversi JPL menjadi SKP belum pasti" in text


def test_the_evaluation_names_the_four_checklist_indicators_as_the_grader_scores_them():
    from scoring.indicators import INDICATORS

    assert tuple((i.aspek, i.kriteria) for i in INDICATORS) == CHECKLIST
    text = flat(docx_text(DOCX))
    for aspect, _criterion in CHECKLIST:
        assert aspect in text
    assert "pre-test" in text and "post-test" in text and "Praktik studi kasus" in text


def test_identity_target_participants_organiser_and_certificate():
    text = flat(pdf_text(PDF))
    assert text.startswith("KURIKULUM PELATIHAN BIMBINGAN TEKNIS MANAJEMEN KLAIM BPJS KESEHATAN")
    assert ORGANISER in text
    for role in ("petugas klaim", "admin P-Care", "dokter", "bidan"):
        assert role in text
    for heading in ("Latar Belakang", "Tujuan umum", "Tujuan khusus", "Kompetensi", "Struktur Kurikulum", "Sertifikat"):
        assert heading in text
    assert "paling banyak 37 JPL" in text
    footer = Document(io.BytesIO(DOCX)).sections[0].footer.paragraphs[0]
    assert footer.text == "Kurikulum Bimtek Klaim BPJS - halaman " and 'w:instr="PAGE"' in footer._p.xml
    bare = flat(pdf_text(curriculum_pdf(build_curriculum(MODULES, None, SCENARIOS))))
    assert "nama penyelenggara belum diisi" in bare and ORGANISER not in bare


def test_the_same_content_gives_the_same_bytes():
    time.sleep(1.1)  # a timestamp taken from the clock would now differ
    again = build_curriculum(MODULES, ORGANISER, SCENARIOS)
    assert curriculum_docx(again) == DOCX
    assert curriculum_pdf(again) == PDF


# --- module hours: validation ----------------------------------------------------------------------------------------

SCENARIO_IDS = {s.id for s in SCENARIOS}
RULE_CODES = {r.code for r in all_rules()}


def _write_modules(folder: Path, change: dict[str, Any]) -> None:
    """All shipped modules into `folder`, with `change` applied to tarif.yaml."""
    for path in MODULE_DIR.glob("*.yaml"):
        shutil.copy(path, folder / path.name)
    data = yaml.safe_load((MODULE_DIR / "tarif.yaml").read_text(encoding="utf-8"))
    data = copy.deepcopy(data)
    data.update(change)
    (folder / "tarif.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.mark.parametrize(
    "change, expected",
    [
        (
            {"jam": {"teori": 1, "penugasan": 1, "praktik_lapangan": 0}},
            "tarif.yaml: jam: rincian jam modul 'tarif' berjumlah 2 JPL (teori 1 + penugasan 1 + praktik_lapangan 0), "
            "padahal jpl 3; jumlah teori, penugasan dan praktik_lapangan harus sama dengan jpl",
        ),
        (
            {"jam": {"teori": 1, "penugasan": 1, "praktik_lapangan": 1}},
            "tarif.yaml: jam.tugas_lapangan: modul 'tarif' punya 1 JPL praktik lapangan; tuliskan apa yang dikerjakan",
        ),
        ({"kelompok": "utama"}, "tarif.yaml: kelompok: 'utama' nilai tidak dikenal; pilihan: dasar, inti, penunjang"),
        ({"jam": {"teori": -1, "penugasan": 4}}, "tarif.yaml: jam.teori: '-1'"),
        ({"jam": {"teori": 1, "tutorial": 2}}, "tarif.yaml: jam.tutorial: kunci 'tutorial' tidak dikenal"),
    ],
    ids=["sum-differs", "field-without-task", "unknown-group", "negative", "unknown-key"],
)
def test_a_module_with_bad_hours_is_reported_and_the_others_still_load(change, expected, tmp_path: Path):
    _write_modules(tmp_path, change)
    result = load_modules(tmp_path, SCENARIO_IDS, RULE_CODES)
    messages = [str(p) for p in result.problems]
    assert any(m.startswith(expected) for m in messages), messages
    assert all(m.startswith("tarif.yaml: ") for m in messages)
    assert sorted(m.id for m in result.modules) == sorted(m.id for m in MODULES if m.id != "tarif")
    without = build_curriculum(result.modules)
    assert without.total_jpl == 37 - 3  # the curriculum of what loaded, without the broken module


def test_a_missing_split_is_named():
    data = yaml.safe_load((MODULE_DIR / "faq.yaml").read_text(encoding="utf-8"))
    del data["jam"], data["kelompok"]
    from bimtek.modules import parse_module

    _, problems = parse_module(data, "faq.yaml", SCENARIO_IDS, RULE_CODES)
    assert {p.location for p in problems} == {"jam", "kelompok"}


# --- the command -----------------------------------------------------------------------------------------------------


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run(
        [sys.executable, "-m", "bimtek", "kurikulum", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, **(env or {})},
    )


def test_the_command_writes_both_formats_with_the_organiser_from_the_environment(tmp_path: Path):
    docx_file, pdf_file = tmp_path / "kurikulum.docx", tmp_path / "kurikulum.pdf"
    env = {"BIMTEK_PENYELENGGARA": "Dinas Kesehatan Kota Yogyakarta"}
    done = run("--format", "docx", "--keluaran", str(docx_file), env=env)
    assert done.returncode == 0, done.stderr
    assert "15 materi, 37 JPL" in done.stdout and str(docx_file) in done.stdout
    done = run("--format", "PDF", "--keluaran", str(pdf_file), env=env)
    assert done.returncode == 0, done.stderr
    assert "Dinas Kesehatan Kota Yogyakarta" in docx_text(docx_file.read_bytes())
    assert "Dinas Kesehatan Kota Yogyakarta" in pdf_text(pdf_file.read_bytes())
    assert docx_structure(docx_file.read_bytes()) == docx_structure(DOCX)


@pytest.mark.parametrize(
    "args, message",
    [
        (["--format", "odt"], "format 'odt' tidak dikenal; pilihan: docx, pdf"),
        ([], "argumen wajib tidak ada: --format"),
        (["--format", "pdf", "--keluaran", "{tmp}/tidak-ada/k.pdf"], "folder '{tmp}/tidak-ada' tidak ada"),
        (["--format", "pdf", "--keluaran", "{tmp}"], "{tmp}: ini folder; beri nama berkas keluaran"),
        (["--format", "docx", "--keluaran", "{tmp}/k.pdf"], "akhiran '.pdf' tidak cocok dengan --format docx"),
    ],
    ids=["unknown-format", "no-format", "missing-folder", "a-folder", "wrong-suffix"],
)
def test_the_command_refuses_bad_input_in_indonesian_with_exit_2(args, message, tmp_path: Path):
    done = run(*[a.replace("{tmp}", str(tmp_path)) for a in args])
    assert done.returncode == 2
    assert message.replace("{tmp}", str(tmp_path)) in done.stderr
    assert "Traceback" not in done.stderr
    assert not list(tmp_path.iterdir())


def test_authored_markdown_is_printed_as_text_and_any_organiser_renders():
    faq = next(m for m in MODULES if m.id == "faq")
    marked = faq.model_copy(
        update={
            "ringkasan": "Jawaban **singkat** untuk `P-Care`.",
            "tujuan": ["Menjelaskan **kapitasi**.", *faq.tujuan],
        }
    )
    organiser = "Dinas Kesehatan 🏥 Kabupaten Sleman — Bidang SDMK " + "x" * 200
    curriculum = build_curriculum([marked], organiser)
    for text in (flat(docx_text(curriculum_docx(curriculum))), flat(pdf_text(curriculum_pdf(curriculum)))):
        assert "Jawaban singkat untuk P-Care." in text and "1. Menjelaskan kapitasi." in text
        assert "**" not in text and "`" not in text
        assert "Bidang SDMK" in text


def test_the_proposed_days_hold_every_materi_once_in_study_order_within_a_day_s_jpl():
    from bimtek.curriculum import DAY_JPL, training_days

    days = training_days(CURRICULUM)
    flat_order = [m.id for day in days for m in day]
    assert flat_order == [m.id for m in sorted(MODULES, key=lambda m: (m.urutan, m.id))]
    assert all(0 < sum(m.jpl for m in day) <= DAY_JPL for day in days)
    text = flat(pdf_text(PDF))
    assert "LAMPIRAN: USULAN PEMBAGIAN HARI" in text and f"{len(days)} hari" in text
    for number, day in enumerate(days, start=1):
        sums = [sum(getattr(m.jam, f) for m in day) for f in ("teori", "penugasan", "praktik_lapangan")]
        assert f"Jumlah hari {number} {' '.join(map(str, sums))} {sum(m.jpl for m in day)}" in text
    rows = [[cell.text for cell in row.cells] for row in Document(io.BytesIO(DOCX)).tables[-1].rows]
    assert rows[0] == ["Hari", "Materi", "T", "P", "PL", "JPL"]
    assert sum(int(r[5]) for r in rows[1:] if r[1].startswith("Jumlah hari")) == 37
