"""Pasted-text repair and passage kinds: headings, captions, fact lines, chrome, citation marks."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from studyapp.content.plaintext import text_to_passages
from studyapp.content.structure import citation_spans, passage_kinds
from studyapp.content.words import (
    drop_regnal_stops,
    join_line_end_hyphens,
    join_split_words,
    repair_ocr_letters,
    split_run_together,
)

PROSE = "The army reached the capital in March 1868 and the city fell after a short siege."


def test_words_split_by_ocr_or_a_lost_hyphen_are_rejoined() -> None:
    assert join_split_words("the Em peror issued a declaration de fining it") == (
        "the Emperor issued a declaration defining it"
    )
    assert join_split_words("the knowl edge of the world") == "the knowledge of the world"
    # Names and ordinary neighbours stay apart.
    for text in ("Charles de Gaulle spoke", "Lon Nol and Lon Non", "in to the city", "a round table"):
        assert join_split_words(text) == text


def test_hyphens_at_line_ends_and_run_together_words() -> None:
    # The word moves up a line; the line break stays, so wrapped lines keep their lengths.
    assert join_line_end_hyphens("the govern-\nment fell") == "the government\n fell"
    assert join_line_end_hyphens("a self-\ngoverning state") == "a self-governing\n state"
    assert join_line_end_hyphens("Obre-\ngón won. Obregón ruled.") == "Obregón\n won. Obregón ruled."
    # Half a word is no compound's half; a common word split by the wrap is that word.
    assert join_line_end_hyphens("a commission of trailba-\nston.") == "a commission of trailbaston\n."
    assert join_line_end_hyphens("who had re-\nplaced him") == "who had replaced\n him"
    assert join_line_end_hyphens("the pre-\nwar border") == "the pre-war\n border"
    # Two letters before the break are a prefix when the whole is an English word.
    assert join_line_end_hyphens("a fleet which she en-\ntrusted to him") == "a fleet which she entrusted\n to him"
    assert join_line_end_hyphens("the ex-\nsoldier came") == "the ex-soldier\n came"
    assert split_run_together("conform to thepublic opinion") == "conform to the public opinion"


def test_an_old_books_stop_after_a_regnal_number_goes_where_no_sentence_ends() -> None:
    assert drop_regnal_stops("Martin IV., a Frenchman, and Peter III. of Arragon met Clement IV. the next day.") == (
        "Martin IV, a Frenchman, and Peter III of Arragon met Clement IV the next day."
    )
    assert drop_regnal_stops("He was succeeded by Louis XIV. The war went on.") == (
        "He was succeeded by Louis XIV. The war went on."
    )


def test_a_capitalised_second_half_keeps_its_hyphen() -> None:
    assert join_line_end_hyphens("Sir Robert Hart, the Inspector-\nGeneral of the") == (
        "Sir Robert Hart, the Inspector-General\n of the"
    )


def test_ocr_misreadings_are_repaired_only_where_english_is_sure() -> None:
    assert repair_ocr_letters("tbe Parliarnent stopped his confirrnation; rnen of 0range") == (
        "the Parliament stopped his confirmation; men of Orange"
    )
    assert repair_ocr_letters("the peop1e brought go1d to F1orence") == "the people brought gold to Florence"
    assert repair_ocr_letters("the conrt sat nnder the emperor") == "the court sat under the emperor"
    assert repair_ocr_letters("disturbances wbich troubled France, aud the king bad to flee") == (
        "disturbances which troubled France, and the king bad to flee"
    )
    kept = "Kornilov, Bernard, Arnhem, Cornwallis, Hepburn, the barn, a stern debt, 10am, 1900, A1, B52, x1y, arid land, Nanjing, sachem"
    assert repair_ocr_letters(kept) == kept


def test_a_block_wrapped_at_a_fixed_width_is_one_paragraph() -> None:
    wrapped = (
        "At 2200, about four kilometers southwest of Hue, the commander of the 1st ARVN\n"
        "Division Reconnaissance Company, First Lieutenant Nguyen Thi Tan, was on a river\n"
        "surveillance mission with about 30 men, when a Regional Force company to his east\n"
        "reported that it was under attack."
    )
    assert text_to_passages(f"{PROSE}\n\n{wrapped}") == [PROSE, " ".join(wrapped.split())]


def test_a_sentence_cut_by_a_picture_is_rejoined_and_the_caption_kept() -> None:
    raw = (
        "The Apollo 11 mission, carried out by\n201px-Apollo 11 insignia-1-\n\nMission Patch\n\n"
        "the United States, is considered a major accomplishment in human exploration."
    )
    passages = text_to_passages(raw)
    assert passages[0] == (
        "The Apollo 11 mission, carried out by the United States, is considered a major "
        "accomplishment in human exploration."
    )
    assert passage_kinds(passages)[1:] == ("chrome", "caption")


def test_passage_kinds() -> None:
    passages = [
        "The Partition of India, 1947",
        "Direct Action Day",
        PROSE,
        "= Battle of Huế =",
        "Infobox",
        "- Date: 31 January – 2 March 1968",
        "Commander Neil Alden Armstrong (Born: August 5, 1930 - Died: August 25, 2012),",
        "Left to right: Armstrong, Collins, Aldrin",
        "Not to be confused with Partition of Bengal.",
        "• Landing",
        "RESTORATION AND CONSTITUTIONAL ADMINISTRATION.",
        "Dead and wounded after the riots which developed into pitched battles in Calcutta in 1946",
        "Annexation to the United States Asked For – Commissioners on the Way to Washington.",
        "The Queen was deposed and a Provisional Government was proclaimed in Honolulu.",
    ]
    assert passage_kinds(passages) == (
        "title", "heading", "prose", "heading", "chrome", "fact", "fact", "caption", "chrome",
        "heading", "heading", "caption", "heading", "prose",
    )  # fmt: skip


def test_citation_marks() -> None:
    text = "It entered orbit 12 minutes later.[1] The regiment resumed its march.'5 Then it rested[?]."
    assert [text[s:e] for s, e in citation_spans(text)] == ["[1]", "5", "[?]"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["alpha", "beta", "Gamma", "de", "la", "the", "an", "x"]), max_size=12))
def test_word_repair_only_ever_joins_or_splits_at_spaces(words: list[str]) -> None:
    text = " ".join(words)
    repaired = split_run_together(join_split_words(text))
    assert repaired.replace(" ", "") == text.replace(" ", "")


def test_a_reference_section_and_further_reading_are_chrome() -> None:
    passages = (
        "The Siege",
        "== Background ==",
        "The city fell on 29 May 1453 after a siege of 53 days.",
        "Further reading: Steven Runciman, The Fall of Constantinople 1453 (1965).",
        "== References ==",
        "Nicol, Donald M. The Immortal Emperor (1992).",
        "== Aftermath ==",
        "The sultan moved his capital to the city.",
    )
    assert passage_kinds(passages) == (
        "title", "heading", "prose", "chrome", "heading", "chrome", "heading", "prose",
    )  # fmt: skip


def test_footnotes_under_a_rule_and_a_reading_line_are_chrome() -> None:
    passages = (
        "The War",
        "The army crossed the river on 8 May 1846 and won the battle.",
        "____________________ ¹ Justin H. Smith, The War with Mexico (1919), vol. I.",
        "² Amy S. Greenberg, A Wicked War (2012).",
        "Reading: Timothy Garton Ash, The Magic Lantern (1990).",
    )
    assert passage_kinds(passages)[2:] == ("chrome", "chrome", "chrome")
    # A rule on a line of its own, under a book page, until the next page's running head.
    page = ("The army crossed the river on 8 May 1846.", "______________", "3 The lease was signed on 27 March 1898.",
            "THE WAR OF 1846 219", "The army marched on.")
    assert passage_kinds(page) == ("prose", "chrome", "chrome", "heading", "prose")
    # A forum's rule before an answer's byline starts an answer, not footnotes.
    forum = ("------------ ▲ 986 ▼ answered by CoureurDeBois", "Wolfe was hit early and died on 13 September 1759.")
    assert passage_kinds(forum)[1] == "prose"
    # Nor does a guide's "-----" around each stop's heading.
    guide = ("Welcome to the gallery.", "------------", "STOP 302 - A BOY FROM YUNNAN", "------------",
             "Zheng He was born around 1371 in Kunyang, in the province of Yunnan.")
    assert passage_kinds(guide)[-1] == "prose"


def test_a_boxed_source_loses_its_rules_and_reads_as_prose() -> None:
    text = "The chapter opens here with a sentence of its own.\n\n+--------------+\n| According to a chronicle,  |\n| Juan Bravo answered.       |\n+--------------+\n"
    assert text_to_passages(text)[-1] == "According to a chronicle, Juan Bravo answered."


def test_an_old_reference_books_run_in_heading_is_a_heading() -> None:
    text = "Trial and Execution.—The eight conspirators were tried on 27 January 1606.\n\nThe end came. — It was over."
    assert text_to_passages(text) == [
        "Trial and Execution", "The eight conspirators were tried on 27 January 1606.", "The end came. — It was over.",
    ]



def test_an_old_encyclopedias_authorities_and_initials_are_chrome() -> None:
    passages = [
        "The confederation of Bar was formed in 1768 by Polish nobles.",
        "AUTHORITIES",
        "C. C. de Rulhière, Histoire de l'anarchie de Pologne (4 vols., Paris, 1807); A. Sorel, La Question d'Orient (Paris, 1878).",
        "(R. N. B.)",
    ]
    assert passage_kinds(passages)[2:] == ("chrome", "chrome")
    assert passage_kinds(["Authorities.—A. Beer, Die erste Theilung Polens (Vienna, 1873)."]) == ("chrome",)


def test_an_infobox_row_copied_with_a_tab_is_a_label_line() -> None:
    passages = text_to_passages("Christian II\n\nPredecessor\tJohn\nSuccessor\tFrederick I\n\nChristian II became king of Denmark in 1513.")
    assert "Predecessor: John" in passages and "Successor: Frederick I" in passages, passages
    assert passage_kinds(passages)[passages.index("Predecessor: John")] == "fact"


def test_a_bulleted_line_is_a_list_item_unless_a_contents_entry_or_in_capitals() -> None:
    passages = [
        "The Fall of Baghdad",
        "• Genghis Khan (d. 1227) – empire divided among his descendants",
        "• Landing",
        "• THE SIEGE",
    ]
    assert passage_kinds(passages)[1:] == ("list", "heading", "heading")


def test_a_line_of_dashes_is_layout() -> None:
    passages = ["The Handout", "---------------", "A. KEY DATES", "---------------", "The friar was born in 1452."]
    assert passage_kinds(passages) == ("title", "chrome", "heading", "chrome", "prose")
