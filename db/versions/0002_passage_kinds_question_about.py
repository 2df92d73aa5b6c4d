"""passage kinds; what a question is about, its fact, and the "more" set

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30 23:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('passage', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=20), server_default='prose', nullable=False))
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.add_column(sa.Column('about', sa.String(length=20), server_default='', nullable=False))
        batch_op.add_column(sa.Column('extra', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('fact_key', sa.String(length=64), server_default='', nullable=False))
        batch_op.create_index(batch_op.f('ix_question_fact_key'), ['fact_key'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_question_fact_key'))
        batch_op.drop_column('fact_key')
        batch_op.drop_column('extra')
        batch_op.drop_column('about')
    with op.batch_alter_table('passage', schema=None) as batch_op:
        batch_op.drop_column('kind')
