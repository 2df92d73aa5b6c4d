"""Storing extraction results and reading them back as profiles, figures, events, highlights."""

from __future__ import annotations

import pytest
from bank_locations import BankLocation

from studyapp.core.articles import ArticleText
from studyapp.core.extraction import Event, Extraction, Figure, Mention, Organisation, Person
from studyapp.services.extraction import articles_to_analyse, store_extraction
from studyapp.services.knowledge import (
    list_events,
    list_figures,
    list_organisations,
    list_people,
    passage_annotations,
    person_mentions,
)
from studyapp.services.library import add_article

FIRST = ArticleText(
    title="Two dates",
    key="first",
    passages=(
        "On January 7, 1979, Vietnamese forces took Phnom Penh with Heng Samrin.",
        "Samdech Hun Sen led 150,000 troops, and Hun Sen later became prime minister.",
    ),
)
SECOND = ArticleText(
    title="Later",
    key="second",
    passages=("In 1985 Hun Sen became Prime Minister of the PRK.",),
)


def _mention(article: ArticleText, passage: int, words: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = article.passages[passage].index(words, start + 1)
    return Mention(passage, start, start + len(words), words)


@pytest.fixture
def bank(bank_location: BankLocation):  # type: ignore[no-untyped-def]
    opened = bank_location.open()
    first, _ = add_article(opened, FIRST)
    second, _ = add_article(opened, SECOND)
    hun_sen = Person(
        name="Hun Sen",
        titles=("Samdech",),
        role="prime minister",
        mentions=(_mention(FIRST, 1, "Hun Sen"), _mention(FIRST, 1, "Hun Sen", 1)),
    )
    store_extraction(
        opened,
        first,
        Extraction(
            persons=(
                Person(name="Heng Samrin", mentions=(_mention(FIRST, 0, "Heng Samrin"),)),
                hun_sen,
            ),
            organisations=(Organisation(name="Kampuchean United Front", acronym="KUFNS"),),
            figures=(Figure(150000, "troops", "150,000", 1, 20, 27, FIRST.passages[1]),),
            events=(
                Event(
                    "1979-01-07",
                    "day",
                    "Vietnamese forces took Phnom Penh",
                    "January 7, 1979",
                    0,
                    3,
                    18,
                    FIRST.passages[0],
                ),
            ),
        ),
    )
    store_extraction(
        opened,
        second,
        Extraction(
            persons=(
                Person(
                    name="Hun Sen",
                    role="Prime Minister of the PRK",
                    mentions=(_mention(SECOND, 0, "Hun Sen"),),
                ),
            ),
            events=(
                Event(
                    "1985",
                    "year",
                    "Hun Sen became Prime Minister",
                    "1985",
                    0,
                    3,
                    7,
                    SECOND.passages[0],
                ),
            ),
        ),
    )
    opened.first_id, opened.second_id = first, second  # type: ignore[attr-defined]
    yield opened
    opened.close()


def test_people_merge_across_articles(bank) -> None:  # type: ignore[no-untyped-def]
    people = {person.name: person for person in list_people(bank)}
    assert set(people) == {"Hun Sen", "Heng Samrin"}
    hun_sen = people["Hun Sen"]
    assert hun_sen.mention_count == 3
    assert hun_sen.titles == ("Samdech",)
    assert hun_sen.roles == ("prime minister", "Prime Minister of the PRK")
    assert hun_sen.article_titles == ("Two dates", "Later")
    assert list_people(bank)[0].name == "Hun Sen"  # most mentioned first
    mentions = person_mentions(bank, hun_sen.key)
    assert [m.passage_text[m.start : m.end] for m in mentions] == ["Hun Sen"] * 3


def test_only_one_article(bank) -> None:  # type: ignore[no-untyped-def]
    assert [p.name for p in list_people(bank, bank.second_id)] == ["Hun Sen"]
    assert list_figures(bank, bank.second_id) == []
    assert list_organisations(bank, bank.first_id)[0].acronym == "KUFNS"


def test_events_in_date_order_with_people_and_filters(bank) -> None:  # type: ignore[no-untyped-def]
    events = list_events(bank)
    assert [event.date for event in events] == ["1979-01-07", "1985"]
    assert events[0].people == ("Heng Samrin",)
    assert events[1].people == ("Hun Sen",)
    assert [e.date for e in list_events(bank, person_key="heng samrin")] == ["1979-01-07"]
    assert [e.date for e in list_events(bank, [bank.second_id])] == ["1985"]
    where = events[0].where
    assert where.passage_text[where.start : where.end] == "January 7, 1979"


def test_figures_and_highlights_point_at_their_words(bank) -> None:  # type: ignore[no-untyped-def]
    figure = list_figures(bank)[0]
    assert figure.where.passage_text[figure.where.start : figure.where.end] == "150,000"
    annotations = passage_annotations(bank, bank.first_id)
    kinds = {
        (a.kind, FIRST.passages[ordinal][a.start : a.end])
        for ordinal, found in annotations.items()
        for a in found
    }
    assert kinds == {
        ("date", "January 7, 1979"),
        ("person", "Heng Samrin"),
        ("person", "Hun Sen"),
        ("figure", "150,000"),
    }


def test_storing_again_replaces_and_marks_done(bank) -> None:  # type: ignore[no-untyped-def]
    assert articles_to_analyse(bank) == []
    store_extraction(bank, bank.first_id, Extraction())
    assert [p.name for p in list_people(bank)] == ["Hun Sen"]
    assert [e.date for e in list_events(bank)] == ["1985"]
