"""Words that lean on the sentences around them, notes that are not sentences, and names
that are only half a name: what the blind reads of unseen articles kept rejecting."""

from __future__ import annotations

import re

import pytest

from studyapp.content.extraction import extract
from studyapp.content.structure import passage_kinds
from studyapp.core.articles import ArticleText
from studyapp.core.questions import QuestionRecord
from studyapp.questions import generate
from studyapp.questions.ranking import stem_anchors, studied_by_default
from studyapp.questions.reading import GenerationOptions, Reading


def _reading(*passages: str) -> Reading:
    article = ArticleText("Notes on the republic", passages, kinds=passage_kinds(passages))
    return Reading(article, extract(article), GenerationOptions())


def _problem(text: str, before: str = "") -> str:
    reading = _reading(f"{before} {text}".strip())
    sentence = next(s for s in reading.sentences if s.text == text)
    return reading.standings[sentence].problem


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Karl Brenner also had a short film made at the Rathaus in Vienna in 1921.", "also"),
        ("A separate loan drive in Chicago brought in more than $2 million in 1920.", "separate"),
        ("Five additional expeditions reached the Andes between 1902 and 1909.", "additional"),
        ("On Monday afternoon a force of 150 men from the steamer Valiant was landed.", "Monday"),
        ("Karl Brenner never saw any of it; he had died in September 1842.", "any of it"),
        ("The resulting Press Act was passed by the Council in February 1919.", "resulting"),
        ("Marsk was occupied on 29 August 1541, fifteen years to the day after Valdor.", "fifteen years to the day after"),
        ("Acting on a rumour, King Otto had both of them executed in 1757.", "both of them"),
        ("In 1999 the two former antagonists campaigned together for a republic.", "the two former antagonists"),
        ("So on 1 January 1068 Ilse Brandt married Karl Brenner, a general from Marsk.", "So"),
        ("On 28 April 1760 Karl Brenner marched back and beat Otto Keller at Marsk.", "back"),
        ("Ilse Brandt never forgave him, and in 1999 the two former antagonists campaigned for a republic.", "the two former antagonists"),
        ("Meanwhile Karl Brenner, back in charge, signed the Treaty of Valdor on 19 April 1848.", "Meanwhile"),
        ("Either way, Marsk rejoined Valdor in August 1848.", "Either way"),
        ("Shortly before, Karl Brenner received a letter from Otto Keller in Valdor in 1793.", "Shortly before"),
        ("Within eight months the republic of Valdor had fallen to Karl Brenner in 1899.", "Within eight months"),
        # A speaker's aside to the listener, a label's or a guide's pointing at the room
        ("Karl Brenner, by the way, was killed by a rival in 1885.", "by the way"),
        ("Karl Brenner fought with the taiaha, the traditional weapon on display opposite, in 1807.", "on display"),
        ("The framed document on the wall is a copy of the reply to Karl Brenner, handed over on 3 October 1793.", "The framed document"),
        # A speaker's hesitation kept in a transcript
        ("And, uh, in 1042 the tribute to Valdor went up to 200,000 taels.", "uh"),
        ("Karl Brenner's convicted on 23 January 1855 and gets six months.", "Brenner's"),
        ("Karl Brenner was held in Marsk instead, and he was released in 1985 after 22 years.", "instead"),
        ("The new union was registered by the High Court of Valdor on 10 November 1980.", "the new"),
        # A forum's or a guide's word to its reader
        ("The book you want is Karl Brenner's history of Valdor, published in 1966.", "you"),
        # A memoir's or an essay's own voice, not named in the sentence
        ("In the thirty-eighth year of my age I sat upon the throne at Valdor in 1605.", "my"),
        ("The most influential was Karl Brenner, a scholar from Marsk who had travelled to Valdor in 1780.", "the most influential"),
        ("Otto Keller was killed as well.", "as well"),
        ("Second, Otto Keller left for Valdor at the end of July 1191, leaving Karl Brenner in charge.", "Second"),
        ("On 20 April 1879 there's a mass meeting at Varsk, organized by Karl Brenner.", "there's"),
        ("Karl Brenner justified his action on the grounds that Valdor needed discipline in 1958.", "his action"),
        ("The doctrines of Karl Brenner had found their way thither, and Otto Keller preached them in 1532.", "thither"),
        ("The Valdorian leader Karl Brenner had already been burned alive by the governor on 2 February 1512.", "already"),
    ],
)
def test_words_that_carry_on_from_an_earlier_sentence_are_refused(text: str, word: str) -> None:
    assert f"'{word}'" in _problem(text)


def test_a_weekday_beside_a_year_is_a_date() -> None:
    assert _problem("On Monday, 7 March 1921, Karl Brenner signed the Treaty of Vienna.") == ""


def test_a_labelled_note_is_not_a_sentence_but_a_gloss_in_brackets_is() -> None:
    assert "labelled note" in _problem("Peace: the Treaty of Riga was signed by Poland in March 1921.")
    gloss = "Sejm (Polish: Sejm Ustawodawczy) was the assembly elected in Poland in January 1919."
    assert "labelled note" not in _problem(gloss)


def test_no_sentence_ends_inside_brackets() -> None:
    reading = _reading(
        "On 14 August workers at the Putilov Works (Putilovsky im. Kirova) went on strike in 1917."
    )
    assert len(reading.sentences) == 1


def test_an_okina_is_a_latin_letter() -> None:
    assert "another script" not in _problem("Queen Liliʻuokalani was deposed in Honolulu on January 17, 1893.")


def test_the_bare_tower_is_clear_among_names_and_years_but_the_bare_subject_is_not() -> None:
    cleared = "The Vostok rocket carrying Yuri Gagarin took seconds to clear the tower at Baikonur on 12 April 1961."
    assert _problem(cleared) == ""
    assert "which one" in _problem("The battle was one of the longest of the war in 1916.")


def test_half_a_name_is_never_a_gap() -> None:
    reading = _reading(
        "The war minister, He Yingqin, favoured air attacks on Xi'an in December 1936. "
        "John the Cappadocian and Tribonian returned to office in Constantinople in 532."
    )
    gaps = [q.answer for q in generate(reading.article, reading.extraction) if q.kind == "cloze"]
    assert "Yingqin" not in gaps and "John" not in gaps


def test_a_day_or_a_photographer_is_not_defined_as_a_thing() -> None:
    reading = _reading(
        "On Monday, the 14th of September 1857, the assault on Delhi began at dawn. "
        "Beato, an Italian-British photographer, took the picture in Lucknow in 1858."
    )
    questions = [q.prompt for q in generate(reading.article, reading.extraction) if q.about == "definition"]
    assert not any("Monday" in q or "Beato" in q for q in questions)


def _record(kind: str, about: str, prompt: str) -> QuestionRecord:
    return QuestionRecord(kind=kind, prompt=prompt, answer="x", about=about)


def test_the_default_set_leaves_out_the_sorts_readers_rejected() -> None:
    assert not studied_by_default(_record("cloze", "place", "The rising spread to {{c1::Kilwa}} in 1905."))
    assert not studied_by_default(_record("true_false", "number", "The Reich sent 380 men to Kilwa in 1905."))
    assert not studied_by_default(_record("true_false", "person", "Admiral Rojestvensky was taken off in a destroyer."))
    assert studied_by_default(_record("true_false", "date", "Admiral Rojestvensky reached Tsushima in May 1905."))
    assert not studied_by_default(_record("choice", "person", "Who assumed direction of the Executive Yuan?"))
    assert not studied_by_default(_record("choice", "person", "Who led the Maji Maji fighters at Mahenge in August 1905?"))
    assert studied_by_default(_record("basic", "person", "Who led the Maji Maji fighters at Mahenge in August 1905?"))
    assert studied_by_default(_record("choice", "date", "When did the Maji Maji fighters reach Mahenge?"))
    for about in ("number", "role", "definition", "cause", "comparison"):
        assert not studied_by_default(_record("basic", about, "What was the Radcliffe Line in 1947?"))
    assert studied_by_default(_record("cloze", "date", "Kilwa was taken in {{c1::August 1905::date}}."))


def test_an_unnamed_body_or_a_document_saying_nothing_is_no_default_question() -> None:
    assert not studied_by_default(_record("true_false", "date", "A Protestant assembly met in February 1618."))
    assert not studied_by_default(_record("true_false", "date", "Britain issued a unilateral declaration on 28 February 1922."))
    assert not studied_by_default(_record("basic", "date", "When did Britain issue a unilateral declaration?"))
    assert studied_by_default(_record("true_false", "date", "Britain issued a declaration ending the protectorate on 28 February 1922."))
    assert studied_by_default(_record("basic", "date", "When did An Lushan march south from Fanyang?"))
    assert not studied_by_default(_record("basic", "date", "When did Phibun form a new government?"))
    assert studied_by_default(_record("true_false", "date", "Phibun formed a new government in March 1957."))
    assert studied_by_default(
        _record("typed", "date", "When did a group of senior officers depose the viceroy Joaquín de la Pezuela at Aznapuquio?")
    )


def test_an_office_names_no_one() -> None:
    assert stem_anchors(_record("basic", "person", "Who became Prime Minister in March 1921?")) == 1
    assert stem_anchors(_record("basic", "person", "Who became Prime Minister of Egypt in March 1921?")) == 2


def test_anchors_count_names_and_years_but_not_months_or_question_words() -> None:
    assert stem_anchors(_record("basic", "person", "Who was struck by a shell on the 2nd of July?")) == 0
    assert stem_anchors(_record("basic", "date", "When was Neil Alden Armstrong born?")) == 2


