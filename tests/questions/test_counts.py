"""What the bundled articles yield: enough questions, covering the gold people and dated events."""

from __future__ import annotations

import dataclasses
import re

from studyapp.core.questions import FLASHCARD_KINDS, QUIZ_KINDS, QuestionRecord
from studyapp.questions import GenerationOptions, generate
from studyapp.questions.filters import fold


def _everything(question: QuestionRecord) -> str:
    payload = question.payload
    parts = [question.prompt, question.answer, *map(str, payload.get("choices", []))]
    parts += [str(item) for item in payload.get("items", [])]
    parts += [str(side) for pair in payload.get("pairs", []) for side in pair]
    return fold(" ".join(parts))


def test_at_least_150_flashcards_and_100_quiz_questions(all_questions) -> None:  # type: ignore[no-untyped-def]
    kinds = [question.kind for _, question in all_questions]
    assert sum(kind in FLASHCARD_KINDS for kind in kinds) >= 150
    assert sum(kind in QUIZ_KINDS for kind in kinds) >= 100


def test_questions_cover_90_percent_of_gold_people(generated, gold) -> None:  # type: ignore[no-untyped-def]
    for key, annotated in gold.items():
        texts = [_everything(q) for q in generated[key].questions]
        people = annotated["persons"]
        covered = [
            person
            for person in people
            if any(
                re.search(rf"(?<!\w){re.escape(fold(name))}(?!\w)", text)
                for name in [person["name"], *person["aliases"]]
                for text in texts
            )
        ]
        assert len(covered) >= 0.9 * len(people), {p["name"] for p in people} - {
            p["name"] for p in covered
        }


def test_questions_cover_90_percent_of_gold_dated_events(generated, gold) -> None:  # type: ignore[no-untyped-def]
    """An event is covered by a question drawn from its sentence that asks or states its year."""
    for key, annotated in gold.items():
        questions = generated[key].questions
        events = annotated["events"]
        covered = 0
        for event in events:
            year = event["date"][:4]
            span = fold(event["text_span"])
            if any(
                span in fold(q.source.text + " " + q.explanation) and year in _everything(q)  # type: ignore[union-attr]
                for q in questions
            ):
                covered += 1
        assert covered >= 0.9 * len(events), (key, covered, len(events))


def test_generation_is_deterministic(generated) -> None:  # type: ignore[no-untyped-def]
    for item in generated.values():
        again = generate(item.article, item.extraction)
        assert again == item.questions


def test_options_choose_kinds_limit_and_difficulty(generated) -> None:  # type: ignore[no-untyped-def]
    item = generated["kprp_part2"]
    only = generate(item.article, item.extraction, GenerationOptions(kinds=("choice", "cloze")))
    assert only and {q.kind for q in only} == {"choice", "cloze"}
    few = generate(item.article, item.extraction, GenerationOptions(limit=12))
    assert len(few) == 12 and len({q.kind for q in few}) >= 6
    easy = generate(item.article, item.extraction, GenerationOptions(difficulty="easy"))
    hard = generate(item.article, item.extraction, GenerationOptions(difficulty="hard"))
    assert easy and hard and max(q.difficulty for q in easy) < min(q.difficulty for q in hard) + 0.5
    assert all(q.difficulty <= 0.5 for q in easy) and all(q.difficulty >= 0.55 for q in hard)


def test_an_article_without_extracted_facts_gives_no_questions(generated) -> None:  # type: ignore[no-untyped-def]
    item = generated["kr_defectors"]
    empty = dataclasses.replace(
        item.extraction, persons=(), figures=(), events=(), organisations=()
    )
    questions = generate(item.article, empty)
    assert all(q.kind not in ("choice", "order", "match") for q in questions)
