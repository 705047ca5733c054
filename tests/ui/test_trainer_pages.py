"""Trainer pages and access (views/narasumber.py, views/dasbor.py, ui/roles.py): a whole room, from the cohort's code
to remediation, and proof that trainees see neither the trainer's pages nor one another's work."""

from __future__ import annotations

import json

import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetState

from bimtek.content import load_scenarios
from bimtek.errors import BimtekError
from bimtek.modules import load_modules
from bimtek.storage import accounts, cohorts
from bimtek.storage import progress as stored
from bimtek.storage.store import get_store
from tests.ui.conftest import page_texts, problems, run_page
from tests.ui.test_dbd_case import CASE, LAB_BOOK, attach
from ui import identity, nav, roles, state
from ui.identity import Learner


def texts(at) -> str:
    return " ".join(page_texts(at))


def ok(at):
    assert not at.exception, problems(at)
    return at


@pytest.fixture
def siti() -> accounts.TrainerInfo:
    return accounts.create_trainer(get_store(), "siti", "sandi-rahasia-1")


def as_trainer(trainer, page: str):
    return ok(run_page(page, session={state.TRAINER: trainer}))


def join(code: str, name: str, pin: str = "4821"):
    """A trainee opens the QR code's link and joins."""
    at = ok(run_page(nav.MASUK, query={state.JOIN_QUERY: code}))
    assert at.text_input(key=state.JOIN_CODE).value == code  # the link filled the code in
    at.text_input(key=state.JOIN_NAME).input(name)
    at.text_input(key=state.JOIN_PIN).input(pin)
    ok(at.button(key=state.JOIN_SUBMIT).click().run())
    return at


def test_a_trainer_creates_a_cohort_sees_its_code_and_qr_and_a_trainee_joins_with_it(siti):
    at = as_trainer(siti, nav.NARASUMBER)
    assert "Belum ada kelas" in texts(at)
    at.text_input(key=state.COHORT_NAME).input("Bimtek Klaim Puskesmas Oktober")
    ok(at.button(key=state.COHORT_CREATE).click().run())
    [cohort] = cohorts.trainer_cohorts(get_store(), siti.id)
    assert "Bimtek Klaim Puskesmas Oktober" in texts(at)
    assert any(cohort.join_code in str(m.value) and "font-size:6rem" in str(m.value) for m in at.markdown)
    assert f"?kelas={cohort.join_code}" in texts(at)  # the QR code's link
    assert len(at.get("image")) == 1

    trainee = join(cohort.join_code, "Rina Wulandari")
    assert trainee.session_state[state.LEARNER].cohort == "Bimtek Klaim Puskesmas Oktober"
    assert [m.name for m in cohorts.cohort_members(get_store(), cohort.id)] == ["Rina Wulandari"]


def test_the_dashboard_shows_the_rooms_trainees_and_their_errors(siti):
    cohort = accounts.create_cohort(get_store(), "Bimtek Oktober", "siti")
    rina = accounts.join_cohort(get_store(), cohort.join_code, "Rina", "4821")
    stored.record_attempt(
        get_store(),
        rina.id,
        {"scenario_id": CASE, "score": 30, "correction_ok": False, "integrity_ok": True, "missed": ["EV01"],
         "seconds": 600.0},
    )  # fmt: skip
    at = as_trainer(siti, nav.DASBOR)
    progress_table = at.dataframe[0].value
    assert list(progress_table["Peserta"]) == ["Rina"]
    assert int(progress_table["Kasus dicoba"][0]) == 1 and int(progress_table["Kasus tuntas"][0]) == 0
    assert "10 menit" in texts(at)
    assert at.selectbox(key=state.REMEDY_RULE).value == "EV01"
    assert "Belum menguasai: Rina" in texts(at)


def _room_with_two_errors(trainer):
    """Rina and Budi both missed EV01 on the DBD case; Budi also missed DK03."""
    cohort = accounts.create_cohort(get_store(), "Bimtek Oktober", trainer.username)
    people = []
    for name, pin, missed in (("Rina", "4821", ["EV01"]), ("Budi", "5930", ["EV01", "DK03"])):
        who = accounts.join_cohort(get_store(), cohort.join_code, name, pin)
        stored.record_attempt(
            get_store(),
            who.id,
            {"scenario_id": CASE, "score": 30, "correction_ok": False, "integrity_ok": True, "missed": missed,
             "seconds": 60.0},
        )  # fmt: skip
        people.append(who)
    return cohort, people


def click_cell(at, rule: str, learner_id: str):
    """What the browser sends when a heatmap cell is clicked: the chart's point selection on (rule, learner id)."""
    [chart] = [c for c in at.get("vega_lite_chart") if c.proto.selection_mode]
    states = at._tree.get_widget_states()
    event = {"selection": {"sel": [{"Aturan": rule, "learner_id": learner_id}]}}
    states.widgets.append(WidgetState(id=chart.proto.id, string_value=json.dumps(event)))
    at._run(states)
    return ok(at)


