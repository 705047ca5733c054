"""`db backup` / `db restore`: a store filled by the app's own code comes back row for row, across backends, and a
restore that cannot be trusted (a store with data, a damaged, foreign or newer file) changes nothing."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import URL

from bimtek import paths
from bimtek.errors import InputError
from bimtek.review import Card
from bimtek.storage import account_tools, accounts, backup, checklist, cohorts, desk, drafts, review, sessions
from bimtek.storage import progress as stored
from bimtek.storage.migrate import current_revision, head_revision
from bimtek.storage.models import Base
from bimtek.storage.store import Store, open_store
from tests.storage.test_repository import ATTEMPT

POSTGRES = pytest.mark.postgres


def _fill(store: Store) -> None:
    """Every table gets rows, written through the same calls the pages and the CLI make."""
    trainer = accounts.create_trainer(store, "siti.narasumber", "sandi-panjang-sekali")
    with pytest.raises(InputError, match="tidak cocok"):  # a wrong password: failed_logins moves
        accounts.authenticate_trainer(store, "siti.narasumber", "salah-sandi-nya")
    cohort = accounts.create_cohort(store, "Bimtek Klaim Oktober", trainer.username)
    rina = accounts.join_cohort(store, cohort.join_code, "Rina Ayu", "4826")
    budi = accounts.join_cohort(store, cohort.join_code, "Budi Santoso", "1357")
    self_learner = accounts.create_profile(store, "Dewi Lestari")
    accounts.create_guest(store)
    for learner, score in ((rina, 87), (budi, 40), (self_learner, 100)):
        stored.record_attempt(store, learner.id, {**ATTEMPT, "score": score})
    stored.record_attempt(store, budi.id, {**ATTEMPT, "scenario_id": "lama", "detail": None, "key_seen": None})
    stored.mark_key_seen(store, rina.id, "dbd-ranap-tanpa-lab")
    stored.record_exercise(store, rina.id, {"module_id": "regulasi", "exercise_id": "instrumen", "item_id": "r-1",
                                            "kind": "pencocokan", "score": 0.75, "correct": False,
                                            "answer": {"Permenkes 3/2023": "tarif"}, "details": {"x": [1, 2]}})  # fmt: skip
    stored.record_exercise(store, budi.id, {"module_id": "tarif", "exercise_id": "e", "item_id": "t-1",
                                            "kind": "pilihan", "score": 1, "correct": True, "answer": None,
                                            "details": {}})  # fmt: skip
    stored.save_document(store, rina.id, "sop", {"langkah": 6, "judul": "SOP klaim — Puskesmas"})
    stored.save_document(store, rina.id, "sop", {"langkah": 7})
    stored.note_place(store, rina.id, {"page": "studi_kasus", "label": "Studi Kasus", "query": {"kasus": "x"}})
    drafts.save_draft(store, budi.id, "kasus:dbd-ranap-tanpa-lab", {"temuan": [{"bagian": "lab"}], "lampiran": []})
    review.save_cards(store, rina.id, [Card("EV01", 1, dt.date(2026, 12, 4), False, 2, 1)])
    desk.record_sheet(store, rina.id, source="latihan", seed=7,
                      figures={"claims": 20, "true_returns": 4, "missed": 1, "wrong_returns": 0, "right_reasons": 3,
                               "seconds": 600.25, "missed_rules": ["TG01"]},
                      decisions={"0": {"action": "layak", "category": None}})  # fmt: skip
    cohorts.assign(store, cohort.id, [budi.id], "modul", "tarif", trainer.id, rule_code="TG01")
    cohorts.add_library_scenario(store, cohort.id, "kasus-kelas", "id: kasus-kelas\njudul: Kasus kelas\n", trainer.id)
    cohorts.issue_certificate(store, rina.id, "Rina Ayu", cohort.id, {"regulasi": True, "sop": True})
    checklist.save_checklist_status(store, rina.id, {"regulasi": {"met": True, "evidence": ["3 instrumen"]}})
    sessions.start_session(store, trainer.id)
    sessions.start_learner_session(store, rina.id)
    account_tools.reset_learner_pin(store, trainer, budi.id)


def _contents(url: URL) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows in primary-key order, read through the models' types (UTC timestamps, JSON, booleans)."""
    store = Store(url)
    try:
        with store.engine.connect() as connection:
            return {
                table.name: [tuple(row) for row in connection.execute(select(table).order_by(*table.primary_key))]
                for table in Base.metadata.sorted_tables
            }
    finally:
        store.dispose()


