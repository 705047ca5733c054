"""Issue 10 point 7: a trainer resets a trainee's PIN and lifts a lock (own cohorts only), the command line resets a
trainer's password; every action is in the audit log with who did it."""

from __future__ import annotations

import io

import pytest

from bimtek.cli import main
from bimtek.errors import InputError
from bimtek.storage import account_tools, accounts, sessions
from bimtek.storage.store import get_store


@pytest.fixture
def room(store):
    siti = accounts.create_trainer(store, "siti", "sandi-rahasia-1")
    budi = accounts.create_trainer(store, "budi", "sandi-rahasia-2")
    cohort = accounts.create_cohort(store, "Bimtek Oktober", "siti")
    rina = accounts.join_cohort(store, cohort.join_code, "Rina", "4821")
    return siti, budi, cohort, rina


def _lock(store, learner_id: str) -> None:
    for _ in range(accounts.MAX_FAILURES):
        with pytest.raises(InputError):
            accounts.open_profile(store, learner_id, "0000")


def test_a_trainer_lifts_a_trainees_lock_and_it_is_logged(store, room):
    siti, _, cohort, rina = room
    _lock(store, rina.id)
    [member] = account_tools.member_accounts(store, cohort.id)
    assert member.locked
    account_tools.unlock_learner(store, siti, rina.id)
    assert not account_tools.member_accounts(store, cohort.id)[0].locked
    assert accounts.open_profile(store, rina.id, "4821").id == rina.id
    [entry] = account_tools.cohort_audit(store, cohort.id)
    assert (entry.actor, entry.action, entry.target) == ("siti", "Kunci dibuka", "Rina")


def test_a_reset_pin_is_new_random_ends_every_session_and_is_logged(store, room):
    siti, _, cohort, rina = room
    link = sessions.start_learner_session(store, rina.id)
    _lock(store, rina.id)
    pin = account_tools.reset_learner_pin(store, siti, rina.id)
    assert len(pin) == account_tools.NEW_PIN_DIGITS and pin.isdigit()
    assert sessions.session_learner(store, link) is None  # whoever held the old link is out
    assert accounts.resume(store, "Rina", pin, cohort.join_code).id == rina.id
    with pytest.raises(InputError):
        accounts.resume(store, "Rina", "4821", cohort.join_code)
    [entry] = account_tools.cohort_audit(store, cohort.id)
    assert (entry.actor, entry.action, entry.target) == ("siti", "PIN diatur ulang", "Rina")
    assert pin not in repr(account_tools.cohort_audit(store, cohort.id))


def test_another_trainer_cannot_touch_a_trainee_outside_their_cohorts(store, room):
    _, budi, cohort, rina = room
    for action in (account_tools.unlock_learner, account_tools.reset_learner_pin):
        with pytest.raises(InputError, match="bukan anggota kelas Anda"):
            action(store, budi, rina.id)
    self_learner = accounts.create_profile(store, "Dewi", "2468")
    with pytest.raises(InputError, match="bukan anggota kelas Anda"):
        account_tools.reset_learner_pin(store, budi, self_learner.id)
    assert account_tools.cohort_audit(store, cohort.id) == []
    assert accounts.resume(store, "Rina", "4821", cohort.join_code).id == rina.id


def test_the_cli_resets_a_locked_trainers_password_ends_sessions_and_logs_who(monkeypatch, capsys):
    store = get_store()
    siti = accounts.create_trainer(store, "siti", "sandi-rahasia-1")
    token = sessions.start_session(store, siti.id)
    for _ in range(accounts.MAX_FAILURES):
        with pytest.raises(InputError):
            accounts.authenticate_trainer(store, "siti", "tebakan-salah")
    monkeypatch.setattr("sys.stdin", io.StringIO("sandi-baru-123\n"))
    assert main(["trainer", "reset-password", "SITI", "--password-stdin"]) == 0
    assert "Kata sandi narasumber 'siti' diatur ulang" in capsys.readouterr().out
    assert accounts.authenticate_trainer(store, "siti", "sandi-baru-123").username == "siti"
    assert sessions.session_trainer(store, token) is None
    [entry] = account_tools.trainer_audit(store, "siti")
    assert entry.actor.startswith("baris perintah (") and entry.action == "Kata sandi narasumber diatur ulang"


def test_the_cli_refuses_an_unknown_trainer_and_a_short_password_in_indonesian(monkeypatch, capsys):
    accounts.create_trainer(get_store(), "siti", "sandi-rahasia-1")
    monkeypatch.setattr("sys.stdin", io.StringIO("sandi-baru-123\n"))
    assert main(["trainer", "reset-password", "rudi", "--password-stdin"]) == 2
    assert "Narasumber 'rudi' tidak ditemukan" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("pendek\n"))
    assert main(["trainer", "reset-password", "siti", "--password-stdin"]) == 2
    err = capsys.readouterr().err
    assert "minimal 8 karakter" in err and "Traceback" not in err
    assert accounts.authenticate_trainer(get_store(), "siti", "sandi-rahasia-1").username == "siti"