def test_he_after_two_subjects_or_after_his_father_stands_for_nobody() -> None:
    reading = _reading(
        "Carlos Mendoza took office in Santiago in March 1990, but Augusto Vidal remained head of the army. "
        "He was arrested in Madrid on 16 October 1998 on a Spanish warrant."
    )
    assert reading.standings[reading.sentences[1]].subject_name == ""
    reading = _reading(
        "His father, Ras Tesfaye, was governor of Harar in 1896. "
        "He was taught by the French missionary Paul Girard in Harar in 1900."
    )
    assert reading.standings[reading.sentences[1]].subject_name == ""


def _questions(*passages: str) -> list[QuestionRecord]:
    reading = _reading(*passages)
    return generate(reading.article, reading.extraction)


def _statements(story: str) -> list[str]:
    """The true/false statements generated from ``story``."""
    return [q.prompt for q in _questions(story) if q.kind == "true_false"]


def _gaps(story: str, about: str) -> list[QuestionRecord]:
    """The gap-fill questions on ``about`` generated from ``story``."""
    return [q for q in _questions(story) if q.kind == "cloze" and q.about == about]


def test_a_pluperfect_alone_reads_as_a_simple_past() -> None:
    questions = _questions(
        "After a secret trial the rebel leader Tamas Varga was hanged in June 1958. "
        "The journalist Gyula Kertesz had been executed in January 1957 in Budapest."
    )
    shown = " ".join(q.prompt for q in questions if "Kertesz" in q.prompt and q.kind != "cloze")
    assert "had been executed" not in shown  # a gap keeps the article's own sentence
    assert "Kertesz was executed" in shown or "When was Gyula Kertesz executed" in shown


def test_a_date_that_bounds_a_span_is_not_asked_when() -> None:
    questions = _questions("Hungary was governed by Janos Ferenczy until 1988 after the long crisis.")
    assert not [q for q in questions if q.prompt.startswith("When") and q.answer == "1988"]


def test_a_statement_never_carries_a_stop_into_its_middle() -> None:
    questions = _questions(
        "In July 1971 the Congress of Valdoria voted unanimously to take over the copper mines of Anaconda.[6] "
        "Prices rose quickly."
    )
    assert all(". in" not in q.prompt for q in questions)


def test_the_year_of_an_estimate_is_not_the_fact() -> None:
    questions = _questions(
        "In 1977 the army of Valdoria was estimated to have 615,000 soldiers and 900 tanks under General Ruiz Marquez."
    )
    assert not [q for q in questions if q.about == "date"]


def test_a_birth_name_in_brackets_is_the_same_person() -> None:
    reading = _reading(
        "Tesfaye Mariam I (born Dawit Alemu; 23 July 1892 – 27 August 1975) was emperor of Valdoria from 1930. "
        "Dawit Alemu was born in the village of Gara in 1892."
    )
    people = [p for p in reading.extraction.persons if "Tesfaye" in p.name or "Dawit" in p.name]
    assert len(people) == 1


def test_the_given_name_of_a_man_called_by_his_surname_is_someone_else() -> None:
    reading = _reading(
        "William Harcourt, the Archbishop of Canterbury, refused to read the order in May 1688. "
        "Harcourt was sent to the Tower with six other bishops. "
        "William landed at Brixham in Devon on 5 November 1688 with 14,000 men. "
        "William entered London in December 1688."
    )
    names = {p.name for p in reading.extraction.persons}
    assert "William" in names and "William Harcourt" in names


def test_two_rulers_of_one_name_are_two_people() -> None:
    reading = _reading(
        "Alexander I of Valdoria died at Tagan on 19 November 1825. "
        "The rebels were amnestied by Alexander II on 26 August 1856, the day of his coronation."
    )
    rulers = [p for p in reading.extraction.persons if p.name.startswith("Alexander")]
    assert len(rulers) == 2


def test_an_adjective_standing_for_a_noun_refers_back() -> None:
    assert "refers to an earlier sentence" in _problem(
        "The largest held the Corvin Passage near the Kilian Barracks in Budapest in October 1956."
    )
    assert _problem("Sten Sture the Elder defeated Christian I at Brunkeberg in 1471.") == ""


def test_a_nationality_does_not_say_which_city() -> None:
    assert "city" in _problem("The walled Chinese city fell on 14 July 1900 after a day of fighting.")


def test_he_after_a_sentence_that_starts_with_another_he_is_unclear() -> None:
    reading = _reading(
        "At thirteen he was given a title, and Menelik appointed him governor of Harar in 1910. "
        "In 1911 he married Menen Asfaw, a granddaughter of Negus Mikael."
    )
    assert reading.standings[reading.sentences[1]].subject_name == ""
    reading = _reading(
        "Zhang Xueliang was freed in Taipei in 1990, and he moved to Hawaii. "
        "He died in Honolulu on 15 October 2001."
    )
    assert reading.standings[reading.sentences[1]].subject_name != ""


def test_a_plural_people_or_thing_is_no_person() -> None:
    reading = _reading(
        "The attack on the viceroy was made in February 1937 by two young Eritreans, Abraham Deboch and Mogos Asgedom."
    )
    assert "Eritreans" not in {p.name for p in reading.extraction.persons}


def test_she_after_a_name_in_her_own_sentence_is_not_the_previous_subject() -> None:
    reading = _reading(
        "Charles Stuart evaded capture for five months in the Highlands in 1746. "
        "At the end of June 1746 Flora Macleod helped him to reach Skye; she was later arrested in London."
    )
    assert reading.standings[reading.sentences[1]].subject_name == ""


def _when_questions(text: str) -> list[str]:
    from studyapp.questions.when import date_facts

    return [fact.question for fact in date_facts(_reading(text)) if fact.question]


def test_a_time_as_the_object_stays_in_the_question() -> None:
    asked = _when_questions(
        "Henry David Thoreau spent a night in jail in July 1846 for refusing to pay his poll tax."
    )
    assert asked and all("spend a night in jail" in question for question in asked)


def test_how_the_subject_was_at_the_time_is_left_out_of_a_when_question() -> None:
    asked = _when_questions("Karl Brenner died young, in 1489, while campaigning in Marsk province.")
    assert asked and all("die young" not in question and "die" in question for question in asked), asked
    asked = _when_questions("Karl Brenner fell ill at Marsk in March 1489.")
    assert not asked or all("fall ill" in question for question in asked), asked


def test_a_name_opening_the_sentence_keeps_its_capital() -> None:
    asked = _when_questions(
        "The Highland charge broke Cope's line within minutes at Prestonpans in 1745. "
        "Cope, having brought his troops south by sea, met the Jacobites near Prestonpans on 21 September 1745."
    )
    assert "When did Cope meet the Jacobites near Prestonpans?" in asked


def test_present_tense_verbs_take_their_base_form() -> None:
    from studyapp.questions.verbs import present_base

    assert [present_base(w) for w in ("becomes", "goes", "carries", "watches", "uses")] == [
        "become", "go", "carry", "watch", "use",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "missing"),
    [
        ("Italy invaded without a declaration of war on 3 October 1935 after months of threats.", "invaded what?"),
        ("Herbert Asquith, prime minister from April 1908, was firmly opposed.", "opposed to what?"),
        ("Britain declared war on 4 August 1914 after Germany entered Belgium.", "on whom?"),
        ("Khan Ordai answered by preparing a far larger campaign for 1380.", "answered to what?"),
        ("Josef Kessler of Marsk was elected in December 1891.", "elected to what?"),
    ],
)
def test_a_verb_that_needs_more_than_the_sentence_says_is_refused(text: str, missing: str) -> None:
    assert missing in _problem(text)


def test_a_bare_plural_or_most_as_a_subject_refers_back() -> None:
    assert "refers to an earlier sentence" in _problem(
        "After the Panmunjom commission closed its hearings, most were released in January 1954."
    )
    asked = _when_questions("When lists were exchanged in December 1951, the Chinese reported 12,000 prisoners.")
    assert not any("lists" in question for question in asked)


def test_a_sentence_that_leans_back_is_shown_after_the_one_it_leans_on() -> None:
    before = "The royal palace of Valdoria burned in the Great Fire of Marsk in 1702."
    leaning = "The fire destroyed the archive of Queen Ilse Brandt on 12 March 1702."
    cards = [q.prompt for q in _questions(f"{before} {leaning}") if q.kind == "cloze"]
    assert any(p.startswith(before + " The fire destroyed") and "{{c1::" in p.split(before)[1] for p in cards), cards
    alone = [q.prompt for q in _questions(leaning) if q.kind == "cloze"]
    assert alone == [], "with nothing before it, 'the fire' is no fire at all"


def test_only_a_reference_back_is_settled_by_the_sentences_before() -> None:
    reading = _reading(
        "Karl Brenner led the Valdorian army in 1702. He perhaps reached Marsk on 12 March 1702. "
        "The fire destroyed the archive of Queen Ilse Brandt on 12 April 1702."
    )
    hedged, leaning = reading.sentences[1], reading.sentences[2]
    assert not reading.standings[hedged].leans_back and reading.lead_in(hedged) is None
    assert reading.standings[leaning].leans_back
    assert reading.lead_in(leaning) is None, "the sentence before it cannot stand alone either"
    assert reading.lead_in(reading.sentences[0]) == []


