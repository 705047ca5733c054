"""Checklist status per learner and indicator; trainer sessions that survive a browser refresh.

Revision ID: 0003
Revises: 0002
Created: 2026-11-23

Self-contained on purpose (types spelled out here, not imported from the models), like 0001 and 0002.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def _when(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "checklist_status",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("learner_id", sa.String(32), sa.ForeignKey("learners.id"), nullable=False),
        sa.Column("indicator", sa.String(40), nullable=False),
        sa.Column("met", sa.Boolean(), nullable=False),
        sa.Column("summary", JSON, nullable=False),
        _when("updated_at"),
        sa.UniqueConstraint("learner_id", "indicator", name="uq_checklist_status_learner_indicator"),
    )
    op.create_table(
        "trainer_sessions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("trainer_id", sa.Integer(), sa.ForeignKey("trainers.id"), nullable=False, index=True),
        _when("created_at"),
        _when("expires_at"),
        _when("revoked_at", nullable=True),
    )


def downgrade() -> None:
    for table in ("trainer_sessions", "checklist_status"):
        op.drop_table(table)
