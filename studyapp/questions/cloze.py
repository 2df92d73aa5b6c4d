"""Cloze flashcards: one key term of a sentence that stands alone, hidden Anki-style ``{{c1::term::hint}}``."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from rapidfuzz import fuzz

from studyapp.core.english import PEERAGES
from studyapp.core.extraction import ParsedSentence
from studyapp.questions.clauses import REPORTING
from studyapp.questions.dates import MONTHS
from studyapp.questions.facts import Fact
from studyapp.questions.phrases import rewrite, tidy
from studyapp.questions.reading import Reading
from studyapp.questions.records import Candidate, record
from studyapp.questions.slots import subject_name
from studyapp.questions.standing import RELATIVE_TIME

# Places and bodies are named often and asked for less: a gap on "India" teaches little.
# A gap on a place is usually given away by the sentence ("the ___ remained secular" beside
# Pakistan); an acronym in a gap is letters to recall, not history: both go to "more".
ABOUT = {"date": 1.0, "person": 1.0, "number": 0.9, "organisation": 0.45, "place": 0.45}
# A gap's hint says what kind of answer is wanted where the kind is sure; a place or a
# body may be labelled wrongly, and a wrong hint misleads more than none.
HINTED = frozenset({"date", "person", "number"})
MAX_TERM_WORDS = 6
COMFORTABLE_WORDS = 25  # beyond this a cloze gets harder to read at a glance
# A sentence that leans on the one or two before it ("The fire burned for five days") is shown
# after them: a card of up to this many words, a little less good than one that stands alone.
MAX_CARD_WORDS = 60
LEAD_IN_QUALITY = 0.85
# A date inside an aside ("Arden-Clarke, who had arrived in ___, declared a state of
# emergency"; "Bligh, a naval officer linked to the mutiny in ___, was appointed") dates a side
# detail while the sentence says something else (blind reads of sets 20 and 23): less good.
ASIDE_QUALITY = 0.5
# A date that only labels a common noun ("veterans of the campaign of ___", "the brigade
# commander of ___") while the sentence says something else: set 37's readers called such
# gaps incidental. A named thing's date ("the Treaty of Nerchinsk of ___") is its own fact.
LABEL_QUALITY = 0.3
_ASIDE_DEPS = frozenset({"relcl", "acl", "appos"})
_HEDGE = re.compile(
    r"(?:some|about|around|nearly|almost|approximately|roughly|over|more than|fewer than|less than|"
    r"up to|at least|only|just|perhaps|a few)\s+",
    re.IGNORECASE,
)
_RANGE = re.compile(r"\d\s*(?:–|-|—|/|to|until|through)\s*\d|\d{4}s\b")
_LIFESPAN = re.compile(r"\(\s*\{\{c1::\d{3,4}\s*[–-]")
_YEAR = re.compile(r"\b1\d{3}\b|\b20\d{2}\b")
_MONTH_NAMES = "|".join(MONTHS[1:])
# "on the 25th of May and on …", "on May 25 and …": a day named without its year.
_DAY_WITHOUT_YEAR = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?(?: of)? (?:{_MONTH_NAMES})\b(?!,? \d)|\b(?:{_MONTH_NAMES}) \d{{1,2}}(?:st|nd|rd|th)?\b(?!,? \d)"
)
_PART_OF_A_WORK = re.compile(r",? Part (?:\d+|[IVX]+|One|Two|Three)\b")
_YEAR_APART = re.compile(
    r"\b(?:a|one|two|three|\d) years? (?:before|after|later|earlier)\b|\bthe (?:following|next|previous) year\b", re.IGNORECASE
)
_AGE = re.compile(r"\b(?:at the age of|aged|age)\s+\w+|\b\w+[- ]years?[- ]old\b", re.IGNORECASE)
_DAY = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?,? [A-Z][a-z]+|[A-Z][a-z]+ \d{1,2}(?:st|nd|rd|th)?\b(?!\d)")
_NAME = re.compile(r"\b[A-Z][\w’'-]+")
# An office held by one person at a time names them: "Khmer Rouge leader ___", "President ___".
_HIGH_OFFICES = frozenset(
    {"leader", "president", "king", "queen", "emperor", "empress", "chancellor", "pope", "shah",
     "sultan", "tsar", "czar", "premier", "dictator", "minister", "secretary", "chairman"}
)  # fmt: skip
# "the duc ___" for "de Choiseul": a gap opening on a particle cuts the name a learner knows.
_PARTICLE_FIRST = re.compile(r"(?:de|d'|von|van|da|du|di|del|della|der|den|le|la|zu|y)\s")
# "___ was killed, as were Michael de la Pole and Dafydd Gam": others shared the fate.
_AS_WERE = re.compile(r",\s+as (?:were|was|did|had) [A-Z]")
_SUCH_AS = re.compile(r"\bsuch (?:[a-z]+ ){0,2}as\s+$|\bsuch as\s+$")  # "such politicians as ___ of Tosa, Komatsu and Okubo"
_CLOZE = re.compile(r"\{\{c1::(.*?)(?:::[a-z]+)?\}\}")
# "Maximilian von Prittwitz und Gaffron", "Zapata y Luján": a particle and more name after the gap.
_NAME_GOES_ON = re.compile(r"\s+(?:und|y|e|de|del|della|di|da|van|von|zu|du|le|la)\s+[A-Z]")
# "___, a Dutch-born officer known in Russian service as Login Petrovich Geiden": the same
# man by another name, close after the gap.
_OTHER_NAME_AFTER = re.compile(
    r"^[^.;:]{0,60}?\b(?:known|called|styled|better known)(?: (?:in|to|by|among) [\w ]{1,30}?)? as [\"“']?[A-Z]"
)
# "Johann Tserclaes, Count of Tilly": the peerage a man is known by, right after his name.
_PEERAGE_AFTER = re.compile(rf",\s+(?:the\s+)?(?:\d+(?:st|nd|rd|th)\s+)?(?:{PEERAGES}|Prince|Princess)\s+(?:of\s+)?[A-Z]")


def cloze_text(reading: Reading, fact: Fact, lead_in: Sequence[ParsedSentence] = ()) -> tuple[str, str] | None:
    """The sentence with the fact's term hidden (after the ``lead_in`` sentences it leans
    on), and the term as written; None if the term shows twice."""
    assert fact.span is not None
    sentence = fact.sentence
    span = _without_hedge(sentence, fact) if fact.about == "number" else fact.span
    term = tidy(sentence.text[span[0] - sentence.start : span[1] - sentence.start])
    hint = f"::{fact.about}" if fact.about in HINTED and _kind_is_sure(reading, fact, term) else ""
    replacements = {span: f"{{{{c1::{term}{hint}}}}}"}
    shown_before = [_as_shown(reading, before) for before in lead_in]
    name, pronoun = subject_name(reading, sentence)
    if pronoun is not None and not _named_in(name, shown_before):
        replacements[pronoun] = name
    text = " ".join([*shown_before, rewrite(sentence, replacements)])
    if "{{c1::" not in text:
        return None  # the term sat in a gloss the sentence is shown without ("(源平合戦, …, 1180–1185)")
    visible = _CLOZE.sub("", text).lower()
    shown = [term, *fact.avoid, *(w for w in term.split() if len(w) >= 3 and w[:1].isupper())]
    if not term or any(re.search(rf"(?<!\w){re.escape(s.lower())}(?!\w)", visible) for s in shown):
        return None  # written twice, or another form shows ("Count of Cavour" beside the gap)
    return text, term


def _named_in(name: str, lead_in: list[str]) -> bool:
    """The lead-in names the person already: after "The chancellor, Otto von Bismarck, had …"
    (or "Bismarck had …") the writer's own "he" reads on."""
    surname = name.split()[-1]
    forms = [name, surname] if len(surname) >= 3 else [name]
    return any(re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text) for form in forms for text in lead_in)


