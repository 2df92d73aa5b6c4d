"""a class on one server: learners as roles, answer ids, row-level security

Every engine: learner.role_name (the PostgreSQL role a learner signs in as; NULL in a
local file) and answer_id on review_log and quiz_answer (the id an answer gets when it is
given, so sending it again from the outbox cannot count it twice).

PostgreSQL only: the group role studyapp_learner, the privileges of its members, and
row-level security: a learner reads the shared material, and reads and writes only their
own profile, cards, reviews and quiz attempts. The owner (the teacher's role) is not
subject to the policies and sees the class.

Revision ID: 0005
Revises: 0003
Create Date: 2026-12-01 12:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0005'
down_revision = '0003'
branch_labels = None
depends_on = None

LEARNERS = "studyapp_learner"
SHARED = ("alembic_version", "article", "passage", "entity", "alias", "mention", "event",
          "figure", "deck", "import_batch", "question", "media")
OWN = {  # table: which rows are the learner's own
    "card": "learner_id = studyapp_learner_id()",
    "review_log": "learner_id = studyapp_learner_id()",
    "quiz_attempt": "learner_id = studyapp_learner_id()",
    "quiz_answer": "attempt_id IN (SELECT id FROM quiz_attempt)",  # its own attempts (RLS)
}

ROLES_AND_POLICIES = [
    f"""DO $$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{LEARNERS}') THEN
            CREATE ROLE {LEARNERS} NOLOGIN;
        END IF;
    END $$""",
    # STABLE: evaluated once per statement, so a policy on it can use the learner index.
    """CREATE FUNCTION studyapp_learner_id() RETURNS integer LANGUAGE sql STABLE AS
       $$ SELECT id FROM learner WHERE role_name = current_user $$""",
    f"GRANT SELECT ON {', '.join(SHARED)} TO {LEARNERS}",
    f"GRANT SELECT, INSERT, UPDATE, DELETE ON {', '.join(OWN)} TO {LEARNERS}",
    f"GRANT SELECT, INSERT ON learner TO {LEARNERS}",
    f"GRANT UPDATE (name, settings) ON learner TO {LEARNERS}",  # never another role_name
    f"GRANT USAGE ON SEQUENCE learner_id_seq, card_id_seq, review_log_id_seq,"
    f" quiz_attempt_id_seq, quiz_answer_id_seq TO {LEARNERS}",
    "ALTER TABLE learner ENABLE ROW LEVEL SECURITY",
    f"""CREATE POLICY own_profile ON learner TO {LEARNERS}
        USING (role_name = current_user) WITH CHECK (role_name = current_user)""",
    *(statement for table, own in OWN.items() for statement in (
        f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
        f"CREATE POLICY own_rows ON {table} TO {LEARNERS} USING ({own}) WITH CHECK ({own})",
    )),
]


def upgrade() -> None:
    with op.batch_alter_table('learner', schema=None) as batch_op:
        batch_op.add_column(sa.Column('role_name', sa.Text(), nullable=True))
        batch_op.create_index('uq_learner_role_name', ['role_name'], unique=True)
    with op.batch_alter_table('review_log', schema=None) as batch_op:
        batch_op.add_column(sa.Column('answer_id', sa.String(length=36), nullable=True))
        batch_op.create_index('uq_review_log_answer_id', ['answer_id'], unique=True)
    with op.batch_alter_table('quiz_answer', schema=None) as batch_op:
        batch_op.add_column(sa.Column('answer_id', sa.String(length=36), nullable=True))
        batch_op.create_index('uq_quiz_answer_answer_id', ['answer_id'], unique=True)
    if op.get_bind().dialect.name == "postgresql":
        for statement in ROLES_AND_POLICIES:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in ("learner", *OWN):
            op.execute(f"DROP POLICY IF EXISTS {'own_profile' if table == 'learner' else 'own_rows'} ON {table}")
            op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
        op.execute(f"REVOKE ALL ON {', '.join((*SHARED, *OWN, 'learner'))} FROM {LEARNERS}")
        op.execute(f"REVOKE ALL ON SEQUENCE learner_id_seq, card_id_seq, review_log_id_seq,"
                   f" quiz_attempt_id_seq, quiz_answer_id_seq FROM {LEARNERS}")
        op.execute("DROP FUNCTION studyapp_learner_id()")
    with op.batch_alter_table('quiz_answer', schema=None) as batch_op:
        batch_op.drop_index('uq_quiz_answer_answer_id')
        batch_op.drop_column('answer_id')
    with op.batch_alter_table('review_log', schema=None) as batch_op:
        batch_op.drop_index('uq_review_log_answer_id')
        batch_op.drop_column('answer_id')
    with op.batch_alter_table('learner', schema=None) as batch_op:
        batch_op.drop_index('uq_learner_role_name')
        batch_op.drop_column('role_name')
