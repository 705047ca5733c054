"""Workshop tables: remediation assignments, each cohort's authored scenario library, certificates.

Revision ID: 0002
Revises: 0001
Created: 2026-11-23

Self-contained on purpose (types spelled out here, not imported from the models), like 0001.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def _when(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "assignments",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("cohort_id", sa.Integer(), sa.ForeignKey("cohorts.id"), nullable=False, index=True),
        sa.Column("learner_id", sa.String(32), sa.ForeignKey("learners.id"), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("target", sa.String(120), nullable=False),
        sa.Column("rule_code", sa.String(20), nullable=True),
        sa.Column("assigned_by", sa.Integer(), sa.ForeignKey("trainers.id"), nullable=False),
        _when("created_at"),
        _when("done_at", nullable=True),
        sa.Index("ix_assignments_learner", "learner_id"),
    )
    op.create_table(
        "cohort_scenarios",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("cohort_id", sa.Integer(), sa.ForeignKey("cohorts.id"), nullable=False),
        sa.Column("scenario_id", sa.String(120), nullable=False),
        sa.Column("yaml_text", sa.Text(), nullable=False),
        sa.Column("added_by", sa.Integer(), sa.ForeignKey("trainers.id"), nullable=False),
        _when("created_at"),
        sa.UniqueConstraint("cohort_id", "scenario_id", name="uq_cohort_scenarios_cohort_scenario"),
    )
    op.create_table(
        "certificates",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(16), nullable=False, unique=True),
        sa.Column("learner_id", sa.String(32), sa.ForeignKey("learners.id"), nullable=False, unique=True),
        sa.Column("cohort_id", sa.Integer(), sa.ForeignKey("cohorts.id"), nullable=True),
        sa.Column("learner_name", sa.String(60), nullable=False),
        _when("issued_at"),
        sa.Column("indicators", JSON, nullable=False),
    )


def downgrade() -> None:
    for table in ("certificates", "cohort_scenarios", "assignments"):
        op.drop_table(table)