@pytest.fixture
def filled(tmp_path: Path) -> Callable[[URL], Path]:
    """filled(url) -> a backup file of a store at `url` filled by _fill()."""

    def make(url: URL) -> Path:
        store = open_store(url)
        try:
            _fill(store)
            file = tmp_path / f"cadangan-{store.engine.dialect.name}.zip"
            backup.backup(store, file)
        finally:
            store.dispose()
        return file

    return make


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("sqlite", "sqlite"),
        pytest.param("postgres", "postgres", marks=POSTGRES),
        pytest.param("sqlite", "postgres", marks=POSTGRES),
        pytest.param("postgres", "sqlite", marks=POSTGRES),
    ],
)
def test_a_backup_restores_every_row_of_every_table(new_database, filled, source: str, target: str):
    source_url, target_url = new_database(source), new_database(target)
    file = filled(source_url)
    expected = _contents(source_url)
    assert all(expected.values()), [name for name, rows in expected.items() if not rows]  # every table has rows

    restored = open_store(target_url, migrate=False)
    try:
        summary = backup.restore(restored, file)
        assert current_revision(restored) == head_revision()
    finally:
        restored.dispose()
    assert summary.rows == {name: len(rows) for name, rows in expected.items()}
    assert _contents(target_url) == expected

    # the app keeps working on the restored store: new rows get fresh ids (PostgreSQL's sequences moved on)
    store = open_store(target_url)
    try:
        learner = accounts.join_cohort(store, cohorts.trainer_cohorts(store, 1)[0].join_code, "Citra Baru", "2468")
        new_id = stored.record_attempt(store, learner.id, ATTEMPT)
        assert new_id > max(row[0] for row in expected["attempts"])
        assert accounts.authenticate_trainer(store, "siti.narasumber", "sandi-panjang-sekali").username
        assert [m.name for m in cohorts.cohort_members(store, 1)] == ["Budi Santoso", "Citra Baru", "Rina Ayu"]
    finally:
        store.dispose()


