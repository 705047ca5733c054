"""Drafts (issue 13): an answer in progress survives a reload, another device and a restart of the server."""

from __future__ import annotations

import pytest

from bimtek.storage import accounts
from bimtek.storage.drafts import clear_draft, load_draft, save_draft
from bimtek.storage.store import open_store

ANSWER = {"cacat": ["EV01"], "lampiran": ["Trombosit 85.000 /µL"], "catatan": "lab terlampir", "suhu": 38.9}


def test_a_draft_is_saved_read_back_replaced_and_cleared(store):
    rina = accounts.create_profile(store, "Rina")
    assert load_draft(store, rina.id, "kasus:dbd") is None
    assert save_draft(store, rina.id, "kasus:dbd", ANSWER) is True
    assert load_draft(store, rina.id, "kasus:dbd") == ANSWER
    assert save_draft(store, rina.id, "kasus:dbd", dict(ANSWER)) is False  # unchanged: nothing written
    edited = {**ANSWER, "cacat": ["EV01", "AD01"]}
    assert save_draft(store, rina.id, "kasus:dbd", edited) is True
    assert load_draft(store, rina.id, "kasus:dbd") == edited
    assert clear_draft(store, rina.id, "kasus:dbd") is True
    assert load_draft(store, rina.id, "kasus:dbd") is None
    assert clear_draft(store, rina.id, "kasus:dbd") is False


def test_drafts_are_per_learner_and_per_key(store):
    rina = accounts.create_profile(store, "Rina")
    budi = accounts.create_profile(store, "Budi")
    save_draft(store, rina.id, "kasus:dbd", ANSWER)
    save_draft(store, rina.id, "latihan:regulasi:1", {"jawaban": "b"})
    assert load_draft(store, budi.id, "kasus:dbd") is None
    assert load_draft(store, rina.id, "latihan:regulasi:1") == {"jawaban": "b"}
    clear_draft(store, rina.id, "kasus:dbd")
    assert load_draft(store, rina.id, "latihan:regulasi:1") == {"jawaban": "b"}


def test_a_draft_survives_a_restart_and_is_seen_by_another_process(db_url):
    first = open_store(db_url)  # one app process (or a device talking to it)
    rina = accounts.create_profile(first, "Rina")
    save_draft(first, rina.id, "jurnal:kapitasi", {"baris": [{"akun": "Kas", "debit": 1000}]})
    first.dispose()  # the server stops
    second = open_store(db_url)  # and starts again
    try:
        assert load_draft(second, rina.id, "jurnal:kapitasi") == {"baris": [{"akun": "Kas", "debit": 1000}]}
    finally:
        second.dispose()


def test_sets_and_tuples_are_stored_as_lists_and_bad_keys_are_refused(store):
    rina = accounts.create_profile(store, "Rina")
    save_draft(store, rina.id, "kasus:x", {"cacat": {"EV01", "AD01"}, "pasangan": (1, 2)})
    assert load_draft(store, rina.id, "kasus:x") == {"cacat": ["AD01", "EV01"], "pasangan": [1, 2]}
    with pytest.raises(ValueError):
        save_draft(store, rina.id, "", {})
    with pytest.raises(ValueError):
        load_draft(store, rina.id, "x" * 121)