def test_the_error_heatmap_is_selectable_by_rule_and_trainee(siti):
    _room_with_two_errors(siti)
    at = as_trainer(siti, nav.DASBOR)
    [chart] = [c for c in at.get("vega_lite_chart") if c.proto.selection_mode]
    assert list(chart.proto.selection_mode) == ["sel"]
    [param] = json.loads(chart.proto.spec)["params"]
    assert param["select"]["fields"] == ["Aturan", "learner_id"]


def test_clicking_a_cell_picks_its_rule_suggests_what_trains_it_and_can_narrow_to_that_trainee(siti):
    cohort, (rina, budi) = _room_with_two_errors(siti)
    at = as_trainer(siti, nav.DASBOR)
    assert at.selectbox(key=state.REMEDY_RULE).value == "EV01"  # most trainees first
    click_cell(at, "DK03", budi.id)
    assert at.selectbox(key=state.REMEDY_RULE).value == "DK03"
    assert "Belum menguasai: Budi" in texts(at)
    target = at.selectbox(key=state.REMEDY_TARGET)
    assert "DK03" in " ".join(cohorts_module_rules(target.value))  # the default module trains DK03
    assert "(disarankan: melatih DK03)" in target.format_func(target.value)
    at.radio(key=state.REMEDY_KIND).set_value("skenario").run()
    target = at.selectbox(key=state.REMEDY_TARGET)
    assert "DK03" in case_key(target.value)  # a shipped case whose answer key names DK03
    assert "(disarankan: melatih DK03)" in target.format_func(target.value)
    click_cell(at, "EV01", rina.id)
    assert "Belum menguasai: Rina, Budi" in texts(at) or "Belum menguasai: Budi, Rina" in texts(at)
    ok(at.checkbox(key=state.REMEDY_ONLY).check().run())
    ok(at.button(key=state.REMEDY_ASSIGN).click().run())
    assert "Tugas diberikan kepada 1 peserta." in texts(at)
    [task] = cohorts.cohort_assignments(get_store(), cohort.id)
    assert (task.learner_id, task.rule_code, task.kind) == (rina.id, "EV01", "skenario")
    assert task.target == at.selectbox(key=state.REMEDY_TARGET).value == CASE


def test_without_the_chart_the_rule_list_suggests_and_assigns_everyone_who_missed_the_rule(siti):
    cohort, people = _room_with_two_errors(siti)
    at = as_trainer(siti, nav.DASBOR)
    ok(at.selectbox(key=state.REMEDY_RULE).set_value("DK03").run())
    assert not at.checkbox  # no cell clicked: nobody singled out
    assert "DK03" in " ".join(cohorts_module_rules(at.selectbox(key=state.REMEDY_TARGET).value))
    ok(at.selectbox(key=state.REMEDY_RULE).set_value("EV01").run())
    assert "EV01" in " ".join(cohorts_module_rules(at.selectbox(key=state.REMEDY_TARGET).value))
    ok(at.button(key=state.REMEDY_ASSIGN).click().run())
    assert "Tugas diberikan kepada 2 peserta." in texts(at)
    given = cohorts.cohort_assignments(get_store(), cohort.id)
    assert sorted(a.learner_id for a in given) == sorted(p.id for p in people)
    assert {(a.kind, a.rule_code) for a in given} == {("modul", "EV01")}


def cohorts_module_rules(module_id: str) -> list[str]:
    return next(m.aturan for m in load_modules().modules if m.id == module_id)


def case_key(scenario_id: str) -> list[str]:
    return next(s.kunci.cacat for s in load_scenarios().scenarios if s.id == scenario_id)


@pytest.mark.parametrize("page", sorted(nav.TRAINER_PAGES))
def test_a_trainee_opening_a_trainer_page_directly_is_refused(seed_progress, page):
    cohort_owner = accounts.create_trainer(get_store(), "siti", "sandi-rahasia-1")
    accounts.create_cohort(get_store(), "Bimtek Oktober", cohort_owner.username)
    learner = seed_progress(name="Rina")
    at = ok(run_page(page, session={state.LEARNER: learner}))
    assert roles.REFUSED in [e.value for e in at.error]
    assert "Bimtek Oktober" not in texts(at) and not at.dataframe and not at.text_input