def _as_shown(reading: Reading, sentence: ParsedSentence) -> str:
    name, pronoun = subject_name(reading, sentence)
    return rewrite(sentence, {pronoun: name} if pronoun is not None else {})


def _without_hedge(sentence: ParsedSentence, fact: Fact) -> tuple[int, int]:
    """The number's span without "some", "about", "more than": the gap asks for the number."""
    assert fact.span is not None
    text = sentence.text[fact.span[0] - sentence.start : fact.span[1] - sentence.start]
    hedge = _HEDGE.match(text)
    return (fact.span[0] + hedge.end(), fact.span[1]) if hedge else fact.span


def _given_away(reading: Reading, fact: Fact, term: str, text: str) -> str:
    """Why the gap's answer is obvious or the sentence says too little around it."""
    if fact.about == "date" and (fact.end_date or _RANGE.search(term) or _LIFESPAN.search(text)):
        return "a range or a life span: no one date to give"
    if fact.about == "date" and not _YEAR.search(term):
        return "a day without its year ('arrested on ___ April'): no year to learn, often no context"
    if fact.about == "date" and not _DAY.search(term) and any(year in reading.article.title for year in _YEAR.findall(term)):
        return "the year is in the article's title (a day and month are still to learn)"
    restated = _bracket_after(fact)
    if restated and (
        fact.about in ("number", "date") and re.search(r"\d", restated)
        or restated.isupper() and restated == "".join(w[0] for w in term.split() if w[:1].isupper())
    ):
        return "a bracket after the gap says it again ('___ (12 mi)', '___ (CM)', '___ (26 June Old Style)')"
    if fact.span is not None and _PART_OF_A_WORK.match(fact.sentence.text, fact.span[1] - fact.sentence.start):
        return "the gap is part of a work's title ('in ___, Part 3')"
    if fact.about == "person":
        person = reading.person_named(fact.person) if fact.person else None
        if person is not None and reading.dominant(person):
            return "the article's main figure: the obvious guess"
        if person is not None and len(term.split()) == 1 and any(len(f.split()) > 1 for f in reading.forms(person)):
            return "a bare first or last name where the article gives the full one ('Louis', 'Collins')"
        assert fact.span is not None
        before_gap = fact.sentence.text[: fact.span[0] - fact.sentence.start]
        if _PARTICLE_FIRST.match(term):
            return "the gap starts with a particle ('the duc ___' for 'de Choiseul'): the name is cut"
        if _in_list(fact) or _AS_WERE.search(fact.sentence.text) or _SUCH_AS.search(before_gap):
            return "one name of a list: the others fit the gap as well"
        after = fact.sentence.text[fact.span[1] - fact.sentence.start :]
        if _PEERAGE_AFTER.match(after):
            return "his title follows the gap ('___, Count of Tilly'): it names him"
        if _OTHER_NAME_AFTER.search(after):
            return "another name of his follows the gap ('___, known in Russian service as Login Geiden')"
        if _NAME_GOES_ON.match(after):
            return "the name goes on after the gap ('___ und Gaffron'): half a name to recall"
        if restated and any(
            fuzz.ratio(_plain(word), _plain(part)) >= 70
            for word in re.findall(r"[^\W\d_]{3,}", restated)
            for part in term.split()
        ):
            return "another spelling in brackets after the gap ('___ (Jellasics)') gives it away"
        before = fact.sentence.text[: fact.span[0] - fact.sentence.start].lower().split()
        if before and before[-1] in _HIGH_OFFICES:
            return "the office before the name gives it away ('Khmer Rouge leader ___')"
        if before and _only_holder(reading, before[-1].rstrip(".")):
            return "a title only one person of the article holds ('Prince ___'): it names them"
        if _quoted_speaker(fact):
            return "who said a quotation ('said ___, a fighter in Kompong Speu'): a source, not history"
    if fact.about in ("place", "organisation") and all(
        w.lower() in reading.title_words for w in re.findall(r"[\w’'-]+", term)
    ):
        return "the article's title names it ('___ was the last country to end slavery' on Brazil)"
    before = text[: text.index("{{c1::")]
    if fact.about == "person" and re.search(r"\b(?:spelled|spelt|written|transliterated|romanised|romanized)\s+$", before):
        return "a spelling asked for ('his name spelled ___'): the name is in the sentence already"
    own = fact.sentence.text
    if fact.span is not None:
        start, end = fact.span[0] - fact.sentence.start, fact.span[1] - fact.sentence.start
        own = own[:start] + own[end:]
    if fact.about == "date" and not re.fullmatch(r"\d{4}", term.strip()) and any(year in own for year in _YEAR.findall(term)):
        return "the year stands elsewhere in the sentence ('in 1922 … on ___'): only a day or a month left to recall"
    if fact.about == "date" and re.fullmatch(r"\d{4}", term.strip()) and any(
        abs(int(year) - int(term)) <= 1 for year in _YEAR.findall(own)
    ):
        return "a year next to the sentence's other year ('in late 1892 … in the spring of ___'): worked out, not recalled"
    if fact.about == "date" and _YEAR.search(term) and _DAY_WITHOUT_YEAR.search(own) and not _YEAR.search(own):
        return "another day shares the gap's year ('on the 25th of May and on the ___'): half a date to learn"
    if fact.about == "date" and _YEAR.search(term) and _YEAR.search(own) and _YEAR_APART.search(own):
        return "another year and 'a year before' ('in 1328, a year before Bruce died on ___'): arithmetic"
    if fact.about == "date" and _YEAR.search(term) and _YEAR.search(own) and _AGE.search(own):
        return "an age and another year ('born on ___ and became prince in 1359, at the age of nine'): arithmetic"
    if fact.about == "date" and re.search(r"\b(?:unlike|like|than|as)\s+$", before, re.IGNORECASE):
        return "a year standing for an event ('Unlike ___, the rising …'): which event?"
    if fact.about == "date" and re.search(r"\b(?:before|after|by|(?:earlier|later) in)\s+$", before, re.IGNORECASE):
        return "a bound ('reorganised the army before ___'): any earlier year fits"
    if fact.about == "date" and term.strip() == str(reading.story_year):
        return "the year of the whole story ('early in ___' in an article on 1976): the obvious guess"
    if re.search(r"\b(?:a|an)\s+$", before, re.IGNORECASE):
        return "'a ___' leaves only 'hundred' or 'thousand'"
    if before.count("(") > before.count(")") or before.count("[") > before.count("]"):
        return "a gap inside brackets (an editor's '[ed.: …]' too): an aside, not the fact"
    visible = _CLOZE.sub("", text)
    if not _NAME.search(visible[1:]) and fact.about != "date" and not _YEAR.search(visible):
        return "nothing named around the gap: which event, which country?"
    # The first word is capitalised anyway; a person named there still says who ("Musa died
    # about ___.").
    if fact.about == "date" and not _NAME.search(visible[1:]) and not reading.person_mentions.get(fact.sentence):
        return "nothing named around the gap: which event, which country?"
    return ""