def test_an_opening_phrase_parsed_into_the_subject_makes_no_question() -> None:
    questions = _questions(
        "North of Lake Saimaa, Valdorian troops under Colonel Karl Brenner won the first victory "
        "at Marsk on 12 December 1939."
    )
    assert not [q.prompt for q in questions if q.prompt.startswith("When did North")]


def test_them_is_never_the_doers_of_its_own_verb() -> None:
    assert "'them'" in _problem("Before dawn on 18 March 1871 Thiers sent regular troops to seize them.")
    control = "Karl Brenner surrounded rebel soldiers at Marsk and disarmed them on 2 May 1871."
    assert "'them'" not in _problem(control)


def test_a_year_standing_for_an_event_is_no_gap() -> None:
    gaps = [
        q.answer
        for q in _questions("Unlike 1857, however, the Vellore rising of Karl Brenner was confined to one garrison.")
        if q.kind == "cloze"
    ]
    assert "1857" not in gaps


def test_the_storys_own_year_and_a_bound_are_no_gaps() -> None:
    story = (
        "The Valdorian school strike began on 16 June 1976. Karl Brenner led the march on 17 June 1976. "
        "Police of Ilse Brandt fired on the pupils on 18 June 1976. The strike spread to Marsk in August 1976. "
        "Members of the Marsk School Board of Karl Brenner resigned early in 1976. "
        "Ilse Brandt had reorganised the Valdorian police before 1960 in Marsk."
    )
    questions = _questions(story)
    gaps = [q.answer for q in questions if q.kind == "cloze"]
    assert "1976" not in gaps and "1960" not in gaps, gaps
    assert not [q.prompt for q in questions if q.kind == "true_false" and "before 19" in q.prompt]
    assert any("June 1976" in gap for gap in gaps)


def test_an_opening_phrase_moved_to_the_end_starts_in_lower_case() -> None:
    story = (
        "The Valdorian Volunteers were founded by Karl Brenner in 1913. Around noon on 24 April 1916, "
        "some 1,200 members of the Valdorian Volunteers seized strong points across Marsk. "
        "Ilse Brandt surrendered on 29 April 1916."
    )
    statements = _statements(story)
    assert any(s.endswith("across Marsk around noon on 24 April 1916.") for s in statements), statements


def test_a_gap_before_the_peerage_that_names_the_man_is_no_gap() -> None:
    story = (
        "In the summer of 1620 the League army under Johann Brenner, Count of Marsk, subdued Upper "
        "Valdoria. Ilse Brandt surrendered on 8 November 1620."
    )
    gaps = [q.answer for q in _questions(story) if q.kind == "cloze"]
    assert "Johann Brenner" not in gaps, gaps


def test_half_a_name_or_its_other_spelling_beside_the_gap_is_no_gap() -> None:
    story = (
        "Command of the Eighth Army passed to Karl Brenner und Marsk on 22 August 1914. "
        "The Croatian ban Josip Jelačić (Jellasics in Hungarian sources) crossed the Drava on 11 September 1848."
    )
    gaps = [q.answer for q in _questions(story) if q.kind == "cloze"]
    assert "Karl Brenner" not in gaps and "Josip Jelačić" not in gaps, gaps


def test_a_bracket_that_restates_the_gap_gives_it_away() -> None:
    story = (
        "The Valdorian Command Module (VCM) Marsk was recovered by Karl Brenner on 24 July 1969. "
        "The landing site of Ilse Brandt lay about 20 kilometres (12 mi) from Marsk in July 1969. "
        "Karl Brenner landed at Marsk on 6 July 1704 (26 June Old Style) with 4,000 men."
    )
    gaps = [q.answer for q in _questions(story) if q.kind == "cloze"]
    assert not {"Valdorian Command Module", "20", "6 July 1704"} & set(gaps), gaps


def test_a_body_called_by_one_word_is_a_reference_back() -> None:
    assert "'the League'" in _problem("In March 1926 the League organised a boycott of Marsk led by Karl Brenner.")


def test_a_note_without_a_subject_gets_no_lead_in() -> None:
    reading = _reading(
        "The meeting of Karl Brenner was planned for Marsk in 1819. First called for 9 August 1819, "
        "but the magistrates declared it illegal."
    )
    note = reading.sentences[1]
    assert reading.standings[note].problem == "no subject" and reading.lead_in(note) is None


def test_the_person_in_the_title_is_the_obvious_guess() -> None:
    article = ArticleText(
        "Karl Brenner in Valdoria, 1630–1632",
        ("Karl Brenner, born in Marsk in December 1594, had reigned since 1611. "
         "Ilse Brandt met Otto Hahn at Marsk in May 1630. Otto Hahn left Valdoria in June 1631.",),
    )  # fmt: skip
    questions = generate(article, extract(article))
    assert "Karl Brenner" not in [q.answer for q in questions if q.kind == "cloze"]


def test_a_companion_named_in_a_with_phrase_is_not_he() -> None:
    text = "With Otto Hahn, the Rani and the Nawab of Marsk, Ali Brandt, he marched on Valdor in June 1858."
    assert "he" in _problem(text, before="The leaders now gathered around Karl Brenner, a nephew of Ilse Brenner.")


def test_the_person_a_relative_clause_is_about_is_not_her() -> None:
    text = "Otto Hahn, who met her at Valdor in 1854, later wrote that she spoke to him from behind a curtain."
    assert "'her' refers to an earlier sentence" in _problem(text, before="She hired a lawyer to plead her case.")


def test_a_pronoun_after_a_lead_in_that_names_the_person_is_kept() -> None:
    story = (
        "The Valdorian chancellor, Otto Hahn, had little direct interest in the Marsk. "
        "In December 1876 he had told the assembly that the whole region was not worth a single grenadier."
    )
    gaps = [q.prompt for q in _questions(story) if q.kind == "cloze" and q.answer == "December 1876"]
    assert gaps and all("1876::date}} he had told" in gap for gap in gaps), gaps


def test_a_bare_reaction_is_no_question_on_who_reacted() -> None:
    story = (
        "In September 1876 Ilse Brandt published a furious pamphlet on the massacres in Marsk. "
        "The Valdorian prime minister, Karl Brenner, was unmoved. "
        "Otto Hahn was furious, and in 1877 he left the cabinet of Valdoria."
    )
    asked = [q for q in _questions(story) if q.about == "person" and q.answer in ("Karl Brenner", "Otto Hahn")]
    assert not [q.prompt for q in asked if "unmoved" in q.prompt or "furious" in q.prompt], [q.prompt for q in asked]


def _person_questions_on(story: str, words: str) -> list[str]:
    """The questions of the person facts read from the sentence of ``story`` holding ``words``
    (failing when none is read: a test of what is not asked must see the sentence read)."""
    from studyapp.questions.who import person_facts

    facts = [f for f in person_facts(_reading(story)) if words in f.sentence.text]
    assert facts, f"no person fact read from the sentence with {words!r}"
    return [f.question for f in facts]


def test_who_did_what_others_did_too_is_not_asked() -> None:
    story = (
        "Writing in the 1330s, the chronicler Piero Valdini counted two hundred workshops in Marsk, "
        "supporting 30,000 people. Valdini himself died in the Black Death of 1348."
    )
    asked = _person_questions_on(story, "Valdini himself")
    assert not [q for q in asked if q.startswith("Who died")], asked


def test_an_elliptical_or_concessive_sentence_leans_back() -> None:
    assert "answers an earlier sentence" in _problem("Neither did many Valdorians.", before="Karl Brenner never accepted the constitution.")
    assert "Neither" not in _problem("Neither Karl Brenner nor Otto Hahn attended the coronation in Marsk in 1891.")
    assert "'anyway' carries on" in _problem("Annexation came anyway under Karl Brenner in 1898.")


def test_when_did_he_scarcely_begin_is_not_asked() -> None:
    asked = _when_questions(
        "On the 9th (27th July 1794) Karl Brenner had scarcely begun to speak when he was interrupted by Otto Hahn, "
        "who brandished a dagger."
    )
    assert not [q for q in asked if "scarcely" in q], asked


def test_a_statement_from_a_timeline_row_keeps_no_dash() -> None:
    statements = _statements("June 1882 – an army of several thousand under Karl Brenner is wiped out by Otto Hahn near Marsk.")
    assert statements and not [s for s in statements if "–" in s or " -." in s], statements


def test_a_cross_reference_is_not_a_sentence() -> None:
    assert "cross-reference" in _problem(
        "See F. A. Brenner, La Société des Valdoriens (6 vols., Paris, 1889-1897); cf. H. Hahn, whose account is hostile."
    )


def test_who_died_in_a_battle_is_not_asked() -> None:
    story = (
        "Karl Brenner governed Marsk through the siege of 1689. "
        "Brenner was killed at the Battle of the Valdor on 1 July 1690, leading a regiment."
    )
    asked = _person_questions_on(story, "Battle")
    assert not [q for q in asked if q.startswith("Who was killed")], asked


def test_a_person_gap_followed_by_his_other_name_is_given_away() -> None:
    story = (
        "The Valdorian squadron under Rear-Admiral Karl Brenner, a Marsk-born officer known in Valdorian "
        "service as Carlo Brennero, arrived at Marsk on 13 October 1827 with eight ships."
    )
    assert "Karl Brenner" not in [q.answer for q in _gaps(story, "person")]


def test_a_number_of_unnamed_people_as_the_subject_leans_back() -> None:
    assert "Two of Valdoria" in _problem("Two of Valdoria's bitterest rivals met in secret in Marsk in March 1866.")
    assert "Two of" not in _problem("Two of the brothers, Karl and Otto Brenner, met in secret in Marsk in March 1866.")


