"""The default set: its density, its spread over kinds and facts, options, and determinism."""

from __future__ import annotations

import dataclasses
import re

import pytest

from studyapp.core.questions import FLASHCARD_KINDS
from studyapp.questions import GenerationOptions, generate
from studyapp.questions.filters import fold
from studyapp.questions.reading import Reading
from tests.questions.corpora import generated_corpus


def _words(item) -> int:  # type: ignore[no-untyped-def]
    return Reading(item.article, item.extraction, GenerationOptions()).word_count


@pytest.mark.parametrize("name", ["bundled", "dev"])
def test_default_flashcards_come_at_a_density_a_learner_keeps_up_with(name: str) -> None:
    """At most 40 per 1,000 words, and at least 4 where the article offers enough sentences
    that stand alone (a news report quoting people in the present tense offers fewer)."""
    cards = words = 0
    for item in generated_corpus(name):
        own = sum(q.kind in FLASHCARD_KINDS for q in item.default)
        assert own <= 40 * _words(item) / 1000 + 6, item.article.title
        cards += own
        words += _words(item)
    assert 4 <= 1000 * cards / words <= 40, 1000 * cards / words


@pytest.mark.parametrize("name", ["bundled", "dev"])
def test_a_sentence_naming_who_and_when_gives_a_card_on_each(name: str) -> None:
    """Anki's two cloze deletions of one note; review buries the second until the next day."""
    pairs = []
    for item in generated_corpus(name):
        subjects: dict[tuple[int, int], set[str]] = {}
        for q in item.default:
            if q.kind in FLASHCARD_KINDS:
                subjects.setdefault((q.source.passage, q.source.start), set()).add(q.about)
        pairs += [found for found in subjects.values() if len(found) == 2]
    assert {"date", "person"} in pairs, pairs


def test_the_default_set_mixes_kinds_and_topics(generated) -> None:  # type: ignore[no-untyped-def]
    for item in generated.values():
        if len(item.default) < 10:
            continue  # a news report quoting people gives few sound questions: all of one kind is fine
        kinds = {q.kind for q in item.default}
        abouts = {q.about for q in item.default}
        assert "cloze" in kinds and len(kinds) >= 3, kinds
        assert len(abouts) >= 3, abouts
        cloze_share = sum(q.kind == "cloze" for q in item.default) / len(item.default)
        assert cloze_share <= 0.6, cloze_share


def test_the_rest_is_kept_as_more(generated) -> None:  # type: ignore[no-untyped-def]
    for item in generated.values():
        assert item.default and any(q.extra for q in item.questions)
        first_extra = next(i for i, q in enumerate(item.questions) if q.extra)
        assert all(q.extra for q in item.questions[first_extra:]), "default set first"


def _everything(question) -> str:  # type: ignore[no-untyped-def]
    payload = question.payload
    parts = [question.prompt, question.answer, *map(str, payload.get("choices", []))]
    parts += [str(item) for item in payload.get("items", [])]
    parts += [str(side) for pair in payload.get("pairs", []) for side in pair]
    return fold(" ".join(parts))


def test_questions_cover_the_gold_people_and_dated_events(generated, gold) -> None:  # type: ignore[no-untyped-def]
    """Between the study set and "more", most gold people and dated events of the bundled
    pair are asked about (the rest are named only in captions, in lists, where a gap has many
    fills, or in sentences that lean on others)."""
    people = covered_people = events = covered_events = 0
    for key, annotated in gold.items():
        texts = [_everything(q) for q in generated[key].questions]
        for person in annotated["persons"]:
            people += 1
            covered_people += any(
                re.search(rf"(?<!\w){re.escape(fold(name))}(?!\w)", text)
                for name in [person["name"], *person["aliases"]]
                for text in texts
            )
        for event in annotated["events"]:
            events += 1
            covered_events += any(
                fold(event["text_span"]) in fold(q.source.text) and event["date"][:4] in _everything(q)
                for q in generated[key].questions
            )
    assert covered_people >= 0.55 * people, (covered_people, people)
    assert covered_events >= 0.5 * events, (covered_events, events)


def test_generation_is_deterministic(generated) -> None:  # type: ignore[no-untyped-def]
    for item in generated.values():
        assert generate(item.article, item.extraction) == item.questions


def test_options_choose_kinds_limit_and_difficulty(generated) -> None:  # type: ignore[no-untyped-def]
    item = generated["kprp_part2"]
    only = generate(item.article, item.extraction, GenerationOptions(kinds=("choice", "cloze")))
    assert only and {q.kind for q in only} == {"choice", "cloze"}
    few = generate(item.article, item.extraction, GenerationOptions(limit=12))
    assert len(few) <= 12 and not any(q.extra for q in few) and len({q.kind for q in few}) >= 3
    easy = generate(item.article, item.extraction, GenerationOptions(difficulty="easy"))
    hard = generate(item.article, item.extraction, GenerationOptions(difficulty="hard"))
    assert all(q.difficulty <= 0.5 for q in easy) and all(q.difficulty >= 0.55 for q in hard)


def test_an_article_without_extracted_facts_gives_no_choice_questions(generated) -> None:  # type: ignore[no-untyped-def]
    item = generated["kr_defectors"]
    empty = dataclasses.replace(
        item.extraction, persons=(), figures=(), events=(), organisations=(), places=()
    )
    assert all(q.kind not in ("choice", "order", "match") for q in generate(item.article, empty))
