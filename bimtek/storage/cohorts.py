"""A cohort's workshop records: its members and their work (for the dashboard), remediation, library, certificates.

Records come out as frozen dataclasses or the plain dicts of bimtek/storage/progress.py (plus "learner_id").
"""

from __future__ import annotations

import datetime as dt
import json
import re
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import JSON, Text, select, type_coerce
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bimtek.errors import InputError
from bimtek.storage.accounts import CODE_ALPHABET, CohortInfo, LearnerInfo
from bimtek.storage.models import (
    Assignment,
    Attempt,
    Certificate,
    Cohort,
    CohortScenario,
    ExerciseResult,
    Learner,
    Trainer,
    utcnow,
)
from bimtek.storage.progress import ATTEMPT_FIELDS, EXERCISE_FIELDS, plain
from bimtek.storage.store import Store

KINDS = ("modul", "skenario")
DASHBOARD_FIELDS = ("scenario_id", "score", "correction_ok", "integrity_ok", "missed", "remaining", "seconds")
CERTIFICATE_LENGTH = 10  # from CODE_ALPHABET (no 0/O, 1/I): 32^10 ~ 10^15 codes, read off paper


@dataclass(frozen=True)
class AssignmentInfo:
    id: int
    cohort_id: int
    learner_id: str
    kind: str  # 'modul' | 'skenario'
    target: str  # module id or scenario id
    rule_code: str | None
    assigned_by: str  # the trainer's username
    created_at: dt.datetime
    done_at: dt.datetime | None


@dataclass(frozen=True)
class CertificateInfo:
    code: str
    learner_id: str
    learner_name: str
    cohort_id: int | None
    cohort_name: str | None
    issued_at: dt.datetime
    indicators: dict[str, Any]
    trainer: str | None = None  # the username of the cohort's trainer (the certificate's signature line)


def _iso(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).isoformat(timespec="seconds")


# --- cohorts and their members' work ------------------------------------------------------------------------------


def trainer_cohorts(store: Store, trainer_id: int) -> list[CohortInfo]:
    """The trainer's cohorts, newest first."""

    def work(session: Session) -> list[CohortInfo]:
        trainer = session.get(Trainer, trainer_id)
        rows = session.scalars(select(Cohort).where(Cohort.trainer_id == trainer_id).order_by(Cohort.id.desc()))
        return [CohortInfo(r.id, r.name, r.join_code, trainer.username if trainer else "") for r in rows]

    return store.read(work)


def cohort_members(store: Store, cohort_id: int) -> list[LearnerInfo]:
    """The cohort's trainees, by name."""

    def work(session: Session) -> list[LearnerInfo]:
        cohort = session.get(Cohort, cohort_id)
        rows = session.scalars(select(Learner).where(Learner.cohort_id == cohort_id).order_by(Learner.name_key))
        return [
            LearnerInfo(
                id=r.id,
                name=r.name,
                guest=r.guest,
                has_pin=r.pin_hash is not None,
                cohort_id=cohort_id,
                cohort_name=cohort.name if cohort else None,
                cohort_code=cohort.join_code if cohort else None,
                last_seen_at=r.last_seen_at,
            )
            for r in rows
        ]

    return store.read(work)


def cohort_attempts(store: Store, cohort_id: int, fields: Sequence[str] = ATTEMPT_FIELDS) -> list[dict[str, Any]]:
    """Every attempt of the cohort's trainees, oldest first: progress records plus "learner_id".

    `fields` narrows the record (DASHBOARD_FIELDS: the dashboard's, without the JSON it does not read).
    """
    return _cohort_rows(store, Attempt, cohort_id, fields)


def cohort_exercises(store: Store, cohort_id: int) -> list[dict[str, Any]]:
    """Every graded exercise item of the cohort's trainees, oldest first, plus "learner_id"."""
    return _cohort_rows(store, ExerciseResult, cohort_id, EXERCISE_FIELDS)


