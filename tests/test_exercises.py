"""Exercise grading per kind, variant drawing per learner, and the regulation exercise's checklist details."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from bimtek.formula import FormulaError, evaluate
from bimtek.modules import (
    ChoiceExercise,
    ChoiceItem,
    CodeItem,
    MatchExercise,
    MatchItem,
    NumberExercise,
    NumberItem,
    OrderItem,
    load_modules,
)
from scoring.answer_values import parse_number, search_codes
from scoring.exercises import DrawnItem, draw_items, grade_item, pool_exhausted, summarise_progress


def drawn(item, kind: str, params=None) -> DrawnItem:
    return DrawnItem("latihan", kind, item, params or {})


SINGLE = ChoiceItem.model_validate(
    {
        "id": "pg",
        "pertanyaan": "Standar tarif yang berlaku?",
        "pilihan": [
            {"teks": "Permenkes 3/2023", "benar": True, "penjelasan": "Berlaku sejak 2023."},
            {"teks": "Permenkes 52/2016", "penjelasan": "Sudah dicabut."},
        ],
    }
)
MULTI = ChoiceItem.model_validate(
    {
        "id": "pg-multi",
        "pertanyaan": "Pilih semua berkas umum.",
        "pilihan": [
            {"teks": "FPK", "benar": True, "penjelasan": "Berkas umum."},
            {"teks": "SPTJM", "benar": True, "penjelasan": "Berkas umum."},
            {"teks": "Rekap", "benar": True, "penjelasan": "Berkas umum."},
            {"teks": "Partograf", "penjelasan": "Lampiran persalinan."},
        ],
    }
)


@pytest.mark.parametrize(
    ("item", "answer", "score"),
    [
        (SINGLE, "Permenkes 3/2023", 1.0),
        (SINGLE, "Permenkes 52/2016", 0.0),
        (SINGLE, None, 0.0),
        (MULTI, ["FPK", "SPTJM", "Rekap"], 1.0),
        (MULTI, ["FPK", "SPTJM"], 2 / 3),
        (MULTI, ["FPK", "SPTJM", "Partograf"], 1 / 3),
        (MULTI, ["Partograf"], 0.0),
    ],
)
def test_multiple_choice_scores(item, answer, score):
    result = grade_item(drawn(item, "pilihan_ganda"), answer)
    assert result.score == pytest.approx(score)
    assert result.correct is (score == 1.0)


def test_multiple_choice_explains_every_option_and_marks_the_learners_pick():
    result = grade_item(drawn(SINGLE, "pilihan_ganda"), "Permenkes 52/2016")
    by_label = {p.label: p for p in result.feedback}
    assert by_label["Permenkes 52/2016"].message == "Pilihan Anda, salah. Sudah dicabut."
    assert not by_label["Permenkes 52/2016"].correct
    assert by_label["Permenkes 3/2023"].message == "Jawaban yang benar. Berlaku sejak 2023."
    assert (by_label["Permenkes 52/2016"].role, by_label["Permenkes 3/2023"].role) == ("jawaban", "kunci")
    missed_one = grade_item(drawn(MULTI, "pilihan_ganda"), ["FPK", "SPTJM"])
    assert [p.role for p in missed_one.feedback] == ["jawaban", "jawaban", "kunci", "lain"]
    assert result.summary == "Belum tepat."


STEPS = OrderItem.model_validate(
    {
        "id": "urut",
        "pertanyaan": "Urutkan.",
        "langkah": [
            {"teks": "Pendaftaran", "penjelasan": "Kartu JKN."},
            {"teks": "Pelayanan", "penjelasan": "Rekam medis."},
            {"teks": "Entry P-Care", "penjelasan": "Hari yang sama."},
            {"teks": "Verifikasi", "penjelasan": "Internal."},
        ],
    }
)


@pytest.mark.parametrize(
    ("answer", "score", "correct"),
    [
        (["Pendaftaran", "Pelayanan", "Entry P-Care", "Verifikasi"], 1.0, True),
        (["Pelayanan", "Pendaftaran", "Entry P-Care", "Verifikasi"], 5 / 6, False),  # one swap: nearly right
        (["Verifikasi", "Entry P-Care", "Pelayanan", "Pendaftaran"], 0.0, False),  # reversed
        (["Pendaftaran", "Pelayanan"], 1 / 6, False),  # incomplete
    ],
)
def test_ordering_gives_partial_credit_for_relative_order(answer, score, correct):
    result = grade_item(drawn(STEPS, "urutan"), answer)
    assert result.score == pytest.approx(score)
    assert result.correct is correct


def test_ordering_feedback_names_where_each_step_belongs():
    result = grade_item(drawn(STEPS, "urutan"), ["Pelayanan", "Pendaftaran", "Entry P-Care", "Verifikasi"])
    by_label = {p.label: p for p in result.feedback}
    assert by_label["Pendaftaran"].message == "Anda menaruhnya di langkah ke-2; seharusnya ke-1. Kartu JKN."
    assert by_label["Entry P-Care"].correct and by_label["Entry P-Care"].message.startswith("Tepat di langkah ke-3")


MATCH = MatchItem.model_validate(
    {
        "id": "pasang",
        "pertanyaan": "Pasangkan.",
        "pasangan": [
            {"kiri": "Tarif", "kanan": "Permenkes 3/2023", "penjelasan": "Ps 5-6.", "instrumen": "pmk-3-2023"},
            {"kiri": "Payung JKN", "kanan": "Perpres 82/2018", "penjelasan": "Ps 77.", "instrumen": "perpres-82"},
            {"kiri": "Administrasi", "kanan": "PerBPJS 7/2018", "penjelasan": "Ps 29.", "instrumen": "pb-7-2018"},
            {"kiri": "KBK", "kanan": "PerBPJS 7/2019", "penjelasan": "AK, RRNS.", "instrumen": "pb-7-2019"},
        ],
        "pengecoh": [
            {"teks": "Permenkes 52/2016", "penjelasan": "Dicabut 3/2023.", "instrumen": "pmk-52", "dicabut": True},
            {"teks": "Permenkes 21/2016", "penjelasan": "Diganti 6/2022.", "instrumen": "pmk-21", "dicabut": True},
        ],
    }
)
ALL_RIGHT = {"Tarif": "Permenkes 3/2023", "Payung JKN": "Perpres 82/2018", "Administrasi": "PerBPJS 7/2018"}
ALL_RIGHT["KBK"] = "PerBPJS 7/2019"


def test_matching_all_right_lists_every_current_instrument():
    result = grade_item(drawn(MATCH, "pasangan"), ALL_RIGHT)
    assert (result.score, result.correct) == (1.0, True)
    assert result.details == {
        "instrumen_benar": ["pmk-3-2023", "perpres-82", "pb-7-2018", "pb-7-2019"],
        "instrumen_dicabut_dipilih": [],
    }


def test_matching_a_revoked_instrument_is_listed_and_explained():
    answer = {**ALL_RIGHT, "Tarif": "Permenkes 52/2016"}
    result = grade_item(drawn(MATCH, "pasangan"), answer)
    assert result.score == pytest.approx(0.75)
    assert result.details["instrumen_dicabut_dipilih"] == ["pmk-52"]
    assert "pmk-3-2023" not in result.details["instrumen_benar"]
    tarif = next(p for p in result.feedback if p.label == "Tarif")
    assert tarif.message == "Anda memilih Permenkes 52/2016: Dicabut 3/2023. Yang benar: Permenkes 3/2023. Ps 5-6."


def test_matching_two_swapped_pairs_is_half_right_and_names_what_the_pick_governs():
    answer = {**ALL_RIGHT, "Tarif": "Perpres 82/2018", "Payung JKN": "Permenkes 3/2023"}
    result = grade_item(drawn(MATCH, "pasangan"), answer)
    assert result.score == pytest.approx(0.5)
    assert result.details == {"instrumen_benar": ["pb-7-2018", "pb-7-2019"], "instrumen_dicabut_dipilih": []}
    assert "yang mengatur hal lain (Payung JKN)" in next(p.message for p in result.feedback if p.label == "Tarif")


def test_matching_without_instruments_carries_no_checklist_details():
    plain = MatchItem.model_validate(
        {
            "id": "x",
            "pertanyaan": "Pasangkan.",
            "pasangan": [
                {"kiri": "ANC", "kanan": "KIA", "penjelasan": "."},
                {"kiri": "KB", "kanan": "Consent", "penjelasan": "."},
            ],
        }
    )
    assert grade_item(drawn(plain, "pasangan"), {"ANC": "KIA", "KB": "Consent"}).details == {}


CODE = CodeItem.model_validate(
    {
        "id": "kode",
        "kasus": "DBD dengan trombosit 85.000.",
        "kode_benar": ["A91"],
        "penjelasan": "DBD = A91.",
        "kode_sebagian": {"A90": "Demam dengue tanpa perdarahan."},
        "umpan_balik": {"A97.1": "Kode edisi 2019."},
    }
)
GASTRITIS = CodeItem.model_validate(
    {"id": "gas", "kasus": "Gastritis.", "kode_benar": ["K29.7"], "penjelasan": "K29.7."}
)


@pytest.mark.parametrize(
    ("item", "answer", "score", "fragment"),
    [
        (CODE, "A91", 1.0, "A91 = Dengue haemorrhagic fever. DBD = A91."),
        (CODE, " a91 ", 1.0, "A91 = Dengue haemorrhagic fever"),
        (GASTRITIS, "K297", 1.0, "K29.7 = Gastritis, unspecified"),
        (GASTRITIS, "k29.7", 1.0, "K29.7 = Gastritis, unspecified"),
        (CODE, "A90", 0.5, "A90 = Dengue fever [classical dengue]: kurang tepat. Demam dengue tanpa perdarahan."),
        (CODE, "A97.1", 0.0, "Kode edisi 2019. Kode yang benar: A91 (Dengue haemorrhagic fever)."),
        (CODE, "A97.0", 0.0, "'A97.0' tidak ada dalam ICD-10 WHO 2010 yang dipakai P-Care"),
        (CODE, "demam berdarah", 0.0, "'demam berdarah' bukan kode ICD-10: kode ICD-10 berupa satu huruf"),
        (CODE, "12345", 0.0, "'12345' bukan kode ICD-10"),
        (CODE, "J06.9", 0.0, "J06.9 = Acute upper respiratory infection, unspecified, bukan kode kasus ini."),
        (GASTRITIS, "K29.1", 0.0, "Kategorinya sama, tetapi subkategorinya tidak tepat."),
        (CODE, "", 0.0, "Belum ada kode yang diisi."),
    ],
)
def test_code_lookup(item, answer, score, fragment):
    result = grade_item(drawn(item, "cari_kode"), answer)
    assert result.score == score
    assert fragment in result.feedback[0].message


def test_code_search_finds_codes_by_english_name_and_by_code_prefix():
    assert ("A01.0", "Typhoid fever") in search_codes("typhoid")
    assert search_codes("K29")[0] == ("K29", "Gastritis and duodenitis")
    assert ("K29.7", "Gastritis, unspecified") in search_codes("k297")
    assert search_codes("   ") == []


KAPITASI = NumberItem.model_validate(
    {
        "id": "kap",
        "pertanyaan": "{peserta} peserta × Rp{tarif}?",
        "parameter": {"peserta": {"min": 1000, "max": 9000, "kelipatan": 50}, "tarif": {"pilihan": [10000, 12000]}},
        "rumus": "peserta * tarif",
        "satuan": "rupiah",
        "penjelasan": "{peserta} × Rp{tarif} = {jawaban}.",
    }
)
PERSEN = NumberItem.model_validate(
    {
        "id": "p",
        "pertanyaan": "?",
        "rumus": "(46 - 38) / 38 * 100",
        "satuan": "persen",
        "toleransi": 0.1,
        "penjelasan": "{jawaban}",
    }
)
TENGGAT = NumberItem.model_validate(
    {
        "id": "t",
        "pertanyaan": "Pelayanan {tgl}?",
        "parameter": {"tgl": {"tanggal_min": "2024-08-01", "tanggal_max": "2024-08-31"}},
        "rumus": "kedaluwarsa(tgl)",
        "satuan": "tanggal",
        "penjelasan": "Batas {jawaban}.",
    }
)


@pytest.mark.parametrize(
    ("item", "params", "answer", "score"),
    [
        (KAPITASI, {"peserta": 9950, "tarif": 10000}, "99500000", 1.0),
        (KAPITASI, {"peserta": 9950, "tarif": 10000}, "Rp99.500.000", 1.0),
        (KAPITASI, {"peserta": 9950, "tarif": 10000}, "99.500.000", 1.0),
        (KAPITASI, {"peserta": 9950, "tarif": 10000}, 99500000, 1.0),
        (KAPITASI, {"peserta": 9950, "tarif": 10000}, "99.000.000", 0.0),
        (PERSEN, {}, "21,1", 1.0),  # 21.05...: within the 0.1 tolerance
        (PERSEN, {}, "21.05", 1.0),
        (PERSEN, {}, "20,9", 0.0),
        (TENGGAT, {"tgl": dt.date(2024, 8, 31)}, dt.date(2025, 2, 28), 1.0),  # clamped to the month's last day
        (TENGGAT, {"tgl": dt.date(2024, 8, 31)}, "28/02/2025", 1.0),
        (TENGGAT, {"tgl": dt.date(2024, 8, 31)}, "2025-03-03", 0.0),
        (TENGGAT, {"tgl": dt.date(2024, 8, 31)}, "besok", 0.0),
    ],
)
def test_numeric_and_date_answers(item, params, answer, score):
    result = grade_item(drawn(item, "angka", params), answer)
    assert result.score == score


def test_numeric_feedback_shows_both_values_in_rupiah_and_the_worked_explanation():
    result = grade_item(drawn(KAPITASI, "angka", {"peserta": 9950, "tarif": 10000}), "99.000.000")
    assert result.feedback[0].message == (
        "Jawaban Anda: Rp99.000.000. Jawaban yang benar: Rp99.500.000. 9.950 × Rp10.000 = Rp99.500.000."
    )
    assert result.details["parameter"] == {"peserta": "9.950", "tarif": "10.000"}


def test_date_feedback_reads_as_an_indonesian_date():
    result = grade_item(drawn(TENGGAT, "angka", {"tgl": dt.date(2024, 8, 31)}), "besok")
    assert result.feedback[0].message == (
        "'besok' bukan tanggal. Jawaban yang benar: 28 Februari 2025. Batas 28 Februari 2025."
    )


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Rp1.200.000", 1200000),
        ("2,5", 2.5),
        ("12.5", 12.5),
        ("1.000,75", 1000.75),
        ("21%", 21),
        ("abc", None),
        ("", None),
    ],
)
def test_parse_number_reads_indonesian_notation(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("rumus", ["__import__('os')", "peserta.__class__", "[1, 2]", "open('x')", "lambda: 1"])
def test_formula_refuses_anything_but_arithmetic(rumus):
    with pytest.raises(FormulaError):
        evaluate(rumus, {"peserta": 1})


# --- drawing ------------------------------------------------------------------------------------------------------


def _pool(n: int, per_round: int) -> ChoiceExercise:
    items = [
        {
            "id": f"s{i}",
            "pertanyaan": f"Soal {i}",
            "pilihan": [{"teks": "a", "benar": True, "penjelasan": "."}, {"teks": "b", "penjelasan": "."}],
        }
        for i in range(n)
    ]
    return ChoiceExercise.model_validate(
        {"id": "pool", "judul": "Pool", "jenis": "pilihan_ganda", "jumlah_soal": per_round, "soal": items}
    )


def test_two_learners_with_different_seeds_see_different_items():
    exercise = _pool(12, 3)
    rounds = {tuple(d.id for d in draw_items(exercise, set(), random.Random(f"peserta-{n}"))) for n in range(10)}
    assert len(rounds) > 1
    same = [d.id for d in draw_items(exercise, set(), random.Random("peserta-1"))]
    assert same == [d.id for d in draw_items(exercise, set(), random.Random("peserta-1"))]


def test_a_retry_draws_items_the_learner_has_not_seen():
    exercise = _pool(9, 3)
    seen: set[str] = set()
    for round_number in range(3):
        items = [d.id for d in draw_items(exercise, seen, random.Random(round_number))]
        assert not set(items) & seen
        seen |= set(items)
    assert pool_exhausted(exercise, seen)


def test_an_exhausted_pool_falls_back_to_seen_items_after_the_unseen_ones():
    exercise = _pool(4, 3)
    items = [d.id for d in draw_items(exercise, {"s0", "s1", "s2"}, random.Random(1))]
    assert items[0] == "s3" and len(items) == 3 and len(set(items)) == 3
    again = [d.id for d in draw_items(exercise, {"s0", "s1", "s2", "s3"}, random.Random(2))]
    assert len(again) == 3


def test_parameters_and_option_order_vary_per_learner():
    exercise = NumberExercise.model_validate(
        {"id": "n", "judul": "N", "jenis": "angka", "jumlah_soal": 1, "soal": [KAPITASI.model_dump()]}
    )
    values = {tuple(draw_items(exercise, set(), random.Random(s))[0].params.values()) for s in range(20)}
    assert len(values) > 10
    for params in values:
        assert 1000 <= params[0] <= 9000 and params[0] % 50 == 0 and params[1] in (10000, 12000)
    orders = {draw_items(_pool(1, 1), set(), random.Random(s))[0].options for s in range(20)}
    assert orders == {("a", "b"), ("b", "a")}


def test_an_ordering_item_is_never_shown_already_solved():
    exercise = {"id": "o", "judul": "O", "jenis": "urutan", "jumlah_soal": 1, "soal": [STEPS.model_dump()]}
    from bimtek.modules import OrderExercise

    model = OrderExercise.model_validate(exercise)
    solved = tuple(s.teks for s in STEPS.langkah)
    assert all(draw_items(model, set(), random.Random(s))[0].options != solved for s in range(200))


def test_every_shipped_item_can_be_drawn_and_graded():
    for module in load_modules().modules:
        for exercise in module.latihan:
            for seed in range(3):
                for item in draw_items(exercise, set(), random.Random(seed)):
                    assert item.prompt()
                    assert 0.0 <= grade_item(item, None).score <= 1.0


# --- progress -----------------------------------------------------------------------------------------------------


def test_progress_counts_a_round_done_and_averages_the_latest_score_per_item():
    regulasi = next(m for m in load_modules().modules if m.id == "regulasi")
    first = regulasi.latihan[1]  # regulasi-pilihan: three items per round
    rows = [
        {"module_id": "regulasi", "exercise_id": first.id, "item_id": "rp-tarif-2024", "score": 0.0},
        {"module_id": "regulasi", "exercise_id": first.id, "item_id": "rp-tarif-2024", "score": 1.0},
        {"module_id": "regulasi", "exercise_id": first.id, "item_id": "rp-kedaluwarsa", "score": 0.0},
    ]
    done = summarise_progress(regulasi, rows)
    assert done.exercises[1].graded_items == 2 and not done.exercises[1].done
    assert done.exercises[1].score == pytest.approx(0.5)
    rows.append({"module_id": "regulasi", "exercise_id": first.id, "item_id": "rp-bayar-15-hari", "score": 1.0})
    done = summarise_progress(regulasi, rows)
    assert (done.done, done.total) == (1, len(regulasi.latihan))
    assert done.score == pytest.approx(2 / 3)


def test_shipped_regulation_exercise_reports_revoked_picks():
    regulasi = next(m for m in load_modules().modules if m.id == "regulasi")
    exercise = regulasi.exercise("regulasi-terkini")
    assert isinstance(exercise, MatchExercise)
    item = exercise.soal[0]
    answer = {p.kiri: p.kanan for p in item.pasangan}
    answer[item.pasangan[0].kiri] = item.pengecoh[0].teks
    details = grade_item(drawn(item, "pasangan"), answer).details
    assert details["instrumen_dicabut_dipilih"] == [item.pengecoh[0].instrumen]
    assert len(details["instrumen_benar"]) == len(item.pasangan) - 1
