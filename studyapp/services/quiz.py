"""Quizzes: choose questions by scope, grade each answer as it is given, score, retry the missed."""

from __future__ import annotations

import dataclasses
import random
from typing import Any

from studyapp.bank.database import Bank, Session
from studyapp.bank.queries import decks, quiz
from studyapp.bank.queries.learners import get_learner
from studyapp.bank.queries.quiz import QuizQuestion, ScopeFilter
from studyapp.core.errors import BankUnreachable
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
from studyapp.study.order import pick_apart
from studyapp.study.quiz import present


def _filter(session: Session, scope: QuizScope) -> ScopeFilter:
    """The scope as the bank filters it: decks with their sub-decks, kinds checked."""
    unknown = set(scope.kinds) - set(KINDS)
    if unknown:
        raise StudyError(f"unknown question kind(s): {', '.join(sorted(unknown))}")
    deck_ids: tuple[int, ...] = ()
    if scope.deck_ids:
        names = decks.deck_names(session)
        roots = [names[deck_id] for deck_id in scope.deck_ids if deck_id in names]
        # A deck that no longer exists matches nothing (-1 is never an id).
        deck_ids = tuple(
            deck_id for deck_id, name in names.items()
            if any(decks.in_family(name, root) for root in roots)
        ) or (-1,)  # fmt: skip
    return ScopeFilter(
        tuple(scope.article_ids), tuple(scope.person_names), tuple(scope.periods), deck_ids,
        tuple(scope.kinds),
    )  # fmt: skip


def _load(session: Session, question_id: int) -> QuizQuestion:
    question = quiz.quiz_question(session, question_id)
    if question is None:
        raise StudyError(f"no question with id {question_id}")
    return question


def _source(question: QuizQuestion) -> SourceLink | None:
    if question.passage_id is None or question.article_id is None:
        return None
    start = question.source_start if question.source_start is not None else -1
    end = question.source_end if question.source_end is not None else -1
    return SourceLink(question.article_id, question.article_title or "", question.passage_id,
                      question.passage_ordinal or 0, start, end)  # fmt: skip


def _grade(question: QuizQuestion, response: Any) -> Grade:
    return grade(question.kind, question.prompt, question.answer, question.payload, response)


def count_matching(bank: Bank, scope: QuizScope) -> int:
    """How many questions ``scope`` covers (for the picker's live count)."""
    with bank.reading() as session:
        return quiz.count_in_scope(session, _filter(session, scope))


def scope_options(bank: Bank) -> ScopeOptions:
    """Articles, people, decades, decks and kinds that have questions, with counts."""
    with bank.reading() as session:
        counts = quiz.scope_counts(session)
    return ScopeOptions(
        tuple(counts.articles), tuple(counts.people), tuple(counts.decades),
        tuple(counts.decks), tuple(counts.kinds),
    )  # fmt: skip


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
    if get_learner(session, learner_id) is None:
        raise StudyError(f"no learner with id {learner_id}")
    if scope.count < 1:
        raise StudyError("a quiz needs at least one question")
    if not ids:
        raise StudyError("no questions match this choice; widen the scope")
    rng = random.Random(scope.seed)
    items = []
    chosen = pick_apart(ids, scope.count, rng, lambda batch: quiz.sibling_keys(session, batch))
    for question_id in chosen:
        question = _load(session, question_id)
        items.append(present(question.id, question.kind, question.prompt, question.payload, rng,
                             question.explanation or "", _source(question)))  # fmt: skip
    stored = {"scope": dataclasses.asdict(scope), "items": [_item_json(item) for item in items]}
    attempt_id = quiz.add_attempt(session, learner_id, stored, len(items))
    return QuizSession(attempt_id=attempt_id, items=tuple(items), scope=scope)


def start_quiz(bank: Bank, learner_id: int, scope: QuizScope) -> QuizSession:
    """Draw up to ``scope.count`` questions from the scope and open an attempt."""
    with bank.answering() as session:
        return _start(
            session, learner_id, scope, quiz.questions_in_scope(session, _filter(session, scope))
        )