def _run(url: URL, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": url.render_as_string(hide_password=False)}
    return subprocess.run(
        [sys.executable, "-m", "bimtek", "db", *args],
        cwd=paths.ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_the_command_line_backs_up_and_restores_and_refuses_a_store_with_data(new_database, tmp_path: Path):
    source_url, target_url = new_database("sqlite"), new_database("sqlite")
    store = open_store(source_url)
    _fill(store)
    store.dispose()
    file = tmp_path / "cadangan.zip"

    made = _run(source_url, "backup", str(file))
    assert made.returncode == 0, made.stderr
    assert f"ditulis ke '{file}'" in made.stdout and f"revisi skema {head_revision()}" in made.stdout

    done = _run(target_url, "restore", str(file))
    assert done.returncode == 0, done.stderr
    assert "dipulihkan" in done.stdout
    assert _contents(target_url) == _contents(source_url)

    # the target now holds data: a second restore is refused and changes nothing
    store = open_store(target_url)
    stored.record_attempt(store, accounts.create_profile(store, "Eka Putri").id, ATTEMPT)
    store.dispose()
    before = _contents(target_url)
    refused = _run(target_url, "restore", str(file))
    assert refused.returncode == 2, refused.stdout + refused.stderr
    assert "sudah berisi" in refused.stderr and "--timpa" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert _contents(target_url) == before

    replaced = _run(target_url, "restore", str(file), "--timpa")
    assert replaced.returncode == 0, replaced.stderr
    assert _contents(target_url) == _contents(source_url)  # Eka's profile and attempt are gone, as asked


def _rewrite(file: Path, out: Path, change: Callable[[str, bytes], bytes]) -> Path:
    with zipfile.ZipFile(file) as src, zipfile.ZipFile(out, "w") as dst:
        for name in src.namelist():
            dst.writestr(name, change(name, src.read(name)))
    return out


def _manifest_with(**values: Any) -> Callable[[str, bytes], bytes]:
    def change(name: str, data: bytes) -> bytes:
        return json.dumps({**json.loads(data), **values}).encode() if name == backup.MANIFEST else data

    return change


def _one_score_changed(name: str, data: bytes) -> bytes:
    return data.replace(b",87,", b",97,", 1) if name == "tables/attempts.jsonl" else data


BAD_FILES: dict[str, tuple[Callable[[Path, Path], Path], str]] = {
    "truncated": (lambda f, out: out.write_bytes(f.read_bytes()[: f.stat().st_size // 2]) and out, "terpotong"),
    "not a zip": (lambda f, out: out.write_text("nomor_kartu,diagnosa\n1,A91\n") and out, "bukan berkas zip"),
    "another zip": (lambda f, out: _rewrite(f, out, _manifest_with(format="lain")), "format bukan 'bimtek-cadangan'"),
    "newer revision": (
        lambda f, out: _rewrite(f, out, _manifest_with(revision="0099")),
        "versi aplikasi yang lebih baru",
    ),
    "changed row": (lambda f, out: _rewrite(f, out, _one_score_changed), "tidak sesuai checksum"),
}


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=POSTGRES)])
@pytest.mark.parametrize("bad", list(BAD_FILES))
def test_a_damaged_foreign_or_newer_backup_is_refused_and_the_target_is_untouched(
    new_database, filled, tmp_path: Path, backend: str, bad: str
):
    """Even with --timpa: the target's own data stays (a failed load rolls back the dropped tables too)."""
    make_bad, message = BAD_FILES[bad]
    good = filled(new_database("sqlite"))
    broken = make_bad(good, tmp_path / "rusak.zip")
    target_url = new_database(backend)
    store = open_store(target_url)
    stored.record_attempt(store, accounts.create_profile(store, "Eka Putri").id, ATTEMPT)
    store.dispose()
    before = _contents(target_url)

    refused = _run(target_url, "restore", str(broken), "--timpa")

    assert refused.returncode == 2, refused.stdout + refused.stderr
    assert message in refused.stderr and "tidak diubah" in refused.stderr, refused.stderr
    assert "Traceback" not in refused.stderr
    assert _contents(target_url) == before
    check = Store(target_url)
    with check.engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == head_revision()
    check.dispose()


def test_a_failed_backup_leaves_no_file_under_the_name(new_database, tmp_path: Path):
    store = open_store(new_database("sqlite"))
    try:
        with pytest.raises(InputError, match="tidak dapat ditulis"):
            backup.backup(store, tmp_path / "tidak-ada" / "cadangan.zip")
    finally:
        store.dispose()
    assert not (tmp_path / "tidak-ada").exists()


def _as_made_before_drafts(name: str, data: bytes) -> bytes | None:
    """A backup as a release at revision 0007 wrote it: no drafts table (0008 added it)."""
    if name == "tables/drafts.jsonl":
        return None
    if name == backup.MANIFEST:
        manifest = json.loads(data)
        manifest["revision"] = "0007"
        manifest["tables"] = [t for t in manifest["tables"] if t["name"] != "drafts"]
        return json.dumps(manifest).encode()
    return data


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=POSTGRES)])
def test_a_backup_of_an_older_release_is_restored_then_upgraded(new_database, filled, tmp_path: Path, backend: str):
    source_url = new_database("sqlite")
    older = tmp_path / "cadangan-0007.zip"
    with zipfile.ZipFile(filled(source_url)) as src, zipfile.ZipFile(older, "w") as dst:
        for name in src.namelist():
            if (data := _as_made_before_drafts(name, src.read(name))) is not None:
                dst.writestr(name, data)
    target_url = new_database(backend)

    done = _run(target_url, "restore", str(older))

    assert done.returncode == 0, done.stderr
    assert "revisi 0007" in done.stdout
    expected = {**_contents(source_url), "drafts": []}
    assert _contents(target_url) == expected
    store = open_store(target_url)
    try:
        assert current_revision(store) == head_revision()
        learner = cohorts.cohort_members(store, 1)[0]
        assert drafts.save_draft(store, learner.id, "kasus:x", {"temuan": []})  # the upgraded table works
    finally:
        store.dispose()
