"""Quizzes: choose questions by scope, grade each answer as it is given, score, retry the missed."""

from __future__ import annotations

import dataclasses
import json
import random
import time
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from studyapp.bank.database import Bank
from studyapp.core.questions import KINDS
from studyapp.core.study import (
    Grade,
    QuizItem,
    QuizResult,
    QuizReviewRow,
    QuizScope,
    QuizSession,
    ScopeOptions,
    SourceLink,
    StudyError,
)
from studyapp.study.grading import grade
from studyapp.study.quiz import pick, present

_QUESTION = (
    "SELECT q.id, q.kind, q.prompt, q.answer, q.payload, q.explanation, q.source_passage_id,"
    " q.source_start, q.source_end, p.ordinal, a.id, a.title FROM question q"
    " LEFT JOIN passage p ON p.id = q.source_passage_id LEFT JOIN article a ON a.id = p.article_id"
)


def _ints(values: tuple[int, ...]) -> str:
    return ", ".join(str(int(value)) for value in values)


def _matching(session: Session, scope: QuizScope, count_only: bool = False) -> list[int]:
    """Ids of the questions inside ``scope`` (every condition given must hold).

    With ``count_only`` the list holds just their number, counted in SQL.
    """
    where = ["q.suspended = 0", "q.extra = 0"]
    params: dict[str, Any] = {}
    if scope.article_ids:
        ids = _ints(scope.article_ids)
        where.append(
            f"(p.article_id IN ({ids}) OR q.deck_id IN (SELECT id FROM deck WHERE article_id IN ({ids})))"
        )
    if scope.person_names:
        names = ", ".join(f":person{i}" for i in range(len(scope.person_names)))
        params.update({f"person{i}": name for i, name in enumerate(scope.person_names)})
        where.append(
            "q.source_passage_id IN (SELECT m.passage_id FROM mention m JOIN entity e"
            f" ON e.id = m.entity_id WHERE e.kind = 'person' AND e.name IN ({names}))"
        )
    if scope.periods:
        # ISO dates cut to their precision compare as text: '1963-08' lies in ['1960', '1970').
        spans = " OR ".join(
            f"(date >= '{int(first):04d}' AND date < '{int(last) + 1:04d}')"
            for first, last in scope.periods
        )
        where.append(f"q.source_passage_id IN (SELECT passage_id FROM event WHERE {spans})")
    if scope.deck_ids:
        names = list(
            session.execute(
                text(f"SELECT name FROM deck WHERE id IN ({_ints(scope.deck_ids)})")
            ).scalars()
        )
        nested = " OR ".join(
            f"substr(name, 1, {len(name) + 2}) = :deck{i}" for i, name in enumerate(names)
        )
        params.update({f"deck{i}": f"{name}::" for i, name in enumerate(names)})
        sub = f" OR {nested}" if nested else ""
        where.append(
            f"q.deck_id IN (SELECT id FROM deck WHERE id IN ({_ints(scope.deck_ids)}){sub})"
        )
    if scope.kinds:
        unknown = set(scope.kinds) - set(KINDS)
        if unknown:
            raise StudyError(f"unknown question kind(s): {', '.join(sorted(unknown))}")
        where.append(f"q.kind IN ({', '.join(repr(str(kind)) for kind in scope.kinds)})")
    what, order = ("count(*)", "") if count_only else ("q.id", " ORDER BY q.id")
    sql = (
        f"SELECT {what} FROM question q LEFT JOIN passage p ON p.id = q.source_passage_id"
        f" WHERE {' AND '.join(where)}{order}"
    )
    return [int(row[0]) for row in session.execute(text(sql), params)]


def _load(session: Session, question_id: int) -> tuple[Any, ...]:
    row = session.execute(text(f"{_QUESTION} WHERE q.id = :id"), {"id": question_id}).one_or_none()
    if row is None:
        raise StudyError(f"no question with id {question_id}")
    return tuple(row)


def _payload(raw: Any) -> dict[str, Any]:
    return json.loads(raw) if isinstance(raw, str) else dict(raw or {})


def _source(row: tuple[Any, ...]) -> SourceLink | None:
    if row[6] is None or row[10] is None:
        return None
    start = row[7] if row[7] is not None else -1
    end = row[8] if row[8] is not None else -1
    return SourceLink(row[10], row[11], row[6], row[9], start, end)