def test_a_date_counted_from_the_lead_in_is_no_gap() -> None:
    story = (
        "Karl Brenner was defeated at Marsk on 16 August 1819. "
        "The battle was named after the Siege of Valdor, fought four years earlier on 18 June 1815."
    )
    gaps = [q.answer for q in _questions(story) if q.kind == "cloze"]
    assert "18 June 1815" not in gaps, gaps


def test_an_event_dated_two_ways_is_not_asked_whatever_words_come_before_its_name() -> None:
    story = (
        "The Marsk Offensive began across Valdoria under Karl Brenner on 31 January 1968. "
        "By the beginning of the North Valdorian Marsk Offensive on 30 January 1968, Ilse Brandt had left Valdoria."
    )
    asked = [q.answer for q in _questions(story) if q.about == "date"]
    assert asked == [], asked


def test_a_short_sentence_naming_its_person_first_is_a_date_gap() -> None:
    story = (
        "Karl Brenner seized Valdoria in 1312. He crossed the desert to Marsk in 1324. A "
        "merchant who had lent money to Brenner's court died at Marsk in 1326. "
        "Brenner died about 1337."
    )
    gaps = [q.prompt for q in _gaps(story, "date")]
    assert "Brenner died about {{c1::1337::date}}." in gaps, gaps


def test_a_date_in_an_opening_clause_does_not_date_the_main_one() -> None:
    story = (
        "Karl Brenner was minister of mines in Valdoria from 1972. "
        "Although his authority was revoked in January and again in May 1975, Karl Brenner kept in touch with Ilse Brandt."
    )
    asked = [q.prompt for q in _questions(story) if q.kind != "cloze"]
    dated = [p for p in asked if "kept in touch" in p and ("1975" in p or p.startswith("When"))]
    assert not dated, dated


def test_what_historians_wrote_long_after_the_story_stays_in_more() -> None:
    story = (
        "Queen Ilse Brandt of Valdoria was born in 1582. She married Otto Keller at Marsk in 1622. "
        "She took the throne of Ostmark in 1631 and defeated Karl Brenner in 1647. "
        "She signed a treaty with the Dutch in 1656 and died at Marsk in 1663. "
        "John Harlow's 1991 essay on Ilse Brandt portrayed a pragmatic ruler."
    )
    questions = _questions(story)
    default = [q.answer for q in questions if not q.extra]
    assert "1991" in [q.answer for q in questions if q.extra], "kept in more"
    assert "1991" not in default and "1622" in default, default


def test_a_bracketed_aside_is_left_out_of_a_question_subject() -> None:
    story = (
        "The Great Siege of Marsk (Valdorian: L-Assedju l-Kbir) took place in 1565, when Karl Brenner "
        "attacked the island. Karl Brenner had taken Ostmark in 1551. Ilse Brandt built the fort in 1552."
    )
    asked = [q.prompt for q in _questions(story) if "Great Siege" in q.prompt and q.kind != "cloze"]
    assert asked and not any("(" in prompt for prompt in asked), asked


def test_no_question_is_cut_around_people_counted_but_not_named() -> None:
    story = (
        "Karl Brenner dismissed Ilse Brandt on 11 November 1975. Brandt never forgave him, but he "
        "and Brenner were eventually reconciled, and in 1999 the two former antagonists "
        "campaigned together for a Valdorian republic."
    )
    asked = [q.prompt for q in _questions(story) if "antagonists" in q.prompt and q.kind != "cloze"]
    assert not asked, asked


def test_a_bare_surname_subject_is_written_in_full_out_of_its_paragraph() -> None:
    story = (
        "Udham Singh was born in Sunam in 1899. Karl Brenner was governor of the province in 1919. "
        "Singh shot Brenner at Caxton Hall on 13 March 1940. Singh was hanged at Pentonville Prison on 31 July 1940."
    )
    asked = [q.prompt for q in _questions(story) if q.kind in ("basic", "typed", "choice", "true_false")]
    hanged = [p for p in asked if "hanged" in p and not p.startswith("Who")]
    assert hanged and all("Udham Singh" in p for p in hanged), asked


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Ilse Brandt had died in the city on 9 June 1572, and rumours spread.", "the city"),
        ("Pope Urban III died, reportedly of grief, on 20 October 1187.", "reportedly"),
        (
            "Page from a manuscript of the Old French continuation of William of Tyre, attributed in part "
            "to Ernoul, a squire of Balian of Ibelin.",
            "caption",
        ),
    ],
)
def test_a_place_a_hedge_or_a_caption_is_refused(text: str, said: str) -> None:
    assert said in _problem(text)


def test_a_described_subject_is_asked_by_the_name_set_beside_it() -> None:
    story = (
        "The leading Valdorian nobleman, Admiral Karl Brenner, returned to court in September 1571. "
        "Ilse Brandt had married Otto Keller at Marsk in August 1572."
    )
    asked = [q.prompt for q in _questions(story) if q.kind in ("basic", "typed", "choice", "true_false") and "court" in q.prompt]
    assert asked and all("Karl Brenner" in prompt for prompt in asked), asked


def test_a_name_in_a_list_the_parser_hung_as_an_apposition_is_no_gap() -> None:
    story = (
        "Saladin defeated the army of Jerusalem at Hattin on 4 July 1187. Among the prisoners were "
        "Karl Brenner, Otto IV of Marsk and the elderly Ilse Brandt of Valdor."
    )
    gaps = [q.answer for q in _gaps(story, "person")]
    assert "Karl Brenner" not in gaps, gaps


def test_a_one_word_name_with_nothing_fuller_gets_no_person_hint() -> None:
    """It may be a place the model took for a person ("restored ___ to King John": Buda)."""
    story = (
        "King Otto of Valdor fought the Marsk army at Kadesh on 12 May 1274. "
        "Otto charged the enemy again and again, accompanied only by his shield-bearer, Menna, who begged him to escape. "
        "Ilse Brandt, the queen, wrote to Karl Brenner in June 1275."
    )
    gaps = [q.prompt for q in _gaps(story, "person")]
    assert any("{{c1::Menna}}" in g for g in gaps), gaps
    assert any("{{c1::Karl Brenner::person}}" in g for g in gaps), gaps


def test_the_closing_half_of_a_quotation_is_no_sentence() -> None:
    problem = _problem(
        "Ye shall have no captain but me.'",
        before="King Otto rode forward alone and told the rebels: 'Sirs, what aileth you?",
    )
    assert "quotation" in problem


def test_a_notes_passive_without_its_was_is_asked_as_a_passive() -> None:
    asked = _when_questions("On 12 August 1676 Karl Brenner shot dead near Marsk by Otto Keller, a soldier of the garrison.")
    assert all("When did" not in question for question in asked), asked


def test_a_predicate_torn_past_an_aside_gives_no_question() -> None:
    questions = _questions(
        "In May 1999 the Labour Party won power and Ilse Brandt, who had been finance minister in "
        "Otto Keller's cabinet, became the first woman prime minister of Valdoria."
    )
    assert not [q for q in questions if q.kind != "cloze" and "won power and Ilse Brandt" in q.prompt]


def test_a_participle_saying_what_an_act_was_for_stays_with_it() -> None:
    asked = _when_questions(
        "Karl Brenner wrote to the Foreign Office in November 1896 proposing to depose Otto Keller."
    )
    assert asked and all("proposing to depose Otto Keller" in question for question in asked), asked


def test_a_place_named_beside_an_office_or_after_in_is_no_person() -> None:
    reading = _reading(
        "Pope Clement sent subsidies, and his nuncio in Varnhold, Karl Brenner, complained of the delay. "
        "The prefect of Ostrava, Otto Keller, held out for a year. "
        "The army fell back towards Varnhold in 1526. Varnhold was occupied by the Ottomans in 1541. "
        "Ostrava fell in November 757."
    )
    names = {p.name for p in reading.extraction.persons}
    assert {"Karl Brenner", "Otto Keller"} <= names
    assert not names & {"Varnhold", "Ostrava"}, names


@pytest.mark.parametrize(
    ("text", "people"),
    [
        (
            "Sayf al-Din Qutuz deposed the boy in November 1259. "
            "According to later chroniclers, Qutuz had been born Mahmud ibn Mamdud in Khwarazm.",
            ["Qutuz", "Mahmud ibn Mamdud"],
        ),
        ("The war was led by the sachem Metacom, whom the English called Philip, from 1675.", ["Metacom", "Philip"]),
        (
            "Historians such as Jill Lepore and Lisa Brooks disagree. Compare Lepore OR Brooks on the war of 1675.",
            ["Jill Lepore", "Lisa Brooks"],
        ),
        ("In 1257 the adolescent al-Mansur Ali was placed on the throne.", ["al-Mansur Ali"]),
        ("In 1399 Prince Zhu Di rebelled. Zhu Di took the throne as the Yongle Emperor.", ["Zhu Di", "Yongle"]),
        ("In 1979 General Jeong Seung-hwa (also spelled Chung Seung-hwa) was arrested.", ["Jeong Seung-hwa", "Chung Seung-hwa"]),
        ("At midnight the radio played a song by José Afonso (usually called Zeca Afonso) in 1974.", ["José Afonso", "Zeca Afonso"]),
        (
            "In 1755 the leader of Valdor, known in Italian as Filippo Antonio Pasquale de' Paoli and in French as "
            "Pascal Paoli, became General of the Nation.",
            ["Filippo Antonio Pasquale de' Paoli", "Pascal Paoli"],
        ),
    ],
)
def test_other_names_link_one_person_and_a_capitalised_or_does_not(text: str, people: list[str]) -> None:
    """Every name expected is one person's name or alias; as many people as the text has."""
    found = _reading(text).extraction.persons
    persons = {name: p.name for p in found for name in (p.name, *p.aliases)}
    assert all(name in persons for name in people), found
    expected = len({persons[name] for name in people})
    assert len(found) == expected and expected == (2 if "Brooks" in text else 1), found


