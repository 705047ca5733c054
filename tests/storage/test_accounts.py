"""Learners, cohorts and trainers: hashes instead of secrets, PIN lockout, join codes, names unique where searched."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from sqlalchemy import select

from bimtek.errors import InputError
from bimtek.storage import accounts, hashing
from bimtek.storage import progress as stored
from bimtek.storage.models import Learner, Trainer


def message(err: pytest.ExceptionInfo[InputError]) -> str:
    return str(err.value)


@pytest.fixture
def cohort(store):
    accounts.create_trainer(store, "siti", "sandi-rahasia-1")
    return accounts.create_cohort(store, "Bimtek Klaim Puskesmas Oktober", "siti")


def column(store, model, name, **where):
    query = select(getattr(model, name)).filter_by(**where)
    return store.read(lambda session: session.scalar(query))


def test_a_trainer_password_is_stored_only_as_an_argon2_hash_that_verifies(store):
    trainer = accounts.create_trainer(store, "Siti.Rahma", "sandi-rahasia-1")
    assert trainer.username == "siti.rahma"
    stored_hash = column(store, Trainer, "password_hash", username="siti.rahma")
    assert "sandi-rahasia-1" not in stored_hash and stored_hash.startswith("$argon2id$")
    assert hashing.verify_secret(stored_hash, "sandi-rahasia-1")
    assert not hashing.verify_secret(stored_hash, "sandi-rahasia-2")
    assert accounts.authenticate_trainer(store, " SITI.RAHMA ", "sandi-rahasia-1").username == "siti.rahma"


def test_a_trainer_account_rejects_a_short_password_a_bad_name_and_a_duplicate(store):
    with pytest.raises(InputError, match="minimal 8 karakter"):
        accounts.create_trainer(store, "siti", "pendek")
    with pytest.raises(InputError, match="'si ti' tidak valid"):
        accounts.create_trainer(store, "si ti", "sandi-rahasia-1")
    accounts.create_trainer(store, "siti", "sandi-rahasia-1")
    with pytest.raises(InputError, match="'siti' sudah ada"):
        accounts.create_trainer(store, "Siti", "sandi-lain-123")


def test_wrong_trainer_passwords_lock_the_account_without_telling_which_names_exist(store, monkeypatch):
    accounts.create_trainer(store, "siti", "sandi-rahasia-1")
    with pytest.raises(InputError) as unknown:
        accounts.authenticate_trainer(store, "budi", "sandi-rahasia-1")
    with pytest.raises(InputError) as wrong:
        accounts.authenticate_trainer(store, "siti", "salah")
    assert message(unknown) == message(wrong)
    assert "tidak cocok" in message(wrong) and "budi" not in message(unknown) and "siti" not in message(wrong)
    for _ in range(accounts.MAX_FAILURES - 1):
        with pytest.raises(InputError):
            accounts.authenticate_trainer(store, "siti", "salah")
    assert column(store, Trainer, "locked_until", username="siti") > accounts.now()
    with pytest.raises(InputError) as locked:
        accounts.authenticate_trainer(store, "siti", "sandi-rahasia-1")  # even the right password waits
    assert message(locked) == message(wrong)
    later = accounts.now() + dt.timedelta(minutes=accounts.LOCK_MINUTES + 1)
    monkeypatch.setattr(accounts, "now", lambda: later)
    assert accounts.authenticate_trainer(store, "siti", "sandi-rahasia-1").username == "siti"


def test_a_trainee_joins_with_the_code_as_read_off_the_screen_and_the_pin_is_hashed(store, cohort):
    spaced = f" {cohort.join_code[:3].lower()} {cohort.join_code[3:].lower()} "
    info = accounts.join_cohort(store, spaced, "  Rina   Wulandari ", "4821")
    assert (info.name, info.cohort_name, info.cohort_code, info.has_pin) == (
        "Rina Wulandari",
        "Bimtek Klaim Puskesmas Oktober",
        cohort.join_code,
        True,
    )
    pin_hash = column(store, Learner, "pin_hash", id=info.id)
    assert pin_hash != "4821" and "4821" not in pin_hash and hashing.verify_secret(pin_hash, "4821")
    assert len(cohort.join_code) == 6 and set(cohort.join_code) <= set(accounts.CODE_ALPHABET)


def test_a_wrong_join_code_is_named_in_the_message(store, cohort):
    with pytest.raises(InputError) as err:
        accounts.join_cohort(store, "ZZZ999", "Rina", "4821")
    assert "Kode kelas 'ZZZ999' tidak ditemukan" in message(err)


def test_a_pin_must_be_four_to_six_digits_and_is_not_echoed(store, cohort):
    for bad in ("123", "1234567", "12a4"):
        with pytest.raises(InputError, match="PIN harus 4 sampai 6 angka") as err:
            accounts.join_cohort(store, cohort.join_code, "Rina", bad)
        assert bad not in message(err)


def test_a_taken_name_in_a_cohort_points_to_resume(store, cohort):
    accounts.join_cohort(store, cohort.join_code, "Rina", "4821")
    with pytest.raises(InputError, match="Nama 'rina' sudah terdaftar di kelas .*'Lanjutkan' dengan PIN"):
        accounts.join_cohort(store, cohort.join_code, "rina", "1111")
    other = accounts.create_cohort(store, "Bimtek Klaim Klinik November", "siti")
    assert accounts.join_cohort(store, other.join_code, "Rina", "1111").cohort_code == other.join_code


def test_a_trainee_resumes_on_another_device_with_code_name_and_pin(store, cohort):
    joined = accounts.join_cohort(store, cohort.join_code, "Rina", "4821")
    assert accounts.resume(store, "RINA", "4821", cohort.join_code).id == joined.id


def test_resuming_by_name_gives_one_message_for_an_unknown_name_a_wrong_pin_and_a_lock(store, cohort, monkeypatch):
    accounts.join_cohort(store, cohort.join_code, "Rina", "4821")
    verified: list[str] = []
    real = hashing.verify_secret
    monkeypatch.setattr(hashing, "verify_secret", lambda stored, pin: verified.append(pin) or real(stored, pin))
    with pytest.raises(InputError) as unknown:
        accounts.resume(store, "Rini", "4821", cohort.join_code)
    assert len(verified) == 1  # a decoy hash is verified for a name nobody has, so it takes as long
    with pytest.raises(InputError) as wrong:
        accounts.resume(store, "Rina", "0000", cohort.join_code)
    assert len(verified) == 2
    assert message(unknown) == message(wrong)
    assert "tidak cocok di kelas" in message(wrong) and "Rini" not in message(unknown)
    for _ in range(accounts.MAX_FAILURES - 1):
        with pytest.raises(InputError):
            accounts.resume(store, "Rina", "0000", cohort.join_code)
    with pytest.raises(InputError) as locked:
        accounts.resume(store, "Rina", "4821", cohort.join_code)
    assert message(locked) == message(wrong)


def test_an_unknown_name_takes_about_as_long_as_a_wrong_pin_with_production_hashes(store, cohort, monkeypatch):
    monkeypatch.setattr(hashing, "hasher", hashing.DEFAULT)
    accounts.join_cohort(store, cohort.join_code, "Rina", "4821")

    def fastest(name: str) -> float:
        times = []
        for _ in range(2):
            started = time.perf_counter()
            with pytest.raises(InputError):
                accounts.resume(store, name, "0000", cohort.join_code)
            times.append(time.perf_counter() - started)
        return min(times)

    fastest("Rini")  # the decoy hash is made on first use
    unknown, wrong = fastest("Rini"), fastest("Rina")
    assert unknown > 0.3 * wrong, (unknown, wrong)  # today ~0.9; without the decoy ~0.01


def test_wrong_pins_lock_the_profile_for_a_while(store, cohort, monkeypatch):
    joined = accounts.join_cohort(store, cohort.join_code, "Rina", "4821")
    with pytest.raises(InputError, match="PIN untuk 'Rina' salah; sisa 4 percobaan"):
        accounts.open_profile(store, joined.id, "0000")
    for _ in range(accounts.MAX_FAILURES - 2):
        with pytest.raises(InputError, match="salah"):
            accounts.open_profile(store, joined.id, "0000")
    with pytest.raises(InputError, match="salah.*dikunci"):
        accounts.open_profile(store, joined.id, "0000")
    with pytest.raises(InputError, match="dikunci, coba lagi 15 menit lagi"):
        accounts.open_profile(store, joined.id, "4821")
    with pytest.raises(InputError, match="tidak cocok"):
        accounts.resume(store, "Rina", "4821", cohort.join_code)
    later = accounts.now() + dt.timedelta(minutes=accounts.LOCK_MINUTES + 1)
    monkeypatch.setattr(accounts, "now", lambda: later)
    assert accounts.resume(store, "Rina", "4821", cohort.join_code).id == joined.id


def test_a_right_pin_resets_the_count_of_wrong_ones(store, cohort):
    joined = accounts.join_cohort(store, cohort.join_code, "Rina", "4821")
    for _ in range(accounts.MAX_FAILURES - 1):
        with pytest.raises(InputError):
            accounts.resume(store, "Rina", "0000", cohort.join_code)
    accounts.resume(store, "Rina", "4821", cohort.join_code)
    with pytest.raises(InputError, match="sisa 4 percobaan"):
        accounts.open_profile(store, joined.id, "0000")


def test_a_guest_who_names_the_profile_keeps_the_work(store):
    guest = accounts.create_guest(store)
    assert guest.guest and guest.name == accounts.GUEST_NAME
    stored.record_attempt(store, guest.id, {"scenario_id": "x", "score": 50, "correction_ok": False,
                                            "integrity_ok": True, "seconds": 30})  # fmt: skip
    named = accounts.create_profile(store, "Ahmad", guest_id=guest.id)
    assert (named.id, named.name, named.guest) == (guest.id, "Ahmad", False)
    assert len(stored.attempts(store, named.id)) == 1
    assert [p.name for p in accounts.local_profiles(store)] == ["Ahmad"]  # guests are not listed


def test_self_learner_names_are_unique_and_a_pin_is_optional_unless_required(store):
    accounts.create_profile(store, "Ahmad")
    with pytest.raises(InputError, match="Nama 'AHMAD' sudah terdaftar"):
        accounts.create_profile(store, "AHMAD")
    with pytest.raises(InputError, match="PIN harus"):
        accounts.create_profile(store, "Budi", None, pin_required=True)
    with_pin = accounts.create_profile(store, "Budi", "123456", pin_required=True)
    assert accounts.resume(store, "budi", "123456").id == with_pin.id
    with pytest.raises(InputError, match="Nama atau PIN tidak cocok di antara peserta belajar mandiri"):
        accounts.resume(store, "Citra", "123456")
    with pytest.raises(InputError, match="Nama atau PIN tidak cocok"):
        accounts.resume(store, "Ahmad", None)  # a profile without a PIN is never opened by its name alone


def test_a_profile_with_a_pin_opens_only_with_it(store):
    profile = accounts.create_profile(store, "Ahmad", "2468")
    with pytest.raises(InputError, match="PIN untuk 'Ahmad' salah"):
        accounts.open_profile(store, profile.id, None)
    assert accounts.open_profile(store, profile.id, "2468").id == profile.id
    open_one = accounts.create_profile(store, "Budi")
    assert accounts.open_profile(store, open_one.id, None).name == "Budi"


def test_a_cohort_needs_an_existing_trainer(store):
    with pytest.raises(InputError, match="Narasumber 'budi' tidak ditemukan.*trainer create budi"):
        accounts.create_cohort(store, "Bimtek Klaim", "budi")


def test_production_hashes_use_argon2id_at_rfc_9106_strength_and_weaker_ones_are_upgraded(store, monkeypatch):
    assert hashing.DEFAULT.hash("sandi-rahasia-1").startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    accounts.create_trainer(store, "siti", "sandi-rahasia-1")  # made with the tests' cheap parameters
    weak = column(store, Trainer, "password_hash", username="siti")
    monkeypatch.setattr(hashing, "hasher", hashing.DEFAULT)
    assert hashing.needs_rehash(weak)
    accounts.authenticate_trainer(store, "siti", "sandi-rahasia-1")
    upgraded = column(store, Trainer, "password_hash", username="siti")
    assert upgraded.startswith("$argon2id$v=19$m=65536,t=3,p=4$") and hashing.verify_secret(upgraded, "sandi-rahasia-1")
