"""Spaced review cards per learner and rule; graded day sheets of Meja petugas klaim (issue 11 points 4 and 6).

Revision ID: 0007
Revises: 0005 (the coordinator re-chains revisions merged the same day)
Created: 2026-12-01

Self-contained on purpose (types spelled out here, not imported from the models), like the earlier revisions.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0007"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def _learner() -> sa.Column:
    return sa.Column("learner_id", sa.String(32), sa.ForeignKey("learners.id"), nullable=False)


def upgrade() -> None:
    op.create_table(
        "review_cards",
        sa.Column("id", sa.Integer(), primary_key=True),
        _learner(),
        sa.Column("rule_code", sa.String(20), nullable=False),
        sa.Column("box", sa.Integer(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.Column("misses", sa.Integer(), nullable=False),
        sa.Column("reviews", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("learner_id", "rule_code", name="uq_review_cards_learner_rule"),
    )
    op.create_table(
        "desk_attempts",
        sa.Column("id", sa.Integer(), primary_key=True),
        _learner(),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("seed", sa.Integer(), nullable=False),
        sa.Column("claims", sa.Integer(), nullable=False),
        sa.Column("true_returns", sa.Integer(), nullable=False),
        sa.Column("missed", sa.Integer(), nullable=False),
        sa.Column("wrong_returns", sa.Integer(), nullable=False),
        sa.Column("right_reasons", sa.Integer(), nullable=False),
        sa.Column("seconds", sa.Double(), nullable=False),
        sa.Column("decisions", JSON, nullable=False),
        sa.Column("details", JSON, nullable=False),
        sa.Column("sheet", JSON, nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_desk_attempts_learner", "desk_attempts", ["learner_id"])


def downgrade() -> None:
    op.drop_index("ix_desk_attempts_learner", table_name="desk_attempts")
    for table in ("desk_attempts", "review_cards"):
        op.drop_table(table)
