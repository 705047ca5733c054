"""A trainee completes the DBD case (seed 000, Kasus 2) through the UI: find EV01, attach the lab book's results."""

from __future__ import annotations

import time

from bimtek.practice_variants import find_variant
from bimtek.rules import all_rules
from scoring.grading import POINTS_IDENTIFICATION, time_points
from tests.ui.conftest import point_at, problems, run_page
from ui import nav, state

CASE = "dbd-ranap-tanpa-lab"
LAB_BOOK = (
    "Trombosit 85.000 /µL — 4 Oktober 2026",
    "Hematokrit 38 % — 3 Oktober 2026",
    "Hematokrit 46 % — 4 Oktober 2026",
)


def open_case():
    """From the case list, the trainee opens the DBD case."""
    at = run_page(nav.STUDI_KASUS)
    at.button(key=state.OPEN_PREFIX + CASE).click().run()
    assert not at.exception, problems(at)
    assert at.title[0].value.startswith("Puskesmas Perkotaan")
    # AppTest keeps requesting the page last passed to switch_page(); follow the app's own switch.
    return at.switch_page(nav.KASUS)


def texts(at):
    return " ".join([m.value for m in at.markdown] + [e.value for e in at.error] + [w.value for w in at.warning])


def metrics(at):
    return {m.label: m.value for m in at.metric}


def attach(at, labels):
    for box in at.checkbox:
        if box.label.startswith(labels):
            box.check()


def test_attaching_the_lab_book_results_makes_the_claim_payable_and_scores_full_marks():
    at = open_case()
    assert "Tidak ada hasil lab terlampir" in texts(at)
    point_at(at, ["lab"], "bukti")
    attach(at, LAB_BOOK)
    at.button(key=state.SUBMIT).click().run()
    assert not at.exception, problems(at)

    grade = at.session_state[state.RESULT]["grade"]
    assert grade.seconds < 5 * 60  # a test run is well inside the 5-minute target of a 'dasar' case
    assert metrics(at)["Skor"] == "100/100"
    assert metrics(at)["Perbaikan"] == "50/50"
    page = texts(at)
    assert ":orange-badge[Dikembalikan]" in page  # before
    assert ":green-badge[Layak dibayar]" in page  # after
    assert "dibayar Rp750.000" in page
    assert "**Ditemukan: EV01 — Bukti laboratorium DBD tidak lengkap**" in page
    assert "| Hasil laboratorium / penunjang | tepat ditunjuk |" in page
    assert "- **Jumlah**: 100/100" in page
    assert "buku lab" in " ".join(i.value for i in at.info).lower()  # the key's penjelasan, now shown


def test_coba_lagi_after_the_key_serves_a_new_variant_of_the_same_skill_and_resets_the_form():
    at = open_case()
    point_at(at, ["lab"], "bukti")
    attach(at, LAB_BOOK)
    at.button(key=state.SUBMIT).click().run()
    assert metrics(at)["Skor"] == "100/100"

    at.button(key=state.RETRY).click().run()
    assert not at.exception, problems(at)
    assert "Skor" not in metrics(at)
    variant_id = at.session_state[state.OPEN_CASE]
    variant = find_variant(variant_id)
    assert variant is not None and variant_id != CASE
    assert "EV01" in variant.kunci.cacat  # the same skill: DBD lab evidence, on another claim or defect
    assert at.title[0].value == variant.judul
    assert any(i.value.startswith("Kasus baru: varian") for i in at.info)
    assert at.multiselect(key=state.FINDING_FIELDS_PREFIX + "0").value == []
    assert at.query_params["kasus"] == variant_id
    assert "percobaan ke-1" in " ".join(c.value for c in at.caption)  # its own case: a first attempt

    ten_minutes_ago = time.time() - 600  # twice the target: half the time points
    at.session_state[state.ATTEMPT] = {**at.session_state[state.ATTEMPT], "started": ten_minutes_ago}
    point_at(at, ["lab"], "bukti")
    at.button(key=state.SUBMIT).click().run()
    grade = at.session_state[state.RESULT]["grade"]
    expected = POINTS_IDENTIFICATION + 0 + time_points(grade.seconds, 300)
    assert metrics(at)["Skor"] == f"{expected}/100" and expected < 100
    page = texts(at)
    assert "Klaim hasil perbaikan masih berstatus 'Dikembalikan'" in page

    at.switch_page(nav.STUDI_KASUS).run()
    at.multiselect(key=state.FILTER_STATUS).set_value(["Tuntas"]).run()
    assert [b.key for b in at.button if b.key.startswith(state.OPEN_PREFIX)] == [state.OPEN_PREFIX + CASE]
    assert any("Tuntas · skor terbaik: 100" in c.value for c in at.caption)


def test_a_finding_in_the_right_field_with_the_wrong_kind_of_problem_earns_half_and_the_feedback_names_the_rule():
    at = open_case()
    point_at(at, ["lab"], "dokumen", note="trombosit tidak dilampirkan")
    at.button(key=state.FINDING_ADD).click().run()
    point_at(at, ["pengajuan.jumlah_diajukan"], "tarif", row=1)
    attach(at, LAB_BOOK)
    at.button(key=state.SUBMIT).click().run()
    assert not at.exception, problems(at)
    # credit 0.5 of 1 defect over 2 findings: precision 1/4, recall 1/2 -> F1 1/3 -> 13 of 40
    assert metrics(at)["Identifikasi"] == "13/40"
    page = texts(at)
    assert "**Sebagian: EV01 — Bukti laboratorium DBD tidak lengkap**" in page
    assert "Bagiannya tepat, jenis masalahnya keliru" in page
    assert "catatan: trombosit tidak dilampirkan" in page
    assert "**Temuan 2 tidak sesuai cacat mana pun:** Jumlah diajukan — Tarif / jumlah tidak sesuai." in page
    assert "| Jumlah diajukan | ditunjuk, tidak bermasalah |" in page