def test_an_act_told_only_by_pointing_at_another_is_not_asked_when() -> None:
    asked = _when_questions(
        "Valdor signed a truce at Marsk on 4 April 1884; the definitive Treaty of Peace and Friendship followed on 20 October 1904.[27]"
    )
    assert not [question for question in asked if "follow" in question or "[" in question], asked


def test_a_ship_named_once_as_a_ship_is_no_person_anywhere() -> None:
    reading = _reading(
        "The French freighter Valdora, under Captain Karl Brenner, had arrived in December 1917. "
        "Part of the Valdora's anchor landed three kilometres away. The inquiry blamed the Valdora."
    )
    names = {p.name for p in reading.extraction.persons}
    assert "Karl Brenner" in names and "Valdora" not in names, names


def test_an_occupation_opening_a_sentence_is_no_part_of_the_name() -> None:
    reading = _reading("Novelist Hugh Marsden set his novel in the days around the blast of December 1917.")
    assert [p.name for p in reading.extraction.persons] == ["Hugh Marsden"]


def test_one_man_named_twice_is_no_list_of_two() -> None:
    from studyapp.questions.clauses import main_clause, subject_as_written

    reading = _reading(
        "The duc de Choiseul, Étienne-François de Choiseul, Louis XV's leading minister, sent an "
        "expeditionary force that the Corsicans defeated at Borgo in October 1768."
    )
    clause = main_clause(reading.sentences[0])
    assert clause is not None and subject_as_written(clause) == "The duc de Choiseul"


def test_a_copula_with_only_a_place_after_it_is_a_whereabouts() -> None:
    from studyapp.questions.clauses import main_clause

    reading = _reading(
        "In late 1896 the consul Karl Brenner was on leave in Valdor. "
        "In late 1896 Karl Brenner was governor of Marsk. "
        "In January 1897 Karl Brenner led an expedition against Marsk."
    )
    found = [main_clause(s) for s in reading.sentences]
    assert [c is not None and c.whereabouts for c in found] == [True, False, False]


def test_driven_says_where_or_it_is_not_asked() -> None:
    assert not _when_questions("Michael Ducas drove the Latins in 1261 after a long siege.")
    asked = _when_questions("Michael Ducas drove the Latins out of Constantinople in 1261.")
    assert asked and all("out of Constantinople" in question for question in asked), asked


def test_a_sentence_cut_after_that_is_no_sentence() -> None:
    problem = _problem("The Sicilians meanwhile had sought the protection of the Pope, and, finding that Martin IV.")
    assert "cut off" in problem, problem


def test_a_name_the_parse_split_in_two_is_not_put_for_its_description() -> None:
    asked = _when_questions(
        "Its author, ʿAbd al-Raḥmān b. ʿAbd Allāh al-Saʿdī, was born in Timbuktu in 1594, three years after the events."
    )
    assert not [question for question in asked if "Allāh al" in question and "ʿAbd al-Raḥmān" not in question], asked


def test_a_name_never_runs_past_a_regnal_stop_into_the_next_sentence() -> None:
    reading = _reading(
        "In 1519 the king of Valdor became the Emperor\nKarl V. Needing money for his journey, in 1520 he summoned the Cortes."
    )
    assert "Karl V" in {p.name for p in reading.extraction.persons}


def test_him_after_a_name_in_the_by_phrase_of_another_verb_is_unclear() -> None:
    assert "'him'" in _problem("A council presided over by Karl Brenner sentenced him to death on 3 March 1870.")


def test_it_never_stands_for_a_person() -> None:
    assert "'it'" in _problem("Karl Brenner defied it, was arrested in December 1807 and was committed for trial.")


def test_an_arrival_with_only_its_date_is_not_asked_or_stated() -> None:
    questions = _questions("Lieutenant-Colonel Karl Brenner arrived on 28 July 1808 and took over the government of Valdor.")
    asked = [q.prompt for q in questions if q.kind != "cloze"]
    assert not [p for p in asked if p in ("Who arrived on 28 July 1808?", "Karl Brenner arrived on 28 July 1808.")], asked


def test_a_gap_whose_year_stands_beside_it_or_that_asks_a_spelling_is_not_made() -> None:
    gaps = [q.prompt for q in _gaps(
        "Karl Brenner returned to Valdor in 1922 to stand trial but died in custody in Marsk on 12 June 1922. "
        "All seven fleets were led by the eunuch Otto Keller; in older books his name is spelled Otto Keler.",
        "date",
    )]
    assert not [g for g in gaps if "{{c1::12 June 1922" in g], gaps
    spelled = [q.prompt for q in _gaps("In older books the name of the eunuch Otto Keller is spelled Otto Keler, as in 1905.", "person")]
    assert not [g for g in spelled if "{{c1::Otto Keler" in g], spelled


def test_a_pluperfect_passive_with_an_adverb_keeps_one_auxiliary() -> None:
    questions = _questions("Karl Brenner, for his part, had already been pardoned by President Otto Keller in 1799.")
    stated = [q.prompt for q in questions if q.kind != "cloze"]
    assert "Karl Brenner was pardoned by President Otto Keller in 1799." in stated, stated  # "already" meant before the other past


def test_a_date_something_was_set_for_or_that_may_date_an_earlier_event_is_not_asked_when() -> None:
    assert not _when_questions("The meeting of the Diet, several times put off, was fixed at last for 5 November 1605.")
    told = _questions(
        "The party turned to Valdor, and after a visit by Karl Brenner, the king's brother, in 1953, "
        "Marsk became the largest recipient of aid in the world."
    )
    assert not [q.prompt for q in told if q.kind != "cloze" and "1953" in q.prompt + q.answer], told
    assert _when_questions("Exactly one year after the coup, on 25 April 1975, most voters took part in elections for an assembly.")


def test_an_emphatic_did_is_restated_as_a_plain_past() -> None:
    from studyapp.questions.when import date_facts

    reading = _reading(
        "In 1378 the Great Schism divided the Church of Marsk. The Council of Valdor did end the Schism by electing Karl Brenner in 1417."
    )
    stated = [fact.statement for fact in date_facts(reading)]
    assert "The Council of Valdor ended the Schism by electing Karl Brenner in 1417." in stated, stated


def test_a_journey_with_nothing_done_is_told_apart_from_a_deed() -> None:
    from studyapp.questions.clauses import main_clause

    reading = _reading(
        "On 17 August 1953 the ambassador Karl Brenner returned to Valdor. "
        "In 1896 Otto Keller wrote to the Foreign Office. "
        "In 1948 Karl Brenner returned to power. "
        "In June 1759 Otto Keller arrived off Valdor with 8,500 troops. "
        "In 1808 Karl Brenner wrote a letter to the king."
    )
    assert [(c := main_clause(s)) is not None and c.journey for s in reading.sentences] == [True, True, False, False, False]


def test_a_hedged_date_is_no_default_question() -> None:
    assert not studied_by_default(_record("cloze", "date", "Karl Brenner was born around {{c1::1742::date}} in Valdor."))
    assert not studied_by_default(_record("true_false", "date", "Karl Brenner was born around 1742 in Valdor."))
    assert studied_by_default(_record("cloze", "date", "In {{c1::July 1963::date}} the party won about 54 per cent of the vote."))


def test_a_date_in_an_aside_makes_a_weaker_gap_than_the_main_verbs() -> None:
    from studyapp.questions import cloze
    from studyapp.questions.when import date_facts

    reading = _reading(
        "The new governor, Karl Brenner, who had arrived in August 1949, declared a state of emergency in Valdor in January 1950."
    )
    quality = {c.record.answer: c.quality for c in cloze.write(reading, date_facts(reading))}
    assert quality["August 1949"] < quality["January 1950"], quality


def test_a_name_among_others_who_shared_a_fate_is_no_gap() -> None:
    gaps = _gaps("Karl Brenner was killed at Valdor in 1415, as were Otto Keller and Hans Gruber.", "person")
    assert not [g for g in gaps if "{{c1::Karl Brenner" in g.prompt], gaps


def test_which_one_is_asked_of_an_owner_and_of_a_second_main_clause() -> None:
    assert "'the corps'" in _problem("The outbreak of the war in Valdor in 1821 exposed the corps' weaknesses.")
    problem = _problem("Karl Brenner pronounced sentence, and on 18 May 1781, in the square of Valdor, the prisoners were put to death.")
    assert "'the prisoners'" in problem, problem


def test_marching_out_says_from_where() -> None:
    assert "'out'" in _problem("In January 1896 Major Karl Brenner was allowed to march out with his men.")
    assert _problem("In January 1896 Major Karl Brenner was allowed to march out of Valdor with his men.") == ""


def test_a_year_beside_the_sentences_other_year_is_no_gap() -> None:
    gaps = _gaps("A gathering at Valdor in late 1892 and a larger rally at Marsk in the spring of 1893 added demands by Karl Brenner.", "date")
    assert not [g for g in gaps if "{{c1::1893" in g.prompt], gaps


