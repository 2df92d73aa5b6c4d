"""import batches in chunks; covering index for daily counts; partial fact-key index

An import batch is finished or still being written (finished_at), and owns the media it
brought; review_log gets a (learner, time, state_before, rating) index that covers the
Progress page's per-day counts; ix_question_fact_key leaves out questions without a fact.

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
        batch_op.add_column(sa.Column('finished_at', sa.Integer().with_variant(sa.BigInteger(), 'postgresql'), nullable=True))
    # Every batch written before this revision landed in one transaction: it is finished.
    op.execute("UPDATE import_batch SET finished_at = created_at")
    with op.batch_alter_table('media', schema=None) as batch_op:
        batch_op.add_column(sa.Column('import_batch_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_media_import_batch_id_import_batch'), 'import_batch',
            ['import_batch_id'], ['id'], ondelete='SET NULL',
        )
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.drop_index('ix_question_fact_key')
        batch_op.create_index(
            'ix_question_fact_key', ['fact_key'], unique=False,
            sqlite_where=sa.text("fact_key != ''"), postgresql_where=sa.text("fact_key != ''"),
        )
    with op.batch_alter_table('review_log', schema=None) as batch_op:
        batch_op.drop_index('ix_review_log_learner_time')
        batch_op.create_index(
            'ix_review_log_learner_day', ['learner_id', 'reviewed_at', 'state_before', 'rating'],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.drop_index('ix_question_fact_key')
        batch_op.create_index('ix_question_fact_key', ['fact_key'], unique=False)
    with op.batch_alter_table('media', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_media_import_batch_id_import_batch'), type_='foreignkey')
        batch_op.drop_column('import_batch_id')
    with op.batch_alter_table('review_log', schema=None) as batch_op:
        batch_op.drop_index('ix_review_log_learner_day')
        batch_op.create_index('ix_review_log_learner_time', ['learner_id', 'reviewed_at'], unique=False)
    with op.batch_alter_table('import_batch', schema=None) as batch_op:
        batch_op.drop_column('finished_at')
