"""What review, quiz and progress hand to the UI and CLI: learners, cards, grades, statistics."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from studyapp.core.errors import StudyAppError

# Card states, as stored in card.state (1-3 are fsrs.State's values).
NEW, LEARNING, REVIEW, RELEARNING = 0, 1, 2, 3
AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
RATING_NAMES = {AGAIN: "Again", HARD: "Hard", GOOD: "Good", EASY: "Easy"}
# A card counts as mastered once FSRS expects it to be remembered for three weeks.
MASTERED_STABILITY_DAYS = 21.0


class StudyError(StudyAppError):
    """A study action that cannot be done (unknown learner, nothing to undo, bad setting)."""


@dataclass(frozen=True)
class StudySettings:
    """One learner's scheduling settings (kept in Learner.settings)."""

    desired_retention: float = 0.9
    new_per_day: int = 20
    reviews_per_day: int = 200
    learning_steps: tuple[int, ...] = (60, 600)  # seconds
    relearning_steps: tuple[int, ...] = (600,)
    maximum_interval: int = 36500  # days
    enable_fuzzing: bool = True
    parameters: tuple[float, ...] | None = None  # None: FSRS defaults


@dataclass(frozen=True)
class MemoryState:
    """A card's FSRS memory state; times in Unix seconds."""

    card_id: int
    state: int = NEW
    step: int | None = None
    stability: float | None = None
    difficulty: float | None = None
    due: int = 0
    last_review: int | None = None
    reps: int = 0
    lapses: int = 0


@dataclass(frozen=True)
class LearnerInfo:
    """A learner profile."""

    id: int
    name: str
    created_at: int
    settings: StudySettings = field(default_factory=StudySettings)


@dataclass(frozen=True)
class SourceLink:
    """Where a question comes from: article, passage ordinal and span, for "Show in article"."""

    article_id: int
    article_title: str
    passage_id: int
    ordinal: int
    start: int
    end: int


@dataclass(frozen=True)
class IntervalPreview:
    """What one rating would do: the next due time and a short label such as "10m" or "3d"."""

    rating: int
    seconds: int
    label: str


@dataclass(frozen=True)
class QueueCounts:
    """Cards left today: new (within the daily limit), learning, and reviews due (within limit)."""

    new: int
    learning: int
    review: int

    @property
    def total(self) -> int:
        return self.new + self.learning + self.review


@dataclass(frozen=True)
class ReviewCard:
    """A card ready to show: its rendered sides, where it comes from and the four previews."""

    card_id: int
    question_id: int
    kind: str
    front: str
    back: str
    explanation: str
    deck: str
    state: int
    previews: tuple[IntervalPreview, ...]
    source: SourceLink | None = None
    prompt: str = ""  # the stored prompt/answer, for editing
    answer: str = ""


@dataclass(frozen=True)
class AnswerReceipt:
    """An answer that is in the bank: the log row (for undo) and the card's new state."""

    log_id: int
    card: MemoryState
    leech: bool = False  # lapsed once too often: tagged "leech" and suspended


@dataclass(frozen=True)
class DeckOverview:
    """One line of the deck list: a deck (its sub-decks included) and what it has for today."""

    deck_id: int
    name: str  # the whole path, "::" between the levels
    counts: QueueCounts

    @property
    def depth(self) -> int:
        return self.name.count("::")


@dataclass(frozen=True)
class SessionSummary:
    """What a review session did."""

    reviewed: int
    again: int
    hard: int
    good: int
    easy: int
    seconds: int

    @property
    def correct_share(self) -> float:
        return 0.0 if not self.reviewed else 1 - self.again / self.reviewed


@dataclass(frozen=True)
class QuizScope:
    """Which questions a quiz draws from; empty tuples mean "any"."""

    article_ids: tuple[int, ...] = ()
    person_names: tuple[str, ...] = ()
    periods: tuple[tuple[int, int], ...] = ()  # inclusive (first year, last year)
    deck_ids: tuple[int, ...] = ()
    kinds: tuple[str, ...] = ()
    count: int = 10
    time_limit_s: int | None = None
    immediate_feedback: bool = True
    seed: int | None = None


