"""The head revision read from the version files is Alembic's own."""

from alembic.script import ScriptDirectory

from studyapp.bank.migrations import alembic_config, head_revision


def test_head_read_without_alembic_is_alembics_head() -> None:
    assert head_revision() == ScriptDirectory.from_config(alembic_config()).get_current_head()
