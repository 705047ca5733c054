"""Drafts (issue 13): an answer in progress, saved as it is edited, restored on reload, another device or a restart.

Revision ID: 0008
Revises: 0007 (chained after main's 0007 when merging main; the coordinator puts 0006 before 0007)
Created: 2026-12-01

Self-contained on purpose (types spelled out here, not imported from the models), like the earlier revisions.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "drafts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("learner_id", sa.String(32), sa.ForeignKey("learners.id"), nullable=False),
        sa.Column("key", sa.String(120), nullable=False),
        sa.Column("payload", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("learner_id", "key", name="uq_drafts_learner_key"),
    )


def downgrade() -> None:
    op.drop_table("drafts")