def test_trainer_pages_are_hidden_from_the_sidebar_unless_a_trainer_is_signed_in():
    def visible(trainer: bool) -> dict[str, list[str]]:
        sections = roles.layout(trainer=trainer)
        return {name: [nav.PAGES[path][0] for path, shown in pages if shown] for name, pages in sections.items()}

    for_trainee, for_trainer = visible(False), visible(True)
    assert not [title for title in for_trainee.get("Narasumber", [])]
    assert {"Kelas Saya", "Dasbor Kelas"} <= set(for_trainer["Narasumber"])
    shown_to_trainee = {title for titles in for_trainee.values() for title in titles}
    assert not shown_to_trainee & {"Kelas Saya", "Dasbor Kelas"}
    assert list(for_trainee)[:4] == ["Belajar", "Latihan", "Piutang", "Evaluasi"]


def test_the_sidebar_keeps_the_working_order_leaves_out_detail_pages_and_puts_masuk_first_for_a_guest():
    """Issue 13: 17 entries with "Modul" and "Kasus" duplicating their lists, "Masuk" below the fold at 768 px, and
    trainer pages listed against the working order."""

    def visible(**who: bool) -> dict[str, list[str]]:
        sections = roles.layout(**who)
        return {name: [nav.PAGES[path][0] for path, shown in pages if shown] for name, pages in sections.items()}

    guest, trainee, trainer = visible(trainer=False, guest=True), visible(trainer=False), visible(trainer=True)
    assert list(guest)[0] == "Akun" and guest["Akun"][0] == "Masuk"
    assert list(trainee)[-1] == "Akun"  # signed in: Masuk (to sign out) comes last
    assert trainer["Narasumber"] == ["Kelas Saya", "Dasbor Kelas", "Penulisan Skenario", "Ekspor & Sertifikat"]
    for who in (guest, trainee, trainer):
        titles = [t for ts in who.values() for t in ts]
        assert "Kasus" not in titles and "Modul" not in titles
        assert {"Studi Kasus", "Modul Bimtek"} <= set(titles)


def test_remediation_appears_on_the_trainees_beranda_and_is_done_when_the_case_is_tuntas(siti):
    cohort = accounts.create_cohort(get_store(), "Bimtek Oktober", "siti")
    rina = accounts.join_cohort(get_store(), cohort.join_code, "Rina", "4821")
    stored.record_attempt(
        get_store(),
        rina.id,
        {"scenario_id": CASE, "score": 30, "correction_ok": False, "integrity_ok": True, "missed": ["EV01"],
         "seconds": 60.0},
    )  # fmt: skip
    board = as_trainer(siti, nav.DASBOR)
    board.radio(key=state.REMEDY_KIND).set_value("skenario").run()
    board.selectbox(key=state.REMEDY_TARGET).set_value(CASE).run()
    ok(board.button(key=state.REMEDY_ASSIGN).click().run())
    assert "Tugas diberikan kepada 1 peserta." in texts(board)

    me = Learner(id=rina.id, name="Rina", cohort="Bimtek Oktober")
    home = ok(run_page(nav.BERANDA, session={state.LEARNER: me}))
    [task] = [link for link in home.get("page_link") if "(untuk aturan EV01)" in link.label]
    assert task.label.startswith("Studi kasus: ")

    case = ok(run_page(nav.KASUS, session={state.LEARNER: me}, query={"kasus": CASE}))
    case.multiselect(key=state.FLAGGED).set_value(["EV01"])
    attach(case, LAB_BOOK)
    ok(case.button(key=state.SUBMIT).click().run())
    home = ok(run_page(nav.BERANDA, session={state.LEARNER: me}))
    assert not [link for link in home.get("page_link") if "(untuk aturan EV01)" in link.label]
    assert any("selesai" in str(m.value) and "EV01" in str(m.value) for m in home.markdown)


def test_a_trainee_never_sees_another_trainees_attempts(seed_progress):
    other = seed_progress(
        attempts=[{"scenario_id": CASE, "score": 100, "correction_ok": True, "integrity_ok": True, "seconds": 9.0}],
        name="Budi",
    )
    me = seed_progress(name="Rina")
    cases = ok(run_page(nav.STUDI_KASUS, session={state.LEARNER: me}))
    assert "skor terbaik: 100" not in texts(cases)
    checklist = ok(run_page(nav.CHECKLIST, session={state.LEARNER: me}))
    assert "Budi" not in texts(checklist)
    theirs = ok(run_page(nav.STUDI_KASUS, session={state.LEARNER: other}))
    assert "skor terbaik: 100" in texts(theirs)  # the same page does show a learner their own work


def test_a_made_up_profile_id_in_the_link_opens_nobody(seed_progress):
    seed_progress(
        attempts=[{"scenario_id": CASE, "score": 100, "correction_ok": True, "integrity_ok": True, "seconds": 9.0}],
        name="Budi",
    )
    at = ok(run_page(nav.STUDI_KASUS, query={identity.QUERY_KEY: "budi"}))
    assert "skor terbaik: 100" not in texts(at)
    assert state.LEARNER not in at.session_state