def _cohort_rows(
    store: Store, model: type[Attempt] | type[ExerciseResult], cohort_id: int, fields: Sequence[str]
) -> list[dict[str, Any]]:
    names = ("learner_id", *fields, "created_at")  # columns, not ORM objects: far fewer Python objects
    table = model.__table__.c
    json_names = [n for n in names if isinstance(table[n].type, JSON)]

    def work(session: Session) -> list[dict[str, Any]]:
        # On SQLite, JSON columns are read as their text and each distinct text decoded once: a cohort's lists of rule
        # codes repeat (a few hundred distinct values over tens of thousands of attempts) and decoding was most of the
        # read time. PostgreSQL's driver decodes JSONB itself, so there the columns are read as they are.
        # The timestamp likewise: SQLite holds UTC as "YYYY-MM-DD HH:MM:SS[.ffffff]", already the ISO form wanted.
        sqlite = session.get_bind().dialect.name == "sqlite"
        as_text = [*json_names, "created_at"] if sqlite else []
        columns = (type_coerce(getattr(model, n), Text) if n in as_text else getattr(model, n) for n in names)
        query = select(*columns).join(Learner, Learner.id == model.learner_id).where(Learner.cohort_id == cohort_id)
        # Core rows, not ORM ones: the ORM's per-row loading is a third of the time and buys nothing here.
        result = session.connection().execute(query.order_by(model.id))
        rows = [dict(zip(names, row, strict=True)) for row in result]
        decoded: dict[str | None, Any] = {None: None}
        for row in rows:
            when = row["created_at"]
            row["created_at"] = f"{when[:10]}T{when[11:19]}+00:00" if sqlite else _iso(when)
            for name in json_names if sqlite else ():
                raw = row[name]
                if raw not in decoded:
                    decoded[raw] = json.loads(raw)
                value = decoded[raw]  # copied: no two rows share a list or dict
                row[name] = value.copy() if isinstance(value, list | dict) else value
        return rows

    return store.read(work)


# --- remediation --------------------------------------------------------------------------------------------------


def assign(
    store: Store,
    cohort_id: int,
    learner_ids: Iterable[str],
    kind: str,
    target: str,
    trainer_id: int,
    rule_code: str | None = None,
) -> list[int]:
    """Assigns a module or scenario to the cohort's trainees; one already open for the same target is not repeated.

    Returns the ids of the new assignments. A learner outside the cohort is refused (InputError).
    """
    if kind not in KINDS:
        raise InputError([f"Jenis tugas '{kind}' tidak dikenal; pilih salah satu: {', '.join(KINDS)}."])
    target = str(target).strip()
    if not target:
        raise InputError(["Tugas remedial belum memilih modul atau skenario."])
    wanted = list(dict.fromkeys(str(i) for i in learner_ids))

    def work(session: Session) -> list[int]:
        members = set(session.scalars(select(Learner.id).where(Learner.cohort_id == cohort_id)))
        outside = [i for i in wanted if i not in members]
        if outside:
            raise InputError([f"Peserta '{outside[0]}' bukan anggota kelas ini; tugas tidak diberikan."])
        open_for = set(
            session.scalars(
                select(Assignment.learner_id).where(
                    Assignment.cohort_id == cohort_id,
                    Assignment.kind == kind,
                    Assignment.target == target,
                    Assignment.done_at.is_(None),
                )
            )
        )
        rows = [
            Assignment(
                cohort_id=cohort_id,
                learner_id=learner_id,
                kind=kind,
                target=target,
                rule_code=rule_code,
                assigned_by=trainer_id,
                created_at=utcnow(),
            )
            for learner_id in wanted
            if learner_id not in open_for
        ]
        session.add_all(rows)
        session.flush()
        return [row.id for row in rows]

    return store.write(work)


def _assignment(row: Assignment, trainers: Mapping[int, str]) -> AssignmentInfo:
    return AssignmentInfo(
        id=row.id,
        cohort_id=row.cohort_id,
        learner_id=row.learner_id,
        kind=row.kind,
        target=row.target,
        rule_code=row.rule_code,
        assigned_by=trainers.get(row.assigned_by, ""),
        created_at=row.created_at,
        done_at=row.done_at,
    )


def _trainer_names(session: Session) -> dict[int, str]:
    return {row.id: row.username for row in session.scalars(select(Trainer))}


def assignments_for(store: Store, learner_id: str, *, open_only: bool = False) -> list[AssignmentInfo]:
    """The learner's assignments, oldest first (only the ones not done yet with open_only)."""

    def work(session: Session) -> list[AssignmentInfo]:
        query = select(Assignment).where(Assignment.learner_id == learner_id)
        if open_only:
            query = query.where(Assignment.done_at.is_(None))
        names = _trainer_names(session)
        return [_assignment(row, names) for row in session.scalars(query.order_by(Assignment.id))]

    return store.read(work)


def cohort_assignments(store: Store, cohort_id: int) -> list[AssignmentInfo]:
    """Every assignment in the cohort, oldest first (the dashboard's remediation list)."""

    def work(session: Session) -> list[AssignmentInfo]:
        names = _trainer_names(session)
        rows = session.scalars(select(Assignment).where(Assignment.cohort_id == cohort_id).order_by(Assignment.id))
        return [_assignment(row, names) for row in rows]

    return store.read(work)


