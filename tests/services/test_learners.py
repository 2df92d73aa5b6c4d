"""Learner profiles: default on first start, create, rename, switch, delete with cascade."""

from __future__ import annotations

from pathlib import Path

import pytest
from bank_locations import BankLocation, sql_rows
from study_factory import build_bank

from studyapp.core.study import StudyError, StudySettings
from studyapp.services import learners, review


@pytest.fixture
def bank(bank_location: BankLocation):
    bank, _ids = build_bank(bank_location)
    yield bank
    bank.close()


@pytest.fixture
def local_bank(data_dir: Path):
    """Profiles on one computer belong to a local file; on a server each learner is a role."""
    bank, _ids = build_bank(BankLocation(data_dir / "studyapp.sqlite3", data_dir))
    yield bank
    bank.close()


def test_first_start_creates_one_default_learner(bank) -> None:  # type: ignore[no-untyped-def]
    first = learners.current_learner(bank)
    # In a file, named after the computer's user; on a server, the role signed in.
    assert first.name == (bank.role or learners.default_name())
    assert first.settings == StudySettings()
    assert learners.current_learner(bank).id == first.id
    assert len(learners.list_learners(bank)) == 1


def test_create_rename_switch(local_bank) -> None:  # type: ignore[no-untyped-def]
    bank = local_bank
    me = learners.current_learner(bank)
    ada = learners.create_learner(bank, "  Ada   Lovelace ")
    assert ada.name == "Ada Lovelace"
    with pytest.raises(StudyError, match="already"):
        learners.create_learner(bank, "ada lovelace")
    with pytest.raises(StudyError, match="name"):
        learners.create_learner(bank, "   ")
    learners.switch_learner(bank, ada.id)
    assert learners.current_learner(bank).id == ada.id
    learners.switch_learner(bank, me.id)
    assert learners.current_learner(bank).id == me.id
    assert learners.rename_learner(bank, ada.id, "Ada").name == "Ada"
    assert learners.rename_learner(bank, ada.id, "ADA").name == "ADA"  # own name, new case
    assert [info.name for info in learners.list_learners(bank)] == sorted(
        ["ADA", me.name], key=str.lower
    )
    with pytest.raises(StudyError):
        learners.rename_learner(bank, 999, "x")


def test_delete_cascades_and_keeps_the_last_learner(bank) -> None:  # type: ignore[no-untyped-def]
    me = learners.current_learner(bank)
    with pytest.raises(StudyError, match="last learner"):
        learners.delete_learner(bank, me.id)
    other = learners.create_learner(bank, "Other")
    review.ensure_cards(bank, other.id)
    card = review.next_card(bank, other.id)
    assert card is not None
    review.answer(bank, card.card_id, 3)
    learners.delete_learner(bank, other.id)
    for table in ("card", "review_log"):
        [(count,)] = sql_rows(
            bank, f"SELECT count(*) FROM {table} WHERE learner_id = :id", id=other.id
        )
        assert count == 0, table
    assert [info.id for info in learners.list_learners(bank)] == [me.id]


def test_settings_are_validated_and_kept(bank) -> None:  # type: ignore[no-untyped-def]
    me = learners.current_learner(bank)
    updated = learners.update_settings(bank, me.id, desired_retention=0.85, new_per_day=5)
    assert (updated.desired_retention, updated.new_per_day) == (0.85, 5)
    assert learners.current_learner(bank).settings == updated
    for bad in ({"desired_retention": 1.2}, {"new_per_day": -1}, {"learning_steps": [0]},
                {"colour": "red"}, {"parameters": [0.0] * 21}):  # fmt: skip
        with pytest.raises(StudyError):
            learners.update_settings(bank, me.id, **bad)
    assert learners.current_learner(bank).settings == updated
