"""Learners' attempts as xAPI statements (JSON Lines) and their delivery to a Learning Record Store.

Statements follow xAPI 1.0.3 (github.com/adlnet/xAPI-Spec, xAPI-Data.md §2.4, xAPI-Communication.md §2.1.2, §3.3):
an opaque account actor (a hash of the learner's id: the id is a bearer link for PIN-less profiles, and names,
emails and card numbers never leave unless asked), ADL verbs, activity ids under a configurable base IRI, results
with a scaled score, a deterministic UUID per record (re-sending is idempotent), and millisecond UTC timestamps.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
import urllib.error
import urllib.request
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from bimtek.errors import BimtekError, InputError
from bimtek.privacy import mask_cards_in_text
from bimtek.scorm import MASTERY_PERCENT
from bimtek.storage.learning_records import LearningRecords

XAPI_VERSION = "1.0.3"  # the X-Experience-API-Version header of every request
STATEMENT_VERSION = "1.0.0"  # what a provider must write when it sets a statement's version (xAPI-Data §2.4.10)
PLATFORM = "Bimtek Klaim BPJS"
BATCH_SIZE = 100  # statements per POST
TIMEOUT_SECONDS = 30
DEFAULT_BASE = "http://localhost:8501"  # the app's own address when neither setting is given
VERBS = {
    "answered": ("http://adlnet.gov/expapi/verbs/answered", "menjawab"),
    "passed": ("http://adlnet.gov/expapi/verbs/passed", "lulus"),
    "failed": ("http://adlnet.gov/expapi/verbs/failed", "belum lulus"),
    "completed": ("http://adlnet.gov/expapi/verbs/completed", "menyelesaikan"),
}
ACTIVITY = "http://adlnet.gov/expapi/activities/"
INTERACTION_TYPES = {
    "pilihan_ganda": "choice",
    "urutan": "sequencing",
    "pasangan": "matching",
    "cari_kode": "fill-in",
    "angka": "numeric",
}
ENV_BASE, ENV_PUBLIC = "BIMTEK_XAPI_BASE", "BIMTEK_PUBLIC_URL"
ENV_ENDPOINT, ENV_KEY, ENV_SECRET = "BIMTEK_LRS_ENDPOINT", "BIMTEK_LRS_KEY", "BIMTEK_LRS_SECRET"
_NAMESPACE = uuid.UUID("6f1c2d0e-8a4b-5c3d-9e7f-0a1b2c3d4e5f")


class LrsError(BimtekError):
    """The LRS could not be reached or refused a batch: one Indonesian message saying which and why."""


@dataclass(frozen=True)
class Catalogue:
    """Titles and structure the statements name: modules (their exercises) and case studies."""

    module_titles: Mapping[str, str]
    module_exercises: Mapping[str, Mapping[str, str]]  # module id -> exercise id -> title
    scenario_titles: Mapping[str, str]


def base_iri(explicit: str | None = None, environ: Mapping[str, str] = os.environ) -> str:
    """The activity and account base: --basis, else BIMTEK_XAPI_BASE, else BIMTEK_PUBLIC_URL, else the app's address."""
    value = (explicit or environ.get(ENV_BASE) or environ.get(ENV_PUBLIC) or DEFAULT_BASE).strip().rstrip("/")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InputError([f"alamat dasar xAPI '{value[:80]}' bukan URL http(s), mis. https://bimtek.dinkes.go.id"])
    return value


