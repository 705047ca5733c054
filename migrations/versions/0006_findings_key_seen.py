"""Findings in the trainee's words and "key seen" per learner and case (issue 11, points 1-3).

Adds to `attempts`: `detail` (the trainee's findings, the per-defect and per-field results and the score's breakdown;
NULL for attempts stored before this revision, which were graded from ticked rule codes) and `key_seen` (whether the
learner had already seen this case's answer key when the attempt was made; NULL for older attempts, read as "seen"
for every attempt but the learner's first on the case, which is how the old page behaved: it showed the key after
every attempt). Adds `key_views`: when a learner first saw a case's key.

Revision ID: 0006
Revises: 0005
Created: 2026-12-01

Self-contained on purpose (types spelled out here, not imported from the models), like the earlier revisions.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(JSONB(), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("attempts") as batch:
        batch.add_column(sa.Column("detail", JSON, nullable=True))
        batch.add_column(sa.Column("key_seen", sa.Boolean(), nullable=True))
    op.create_table(
        "key_views",
        sa.Column("learner_id", sa.String(32), sa.ForeignKey("learners.id"), primary_key=True),
        sa.Column("scenario_id", sa.String(120), primary_key=True),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("key_views")
    with op.batch_alter_table("attempts") as batch:
        batch.drop_column("key_seen")
        batch.drop_column("detail")
