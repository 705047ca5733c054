"""xAPI export: each learner's attempts as statements valid against a schema written from the xAPI 1.0.3 spec, and their
delivery to an LRS (a real local HTTP server started here)."""

from __future__ import annotations

import base64
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from bimtek.cli import main
from bimtek.modules import load_modules
from bimtek.storage import accounts, progress
from bimtek.storage.learning_records import learning_records
from bimtek.storage.store import open_store
from bimtek.xapi import (
    Catalogue,
    LrsConfig,
    LrsError,
    build_statements,
    opaque_account_name,
    send_statements,
)

SCHEMA = json.loads((Path(__file__).parent / "fixtures" / "xapi" / "statement.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
BASE = "https://bimtek.contoh.id"
CARD = "0001234567890"


@pytest.fixture
def workshop() -> dict[str, Any]:
    """A cohort trainee who worked every exercise of 'tarif' and two cases, and a self-learner with one item."""
    store = open_store()
    accounts.create_trainer(store, "siti", "rahasia-panjang-1")
    cohort = accounts.create_cohort(store, "Bimtek Oktober", "siti")
    rina = accounts.join_cohort(store, cohort.join_code, f"Rina {CARD}", "4821")
    budi = accounts.create_profile(store, "Budi", None)
    tarif = next(m for m in load_modules().modules if m.id == "tarif")
    for n, exercise in enumerate(tarif.latihan):
        for item in exercise.soal[:2]:
            score = 1.0 if n else 0.5
            record = {"module_id": "tarif", "exercise_id": exercise.id, "item_id": item.id, "kind": exercise.jenis,
                      "score": score, "correct": score == 1.0, "answer": "x", "details": {}}  # fmt: skip
            progress.record_exercise(store, rina.id, record)
    progress.record_attempt(store, rina.id, {"scenario_id": "dbd-ranap-tanpa-lab", "score": 92, "correction_ok": True, "integrity_ok": True, "seconds": 421.5})  # fmt: skip
    progress.record_attempt(store, rina.id, {"scenario_id": "dbd-ranap-tanpa-lab", "score": 40, "correction_ok": True, "integrity_ok": False, "seconds": 60})  # fmt: skip
    first = tarif.latihan[0]
    progress.record_exercise(store, budi.id, {"module_id": "tarif", "exercise_id": first.id, "item_id": first.soal[0].id, "kind": first.jenis, "score": 0.0, "correct": False, "answer": "1", "details": {}})  # fmt: skip
    return {"store": store, "cohort": cohort, "rina": rina, "budi": budi, "tarif": tarif}


def catalogue() -> Catalogue:
    modules = load_modules().modules
    return Catalogue(
        {m.id: m.judul for m in modules},
        {m.id: {e.id: e.judul for e in m.latihan} for m in modules},
        {"dbd-ranap-tanpa-lab": "DBD rawat inap tanpa hasil lab"},
    )


def statements(workshop: dict[str, Any], **options: Any) -> list[dict[str, Any]]:
    return build_statements(learning_records(workshop["store"]), catalogue(), BASE, **options)


def by_verb(items: list[dict[str, Any]], verb: str) -> list[dict[str, Any]]:
    return [s for s in items if s["verb"]["id"] == f"http://adlnet.gov/expapi/verbs/{verb}"]


# --- the statements ------------------------------------------------------------------------------------------
def test_every_statement_is_valid_against_the_xapi_schema(workshop):
    items = statements(workshop)
    assert items
    for statement in items:
        errors = sorted(VALIDATOR.iter_errors(statement), key=str)
        assert not errors, (statement, [e.message for e in errors])


def test_the_schema_rejects_what_the_spec_forbids():
    good = {
        "id": "3f1c2d0e-8a4b-4c3d-9e7f-0a1b2c3d4e5f",
        "actor": {"account": {"homePage": BASE, "name": "abc"}},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/answered", "display": {"en-US": "answered"}},
        "object": {"id": f"{BASE}/xapi/x"},
        "timestamp": "2026-10-14T03:04:05.000Z",
    }
    assert VALIDATOR.is_valid(good)
    bad = [
        {**good, "id": "not-a-uuid"},
        {**good, "actor": {"account": {"homePage": BASE, "name": "a"}, "mbox": "mailto:a@b.id"}},  # two identifiers
        {**good, "actor": {"name": "Rina"}},  # no identifier
        {**good, "verb": {"id": "answered"}},  # not an IRI
        {**good, "result": {"score": {"scaled": 1.5}}},
        {**good, "result": {"duration": "421.5 detik"}},
        {**good, "timestamp": "2026-10-14 03:04:05"},
        {**good, "version": "1.0.3"},  # a provider that sets the version must set 1.0.0
        {**good, "stored": "2026-10-14T03:04:05.000Z"},  # set by the LRS
        {**good, "object": {"id": f"{BASE}/x", "definition": {"interactionType": "essay"}}},
    ]
    for statement in bad:
        assert not VALIDATOR.is_valid(statement), statement


def test_exercise_items_are_answered_with_a_scaled_score_under_their_module(workshop):
    answered = by_verb(statements(workshop), "answered")
    tarif = workshop["tarif"]
    assert len(answered) == 2 * len(tarif.latihan) + 1
    first = answered[0]
    exercise = tarif.latihan[0]
    assert first["object"]["id"] == f"{BASE}/xapi/modul/tarif/latihan/{exercise.id}/soal/{exercise.soal[0].id}"
    assert first["object"]["definition"]["type"] == "http://adlnet.gov/expapi/activities/cmi.interaction"
    assert first["object"]["definition"]["interactionType"] == "numeric"  # tarif's first exercise is 'angka'
    assert first["result"] == {"score": {"scaled": 0.5, "raw": 0.5, "min": 0, "max": 1}, "success": False, "completion": True}  # fmt: skip
    context = first["context"]["contextActivities"]
    assert context["parent"][0]["id"] == f"{BASE}/xapi/modul/tarif/latihan/{exercise.id}"
    assert [a["id"] for a in context["grouping"]] == [f"{BASE}/xapi/modul/tarif", f"{BASE}/xapi/kursus"]


def test_case_attempts_pass_only_without_fabrication_and_carry_an_iso_duration(workshop):
    items = statements(workshop)
    passed = [s for s in by_verb(items, "passed") if "/xapi/kasus/" in s["object"]["id"]]
    failed = [s for s in by_verb(items, "failed") if "/xapi/kasus/" in s["object"]["id"]]
    assert [s["result"]["score"]["raw"] for s in passed] == [92.0] and [s["result"]["score"]["raw"] for s in failed] == [40.0]  # fmt: skip
    assert passed[0]["result"]["duration"] == "PT421.50S" and passed[0]["result"]["score"]["scaled"] == 0.92
    assert passed[0]["object"]["definition"]["name"] == {"id-ID": "DBD rawat inap tanpa hasil lab"}


def test_a_module_is_passed_or_failed_once_every_exercise_was_worked(workshop):
    items = statements(workshop)
    modules = [s for s in items if s["object"]["id"] == f"{BASE}/xapi/modul/tarif"]
    assert len(modules) == 1  # Rina worked all exercises; Budi only one item
    tarif = workshop["tarif"]
    expected = round(100 * (2 * 0.5 + 2 * (len(tarif.latihan) - 1)) / (2 * len(tarif.latihan)), 2)
    assert modules[0]["result"]["score"]["raw"] == expected
    verb = "passed" if expected >= 70 else "failed"
    assert modules[0]["verb"]["id"].endswith(verb)
    stricter = [s for s in statements(workshop, mastery=100) if s["object"]["id"] == f"{BASE}/xapi/modul/tarif"]
    assert stricter[0]["verb"]["id"].endswith("failed")
    assert not by_verb(items, "completed")  # the course is completed only when every module is


def test_actors_are_opaque_accounts_without_ids_names_or_card_numbers(workshop):
    items = statements(workshop)
    text = json.dumps(items)
    for secret in (workshop["rina"].id, workshop["budi"].id, CARD, "Rina", "Budi", "mailto:"):
        assert secret not in text
    actors = {json.dumps(s["actor"], sort_keys=True) for s in items}
    assert len(actors) == 2
    assert {"objectType": "Agent", "account": {"homePage": BASE, "name": opaque_account_name(workshop["rina"].id)}} in [s["actor"] for s in items]  # fmt: skip


def test_names_only_when_asked_and_card_numbers_still_masked(workshop):
    named = statements(workshop, with_name=True)
    names = {s["actor"].get("name") for s in named}
    assert names == {"Rina 0001•••••7890", "Budi"}


def test_ids_are_uuids_stable_across_exports_and_unique(workshop):
    once, again = statements(workshop), statements(workshop)
    assert [s["id"] for s in once] == [s["id"] for s in again]
    assert len({s["id"] for s in once}) == len(once)
    assert all(s["timestamp"].endswith("Z") and len(s["timestamp"]) == 24 for s in once)


def test_one_cohort_only(workshop):
    records = learning_records(workshop["store"], workshop["cohort"].id)
    assert set(records.learners) == {workshop["rina"].id}


# --- the CLI and the LRS -------------------------------------------------------------------------------------
class _Lrs:
    """A local LRS: records each POST /statements (headers, body) and answers with the ids, or a set status."""

    def __init__(self, status: int = 200):
        self.requests: list[dict[str, Any]] = []
        self.status = status
        lrs = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                body = self.rfile.read(int(self.headers["Content-Length"]))
                lrs.requests.append(
                    {
                        "path": self.path,
                        "headers": {k.lower(): v for k, v in self.headers.items()},
                        "body": json.loads(body),
                    }
                )
                ids = json.dumps([s["id"] for s in json.loads(body)]).encode()
                self.send_response(lrs.status)
                self.send_header("X-Experience-API-Version", "1.0.3")
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(ids)))
                self.end_headers()
                self.wfile.write(ids)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.endpoint = f"http://127.0.0.1:{self.server.server_address[1]}/xapi/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> _Lrs:
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_cli_writes_json_lines_of_valid_statements(workshop, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("BIMTEK_XAPI_BASE", BASE)
    out = tmp_path / "pernyataan.jsonl"
    assert main(["xapi", "--keluaran", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines and all(VALIDATOR.is_valid(json.loads(line)) for line in lines)
    assert capsys.readouterr().out.startswith(f"{len(lines)} pernyataan xAPI (")
    assert main(["xapi", "--keluaran", str(out), "--kelas", workshop["cohort"].join_code]) == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == len(lines) - 1  # without Budi's item


def test_cli_sends_batches_with_basic_auth_and_the_version_header(workshop, tmp_path, monkeypatch, capsys):
    with _Lrs() as lrs:
        monkeypatch.setenv("BIMTEK_LRS_ENDPOINT", lrs.endpoint)
        monkeypatch.setenv("BIMTEK_LRS_KEY", "kunci")
        monkeypatch.setenv("BIMTEK_LRS_SECRET", "rahasia")
        out = tmp_path / "x.jsonl"
        assert main(["xapi", "--keluaran", str(out), "--kirim"]) == 0
    written = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [s for r in lrs.requests for s in r["body"]] == written
    first = lrs.requests[0]
    assert first["path"] == "/xapi/statements"
    assert first["headers"]["x-experience-api-version"] == "1.0.3"
    assert first["headers"]["authorization"] == "Basic " + base64.b64encode(b"kunci:rahasia").decode()
    assert f"{len(written)} pernyataan terkirim ke LRS" in capsys.readouterr().out


def test_send_batches_by_the_batch_size(workshop):
    items = statements(workshop)
    with _Lrs() as lrs:
        assert send_statements(items, LrsConfig(lrs.endpoint.rstrip("/"), "k", "s"), batch_size=5) == len(items)
    assert [len(r["body"]) for r in lrs.requests] == [5] * (len(items) // 5) + ([len(items) % 5] if len(items) % 5 else [])  # fmt: skip


@pytest.mark.parametrize(
    ("status", "reason"),
    [(401, "kunci atau rahasia LRS salah"), (409, "bertentangan dengan pernyataan"), (500, "ditolak")],
)
def test_lrs_refusals_are_one_indonesian_message_naming_the_batch(workshop, status, reason):
    items = statements(workshop)
    with _Lrs(status) as lrs, pytest.raises(LrsError) as err:
        send_statements(items, LrsConfig(lrs.endpoint.rstrip("/"), "k", "s"), batch_size=100)
    message = str(err.value)
    assert f"kiriman ke-1 dari 1 gagal (HTTP {status}: {reason}" in message
    assert message.endswith(f"0 dari {len(items)} pernyataan sudah terkirim")
    assert "rahasia" not in message.replace("kunci atau rahasia LRS salah", "")


def test_an_unreachable_lrs_exits_2_with_one_message_and_the_file_written(workshop, tmp_path, monkeypatch, capsys):
    with _Lrs() as lrs:
        endpoint = lrs.endpoint  # the server is gone once the block ends: nothing listens on the port
    monkeypatch.setenv("BIMTEK_LRS_ENDPOINT", endpoint)
    monkeypatch.setenv("BIMTEK_LRS_KEY", "k")
    monkeypatch.setenv("BIMTEK_LRS_SECRET", "s")
    out = tmp_path / "x.jsonl"
    assert main(["xapi", "--keluaran", str(out), "--kirim"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "LRS tidak dapat dihubungi" in err[0] and "Traceback" not in err[0]
    assert out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "atur variabel lingkungan BIMTEK_LRS_ENDPOINT, BIMTEK_LRS_KEY, BIMTEK_LRS_SECRET"),
        ({"BIMTEK_LRS_ENDPOINT": "file:///etc", "BIMTEK_LRS_KEY": "k", "BIMTEK_LRS_SECRET": "s"}, "bukan URL http(s)"),
    ],
)
def test_send_without_a_usable_lrs_setting_exits_2_before_any_work(tmp_path, monkeypatch, capsys, env, expected):
    for name in ("BIMTEK_LRS_ENDPOINT", "BIMTEK_LRS_KEY", "BIMTEK_LRS_SECRET"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    out = tmp_path / "x.jsonl"
    assert main(["xapi", "--keluaran", str(out), "--kirim"]) == 2
    assert expected in capsys.readouterr().err
    assert not out.exists()


def test_a_base_that_is_not_a_url_is_refused(tmp_path, capsys):
    assert main(["xapi", "--keluaran", str(tmp_path / "x.jsonl"), "--basis", "bimtek lokal"]) == 2
    assert "alamat dasar xAPI 'bimtek lokal' bukan URL http(s)" in capsys.readouterr().err