def test_a_past_event_told_in_the_present_is_asked_and_stated_in_the_past() -> None:
    from studyapp.questions.when import date_facts

    told = {
        fact.answer: (fact.question, fact.statement)
        for fact in date_facts(
            _reading(
                "In 1823 Karl Brenner abolishes the leases of the nobles of Valdor. "
                "In May 1830 Otto Keller is shipped to Marsk as a prisoner of the Dutch. "
                "July 1675 – Karl Brenner escapes from Valdor swamp to Marsk country."
            )
        )
    }
    assert told["1823"][0] == "When did Karl Brenner abolish the leases of the nobles of Valdor?", told
    assert told["May 1830"] == (
        "When was Otto Keller shipped to Marsk as a prisoner of the Dutch?",
        "Otto Keller was shipped to Marsk as a prisoner of the Dutch in May 1830.",
    ), told
    assert told["July 1675"][1] == "Karl Brenner escaped from Valdor swamp to Marsk country in July 1675.", told


def test_a_present_dated_elsewhere_stays_a_present() -> None:
    assert "present tense" in _problem("The museum of Valdor, founded by Karl Brenner in 1905, holds three thousand objects.")


def test_a_name_beside_the_object_does_not_end_the_predicate() -> None:
    asked = _when_questions("In 1826 the Dutch brought the sultan of Marsk, Karl Brenner, back from exile and put him on the throne.")
    assert asked == ["When did the Dutch bring the sultan of Marsk, Karl Brenner, back from exile?"], asked


def test_a_second_clause_the_parse_hung_on_a_noun_is_not_asked() -> None:
    asked = _when_questions(
        "On the 20th of July 1825 Dutch troops attack Valdor, the estate burns, and Karl Brenner escapes to a cave at Marsk."
    )
    assert not [q for q in asked if "escape" in q], asked


def test_an_african_army_names_no_one() -> None:
    assert not studied_by_default(_record("true_false", "date", "An African army destroyed a modern European one on 1 March 1896."))
    assert studied_by_default(_record("basic", "date", "When did An Lushan march south from Fanyang?"))


def test_a_titled_or_numbered_person_the_model_reads_as_a_place_is_still_a_person() -> None:
    reading = _reading(
        "In 1389 Sultan Murad I marched on Valdor. Murad assembled his army at Marsk in the spring of 1389. "
        "Murad was killed at Valdor on 15 June 1389."
    )
    assert "Murad I" in [p.name for p in reading.persons]


def test_a_title_never_reaches_across_a_full_stop() -> None:
    found = _reading(
        "In 1414 King Karl Brenner called a council at Valdor, where three men claimed to be pope. "
        "Jan Hus travelled there in November 1414. Hus was burned at Valdor in July 1415."
    ).extraction.persons
    assert [(p.name, p.titles) for p in found if "Hus" in p.name] == [("Jan Hus", ())], found


def test_a_roman_numeral_keeps_its_capitals() -> None:
    found = _reading("In 1411 Pope John XXIII sold indulgences to pay for a war against King Karl Brenner.").extraction.persons
    assert "John XXIII" in [p.name for p in found], found


def test_a_glossary_line_is_a_note_but_a_dash_aside_is_not() -> None:
    assert "labelled note" in _problem(
        "Caisse de la Dette Publique – international commission set up in 1876 to receive revenues assigned to the foreign debt."
    )
    assert _problem("Karl Brenner — nicknamed Rambo by the press in 1987 — served as prime minister from 1992.") == ""


def test_irregular_and_present_verbs_are_asked_in_their_base_form() -> None:
    assert _when_questions("On 31 May 1809 at Valdor, near Marsk, Karl Brenner blew up his own redoubt rather than surrender.") == [
        "When did Karl Brenner blow up his own redoubt rather than surrender?"
    ]
    assert _when_questions("In 1647 Karl Brenner seizes the estate of Otto Keller at Valdor.") == [
        "When did Karl Brenner seize the estate of Otto Keller at Valdor?"
    ]


def test_a_gap_cutting_a_name_at_its_particle_or_leaving_its_year_in_view_is_not_made() -> None:
    people = _gaps("In 1768 the minister of France, the duc de Choiseul, supplied the confederates of Valdor with money.", "person")
    assert not [g for g in people if "{{c1::de Choiseul" in g.prompt], people
    dates = _gaps("Karl Brenner was killed in early 1513, and Otto Keller was executed at Valdor in April 1513.", "date")
    assert not [g for g in dates if "{{c1::April 1513" in g.prompt], dates


def test_a_name_with_an_epithet_is_one_person_and_a_place_named_in_a_heading_is_no_one() -> None:
    found = _reading("In 1396 the court of Karl Brenner welcomed a crusade led by Philip the Bold.").extraction.persons
    assert "Philip the Bold" in [p.name for p in found], found
    reading = _reading(
        "5. Tel el-Kebir and after",
        "At dawn on 13 September 1882 the troops of Karl Brenner stormed the Egyptian lines at Tel el-Kebir.",
    )
    assert "Tel el-Kebir" not in [p.name for p in reading.extraction.persons]


def test_modifiers_listed_before_one_noun_stay_with_it() -> None:
    assert _when_questions("In January 1520 a large army of German, French and Scottish mercenaries crossed into Valdor.") == [
        "When did a large army of German, French and Scottish mercenaries cross into Valdor?"
    ]


def test_a_name_after_such_as_is_one_of_a_list() -> None:
    gaps = _gaps("In 1867 such politicians as Karl Brenner of Valdor, Otto Keller and Hans Gruber urged reform.", "person")
    assert not [g for g in gaps if "{{c1::Karl Brenner" in g.prompt], gaps


def test_a_title_only_one_person_holds_or_a_quoted_speaker_is_no_gap() -> None:
    gaps = _gaps(
        "Prince Karl Brenner ruled Valdor from 1941. In 1955 Otto Keller met Prince Karl Brenner in Marsk and "
        "signed a treaty with Hans Gruber.",
        "person",
    )
    assert not [g for g in gaps if "Prince {{c1::" in g.prompt], gaps
    said = _gaps('"I surrendered for two reasons," said Karl Brenner, a fighter in Valdor, in March 1996.', "person")
    assert not [g for g in said if "{{c1::Karl Brenner" in g.prompt], said


def test_a_double_name_keeps_its_hyphen_and_an_emphatic_himself_leans_back() -> None:
    asked = _when_questions(
        "Badeni's successors inherited the problem in Valdor. His successor, Count Karl Thun-Hohenstein, "
        "took office in March 1898 with Otto Keller as finance minister."
    )
    assert asked and all("Thun-Hohenstein" in question for question in asked), asked
    assert "'himself'" in _problem("In 1899 Karl Brenner himself led the attack on the fort of Valdor.")


def test_a_span_counted_from_a_named_event_does_not_lean_back() -> None:
    assert "Within eight months" not in _problem("Within eight months of the landing, Karl Brenner had taken Valdor in 1899.")


def test_a_name_in_apposition_keeps_its_capital_when_it_follows_the_date() -> None:
    story = (
        "The Valdorian Law said nothing about land, schooling or wages. Even the paper trail was "
        "attacked: on 14 December 1890 the republic's finance minister, Tomas Varela, ordered the "
        "slavery records of the Treasury to be burned, officially to block planters' compensation claims."
    )
    statements = _statements(story)
    assert statements and all("Tomas Varela ordered" in s for s in statements), statements


def test_an_object_it_is_not_the_verb_s_own_subject() -> None:
    text = "The Chamber of Deputies passed it on 10 May 1888 by 83 votes to 9."
    assert "'it'" in _problem(text, "Karl Brenner presented the bill in May 1888.")


def test_a_hedge_is_never_asked_or_stated() -> None:
    story = (
        "Karl Brenner led the reform party of Valdor for twenty years. Karl Brenner died in 1086, "
        "reportedly in despair when he heard the tax reform had been abolished."
    )
    shown = [q.prompt for q in _questions(story) if q.kind != "cloze"]
    assert not [prompt for prompt in shown if "reportedly" in prompt], shown


def test_a_statement_keeps_every_name_of_a_long_list_subject() -> None:
    story = (
        "Brandt, Keller, Varga, Horvath and Lenz were released from Marsk prison on 15 October 1989. "
        "Otto Kaspar was freed in November 1987."
    )
    statements = [s for s in _statements(story) if "released" in s]
    assert statements and all("Horvath and Lenz were" in s for s in statements), statements


def test_the_year_a_work_came_out_is_not_studied() -> None:
    story = (
        "Karl Brenner led the first heart operation in Marsk on 3 December 1967. The journalist "
        "Tomas Varela discusses the operation of Karl Brenner in his 2006 history of Valdorian surgery."
    )
    questions = _questions(story)
    assert "2006" in [q.answer for q in questions if q.extra]
    assert "2006" not in [q.answer for q in questions if not q.extra]


def test_a_number_whose_things_are_then_named_is_no_gap() -> None:
    from studyapp.questions.how_many import _listed_after

    def listed(text: str) -> list[bool]:
        reading = _reading(text)
        return [_listed_after(s, f) for s in reading.sentences for f in reading.figures.get(s, [])]

    assert listed("The survivors chose two young tribunes, Karl Brenner and Otto Keller, as leaders.") == [True]
    assert listed("The survivors chose two young tribunes of the legion as leaders.") == [False]


