"""Invariants checked on every question generated from the two bundled articles."""

from __future__ import annotations

import re

import pytest

from studyapp.core.articles import ArticleText
from studyapp.core.questions import KINDS, QuestionRecord
from studyapp.questions import dates
from studyapp.questions.filters import fold, stem

Pairs = list[tuple[ArticleText, QuestionRecord]]
QUESTION_KINDS = ("basic", "typed", "choice", "numerical")


def _visible(text: str, needle: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(fold(needle))}(?!\w)", fold(text)) is not None


def test_every_question_has_a_source_span_equal_to_the_article_text(all_questions: Pairs) -> None:
    for article, question in all_questions:
        source = question.source
        assert source is not None, question
        assert article.passages[source.passage][source.start : source.end] == source.text
        assert source.text.strip(), question


def test_every_question_has_kind_explanation_and_difficulty(all_questions: Pairs) -> None:
    for _, question in all_questions:
        assert question.kind in KINDS
        assert question.explanation.strip()
        assert 0.0 < question.difficulty < 1.0
        assert question.prompt.strip() and question.answer.strip()
        assert question.deck


def test_the_answer_is_never_in_the_stem(all_questions: Pairs) -> None:
    for _, question in all_questions:
        shown = stem(question)
        if question.kind == "cloze":
            hidden = re.findall(r"\{\{c1::(.*?)::", question.prompt)
            assert hidden and hidden[0] == question.answer
            assert not any(_visible(shown, text) for text in hidden), question.prompt
            assert question.payload == {"cloze": 1}
        elif question.kind in QUESTION_KINDS:
            assert not _visible(shown, question.answer), question
            for form in question.payload.get("accepted", []):
                assert not _visible(shown, form), question


def test_stems_are_single_questions_starting_with_a_question_word(all_questions: Pairs) -> None:
    for _, question in all_questions:
        if question.kind in QUESTION_KINDS:
            prompt = question.prompt
            assert prompt.endswith("?") and prompt.count("?") == 1, prompt
            opener = (
                prompt.split(", ")[-1]
                if not prompt.startswith(("Who", "When", "What", "How", "Which"))
                else prompt
            )
            assert re.match(r"(?i)(who|when|what|how many|which)\b", opener), prompt
            assert prompt[0].isupper() and "  " not in prompt, prompt
            assert prompt.count("(") == prompt.count(")"), prompt


def test_choices_hold_exactly_one_right_answer_and_distinct_wrong_ones(
    all_questions: Pairs,
) -> None:
    for _, question in all_questions:
        if question.kind != "choice":
            continue
        choices = question.payload["choices"]
        correct = question.payload["correct"]
        assert len(choices) == 4 and len(correct) == 1
        assert choices[correct[0]] == question.answer
        assert len({fold(choice) for choice in choices}) == 4, choices
        for choice in choices:
            assert not _visible(question.prompt, choice), (question.prompt, choice)


def _choice_type(text: str) -> str:
    if re.fullmatch(
        r"(?:The \w+(?: \w+)? of )?(?:\d{1,2}(?:–\d{1,2})? )?(?:[A-Z][a-z]+ )?\d{4}(?: – .*)?", text
    ):
        return "date"
    if re.fullmatch(r"[A-Za-z ]*\$?[\d,.]+(?: million| percent)?", text):
        return "number"
    return "words"


def test_wrong_choices_are_of_the_answers_type(all_questions: Pairs) -> None:
    for _, question in all_questions:
        if question.kind == "choice":
            kinds = {_choice_type(choice) for choice in question.payload["choices"]}
            assert len(kinds) == 1, question.payload["choices"]


def test_who_choices_are_people_of_the_article_never_an_alias(generated) -> None:  # type: ignore[no-untyped-def]
    for item in generated.values():
        people = {person.name: person for person in item.extraction.persons}
        for question in item.questions:
            if (
                question.kind == "choice"
                and question.prompt.startswith(("Who ", "Which "))
                and question.answer in people
            ):
                answer = people[question.answer]
                for choice in question.payload["choices"]:
                    assert choice in people, choice
                    if choice != question.answer:
                        assert choice not in answer.aliases


def test_true_false_questions_state_a_verdict(all_questions: Pairs) -> None:
    for _, question in all_questions:
        if question.kind == "true_false":
            truth = question.payload["answer"]
            assert question.answer == ("True" if truth else "False")
            same = fold(question.prompt) == fold(question.source.text)  # type: ignore[union-attr]
            assert same == truth, question.prompt


def test_order_questions_have_three_to_five_distinct_dates_in_order(all_questions: Pairs) -> None:
    for _, question in all_questions:
        if question.kind == "order":
            items, when = question.payload["items"], question.payload["dates"]
            assert 3 <= len(items) <= 5 and len(set(items)) == len(items)
            spans = [dates.interval(date) for date in when]
            for (_, earlier_end), (later_start, _) in zip(spans, spans[1:], strict=False):
                assert earlier_end < later_start, when
            for item in items:
                assert not re.search(r"\b1[89]\d\d\b", item), item


def test_match_questions_pair_distinct_people(all_questions: Pairs) -> None:
    for _, question in all_questions:
        if question.kind == "match":
            pairs = question.payload["pairs"]
            assert 3 <= len(pairs) <= 5
            assert len({left for left, _ in pairs}) == len(pairs)
            assert len({right for _, right in pairs}) == len(pairs)


def test_numerical_questions_carry_their_value(all_questions: Pairs) -> None:
    for _, question in all_questions:
        if question.kind == "numerical":
            assert question.payload["value"] > 0 and question.payload["tolerance"] >= 0


def test_no_duplicate_stems_within_flashcards_or_within_a_quiz_kind(all_questions: Pairs) -> None:
    seen: set[tuple[str, str, str]] = set()
    for article, question in all_questions:
        family = "flashcard" if question.kind in ("basic", "typed", "cloze") else question.kind
        key = fold(question.prompt if question.kind not in ("order", "match") else question.answer)
        assert (article.key, family, key) not in seen, question.prompt
        seen.add((article.key, family, key))


# Multiple-answer questions come from imports (Moodle, Anki) only; every other kind is generated.
@pytest.mark.parametrize("kind", [kind for kind in KINDS if kind != "multi"])
def test_every_generated_kind_is_represented(all_questions: Pairs, kind: str) -> None:
    assert any(question.kind == kind for _, question in all_questions)
