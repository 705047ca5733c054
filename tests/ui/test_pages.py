"""Every page of the core loop runs and shows what a trainee or trainer needs (AppTest)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from bimtek.catalogue import catalogue_rows
from bimtek.content import SCENARIO_DIR, load_scenarios
from bimtek.fmt import rupiah
from bimtek.io import claims_to_rows, read_claims, rows_to_csv
from bimtek.privacy import mask_card
from bimtek.reference import load_reference
from bimtek.rules import all_rules
from bimtek.verification import verify, verify_batch
from scoring.findings import CATEGORIES, claim_fields, field_label
from tests.ui.conftest import page_texts, problems, run_page
from ui import nav, progress, state
from ui.catalogue_view import CODE_LISTS

SCENARIOS = load_scenarios().scenarios


@pytest.mark.parametrize("page", list(nav.PAGES))
def test_every_page_runs_and_shows_its_title(page):
    at = run_page(page)
    assert not at.exception, problems(at)
    assert at.title, f"{page} has no title"
    # An empty list widget without a placeholder of ours shows Streamlit's English "Choose options" (issue 13).
    empty = [*(w for w in at.multiselect if not w.value), *(w for w in at.selectbox if not w.proto.HasField("default"))]
    english = [w.label for w in empty if not w.placeholder.strip()]
    assert not english, f"{page}: no Indonesian placeholder on {english}"


def test_beranda_counts_scenarios_and_rules():
    at = run_page(nav.BERANDA)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Studi kasus"] == str(len(SCENARIOS))
    assert metrics["Aturan verifikasi"] == str(len(all_rules()))
    assert "ditolak" in at.markdown[0].value
    assert bool(at.warning) == bool(load_scenarios().problems)


def test_beranda_lists_broken_content_for_trainers_and_keeps_the_rest(tmp_path, monkeypatch):
    shutil.copy(SCENARIO_DIR / "dbd-ranap-tanpa-lab.yaml", tmp_path)
    (tmp_path / "rusak.yaml").write_text("id: rusak\njudul: [tidak ditutup\n", encoding="utf-8")
    monkeypatch.setattr("ui.content.SCENARIO_DIR", tmp_path)
    at = run_page(nav.BERANDA)
    assert not at.exception, problems(at)
    assert "rusak.yaml" in at.warning[0].value
    assert {m.label: m.value for m in at.metric}["Studi kasus"] == "1"


def test_beranda_offers_to_continue_the_last_case():
    first = SCENARIOS[0]
    at = run_page(nav.BERANDA, session={state.OPEN_CASE: first.id})
    assert any(link.label == f"Lanjutkan: {first.judul}" for link in at.get("page_link"))
    assert not any(link.label.startswith("Lanjutkan") for link in run_page(nav.BERANDA).get("page_link"))


def test_case_list_shows_every_loaded_scenario_with_its_filters():
    at = run_page(nav.STUDI_KASUS)
    assert not at.exception, problems(at)
    opened = [b for b in at.button if b.key.startswith(state.OPEN_PREFIX)]
    assert len(opened) == len(SCENARIOS)
    assert {m.key for m in at.multiselect} == {
        state.FILTER_MODUL,
        state.FILTER_JENIS,
        state.FILTER_TINGKAT,
        state.FILTER_STATUS,
    }
    assert f"{len(SCENARIOS)} dari {len(SCENARIOS)} kasus" in " ".join(c.value for c in at.caption)


def test_case_list_opens_with_the_articles_two_cases_then_dasar_first():
    """Issue 13: the seed article's Kasus 1 was number 32 of 34 (the list was alphabetical by file name)."""
    at = run_page(nav.STUDI_KASUS)
    ids = [b.key.removeprefix(state.OPEN_PREFIX) for b in at.button if b.key.startswith(state.OPEN_PREFIX)]
    assert ids[:2] == ["sehat-bersama-injeksi-vitamin-anemia", "dbd-ranap-tanpa-lab"]
    by_id = {s.id: s for s in SCENARIOS}
    levels = [by_id[i].tingkat.value for i in ids[2:]]
    assert levels == sorted(levels, key=["dasar", "menengah", "mahir"].index)


def test_case_list_filters_by_level_and_status(seed_progress):
    at = run_page(nav.STUDI_KASUS)
    at.multiselect(key=state.FILTER_TINGKAT).set_value(["dasar"]).run()
    dasar = [s for s in SCENARIOS if s.tingkat.value == "dasar"]
    assert len([b for b in at.button if b.key.startswith(state.OPEN_PREFIX)]) == len(dasar)

    solved = SCENARIOS[0].id
    record = {"scenario_id": solved, "score": 90, "correction_ok": True, "integrity_ok": True, "seconds": 60.0}
    at = run_page(nav.STUDI_KASUS, session={state.LEARNER: seed_progress(attempts=[record])})
    at.multiselect(key=state.FILTER_STATUS).set_value([progress.TUNTAS]).run()
    assert [b.key for b in at.button if b.key.startswith(state.OPEN_PREFIX)] == [state.OPEN_PREFIX + solved]
    assert "skor terbaik: 90" in " ".join(c.value for c in at.caption)