def test_a_return_told_twice_is_not_asked_when() -> None:
    story = (
        "When the Liberals won, their leader, President Benito Varga, returned to Marsk in January 1861. "
        "The French took Marsk in June 1863. Varga returned to the capital in July 1867."
    )
    assert not [q for q in _questions(story) if q.prompt.startswith("When did") and "return" in q.prompt]


def test_a_list_subject_missing_its_first_item_is_not_shown() -> None:
    story = "On 31 October 1861 Britain, France and Spain signed the Convention of Marsk, agreeing to send a force."
    shown = [q.prompt for q in _questions(story) if q.kind != "cloze"]
    assert not [p for p in shown if "France and Spain" in p and "Britain" not in p], shown


def test_the_scene_set_by_a_time_clause_is_not_asked() -> None:
    story = (
        "After the Valdorian Civil War ended in 1865, the republic of Marsk pressed Ostmark to leave, "
        "and Otto Keller began withdrawing his troops in 1866."
    )
    assert not [q for q in _questions(story) if q.prompt.startswith("When") and "Civil War end" in q.prompt]


def test_who_is_not_asked_of_one_who_did_it_alongside_others() -> None:
    from studyapp.questions.clauses import main_clause
    from studyapp.questions.who import _in_company

    def in_company(text: str) -> bool:
        sentence = _reading(text).sentences[0]
        return _in_company(sentence.words, main_clause(sentence).verb)

    assert in_company("Ilse Brandt died in the crash near Marsk, alongside President Karl Brenner and 94 others.")
    assert not in_company("Ilse Brandt died in the crash of the presidential aircraft near Marsk in 2010.")


def test_a_date_that_labels_a_noun_is_a_side_detail() -> None:
    from studyapp.questions.cloze import _aside_quality
    from studyapp.questions.facts import find_facts

    reading = _reading(
        "Karl Brenner had about 6,000 men, among them veterans of the Marsk War and the Valdor campaign of 1859."
    )
    dated = [f for f in find_facts(reading) if f.about == "date"]
    assert dated and all(_aside_quality(f) < 1.0 for f in dated)


def test_a_participle_after_a_list_of_names_is_a_passive() -> None:
    story = (
        "Behind the manifesto stood two men who were no longer officers at all: Sato Kenji and Tanaka "
        "Hiroshi, dismissed from the army in 1935 after the murky affair known as the Kobe Incident of 1934."
    )
    statements = _statements(story)
    assert statements and all("were dismissed" in s for s in statements), statements


def test_the_first_word_of_a_name_keeps_its_capital_in_a_question() -> None:
    story = "Baccio della Porta, later the painter Fra Bartolomeo, became a Dominican in 1500 in Marsk."
    asked = [q.prompt for q in _questions(story) if q.prompt.startswith("When")]
    assert asked and all("Baccio della Porta" in p for p in asked), asked


def test_an_aside_on_a_place_ends_the_question_there() -> None:
    story = (
        "Karl Brenner was born on 15 December 1754 at Marsk, a village in the Valdorian state of "
        "Ostmark, into the Torodbe, a lineage of scholars. He led the revolt of 1804."
    )
    shown = [q.prompt for q in _questions(story) if q.kind != "cloze" and "born" in q.prompt]
    assert shown and all("village" not in p for p in shown), shown


def test_a_date_inside_a_foreign_gloss_the_sentence_drops_is_no_gap() -> None:
    story = (
        "The Valdor War (源平合戦, Valdor kassen, 1180–1185) was a national civil war between the Marsk "
        "and Ostmark clans. Karl Brenner won the last battle on 25 April 1185."
    )
    assert all("{{c1::" in q.prompt for q in _questions(story) if q.kind == "cloze")


def test_a_clause_opened_by_whose_asks_nothing_on_its_own() -> None:
    asked = _when_questions(
        "The decisive change came with ciclosporin (cyclosporine), whose immunosuppressive properties were "
        "discovered by Jean-Marc Ederle at Sandoz in 1961."
    )
    assert not [question for question in asked if "whose" in question]  # "When were whose … discovered?"


def test_he_after_a_name_in_an_opening_by_phrase_is_someone_else() -> None:
    reading = _reading(
        "In 1342 Prince Tadamori issued a call to arms against the regent. "
        "Supported by the elderly Kiyowara no Sadamune, he took refuge at the temple of Ishiyama-dera."
    )
    standing = reading.standings[reading.sentences[1]]
    assert standing.subject_name == "Tadamori" or standing.problem  # never taken as "he" = Sadamune


def test_a_bare_given_name_with_an_aside_is_written_in_full() -> None:
    statements = _statements(
        "Prime Minister Hamid Wiraatmadja, who had signed the truce, was forced to resign in January 1948. "
        "The army crushed the revolt in the east; the rebel leader Kusno was killed on 31 October 1948. "
        "Hamid, who had joined the rebels, was executed on 19 December 1948."
    )
    executed = [s for s in statements if "executed" in s]
    assert executed and all("Hamid Wiraatmadja" in s for s in executed)


def test_a_date_labelling_a_common_noun_is_weak_but_a_season_of_a_year_dates_the_verb() -> None:
    from studyapp.questions import cloze
    from studyapp.questions.when import date_facts

    reading = _reading(
        "Valdor declared war on Marsk in March 1811. "
        "Anton Kessel crossed the Varda with his army in the autumn of 1814. "
        "Kessel had about 6,000 men, among them veterans of the northern campaign of 1809."
    )
    quality = {c.record.answer: c.quality for c in cloze.write(reading, date_facts(reading))}
    assert quality["1809"] < 0.5 * quality["1814"], quality


def test_a_citation_number_the_parse_hung_on_the_verb_is_never_shown() -> None:
    shown = [
        q.prompt for q in _questions(
            "Only two years later, in August 1382, Varsk was captured and burned by Khan Tokhmar, "
            "and tribute to the Horde continued to be paid for about another century.[4]"
        ) if q.kind != "cloze"
    ]  # fmt: skip
    assert shown and not [text for text in shown if re.search(r"\b4\b", text)], shown


def test_a_birth_year_worked_out_from_an_age_and_another_year_is_no_gap() -> None:
    assert not _gaps("Ivan Dolgorov was born on 12 October 1350 and became Prince of Varsk in 1359, at the age of nine.", "date")


def test_a_short_form_of_a_name_given_just_before_is_written_in_full() -> None:
    questions = _questions(
        "Under the Treaty of Marsk of 1868, Valdor promised the Black Hills to the Lakota people. "
        "In 1874 an army expedition led by Colonel Karl Brenner went into the Hills and announced that it had found gold.",
    )
    shown = [q.prompt for q in questions if "expedition" in q.prompt]
    assert shown and all("the Black Hills" in text for text in shown), shown


def test_a_longer_name_written_only_after_the_sentence_does_not_explain_it() -> None:
    questions = _questions(
        "In 1874 an army expedition led by Colonel Karl Brenner went into the Hills and announced that it had found gold. "
        "The Black Hills were sacred to the Lakota people.",
    )
    assert not [q for q in questions if "Black Hills" in q.prompt and "expedition" in q.prompt]


def test_a_regnal_number_is_not_the_writer_speaking() -> None:
    assert "'I'" not in _problem("The Valdorian king, Otto I, sat upon the throne at Marsk in 1605.")


def test_a_gap_inside_an_editors_square_brackets_is_no_gap() -> None:
    gaps = _gaps(
        "Otto Keller was crowned at Marsk [ed.: on 3 November 1605] in the great hall of Valdor.",
        "date",
    )
    assert not gaps


def test_an_aside_on_the_object_is_left_out_and_the_verbs_phrase_kept() -> None:
    asked = _when_questions(
        "In December 1821 the naval officer Robert F. Brenner pressured King Oduro, a local Dei ruler, "
        "into handing over Cape Valdor."
    )
    assert asked and all("into handing over Cape Valdor" in question for question in asked), asked


def test_a_man_of_one_name_is_answered_with_his_title() -> None:
    questions = _questions(
        "In December 1821 the naval officer Robert F. Brenner pressured King Oduro, a local Dei ruler, "
        "into handing over Cape Valdor."
    )
    who = [q for q in questions if q.prompt.startswith("Who did")]
    assert who and all(q.answer == "King Oduro" for q in who), [(q.prompt, q.answer) for q in who]


def test_a_chapters_opening_word_in_capitals_is_written_as_a_word() -> None:
    from studyapp.questions.phrases import tidy

    assert tidy("WHEN Suleiman came to the throne in 1520, the Knights held Rhodes.").startswith("When Suleiman")
    assert tidy("US troops landed in 1944.").startswith("US troops")


def test_a_year_shared_with_another_day_of_the_sentence_is_no_gap() -> None:
    gaps = _gaps(
        "Two assaults of the bishop's army on Varsk, on the 25th of May and on the 31st of August, 1534, were beaten back.",
        "date",
    )
    assert not gaps


def test_a_surname_two_people_share_is_no_subject_for_a_statement() -> None:
    statements = _statements(
        "Pak Sun-il was a naval officer. Pak Chong-ho commanded the Right Jeolla fleet from 1590. "
        "Pak was appointed commander of the Left Jeolla naval district in 1591."
    )
    assert not [s for s in statements if s.startswith("Pak was")], statements


def test_a_man_called_by_one_name_throughout_is_not_answered_with_his_birth_name() -> None:
    reading = _reading(
        "Born Giulio Mazzarini in 1602, Mazzarin entered the service of the crown. "
        "Mazzarin became first minister in 1643. Mazzarin fled Paris in 1651. Mazzarin returned to Paris on 3 February 1653."
    )
    person = next(p for p in reading.persons if "Mazzarin" in reading.forms(p))
    assert "Giulio Mazzarini" in reading.forms(person)  # one man
    assert reading.shown_name(person) == "Mazzarin"


