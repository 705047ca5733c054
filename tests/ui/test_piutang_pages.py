"""The piutang pages (AppTest): overview, journal exercises, receivables ledger and the KBK what-if panel."""

from __future__ import annotations

from pathlib import Path

from bimtek import accounting as acc
from bimtek.storage import progress as stored
from bimtek.storage.store import get_store
from scoring.journal_situations import generate_situation
from tests.ui.conftest import page_texts, problems, run_page
from ui import nav, state
from ui.kbk_chart import band_rows, kbk_chart

ROOT = Path(__file__).resolve().parents[2]
CLAIMS = (ROOT / "examples" / "contoh-batch.csv").read_bytes()
PAYMENTS = (ROOT / "examples" / "contoh-pembayaran.csv").read_bytes()
UPLOAD = "Unggah berkas klaim dan pembayaran"


def editor_key(situation_id: str, step_id: str) -> str:
    return f"{state.JOURNAL_EDITOR_PREFIX}{situation_id}__{step_id}"


def edits(*lines: tuple[str, int, int]) -> dict:
    """The data editor's edit state for rows typed into the blank table."""
    rows = {
        i: {"akun": a, **({"debit": d} if d else {}), **({"kredit": c} if c else {})}
        for i, (a, d, c) in enumerate(lines)
    }
    return {"edited_rows": rows, "added_rows": [], "deleted_rows": []}


def post(at, situation_id: str, answer: dict[str, list[tuple[str, int, int]]]):
    for step_id, lines in answer.items():
        at.session_state[editor_key(situation_id, step_id)] = edits(*lines)
    return at.button(key=state.JOURNAL_SUBMIT).click().run()


KAPITASI_ANSWER = {
    "pengakuan": [(acc.PIUTANG_KAPITASI, 3_000_000, 0), (acc.PENDAPATAN_KAPITASI, 0, 3_000_000)],
    "pelunasan": [(acc.KAS, 3_000_000, 0), (acc.PIUTANG_KAPITASI, 0, 3_000_000)],
}
RANAP_ANSWER = {
    "pengakuan": [(acc.PIUTANG_RANAP, 75_000, 0), (acc.PENDAPATAN_NON_KAPITASI, 0, 75_000)],
    "pelunasan": [(acc.KAS, 100_000, 0), (acc.PIUTANG_RANAP, 0, 75_000), (acc.SELISIH_LEBIH, 0, 25_000)],
}


# --- overview ---------------------------------------------------------------------------------------------------


def test_overview_shows_both_source_examples_with_their_figures():
    at = run_page(nav.PIUTANG)
    assert not at.exception, problems(at)
    tables = [d.value.to_dict("list") for d in at.dataframe]
    assert {"Akun": [acc.PIUTANG_KAPITASI, f"    {acc.PENDAPATAN_KAPITASI}"], "Debit": ["Rp3.000.000", ""], "Kredit": ["", "Rp3.000.000"]} in tables  # fmt: skip
    settlement = next(t for t in tables if t["Debit"][0] == "Rp100.000")
    assert settlement["Kredit"] == ["", "Rp75.000", "Rp25.000"]
    assert settlement["Akun"][2].strip() == acc.SELISIH_LEBIH
    assert any("Pengakuan & Perhitungan Piutang Pasien BPJS di Puskesmas" in c.value for c in at.caption)
    assert not any("seed" in c.value or "facts" in c.value for c in at.caption)


# --- journal exercises --------------------------------------------------------------------------------------------


def test_posting_the_kapitasi_source_example_is_all_correct_and_recorded(seed_progress):
    learner = seed_progress()
    at = run_page(nav.JURNAL, session={state.LEARNER: learner})
    assert not at.exception, problems(at)
    assert at.selectbox(key=state.JOURNAL_PICK).value == "sumber-kapitasi"
    assert not any("Jurnal yang benar" in e.label for e in at.expander)  # no answer before posting
    at = post(at, "sumber-kapitasi", KAPITASI_ANSWER)
    assert not at.exception, problems(at)
    assert [s.value for s in at.success] == ["Semua baris benar dan setiap jurnal seimbang."]
    assert sum("**Benar**" in m.value for m in at.markdown) == 4
    [record] = stored.exercise_results(get_store(), learner.id, "piutang")
    assert (record["exercise_id"], record["item_id"], record["kind"]) == ("jurnal", "sumber-kapitasi", "jurnal")
    assert record["correct"] is True and record["score"] == 1.0


def test_posting_the_inpatient_source_example_with_selisih_lebih_is_all_correct():
    at = run_page(nav.JURNAL)
    at.selectbox(key=state.JOURNAL_PICK).set_value("sumber-ranap").run()
    at = post(at, "sumber-ranap", RANAP_ANSWER)
    assert not at.exception, problems(at)
    assert [s.value for s in at.success] == ["Semua baris benar dan setiap jurnal seimbang."]
    assert any("Rp25.000 selisih lebih" in c.value for c in at.caption)