def _attempt(session: Session, attempt_id: int) -> quiz.AttemptRow:
    attempt = quiz.get_attempt(session, attempt_id)
    if attempt is None:
        raise StudyError(f"no quiz attempt with id {attempt_id}")
    return attempt


def answer_question(
    bank: Bank, attempt_id: int, question_id: int, response: Any, answer_id: str | None = None
) -> Grade:
    """Grade one response and store it at once (a crash keeps every answer already given).

    On a server bank that cannot be reached, the response is kept in the outbox and
    AnswerKept says so: it is graded and stored, once, when the server is back.
    """
    from studyapp.services import outbox

    answer_id = answer_id or outbox.new_answer_id()
    payload = {"attempt_id": attempt_id, "question_id": question_id, "response": response}
    if outbox.waiting_count(bank):  # the server was away: this one goes after those, in order
        raise outbox.keep(bank, answer_id, "quiz", payload)
    try:
        return record_answer(bank, attempt_id, question_id, response, answer_id)[0]
    except BankUnreachable as error:
        if bank.outbox is None:
            raise
        raise outbox.keep(bank, answer_id, "quiz", payload) from error


def record_answer(
    bank: Bank, attempt_id: int, question_id: int, response: Any, answer_id: str
) -> tuple[Grade, bool]:
    """Grade and store one response; (grade, False) when the bank has ``answer_id`` already."""
    with bank.answering() as session:
        attempt = _attempt(session, attempt_id)
        question = _load(session, question_id)
        if quiz.answer_recorded(session, answer_id):
            return _grade(question, response), False
        if attempt.finished_at is not None:
            raise StudyError("this quiz is already finished")
        if question_id not in {item["question_id"] for item in attempt.stored["items"]}:
            raise StudyError(f"question {question_id} is not part of this quiz")
        if quiz.is_answered(session, attempt_id, question_id):
            raise StudyError("this question has already been answered")
        result = _grade(question, response)
        quiz.add_answer(session, attempt_id, question_id, response, result.correct, answer_id)
        return result, True


def finish_quiz(bank: Bank, attempt_id: int) -> QuizResult:
    """Close the attempt (unanswered questions count as missed) and build its review."""
    from studyapp.services import outbox

    outbox.send_waiting(bank)  # answers kept while the server was away count first
    with bank.answering() as session:
        attempt = _attempt(session, attempt_id)
        if attempt.finished_at is None:
            quiz.finish_attempt(session, attempt_id)
        answers = quiz.attempt_answers(session, attempt_id)
        rows = []
        for data in attempt.stored["items"]:
            item = _item_from_json(data)
            question = quiz.quiz_question(session, item.question_id)
            if question is None:  # deleted since: nothing left to grade against
                rows.append(QuizReviewRow(item, answers.get(item.question_id), None))
            elif item.question_id in answers:
                response = answers[item.question_id]
                graded = _grade(question, response)
                rows.append(QuizReviewRow(item, response, graded, graded.expected))
            else:  # not answered: the right answer is shown all the same
                rows.append(QuizReviewRow(item, None, None, _grade(question, None).expected))
    correct = sum(1 for row in rows if row.grade is not None and row.grade.correct)
    return QuizResult(attempt_id=attempt_id, correct=correct, total=len(rows), rows=tuple(rows))


def retry_missed(bank: Bank, attempt_id: int, seed: int | None = None) -> QuizSession:
    """A new attempt with only the questions missed (or left unanswered) in ``attempt_id``."""
    missed = finish_quiz(bank, attempt_id).missed_question_ids
    if not missed:
        raise StudyError("nothing was missed in this quiz")
    with bank.answering() as session:
        attempt = _attempt(session, attempt_id)
        base = attempt.stored["scope"]
        scope = dataclasses.replace(
            QuizScope(**{key: tuple(tuple(v) if isinstance(v, list) else v for v in value)
                         if isinstance(value, list) else value for key, value in base.items()}),
            count=len(missed), seed=seed,
        )  # fmt: skip
        return _start(session, attempt.learner_id, scope, list(missed))
