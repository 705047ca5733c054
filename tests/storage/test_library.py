"""A cohort's library with its bookkeeping (bimtek/storage/library.py): who saved each scenario and when."""

from __future__ import annotations

import datetime as dt

from bimtek.storage import accounts, cohorts
from bimtek.storage.library import library_entries


def test_each_entry_names_who_saved_it_and_when_it_was_first_added_in_the_order_added(store):
    siti = accounts.create_trainer(store, "siti", "sandi-rahasia-1")
    anton = accounts.create_trainer(store, "anton", "sandi-rahasia-2")
    oktober = accounts.create_cohort(store, "Bimtek Oktober", "siti")
    november = accounts.create_cohort(store, "Bimtek November", "siti")
    before = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=5)
    cohorts.add_library_scenario(store, oktober.id, "kasus-a", "id: kasus-a\n", siti.id)
    cohorts.add_library_scenario(store, oktober.id, "kasus-b", "id: kasus-b\n", siti.id)
    cohorts.add_library_scenario(store, november.id, "kasus-c", "id: kasus-c\n", siti.id)
    first = library_entries(store, oktober.id)[0].created_at
    cohorts.add_library_scenario(store, oktober.id, "kasus-a", "id: kasus-a\njudul: baru\n", anton.id)

    entries = library_entries(store, oktober.id)
    assert [(e.scenario_id, e.added_by, e.yaml_text) for e in entries] == [
        ("kasus-a", "anton", "id: kasus-a\njudul: baru\n"),
        ("kasus-b", "siti", "id: kasus-b\n"),
    ]
    assert entries[0].created_at == first  # a re-upload keeps the date it was first added
    assert all(before <= e.created_at <= dt.datetime.now(dt.UTC) for e in entries)
    assert [e.scenario_id for e in library_entries(store, november.id)] == ["kasus-c"]
    cohorts.remove_library_scenario(store, oktober.id, "kasus-a")
    assert [e.scenario_id for e in library_entries(store, oktober.id)] == ["kasus-b"]