def test_a_trainer_resets_a_trainees_pin_and_lifts_a_lock_on_the_cohort_page_and_both_are_logged(siti):
    cohort = accounts.create_cohort(get_store(), "Bimtek Oktober", "siti")
    rina = accounts.join_cohort(get_store(), cohort.join_code, "Rina", "4821")
    for _ in range(accounts.MAX_FAILURES):
        with pytest.raises(BimtekError):
            accounts.open_profile(get_store(), rina.id, "0000")
    at = as_trainer(siti, nav.NARASUMBER)
    assert "Terkunci sampai" in str(at.dataframe[0].value)
    assert rina.id not in " ".join(
        [texts(at), *(str(w.key) for w in at.button), *(str(o) for o in at.selectbox[0].options)]
    )
    at.selectbox(key=state.ACCOUNT_MEMBER).select(0)
    ok(at.button(key=state.ACCOUNT_UNLOCK).click().run())
    assert "Kunci akun Rina dibuka" in texts(at)
    assert accounts.open_profile(get_store(), rina.id, "4821").id == rina.id

    ok(at.button(key=state.ACCOUNT_RESET).click().run())
    [message] = [str(s.value) for s in at.success if "PIN baru untuk Rina" in str(s.value)]
    pin = message.split("**")[1]
    assert accounts.resume(get_store(), "Rina", pin, cohort.join_code).id == rina.id
    log = at.dataframe[-1].value
    assert list(log["Tindakan"]) == ["PIN diatur ulang", "Kunci dibuka"] and set(log["Oleh"]) == {"siti"}
    assert set(log["Peserta"]) == {"Rina"}


def test_the_dashboard_reads_in_words_for_a_trainee_without_attempts_cases_by_title_indicators_in_full(siti):
    """Issue 13: "None" for a trainee with no attempts, raw scenario ids, indicator labels cut off ("Pemahaman Reg…")."""
    cohort = accounts.create_cohort(get_store(), "Bimtek Oktober", "siti")
    rina = accounts.join_cohort(get_store(), cohort.join_code, "Rina", "4821")
    accounts.join_cohort(get_store(), cohort.join_code, "Budi", "5930")
    stored.record_attempt(
        get_store(),
        rina.id,
        {"scenario_id": CASE, "score": 30, "correction_ok": False, "integrity_ok": True, "missed": ["EV01"],
         "seconds": 2244.0},
    )  # fmt: skip
    at = as_trainer(siti, nav.DASBOR)
    progress = at.dataframe[0].value.set_index("Peserta")
    assert progress.loc["Budi", "Rata-rata skor"] == "belum ada"
    assert progress.loc["Rina", "Menit"] == "37,4"  # Indonesian decimal comma
    assert "None" not in progress.astype(str).to_string()
    title = next(s.judul for s in load_scenarios().scenarios if s.id == CASE)
    hardest = at.dataframe[1].value
    assert list(hardest["Kasus"]) == [title] and CASE not in hardest.to_string()
    bars = [el.proto.text for el in at.get("progress")]
    for name in ("Pemahaman Regulasi", "Praktik Pengisian Data", "Penurunan Klaim Ditolak", "Implementasi SOP"):
        assert any(name in text for text in bars), bars


def test_the_dashboard_lists_item_statistics_and_flags_a_butir_everyone_got_wrong(siti):
    cohort = accounts.create_cohort(get_store(), "Bimtek Oktober", "siti")
    for name, pin in (("Rina", "4821"), ("Budi", "5930")):
        who = accounts.join_cohort(get_store(), cohort.join_code, name, pin)
        stored.record_exercise(
            get_store(),
            who.id,
            {"module_id": "regulasi", "exercise_id": "regulasi-pilihan", "item_id": "rp-tarif-2024",
             "kind": "pilihan_ganda", "score": 0.0, "correct": False, "answer": None, "details": {}},
        )  # fmt: skip
    at = as_trainer(siti, nav.DASBOR)
    assert "Statistik butir soal dan kasus" in texts(at)
    assert "**1** dari 1 butir mungkin bermasalah." in texts(at)
    [table] = [d.value for d in at.dataframe if "Indeks fasilitas (%)" in d.value.columns]
    row = table.iloc[0]
    assert row["Butir"] == "regulasi/regulasi-pilihan/rp-tarif-2024" and int(row["n"]) == 2
    assert row["Isi"].startswith("Regulasi") and "standar tarif mana" in row["Isi"].lower()
    assert row["Indeks fasilitas (%)"] == 0 and row["Status"] == "Mungkin bermasalah"
    assert "terlalu sulit" in row["Alasan"]