def complete_assignments(store: Store, learner_id: str, kind: str, target: str) -> int:
    """Marks the learner's open assignments for this module/scenario done; returns how many were open.

    Reads first: the common case (nothing assigned) costs no write transaction.
    """
    query = select(Assignment).where(
        Assignment.learner_id == learner_id,
        Assignment.kind == kind,
        Assignment.target == target,
        Assignment.done_at.is_(None),
    )
    if store.read(lambda session: session.scalar(query.with_only_columns(Assignment.id).limit(1))) is None:
        return 0

    def work(session: Session) -> int:
        rows = list(session.scalars(query))
        for row in rows:
            row.done_at = utcnow()
        return len(rows)

    return store.write(work)


# --- the cohort's authored scenario library -----------------------------------------------------------------------


def add_library_scenario(store: Store, cohort_id: int, scenario_id: str, yaml_text: str, trainer_id: int) -> int:
    """Adds a scenario to the cohort's library, or replaces the YAML of the one with that id; returns its row id."""

    def work(session: Session) -> int:
        row = session.scalar(
            select(CohortScenario).where(
                CohortScenario.cohort_id == cohort_id, CohortScenario.scenario_id == scenario_id
            )
        )
        if row is None:
            row = CohortScenario(cohort_id=cohort_id, scenario_id=scenario_id, created_at=utcnow())
            session.add(row)
        row.yaml_text, row.added_by = yaml_text, trainer_id
        session.flush()
        return row.id

    return store.write(work)


def library_scenarios(store: Store, cohort_id: int) -> list[tuple[str, str]]:
    """The cohort's library as (scenario_id, yaml_text), in the order they were first added."""

    def work(session: Session) -> list[tuple[str, str]]:
        query = select(CohortScenario.scenario_id, CohortScenario.yaml_text).where(
            CohortScenario.cohort_id == cohort_id
        )
        return [(sid, text) for sid, text in session.execute(query.order_by(CohortScenario.id))]

    return store.read(work)


def remove_library_scenario(store: Store, cohort_id: int, scenario_id: str) -> bool:
    """Takes a scenario out of the cohort's library; False when it was not there."""

    def work(session: Session) -> bool:
        row = session.scalar(
            select(CohortScenario).where(
                CohortScenario.cohort_id == cohort_id, CohortScenario.scenario_id == scenario_id
            )
        )
        if row is not None:
            session.delete(row)
        return row is not None

    return store.write(work)


# --- certificates -------------------------------------------------------------------------------------------------


def normalise_certificate_code(code: str) -> str:
    return re.sub(r"[\s-]", "", str(code)).upper()


def _certificate(session: Session, row: Certificate) -> CertificateInfo:
    cohort = session.get(Cohort, row.cohort_id) if row.cohort_id is not None else None
    return CertificateInfo(
        code=row.code,
        learner_id=row.learner_id,
        learner_name=row.learner_name,
        cohort_id=row.cohort_id,
        cohort_name=cohort.name if cohort else None,
        issued_at=row.issued_at,
        indicators=dict(row.indicators),
        trainer=trainer.username if cohort and (trainer := session.get(Trainer, cohort.trainer_id)) else None,
    )


def issue_certificate(
    store: Store, learner_id: str, name: str, cohort_id: int | None, indicators: Mapping[str, Any]
) -> str:
    """The learner's certificate code: a new one with its indicators, or the one already issued (idempotent)."""
    payload = plain(dict(indicators))
    for _ in range(10):
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CERTIFICATE_LENGTH))

        def work(session: Session, code: str = code) -> str:
            existing = session.scalar(select(Certificate.code).where(Certificate.learner_id == learner_id))
            if existing is not None:
                return existing
            session.add(
                Certificate(
                    code=code,
                    learner_id=learner_id,
                    cohort_id=cohort_id,
                    learner_name=name,
                    issued_at=utcnow(),
                    indicators=payload,
                )
            )
            session.flush()
            return code

        try:
            return store.write(work)
        except IntegrityError:
            continue  # the code was drawn before, or another process issued this learner's certificate first
    raise AssertionError("could not issue a certificate code in 10 tries")


def find_certificate(store: Store, code: str) -> CertificateInfo | None:
    """The certificate with this code (spaces, dashes and case ignored), or None."""
    wanted = normalise_certificate_code(code)
    if not wanted:
        return None

    def work(session: Session) -> CertificateInfo | None:
        row = session.scalar(select(Certificate).where(Certificate.code == wanted))
        return _certificate(session, row) if row is not None else None

    return store.read(work)


def certificate_for(store: Store, learner_id: str) -> CertificateInfo | None:
    """The learner's certificate, when one was issued."""

    def work(session: Session) -> CertificateInfo | None:
        row = session.scalar(select(Certificate).where(Certificate.learner_id == learner_id))
        return _certificate(session, row) if row is not None else None

    return store.read(work)
