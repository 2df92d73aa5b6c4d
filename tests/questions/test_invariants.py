"""Invariants every generated question keeps, on the bundled, dev and unseen-style articles."""

from __future__ import annotations

import re
from collections import Counter

from studyapp.core.questions import FLASHCARD_KINDS, KINDS
from studyapp.questions import dates
from studyapp.questions.facts import ABOUT
from studyapp.questions.filters import contains, fold, stem
from studyapp.questions.names import initials
from studyapp.questions.phrases import tidy

QUESTION_KINDS = ("basic", "typed", "choice", "numerical")
PRONOUN_START = re.compile(r"^(?:he|she|they|it|this|these|those|his|her|their|its)\b", re.I)
LIFE_LINE = re.compile(r"^When (?:was .+ born|did .+ die)\?$")


def _all(corpus):  # type: ignore[no-untyped-def]
    return [(item, q) for item in corpus for q in item.questions]


def test_every_question_is_sourced_in_its_article(corpus) -> None:  # type: ignore[no-untyped-def]
    for item, question in _all(corpus):
        source = question.source
        assert source is not None, question
        assert item.article.passages[source.passage][source.start : source.end] == source.text
        assert question.kind in KINDS and question.about in ABOUT and question.fact_key
        assert question.explanation.strip() and 0.0 < question.difficulty < 1.0


def test_no_question_is_built_on_an_artefact_or_a_fragment(corpus) -> None:  # type: ignore[no-untyped-def]
    """Headings, captions, infobox lines and chrome never become questions (a fact-sheet
    line labelled "Born:"/"Died:" may, as a life date; a bullet may, when it is a whole
    sentence); every source is a whole sentence."""
    for item, question in _all(corpus):
        source = question.source
        kind = item.article.kind(source.passage)
        if kind not in ("prose", "list"):
            assert kind == "fact" and LIFE_LINE.match(question.prompt), (kind, question.prompt)
            continue
        text = tidy(source.text)
        assert re.match(r"^[\"“‘'(]?[A-Z0-9]", text), text
        assert re.search(r"[.!?][\"”’')]*$", text), text


def test_no_question_starts_with_a_pronoun_left_unresolved(corpus) -> None:  # type: ignore[no-untyped-def]
    for _, question in _all(corpus):
        if question.kind in ("cloze", "true_false"):
            shown = re.sub(r"\{\{c1::(.*?)(?:::\w+)?\}\}", r"\1", question.prompt)
            assert not PRONOUN_START.match(shown), question.prompt


def test_the_answer_is_never_in_the_stem(corpus) -> None:  # type: ignore[no-untyped-def]
    for _, question in _all(corpus):
        shown = stem(question)
        if question.kind == "cloze":
            hidden = re.findall(r"\{\{c1::(.*?)(?:::\w+)?\}\}", question.prompt)
            assert hidden == [question.answer], question.prompt
            assert not contains(shown, question.answer), question.prompt
        elif question.kind in QUESTION_KINDS:
            assert not contains(shown, question.answer), question.prompt
            for form in question.payload.get("accepted", []):
                assert not contains(shown, form), (question.prompt, form)


def test_stems_are_single_questions(corpus) -> None:  # type: ignore[no-untyped-def]
    for _, question in _all(corpus):
        if question.kind in QUESTION_KINDS:
            prompt = question.prompt
            assert prompt.endswith("?") and prompt.count("?") == 1, prompt
            assert re.match(r"(?:Who|When|What|How many|Which|Why)\b", prompt), prompt
            assert "  " not in prompt and prompt.count("(") == prompt.count(")"), prompt
            assert not re.search(r"\[\?$|\[$", prompt), prompt  # "… follow [?": a citation's bracket
    for _, question in _all(corpus):
        assert not re.search(r",\s*,", question.prompt), question.prompt  # "On 26 February 1266,, Manfred"


def test_choices_hold_exactly_one_right_answer(corpus) -> None:  # type: ignore[no-untyped-def]
    for _, question in _all(corpus):
        if question.kind != "choice":
            continue
        choices, correct = question.payload["choices"], question.payload["correct"]
        assert len(choices) == (2 if question.about == "comparison" else 4), choices
        assert len(correct) == 1 and choices[correct[0]] == question.answer
        assert len({fold(choice) for choice in choices}) == len(choices), choices
        assert not any(contains(question.prompt, choice) for choice in choices)


def test_distractors_share_the_answers_type(corpus) -> None:  # type: ignore[no-untyped-def]
    for item, question in _all(corpus):
        if question.kind != "choice":
            continue
        choices = question.payload["choices"]
        if question.about == "date":
            precisions = {_date_shape(choice) for choice in choices}
            assert len(precisions) == 1 and None not in precisions, choices
        elif question.about == "number":
            assert all(re.search(r"\d", choice) for choice in choices), choices
        elif question.about in ("person", "comparison"):
            forms = {p.name: _forms(p) for p in item.extraction.persons}
            owners = [[name for name, names in forms.items() if choice in names] for choice in choices]
            assert all(len(owner) >= 1 for owner in owners), choices  # each a person of the article
            assert len({owner[0] for owner in owners}) == len(choices), choices  # four people
        elif question.about == "organisation" and question.prompt.startswith("What does "):
            acronym = question.prompt.split()[2]
            wrong = [c for i, c in enumerate(choices) if i != question.payload["correct"][0]]
            assert initials(question.answer) == acronym
            assert all(initials(c) != acronym for c in wrong), choices


