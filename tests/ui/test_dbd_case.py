"""A trainee completes the DBD case (seed 000, Kasus 2) through the UI: find EV01, attach the lab book's results."""

from __future__ import annotations

import time

from scoring.grading import POINTS_IDENTIFICATION, time_points
from tests.ui.conftest import problems, run_page
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
    at.multiselect(key=state.FLAGGED).set_value(["EV01"])
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
    assert "**Ditemukan:** EV01 — Bukti laboratorium DBD tidak lengkap" in page
    assert "**Terlewat:** tidak ada" in page
    assert "buku lab" in " ".join(i.value for i in at.info).lower()  # the key's penjelasan, now shown


def test_a_second_attempt_without_evidence_stays_returned_and_coba_lagi_resets():
    at = open_case()
    at.multiselect(key=state.FLAGGED).set_value(["EV01"])
    attach(at, LAB_BOOK)
    at.button(key=state.SUBMIT).click().run()
    assert metrics(at)["Skor"] == "100/100"

    at.button(key=state.RETRY).click().run()
    assert not at.exception, problems(at)
    assert "Skor" not in metrics(at)
    assert at.multiselect(key=state.FLAGGED).value == []
    assert not any(box.value for box in at.checkbox if box.label.startswith(LAB_BOOK))
    assert "percobaan ke-2" in " ".join(c.value for c in at.caption)

    ten_minutes_ago = time.time() - 600  # twice the target: half the time points
    at.session_state[state.ATTEMPT] = {**at.session_state[state.ATTEMPT], "started": ten_minutes_ago}
    at.multiselect(key=state.FLAGGED).set_value(["EV01"])
    at.button(key=state.SUBMIT).click().run()
    grade = at.session_state[state.RESULT]["grade"]
    expected = POINTS_IDENTIFICATION + 0 + time_points(grade.seconds, 300)
    assert metrics(at)["Skor"] == f"{expected}/100" and expected < 100
    page = texts(at)
    assert page.count(":orange-badge[Dikembalikan]") == 2  # before and after: still returned
    assert "Klaim hasil perbaikan masih berstatus 'Dikembalikan'" in page

    at.switch_page(nav.STUDI_KASUS).run()
    at.multiselect(key=state.FILTER_STATUS).set_value(["Tuntas"]).run()
    assert [b.key for b in at.button if b.key.startswith(state.OPEN_PREFIX)] == [state.OPEN_PREFIX + CASE]
    assert any("Tuntas · skor terbaik: 100" in c.value for c in at.caption)


def test_inventing_a_fact_is_fabrication_and_scores_zero():
    at = open_case()
    at.multiselect(key=state.FLAGGED).set_value(["EV01"])
    attach(at, LAB_BOOK)
    at.date_input(key=state.TGL_PULANG).set_value(at.date_input(key=state.TGL_DAFTAR).value)  # a shorter stay
    at.button(key=state.SUBMIT).click().run()
    assert not at.exception, problems(at)
    assert metrics(at)["Skor"] == "0/100"
    assert any(e.value.startswith("Fabrikasi: Tanggal pulang diubah menjadi") for e in at.error)


def test_an_invalid_edit_shows_indonesian_messages_and_keeps_the_input():
    at = open_case()
    at.multiselect(key=state.FLAGGED).set_value(["EV01"])
    at.selectbox(key=state.TACC).set_value(1)  # a TACC without the referral's destination
    at.text_input(key=state.TACC_ALASAN).input("Time: < 3 hari")
    at.button(key=state.SUBMIT).click().run()
    assert not at.exception, problems(at)
    assert any("Kode PPK tujuan rujukan: wajib diisi" in e.value for e in at.error)
    assert "Skor" not in metrics(at)
    assert at.multiselect(key=state.FLAGGED).value == ["EV01"]
    assert at.text_input(key=state.TACC_ALASAN).value == "Time: < 3 hari"


def test_the_answer_survives_a_look_at_the_catalogue_mid_case():
    at = open_case()
    at.multiselect(key=state.FLAGGED).set_value(["EV01"])
    attach(at, LAB_BOOK[:1])
    at.run()
    started = at.session_state[state.ATTEMPT]["started"]
    at.switch_page(nav.KATALOG).run()
    at.switch_page(nav.KASUS).run()
    assert not at.exception, problems(at)
    assert at.multiselect(key=state.FLAGGED).value == ["EV01"]
    assert [box.label for box in at.checkbox if box.value and box.label.startswith(LAB_BOOK)] == [
        next(box.label for box in at.checkbox if box.label.startswith(LAB_BOOK[0]))
    ]
    assert at.session_state[state.ATTEMPT]["started"] == started  # the clock was not restarted


def test_withdrawing_a_fixable_claim_loses_the_correction_points():
    at = open_case()
    at.multiselect(key=state.FLAGGED).set_value(["EV01"])
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
    at.multiselect(key=state.FLAGGED).set_value(["EV01"])
    attach(at, LAB_BOOK)
    at.button(key=state.SUBMIT).click().run()
    assert not at.exception, problems(at)
    assert metrics(at)["Skor"] == "100/100"


def test_a_measurement_that_is_not_a_number_is_named():
    at = open_case()
    at.text_input(key=state.VITAL_PREFIX + "suhu").input("38,x")
    at.multiselect(key=state.FLAGGED).set_value(["EV01"])
    at.button(key=state.SUBMIT).click().run()
    assert not at.exception, problems(at)
    assert "Suhu: '38,x' bukan angka" in [e.value for e in at.error]
    assert "Skor" not in metrics(at)
