"""study.scheduling wraps fsrs faithfully: same states, previews and labels."""

from __future__ import annotations

from datetime import UTC, datetime

import fsrs
import pytest

from studyapp.core.study import (
    AGAIN,
    EASY,
    GOOD,
    HARD,
    NEW,
    REVIEW,
    MemoryState,
    StudyError,
    StudySettings,
)
from studyapp.study import scheduling

T0 = 1_750_000_000
NO_FUZZ = StudySettings(enable_fuzzing=False)


def test_review_matches_fsrs_step_by_step() -> None:
    memory = MemoryState(card_id=42)
    card = fsrs.Card(card_id=42)
    scheduler = fsrs.Scheduler(enable_fuzzing=False)
    moment = T0
    for rating in (GOOD, GOOD, GOOD, AGAIN, HARD, GOOD, EASY, GOOD):
        memory = scheduling.review(memory, rating, moment, NO_FUZZ)
        card, _log = scheduler.review_card(
            card, fsrs.Rating(rating), datetime.fromtimestamp(moment, UTC)
        )
        assert memory.state == card.state.value
        assert memory.step == card.step
        assert memory.stability == card.stability
        assert memory.difficulty == card.difficulty
        assert memory.due == int(card.due.timestamp())
        moment = memory.due + 3600
    assert memory.reps == 8
    assert memory.lapses == 1


def test_new_card_good_goes_to_second_learning_step() -> None:
    after = scheduling.review(MemoryState(card_id=1), GOOD, T0, NO_FUZZ)
    assert after.state == 1 and after.step == 1
    assert after.due == T0 + 600
    assert after.last_review == T0


def test_custom_learning_steps_and_retention_change_the_schedule() -> None:
    short = StudySettings(learning_steps=(30,), enable_fuzzing=False, desired_retention=0.95)
    after = scheduling.review(MemoryState(card_id=1), AGAIN, T0, short)
    assert after.due == T0 + 30
    graduated = scheduling.review(after, GOOD, T0 + 30, short)
    assert graduated.state == REVIEW
    strict = scheduling.review(MemoryState(card_id=1), EASY, T0, short)
    lax_settings = StudySettings(enable_fuzzing=False, desired_retention=0.8)
    lax = scheduling.review(MemoryState(card_id=1), EASY, T0, lax_settings)
    assert lax.due > strict.due


def test_preview_gives_four_increasing_intervals_without_changing_anything() -> None:
    memory = MemoryState(card_id=7)
    preview = scheduling.preview(memory, T0, StudySettings())
    assert [rating for rating, _ in preview] == [AGAIN, HARD, GOOD, EASY]
    seconds = [value for _, value in preview]
    assert seconds == sorted(seconds)
    assert seconds[0] == 60 and seconds[2] == 600
    assert memory.state == NEW


@pytest.mark.parametrize(
    ("seconds", "label"),
    [(5, "<1m"), (60, "1m"), (600, "10m"), (3 * 3600, "3h"), (86400, "1d"), (45 * 86400, "1.5mo"),
     (400 * 86400, "1.1y"), (730 * 86400, "2y")],
)  # fmt: skip
def test_interval_label(seconds: int, label: str) -> None:
    assert scheduling.interval_label(seconds) == label


def test_bad_rating_and_bad_parameters_are_refused() -> None:
    with pytest.raises(StudyError, match="rating"):
        scheduling.review(MemoryState(card_id=1), 5, T0, NO_FUZZ)
    with pytest.raises(StudyError, match="parameters"):
        scheduling.scheduler_for(StudySettings(parameters=(1.0,) * 21))


def test_retrievability_falls_with_time() -> None:
    memory = scheduling.review(MemoryState(card_id=1), EASY, T0, NO_FUZZ)
    soon = scheduling.retrievability(memory, T0 + 86400, NO_FUZZ)
    later = scheduling.retrievability(memory, T0 + 60 * 86400, NO_FUZZ)
    assert 1 >= soon > later > 0
    assert scheduling.retrievability(MemoryState(card_id=2), T0, NO_FUZZ) == 0