def test_a_wrong_account_gets_line_feedback_and_the_answer_is_shown():
    at = run_page(nav.JURNAL)
    wrong = dict(KAPITASI_ANSWER, pengakuan=[(acc.KAS, 3_000_000, 0), (acc.PENDAPATAN_KAPITASI, 0, 3_000_000)])
    at = post(at, "sumber-kapitasi", wrong)
    assert not at.exception, problems(at)
    assert not at.success and "Skor 75%" in at.warning[0].value
    texts = page_texts(at)
    assert any("**Akun salah**" in t and acc.PIUTANG_KAPITASI in t for t in texts)
    assert any("Jurnal yang benar" in e.label for e in at.expander)


def test_a_generated_situation_runs_and_an_empty_journal_is_graded():
    at = run_page(nav.JURNAL)
    at.selectbox(key=state.JOURNAL_PICK).set_value("dikembalikan").run()
    assert not at.exception, problems(at)
    seed = at.session_state[state.JOURNAL_SEEDS]["dikembalikan"]
    situation = generate_situation("dikembalikan", seed)
    assert at.subheader[0].value == situation.title
    assert len(at.data_editor) == len(situation.steps)
    at.button(key=state.JOURNAL_SUBMIT).click().run()
    assert not at.exception, problems(at)
    assert any("tabel dibiarkan kosong" in m.value for m in at.markdown)  # the not-journalised steps are right
    assert any("**Baris hilang**" in m.value for m in at.markdown)


def test_another_situation_draws_a_new_seed():
    at = run_page(nav.JURNAL)
    at.selectbox(key=state.JOURNAL_PICK).set_value("kapitasi").run()
    seeds = [at.session_state[state.JOURNAL_SEEDS]["kapitasi"]]
    for _ in range(3):
        at.button(key=state.JOURNAL_NEW).click().run()
        seeds.append(at.session_state[state.JOURNAL_SEEDS]["kapitasi"])
        assert at.subheader[0].value == generate_situation("kapitasi", seeds[-1]).title
    assert not at.exception, problems(at)
    assert len(set(seeds)) > 1


# --- ledger -------------------------------------------------------------------------------------------------------


def test_ledger_of_a_generated_month_shows_totals_and_exports():
    at = run_page(nav.BUKU_PIUTANG)
    assert not at.exception, problems(at)
    metrics = {m.label: m.value for m in at.metric}
    assert set(metrics) == {
        "Ditagihkan ke BPJS",
        "Piutang diakui",
        "Kas diterima",
        "Sisa piutang",
        "Mendekati kedaluwarsa",
    }
    assert at.dataframe and at.get("download_button")
    at.text_input(key=state.LEDGER_AS_OF_GENERATED).input("25/03/2027").run()
    assert not at.exception, problems(at)
    assert int({m.label: m.value for m in at.metric}["Mendekati kedaluwarsa"]) > 0
    assert any("Segera ajukan ulang" in w.value for w in at.warning)
    assert "Buku piutang per 25 Maret 2027" in [h.value for h in at.subheader]


def test_a_ledger_date_that_is_not_a_date_is_named_and_the_ledger_keeps_its_date():
    at = run_page(nav.BUKU_PIUTANG)
    before = [h.value for h in at.subheader if h.value.startswith("Buku piutang per")]
    at.text_input(key=state.LEDGER_AS_OF_GENERATED).input("31/02/2027").run()
    assert not at.exception, problems(at)
    assert any("Tanggal '31/02/2027' tidak dikenali; tulis sebagai HH/BB/TTTT" in e.value for e in at.error)
    assert [h.value for h in at.subheader if h.value.startswith("Buku piutang per")] == before


def test_ledger_of_uploaded_example_files():
    at = run_page(nav.BUKU_PIUTANG)
    at.radio(key=state.LEDGER_SOURCE).set_value(UPLOAD).run()
    at.file_uploader(key=state.LEDGER_CLAIMS).upload("contoh-batch.csv", CLAIMS, "text/csv")
    at.file_uploader(key=state.LEDGER_PAYMENTS).upload("contoh-pembayaran.csv", PAYMENTS, "text/csv")
    at.text_input(key=state.LEDGER_AS_OF_UPLOAD).input("20/03/2027").run()
    assert not at.exception, problems(at)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {
        "Ditagihkan ke BPJS": "Rp2.510.000",
        "Piutang diakui": "Rp2.360.000",  # KL-2026-10-003 at its own tariff (Rp600.000), billed at the package
        "Kas diterima": "Rp1.100.000",
        "Sisa piutang": "Rp1.120.000",
        "Mendekati kedaluwarsa": "3",
    }
    table = at.dataframe[0].value
    assert list(table[table["mendekati_kedaluwarsa"]]["no_klaim"]) == [
        "KL-2026-10-002",
        "KL-2026-10-005",
        "KL-2026-10-009",
    ]


