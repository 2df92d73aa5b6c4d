"""import batches are finished or still being written; a covering index for daily counts

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 00:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('import_batch', schema=None) as batch_op:
        batch_op.add_column(sa.Column('finished_at', sa.Integer(), nullable=True))
    # Every batch written before this revision landed in one transaction: it is finished.
    op.execute("UPDATE import_batch SET finished_at = created_at")
    with op.batch_alter_table('review_log', schema=None) as batch_op:
        batch_op.drop_index('ix_review_log_learner_time')
        batch_op.create_index(
            'ix_review_log_learner_day', ['learner_id', 'reviewed_at', 'state_before', 'rating'],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table('review_log', schema=None) as batch_op:
        batch_op.drop_index('ix_review_log_learner_day')
        batch_op.create_index('ix_review_log_learner_time', ['learner_id', 'reviewed_at'], unique=False)
    with op.batch_alter_table('import_batch', schema=None) as batch_op:
        batch_op.drop_column('finished_at')
