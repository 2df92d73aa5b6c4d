"""Whether a sentence can stand alone as a question: whole, in prose, and understood without
the sentences around it.

A learner meets each question on its own, weeks after reading, in any order. So a sentence
that leans on what came before ("Four days later, …", "the plan", "them") is refused as it
stands; marked ``leans_back``, it may still be a cloze shown after the sentences that settle
it (``Reading.lead_in``). Fragments, asides in another script, slips in the text, hedges and
sentences too long to read as one question are refused outright. The one repair made is a
subject "he"/"she" that plainly continues the previous sentence's subject: the name is
written in.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from studyapp.core.english import PERSON_NOUNS
from studyapp.core.extraction import ParsedSentence, Word
from studyapp.questions.clauses import historical_present, missing_complement
from studyapp.questions.phrases import (
    SUBJECT_DEPS,
    VERB_TAGS,
    children,
    is_verb,
    root,
    sentence_text,
    subtree,
)
from studyapp.questions.verbs import base_form

if TYPE_CHECKING:
    from studyapp.questions.reading import Reading

MIN_WORDS = 4  # fewer words rarely make a statement worth a card
# A cloze shows its whole sentence: beyond this a learner has to hold two or three facts
# in mind to fill one gap. Questions, statements and sequences are written from one
# clause, so their sentence may be longer, up to what the parser reads reliably.
MAX_CLOZE_WORDS = 40
MAX_WORDS = 70
# A bare "the tower" is clear once the words around it name enough of the story: three names
# or years in what a question shows, four in a whole sentence (a gap may hide one).
SHOWN_ANCHORS = 3
SENTENCE_ANCHORS = 4
_YEAR = re.compile(r"1\d{3}|20\d{2}")
PERSONAL = frozenset({"he", "she"})
PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "this", "that", "these", "those"})
# Subjects standing for people or things named before: "Others still hold to 10,000".
INDEFINITE = frozenset(
    {"others", "some", "many", "most", "both", "all", "several", "few", "one", "another", "each",
     "everything", "everyone", "everybody", "something", "someone", "nothing", "nobody", "none"}
)  # fmt: skip
DEMONSTRATIVE = frozenset({"this", "that", "these", "those", "such"})
# Adverbs that point at the writer's own place and day: "flown here", "today".
DEICTIC = frozenset({"here", "there", "today", "yesterday", "tomorrow", "tonight"})
# The old-book "there", "from there", "here": adverbs only, whatever tag the model gives them.
OLD_DEICTIC = frozenset({"thither", "thence", "hither"})
# Words that carry on from an earlier sentence: "Collins also had a film made", "a separate
# bond drive", "similar agreements were signed": alone, they say less than they seem to.
ADDITIVE = frozenset({"also", "too", "again", "likewise", "similarly", "still"})
# "annexation came anyway under McKinley": in spite of what an earlier sentence says
CONCESSIVE = frozenset({"anyway", "nevertheless", "nonetheless", "regardless"})
ANAPHORIC_ADJECTIVES = frozenset(
    {"separate", "similar", "same", "latter", "remaining", "another", "additional", "resulting", "ensuing", "subsequent", "aforementioned"}
)
WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
# Nouns unique in any story: "the world", "the sea" need nothing before them.
# Documents, offices and bodies an article names in full once, then by one word ("the
# Declaration", "the President", "the League"): alone on a card, which one?
SHORT_REFERENCES = frozenset(
    {"declaration", "treaty", "agreement", "accord", "accords", "act", "bill", "charter", "convention",
     "protocol", "pact", "resolution", "decree", "edict", "manifesto", "proclamation", "ordinance",
     "president", "king", "queen", "emperor", "empress", "premier", "chancellor", "secretary-general",
     "pope", "tsar", "shah", "sultan", "governor", "viceroy", "ambassador", "prince", "princess",
     "general", "admiral", "league", "party", "council", "assembly", "congress", "committee", "front",
     "junta", "diet", "directory", "alliance", "coalition", "entente"}
)  # fmt: skip
# Places a nationality does not single out.
PLACE_NOUNS = frozenset(
    {"city", "town", "village", "fort", "fortress", "port", "harbour", "harbor", "province", "region",
     "district", "camp", "garrison", "base", "island", "quarter", "capital", "border", "frontier"}
)  # fmt: skip
# Places a story has several of: alone, "the city" says nothing a card can stand on.
SETTLEMENT_NOUNS = frozenset({"city", "town", "village", "capital", "island", "castle", "fortress", "palace", "citadel"})
UNIQUE_NOUNS = frozenset(
    {"world", "sun", "moon", "earth", "sea", "public", "press", "people", "population", "west",
     "east", "north", "south", "past", "future", "time"}
)  # fmt: skip
# Openings that point back at what the previous sentence said: "In comparison, …".
CONNECTIVES = re.compile(
    r"^(?:in comparison|in response|as a result|by contrast|in contrast|in turn|instead|"
    r"in the meantime|meanwhile|by now|at the time|thereafter|in return|even so|for this reason|"
    r"either way|anyway|in any case|at any rate|nevertheless|nonetheless|all the same|"
    r"so|and|but|yet|well|(?:neither|nor)(?= (?:did|do|does|was|were|had|has|have|could|would|is|are)\b)|"
    r"(?:first|second|third|fourth|firstly|secondly|thirdly|finally|lastly)(?=,))\b(?!-)",  # "So on 1 January 1068 …": a speaker carrying on; "Second, Philip left": an item of a list
    re.IGNORECASE,
)
# A speaker's aside to the listener ("Poot, by the way, was killed"), or a label's pointing at
# what stands in the room ("the weapons on display opposite"): words for the page or the
# talk they came from, not for a card.
SITUATED = re.compile(
    r"\b(?:by the way|mind you|as (?:I|we) (?:said|saw|mentioned|have seen)|as mentioned (?:above|earlier|before)|"
    r"on display|on show|(?:shown|pictured|seen|displayed) (?:here|above|below|opposite|nearby|left|right)|"
    r"in this (?:room|gallery|case|cabinet|display|photograph|photo|picture|image)|on the (?:wall|panel) (?:here|opposite|behind)|"
    r"this (?:museum|exhibition|building|gallery)|"
    r"(?:the|this) (?:framed|displayed) \w+|in front of you|to your (?:left|right)|behind you|look (?:left|right|up|closely))\b",
    re.IGNORECASE,
)
# Times counted from another event the sentence does not name: "Four days later, …".
RELATIVE_TIME = re.compile(
    r"\b(?:(?:\w+|\d+|a few|several) (?:days?|weeks?|months?|years?|hours?|minutes?|seconds?) "
    r"(?:later|earlier|afterwards?|before(?=[,.;])|to the day (?:after|before))|(?:the )?(?:next|following|same|previous) "
    r"(?:day|morning|evening|night|week|month|year)|soon after(?:wards)?|after that|"
    r"at this point|by then|at the time|that (?:day|night|morning|year)|^(?:later|then|afterwards),|"
    r"(?:shortly|just|not long|soon) (?:before|after(?:wards)?)(?=[,.;])|"
    r"\bwithin (?:\w+|\d+|a few) (?:days?|weeks?|months?|years?)\b(?! of)|"
    r"the (?:first|second|third|last|next|final) (?:day|night|week|morning)|"
    r"\bon the \d{1,2}(?:st|nd|rd|th)\b(?! of)|\bto-(?:day|night|morrow)\b)",
    re.IGNORECASE,
)
# "the second operation", "the other side": which one was said before (unless more follows:
# "the first humans to walk on the Moon").
POINTING_ADJECTIVES = frozenset(
    {"first", "second", "third", "fourth", "last", "next", "previous", "latter", "former", "same", "other"}
)
# Verbs that say what happened only by pointing back: "South Kasai followed on 8 August".
ANAPHORIC_VERBS = frozenset({"followed", "continued", "resumed", "repeated", "did", "responded", "agreed"})
# What the article itself hedges is no fact to learn: "Sarit seemed to have succeeded".
_HEDGES = re.compile(r"\b(?:seemed|seems|appeared to|apparently|perhaps|possibly|probably|may have|might have|reportedly|allegedly|supposedly)\b")
# "(2 1.55 kilograms)": a number broken by a page's layout.
_GARBLED_NUMBERS = re.compile(r"\(\d+ \d")
# A speaker's hesitation kept in a transcript ("And, uh, in 1042 that went up"): set off by
# a comma or a dash, so "Um Savuth" and "Er Ji" stay names.
_FILLER = re.compile(r"(?:^|[\s,(—–-])(?:[Uu]h|[Uu]m|[Uu]hm|[Ee]rm?|[Hh]mm)(?=\s*[,—–…]|\.\.\.)")
_FOREIGN_SCRIPT = re.compile(r"[^\x00-\u024f\u02b0-\u036f\u1e00-\u1eff\u2010-\u206f\u20a0-\u20cf\s]")  # Latin with its marks (ʻokina)
NOTE_LABEL_WORDS = 8  # "Tsushima, 27–28 May 1905:" labels a note; a sentence has its verb first
# A single quotation mark closing the sentence, and one opening a quotation (not an apostrophe).
_QUOTE_ENDS = re.compile(r"[.!?,]['’]$")
_QUOTE_OPENS = re.compile(r"(?:^|[\s(\[—–-])['‘](?=\w)")
_DOUBLED = re.compile(r"\b([A-Za-z]+) \1\b", re.IGNORECASE)
_OPENING = re.compile(r"^[\"“‘'(]?[A-Z0-9]")
_CLOSING = re.compile(r"[.!]['’\"”)]*$")
_PLURAL = frozenset({"they", "them", "their", "themselves"})
_GOING = frozenset(
    {"marched", "came", "went", "sailed", "rode", "flew", "moved", "fell", "headed", "travelled",
     "traveled", "hurried", "rushed", "turned", "returned", "retreated", "withdrew", "pulled"}
)  # fmt: skip
_GOING_BASES = frozenset(base_form(w) for w in _GOING) - {"turn", "fall"}  # "marched", "march"; not "turned out"
_WHERE_TO = frozenset({"to", "into", "towards", "toward", "across", "over", "from", "home", "inside", "of"})
# Adverbs a note opens with that a parser may take for a subject ("First called for 9 August").
_NOT_SUBJECTS = frozenset({"first", "then", "later", "next", "also", "finally", "soon", "afterwards"})


@dataclass(frozen=True)
class Standing:
    """Whether a sentence can stand alone as a question, and the name its pronoun stands for.

    ``problem`` is about the whole sentence, as a cloze or a statement shows it. A sentence
    with no ``form`` problem may still give a question of its own words ("Who ordered the
    army to withdraw to Versailles?" from "… that evening"): the question itself is then
    checked with :func:`leans_on_context`.
    """

    problem: str  # "" when usable as a whole
    subject_name: str = ""  # a subject pronoun ("He") resolved to this name
    pronoun: int = -1  # index of that pronoun word
    long: bool = False  # too long to show whole (no cloze), fine for a clause's question
    form: str = ""  # "" when it is a whole prose sentence (questions may be cut from it)
    # The problem is only a reference to the sentences just before ("He", "the fire", "Four
    # days later"): shown after them (Reading.lead_in), the sentence reads whole.
    leans_back: bool = False


def standing(reading: Reading, sentence: ParsedSentence) -> Standing:
    """Why ``sentence`` cannot stand alone as a question ("" in ``problem`` when it can)."""
    form = _form_problem(sentence)
    if not form and _LEADER_DOTS.search(reading.article.passages[sentence.passage]):
        form = "a table row ('July 1831 ........ Cobbett's trial'), not a sentence"  # split at the dots
    if form:
        return Standing(form, form=form)
    problem = _unsure_or_garbled(sentence)
    if problem:
        return Standing(problem)
    words = sum(1 for w in sentence.words if any(ch.isalnum() for ch in w.text))
    long = words > MAX_CLOZE_WORDS
    top = root(sentence.words)
    if top is None or not any(
        w.head == top and w.dep in SUBJECT_DEPS and w.text.lower() not in _NOT_SUBJECTS for w in sentence.words
    ):
        return Standing("no subject", long=long)  # "First called for 9 August, but …": a note
    problem = _leaning_back(reading, sentence)
    if problem:
        resolved = _subject_standing(reading, sentence, top)
        return Standing(problem, resolved.subject_name, resolved.pronoun, long, leans_back=True)
    found = _subject_standing(reading, sentence, top)
    if found.problem:
        return dataclasses.replace(found, long=long)
    dangling = _dangling_pronoun(reading, sentence, found.pronoun)
    if dangling:  # "it", "they": the sentence before says what; "him": who, _antecedent could not
        personal = dangling.lower() in ("him", "her", "his", "hers")
        return Standing(f"'{dangling}' refers to an earlier sentence", long=long, leans_back=not personal)
    return Standing("", found.subject_name, found.pronoun, long=long)


# An entry of a dictionary or an encyclopedia opens with its headword in capitals, inverted
# and followed by a bracket or a date: "FRONDE, THE (Fr. fronde, …", "HUSS, JOHN (1369–1415)".
_HEADWORD = re.compile(r"^[A-Z][A-Z'’-]{2,}(?: [A-Z][A-Z'’-]+)*, (?:[A-Z][A-Z'’.-]+ )*\(")


# The dots that lead the eye across a table of dates or contents ("July 1831 ........ trial").
_LEADER_DOTS = re.compile(r"\.{4,}|(?:\. ){4,}")
# An encyclopedia's pointer to other reading: "See F. A. Aulard, La Société …", "Cf. Taine".
_CROSS_REFERENCE = re.compile(r"^(?:See|Cf\.|Compare) (?:also )?(?:[A-Z]|the articles?\b)")


# A date, a dash and the event in note form: "May 1829 – Nicholas I crowned King of Poland".
_TIMELINE_ROW = re.compile(r"^(?:c\. ?)?(?:\d{1,2} )?(?:[A-Z][a-z]{2,8}\.? )?\d{3,4}(?:\s*[–-]\s*\d{2,4})?\s+[–—-]+\s")


def _in_note_form(words: tuple[Word, ...]) -> bool:
    """No finite verb: a participle with no auxiliary ("Nicholas I crowned King", "Statute
    issued"), or none at all. ("Brenner escapes from Valdor" is a whole clause.)"""
    top = root(words)
    if top is None or words[top].tag not in ("VBN", "VBD"):
        return top is None or not is_verb(words[top])
    below = children(words, top)
    helped = any(words[i].dep in ("aux", "auxpass") for i in below)
    subject = any(words[i].dep in SUBJECT_DEPS and not _regnal_numeral(words, i) for i in below)
    return not helped and (words[top].tag == "VBN" or not subject)


def _regnal_numeral(words: tuple[Word, ...], index: int) -> bool:
    """ "Nicholas I", "Charles I": the tagger reads the numeral as the pronoun "I"."""
    return words[index].text == "I" and index > 0 and words[index - 1].tag == "NNP"


def _form_problem(sentence: ParsedSentence) -> str:
    """A sentence that is not whole prose: a heading, a fragment, a slip, a quotation."""
    text = sentence_text(sentence)
    words = [w for w in sentence.words if any(ch.isalnum() for ch in w.text)]
    if sentence.passage_kind == "list":
        note = _note_style(sentence)
        if note:
            return note
    elif sentence.passage_kind != "prose":
        return f"a {sentence.passage_kind} line, not prose"
    if not _OPENING.match(text):
        return "starts mid-way"
    if _CROSS_REFERENCE.match(text):
        return "a cross-reference for the reader ('See F. A. Aulard, …; cf. …')"
    if _labelled_note(sentence):
        return "a labelled note ('Peace: Treaty of …'), not a sentence"
    if _TIMELINE_ROW.match(text) and _in_note_form(sentence.words):
        return "a timeline row in note form ('May 1829 – Nicholas I crowned …'), not a sentence"
    if _HEADWORD.match(text):
        return "an encyclopedia entry's headword ('FRONDE, THE (Fr. fronde, a sling), …')"
    if not _CLOSING.search(text):
        return "not a finished statement"
    if not MIN_WORDS <= len(words) <= MAX_WORDS:
        return f"{len(words)} words (a question needs {MIN_WORDS}–{MAX_WORDS})"
    if _FOREIGN_SCRIPT.search(text):
        return "words in another script"
    if re.search(r"\s\|\s|^\||\|$", text):
        return "a table's or a box's ruling in the sentence"  # "According to a | | sixteenth-century chronicle"
    doubled = _DOUBLED.search(text)
    if doubled and doubled.group(1).lower() not in ("had", "that"):
        return f"'{doubled.group(0)}': a slip in the text"
    if text.count("(") != text.count(")") or text.count('"') % 2 or text.count("“") != text.count("”"):
        return "unbalanced brackets or quotes"
    if _QUOTE_ENDS.search(text) and not _QUOTE_OPENS.search(text):
        return "the end of a quotation opened in an earlier sentence"  # "Ye shall have no captain but me.'"
    if re.search(r"[\"“][^\"”]{40,}[\"”]", text) and text[:1] in "\"“'‘":
        return "a quotation"
    top = root(sentence.words)
    if top is None or sentence.words[top].tag not in ("VBD", "VBZ", "VBP", "VBN", "VB"):
        return "no main verb"
    cut = next((w for w in sentence.words if w.dep in SUBJECT_DEPS and sentence.words[w.head].tag == "IN"), None)
    if cut is not None:
        return f"'{sentence.words[cut.head].text} {cut.text}' has no verb: the sentence is cut off"  # "finding that Martin IV."
    words = sentence.words
    below = children(words, top)
    bare_noun = words[0].tag in ("NN", "NNS") and words[0].dep in SUBJECT_DEPS  # "Page from a manuscript", "Words spoken by …"
    if bare_noun and words[top].tag == "VBN" and not any(words[i].dep in ("aux", "auxpass") for i in below):
        return "a caption: a bare noun and a participle, no verb"  # "Page from a manuscript …, attributed to Ernoul"
    verbs = [top, *(i for i in children(sentence.words, top) if sentence.words[i].dep == "conj" and is_verb(sentence.words[i]))]
    missing = next((m for verb in verbs if (m := missing_complement(sentence.words, verb))), "")
    if missing:
        return f"the verb needs more than the sentence says ({missing})"
    return _tense_problem(sentence.words, top)


def _note_style(sentence: ParsedSentence) -> str:
    """A bullet is a question's source only when it is a sentence, not a note: "Tatya Tope –
    Nana Sahib's general; betrayed, hanged 18 April 1859", "founded by intellectuals incl."
    and "escaped from Lincoln Gaol, Feb 1919" are notes."""
    text = sentence.text
    if re.search(r"\s[–—-]\s|\b(?:incl|esp|approx|c)\.(?:\s|$)|\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\s+\d", text):
        return "a note in a list, not a sentence"
    top = root(sentence.words)
    if top is None or not any(w.dep in SUBJECT_DEPS and w.head == top for w in sentence.words):
        return "a note in a list, not a sentence"
    return ""


def _labelled_note(sentence: ParsedSentence) -> bool:
    """Notes written "Label: what happened" ("Peace: Treaty of Portsmouth, signed …"): a
    colon after a few words with no verb among them; or a glossary's "Term – what it was"
    ("Caisse de la Dette – commission set up in 1876 to …"), a dash with no clause after it."""
    words = sentence.words
    colon = next((i for i, w in enumerate(words[: NOTE_LABEL_WORDS + 1]) if w.text == ":"), None)
    dash = next((i for i, w in enumerate(words[: NOTE_LABEL_WORDS + 1]) if w.text in ("–", "—", "-") and w.space and i), None)
    if colon is None and dash is not None and not any(w.tag.startswith("VB") for w in words[:dash]):
        # One dash, then a bare lower-case noun phrase: a definition, not an aside between
        # two dashes ("Rabuka — nicknamed Rambo — served") nor a dated event ("1675 – Philip escapes").
        single = sum(w.text in ("–", "—") or (w.text == "-" and w.space) for w in words) == 1
        after = words[dash + 1] if dash + 1 < len(words) else None
        return single and after is not None and after.text[:1].islower() and after.tag not in ("DT", "PRP", "PRP$", "CD")
    if colon is None or any(w.text == "(" for w in words[:colon]):
        return False  # "Solidarity (Polish: Solidarność) is …": a gloss in brackets
    return not any(w.tag.startswith("VB") or w.tag == "MD" for w in words[:colon])


def _tense_problem(words: tuple[Word, ...], top: int) -> str:
    """Present-tense news ("has demanded", "are already in the MQF") depends on when it was
    written; a present-tense definition ("Tet is a holiday period …") does not, nor a past
    event told in the present ("In 1823 the governor-general abolishes these leases")."""
    if historical_present(words, top):
        return ""
    auxiliaries = {words[i].text.lower() for i in children(words, top) if words[i].dep in ("aux", "auxpass")}
    if auxiliaries & {"has", "have"} and words[top].tag == "VBN":
        return "present perfect: true when it was written"
    if auxiliaries & {"is", "are", "am"} and words[top].tag in ("VBN", "VBG"):
        return "present tense: true when it was written"
    copula = words[top].text.lower() in ("is", "are")  # "Tet is a holiday": a definition
    if words[top].tag in ("VBZ", "VBP") and not (copula and any(words[i].dep == "attr" for i in children(words, top))):
        return "present tense: true when it was written"
    return ""


def _unsure_or_garbled(sentence: ParsedSentence) -> str:
    """What no context repairs: "here" and "today", a hedge, a slip in the text, a quotation."""
    text = sentence.text
    deictic = [
        w.text for w in sentence.words
        if w.text.lower() in DEICTIC and w.tag == "RB" or w.text.lower() in OLD_DEICTIC
    ]  # fmt: skip
    if deictic:
        return f"'{deictic[0]}' depends on where and when it was written"
    hedge = _HEDGES.search(text)
    if hedge:
        return f"'{hedge.group(0)}': the article is not sure of it"
    if _GARBLED_NUMBERS.search(text):
        return "two numbers run together: a slip in the text"
    person = _first_or_second_person(sentence)
    if person.lower().startswith(("you", "your")):
        return "'you': speaks to the reader, not of the past"
    if person:
        return f"'{person}': the writer or speaker, whom the sentence does not name"
    contracted = _spoken_contraction(sentence)
    if contracted:
        return f"'{contracted}': spoken, not written English"
    filler = _FILLER.search(text)
    if filler:
        return f"'{filler.group(0).strip(' ,(—–-')}': spoken hesitation, not written English"
    quoted = sum(len(q) for q in re.findall(r"[\"“][^\"”]*[\"”]", text))
    if quoted > 0.4 * len(text):
        return "mostly a quotation"
    return ""


def _first_or_second_person(sentence: ParsedSentence) -> str:
    """ "The book you want is Kling's": "you" outside a quotation is the reader of a guide, a
    forum or a talk; "I sat upon the throne", "we know": the writer of a memoir or an essay,
    who is not named. The word, or ""."""
    quoted = False
    for index, word in enumerate(sentence.words):
        lower = word.text.lower()
        if word.text in ('"', "“", "”"):
            quoted = not quoted
        elif quoted or word.tag not in ("PRP", "PRP$"):
            continue
        elif lower in ("you", "your", "yours", "yourself"):
            return word.text
        elif lower in _FIRST_PERSON and not _regnal_numeral(sentence.words, index):
            return word.text  # (but "Kamehameha I" is a king)
    return ""


_FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"})


def possessive_contraction(sentence: ParsedSentence, indices: Iterable[int]) -> bool:
    """A spoken "'s" ("Gold's found around Ballarat") the parser read as a possessive among
    the shown words: a question or statement cannot put its "is" in the past."""
    words = sentence.words
    return any(words[i].tag == "POS" and _participle_after(words, i) for i in indices)


def _participle_after(words: tuple[Word, ...], index: int) -> bool:
    """A participle after word ``index`` that is a verb, not an adjective before its noun
    ("He's convicted on …", not "Mandela's arrested colleagues")."""
    if index + 1 >= len(words) or words[index + 1].tag not in ("VBN", "VBG", "VBD"):
        return False
    return index + 2 >= len(words) or words[index + 2].tag not in ("NN", "NNS", "NNP", "NNPS")


def _spoken_contraction(sentence: ParsedSentence) -> str:
    """ "He's convicted", "Gold's found": an "is" or "has" written as "'s" before a participle,
    the way a transcript writes speech (a possessive is followed by what is owned)."""
    words = sentence.words
    for index, word in enumerate(words[1:-1], start=1):
        if word.text in ("'s", "’s") and words[index - 1].text.lower() in ("there", "here", "that", "it"):
            return words[index - 1].text + word.text  # "On 20 April 1879 there's a mass meeting"
        if word.text in ("'s", "’s") and (
            _participle_after(words, index) or words[index + 1].text.lower() in ("been", "got", "not")
        ):
            return words[index - 1].text + word.text
    return ""


def _leaning_back(reading: Reading, sentence: ParsedSentence) -> str:
    """Words that lean on the sentences before: a relative time, "this", "the plan", "also"."""
    words = sentence.words
    text = sentence.text
    relative = RELATIVE_TIME.search(text)
    if relative:
        return f"'{relative.group(0)}': counted from something not in the sentence"
    connective = CONNECTIVES.search(sentence_text(sentence))
    if connective:
        return f"'{connective.group(0)}' answers an earlier sentence"
    situated = SITUATED.search(text)
    if situated:
        return f"'{situated.group(0)}' speaks to a listener or a visitor, not a learner"
    leaning = _carries_on(words, range(len(words))) or _already(words)
    if leaning:
        return f"'{leaning}' carries on from an earlier sentence"
    pointing = [w.text for w in words if w.text.lower() in DEMONSTRATIVE and w.tag == "DT"]
    if pointing:
        return f"'{pointing[0]}' refers to an earlier sentence"
    share = _SHARE_OF_IT.search(text)
    if share:
        return f"'{share.group(0)}': of what? said in an earlier sentence"
    counted = _counted_back(words)
    if counted:
        return f"'{counted}': which ones? said in an earlier sentence"
    bare = _bare_definite(words, reading.title_words, anchored=anchors(words, range(len(words))) >= SENTENCE_ANCHORS)
    if bare:
        return f"'{bare}': which one is said in an earlier sentence"
    top = root(words)
    if top is not None and points_back(words, top):
        return f"'{words[top].text}' says what happened only by pointing at an earlier event"
    return ""


def points_back(words: tuple[Word, ...], verb: int) -> bool:
    """ "South Kasai followed on 8 August": a verb that says what happened only by pointing
    at an earlier event, with no object to say what."""
    return words[verb].text.lower() in ANAPHORIC_VERBS and not any(
        words[i].dep in ("dobj", "attr", "ccomp", "xcomp") for i in children(words, verb)
    )


# "Hobson never saw any of it", "had both of them executed": a share of something said before.
_SHARE_OF_IT = re.compile(
    r"\b(?:any|all|both|none|each|either|neither|some|most|many|much|one|two|three|four|five) of (?:it|them)\b",
    re.IGNORECASE,
)
_FEW = frozenset(["two", "three", "four", "five", "six", "both"])


def _counted_back(words: tuple[Word, ...], only: set[int] | None = None) -> str:
    """ "the two former antagonists campaigned together": people counted but not named, as
    the subject or object, with nothing after the noun to say who (among ``only`` if given)."""
    for index, word in enumerate(words):
        if only is not None and index not in only:
            continue
        head = words[word.head]
        main = word.head == root(words)  # not "The navy, three of whose admirals had been targeted, …"
        unnamed = _of_unnamed(words, index) if word.text.lower() in _FEW and main else ""
        if unnamed and word.dep in ("nsubj", "nsubjpass"):
            return unnamed  # "Two of Japan's bitterest rivals met"
        if word.text.lower() not in _FEW or word.dep not in ("nummod", "det", "predet") or head.tag != "NNS":
            continue
        if head.dep not in ("nsubj", "nsubjpass", "dobj"):
            continue
        below = children(words, word.head)
        named = any(words[i].dep in ("prep", "relcl", "appos", "acl") for i in below)
        definite = any(words[i].text.lower() == "the" for i in below)
        if definite and not named:
            return " ".join(words[i].text for i in range(max(0, min(index - 1, word.head)), word.head + 1))
    return ""


def _of_unnamed(words: tuple[Word, ...], number: int) -> str:
    """ "Two of Japan's bitterest rivals" when the phrase names none of them ("" if it does or
    there is none: "Two of the brothers, Ali and Faisal, …")."""
    def names_them(index: int) -> bool:  # the parse hangs the names on the number or the noun
        return any(
            words[i].dep in ("appos", "relcl", "acl")
            or words[i].dep == "conj" and words[i].tag == "NNP"
            or words[i].text.lower() == "including"
            for i in children(words, index)
        )

    if number and words[number - 1].text in ("-", "‐") or names_them(number):
        return ""  # "Fifty-three"; "Two of the brothers, Karl and Otto, …"
    for prep in children(words, number):
        if words[prep].text.lower() != "of":
            continue
        for noun in children(words, prep):
            if words[noun].tag == "NNS" and not names_them(noun):
                return " ".join(w.text for w in words[number : noun + 1])
    return ""


def _bare_definite(
    words: tuple[Word, ...], topic: frozenset[str], only: set[int] | None = None, anchored: bool = False
) -> str:
    """ "the plan", "the demarcation line", "the second operation": a definite noun with
    nothing to say which (no name, number, phrase or clause after it), as a subject, an
    object or in a phrase opening the sentence. Nouns of the article's title ("the
    revolution" in "The Mexican Revolution") say which by themselves; so does a superlative
    ("the worst fighting"). In an ``anchored`` sentence (names and years enough to place
    it) only the main verb's own subject or object must say which: "clear the tower" beside
    "Saturn V", "Apollo 11" and 1969 is one tower, "made the plan public" is still no plan."""
    top = root(words)
    for index, word in enumerate(words):
        lower = word.text.lower()
        following = words[index + 1] if index + 1 < len(words) else None
        # "the Declaration", "the President": a short name, which one?
        # The word with a hyphenated first half ("Secretary-General").
        start = index - 2 if index >= 2 and words[index - 1].text == "-" else index
        written = "".join(w.text for w in words[start : index + 1]).lower()
        short_name = (
            word.tag == "NNP" and written in SHORT_REFERENCES
            and (following is None or (following.text != "of" and following.tag not in ("NNP", "NNPS")))
        )
        if (word.tag not in ("NN", "NNS") and not short_name) or lower in UNIQUE_NOUNS or lower in topic:
            continue
        # What a question shows of it: "the plan, which was code-named Anadyr" cut to "the plan".
        own = [i for i in children(words, index) if words[i].dep not in ("punct", "case") and (only is None or i in only)]
        if not own or words[own[0]].text.lower() != "the":
            continue
        modifiers = [i for i in own[1:] if i < start or i > index]
        plain = all(
            words[i].dep in ("amod", "compound") and words[i].tag in ("JJ", "NN", "NNS", "VBN", "VBG")
            and not children(words, i)
            and (not words[i].text[:1].isupper() or (words[i].entity == "NORP" and lower in PLACE_NOUNS | PERSON_NOUNS))
            for i in modifiers
        )  # "the British authorities", "the Julian calendar": a name says which; "the walled
        # Chinese city" does not (China has many), nor "the leading Huguenot nobleman"
        if not plain:
            continue
        # "died in the city on 9 June 1572": which city? ("Shlisselburg, the key fortress" says.)
        settlement = lower in SETTLEMENT_NOUNS and word.dep != "appos"
        if following is not None and following.tag in ("NNP", "NNPS"):
            continue  # "the Russian admiral Stepan Makarov": the name follows
        # The noun itself, or its owner ("the corps' weaknesses"), as the main verb's subject
        # or object, or the subject of a main clause joined by "and".
        noun = word.head if word.dep == "poss" else index
        role = words[noun].dep
        verb = words[noun].head
        core = role in ("nsubj", "nsubjpass", "dobj") and verb == top or (
            role == "nsubj" and words[verb].head == top  # "made [the plan public]"
        ) or (role in ("nsubj", "nsubjpass") and words[verb].dep == "conj" and words[verb].head == top)
        # "Among the defenders was Paredes": the inverted complement says whose side he is on
        core = core or (role == "pobj" and words[verb].text.lower() == "among" and words[verb].head == top)
        if only is not None:  # a question shows one clause: its own verb's subject or object
            core = core or (word.dep in ("nsubj", "nsubjpass", "dobj") and word.head in only)
        if anchored and not core and not settlement:
            continue
        if only is not None:
            if index in only:
                return " ".join(words[i].text for i in [*own, index])  # shown anywhere: unclear
            continue
        subject_start = min(
            (subtree(words, i)[0] for i, w in enumerate(words) if w.head == top and w.dep in SUBJECT_DEPS),
            default=top or 0,
        )
        opening = role == "pobj" and index < subject_start  # "As a result of the election, …"
        if core or role in ("nsubj", "nsubjpass", "dobj") or opening or settlement:
            return " ".join(words[i].text for i in [*own, index])
    return ""


def _back(problem: str) -> Standing:
    return Standing(problem, leans_back=True)


def _subject_standing(reading: Reading, sentence: ParsedSentence, top: int) -> Standing:
    """Refuse a subject that points back to an earlier sentence, unless it is "he"/"she"
    continuing the previous sentence's subject."""
    words = sentence.words
    subjects = [i for i, w in enumerate(words) if w.head == top and w.dep in SUBJECT_DEPS]
    if not subjects:
        return Standing("no subject")
    for index, word in enumerate(words):
        if word.dep in SUBJECT_DEPS and word.text.lower() in INDEFINITE and not children(words, index):
            return _back(f"the subject '{word.text}' refers to an earlier sentence")  # "…; most were released"
    for subject in subjects:
        phrase = subtree(words, subject)
        head = words[subject].text.lower()
        if words[subject].tag == "NNS" and phrase == [subject] and subject == 0:
            return _back(f"the subject '{words[subject].text}' refers to an earlier sentence")  # "Lists were exchanged"
        first = words[phrase[0]].text.lower()
        alone = len(phrase) == 1 or all(words[i].dep in ("det", "punct") for i in phrase if i != subject)
        if head in INDEFINITE and alone:
            return _back(f"the subject '{words[subject].text}' refers to an earlier sentence")
        bare_adjective = all(words[i].dep in ("det", "punct") for i in phrase if i != subject)
        if words[subject].tag in ("JJ", "JJS", "JJR") and first == "the" and bare_adjective and not (
            phrase[0] > 0 and words[phrase[0] - 1].tag in ("NNP", "NNPS")
        ):
            return _back(f"the subject 'the {words[subject].text}' refers to an earlier sentence")  # "The largest held …"
        if head == "i" and subject > 0 and words[subject - 1].tag in ("NNP", "NNPS"):
            continue  # "José I": a regnal number, not the writer
        if head in PRONOUNS and head not in PERSONAL or first in DEMONSTRATIVE:
            return _back(f"the subject '{words[subject].text}' refers to an earlier sentence")
        possessive = next((i for i in phrase if words[i].tag == "PRP$" and words[i].head == subject), None)
        if possessive is not None:
            if _named_before(reading, sentence, possessive):
                continue  # "Tan and his men": the sentence names him itself
            problem = f"'{words[possessive].text}' in the subject refers to an earlier sentence"
            # "its", "their" the sentence before says; "his" is a person _antecedent could not find
            return Standing(problem, leans_back=words[possessive].text.lower() not in ("his", "her"))
        if head in PERSONAL:
            if _named_before(reading, sentence, subject):
                continue  # "When Tan saw them, he radioed": the sentence names him itself
            if any(m.start < words[subject].start for _, m in reading.person_mentions.get(sentence, [])):
                return Standing(f"nobody clear for '{words[subject].text}'")  # "Flora MacDonald helped him …; she was arrested"
            name = _antecedent(reading, sentence)
            if not name:  # a sentence before it would not say who either: _antecedent looked
                return Standing(f"nobody clear for '{words[subject].text}'")
            return Standing("", name, subject)
    return Standing("")


def _named_before(reading: Reading, sentence: ParsedSentence, index: int) -> bool:
    """Exactly one person is named in the sentence before word ``index``, as someone who acts
    ("When Tan saw them, he …"), not inside a phrase ("As the flagship of Admiral Tōgō she
    led …": she is the ship)."""
    start = sentence.words[index].start
    named = {
        p.name
        for p, m in reading.person_mentions.get(sentence, [])
        if m.start < start and not _in_phrase(sentence, m.start, m.end)
    }
    return len(named) == 1


def _in_phrase(sentence: ParsedSentence, start: int, end: int) -> bool:
    """The name at ``start``–``end`` hangs from a preposition or is someone's possessive.

    Any word of the name attached outside it counts: the parse may hang a long name from
    two places ("Supported by | the elderly Minamoto no | Yorimasa, he …").
    """
    words = sentence.words
    inside = {i for i, w in enumerate(words) if start <= w.start < end}
    return any(_hangs_from_a_phrase(words, i) for i in inside if words[i].head not in inside)


def _hangs_from_a_phrase(words: tuple[Word, ...], index: int) -> bool:
    """A word that is a preposition's object or a possessive, or in apposition to or listed
    with one ("With Tatya, the Rani and Ali Bahadur, he marched": none of them is "he")."""
    seen = set()
    while words[index].dep in ("appos", "conj") and words[index].head != index and index not in seen:
        seen.add(index)
        index = words[index].head
    return words[index].dep in ("pobj", "poss")


def _antecedent(reading: Reading, sentence: ParsedSentence) -> str:
    """The name "he"/"she" stands for: the person who is the subject of the sentence just
    before, in the same passage (and the only person that sentence names as a subject)."""
    earlier = [s for s in reading.sentences_of(sentence.passage) if s.end <= sentence.start]
    if not earlier:
        return ""
    previous = earlier[-1]
    words = previous.words
    # The subjects of every clause ("Aylwin took office, but Pinochet remained …. He was
    # arrested": which one?); a subject that is itself "his father" chains to someone else.
    subjects = [i for i, w in enumerate(words) if w.dep in SUBJECT_DEPS and is_verb(words[w.head])]
    phrases = [subtree(words, i) for i in subjects]
    if any(words[j].tag == "PRP$" for phrase in phrases for j in phrase):
        return ""
    subject_starts = {words[j].start for phrase in phrases for j in phrase}
    as_subject = {p.name: m for p, m in reading.person_mentions.get(previous, []) if m.start in subject_starts}
    if len(as_subject) != 1:
        return ""
    mention = next(iter(as_subject.values()))
    # Another clause's subject is a name the extraction did not take for a person ("Aylwin
    # took office, but Pinochet remained …"): "he" may be either.
    others = [
        i for i in subjects
        if not mention.start <= words[i].start < mention.end
        and (words[i].tag in ("NNP", "NNPS") or (words[i].text.lower() in PERSONAL and words[i].start < mention.start))
    ]  # fmt: skip
    # "he was given a title, and Menelik appointed him …. He married": which "he"? (A "he"
    # after the name, "Zhang was freed, and he moved …", is the same man.)
    return "" if others else mention.text


def leans_on_context(reading: Reading, sentence: ParsedSentence, indices: list[int]) -> str:
    """Words among ``indices`` (those a question, statement or answer shows) that need
    sentences it does not show: a pronoun (other than a resolved subject), "this", a time
    counted from something else, or "the" + a common noun with nothing to say which ("the
    front", "the demarcation line"). "" when the words stand alone."""
    words = sentence.words
    shown = set(indices)
    resolved = reading.standings[sentence].pronoun
    for index in sorted(shown):
        word = words[index]
        lower = word.text.lower()
        if word.tag in ("PRP", "PRP$") and index != resolved and lower not in ("i", "we", "you"):
            named_shown = any(
                m.start < word.start and any(words[i].start == m.start for i in shown)
                for _, m in reading.person_mentions.get(sentence, [])
            )
            if not named_shown or lower in _PLURAL | {"it", "its"}:
                return word.text  # "Who set out his vision …?": whose?
        if lower in DEMONSTRATIVE and word.tag == "DT":
            return word.text
        if lower in DEICTIC and word.tag == "RB":
            return word.text
        if lower in INDEFINITE and word.dep in SUBJECT_DEPS and not children(words, index):
            return word.text  # "Why did everything have to come 9,000 km …?": everything of what?
    leaning = _carries_on(words, shown)
    if leaning:
        return leaning
    text = " ".join(words[i].text for i in sorted(shown))
    relative = RELATIVE_TIME.search(text) or _SHARE_OF_IT.search(text)
    if relative:
        return relative.group(0)
    counted = _counted_back(words, shown)
    if counted:
        return counted
    return _bare_definite(words, reading.title_words, only=shown, anchored=anchors(words, shown) >= SHOWN_ANCHORS)


def hedged(sentence: ParsedSentence, indices: Iterable[int]) -> str:
    """A hedge among the words a question or statement shows ("When did Wang die reportedly
    in despair?"): asked or stated, the report reads as the fact. "" when there is none."""
    hedge = _HEDGES.search(" ".join(sentence.words[i].text for i in sorted(indices)))
    return hedge.group(0) if hedge else ""


def _carries_on(words: tuple[Word, ...], indices: Iterable[int]) -> str:
    """An additive adverb ("also"), a comparing adjective ("a separate drive") or a weekday
    with no year in the sentence ("On Monday afternoon"): words that need the sentence before."""
    dated = any(w.tag == "CD" and _YEAR.fullmatch(w.text) for w in words)
    shown = set(indices)
    for index in sorted(shown):
        word = words[index]
        lower = word.text.lower()
        naming = index + 1 < len(words) and words[index + 1].text.lower() in ("known", "called", "named")
        if lower in ADDITIVE and word.tag == "RB" and not naming:
            return word.text  # "also known as" names, it does not add
        if lower in CONCESSIVE:
            return word.text
        if lower == "well" and index and words[index - 1].text.lower() == "as" and (
            index + 1 == len(words) or words[index + 1].text in (".", ",", ";")
        ):
            return "as well"  # "Abd al-Aziz was killed as well": as well as whom?
        if lower in ("most", "least") and index and words[index - 1].text.lower() == "the" and _no_noun_after(words, index):
            return f"the {lower} {words[index + 1].text}"  # "The most influential was Jibril": of whom?
        if lower in ANAPHORIC_ADJECTIVES and (word.tag in ("JJ", "DT") or word.dep == "amod"):
            return word.text
        if lower == "other" and index and words[index - 1].text.lower() == "the":
            return "the other"  # "The other 360 were …": other than whom?
        if word.text == "new" and index and words[index - 1].text.lower() == "the" and not any(
            w.dep == "appos" and w.head == word.head and i in shown for i, w in enumerate(words)
        ):
            # "The new union was registered": the one the sentence before made ("The new
            # union, Solidarność, was registered" names it).
            return "the new"
        if lower in _DEED_NOUNS and index and words[index - 1].tag == "PRP$":
            return f"{words[index - 1].text} {word.text}"  # "justified his action": which, said before
        if lower in ("himself", "herself", "themselves") and index and words[index - 1].tag in ("NNP", "NNPS"):
            return word.text  # "Aguinaldo himself": as against someone the sentence before named
        if lower in WEEKDAYS and not dated:
            return word.text
        if lower == "instead" and not (index + 1 < len(words) and words[index + 1].text.lower() == "of"):
            return word.text  # "was held in Pretoria instead": instead of what the sentence before said
        going = base_form(words[word.head].text) in _GOING_BASES
        if lower == "back":
            going = going or words[word.head].text.lower() in _GOING
        if lower in ("back", "out") and word.dep in ("advmod", "prt") and going and not any(
            words[i].text.lower() in _WHERE_TO for i in range(index + 1, min(index + 3, len(words)))
        ):
            # "Levis marched back on 10 May 1760": back where he came from, said before; "was
            # allowed to march out with his men": out of where?
            return lower
    return ""


# Nouns that stand for a deed told before: "justified his action", "regretted their decision".
_DEED_NOUNS = frozenset({"action", "actions", "decision", "decisions", "move", "step", "deed", "deeds", "conduct"})


def _already(words: tuple[Word, ...]) -> str:
    """ "Hatuey had already been burned alive": already before what? Said in the sentence only
    as "by 1411" or "already in 1537". (A statement drops the word with the pluperfect.)"""
    for index, word in enumerate(words):
        if word.text.lower() == "already" and not _by_a_date(words) and not _dated_after(words, index):
            return word.text
    return ""


def _by_a_date(words: tuple[Word, ...]) -> bool:
    """ "By 1411 he had already …": the time "already" is counted from is in the sentence."""
    return any(
        w.text.lower() == "by" and i + 1 < len(words) and words[i + 1].entity == "DATE" for i, w in enumerate(words)
    )


def _dated_after(words: tuple[Word, ...], index: int) -> bool:
    """ "Already in 1537 the pope had declared …": the date follows the word itself."""
    return any(w.entity == "DATE" for w in words[index + 1 : index + 3])


def _no_noun_after(words: tuple[Word, ...], index: int) -> bool:
    """ "the most influential" standing for a noun said before: an adjective and no noun."""
    if index + 1 >= len(words) or words[index + 1].tag not in ("JJ", "RB", "VBN"):
        return False
    following = words[index + 2] if index + 2 < len(words) else None
    return following is None or following.tag not in ("NN", "NNS", "NNP", "NNPS", "JJ", "CD")


def anchors(words: tuple[Word, ...], indices: Iterable[int]) -> int:
    """How many names and years among ``indices`` pin a sentence to one moment of the story:
    each run of proper nouns counts once, and so does each year."""
    count, previous = 0, -2
    for index in sorted(indices):
        word = words[index]
        if word.tag in ("NNP", "NNPS") and word.text[:1].isupper():
            count += index != previous + 1  # "Lech Walesa" is one name
            previous = index
        elif word.tag == "CD" and _YEAR.fullmatch(word.text):
            count += 1
    return count


def _governor(words: tuple[Word, ...], index: int) -> int:
    """The verb a word depends on (through a preposition if need be)."""
    head = words[index].head
    while head != words[head].head and words[head].tag not in VERB_TAGS:
        head = words[head].head
    return head


def _doers(words: tuple[Word, ...], index: int) -> set[int]:
    """The words of whoever does the verb ``index`` depends on: its subject or, for "sent
    troops to seize", the object of the verb that sends."""
    verb = _governor(words, index)
    own = [i for i in children(words, verb) if words[i].dep in SUBJECT_DEPS]
    if not own and words[verb].dep in ("xcomp", "advcl") and verb != words[verb].head:
        own = [i for i in children(words, words[verb].head) if words[i].dep in (*SUBJECT_DEPS, "dobj")]
    return {j for i in own for j in subtree(words, i)}


def _dangling_pronoun(reading: Reading, sentence: ParsedSentence, resolved: int) -> str:
    """A pronoun with nothing before it in the sentence to refer to: "him" with no person
    named earlier; "they"/"them" before any plural noun, "it" before any singular one."""
    mentions = reading.person_mentions.get(sentence, [])
    named = [m.start for _, m in mentions]
    quoted = False
    for index, word in enumerate(sentence.words):
        if word.text in ('"', "“", "”"):
            quoted = not quoted
        lower = word.text.lower()
        if quoted or index == resolved or word.tag not in ("PRP", "PRP$"):
            continue
        before = sentence.words[:index]
        if lower in ("him", "her") and word.dep in ("dobj", "dative", "pobj"):
            # "Napoleon III promised him support": "him" is never the verb's own subject.
            governor = _governor(sentence.words, index)
            doers = {governor}
            if sentence.words[governor].dep == "conj" and not any(
                w.head == governor and w.dep in SUBJECT_DEPS for w in sentence.words
            ):
                doers.add(sentence.words[governor].head)  # "A council presided over by Lepine sentenced him"
            subject_words = {
                sentence.words[j].start
                for i, w in enumerate(sentence.words)
                if w.head in doers and w.dep in (*SUBJECT_DEPS, "agent")
                for j in subtree(sentence.words, i)
            }
            if sentence.words[governor].dep == "relcl" and any(
                sentence.words[i].tag in ("WP", "WDT") and sentence.words[i].dep in SUBJECT_DEPS
                for i in children(sentence.words, governor)
            ):
                # "Lang, who met her at Jhansi": "who" is Lang, so Lang is not "her" either
                noun = sentence.words[sentence.words[governor].head]
                subject_words |= {m.start for _, m in mentions if m.start <= noun.start < m.end}
            # the resolved subject "he" is someone named too ("he testified …, which embarrassed
            # Grant, who was furious with him")
            resolved_start = [sentence.words[resolved].start] if 0 <= resolved < index else []
            if not any(start < word.start and start not in subject_words for start in named + resolved_start):
                return word.text
        elif lower in ("he", "him", "his", "she", "her", "himself", "herself"):
            if not any(start < word.start for start in named) and (resolved < 0 or resolved > index):
                return word.text
        elif lower in _PLURAL:
            # "Thiers sent troops to seize them": not the troops (a pronoun object is never its
            # verb's own doer), not Thiers (one person, whatever the tagger's NNPS says).
            others = _doers(sentence.words, index) if word.dep in ("dobj", "dative") else set()
            if not any(
                (w.tag in ("NNS", "NNPS") or w.dep == "conj") and i not in others and w.start not in named
                for i, w in enumerate(before)
            ):
                return word.text
        elif lower in ("it", "its", "itself"):
            # "Macarthur defied it": a person is never "it"; "The Chamber passed it": nor is
            # the verb's own doer.
            others = _doers(sentence.words, index) if word.dep in ("dobj", "dative") else set()
            if not any(
                w.tag in ("NN", "NNP") and i not in others and not any(m.start <= w.start < m.end for _, m in mentions)
                for i, w in enumerate(before)
            ):
                return word.text
    return ""