def _forms(person) -> set[str]:  # type: ignore[no-untyped-def]
    # A man of one name may be shown with his title ("King Peter").
    titled = {f"{title} {person.name}" for title in person.titles}
    return {person.name, *person.aliases, *(m.text for m in person.mentions), *titled}


def _date_shape(text: str) -> str | None:
    text = re.sub(r"^The \w+(?: \w+)? of ", "", text)
    if re.fullmatch(r"\d{1,2}(?:–\d{1,2})? [A-Z][a-z]+ \d{4}(?: – .*)?", text):
        return "day"
    if re.fullmatch(r"[A-Z][a-z]+ \d{4}(?: – .*)?", text):
        return "month"
    if re.fullmatch(r"\d{4}(?: – \d{4})?", text):
        return "year"
    return None


def test_acronyms_asked_about_are_spelled_out_by_their_initials(corpus) -> None:  # type: ignore[no-untyped-def]
    for _, question in _all(corpus):
        if question.prompt.startswith("What does ") and question.prompt.endswith(" stand for?"):
            acronym = question.prompt.split()[2]
            assert initials(question.answer) == acronym, question
            assert acronym not in ("UN", "US", "USA", "UK", "EU")


def test_cause_and_definition_answers_lie_in_their_source(corpus) -> None:  # type: ignore[no-untyped-def]
    for _, question in _all(corpus):
        if question.about in ("cause", "definition") and question.kind in ("basic", "typed"):
            assert fold(question.answer) in fold(tidy(question.source.text)), question


def test_no_two_questions_on_one_fact_and_kind(corpus) -> None:  # type: ignore[no-untyped-def]
    for item in corpus:
        seen = Counter((q.fact_key, q.kind) for q in item.questions)
        assert max(seen.values(), default=0) == 1, [k for k, n in seen.items() if n > 1]


def test_a_fact_appears_once_among_default_cards_and_once_in_the_quiz(corpus) -> None:  # type: ignore[no-untyped-def]
    for item in corpus:
        cards = Counter(q.fact_key for q in item.default if q.kind in FLASHCARD_KINDS)
        quiz = Counter(q.fact_key for q in item.default if q.kind not in FLASHCARD_KINDS)
        assert max(cards.values(), default=1) == 1 and max(quiz.values(), default=1) == 1
        sentences = Counter(
            (q.source.passage, q.source.start) for q in item.default if q.kind not in FLASHCARD_KINDS
        )
        assert max(sentences.values(), default=1) == 1, "two quiz items on one sentence"


def test_a_sentence_gives_at_most_two_default_cards_on_different_subjects(corpus) -> None:  # type: ignore[no-untyped-def]
    """Anki's two cloze deletions of one note: a date and a person, never two dates."""
    for item in corpus:
        subjects: dict[tuple[int, int], list[str]] = {}
        for q in item.default:
            if q.kind in FLASHCARD_KINDS:
                subjects.setdefault((q.source.passage, q.source.start), []).append(q.about)
        for found in subjects.values():
            assert len(found) <= 2 and len(set(found)) == len(found), found


def test_true_statements_are_mostly_restated_and_false_ones_say_what_changed(corpus) -> None:  # type: ignore[no-untyped-def]
    true = verbatim = 0
    for _, question in _all(corpus):
        if question.kind != "true_false":
            continue
        truth = question.payload["answer"]
        assert question.answer == ("True" if truth else "False")
        if truth:
            true += 1
            verbatim += fold(question.prompt).rstrip(".") == fold(tidy(question.source.text)).rstrip(".")
        else:
            changed, original = question.payload["changed"], question.payload["original"]
            assert changed != original and contains(question.prompt, changed), question.prompt
            if question.about == "date":
                # "5 March" for "17 March" tests a fortnight no reader was asked to learn.
                day = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\b,?\s*")
                same_month = day.sub("", changed) == day.sub("", original)
                assert not (same_month and re.search(r"\d{4}", original)), question.prompt
    assert verbatim <= max(1, true / 3), (verbatim, true)


def test_order_questions_have_distinct_dates_in_order(corpus) -> None:  # type: ignore[no-untyped-def]
    for _, question in _all(corpus):
        if question.kind == "order":
            items, when = question.payload["items"], question.payload["dates"]
            assert 3 <= len(items) <= 5 and len(set(items)) == len(items)
            spans = [dates.interval(date) for date in when]
            for (_, earlier_end), (later_start, _) in zip(spans, spans[1:], strict=False):
                assert earlier_end < later_start, when
            assert not any(re.search(r"\b1\d\d\d\b|\b20\d\d\b", item) for item in items), items


def test_match_questions_pair_distinct_people_and_roles(corpus) -> None:  # type: ignore[no-untyped-def]
    for _, question in _all(corpus):
        if question.kind == "match":
            pairs = question.payload["pairs"]
            assert 3 <= len(pairs) <= 5
            assert len({left for left, _ in pairs}) == len({right for _, right in pairs}) == len(pairs)