@dataclass(frozen=True)
class QuizItem:
    """One question as presented: the prompt and the options in shown order."""

    question_id: int
    kind: str
    prompt: str
    options: tuple[str, ...] = ()  # choice/multi choices; order items shuffled; match lefts
    targets: tuple[str, ...] = ()  # match: right-hand sides, shuffled
    explanation: str = ""
    source: SourceLink | None = None


@dataclass(frozen=True)
class Grade:
    """How one response was judged, and what the right answer is, for feedback."""

    correct: bool
    expected: str
    note: str = ""  # e.g. "Accepted despite a small spelling slip"
    right_options: tuple[str, ...] = ()  # choice/multi/true_false: the options to tick
    right_pairs: tuple[tuple[str, str], ...] = ()  # match: each left with its right side
    changed: str = ""  # a false true/false statement: the words that were altered


@dataclass(frozen=True)
class QuizSession:
    """A started quiz attempt and its items in order."""

    attempt_id: int
    items: tuple[QuizItem, ...]
    scope: QuizScope


@dataclass(frozen=True)
class QuizReviewRow:
    """One question of a finished quiz, for the per-question review."""

    item: QuizItem
    response: Any
    grade: Grade | None  # None: not answered (time ran out)
    expected: str = ""  # the right answer, shown even when the question was not answered


@dataclass(frozen=True)
class QuizResult:
    """A finished attempt: score and the per-question review."""

    attempt_id: int
    correct: int
    total: int
    rows: tuple[QuizReviewRow, ...]

    @property
    def missed_question_ids(self) -> tuple[int, ...]:
        return tuple(
            row.item.question_id for row in self.rows if row.grade is None or not row.grade.correct
        )


@dataclass(frozen=True)
class MasteryRow:
    """Mastery of one group (article, person or period): mastered of total questions."""

    label: str
    total: int
    studied: int
    mastered: int
    key: int | str = ""

    @property
    def share(self) -> float:
        return self.mastered / self.total if self.total else 0.0


@dataclass(frozen=True)
class WeekRetention:
    """True retention of one week: passed (Hard or better) of review-state answers."""

    week_start: str  # ISO date of the Monday
    reviews: int
    passed: int

    @property
    def retention(self) -> float | None:
        return self.passed / self.reviews if self.reviews else None


@dataclass(frozen=True)
class QuizScorePoint:
    attempt_id: int
    finished_at: int
    correct: int
    total: int


@dataclass(frozen=True)
class ProgressStats:
    """Every figure of the Progress page (and of ``studyapp stats --json``)."""

    learner: str
    today: str  # ISO date of the study day
    reviews_per_day: tuple[tuple[str, int], ...]  # last 365 days, oldest first
    due_forecast: tuple[int, ...]  # cards due on day 0 (incl. overdue) .. 29
    retention_by_week: tuple[WeekRetention, ...]
    mastery_by_article: tuple[MasteryRow, ...]
    mastery_by_person: tuple[MasteryRow, ...]
    mastery_by_period: tuple[MasteryRow, ...]
    quiz_scores: tuple[QuizScorePoint, ...]
    current_streak: int
    longest_streak: int
    reviews_last_year: int
    reviews_today: int
    cards_by_state: tuple[int, int, int, int]  # new, learning, review, relearning
    desired_retention: float = 0.9


@dataclass(frozen=True)
class ScopeOptions:
    """What a quiz can be drawn from, with question counts, for the scope picker."""

    articles: tuple[tuple[int, str, int], ...]  # id, title, questions
    people: tuple[tuple[str, int], ...]  # name, questions
    decades: tuple[tuple[int, int], ...]  # first year of the decade, questions
    decks: tuple[tuple[int, str, int], ...]  # id, name, questions
    kinds: tuple[tuple[str, int], ...]  # kind, questions