def count_matching(bank: Bank, scope: QuizScope) -> int:
    """How many questions ``scope`` covers (for the picker's live count)."""
    with bank.transaction() as session:
        return _matching(session, scope, count_only=True)[0]


def scope_options(bank: Bank) -> ScopeOptions:
    """Articles, people, decades, decks and kinds that have questions, with counts.

    Questions are counted once per (passage, deck, kind) into a temporary table;
    the five lists then sum those few rows instead of joining every question.
    """
    with bank.engine.connect() as connection:

        def rows(sql: str) -> list[tuple[Any, ...]]:
            return [tuple(row) for row in connection.execute(text(sql))]

        connection.execute(text("DROP TABLE IF EXISTS temp.quiz_scope"))
        connection.execute(text("CREATE TEMP TABLE quiz_scope (passage, deck, kind, n)"))
        try:
            connection.execute(
                text(
                    "INSERT INTO temp.quiz_scope SELECT source_passage_id, deck_id, kind, count(*)"
                    " FROM question WHERE suspended = 0 AND extra = 0 GROUP BY 1, 2, 3"
                )
            )
            articles = rows(
                "SELECT a.id, a.title, sum(t.n) FROM temp.quiz_scope t"
                " JOIN passage p ON p.id = t.passage JOIN article a ON a.id = p.article_id"
                " GROUP BY a.id ORDER BY a.title"
            )
            people = rows(
                "SELECT pm.name, sum(t.n) FROM (SELECT DISTINCT m.passage_id, e.name FROM mention m"
                " JOIN entity e ON e.id = m.entity_id WHERE e.kind = 'person') pm"
                " JOIN temp.quiz_scope t ON t.passage = pm.passage_id"
                " GROUP BY pm.name ORDER BY sum(t.n) DESC, pm.name"
            )
            decades = rows(
                "SELECT pe.decade, sum(t.n) FROM (SELECT DISTINCT passage_id,"
                " CAST(substr(date, 1, 3) AS INTEGER) * 10 AS decade FROM event"
                " WHERE length(date) >= 4 AND substr(date, 1, 1) != '-') pe"
                " JOIN temp.quiz_scope t ON t.passage = pe.passage_id GROUP BY 1 ORDER BY 1"
            )
            decks = rows(
                "SELECT d.id, d.name, sum(t.n) FROM temp.quiz_scope t JOIN deck d ON d.id = t.deck"
                " GROUP BY d.id ORDER BY d.name"
            )
            kinds = rows("SELECT kind, sum(n) FROM temp.quiz_scope GROUP BY kind ORDER BY kind")
        finally:
            connection.execute(text("DROP TABLE IF EXISTS temp.quiz_scope"))
    return ScopeOptions(tuple(articles), tuple(people), tuple(decades), tuple(decks), tuple(kinds))  # type: ignore[arg-type]


def _item_json(item: QuizItem) -> dict[str, Any]:
    return dataclasses.asdict(item)


def _item_from_json(data: dict[str, Any]) -> QuizItem:
    source = SourceLink(**data["source"]) if data.get("source") else None
    return QuizItem(
        question_id=data["question_id"], kind=data["kind"], prompt=data["prompt"],
        options=tuple(data["options"]), targets=tuple(data["targets"]),
        explanation=data["explanation"], source=source,
    )  # fmt: skip


def _start(session: Session, learner_id: int, scope: QuizScope, ids: list[int]) -> QuizSession:
    if (
        session.execute(text("SELECT 1 FROM learner WHERE id = :id"), {"id": learner_id}).scalar()
        is None
    ):
        raise StudyError(f"no learner with id {learner_id}")
    if scope.count < 1:
        raise StudyError("a quiz needs at least one question")
    if not ids:
        raise StudyError("no questions match this choice; widen the scope")
    rng = random.Random(scope.seed)
    items = []
    for question_id in pick(ids, scope.count, rng):
        row = _load(session, question_id)
        items.append(
            present(row[0], row[1], row[2], _payload(row[4]), rng, row[5] or "", _source(row))
        )
    stored = {"scope": dataclasses.asdict(scope), "items": [_item_json(item) for item in items]}
    attempt_id = session.execute(
        text(
            "INSERT INTO quiz_attempt (learner_id, scope, started_at, score, total)"
            " VALUES (:learner, :scope, :now, 0, :total) RETURNING id"
        ),
        {
            "learner": learner_id,
            "scope": json.dumps(stored),
            "now": int(time.time()),
            "total": len(items),
        },  # fmt: skip
    ).scalar_one()
    return QuizSession(attempt_id=int(attempt_id), items=tuple(items), scope=scope)


