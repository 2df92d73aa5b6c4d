"""Questions and statements from a clause's parse, on hand-written parses (no language model).

Each parse below is what en_core_web_sm gives for the sentence; writing it out shows
which rule turns which parse into which question.
"""

from __future__ import annotations

from studyapp.core.extraction import ParsedSentence, Word
from studyapp.questions.clauses import (
    inverted_question,
    main_clause,
    missing_complement,
    statement,
    subject_question,
)
from studyapp.questions.phrases import word_range
from studyapp.questions.slots import slot

Parse = list[tuple[str, str, str, int, str]]
NO_SPACE_BEFORE = {",", ".", "'s", ")", ";", ":"}


def sentence_of(parse: Parse) -> ParsedSentence:
    """A ParsedSentence from (text, tag, dep, head, entity) rows, spaced as English is."""
    words, text = [], ""
    for index, (token, tag, dep, head, entity) in enumerate(parse):
        following = parse[index + 1][0] if index + 1 < len(parse) else None
        space = following is not None and following not in NO_SPACE_BEFORE
        words.append(Word(token, len(text), tag, dep, head, entity, bool(entity), space))
        text += token + (" " if space else "")
    return ParsedSentence(0, 0, len(text), text, "prose", tuple(words), True)


CONQUERED = sentence_of([("On", "IN", "prep", 9, ""), ("January", "NNP", "pobj", 0, "DATE"), ("7", "CD", "nummod", 1, "DATE"), (",", ",", "punct", 1, "DATE"), ("1979", "CD", "nummod", 1, "DATE"), (",", ",", "punct", 9, ""), ("the", "DT", "det", 8, ""), ("Vietnamese", "JJ", "amod", 8, "NORP"), ("army", "NN", "nsubj", 9, ""), ("conquered", "VBD", "ROOT", 9, ""), ("Phnom", "NNP", "compound", 11, "GPE"), ("Penh", "NNP", "dobj", 9, "GPE"), ("and", "CC", "cc", 9, ""), ("established", "VBD", "conj", 9, ""), ("a", "DT", "det", 15, ""), ("republic", "NN", "dobj", 13, ""), (".", ".", "punct", 9, "")])  # fmt: skip
ESTABLISHED = sentence_of([("The", "DT", "det", 1, ""), ("front", "NN", "nsubjpass", 3, ""), ("was", "VBD", "auxpass", 3, ""), ("established", "VBN", "ROOT", 3, ""), ("in", "IN", "prep", 3, ""), ("Snuol", "NNP", "compound", 6, "GPE"), ("district", "NN", "pobj", 4, ""), ("in", "IN", "prep", 3, ""), ("1978", "CD", "pobj", 7, "DATE"), (".", ".", "punct", 3, "")])  # fmt: skip
RETRIEVED = sentence_of([("Hirasaki", "NNP", "nsubj", 1, "ORG"), ("retrieved", "VBD", "ROOT", 1, ""), ("the", "DT", "det", 3, ""), ("rocks", "NNS", "dobj", 1, ""), (",", ",", "punct", 3, ""), ("film", "NN", "compound", 6, ""), ("magazines", "NNS", "conj", 3, ""), (",", ",", "punct", 6, ""), ("and", "CC", "cc", 6, ""), ("other", "JJ", "amod", 10, ""), ("items", "NNS", "conj", 6, ""), ("from", "IN", "prep", 10, ""), ("Columbia", "NNP", "pobj", 11, "ORG"), (",", ",", "punct", 12, ""), ("which", "WDT", "nsubjpass", 16, ""), ("was", "VBD", "auxpass", 16, ""), ("connected", "VBN", "relcl", 12, ""), ("to", "IN", "prep", 16, ""), ("the", "DT", "det", 19, ""), ("MQF", "NNP", "pobj", 17, "ORG"), (".", ".", "punct", 1, "")])  # fmt: skip
WOULD = sentence_of([("The", "DT", "det", 1, ""), ("army", "NN", "nsubj", 3, ""), ("would", "MD", "aux", 3, ""), ("attack", "VB", "ROOT", 3, ""), ("the", "DT", "det", 5, ""), ("city", "NN", "dobj", 3, ""), ("in", "IN", "prep", 3, ""), ("1975", "CD", "pobj", 6, "DATE"), (".", ".", "punct", 3, "")])  # fmt: skip