def test_case_page_works_without_a_chosen_case_and_renders_the_claim_like_pcare():
    at = run_page(nav.KASUS)
    assert not at.exception, problems(at)
    scenario = SCENARIOS[0]
    assert at.selectbox(key=state.CASE_SELECT).value == scenario.id
    assert len(at.selectbox(key=state.CASE_SELECT).options) == len(SCENARIOS)
    html = " ".join(m.value for m in at.markdown)
    for section in ("Fasilitas", "Peserta", "Kunjungan", "Lampiran lab", "Dokumen", "Pengajuan"):
        assert f'<div class="pcare-head">{section}</div>' in html
    assert mask_card(scenario.klaim.peserta.no_kartu) in html and scenario.klaim.peserta.no_kartu not in html
    assert [e.label for e in at.expander] == [item.judul for item in scenario.berkas_kasus]


def test_case_page_opens_the_case_named_in_the_link():
    wanted = SCENARIOS[-1]
    at = run_page(nav.KASUS, query={"kasus": wanted.id})
    assert at.title[0].value == wanted.judul


def test_the_finding_form_offers_the_claims_own_fields_and_every_kind_of_problem_not_only_the_keys():
    """Issue 11: the trainee points at fields of this claim and picks from every category, never from rule titles."""
    prolanis = next(s for s in SCENARIOS if s.klaim.kegiatan_prolanis is not None)
    for scenario in (SCENARIOS[0], prolanis):
        at = run_page(nav.KASUS, query={"kasus": scenario.id})
        fields = at.multiselect(key=state.FINDING_FIELDS_PREFIX + "0").options
        assert fields == [field_label(f) for f in claim_fields(scenario.klaim)]
        assert at.selectbox(key=state.FINDING_CATEGORY_PREFIX + "0").options == list(CATEGORIES.values())
        assert any("Prolanis" in f for f in fields) is (scenario is prolanis), scenario.id


def _mentions(texts: list[str], needle: str) -> bool:
    pattern = re.compile(rf"\b{re.escape(needle)}\b")
    return any(pattern.search(t) for t in texts)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
def test_answer_key_is_absent_before_submitting_and_shown_after(scenario):
    at = run_page(nav.KASUS, query={"kasus": scenario.id})
    assert at.title[0].value == scenario.judul
    texts = page_texts(at)
    leaks = [code for code in scenario.kunci.cacat if _mentions(texts, code)]
    leaks += [f.message for f in verify(scenario.klaim).findings if any(f.message in t for t in texts)]
    assert not leaks, f"answer key visible before submitting: {leaks}"
    first_line = scenario.kunci.penjelasan.strip().splitlines()[0]
    assert not any(first_line in t for t in texts)

    at.button(key=state.SUBMIT).click().run()
    assert not at.exception, problems(at)
    after = page_texts(at)
    assert any(first_line in t for t in after)
    assert all(_mentions(after, code) for code in scenario.kunci.cacat)


def test_catalogue_lists_every_rule_with_severity_and_uncertain_label():
    at = run_page(nav.KATALOG)
    assert not at.exception, problems(at)
    labels = [e.label for e in at.expander]
    assert sorted(label.split(" — ")[0] for label in labels) == sorted(r.code for r in all_rules())
    uncertain = sorted(r["code"] for r in catalogue_rows() if r["uncertain"])
    assert uncertain and sorted(label[:4] for label in labels if "Sumber belum pasti" in label) == uncertain
    assert all(
        any(f"badge[{r.severity.label}]" in label for label in labels if label.startswith(r.code)) for r in all_rules()
    )
    assert any("Permenkes 3/2023" in m.value for m in at.markdown)


def test_catalogue_shows_the_reference_lists_tariffs_and_deadlines():
    ref = load_reference()
    at = run_page(nav.KATALOG)
    tables = [df.value for df in at.dataframe]
    codes = [t for t in tables if list(t.columns) == ["Kode", "Arti"]]
    assert [len(t) for t in codes] == [len(ref.code_lists[name].codes) for name, _ in CODE_LISTS]
    tariff = next(t for t in tables if "Selain Puskesmas" in t.columns)
    assert len(tariff) == sum(line.regulasi == "pmk_3_2023" for line in ref.tariffs)
    assert {"Sumber", "Status"} <= set(tariff.columns)
    deadlines = next(t for t in tables if "Ketentuan" in t.columns)
    assert len(deadlines) == len(ref.deadlines)


def test_catalogue_search_narrows_the_rules():
    at = run_page(nav.KATALOG)
    at.text_input(key=state.RULE_SEARCH).input("kebocoran plasma").run()
    assert [e.label.split(" — ")[0] for e in at.expander] == ["EV01"]
    at.text_input(key=state.RULE_SEARCH).input("tidak-ada-aturan-begini").run()
    assert not at.expander and at.info


