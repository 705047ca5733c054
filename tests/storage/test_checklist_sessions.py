"""Stored checklist status (written through, read per learner) and trainer sessions (only a token's hash is kept)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, text, update

from bimtek.storage import accounts, cohorts, sessions
from bimtek.storage import progress as stored
from bimtek.storage.checklist import checklist_statuses, last_updated, save_checklist_status, save_checklist_statuses
from bimtek.storage.migrate import current_revision, head_revision, upgrade
from bimtek.storage.models import TrainerSession
from bimtek.storage.store import open_store
from tests.storage.test_migrations import _seed_at_initial_revision

REGULASI_MET = {"met": True, "evidence": ["5 Oktober 2026: mengenali 3 instrumen"], "next_steps": []}
SOP_OPEN = {"met": False, "evidence": ["SOP belum disusun."], "next_steps": ["Buka penyusun SOP."]}


def test_a_learners_checklist_is_stored_per_indicator_and_read_back(store):
    rina = accounts.create_profile(store, "Rina")
    budi = accounts.create_profile(store, "Budi")
    assert save_checklist_status(store, rina.id, {"regulasi": REGULASI_MET, "sop": SOP_OPEN}) == 2
    stored = checklist_statuses(store, [rina.id, budi.id])
    assert set(stored) == {rina.id}  # Budi's checklist was never computed
    assert stored[rina.id]["regulasi"]["met"] is True
    assert stored[rina.id]["sop"]["next_steps"] == ["Buka penyusun SOP."]
    assert stored[rina.id]["sop"]["updated_at"].tzinfo == dt.UTC


def test_saving_the_same_report_again_changes_nothing_and_a_change_moves_updated_at(store):
    rina = accounts.create_profile(store, "Rina")
    save_checklist_status(store, rina.id, {"regulasi": REGULASI_MET, "sop": SOP_OPEN})
    first = checklist_statuses(store, [rina.id])[rina.id]
    assert save_checklist_status(store, rina.id, {"regulasi": REGULASI_MET, "sop": SOP_OPEN}) == 0
    assert checklist_statuses(store, [rina.id])[rina.id] == first

    sop_met = {"met": True, "evidence": ["SOP diekspor."], "next_steps": []}
    assert save_checklist_status(store, rina.id, {"regulasi": REGULASI_MET, "sop": sop_met}) == 1
    now = checklist_statuses(store, [rina.id])[rina.id]
    assert now["sop"]["met"] is True and now["sop"]["updated_at"] >= first["sop"]["updated_at"]
    assert now["regulasi"] == first["regulasi"]
    assert last_updated(now) == now["sop"]["updated_at"]
    with store.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM checklist_status")).scalar() == 2


def test_a_whole_cohorts_statuses_are_saved_in_one_call(store):
    people = [accounts.create_profile(store, name) for name in ("Rina", "Budi", "Sari")]
    assert save_checklist_statuses(store, {p.id: {"sop": SOP_OPEN} for p in people}) == 3
    assert {p.id for p in people} == set(checklist_statuses(store, [p.id for p in people]))


def test_a_trainer_session_restores_the_trainer_until_revoked(store):
    siti = accounts.create_trainer(store, "siti", "sandi-rahasia-1")
    token = sessions.start_session(store, siti.id)
    assert len(token) >= 43  # 32 random bytes, URL-safe base64
    assert sessions.session_trainer(store, token) == siti
    assert sessions.session_trainer(store, token + "x") is None
    assert sessions.session_trainer(store, "") is None
    assert sessions.end_session(store, token) is True
    assert sessions.session_trainer(store, token) is None
    assert sessions.end_session(store, token) is False  # a second Keluar is harmless


def test_only_the_tokens_hash_is_stored_and_an_expired_session_is_refused(store):
    siti = accounts.create_trainer(store, "siti", "sandi-rahasia-1")
    token = sessions.start_session(store, siti.id)
    with store.engine.connect() as connection:
        dump = " ".join(str(v) for row in connection.execute(text("SELECT * FROM trainer_sessions")) for v in row)
    assert token not in dump and sessions.token_hash(token) in dump
    with store.engine.begin() as connection:
        connection.execute(update(TrainerSession).values(expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)))
    assert sessions.session_trainer(store, token) is None
    with store.engine.connect() as connection:
        [expires] = connection.execute(select(TrainerSession.expires_at)).scalars()
    assert expires < dt.datetime.now(dt.UTC)


def test_a_session_lasts_a_workshop_day(store):
    siti = accounts.create_trainer(store, "siti", "sandi-rahasia-1")
    sessions.start_session(store, siti.id)
    with store.engine.connect() as connection:
        created, expires = connection.execute(select(TrainerSession.created_at, TrainerSession.expires_at)).one()
    assert expires - created == dt.timedelta(hours=12)


def test_upgrading_a_database_at_0002_with_work_keeps_it_and_adds_the_new_tables(db_url):
    old = open_store(db_url, migrate=False)
    upgrade(old, "0002")
    _seed_at_initial_revision(old)
    with old.engine.begin() as connection:  # a 0002 table with data, too
        connection.execute(
            text("INSERT INTO certificates (code, learner_id, cohort_id, learner_name, issued_at, indicators) "
                 "VALUES ('ABCDEFGH23', 'lama-1', 1, 'Rina', :now, :ind)"),
            {"now": dt.datetime(2026, 10, 5, tzinfo=dt.UTC), "ind": '{"regulasi": true}'},
        )  # fmt: skip
    old.dispose()

    started = open_store(db_url)
    try:
        assert current_revision(started) == head_revision()  # 0003 and every later revision
        [attempt] = stored.attempts(started, "lama-1")
        assert (attempt["score"], attempt["flagged"]) == (77, ["EV01"])
        assert stored.load_document(started, "lama-1", "sop") == {"langkah": 6}
        assert cohorts.find_certificate(started, "abcd-efgh23").learner_name == "Rina"
        save_checklist_status(started, "lama-1", {"sop": SOP_OPEN})
        assert checklist_statuses(started, ["lama-1"])["lama-1"]["sop"]["met"] is False
        token = sessions.start_session(started, 1)
        assert sessions.session_trainer(started, token).username == "siti"
    finally:
        started.dispose()
