"""The store's tables (SQLAlchemy 2.x models): learners, cohorts, trainers, their work, remediation, certificates, sessions.

The Alembic revisions in migrations/versions create exactly these; a test compares the two.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Named constraints, so later migrations can alter them on SQLite (batch mode) and PostgreSQL alike.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

Json = JSON().with_variant(JSONB(), "postgresql")


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Timestamps in UTC on both backends (SQLite keeps no zone; we store UTC and read it back as UTC)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        value = value.astimezone(dt.UTC) if value.tzinfo else value.replace(tzinfo=dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dt.datetime: UTCDateTime(), dict[str, Any]: Json, list[str]: Json}


class Trainer(Base):
    """A narasumber: logs in with a password stored only as an argon2 hash."""

    __tablename__ = "trainers"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Cohort(Base):
    """A kelas (one Bimtek room): trainees join it with its join code."""

    __tablename__ = "cohorts"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    join_code: Mapped[str] = mapped_column(String(12), unique=True)
    trainer_id: Mapped[int] = mapped_column(ForeignKey("trainers.id"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Learner(Base):
    """A trainee (in a cohort) or a self-learner (no cohort); a guest is an unnamed profile made on first work.

    `scope` + `name_key` keep names unique where a person is found by name: within a cohort ("kelas:<id>"),
    or among self-learners of this store ("mandiri"). A guest has no name_key, so guests never collide.
    """

    __tablename__ = "learners"
    __table_args__ = (UniqueConstraint("scope", "name_key", name="uq_learners_scope_name"),)
    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # random token; travels in the URL (?peserta=)
    name: Mapped[str] = mapped_column(String(60))
    name_key: Mapped[str | None] = mapped_column(String(60))
    scope: Mapped[str] = mapped_column(String(40))
    cohort_id: Mapped[int | None] = mapped_column(ForeignKey("cohorts.id"), index=True)
    guest: Mapped[bool] = mapped_column(default=False)
    pin_hash: Mapped[str | None] = mapped_column(String(255))
    failed_pins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[dt.datetime | None]
    last_place: Mapped[dict[str, Any] | None]  # {"page", "label", "query"}: where "Lanjutkan" leads
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Attempt(Base):
    """One graded case-study attempt, with the submitted correction and what the verifier still found."""

    __tablename__ = "attempts"
    __table_args__ = (Index("ix_attempts_learner_scenario", "learner_id", "scenario_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[str] = mapped_column(ForeignKey("learners.id"))
    scenario_id: Mapped[str] = mapped_column(String(120))
    score: Mapped[int]
    points: Mapped[dict[str, Any]]
    correction_ok: Mapped[bool]
    integrity_ok: Mapped[bool]
    withdrawn: Mapped[bool]
    flagged: Mapped[list[str]]
    found: Mapped[list[str]]
    missed: Mapped[list[str]]
    false_alarms: Mapped[list[str]]
    remaining: Mapped[list[str]]
    status_after: Mapped[str | None] = mapped_column(String(20))
    seconds: Mapped[float]
    corrected: Mapped[dict[str, Any] | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ExerciseResult(Base):
    """One graded exercise item of a module."""

    __tablename__ = "exercise_results"
    __table_args__ = (Index("ix_exercise_results_learner_module", "learner_id", "module_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[str] = mapped_column(ForeignKey("learners.id"))
    module_id: Mapped[str] = mapped_column(String(120))
    exercise_id: Mapped[str] = mapped_column(String(120))
    item_id: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(40))
    score: Mapped[float]
    correct: Mapped[bool]
    answer: Mapped[Any] = mapped_column(Json, nullable=True)
    details: Mapped[dict[str, Any]]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Document(Base):
    """The current version of one piece of saved work (SOP, simulated month, facility figures, ...)."""

    __tablename__ = "documents"
    __table_args__ = (UniqueConstraint("learner_id", "kind", name="uq_documents_learner_kind"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[str] = mapped_column(ForeignKey("learners.id"))
    kind: Mapped[str] = mapped_column(String(60))
    data: Mapped[dict[str, Any]]
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class DocumentVersion(Base):
    """Every saved version of a document, oldest first: the history behind documents' current row."""

    __tablename__ = "document_versions"
    __table_args__ = (Index("ix_document_versions_learner_kind", "learner_id", "kind"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[str] = mapped_column(ForeignKey("learners.id"))
    kind: Mapped[str] = mapped_column(String(60))
    data: Mapped[dict[str, Any]]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Assignment(Base):
    """Remediation a trainer set for one trainee: a module or a scenario to work through, maybe for a missed rule."""

    __tablename__ = "assignments"
    __table_args__ = (Index("ix_assignments_learner", "learner_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id"), index=True)
    learner_id: Mapped[str] = mapped_column(ForeignKey("learners.id"))
    kind: Mapped[str] = mapped_column(String(20))  # 'modul' | 'skenario'
    target: Mapped[str] = mapped_column(String(120))  # the module id or scenario id
    rule_code: Mapped[str | None] = mapped_column(String(20))  # the rule it remediates, when set from the heatmap
    assigned_by: Mapped[int] = mapped_column(ForeignKey("trainers.id"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    done_at: Mapped[dt.datetime | None]


class CohortScenario(Base):
    """A scenario a trainer authored for one cohort's library (the YAML text as uploaded, checked before saving)."""

    __tablename__ = "cohort_scenarios"
    __table_args__ = (UniqueConstraint("cohort_id", "scenario_id", name="uq_cohort_scenarios_cohort_scenario"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id"))
    scenario_id: Mapped[str] = mapped_column(String(120))
    yaml_text: Mapped[str] = mapped_column(Text)
    added_by: Mapped[int] = mapped_column(ForeignKey("trainers.id"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Certificate(Base):
    """A certificate issued to a learner who met the four indicators; its code is checked on a public page."""

    __tablename__ = "certificates"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    learner_id: Mapped[str] = mapped_column(ForeignKey("learners.id"), unique=True)  # one per learner
    cohort_id: Mapped[int | None] = mapped_column(ForeignKey("cohorts.id"))
    learner_name: Mapped[str] = mapped_column(String(60))
    issued_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    indicators: Mapped[dict[str, Any]]


class ChecklistStatus(Base):
    """One learner's last computed result on one checklist indicator (scoring/indicators.py), kept for trainers' views.

    The checklist is always scored fresh from the learner's work; this row is the copy written whenever it is computed.
    `updated_at` moves only when the result changes, so it says since when the indicator has stood as it is.
    """

    __tablename__ = "checklist_status"
    __table_args__ = (UniqueConstraint("learner_id", "indicator", name="uq_checklist_status_learner_indicator"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[str] = mapped_column(ForeignKey("learners.id"))
    indicator: Mapped[str] = mapped_column(String(40))  # 'regulasi' | 'pengisian_data' | 'penurunan_klaim' | 'sop'
    met: Mapped[bool]
    summary: Mapped[dict[str, Any]]  # {"evidence": [...], "next_steps": [...], "field_met": bool | None}
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class TrainerSession(Base):
    """A trainer's sign-in that survives a browser refresh: the URL carries a random token, the store only its hash."""

    __tablename__ = "trainer_sessions"
    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 hex of a 256-bit random token
    trainer_id: Mapped[int] = mapped_column(ForeignKey("trainers.id"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[dt.datetime]
    revoked_at: Mapped[dt.datetime | None]


class LearnerSession(Base):
    """A PIN-protected learner's sign-in that survives a refresh: the URL carries ?akses=<token>, the store its hash.

    Issued after the PIN was checked; revoked by "Keluar", by a new PIN and by a trainer's PIN reset.
    """

    __tablename__ = "learner_sessions"
    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    learner_id: Mapped[str] = mapped_column(ForeignKey("learners.id"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[dt.datetime]
    revoked_at: Mapped[dt.datetime | None]


class AccountAudit(Base):
    """Who did what to an account, and when: a trainer resetting a trainee's PIN or lifting a lock, the command line
    resetting a trainer's password. Kept for the cohort page's log; never holds a secret."""

    __tablename__ = "account_audit"
    id: Mapped[int] = mapped_column(primary_key=True)
    actor: Mapped[str] = mapped_column(String(80))  # a trainer's username, or "baris perintah (<os user>)"
    action: Mapped[str] = mapped_column(String(40))  # account_tools.ACTIONS
    target: Mapped[str] = mapped_column(String(80))  # the account's name when it happened (a trainee, a trainer)
    target_id: Mapped[str] = mapped_column(String(40))  # learners.id or trainers.id, as text
    cohort_id: Mapped[int | None] = mapped_column(ForeignKey("cohorts.id"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ReviewCard(Base):
    """One rule in a learner's spaced review (bimtek/review.py): its box, when it is due, whether it is retired."""

    __tablename__ = "review_cards"
    __table_args__ = (UniqueConstraint("learner_id", "rule_code", name="uq_review_cards_learner_rule"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[str] = mapped_column(ForeignKey("learners.id"))
    rule_code: Mapped[str] = mapped_column(String(20))
    box: Mapped[int]  # index into bimtek.review.INTERVALS
    due_on: Mapped[dt.date]
    retired: Mapped[bool]
    misses: Mapped[int]
    reviews: Mapped[int]
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class DeskAttempt(Base):
    """One graded day sheet of Meja petugas klaim: the figures, the decisions, and the claims only when kept.

    A practice sheet is rebuilt from its seed; a facility's own sheet keeps its claims only when the facility chose
    to store them (`sheet` is null otherwise)."""

    __tablename__ = "desk_attempts"
    __table_args__ = (Index("ix_desk_attempts_learner", "learner_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[str] = mapped_column(ForeignKey("learners.id"))
    source: Mapped[str] = mapped_column(String(20))  # 'latihan' | 'fasilitas'
    seed: Mapped[int]
    claims: Mapped[int]
    true_returns: Mapped[int]
    missed: Mapped[int]
    wrong_returns: Mapped[int]
    right_reasons: Mapped[int]
    seconds: Mapped[float]
    decisions: Mapped[dict[str, Any]]  # {index: {"action", "category"}}
    details: Mapped[dict[str, Any]]  # {"missed_rules": [...]}
    sheet: Mapped[dict[str, Any] | None]  # {"claims": [claim json, ...]} for a facility sheet kept by choice
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