def test_periksa_klaim_shows_each_problem_of_a_malformed_upload():
    at = run_page(nav.PERIKSA)
    at.file_uploader(key=state.UPLOAD).upload("klaim.yaml", b"peserta: [tidak ditutup\n", "application/x-yaml").run()
    assert not at.exception, problems(at)
    assert at.error and "1 masalah" in at.error[0].value
    # the problems as plain text (a code block), never markdown: values from the file stay inert
    assert at.code[0].value.startswith("klaim.yaml: baris 2: YAML tidak valid")


def test_periksa_klaim_explains_the_batch_columns_in_indonesian_not_the_developer_page():
    at = run_page(nav.PERIKSA)
    assert not at.exception, problems(at)
    (columns,) = [e for e in at.expander if e.label == "Kolom berkas batch"]
    table = columns.dataframe[0].value
    assert {"no_kartu", "layanan", "tgl_daftar"} <= set(table["Kolom"])
    assert "nomor kartu JKN, 13 digit" in set(table["Isi"])
    text = " ".join(m.value for m in columns.markdown)
    assert "Satu klaim per baris" in text and "Batch file columns" not in text and ".py" not in text


def test_periksa_klaim_verifies_a_csv_batch_row_by_row():
    data = rows_to_csv(claims_to_rows([s.klaim for s in SCENARIOS[:4]], full_card=True))
    claims = read_claims("bulan.csv", data)
    verdicts = verify_batch(claims)
    at = run_page(nav.PERIKSA)
    at.file_uploader(key=state.UPLOAD).upload("bulan.csv", data, "text/csv").run()
    assert not at.exception, problems(at)
    assert not at.error
    table = next(df.value for df in at.dataframe if "No. klaim" in df.value.columns)
    assert list(table["No. klaim"]) == [c.pengajuan.no_klaim for c in claims]
    counts = {m.label: int(m.value) for m in at.metric}
    assert counts == {label: sum(v.status_label == label for v in verdicts) for label in counts}
    assert sum(counts.values()) == len(claims)
    payable = sum(v.payable for v in verdicts)
    assert f"dapat dibayar **{rupiah(payable)}**" in " ".join(m.value for m in at.markdown)


def test_periksa_klaim_verifies_an_uploaded_claim_and_offers_downloads():
    claim = SCENARIOS[0].klaim.model_dump(mode="json")
    at = run_page(nav.PERIKSA)
    at.file_uploader(key=state.UPLOAD).upload("klaim.yaml", yaml.safe_dump(claim).encode(), "application/x-yaml").run()
    assert not at.exception, problems(at)
    assert not at.error
    verdict = verify(SCENARIOS[0].klaim)
    assert {m.label: m.value for m in at.metric}[verdict.status_label] == "1"
    assert {b.key for b in at.get("download_button")} >= {state.DOWNLOAD_CSV, state.DOWNLOAD_XLSX}


def test_periksa_klaim_reports_a_missing_submission_file_once_for_the_batch():
    claims = [s.klaim.model_copy(update={"berkas_pengajuan": None}) for s in SCENARIOS[:4]]
    data = rows_to_csv(claims_to_rows(claims))
    at = run_page(nav.PERIKSA)
    at.file_uploader(key=state.UPLOAD).upload("tanpa-berkas.csv", data, "text/csv").run()
    assert not at.exception, problems(at)
    general = [e.value for e in at.error if "Berkas pengajuan" in e.value]
    assert len(general) == 1 and "DK01" in general[0] and "tidak disertai berkas umum" in general[0]


@pytest.mark.parametrize(
    ("case_id", "sections"),
    [
        ("klb-dbd-gunungkidul", ("Konteks layanan", "Berkas pengajuan (untuk seluruh pengajuan bulan ini)")),
        ("prolanis-senam-foto-dipakai-ulang", ("Kegiatan Prolanis", "Daftar hadir", "Foto kegiatan")),
    ],
)
def test_case_page_shows_who_pays_and_the_prolanis_evidence(case_id, sections):
    at = run_page(nav.KASUS, query={"kasus": case_id})
    assert not at.exception, problems(at)
    html = " ".join(m.value for m in at.markdown)
    for section in sections:
        assert f'<div class="pcare-head">{section}</div>' in html


def test_no_pages_directory_next_to_app_py():
    # Streamlit treats a pages/ folder beside the entry point as a v1 multipage app until st.navigation has run
    # once in the process: the first visitor on a deep link (/kasus?kasus=...) would bypass app.py entirely.
    assert not (Path(nav.__file__).resolve().parents[1] / "pages").exists()
    assert all((Path(nav.__file__).resolve().parents[1] / page).is_file() for page in nav.PAGES)


def test_beranda_starts_a_new_learner_with_the_articles_kasus_1():
    at = run_page(nav.BERANDA)
    labels = [link.proto.label for link in at.get("page_link")]
    assert any(label.startswith("Langkah berikutnya: Kasus 1: Klinik Mandiri") for label in labels), labels
