"""Which sentences stand alone as questions, and which pronouns resolve to a person."""

from __future__ import annotations

from studyapp.content.extraction import extract
from studyapp.content.structure import passage_kinds
from studyapp.core.articles import ArticleText
from studyapp.questions import generate
from studyapp.questions.reading import GenerationOptions, Reading


def _reading(*passages: str) -> Reading:
    article = ArticleText("t", passages, kinds=passage_kinds(passages), key="reading-test")
    return Reading(article, extract(article), GenerationOptions())


def _problems(reading: Reading) -> dict[str, str]:
    return {s.text: reading.standings[s].problem for s in reading.sentences}


def test_a_subject_pronoun_with_no_one_before_it_is_refused() -> None:
    reading = _reading("The crater was named later. He died in Ohio on August 25, 2012, aged 82.")
    assert "nobody clear for 'He'" in _problems(reading)["He died in Ohio on August 25, 2012, aged 82."]


def test_he_resolves_to_the_person_the_sentence_before_is_about() -> None:
    reading = _reading(
        "Neil Armstrong commanded the Apollo 11 mission. "
        "He stepped onto the Moon on July 21, 1969, watched by millions."
    )
    second = reading.sentences[1]
    assert reading.standings[second].problem == ""
    assert reading.standings[second].subject_name == "Neil Armstrong"
    article = reading.article
    cards = [q for q in generate(article, reading.extraction) if q.kind in ("cloze", "true_false")]
    texts = [q.prompt for q in cards if q.source.start == second.start]
    assert texts and all(text.startswith("Neil Armstrong") for text in texts), texts


def test_two_people_before_a_pronoun_leave_it_unresolved() -> None:
    reading = _reading(
        "Neil Armstrong and Buzz Aldrin walked on the Moon in July 1969. "
        "He later became a professor of engineering in Cincinnati."
    )
    assert reading.standings[reading.sentences[1]].problem


def test_fragments_headings_and_fact_lines_are_not_questions() -> None:
    reading = _reading(
        "The Moon landing was watched by 600 million people on television in July 1969.",
        "Launch and lunar orbit injection",
        "- Date: 31 January 1968",
        "establishment of his authority, was always anxious to demonstrate his power in 1866.",
        "The Saturn V rocket carried the crew of Apollo 11 into orbit on July 16, 1969.",
    )
    problems = _problems(reading)
    assert "heading" in problems["Launch and lunar orbit injection"]
    assert "fact" in problems["- Date: 31 January 1968"]
    assert problems[
        "establishment of his authority, was always anxious to demonstrate his power in 1866."
    ] == "starts mid-way"
    assert problems[
        "The Saturn V rocket carried the crew of Apollo 11 into orbit on July 16, 1969."
    ] == ""


def test_a_sentence_pointing_back_is_refused() -> None:
    reading = _reading(
        "This period saw the rise of the Empire of Japan, from 1868 to 1912.",
        "Four days later, the rebels stormed the hill of Calatafimi.",
        "The Church Committee of the U.S. Senate made the plan public in 1975.",
    )
    problems = list(_problems(reading).values())
    assert "earlier sentence" in problems[0]
    assert "counted from something not in the sentence" in problems[1]
    assert "'the plan'" in problems[2]


def test_a_long_sentence_gives_questions_but_no_cloze_and_a_huge_one_nothing() -> None:
    long = (
        "The army, which had marched for many days through the mountains and the forests of the "
        "north and had lost many of its men to disease and hunger on the way, finally reached Paris "
        "in March 1868 and laid siege to it for many weeks before Paris fell."
    )
    reading = _reading(long)
    standing = reading.standings[reading.sentences[0]]
    assert standing.problem == "" and standing.long
    questions = generate(reading.article, reading.extraction)
    assert not any(q.kind == "cloze" for q in questions)
    huge = " ".join([long.rstrip(".") + ", and"] * 2) + " the war ended."
    assert "words" in next(iter(_problems(_reading(huge)).values()))
