"""FSRS scheduling through the `fsrs` package: answer a card, preview the four ratings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any

import fsrs

from studyapp.core.study import (
    AGAIN,
    EASY,
    LEARNING,
    NEW,
    RELEARNING,
    MemoryState,
    StudyError,
    StudySettings,
)


@lru_cache(maxsize=32)
def scheduler_for(settings: StudySettings, fuzz: bool | None = None) -> fsrs.Scheduler:
    """The fsrs Scheduler for ``settings`` (cached: settings are frozen and hashable)."""
    options: dict[str, Any] = {
        "desired_retention": settings.desired_retention,
        "learning_steps": tuple(timedelta(seconds=s) for s in settings.learning_steps),
        "relearning_steps": tuple(timedelta(seconds=s) for s in settings.relearning_steps),
        "maximum_interval": settings.maximum_interval,
        "enable_fuzzing": settings.enable_fuzzing if fuzz is None else fuzz,
    }
    if settings.parameters is not None:
        options["parameters"] = settings.parameters
    try:
        return fsrs.Scheduler(**options)
    except ValueError as error:
        raise StudyError(f"invalid FSRS parameters: {error}") from None


def _when(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


def to_fsrs(memory: MemoryState) -> fsrs.Card:
    """The fsrs.Card for ``memory``; a new card is fsrs' Learning state at step 0."""
    # card_id is always passed: without it fsrs sleeps 1 ms to make a unique id.
    if memory.state == NEW:
        return fsrs.Card(card_id=memory.card_id, state=fsrs.State.Learning, step=0, due=_when(0))
    return fsrs.Card(
        card_id=memory.card_id,
        state=fsrs.State(memory.state),
        step=memory.step,
        stability=memory.stability,
        difficulty=memory.difficulty,
        due=_when(memory.due),
        last_review=_when(memory.last_review) if memory.last_review is not None else None,
    )


def review(memory: MemoryState, rating: int, now: int, settings: StudySettings) -> MemoryState:
    """The card's state after answering ``rating`` (1-4) at ``now`` (Unix seconds)."""
    if not AGAIN <= rating <= EASY:
        raise StudyError(f"rating must be 1 (Again) to 4 (Easy), not {rating!r}")
    card, _log = scheduler_for(settings).review_card(
        to_fsrs(memory), fsrs.Rating(rating), review_datetime=_when(now)
    )
    # A lapse is an Again on a card that had graduated (Review state).
    lapsed = rating == AGAIN and memory.state not in (NEW, LEARNING, RELEARNING)
    return MemoryState(
        card_id=memory.card_id,
        state=int(card.state),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=int(card.due.timestamp()),
        last_review=now,
        reps=memory.reps + 1,
        lapses=memory.lapses + (1 if lapsed else 0),
    )


LEECH_LAPSES = 8  # Anki's default leech threshold
LEECH_TAG = "leech"


def is_leech(lapses_before: int, lapses_after: int) -> bool:
    """True when this answer makes the card a leech: its 8th lapse, then every 4th after
    (Anki's rule), so a learner who unsuspends it is told again if it keeps lapsing."""
    if lapses_after <= lapses_before or lapses_after < LEECH_LAPSES:
        return False
    return (lapses_after - LEECH_LAPSES) % (LEECH_LAPSES // 2) == 0


def preview(memory: MemoryState, now: int, settings: StudySettings) -> tuple[tuple[int, int], ...]:
    """(rating, seconds until due) for each rating, without fuzz (what the buttons show)."""
    scheduler = scheduler_for(settings, fuzz=False)
    card = to_fsrs(memory)
    when = _when(now)
    result = []
    for rating in fsrs.Rating:
        after, _log = scheduler.review_card(card, rating, review_datetime=when)
        result.append((int(rating), max(0, int((after.due - when).total_seconds()))))
    return tuple(result)


def interval_label(seconds: int) -> str:
    """A compact interval such as "<1m", "10m", "4h", "3d", "2.1mo" or "1.5y"."""
    minutes = seconds / 60
    if minutes < 1:
        return "<1m"
    if minutes < 60:
        return f"{round(minutes)}m"
    hours = minutes / 60
    if hours < 24:
        return f"{round(hours)}h"
    days = hours / 24
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{days / 30:.1f}mo".replace(".0mo", "mo")
    return f"{days / 365:.1f}y".replace(".0y", "y")


def retrievability(memory: MemoryState, now: int, settings: StudySettings) -> float:
    """Probability of recalling the card at ``now`` (0 for a card never reviewed)."""
    if memory.state == NEW:
        return 0.0
    return float(scheduler_for(settings).get_card_retrievability(to_fsrs(memory), _when(now)))
