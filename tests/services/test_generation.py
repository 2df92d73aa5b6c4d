"""Generating study sets into a real bank: decks, idempotent regeneration, kept progress, Cancel."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from bank_locations import BankLocation
from sqlalchemy import func, select

from studyapp.bank.database import Bank
from studyapp.bank.models import Card, Deck, Learner, Passage, Question
from studyapp.cli import main
from studyapp.core.errors import Cancelled
from studyapp.core.questions import FLASHCARD_KINDS, QUIZ_KINDS
from studyapp.questions.facts import ABOUT
from studyapp.services.generation import (
    GenerationOptions,
    ensure_generated_sets,
    generate_file_json,
    generate_for_article,
)
from studyapp.services.library import ensure_bundled_articles

ARTICLE = Path(__file__).resolve().parents[2] / "resources" / "articles" / "kr_defectors.txt"


@pytest.fixture
def bank(bank_location: BankLocation) -> Bank:
    opened = bank_location.open()
    ensure_bundled_articles(opened)
    yield opened  # type: ignore[misc]
    opened.close()


def _ids(bank: Bank) -> dict[str, int]:
    with bank.sessions() as session:
        rows = session.execute(select(Question.content_hash, Question.id)).all()
    return dict(rows)  # type: ignore[arg-type]


def test_bundled_sets_are_generated_once_with_decks_per_article_and_topic(bank: Bank) -> None:
    results = ensure_generated_sets(bank)
    assert len(results) == 2 and all(result.added == result.total > 0 for result in results)
    assert ensure_generated_sets(bank) == []
    with bank.sessions() as session:
        decks = session.scalars(select(Deck.name).where(Deck.article_id.is_not(None))).all()
        kinds = session.scalars(select(Question.kind)).all()
        unsourced = session.scalar(select(func.count()).where(Question.source_passage_id.is_(None)))
        spans = session.execute(
            select(Passage.text, Question.source_start, Question.source_end, Question.explanation)
            .join(Passage, Passage.id == Question.source_passage_id)
            .where(Question.kind == "basic")
        ).all()
    assert "No way home for KR defectors" in decks
    assert any(name.endswith("::People") for name in decks) and any(
        name.endswith("::Events") for name in decks
    )
    assert sum(kind in FLASHCARD_KINDS for kind in kinds) >= 60
    assert sum(kind in QUIZ_KINDS for kind in kinds) >= 25
    assert unsourced == 0
    assert all(text[start:end] == explanation for text, start, end, explanation in spans)


def test_regenerating_keeps_rows_and_progress_and_never_duplicates(bank: Bank) -> None:
    first = generate_for_article(bank, 2)
    before = _ids(bank)
    with bank.transaction() as session:
        learner = Learner(name="Ana")
        session.add(learner)
        session.flush()
        some = list(before.values())[:5]
        session.add_all(
            Card(learner_id=learner.id, question_id=qid, reps=3, state=2) for qid in some
        )
    second = generate_for_article(bank, 2)
    assert second.added == 0 and second.removed == 0 and second.updated == first.total
    assert _ids(bank) == before
    with bank.sessions() as session:
        assert session.scalar(select(func.count(Card.id)).where(Card.reps == 3)) == 5


def test_questions_no_longer_generated_go_unless_studied(bank: Bank) -> None:
    generate_for_article(bank, 2)
    with bank.transaction() as session:
        deck_id = session.scalar(
            select(Deck.id).where(Deck.article_id == 2, Deck.name.not_like("%::%"))
        )
        learner = Learner(name="Ben")
        session.add(learner)
        stale = Question(
            deck_id=deck_id,
            kind="basic",
            prompt="Old?",
            answer="Yes",
            origin="generated",
            content_hash="old-studied",
        )
        gone = Question(
            deck_id=deck_id,
            kind="basic",
            prompt="Older?",
            answer="No",
            origin="generated",
            content_hash="old-unseen",
        )
        session.add_all([stale, gone])
        session.flush()
        session.add(Card(learner_id=learner.id, question_id=stale.id, reps=1))
        stale_id, gone_id = stale.id, gone.id
    result = generate_for_article(bank, 2)
    assert result.removed == 1 and result.outdated == 1
    with bank.sessions() as session:
        kept = session.get(Question, stale_id)
        assert kept is not None and not kept.suspended and "outdated" in kept.tags
        assert session.get(Question, gone_id) is None


def test_an_edited_question_keeps_its_wording(bank: Bank) -> None:
    from studyapp.services.question_bank import update_question

    generate_for_article(bank, 2)
    with bank.sessions() as session:
        question = session.scalars(select(Question).where(Question.kind == "basic")).first()
        assert question is not None
    update_question(bank, question.id, "My own wording?", "Mine", "Because.")
    generate_for_article(bank, 2)
    with bank.sessions() as session:
        edited = session.get(Question, question.id)
        assert edited is not None and edited.prompt == "My own wording?" and "edited" in edited.tags


def test_the_more_set_is_stored_apart_and_json_prints_only_the_default_set(bank: Bank) -> None:
    generate_for_article(bank, 2)
    with bank.sessions() as session:
        rows = session.execute(select(Question.extra, func.count()).group_by(Question.extra)).all()
    counts = dict(rows)
    assert counts[False] > 0 and counts[True] > 0
    printed = generate_file_json(ARTICLE)["questions"]
    assert len(printed) == counts[False]


def test_a_promoted_question_stays_in_the_study_set_when_regenerated(bank: Bank) -> None:
    from studyapp.services.question_bank import QuestionFilter, list_questions, set_in_study_set

    generate_for_article(bank, 2)
    more = list_questions(bank, QuestionFilter(extra=True))
    assert more
    set_in_study_set(bank, [more[0].id], True)
    generate_for_article(bank, 2)
    with bank.sessions() as session:
        promoted = session.get(Question, more[0].id)
        assert promoted is not None and not promoted.extra and "promoted" in promoted.tags


def test_a_partial_run_adds_but_removes_nothing(bank: Bank) -> None:
    full = generate_for_article(bank, 1)
    partial = generate_for_article(bank, 1, GenerationOptions(kinds=("cloze",), limit=5))
    assert partial.removed == 0 and partial.total == full.total


def test_cancel_leaves_the_bank_as_it_was(bank: Bank) -> None:
    def cancel_while_saving(done: int, total: int, message: str) -> None:
        if done == 99:
            raise Cancelled(message)

    with pytest.raises(Cancelled):
        generate_for_article(bank, 1, progress=cancel_while_saving)
    with bank.sessions() as session:
        assert session.scalar(select(func.count(Question.id))) == 0
        assert session.scalar(select(func.count(Deck.id))) == 0


def test_generate_json_has_exactly_the_design_shape() -> None:
    document = generate_file_json(ARTICLE)
    assert list(document) == ["questions"] and document["questions"]
    for question in document["questions"]:
        assert list(question) == [
            "kind", "about", "prompt", "answer", "choices", "source", "explanation"
        ]  # fmt: skip
        assert question["about"] in ABOUT
        assert list(question["source"]) == ["passage", "start", "end", "text"]
        assert isinstance(question["choices"], list)


def test_cli_generate_prints_json_and_exits_2_on_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["generate", str(ARTICLE), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["questions"][0]["source"]["text"]
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    assert main(["generate", str(empty), "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and str(empty) in captured.err


def test_unknown_article_is_a_key_error(bank: Bank) -> None:
    with pytest.raises(KeyError):
        generate_for_article(bank, 999)


def test_dataclass_result_is_frozen(bank: Bank) -> None:
    result = generate_for_article(bank, 2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.added = 1  # type: ignore[misc]