def _timestamp(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _duration(seconds: float) -> str:
    return f"PT{max(seconds, 0):.2f}S"


def _verb(key: str) -> dict[str, Any]:
    iri, word = VERBS[key]
    return {"id": iri, "display": {"id-ID": word, "en-US": key}}


def _activity(iri: str, kind: str, title: str, **definition: Any) -> dict[str, Any]:
    return {
        "objectType": "Activity",
        "id": iri,
        "definition": {"type": ACTIVITY + kind, "name": {"id-ID": title}, **definition},
    }


def opaque_account_name(learner_id: str) -> str:
    """A stable, opaque account name: the learner's id is a bearer credential and must not leave the app."""
    return hashlib.sha256(f"bimtek-klaim-bpjs:learner:{learner_id}".encode()).hexdigest()[:40]


class _Builder:
    def __init__(self, base: str, catalogue: Catalogue, with_name: bool, mastery: int):
        self.base, self.catalogue, self.with_name, self.mastery = base, catalogue, with_name, mastery
        self.course = _activity(f"{base}/xapi/kursus", "course", "Bimtek Manajemen Klaim BPJS Kesehatan FKTP")

    def actor(self, learner_id: str, name: str) -> dict[str, Any]:
        actor: dict[str, Any] = {
            "objectType": "Agent",
            "account": {"homePage": self.base, "name": opaque_account_name(learner_id)},
        }
        if self.with_name and name:
            actor["name"] = mask_cards_in_text(name)
        return actor

    def module(self, module_id: str) -> dict[str, Any]:
        title = self.catalogue.module_titles.get(module_id, module_id)
        return _activity(f"{self.base}/xapi/modul/{module_id}", "module", title)

    def statement(self, key: str, actor: dict[str, Any], verb: str, obj: dict[str, Any], result: dict[str, Any], when: dt.datetime, parent: dict[str, Any] | None = None, grouping: tuple[dict[str, Any], ...] = ()) -> dict[str, Any]:  # fmt: skip
        context: dict[str, Any] = {"platform": PLATFORM, "language": "id-ID"}
        activities: dict[str, Any] = {"grouping": [a for a in (*grouping, self.course) if a["id"] != obj["id"]]}
        if not activities["grouping"]:
            del activities["grouping"]
        if parent is not None:
            activities["parent"] = [parent]  # one parent, as xAPI-Data §2.4.6.2 advises
        context["contextActivities"] = activities
        return {
            "id": str(uuid.uuid5(_NAMESPACE, f"{self.base}|{key}")),
            "actor": actor,
            "verb": _verb(verb),
            "object": obj,
            "result": result,
            "context": context,
            "timestamp": _timestamp(when),
            "version": STATEMENT_VERSION,
        }


def _score(raw: float, maximum: float) -> dict[str, Any]:
    return {"scaled": round(raw / maximum, 4), "raw": raw, "min": 0, "max": maximum}


def build_statements(
    records: LearningRecords,
    catalogue: Catalogue,
    base: str,
    *,
    with_name: bool = False,
    mastery: int = MASTERY_PERCENT,
) -> list[dict[str, Any]]:
    """Statements for every record: each exercise item answered; each case-study attempt passed or failed; each module
    passed or failed once all its exercises were worked (latest score per item); the course completed once every
    module was."""
    b = _Builder(base, catalogue, with_name, mastery)
    out: list[dict[str, Any]] = []
    latest: dict[tuple[str, str], dict[str, dict[str, Any]]] = defaultdict(dict)  # (learner, module) -> item -> row
    for row in records.exercises:
        learner = records.learners.get(row["learner_id"])
        if learner is None:
            continue
        module_id, exercise_id = row["module_id"], row["exercise_id"]
        exercise_title = catalogue.module_exercises.get(module_id, {}).get(exercise_id, exercise_id)
        item = _activity(
            f"{base}/xapi/modul/{module_id}/latihan/{exercise_id}/soal/{row['item_id']}",
            "cmi.interaction",
            f"{exercise_title}: soal {row['item_id']}",
            interactionType=INTERACTION_TYPES.get(row["kind"], "other"),
        )
        score = float(row["score"])
        result = {"score": _score(score, 1), "success": bool(row["correct"]), "completion": True}
        exercise = _activity(f"{base}/xapi/modul/{module_id}/latihan/{exercise_id}", "assessment", exercise_title)
        out.append(b.statement(f"latihan|{row['id']}", b.actor(learner.id, learner.name), "answered", item, result, row["created_at"], exercise, (b.module(module_id),)))  # fmt: skip
        latest[(learner.id, module_id)][f"{exercise_id}/{row['item_id']}"] = row
    for row in records.attempts:
        learner = records.learners.get(row["learner_id"])
        if learner is None:
            continue
        success = bool(row["correction_ok"]) and bool(row["integrity_ok"])
        title = catalogue.scenario_titles.get(row["scenario_id"], row["scenario_id"])
        case = _activity(f"{base}/xapi/kasus/{row['scenario_id']}", "simulation", title)
        result = {
            "score": _score(float(row["score"]), 100),
            "success": success,
            "completion": True,
            "duration": _duration(float(row["seconds"])),
        }
        verb = "passed" if success else "failed"
        out.append(b.statement(f"kasus|{row['id']}", b.actor(learner.id, learner.name), verb, case, result, row["created_at"]))  # fmt: skip
    out += _module_statements(b, records, latest)
    return out


def _module_statements(
    b: _Builder, records: LearningRecords, latest: Mapping[tuple[str, str], Mapping[str, dict[str, Any]]]
) -> list[dict[str, Any]]:
    out = []
    done: dict[str, list[float]] = defaultdict(list)
    last_seen: dict[str, dt.datetime] = {}
    for (learner_id, module_id), items in sorted(latest.items()):
        exercises = b.catalogue.module_exercises.get(module_id)
        worked = {key.split("/", 1)[0] for key in items}
        if not exercises or not set(exercises) <= worked:
            continue  # a module is passed or failed only once every exercise in it was worked
        learner = records.learners[learner_id]
        scaled = sum(float(r["score"]) for r in items.values()) / len(items)
        percent = round(100 * scaled, 2)
        last = max(items.values(), key=lambda r: r["id"])
        result = {"score": _score(percent, 100), "success": percent >= b.mastery, "completion": True}
        verb = "passed" if result["success"] else "failed"
        key = f"modul|{learner_id}|{module_id}|{last['id']}"
        out.append(b.statement(key, b.actor(learner.id, learner.name), verb, b.module(module_id), result, last["created_at"]))  # fmt: skip
        done[learner_id].append(percent)
        last_seen[learner_id] = max(last_seen.get(learner_id, last["created_at"]), last["created_at"])
    for learner_id, percents in done.items():
        if len(percents) < len(b.catalogue.module_titles):
            continue
        learner = records.learners[learner_id]
        average = round(sum(percents) / len(percents), 2)
        result = {"score": _score(average, 100), "completion": True}
        key = f"kursus|{learner_id}|{_timestamp(last_seen[learner_id])}"
        out.append(b.statement(key, b.actor(learner.id, learner.name), "completed", b.course, result, last_seen[learner_id]))  # fmt: skip
    return out


def to_jsonl(statements: Iterable[Mapping[str, Any]]) -> bytes:
    """JSON Lines: one statement per line, UTF-8."""
    return "".join(json.dumps(s, ensure_ascii=False, sort_keys=True) + "\n" for s in statements).encode("utf-8")


# --- delivery to an LRS -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class LrsConfig:
    endpoint: str  # ends without '/'; statements go to <endpoint>/statements
    key: str
    secret: str


def lrs_config(environ: Mapping[str, str] = os.environ) -> LrsConfig:
    """The LRS from BIMTEK_LRS_ENDPOINT, BIMTEK_LRS_KEY and BIMTEK_LRS_SECRET; an InputError naming what is missing."""
    endpoint = environ.get(ENV_ENDPOINT, "").strip().rstrip("/")
    key, secret = environ.get(ENV_KEY, ""), environ.get(ENV_SECRET, "")
    missing = [name for name, value in ((ENV_ENDPOINT, endpoint), (ENV_KEY, key), (ENV_SECRET, secret)) if not value]
    if missing:
        raise InputError([f"untuk --kirim atur variabel lingkungan {', '.join(missing)} (alamat LRS, kunci dan rahasianya)"])  # fmt: skip
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InputError([f"{ENV_ENDPOINT} '{endpoint[:80]}' bukan URL http(s), mis. https://lrs.contoh.id/xapi"])
    return LrsConfig(endpoint, key, secret)


_HTTP_REASONS = {
    400: "pernyataan ditolak sebagai tidak valid",
    401: "kunci atau rahasia LRS salah",
    403: "kunci LRS tidak berhak menulis pernyataan",
    404: "alamat LRS tidak memiliki /statements; periksa BIMTEK_LRS_ENDPOINT",
    409: "bertentangan dengan pernyataan yang sudah tersimpan dengan id yang sama",
    413: "kiriman terlalu besar",
}

Post = Callable[[urllib.request.Request], tuple[int, bytes]]


def _post(request: urllib.request.Request) -> tuple[int, bytes]:
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 - http(s) checked above
        return response.status, response.read()


def send_statements(
    statements: Sequence[Mapping[str, Any]], config: LrsConfig, *, batch_size: int = BATCH_SIZE, post: Post = _post
) -> int:
    """POSTs the statements in batches to <endpoint>/statements (basic auth, X-Experience-API-Version); returns how
    many were stored. Raises LrsError naming the batch, how many were already stored and why, in Indonesian."""
    token = base64.b64encode(f"{config.key}:{config.secret}".encode()).decode("ascii")
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "X-Experience-API-Version": XAPI_VERSION,
        "Authorization": f"Basic {token}",
    }
    sent = 0
    batches = [statements[i : i + batch_size] for i in range(0, len(statements), batch_size)]
    for number, batch in enumerate(batches, start=1):
        body = json.dumps(list(batch), ensure_ascii=False).encode("utf-8")
        request = urllib.request.Request(f"{config.endpoint}/statements", data=body, headers=headers, method="POST")
        where = f"LRS {urlsplit(config.endpoint).netloc}: kiriman ke-{number} dari {len(batches)}"
        done = f"{sent} dari {len(statements)} pernyataan sudah terkirim"
        try:
            status, payload = post(request)
        except urllib.error.HTTPError as err:
            reason = _HTTP_REASONS.get(err.code, "ditolak")
            raise LrsError(f"{where} gagal (HTTP {err.code}: {reason}); {done}") from None
        except (urllib.error.URLError, TimeoutError, OSError) as err:
            why = getattr(err, "reason", err)
            raise LrsError(f"{where}: LRS tidak dapat dihubungi ({str(why)[:120]}); {done}") from None
        if status not in (200, 204):
            raise LrsError(f"{where} gagal (HTTP {status}); {done}")
        try:
            stored = json.loads(payload.decode("utf-8")) if payload.strip() else [s["id"] for s in batch]
        except (UnicodeDecodeError, ValueError):
            raise LrsError(f"{where}: jawaban LRS bukan daftar id JSON; {done}") from None
        if not isinstance(stored, list) or len(stored) != len(batch):
            raise LrsError(f"{where}: LRS menyimpan {len(stored) if isinstance(stored, list) else 0} dari {len(batch)} pernyataan; {done}")  # fmt: skip
        sent += len(batch)
    return sent