def _date_phrase(sentence: ParsedSentence, text: str) -> list[int]:
    start = sentence.text.index(text)
    found = slot(sentence, start, start + len(text))
    assert found is not None
    return list(found.phrase)


def test_a_leading_date_phrase_is_asked_for_and_the_verb_gets_do_support() -> None:
    clause = main_clause(CONQUERED)
    assert clause is not None
    phrase = _date_phrase(CONQUERED, "January 7, 1979")
    assert [CONQUERED.words[i].text for i in phrase][0] == "On"
    # The coordinated second verb ("and established a republic") is a second idea: cut.
    assert inverted_question(clause, "When", without=phrase) == (
        "When did the Vietnamese army conquer Phnom Penh?"
    )


def test_a_passive_clause_inverts_its_auxiliary_and_a_date_moves_to_the_end() -> None:
    clause = main_clause(ESTABLISHED)
    assert clause is not None
    phrase = _date_phrase(ESTABLISHED, "1978")
    assert inverted_question(clause, "When", without=phrase) == (
        "When was the front established in Snuol district?"
    )
    assert statement(clause, tail="in 1978", without=phrase) == (
        "The front was established in Snuol district in 1978."
    )


def test_a_list_keeps_its_commas_and_an_aside_after_a_comma_is_cut() -> None:
    clause = main_clause(RETRIEVED)
    assert clause is not None
    assert subject_question(clause, "Who") == (
        "Who retrieved the rocks, film magazines, and other items from Columbia?"
    )


def test_hedged_clauses_give_no_question() -> None:
    assert main_clause(WOULD) is None  # "would attack" says what might have happened


def test_word_range_finds_the_words_of_a_span() -> None:
    start = CONQUERED.text.index("Phnom Penh")
    indices = word_range(CONQUERED, start, start + len("Phnom Penh"))
    assert [CONQUERED.words[i].text for i in indices] == ["Phnom", "Penh"]


TOOK_POSSESSION = sentence_of([("Grand", "NNP", "compound", 2, "PERSON"), ("Master", "NNP", "compound", 2, "PERSON"), ("Philippe", "NNP", "nsubj", 3, "PERSON"), ("took", "VBD", "ROOT", 3, ""), ("possession", "NN", "dobj", 3, ""), ("on", "IN", "prep", 3, ""), ("26", "CD", "nummod", 7, "DATE"), ("October", "NNP", "pobj", 5, "DATE"), ("1530", "CD", "nummod", 7, "DATE"), (".", ".", "punct", 3, "")])  # fmt: skip
AN_LUSHAN = sentence_of([("On", "IN", "prep", 6, ""), ("16", "CD", "nummod", 2, "DATE"), ("December", "NNP", "pobj", 0, "DATE"), ("755", "CD", "nummod", 2, "DATE"), ("An", "DT", "det", 5, ""), ("Lushan", "NNP", "nsubj", 6, ""), ("marched", "VBD", "ROOT", 6, ""), ("south", "RB", "advmod", 6, ""), ("from", "IN", "prep", 6, ""), ("Fanyang", "NNP", "pobj", 8, "GPE"), (".", ".", "punct", 6, "")])  # fmt: skip


def test_took_possession_without_of_what_is_no_statement() -> None:
    assert missing_complement(TOOK_POSSESSION.words, 3) == "took possession of what?"


def test_a_capitalised_determiner_in_mid_sentence_is_part_of_a_name() -> None:
    clause = main_clause(AN_LUSHAN)
    assert clause is not None
    phrase = _date_phrase(AN_LUSHAN, "16 December 755")
    assert inverted_question(clause, "When", without=phrase) == "When did An Lushan march south from Fanyang?"