def test_bad_payments_upload_shows_the_row_and_value():
    at = run_page(nav.BUKU_PIUTANG)
    at.radio(key=state.LEDGER_SOURCE).set_value(UPLOAD).run()
    at.file_uploader(key=state.LEDGER_CLAIMS).upload("contoh-batch.csv", CLAIMS, "text/csv")
    bad = b"no_klaim,tgl_bayar,jumlah_dibayar\nKL-2026-10-001,2026-11-24,enam puluh ribu\n"
    at.file_uploader(key=state.LEDGER_PAYMENTS).upload("bayar.csv", bad, "text/csv").run()
    assert not at.exception, problems(at)
    assert at.error[0].value == "Berkas tidak dapat dibukukan (1 masalah):"
    # the problems as plain text (a code block), never markdown: values from the files stay inert
    assert "bayar.csv: baris 2, kolom 'jumlah_dibayar': 'enam puluh ribu' bukan jumlah Rupiah" in at.code[0].value
    assert not at.metric


# --- KBK panel ----------------------------------------------------------------------------------------------------


def kbk_metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_kbk_panel_defaults_pay_in_full_and_cite_sources():
    at = run_page(nav.KBK)
    assert not at.exception, problems(at)
    assert kbk_metrics(at) == {
        "Skor KBK": "4",
        "Kapitasi dibayar": "100%",
        "Tarif kapitasi": "Rp7.000",  # Puskesmas, 1:<=5000 with a dentist (Permenkes 3/2023 Ps 6(1))
        "Kapitasi sebulan": "Rp56.000.000",
    }
    captions = " ".join(c.value for c in at.caption)
    assert "Peraturan BPJS Kesehatan Nomor 7 Tahun 2019" in captions and "S10" not in captions
    assert at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")


def test_kbk_panel_what_if_for_a_klinik_with_many_referrals():
    at = run_page(nav.KBK)
    at.selectbox(key=state.KBK_TYPE).set_value("klinik_pratama").run()
    at.number_input(key=state.KBK_RRNS).set_value(3.5).run()  # rating 1 on half the weight: 1.6 + 0.5 + 0.4 = 2.5
    assert not at.exception, problems(at)
    assert kbk_metrics(at) == {
        "Skor KBK": "2,5",
        "Kapitasi dibayar": "96%",
        "Tarif kapitasi": "Rp12.000",
        "Kapitasi sebulan": "Rp92.160.000",
    }
    at.selectbox(key=state.KBK_TYPE).set_value("puskesmas").run()
    assert kbk_metrics(at)["Kapitasi dibayar"] == "90%"  # the same score pays a Puskesmas less


def test_kbk_panel_warns_when_kbk_does_not_apply():
    at = run_page(nav.KBK)
    at.number_input(key=state.KBK_PARTICIPANTS).set_value(3000).run()
    assert not at.exception, problems(at)
    assert "≥5.000 peserta" in at.info[0].value and "belum pasti" in at.info[0].value


def test_kbk_chart_draws_each_indicators_bands_and_the_value():
    bands = band_rows("ak", 147)
    assert [(b["rating"], b["x0"], b["x1"]) for b in bands] == [
        (1, 120.0, 140),
        (2, 140, 145),
        (3, 145, 150),
        (4, 150, 170.0),
    ]
    spec = kbk_chart({"ak": 147, "rrns": 2.2, "rppt": 4.5}, {"ak": 3, "rrns": 3, "rppt": 3}).to_dict()
    assert len(spec["vconcat"]) == 3
    text = str(spec)
    assert "Nilai Anda 147‰ → rating 3" in text and "Nilai Anda 2,2% → rating 3" in text  # decimal comma
    assert "Nilai Anda 2.2" not in text
    titles = [layer["title"]["text"] for layer in spec["vconcat"]]
    assert titles[1] == [
        "Rasio Rujukan Rawat Jalan Kasus",
        "Non Spesialistik (RRNS)",
        "bobot 50%, makin rendah makin baik",
    ]
    assert all(len(line) <= 36 for lines in titles for line in lines)  # fits a phone (issue 13: titles were cut)


def test_overview_links_to_the_module_and_the_three_tools():
    at = run_page(nav.PIUTANG)
    labels = {link.label for link in at.get("page_link")}
    assert {"Latihan jurnal", "Buku piutang", "Simulasi KBK", "Materi dan latihan modul"} <= labels
    at = run_page(nav.MODUL, query={"modul": "piutang"})
    assert not at.exception, problems(at)
    assert any("Piutang BPJS" in t.value for t in at.title)


def test_ledger_of_my_simulated_month_books_what_i_filed(seed_progress):
    from bimtek.month import build_month

    month = build_month(4242)
    withdrawn = month.items[0].no_klaim
    learner = seed_progress(documents={"simulasi_bulan_draft": {"seed": 4242, "decisions": {withdrawn: ["tarik"]}}})
    at = run_page(nav.BUKU_PIUTANG, session={state.LEARNER: learner})
    assert not at.exception, problems(at)
    assert at.radio(key=state.LEDGER_SOURCE).value == "Bulan simulasi saya (hasil tinjauan)"
    booked = list(at.dataframe[0].value["no_klaim"])
    assert len(booked) == month.n - 1 and withdrawn not in booked


def test_ledger_offers_no_own_month_to_a_learner_without_one():
    at = run_page(nav.BUKU_PIUTANG)
    assert "Bulan simulasi saya (hasil tinjauan)" not in at.radio(key=state.LEDGER_SOURCE).options
