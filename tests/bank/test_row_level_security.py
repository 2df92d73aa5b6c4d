"""A class on one server: the server, not our code, keeps each learner to their own answers.

Two learner roles (as the README makes them) study the teacher's questions. Neither can
read or change the other's cards, reviews or quiz attempts, nor edit shared material:
through the app, and with plain SQL on their own connection.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import psycopg
import pytest
from bank_locations import BankLocation, PostgresServer
from sqlalchemy import make_url
from study_factory import build_bank

from studyapp.bank.database import Bank, open_bank
from studyapp.core.errors import NotAllowed
from studyapp.core.study import QuizScope, StudyError
from studyapp.services import learners, question_bank, quiz, review
from studyapp.services.class_progress import class_progress


@dataclass
class Learner:
    role: str
    bank: Bank
    id: int
    cards: list[int]
    attempt: int

    def sql(self, statement: str, params: tuple[Any, ...] = ()) -> psycopg.Cursor[Any]:
        """Plain SQL on this learner's own connection (autocommit), outside the app."""
        url = make_url(self.bank.store.url.render_as_string(hide_password=False))
        connection = psycopg.connect(
            host=url.query["host"], dbname=url.database, user=url.username, autocommit=True
        )
        self._connections.append(connection)
        return connection.execute(statement, params)

    def __post_init__(self) -> None:
        self._connections: list[psycopg.Connection[Any]] = []

    def close(self) -> None:
        for connection in self._connections:
            connection.close()
        self.bank.close()


@pytest.fixture
def classroom(postgres: PostgresServer, tmp_path) -> Iterator[tuple[Bank, Learner, Learner]]:  # type: ignore[no-untyped-def]
    """The teacher's bank with questions; Alice and Bob have each answered and quizzed."""
    url = postgres.new_database()
    teacher, _ids = build_bank(BankLocation(url, tmp_path, postgres), basic_count=4)
    people = []
    for role in ("alice", "bob"):
        postgres.learner_role(role)
        bank = open_bank(postgres.url(make_url(url).database or "", role))
        me = learners.current_learner(bank)
        review.ensure_cards(bank, me.id)
        cards = []
        for _ in range(3):
            card = review.next_card(bank, me.id)
            assert card is not None
            review.answer(bank, card.card_id, 3)
            cards.append(card.card_id)
        session = quiz.start_quiz(bank, me.id, QuizScope(kinds=("choice",), count=1))
        quiz.answer_question(bank, session.attempt_id, session.items[0].question_id, "1963")
        people.append(Learner(role, bank, me.id, cards, session.attempt_id))
    yield teacher, people[0], people[1]
    for person in people:
        person.close()
    teacher.close()
    postgres.drop_database(url)


def test_a_learner_role_is_no_teacher_and_signs_in_as_itself(classroom) -> None:  # type: ignore[no-untyped-def]
    teacher, alice, bob = classroom
    assert (teacher.teacher, alice.bank.teacher, alice.bank.role) == (True, False, "alice")
    assert [info.name for info in learners.list_learners(alice.bank)] == ["alice"]
    assert {"alice", "bob"} <= {info.name for info in learners.list_learners(teacher)}
    assert learners.current_learner(alice.bank).id == alice.id != bob.id
    # The class view: the teacher sees everyone's answers, a learner only their own.
    everyone = {row.name: row.reviews for row in class_progress(teacher)}
    assert everyone["alice"] == everyone["bob"] == 3
    assert [(row.name, row.reviews) for row in class_progress(alice.bank)] == [("alice", 3)]