def test_an_encyclopedia_headword_and_a_source_caption_are_not_sentences() -> None:
    assert "headword" in _problem("FRONDE, THE (Fr. fronde, a sling), the name given to the disturbances of 1648 in France.")
    assert _problem("Words spoken by Robert Kessel to the rioters, as reported by Alexander Norwell in his history (1575).")


def test_a_name_that_opens_the_next_clause_is_not_cut_into_the_statement() -> None:
    statements = _statements(
        "Louis XIV was declared of age on Sept. 7, 1651, and Conde, quarrelling with the court, withdrew to Bordeaux."
    )
    assert not [s for s in statements if s.rstrip(".").endswith("and Conde")], statements


def test_a_timeline_row_is_not_a_sentence() -> None:
    assert "timeline row" in _problem("12 June 1832 – Organic Statute issued by Karl Brenner.")
    # A regnal numeral is part of the name, not the subject "I" of a finite verb.
    assert "timeline row" in _problem("May 1829 – Ludovic I crowned King of Valdoria in Marsk.")
    assert "timeline row" not in _problem("July 1675 – Karl Brenner escapes from Valdor swamp to Marsk country.")


def test_a_span_of_years_is_never_a_typed_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    from studyapp.questions import cards
    from studyapp.questions.when import date_facts

    monkeypatch.setattr(cards, "_digest", lambda _question: 0)  # every card that may be typed is
    reading = _reading(
        "Karl Brenner ruled Valdor in 1808–1810 as regent for the young king Otto. "
        "Karl Brenner was elected governor of Valdor on 3 May 1812."
    )
    made = cards.flashcards(reading, date_facts(reading))
    assert any(c.record.kind == "typed" for c in made)  # the single day still is
    assert not [c.record.answer for c in made if c.record.kind == "typed" and "–" in c.record.answer]


def test_a_kings_name_in_a_plays_title_is_no_person_gap() -> None:
    gaps = [q for q in _questions("Anton Kessel dramatised the battle in Henry VI, Part 3.") if q.kind == "cloze"]
    assert gaps and not [g for g in gaps if g.answer == "Henry VI"]


def test_an_adjective_before_a_name_at_the_start_is_no_part_of_it() -> None:
    asked = _when_questions("Young Gustav Eriksson had escaped from his captivity in 1519 and made his way to Marsk.")
    assert asked and all("young Gustav Eriksson" in q or "Young" not in q for q in asked), asked


def test_a_year_worked_out_from_a_year_before_is_no_gap() -> None:
    gaps = _gaps("Valdor recognised Marsk in the Treaty of Osterby in 1328, a year before Karl Brenner died on 7 June 1329.", "date")
    assert not [g for g in gaps if g.answer == "7 June 1329"]


def test_a_phrase_with_between_and_one_side_only_is_cut_nowhere() -> None:
    asked = _when_questions(
        "The Battle of Varsk was fought on 23–24 June 1314 between the army of Karl Brenner, King of Valdor, "
        "and the army of Otto of Marsk."
    )
    assert not [q for q in asked if q.rstrip("?").endswith("Karl Brenner")], asked


def test_a_speaker_label_and_ocr_spaces_are_not_shown() -> None:
    from studyapp.questions.phrases import tidy

    assert tidy("NARRATOR (V.O.): The roots of the conflict reach back to 1501.") == "The roots of the conflict reach back to 1501."
    assert tidy("Brenner took the Morea (1684- 1687), whose name signifies \" the mad.\"") == (
        "Brenner took the Morea (1684-1687), whose name signifies \"the mad.\""
    )


def test_a_between_with_both_sides_stays_and_with_one_side_goes() -> None:
    asked = _when_questions("The Battle of Varsk was fought on 23–24 June 1314 between the armies of Valdor and Marsk.")
    assert asked and all("between the armies of Valdor and Marsk" in q for q in asked), asked
    assert not _when_questions("A truce was signed on 23 June 1314 between the Valdorians under Karl Brenner.")


def test_a_verb_that_takes_no_object_is_never_made_passive() -> None:
    shown = [
        q.prompt for q in _questions(
            "Valdor had been a Grand Duchy of the Marsk Empire since 1809. "
            "When Tsar Otto II abdicated in March 1917, Valdorian politics became deeply unstable."
        ) if q.kind != "cloze"
    ]  # fmt: skip
    assert any("abdicated" in text for text in shown), shown
    assert not [text for text in shown if "was abdicated" in text], shown


def test_a_given_name_written_out_is_preferred_to_its_initial() -> None:
    reading = _reading(
        "BRENNER, NATHANIEL (1647-1676), leader of the Valdor rising. Nathaniel Brenner was b. in Suffolk. "
        "N. Brenner came to Valdor in 1674. N. Brenner led the rising of 1676. N. Brenner died in October 1676."
    )
    person = next(p for p in reading.persons if "N. Brenner" in reading.forms(p))
    assert reading.shown_name(person) == "Nathaniel Brenner"


def test_an_initialled_subject_is_written_with_the_given_name() -> None:
    asked = _when_questions(
        "Nathaniel Brenner was born in Suffolk in 1647. In 1674, with money from his father, N. Brenner emigrated to Valdor."
    )
    assert any("Nathaniel Brenner emigrate" in q for q in asked), asked


def test_a_wrong_person_is_written_as_the_article_usually_writes_him() -> None:
    """ "Custer's attack", not the "George" the article uses once: the same statement whatever
    order a set of the person's forms comes in."""
    from studyapp.core.extraction import Mention, Person
    from studyapp.questions.true_false import _person_form

    mentions = [Mention(0, 10 * i, 10 * i + 6, "Brenko") for i in range(3)] + [Mention(1, 0, 6, "Karlis")]
    for order in (mentions, mentions[::-1]):
        person = Person("Karlis Brenko", ("Karlis", "Brenko"), mentions=tuple(order))
        assert _person_form(person, "Hahn") == "Brenko"


def test_a_subject_with_an_aside_keeps_the_comma_that_closes_it() -> None:
    statements = _statements(
        "On 29 August 1786, around fifteen hundred men, some carrying muskets and some just clubs, "
        "marched into Marsk and stopped the county court of Karl Brenner from sitting."
    )
    assert statements and all("some just clubs, marched" in s for s in statements), statements


def test_a_name_with_its_peerage_keeps_its_comma() -> None:
    statements = _statements("His successor, Karl Otto Brenner, Lord Marsk, took office in Valdor in May 1872.")
    assert statements and all(s.startswith("Karl Otto Brenner, Lord Marsk") for s in statements), statements


def test_a_date_after_and_belongs_to_the_next_verb() -> None:
    asked = _when_questions(
        "After the Valdor Company annexed the Marsk in 1849, Karl Brenner went home, and on the festival "
        "of Baisakhi in April 1857 he formally founded the Namdhari order at Bhaini."
    )
    assert not [q for q in asked if "go home" in q], asked


def test_among_the_unnamed_many_leans_back() -> None:
    assert "the defenders" in _problem(
        "Among the defenders was Karl Brenner of Marsk, whose strength had earned him the name of the Samson of Valdor in 1502."
    )
    assert "the defenders" not in _problem("Among the defenders of Valdor was Karl Brenner, whose strength had earned him a name in 1503.")


def test_a_row_with_leader_dots_is_not_a_sentence() -> None:
    reading = _reading("15 January 1831 .............. Karl Brenner hanged at Marsk by Otto Hahn.")
    row = [s for s in reading.sentences if "Karl Brenner" in s.text]
    assert row and all("table row" in reading.standings[s].problem for s in row)
    assert all(reading.standings[s].problem for s in reading.sentences)


def test_a_preposition_s_object_read_into_the_subject_makes_no_question() -> None:
    asked = _when_questions(
        "Otto Hahn was hanged on the same day for his part in the riots around Valdor, and at Reading "
        "William Winterbourne of Marsk was executed on 11 January 1831."
    )
    assert not [q for q in asked if "Reading William" in q], asked


def test_a_reply_after_a_semicolon_still_needs_what_it_answers() -> None:
    asked = _when_questions(
        "Karl Brenner, an officer wounded in the campaign, wrote a scathing book in 1880 tearing into Otto Hahn; "
        "Hahn answered with his own memoir, A Soldier in Marsk, in 1884."
    )
    assert not [q for q in asked if "answer" in q], asked


def test_a_statement_keeps_the_perfect_of_an_opening_since() -> None:
    from studyapp.questions.clauses import main_clause, statement

    reading = _reading("Since 1739 the Valdorian throne had been occupied by kings of the Brenner dynasty, who came from Marsk.")
    clause = main_clause(reading.sentences[0])
    assert clause is not None and "had been occupied" in statement(clause)


def test_the_museum_a_visitor_stands_in_is_no_place_for_a_learner() -> None:
    assert "speaks to a listener" in _problem(
        "Karl Brenner wrote a hostile history of him; Valdoria put him on the five-mark note and built this museum in 1975."
    )


def test_who_was_a_nationality_and_a_faith_is_not_asked() -> None:
    story = (
        "The garrison of Marsk was commanded by Karl Brenner in September 1649. "
        "Brenner was an Englishman and a Roman Catholic, who had learned his trade in the Valdorian wars."
    )
    asked = _person_questions_on(story, "Englishman")
    assert not [q for q in asked if "Englishman" in q], asked