def _only_holder(reading: Reading, title: str) -> bool:
    """Exactly one person of the article is given this title ("Prince" for Sihanouk)."""
    holders = [p for p in reading.persons if title in {t.lower().rstrip(".") for t in p.titles}]
    return len(holders) == 1


def _quoted_speaker(fact: Fact) -> bool:
    """The gap is who said the sentence's quotation."""
    assert fact.span is not None
    words = fact.sentence.words
    inside = [i for i, w in enumerate(words) if fact.span[0] <= w.start < fact.span[1]]
    quoted = any(w.text in ('"', "“", "”") for w in words)
    return quoted and any(
        words[i].dep == "nsubj" and words[words[i].head].text.lower() in REPORTING for i in inside
    )


def _bracket_after(fact: Fact) -> str:
    """What a bracket right after the fact's term (and a number's unit) holds, "" if none."""
    assert fact.span is not None
    unit = r"(?:\s+[a-z%]+){0,2}" if fact.about == "number" else ""
    found = re.match(rf"{unit}\s*\(([^)]*)\)", fact.sentence.text[fact.span[1] - fact.sentence.start :])
    return found.group(1).strip() if found else ""


def _plain(word: str) -> str:
    """Lower case without diacritics: "Jelačić" and "Jellasics" compared letter for letter."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(ch))


def _quoted(fact: Fact) -> bool:
    """The term lies inside quotation marks in its sentence."""
    assert fact.span is not None
    before = fact.sentence.text[: fact.span[0] - fact.sentence.start]
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


def _in_list(fact: Fact) -> bool:
    """The name is one of several joined by "and" or commas ("Armstrong, Collins and
    Aldrin"): a gap there has many fills."""
    assert fact.span is not None
    words = fact.sentence.words
    inside = [i for i, w in enumerate(words) if fact.span[0] <= w.start < fact.span[1]]
    for index in inside:
        if words[index].dep == "conj" and words[words[index].head].tag in ("NNP", "NNPS"):
            return True
        if any(w.dep == "conj" and w.head == index and w.tag in ("NNP", "NNPS") for w in words):
            return True
        # "were ___, Humphrey IV of Toron and William V": the parser hangs the list as an apposition
        if any(w.dep == "appos" and w.head == index and w.entity == "PERSON" for w in words):
            return True
    return False


def _kind_is_sure(reading: Reading, fact: Fact, term: str) -> bool:
    """A one-word "person" with no title and no fuller name anywhere may be a place the model
    took for one ("restored ___ to King John": Buda): a "person" hint would then mislead."""
    if fact.about != "person" or len(term.split()) > 1:
        return True
    person = reading.person_named(fact.person) if fact.person else None
    return person is None or bool(person.titles) or any(len(form.split()) > 1 for form in reading.forms(person))


def _aside_quality(fact: Fact) -> float:
    """How good a date gap stays when the date hangs, through a relative clause, a participle,
    an apposition or an "of", on a noun of the sentence rather than on its main verb: 1.0
    when it does not."""
    assert fact.span is not None
    words = fact.sentence.words
    index = next((i for i, w in enumerate(words) if w.start >= fact.span[0]), None)
    seen = set()
    while index is not None and index not in seen and words[index].head != index:
        seen.add(index)
        if words[index].dep in _ASIDE_DEPS:
            return ASIDE_QUALITY
        head = words[index].head
        labelled = words[head].tag in ("NN", "NNS") and words[head].text.lower() not in _TIME_NOUNS
        if words[index].dep == "prep" and words[index].text.lower() == "of" and labelled:
            # "veterans of the Italian campaign of ___", "the brigade commander of ___" (but
            # "in the autumn of ___" dates the verb)
            return LABEL_QUALITY
        index = head
    return 1.0


# Nouns that only place the verb in time: "In the autumn of ___", "On the morning of ___".
_TIME_NOUNS = frozenset(
    {"spring", "summer", "autumn", "fall", "winter", "morning", "afternoon", "evening", "night",
     "end", "beginning", "start", "middle", "half", "course", "turn", "day", "week", "month", "year"}
)  # fmt: skip


def _possessive(fact: Fact) -> bool:
    assert fact.span is not None
    after = fact.sentence.text[fact.span[1] - fact.sentence.start :]
    return after.startswith(("'s", "’s", "' ", "’ "))


def write(reading: Reading, facts: list[Fact]) -> list[Candidate]:
    """A cloze card per fact with a term in a prose sentence."""
    candidates = []
    for fact in facts:
        if fact.about not in ABOUT or fact.span is None or fact.sentence.passage_kind not in ("prose", "list"):
            continue
        lead_in = reading.lead_in(fact.sentence)
        if lead_in is None or reading.standings[fact.sentence].long:
            continue  # shown whole, it must stand alone (after its lead-in) and read at a glance
        made = cloze_text(reading, fact, lead_in)
        if made is None:
            continue
        text, term = made
        if len(text.split()) > MAX_CARD_WORDS:
            continue
        if lead_in and fact.about == "date" and RELATIVE_TIME.search(fact.sentence.text):
            continue  # "fought four years earlier on ___" after a dated lead-in: arithmetic
        if len(term.split()) > MAX_TERM_WORDS or _quoted(fact):
            continue  # inside a quotation a term is part of what someone said, not a fact
        if _given_away(reading, fact, term, text):
            continue
        length = len(fact.sentence.text.split())
        quality = ABOUT[fact.about] * (1.0 - max(0, length - COMFORTABLE_WORDS) / 40)
        if lead_in:
            quality *= LEAD_IN_QUALITY
        if fact.about == "organisation" and term.isupper():
            quality = min(quality, 0.35)
        if fact.about == "date":
            quality *= _aside_quality(fact)
        if fact.about == "person" and _possessive(fact):
            quality *= 0.6  # "Kasavubu's office declined …": the person is not the actor
        difficulty = {"date": 0.55, "number": 0.6, "person": 0.45}.get(fact.about, 0.5)
        candidates.append(
            Candidate(
                record(
                    reading, "cloze", text, term, fact.sentence,
                    about=fact.about, fact_key=fact.key, payload={"cloze": 1},
                    difficulty=difficulty + min(length / 200, 0.15),
                    explanation=tidy(fact.sentence.text),
                ),
                quality=quality,
                weight=fact.weight,
            )
        )  # fmt: skip
    return candidates