def test_through_the_app_a_learner_cannot_touch_another_learners_work(classroom) -> None:  # type: ignore[no-untyped-def]
    _teacher, alice, bob = classroom
    with pytest.raises(StudyError, match=f"no card with id {bob.cards[0]}"):
        review.answer(alice.bank, bob.cards[0], 1)
    with pytest.raises(StudyError, match=f"no card with id {bob.cards[0]}"):
        review.show_card(alice.bank, bob.cards[0])
    with pytest.raises(StudyError, match="no learner"):
        review.next_card(alice.bank, bob.id)
    with pytest.raises(StudyError, match="no quiz attempt"):
        quiz.finish_quiz(alice.bank, bob.attempt)
    with pytest.raises(StudyError):
        learners.update_settings(alice.bank, bob.id, new_per_day=1)
    assert review.session_summary(alice.bank, bob.id, 0).reviewed == 0  # sees none of Bob's
    assert review.session_summary(bob.bank, bob.id, 0).reviewed == 3  # Bob's are all there


def test_through_the_app_a_learner_cannot_edit_shared_material(classroom) -> None:  # type: ignore[no-untyped-def]
    teacher, alice, _bob = classroom
    question = question_bank.list_questions(alice.bank)[0]  # reading is allowed
    with pytest.raises(NotAllowed, match="does not let alice make this change"):
        question_bank.update_question(alice.bank, question.id, "Changed?", "Yes", "")
    with pytest.raises(NotAllowed):
        question_bank.delete_questions(alice.bank, [question.id])
    assert question_bank.get_question(teacher, question.id).prompt == question.prompt  # type: ignore[union-attr]


def test_with_plain_sql_a_learner_sees_and_changes_only_their_own_rows(classroom) -> None:  # type: ignore[no-untyped-def]
    _teacher, alice, bob = classroom
    for table in ("card", "review_log", "quiz_attempt"):
        owners = alice.sql(f"SELECT DISTINCT learner_id FROM {table}").fetchall()
        assert owners == [(alice.id,)], table
    assert alice.sql("SELECT count(*) FROM quiz_answer").fetchone() == (1,)
    assert alice.sql("SELECT name FROM learner").fetchall() == [("alice",)]
    # Changes aimed at Bob's rows find nothing to change.
    assert alice.sql("UPDATE card SET due = 0 WHERE learner_id = %s", (bob.id,)).rowcount == 0
    assert alice.sql("DELETE FROM review_log WHERE learner_id = %s", (bob.id,)).rowcount == 0
    assert alice.sql("DELETE FROM quiz_attempt WHERE id = %s", (bob.attempt,)).rowcount == 0
    assert alice.sql("UPDATE quiz_answer SET correct = true").rowcount == 1  # her own only
    assert bob.sql("SELECT count(*) FROM review_log").fetchone() == (3,)
    assert bob.sql("SELECT count(*) FROM quiz_answer WHERE correct").fetchone() == (1,)
    # Rows in Bob's name, or a second identity, are refused outright.
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
        alice.sql(
            "INSERT INTO review_log (card_id, learner_id, rating, reviewed_at, duration_ms,"
            " state_before, card_before) VALUES (%s, %s, 4, 0, 0, 0, '{}')",
            (bob.cards[0], bob.id),
        )
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
        alice.sql("UPDATE card SET learner_id = %s WHERE learner_id = %s", (bob.id, alice.id))
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
        alice.sql("INSERT INTO learner (name, settings, created_at, role_name)"
                  " VALUES ('Bob too', '{}', 0, 'bob')")  # fmt: skip
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        alice.sql("UPDATE learner SET role_name = 'bob'")


def test_with_plain_sql_a_learner_cannot_edit_questions_or_other_shared_material(classroom) -> None:  # type: ignore[no-untyped-def]
    _teacher, alice, _bob = classroom
    assert alice.sql("SELECT count(*) FROM question").fetchone()[0] > 0
    for statement in (
        "UPDATE question SET prompt = 'hacked'",
        "DELETE FROM question",
        "INSERT INTO deck (name, description, created_at) VALUES ('mine', '', 0)",
        "UPDATE article SET title = 'hacked'",
        "DELETE FROM learner",
        "TRUNCATE review_log",
    ):
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="permission denied"):
            alice.sql(statement)
