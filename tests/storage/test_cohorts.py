"""A cohort's workshop records: the room's work for the dashboard, remediation, the authored library, certificates."""

from __future__ import annotations

import pytest

from bimtek.errors import InputError
from bimtek.storage import accounts, cohorts
from bimtek.storage import progress as stored


@pytest.fixture
def room(store):
    """Trainer siti with two cohorts; Rina and Budi in the first, Sari in the second."""
    siti = accounts.create_trainer(store, "siti", "sandi-rahasia-1")
    oktober = accounts.create_cohort(store, "Bimtek Oktober", "siti")
    november = accounts.create_cohort(store, "Bimtek November", "siti")
    rina = accounts.join_cohort(store, oktober.join_code, "Rina", "4821")
    budi = accounts.join_cohort(store, oktober.join_code, "Budi", "1234")
    sari = accounts.join_cohort(store, november.join_code, "Sari", "5555")
    return siti, oktober, november, rina, budi, sari


def attempt(scenario_id: str, score: int, missed=(), remaining=()) -> dict:
    return {
        "scenario_id": scenario_id,
        "score": score,
        "correction_ok": not remaining,
        "integrity_ok": True,
        "missed": list(missed),
        "remaining": list(remaining),
        "seconds": 120.0,
    }


def test_a_trainer_lists_only_their_own_cohorts_newest_first(store, room):
    siti, oktober, november, *_ = room
    other = accounts.create_trainer(store, "anton", "sandi-rahasia-2")
    accounts.create_cohort(store, "Kelas Anton", "anton")
    assert [c.name for c in cohorts.trainer_cohorts(store, siti.id)] == ["Bimtek November", "Bimtek Oktober"]
    assert [c.name for c in cohorts.trainer_cohorts(store, other.id)] == ["Kelas Anton"]


def test_the_dashboard_reads_only_the_cohorts_members_and_their_work(store, room):
    _, oktober, _, rina, budi, sari = room
    stored.record_attempt(store, rina.id, attempt("dbd", 80, missed=["EV01"]))
    stored.record_attempt(store, sari.id, attempt("dbd", 40, missed=["DK01"]))
    stored.record_exercise(
        store,
        budi.id,
        {"module_id": "regulasi", "exercise_id": "e", "item_id": "i", "kind": "pilihan", "score": 1.0, "correct": True},
    )
    assert [m.name for m in cohorts.cohort_members(store, oktober.id)] == ["Budi", "Rina"]
    [only] = cohorts.cohort_attempts(store, oktober.id)
    assert (only["learner_id"], only["score"], only["missed"]) == (rina.id, 80, ["EV01"])
    [exercise] = cohorts.cohort_exercises(store, oktober.id)
    assert (exercise["learner_id"], exercise["module_id"]) == (budi.id, "regulasi")


def test_remediation_is_assigned_once_per_open_target_and_done_when_completed(store, room):
    siti, oktober, _, rina, budi, _ = room
    new = cohorts.assign(store, oktober.id, [rina.id, budi.id], "modul", "dokumentasi", siti.id, rule_code="DK01")
    assert len(new) == 2
    assert cohorts.assign(store, oktober.id, [rina.id], "modul", "dokumentasi", siti.id) == []  # still open
    [mine] = cohorts.assignments_for(store, rina.id)
    assert (mine.kind, mine.target, mine.rule_code, mine.assigned_by, mine.done_at) == (
        "modul",
        "dokumentasi",
        "DK01",
        "siti",
        None,
    )
    assert cohorts.complete_assignments(store, rina.id, "modul", "dokumentasi") == 1
    assert cohorts.assignments_for(store, rina.id, open_only=True) == []
    assert cohorts.assignments_for(store, rina.id)[0].done_at is not None
    assert [a.learner_id for a in cohorts.assignments_for(store, budi.id, open_only=True)] == [budi.id]
    assert len(cohorts.cohort_assignments(store, oktober.id)) == 2


def test_remediation_refuses_a_trainee_of_another_cohort_and_an_unknown_kind(store, room):
    siti, oktober, _, rina, _, sari = room
    with pytest.raises(InputError, match=f"Peserta '{sari.id}' bukan anggota kelas ini"):
        cohorts.assign(store, oktober.id, [rina.id, sari.id], "skenario", "dbd", siti.id)
    assert cohorts.assignments_for(store, rina.id) == []  # nothing half-assigned
    with pytest.raises(InputError, match="Jenis tugas 'kuis' tidak dikenal"):
        cohorts.assign(store, oktober.id, [rina.id], "kuis", "dbd", siti.id)


def test_the_library_keeps_one_yaml_per_scenario_id_per_cohort(store, room):
    siti, oktober, november, *_ = room
    cohorts.add_library_scenario(store, oktober.id, "kasus-a", "id: kasus-a\njudul: A\n", siti.id)
    cohorts.add_library_scenario(store, oktober.id, "kasus-b", "id: kasus-b\n", siti.id)
    cohorts.add_library_scenario(store, oktober.id, "kasus-a", "id: kasus-a\njudul: A baru\n", siti.id)
    cohorts.add_library_scenario(store, november.id, "kasus-a", "id: kasus-a\njudul: lain\n", siti.id)
    assert cohorts.library_scenarios(store, oktober.id) == [
        ("kasus-a", "id: kasus-a\njudul: A baru\n"),
        ("kasus-b", "id: kasus-b\n"),
    ]
    assert cohorts.remove_library_scenario(store, oktober.id, "kasus-b")
    assert not cohorts.remove_library_scenario(store, oktober.id, "kasus-b")
    assert [sid for sid, _ in cohorts.library_scenarios(store, oktober.id)] == ["kasus-a"]


def test_a_certificate_is_issued_once_per_learner_and_found_by_its_code_as_typed(store, room):
    _, oktober, _, rina, budi, _ = room
    code = cohorts.issue_certificate(store, rina.id, "Rina", oktober.id, {"regulasi": True, "sop": True})
    assert len(code) == cohorts.CERTIFICATE_LENGTH and set(code) <= set(accounts.CODE_ALPHABET)
    assert cohorts.issue_certificate(store, rina.id, "Rina", oktober.id, {}) == code
    assert cohorts.issue_certificate(store, budi.id, "Budi", oktober.id, {}) != code
    typed = f" {code[:5].lower()}-{code[5:].lower()} "
    found = cohorts.find_certificate(store, typed)
    assert found is not None
    assert (found.learner_name, found.cohort_name, found.indicators) == (
        "Rina",
        "Bimtek Oktober",
        {"regulasi": True, "sop": True},
    )
    assert cohorts.certificate_for(store, rina.id) == found
    assert cohorts.find_certificate(store, "ZZZZZZZZZZ") is None
    assert cohorts.find_certificate(store, "  ") is None
