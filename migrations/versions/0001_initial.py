"""Initial schema: trainers, cohorts, learners, attempts, exercise results, documents and their history.

Revision ID: 0001
Revises:
Created: 2026-11-23

Self-contained on purpose (types spelled out here, not imported from the models): a revision must keep creating the
same schema when the models move on.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def _when(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _learner() -> list:
    return [
        sa.Column("learner_id", sa.String(32), nullable=False),
        sa.ForeignKeyConstraint(["learner_id"], ["learners.id"]),
    ]


def upgrade() -> None:
    op.create_table(
        "trainers",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("username", sa.String(40), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        _when("locked_until", nullable=True),
        _when("created_at"),
    )
    op.create_table(
        "cohorts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("join_code", sa.String(12), nullable=False, unique=True),
        sa.Column("trainer_id", sa.Integer(), sa.ForeignKey("trainers.id"), nullable=False, index=True),
        _when("created_at"),
    )
    op.create_table(
        "learners",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(60), nullable=False),
        sa.Column("name_key", sa.String(60), nullable=True),
        sa.Column("scope", sa.String(40), nullable=False),
        sa.Column("cohort_id", sa.Integer(), sa.ForeignKey("cohorts.id"), nullable=True, index=True),
        sa.Column("guest", sa.Boolean(), nullable=False),
        sa.Column("pin_hash", sa.String(255), nullable=True),
        sa.Column("failed_pins", sa.Integer(), nullable=False),
        _when("locked_until", nullable=True),
        sa.Column("last_place", JSON, nullable=True),
        _when("created_at"),
        _when("last_seen_at"),
        sa.UniqueConstraint("scope", "name_key", name="uq_learners_scope_name"),
    )
    op.create_table(
        "attempts",
        sa.Column("id", sa.Integer(), primary_key=True),
        *_learner(),
        sa.Column("scenario_id", sa.String(120), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("points", JSON, nullable=False),
        sa.Column("correction_ok", sa.Boolean(), nullable=False),
        sa.Column("integrity_ok", sa.Boolean(), nullable=False),
        sa.Column("withdrawn", sa.Boolean(), nullable=False),
        *[sa.Column(name, JSON, nullable=False) for name in ("flagged", "found", "missed", "false_alarms")],
        sa.Column("remaining", JSON, nullable=False),
        sa.Column("status_after", sa.String(20), nullable=True),
        sa.Column("seconds", sa.Double(), nullable=False),
        sa.Column("corrected", JSON, nullable=True),
        _when("created_at"),
        sa.Index("ix_attempts_learner_scenario", "learner_id", "scenario_id"),
    )
    op.create_table(
        "exercise_results",
        sa.Column("id", sa.Integer(), primary_key=True),
        *_learner(),
        sa.Column("module_id", sa.String(120), nullable=False),
        sa.Column("exercise_id", sa.String(120), nullable=False),
        sa.Column("item_id", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("score", sa.Double(), nullable=False),
        sa.Column("correct", sa.Boolean(), nullable=False),
        sa.Column("answer", JSON, nullable=True),
        sa.Column("details", JSON, nullable=False),
        _when("created_at"),
        sa.Index("ix_exercise_results_learner_module", "learner_id", "module_id"),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), primary_key=True),
        *_learner(),
        sa.Column("kind", sa.String(60), nullable=False),
        sa.Column("data", JSON, nullable=False),
        _when("updated_at"),
        sa.UniqueConstraint("learner_id", "kind", name="uq_documents_learner_kind"),
    )
    op.create_table(
        "document_versions",
        sa.Column("id", sa.Integer(), primary_key=True),
        *_learner(),
        sa.Column("kind", sa.String(60), nullable=False),
        sa.Column("data", JSON, nullable=False),
        _when("created_at"),
        sa.Index("ix_document_versions_learner_kind", "learner_id", "kind"),
    )


def downgrade() -> None:
    for table in ("document_versions", "documents", "exercise_results", "attempts", "learners", "cohorts", "trainers"):
        op.drop_table(table)