def start_quiz(bank: Bank, learner_id: int, scope: QuizScope) -> QuizSession:
    """Draw up to ``scope.count`` questions from the scope and open an attempt."""
    with bank.transaction() as session:
        return _start(session, learner_id, scope, _matching(session, scope))


def _attempt(session: Session, attempt_id: int) -> tuple[int, dict[str, Any], int | None]:
    row = session.execute(
        text("SELECT learner_id, scope, finished_at FROM quiz_attempt WHERE id = :id"),
        {"id": attempt_id},
    ).one_or_none()
    if row is None:
        raise StudyError(f"no quiz attempt with id {attempt_id}")
    return int(row[0]), _payload(row[1]), row[2]


def answer_question(bank: Bank, attempt_id: int, question_id: int, response: Any) -> Grade:
    """Grade one response and store it at once (a crash keeps every answer already given)."""
    with bank.transaction() as session:
        _learner, stored, finished = _attempt(session, attempt_id)
        if finished is not None:
            raise StudyError("this quiz is already finished")
        if question_id not in {item["question_id"] for item in stored["items"]}:
            raise StudyError(f"question {question_id} is not part of this quiz")
        seen = session.execute(
            text("SELECT 1 FROM quiz_answer WHERE attempt_id = :a AND question_id = :q"),
            {"a": attempt_id, "q": question_id},
        ).scalar()
        if seen is not None:
            raise StudyError("this question has already been answered")
        row = _load(session, question_id)
        result = grade(row[1], row[2], row[3], _payload(row[4]), response)
        session.execute(
            text(
                "INSERT INTO quiz_answer (attempt_id, question_id, response, correct, answered_at)"
                " VALUES (:a, :q, :response, :correct, :now)"
            ),
            {
                "a": attempt_id,
                "q": question_id,
                "response": json.dumps(response),
                "correct": result.correct,
                "now": int(time.time()),
            },  # fmt: skip
        )
        session.execute(
            text(
                "UPDATE quiz_attempt SET score = (SELECT count(*) FROM quiz_answer"
                " WHERE attempt_id = :a AND correct = 1) WHERE id = :a"
            ),
            {"a": attempt_id},
        )
        return result


def finish_quiz(bank: Bank, attempt_id: int) -> QuizResult:
    """Close the attempt (unanswered questions count as missed) and build its review."""
    with bank.transaction() as session:
        _learner, stored, finished = _attempt(session, attempt_id)
        if finished is None:
            session.execute(
                text("UPDATE quiz_attempt SET finished_at = :now WHERE id = :id"),
                {"now": int(time.time()), "id": attempt_id},
            )
        answers = {
            int(row[0]): _payload_any(row[1])
            for row in session.execute(
                text("SELECT question_id, response FROM quiz_answer WHERE attempt_id = :a"),
                {"a": attempt_id},
            )
            if row[0] is not None
        }
        rows = []
        for data in stored["items"]:
            item = _item_from_json(data)
            if item.question_id in answers:
                question = _load(session, item.question_id)
                response = answers[item.question_id]
                graded = grade(
                    question[1], question[2], question[3], _payload(question[4]), response
                )
                rows.append(QuizReviewRow(item, response, graded))
            else:
                rows.append(QuizReviewRow(item, None, None))
    correct = sum(1 for row in rows if row.grade is not None and row.grade.correct)
    return QuizResult(attempt_id=attempt_id, correct=correct, total=len(rows), rows=tuple(rows))


def _payload_any(raw: Any) -> Any:
    return json.loads(raw) if isinstance(raw, str) else raw


def retry_missed(bank: Bank, attempt_id: int, seed: int | None = None) -> QuizSession:
    """A new attempt with only the questions missed (or left unanswered) in ``attempt_id``."""
    missed = finish_quiz(bank, attempt_id).missed_question_ids
    if not missed:
        raise StudyError("nothing was missed in this quiz")
    with bank.transaction() as session:
        learner_id, stored, _finished = _attempt(session, attempt_id)
        base = stored["scope"]
        scope = dataclasses.replace(
            QuizScope(**{key: tuple(tuple(v) if isinstance(v, list) else v for v in value)
                         if isinstance(value, list) else value for key, value in base.items()}),
            count=len(missed), seed=seed,
        )  # fmt: skip
        return _start(session, learner_id, scope, list(missed))
