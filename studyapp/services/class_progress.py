"""The class at a glance, for the teacher: each learner's reviews, retention, mastery, quizzes.

On a server bank the server decides whom this covers: the teacher's role sees the whole
class, a learner's role only themself (row-level security). In a local file it covers
every profile on the computer. Exported as one CSV table a spreadsheet opens as it is.
"""

from __future__ import annotations

import csv
import time
from dataclasses import dataclass
from pathlib import Path

from studyapp.bank.database import Bank
from studyapp.bank.queries import learners
from studyapp.bank.queries import progress as figures
from studyapp.core.errors import InputError
from studyapp.core.progress import Progress, no_progress

RECENT_DAYS = 30
TOP_PEOPLE = 10


@dataclass(frozen=True)
class Mastery:
    """One learner's cards from one article or about one person."""

    name: str
    total: int
    studied: int
    mastered: int


@dataclass(frozen=True)
class LearnerProgress:
    """One learner's row of the class view."""

    learner_id: int
    name: str
    reviews: int  # every answer given
    recent_reviews: int  # in the last RECENT_DAYS days
    retention: float | None  # share of review-state answers passed in those days
    cards: int
    studied: int
    mastered: int
    quizzes: int  # finished
    quiz_score: float | None  # share of quiz questions answered right
    by_article: tuple[Mastery, ...]
    by_person: tuple[Mastery, ...]


def class_progress(
    bank: Bank, now_ms: int | None = None, progress: Progress = no_progress
) -> tuple[LearnerProgress, ...]:
    """Every learner this role may see, by name, with their figures (one snapshot each)."""
    now = time.time_ns() // 1_000_000 if now_ms is None else now_ms
    since = now - RECENT_DAYS * 86_400_000
    with bank.reading() as session:
        people = learners.all_learners(session)
        answers = figures.answer_totals(session, since)
        quizzes = figures.quiz_totals(session)
    rows = []
    for number, person in enumerate(people):
        progress(number, len(people), f"Measuring {person.name}'s mastery")
        with bank.reading() as session:
            sources = figures.mastery_by_source(session, person.id)
            articles = figures.mastery_by_article(session, sources)
            persons = figures.mastery_by_person(session, sources, TOP_PEOPLE)
        totals = answers.get(person.id, figures.LearnerTotals(person.id, 0, 0, 0, 0))
        taken, right, asked = quizzes.get(person.id, (0, 0, 0))
        rows.append(LearnerProgress(
            learner_id=person.id, name=person.name, reviews=totals.answers,
            recent_reviews=totals.recent,
            retention=totals.recent_passed / totals.recent_reviews if totals.recent_reviews else None,
            cards=sum(source.total for source in sources),
            studied=sum(source.studied for source in sources),
            mastered=sum(source.mastered for source in sources),
            quizzes=taken, quiz_score=right / asked if asked else None,
            by_article=tuple(Mastery(a.label, a.total, a.studied, a.mastered) for a in articles),
            by_person=tuple(Mastery(p.label, p.total, p.studied, p.mastered) for p in persons),
        ))  # fmt: skip
    progress(len(people), len(people), "Done")
    return tuple(rows)


CSV_COLUMNS = (
    "learner", "row", "name", "reviews", f"reviews_last_{RECENT_DAYS}_days", "retention",
    "cards", "studied", "mastered", "quizzes", "quiz_score",
)  # fmt: skip


def _share(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}"


def export_class_csv(rows: tuple[LearnerProgress, ...], path: Path) -> int:
    """Write the class view as CSV: per learner a summary row, then one row per article and
    per person; return how many rows were written. Written whole or not at all.

    Raises:
        InputError: the file cannot be written.
    """
    lines: list[tuple[object, ...]] = []
    for row in rows:
        lines.append((row.name, "summary", "", row.reviews, row.recent_reviews,
                      _share(row.retention), row.cards, row.studied, row.mastered, row.quizzes,
                      _share(row.quiz_score)))  # fmt: skip
        for kind, masteries in (("article", row.by_article), ("person", row.by_person)):
            lines.extend((row.name, kind, m.name, "", "", "", m.total, m.studied, m.mastered,
                          "", "") for m in masteries)  # fmt: skip
    partial = path.with_name(f".{path.name}.partial")
    try:
        with partial.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(CSV_COLUMNS)
            writer.writerows(lines)
        partial.replace(path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise InputError(str(path), f"cannot write the class's progress: {error.strerror}") from None
    return len(lines)
