"""Sessions of PIN-protected learners (issue 10): a link opens such a profile only with a live session token.

Revision ID: 0004
Revises: 0003
Created: 2026-12-01

Self-contained on purpose (types spelled out here, not imported from the models), like the earlier revisions.
Existing data stays: a PIN-protected profile opened by an old ?peserta= link now asks its PIN once.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _when(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "learner_sessions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("learner_id", sa.String(32), sa.ForeignKey("learners.id"), nullable=False, index=True),
        _when("created_at"),
        _when("expires_at"),
        _when("revoked_at", nullable=True),
    )


def downgrade() -> None:
    op.drop_table("learner_sessions")