def test_a_half_filled_finding_is_named_and_nothing_is_graded():
    at = open_case()
    at.multiselect(key=state.FINDING_FIELDS_PREFIX + "0").set_value(["lab"])
    at.button(key=state.SUBMIT).click().run()
    assert not at.exception, problems(at)
    assert "Temuan 1: pilih juga jenis masalahnya, atau kosongkan temuan itu." in [e.value for e in at.error]
    assert "Skor" not in metrics(at)


def test_the_answer_form_shows_no_rule_code_or_title_before_submitting():
    at = open_case()
    offered = " ".join(
        [*(str(o) for w in at.multiselect for o in w.options), *(str(o) for w in at.selectbox for o in w.options)]
    )
    for rule in all_rules():
        assert rule.code not in offered and rule.title not in offered, rule.code
    assert "Hasil laboratorium / penunjang" in at.multiselect(key=state.FINDING_FIELDS_PREFIX + "0").options
    assert "Bukti penunjang tidak ada / tidak cukup / tidak masuk akal" in (
        at.selectbox(key=state.FINDING_CATEGORY_PREFIX + "0").options
    )


def test_inventing_a_fact_is_fabrication_and_scores_zero():
    at = open_case()
    point_at(at, ["lab"], "bukti")
    attach(at, LAB_BOOK)
    at.date_input(key=state.TGL_PULANG).set_value(at.date_input(key=state.TGL_DAFTAR).value)  # a shorter stay
    at.button(key=state.SUBMIT).click().run()
    assert not at.exception, problems(at)
    assert metrics(at)["Skor"] == "0/100"
    assert any(e.value.startswith("Fabrikasi: Tanggal pulang diubah menjadi") for e in at.error)


def test_an_invalid_edit_shows_indonesian_messages_and_keeps_the_input():
    at = open_case()
    point_at(at, ["lab"], "bukti")
    at.selectbox(key=state.TACC).set_value(1)  # a TACC without the referral's destination
    at.text_input(key=state.TACC_ALASAN).input("Time: < 3 hari")
    at.button(key=state.SUBMIT).click().run()
    assert not at.exception, problems(at)
    assert any("Kode PPK tujuan rujukan: wajib diisi" in e.value for e in at.error)
    assert "Skor" not in metrics(at)
    assert at.multiselect(key=state.FINDING_FIELDS_PREFIX + "0").value == ["lab"]
    assert at.text_input(key=state.TACC_ALASAN).value == "Time: < 3 hari"


def test_the_answer_survives_a_look_at_the_catalogue_mid_case():
    at = open_case()
    point_at(at, ["lab"], "bukti")
    attach(at, LAB_BOOK[:1])
    at.run()
    started = at.session_state[state.ATTEMPT]["started"]
    at.switch_page(nav.KATALOG).run()
    at.switch_page(nav.KASUS).run()
    assert not at.exception, problems(at)
    assert at.multiselect(key=state.FINDING_FIELDS_PREFIX + "0").value == ["lab"]
    assert [box.label for box in at.checkbox if box.value and box.label.startswith(LAB_BOOK)] == [
        next(box.label for box in at.checkbox if box.label.startswith(LAB_BOOK[0]))
    ]
    assert at.session_state[state.ATTEMPT]["started"] == started  # the clock was not restarted


def test_withdrawing_a_fixable_claim_loses_the_correction_points():
    at = open_case()
    point_at(at, ["lab"], "bukti")
    at.checkbox(key=state.WITHDRAW).check()
    at.button(key=state.SUBMIT).click().run()
    assert not at.exception, problems(at)
    assert metrics(at)["Perbaikan"] == "0/50"
    page = texts(at)
    assert "Klaim tidak diajukan." in page
    assert "menariknya berarti fasilitas kehilangan pembayaran" in page


def test_measurements_read_with_a_decimal_comma_and_a_typed_comma_counts():
    """Issue 13: the form showed "38.9"; Indonesian writes 38,9 (and the trainee types it so)."""
    at = open_case()
    assert at.text_input(key=state.VITAL_PREFIX + "suhu").value == "38,9"
    assert at.text_input(key=state.VITAL_PREFIX + "berat_badan").value == "52"
    at.text_input(key=state.VITAL_PREFIX + "suhu").input("38,9")
    point_at(at, ["lab"], "bukti")
    attach(at, LAB_BOOK)
    at.button(key=state.SUBMIT).click().run()
    assert not at.exception, problems(at)
    assert metrics(at)["Skor"] == "100/100"


def test_a_measurement_that_is_not_a_number_is_named():
    at = open_case()
    at.text_input(key=state.VITAL_PREFIX + "suhu").input("38,x")
    point_at(at, ["lab"], "bukti")
    at.button(key=state.SUBMIT).click().run()
    assert not at.exception, problems(at)
    assert "Suhu: '38,x' bukan angka" in [e.value for e in at.error]
    assert "Skor" not in metrics(at)
