"""The main clause of a parsed sentence, and the questions and statements made from it.

A clause is read from the dependency parse: the root verb, its auxiliaries, its subject
and the predicate after it. Questions invert it ("When did the army take the city?"),
statements restate it subject first ("The army took the city on 7 January 1979.").
Anything the parse does not show clearly (a modal, a negation, a subject that is not a
plain noun phrase, a split verb group) gives no clause: no question is better than a
wrong one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from studyapp.core.extraction import ParsedSentence, Word
from studyapp.questions.phrases import (
    SUBJECT_DEPS,
    capitalise,
    children,
    is_verb,
    join,
    lower_first,
    root,
    subtree,
)
from studyapp.questions.verbs import base_form, is_past, past_form, present_base

BE = frozenset({"was", "were", "is", "are"})
AUXILIARIES = frozenset(
    """was were is are am be been being had has have having did do does to""".split()  # noqa: SIM905
)
# Dependents of the verb that start another clause: a question keeps one idea.
CLAUSE_DEPS = frozenset({"conj", "cc", "parataxis", "advcl", "ccomp", "punct", "mark", "preconj"})
MAX_PREDICATE_WORDS = 18
_DATE_WORD = re.compile(r"1\d{3}|20\d{2}|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?")
_MOVABLE_OPENERS = frozenset(
    {"on", "in", "at", "by", "during", "from", "since", "until", "after", "before", "around", "about", "early",
     "late", "shortly", "towards", "toward", "throughout", "within", "between", "near", "soon", "just"}
)  # fmt: skip  # a longer predicate reads as two questions in one
# Verbs that say nothing without their object: restated alone, "Italy invaded on 3 October"
# leaves out what was invaded (the sentence before named it).
NEEDS_OBJECT = frozenset(
    """invade attack capture seize take occupy annex besiege defeat sign ratify overthrow
    depose storm bomb shell raid conquer abolish approve reject accept""".split()  # noqa: SIM905
)
NEEDS_TO = frozenset({"surrender", "capitulate", "submit", "defect", "oppose"})
# Chosen for an office the sentence must name: "was elected" (to what?), "was appointed".
_CHOSEN = frozenset({"elect", "appoint", "nominate", "promote"})
# A response to something: "Mamai answered by preparing a larger campaign" (answered what?).
_RESPONSES = frozenset({"answer", "respond", "reply", "react", "retaliate"})
NEEDS_TO_ADJECTIVES = frozenset({"opposed", "hostile", "loyal", "committed", "devoted", "sympathetic"})
# Verbs of going or sending word somewhere: alone with a place, no deed.
MOVEMENT = frozenset(
    """arrive return come go leave travel sail depart move fly ride write journey stop stay remain
    winter""".split()  # noqa: SIM905
)
# Words whose clause states something uncertain or not about the past fact itself.
HEDGES = frozenset({"may", "might", "could", "would", "should", "must", "can", "will", "shall"})


# Verbs that report what someone said or thought: the fact is in what is reported, and
# "Who told the Post?" asks about the telling.
REPORTING = frozenset(
    """say said says tell told tells add added explain explained note noted state stated claim
    claimed claims report reported argue argued warn warned insist insisted complain complained
    believe believed think thought agree agreed admit admitted""".split()  # noqa: SIM905
)


@dataclass(frozen=True)
class Clause:
    """Subject, verb group and predicate of a sentence's main clause (word indices)."""

    sentence: ParsedSentence
    subject: tuple[int, ...]
    auxiliaries: tuple[int, ...]  # before the verb: "had been", "was"
    verb: int
    predicate: tuple[int, ...]  # the dependents after the verb that belong to this clause

    @property
    def words(self) -> tuple[Word, ...]:
        return self.sentence.words

    @property
    def reporting(self) -> bool:
        return self.words[self.verb].text.lower() in REPORTING

    @property
    def bare_state(self) -> bool:
        """ "Disraeli was unmoved", "Lenin was furious": a copula and an adjective alone, a
        reaction to what an earlier sentence tells."""
        words = self.words
        told = [i for i in self.predicate if words[i].head == self.verb and words[i].dep != "punct"]
        if not told and words[self.verb].tag == "VBN":
            return any(words[i].dep == "auxpass" for i in self.auxiliaries)  # "was unmoved."
        return (
            words[self.verb].text.lower() in BE
            and len(told) == 1
            and words[told[0]].dep == "acomp"
            and len(self.predicate) - sum(1 for i in self.predicate if words[i].dep == "punct") <= 2
        )

    @property
    def whereabouts(self) -> bool:
        """ "Ralph Moor was on leave in England": where someone was, not what happened; a
        copula with no noun or adjective after it."""
        words = self.words
        return words[self.verb].text.lower() in BE and not any(
            words[i].dep in ("attr", "acomp") and words[i].head == self.verb for i in self.predicate
        )

    @property
    def historical_present(self) -> bool:
        """ "In 1823 the governor-general abolishes these leases": a past event told in the
        present, as lectures, podcasts and notes do; a question or a statement puts it in the
        past ("When did the governor-general abolish these leases?")."""
        return historical_present(self.words, self.verb)

    @property
    def journey(self) -> bool:
        """ "Loy Henderson returned to Tehran", "Phillips wrote to the Foreign Office": someone
        went somewhere or wrote to someone, with nothing said of what for; a verb of movement
        whose only complements name places or times."""
        words = self.words
        if base_form(words[self.verb].text.lower()) not in MOVEMENT:
            return False
        for i in self.predicate:
            word = words[i]
            if word.head == self.verb and word.dep not in ("prep", "advmod", "npadvmod", "prt", "punct"):
                return False  # an object, a purpose, a second verb: something was done
            if word.dep == "pobj" and word.tag in ("NN", "NNS") and word.entity not in ("DATE", "TIME"):
                return False  # "returned to power", "came with 4,000 troops"
        return True

    @property
    def passive_or_copula(self) -> bool:
        verb = self.words[self.verb].text.lower()
        return verb in BE or any(self.words[i].text.lower() in BE for i in self.auxiliaries)


_YEAR_WORD = re.compile(r"1\d{3}|20\d{2}")
_A_DAY = re.compile(r"\d{1,2}\b|[A-Z][a-z]+ \d{1,2}\b(?!\d)")


def historical_present(words: tuple[Word, ...], verb: int) -> bool:
    """A present-tense verb (or "is"/"are" with a participle) dated by a year on the verb
    itself ("In 1823 the governor-general abolishes", "he's shipped to Manado in May 1830"): a
    narrative present. A year elsewhere ("the museum, founded in 1905, holds") dates
    something else, and the present stays true now."""
    auxiliaries = [words[i].text.lower() for i in children(words, verb) if words[i].dep in ("aux", "auxpass")]
    present = words[verb].tag in ("VBZ", "VBP") and words[verb].text.lower() not in BE | {"has", "have"}
    passive = words[verb].tag == "VBN" and auxiliaries in (["is"], ["are"], ["'s"], ["'re"])
    if not (present or passive):
        return False
    for child in children(words, verb):
        if words[child].dep in ("prep", "npadvmod") and any(
            words[i].entity == "DATE" and _YEAR_WORD.fullmatch(words[i].text) for i in subtree(words, child)
        ):
            return True
    return False


def _phrase_head(words: tuple[Word, ...], phrase: Sequence[int]) -> int:
    """The word of a phrase whose head lies outside it (or that is the root)."""
    inside = set(phrase)
    return next(i for i in phrase if words[i].head not in inside or words[i].head == i)


def _before_aside(words: tuple[Word, ...], subject: Iterable[int]) -> list[int]:
    """A subject's words up to an aside between commas after its head ("The cabinet of the
    Baron of Cotegipe, which opposed abolition, …" → "The cabinet of the Baron of Cotegipe")."""
    subject = list(subject)
    head = _phrase_head(words, subject)
    commas = [i for i in subject if words[i].text == "," and i > head and not _list_comma(words, i)]
    named = _named_apposition(words, subject, head)
    if named and not any(words[i].entity == "PERSON" for i in subject if i <= head):
        return named  # "The leading Huguenot nobleman, Admiral Gaspard de Coligny," → the name
    kept = [i for i in subject if i < commas[0]] if commas else subject
    # A bracket after the head is an aside too ("The Great Siege of Malta (Maltese: L-Assedju
    # l-Kbir)"): the words in it are left out, the name around it stays whole.
    inside, depth = set(), 0
    for i in kept:
        depth += words[i].text == "("
        if depth and i > head:
            inside.add(i)
        depth -= words[i].text == ")" and depth > 0
    return [i for i in kept if i not in inside]


def _named_apposition(words: tuple[Word, ...], subject: list[int], head: int) -> list[int]:
    """The words of a person's name set in apposition to a described subject ([] if none, or
    if the parse split the name into two: "ʿAbd al-Raḥmān b. | ʿAbd Allāh al-Saʿdī")."""
    names = [i for i in subject if words[i].dep == "appos" and words[i].head == head and words[i].entity == "PERSON"]
    if len(names) > 1:
        return []
    for i in subject:
        if words[i].dep == "appos" and words[i].head == head and words[i].entity == "PERSON":
            # Its words, with the hyphen inside a double name ("Thun-Hohenstein") and the
            # comma before a peerage ("Thomas George Baring, Lord Northbrook")
            name = [j for j in subtree(words, i) if j in subject and (words[j].dep != "punct" or words[j].tag == "HYPH")]
            inner = [j for j in subtree(words, i) if name and name[0] < j < name[-1] and words[j].text == ","]
            if all(words[j].tag in ("NNP", "NNPS", "HYPH") for j in name):
                return sorted(name + inner)
    return []


def _list_comma(words: tuple[Word, ...], comma: int) -> bool:
    """A comma between items of a list ("France, Britain and Israel"): what follows is
    itself a conjunct, not an aside."""
    following = comma + 1
    if following >= len(words):
        return False
    word = words[following]
    before = words[comma - 1] if comma else None
    if before is not None and (word.dep, word.head) == (before.dep, before.head) and word.dep in ("amod", "compound"):
        # "German, French and Scottish mercenaries": modifiers of one noun, the last pair joined
        return any(w.dep == "cc" and w.head == following for w in words)
    conj = following if word.dep == "conj" else word.head if words[word.head].dep == "conj" and word.head > comma else None
    if conj is None:
        return False
    # A list has its "and" or "or": "The duc de Choiseul, Étienne-François de Choiseul, …"
    # parsed as two conjuncts is one man named twice.
    # The whole chain: a long list hangs each item on the one before ("Sisulu, Kathrada,
    # Mhlaba and Mlangeni"), its "and" on the last.
    first = conj
    while words[first].dep == "conj" and words[first].head != first:
        first = words[first].head
    members = {first}
    grown = True
    while grown:
        more = {i for i, w in enumerate(words) if w.dep == "conj" and w.head in members} - members
        members |= more
        grown = bool(more)
    return any(w.dep in ("cc", "preconj") and w.head in members for w in words)


def _contiguous(indices: Iterable[int]) -> bool:
    ordered = sorted(indices)
    return bool(ordered) and ordered[-1] - ordered[0] + 1 == len(ordered)


def main_clause(sentence: ParsedSentence) -> Clause | None:
    """The sentence's main clause, or None when the parse shows none to rely on."""
    top = root(sentence.words)
    return None if top is None else clause_of(sentence, top, main=True)


def clauses(sentence: ParsedSentence) -> list[Clause]:
    """The main clause and every subordinate or coordinate clause with its own subject
    ("After Napoleon III surrendered at Sedan on 2 September 1870, …")."""
    found = [clause for clause in (main_clause(sentence),) if clause is not None]
    for index, word in enumerate(sentence.words):
        if word.dep in ("advcl", "conj") and is_verb(word):
            clause = clause_of(sentence, index, main=False)
            if clause is not None:
                found.append(clause)
    return found


def clause_of(sentence: ParsedSentence, verb: int, main: bool) -> Clause | None:
    """The clause headed by ``verb``, or None when its parse is not clear enough to move."""
    words = sentence.words
    if not is_verb(words[verb]) or words[verb].tag in ("VBG", "MD"):
        return None
    below = children(words, verb)
    if main and any(words[i].dep in ("mark", "dep") for i in below):
        return None  # "After the module was extracted, …" parsed as the main clause
    subjects = [i for i in below if words[i].dep in SUBJECT_DEPS]
    if len(subjects) != 1 or subjects[0] > verb or words[subjects[0]].dep == "expl":
        return None
    subject = subtree(words, subjects[0])
    if len(subject) == 1 and words[subject[0]].tag == "NNS" and words[subject[0]].entity != "NORP":
        return None  # "When lists were exchanged", "Negotiations opened": which? the sentence before said
    before = words[subject[0] - 1] if subject[0] else None
    if before is not None and before.tag in ("NNP", "NNPS") and before.entity not in ("DATE", "TIME"):
        return None  # "Alexander | I died": the parse cut the name, the subject would be "I"
    if before is not None and before.tag == "IN" and before.dep == "prep" and not children(words, subject[0] - 1):
        return None  # "at | Reading William Winterbourne was executed": the preposition's object read into the subject
    if any(words[i].entity in ("DATE", "TIME") and _DATE_WORD.fullmatch(words[i].text) for i in subject):
        return None  # "11 October 1819 Barreiro …": a date run into the subject ("fourteen-year-old" is no date)
    if not main and (words[subjects[0]].tag in ("PRP", "DT", "EX") or words[subject[0]].tag == "PRP$"):
        return None  # "after he left": who "he" is lies outside the clause
    if any(words[i].text == "," and i < subjects[0] and not _list_comma(words, i) for i in subject):
        return None  # "North of Lake Ladoga, Finnish troops won": an opening phrase parsed into the subject
    if not _contiguous(subject) or any(words[i].tag in ("WDT", "WP", "WP$") for i in _before_aside(words, subject)):
        return None  # "which …": the clause leans on a noun outside it
    auxiliaries = [i for i in below if words[i].dep in ("aux", "auxpass") and i < verb]
    if any(words[i].text.lower() in HEDGES for i in auxiliaries):
        return None
    if any(words[i].text.lower() not in AUXILIARIES for i in auxiliaries):
        return None  # "became known" parsed as an auxiliary: "When became … known?"
    if words[subject[-1]].tag in ("IN", "DT", "CC", "TO"):
        return None  # "Some leaders at | first spoke": the parse cut a phrase in two
    if any(words[i].dep == "neg" for i in below):
        return None  # a question about what did not happen has no date or person to ask
    if auxiliaries and auxiliaries[0] < subject[-1]:
        return None  # an inverted clause ("Had he known, …")
    start = auxiliaries[0] if auxiliaries else subject[-1] + 1
    between = [j for j in range(start, verb) if j not in auxiliaries]
    if any(words[j].tag not in ("RB", "RBR", ",") for j in between):
        return None  # something other than an adverb splits the verb group
    if not auxiliaries and any(words[j].tag == "," for j in between):
        return None
    if missing_complement(words, verb):
        return None
    predicate = tuple(
        j
        for i in below
        if i > verb and (words[i].dep not in CLAUSE_DEPS or _purpose(words, i))
        for j in subtree(words, i)
    )
    return Clause(sentence, tuple(subject), tuple(auxiliaries), verb, tuple(sorted(predicate)))


def _purpose(words: tuple[Word, ...], index: int) -> bool:
    """ "wrote to the Foreign Office in November 1896 proposing to depose the Oba": a
    participle run on without a comma says what the act was for; without it the act is idle."""
    word = words[index]
    return (
        word.dep == "advcl"
        and word.tag == "VBG"
        and index > 0
        and words[index - 1].text != ","
        and not any(words[i].dep in ("mark", "nsubj") for i in children(words, index))
    )


# "in person", "in secret": how something was done, not what it was done to.
_MANNER_NOUNS = frozenset({"person", "secret", "private", "public", "turn", "vain", "haste", "force"})


def _clause_before_semicolon(words: tuple[Word, ...], index: int, verb: int) -> bool:
    """ "Dye wrote a book …; Loring answered with a memoir": the parse may make the clause
    before a semicolon the verb's complement; it is a sentence of its own."""
    return index < verb and any(words[i].text == ";" for i in range(index, verb))


def missing_complement(words: tuple[Word, ...], verb: int) -> str:
    """What the verb leaves unsaid, "" when nothing: "Italy invaded without a declaration of
    war" (invaded what?), "the Dutch forces surrendered" (to whom?), "Asquith was firmly
    opposed" (to what?), "Britain declared war" (on whom?)."""
    below = children(words, verb)
    base = base_form(words[verb].text.lower())
    passive = any(words[i].dep in ("aux", "auxpass") and words[i].text.lower() in BE for i in below)
    preps = {
        words[i].text.lower()
        for i in below
        if words[i].dep in ("prep", "agent")
        and not any(
            words[j].entity in ("DATE", "TIME") or words[j].text.lower() in _MANNER_NOUNS for j in children(words, i)
        )
    }  # "declared war on 4 August 1914": "on" a date is not "on" whom; "took part in person": in what?
    objects = [i for i in below if words[i].dep in ("dobj", "ccomp", "xcomp") and not _clause_before_semicolon(words, i, verb)]
    if base in NEEDS_OBJECT and not passive and not any(words[i].dep == "aux" for i in below) and not objects:
        return f"{words[verb].text} what?"
    if base in NEEDS_TO and "to" not in preps and not (base == "oppose" and (objects or not passive)):
        return f"{words[verb].text} to what?"
    if base in _RESPONSES and not objects and not preps & {"to", "against"}:
        return f"{words[verb].text} to what?"
    if base in _CHOSEN and passive and not objects and not preps & {"to", "as", "by"} and not any(
        words[i].dep in ("oprd", "attr", "acomp") for i in below
    ):
        return f"{words[verb].text} to what?"  # "Josef Zemp was elected in December 1891"
    if base == "declare" and any(words[i].text.lower() == "war" for i in objects) and "on" not in preps:
        return "declared war on whom?"
    for i in objects if base == "take" else ():
        needed = _TAKE_NEEDS.get(words[i].text.lower())
        if needed and needed not in preps and not any(words[j].text.lower() == needed for j in children(words, i)):
            return f"took {words[i].text.lower()} {needed} what?"
    if base == "drive" and objects and not preps & _DRIVEN_WHERE and not any(
        words[i].dep == "prt" for i in below
    ):
        return f"{words[verb].text} them where?"  # "had driven the Latins [out of Constantinople]"
    for i in below:  # "Asquith was firmly opposed": opposed to what?
        if words[i].dep == "acomp" and words[i].text.lower() in NEEDS_TO_ADJECTIVES and not any(
            words[j].text.lower() == "to" for j in children(words, i)
        ):
            return f"{words[i].text} to what?"
    return ""


# Where "drove the Latins" drove them: "out of", "from", "back to" … (said, or not).
_DRIVEN_WHERE = frozenset({"from", "out", "into", "to", "across", "over", "towards", "toward", "beyond", "off"})
# "took part" in what, "took possession" of what: the thing is in an earlier clause.
_TAKE_NEEDS = {"part": "in", "possession": "of", "control": "of", "charge": "of"}


def predicate_words(clause: Clause, without: Iterable[int] = ()) -> list[int]:
    """The predicate's words, less ``without``, up to where a new aside or clause starts.

    A comma inside a list or a date ("July 20, 1969"; "rocks, film and other items")
    is kept; a comma before "which", a participle, another verb or an aside ends it.
    Too long a predicate gives [] (two questions in one).
    """
    words = clause.words
    if any(words[i].dep == "ccomp" and i > clause.verb for i in children(words, clause.verb)):
        return []  # "made the plan public": the complement is a clause of its own, not to drop
    skipped = set(without)
    kept: list[int] = []
    for position, index in enumerate(clause.predicate):
        if index in skipped:
            continue
        word = words[index]
        joined = position and not words[clause.predicate[position - 1]].space and not word.space
        if word.text in (";", ":", "—", "–", "--", "-") and word.dep in ("punct", "cc") and not joined:
            break  # a dash between spaces starts an aside; "August–September" is one range
        following = clause.predicate[position + 1 :]
        if word.text == "," and _starts_aside(words, following) and not _closes_apposition(words, kept, following, clause.verb):
            aside = _aside_before_the_verbs_phrase(words, kept, index, clause.verb)
            if not aside:
                break
            skipped |= aside  # "pressured King Peter, a local ruler, into handing over the cape"
            continue
        # The comma closing a name hung on the verb: "the sultan of Marsk, Karl Brenner, back
        # from exile" keeps it (any other gap refuses the predicate below).
        between = range(kept[-1] + 1, index) if kept else range(0)
        if (
            between
            and all(words[i].text == "," for i in between)
            and _closes_apposition(words, kept, clause.predicate[position:], clause.verb)
        ):
            kept.extend(between)
        kept.append(index)
    while kept and (
        words[kept[-1]].dep in ("punct", "cc", "prep") and words[kept[-1]].tag != "RP"
        or words[kept[-1]].text in (",", "and", "or")
    ):
        kept.pop()
    after = max(kept, default=clause.verb) + 1
    if (
        len(kept) >= 2 and words[kept[-2]].dep == "cc" and words[kept[-1]].tag in ("NNP", "NNPS")
        and after < len(words) and words[after].text == ","
    ):  # fmt: skip
        return []  # "…, and Condé, quarrelling with the court, withdrew": the name opens a clause
    while after < len(words) and words[after].text == ",":
        after += 1
    if after + 1 < len(words) and words[after].tag == "VBN" and words[after + 1].text == "by":
        return []  # "by Israel, followed by Britain and France": cut there, it names one side only
    if _one_side_between(words, kept):
        return []  # "fought between the army of Robert the Bruce": and whom?
    kept = _shortened(words, kept, clause.verb)
    if _unbalanced(words, kept) or len(kept) > MAX_PREDICATE_WORDS or _gapped(words, kept, skipped):
        return []
    if _torn(words, kept, clause.verb):
        return []
    if any(
        words[i].tag in ("VBD", "VBZ", "VBP") and words[i].dep in ("conj", "appos", "dep")
        and any(words[j].dep in ("nsubj", "nsubjpass") for j in children(words, i))
        for i in kept
    ):  # fmt: skip
        return []  # "attack Tegalrejo, the estate burns, and Diponegoro escapes": a second clause the parse hung on a noun
    if any(words[i].tag in ("JJR", "RBR") for i in kept) and not any(words[i].text == "than" for i in kept):
        return []  # "the Khmer Rouge were stronger": than whom, than when?
    return kept


def _shortened(words: tuple[Word, ...], kept: list[int], verb: int) -> list[int]:
    """Too long a predicate without its trailing phrases on the verb ("entered the Bay of Uraga
    with a squadron consisting of two frigates, …" → "entered the Bay of Uraga"): what is
    left is still what the article says, only less of it. Unchanged when nothing can go."""
    while len(kept) > MAX_PREDICATE_WORDS:
        last = next(
            (i for i in reversed(kept) if words[i].head == verb and words[i].dep in ("prep", "advmod", "npadvmod")),
            None,
        )
        if last is None or last == kept[0]:
            return kept
        phrase = set(subtree(words, last))
        if max(phrase) < kept[-1]:
            return kept  # something else follows the phrase: not a tail to drop
        kept = [i for i in kept if i not in phrase]
        while kept and words[kept[-1]].text in (",", "and", "or"):
            kept.pop()
    return kept


def _torn(words: tuple[Word, ...], kept: list[int], verb: int) -> bool:
    """The predicate stops in the middle of a clause: a kept word's head was cut away, or a
    finite verb follows right after it ("after their commander, General Janssens, wrote …":
    the parse took the commander for an object, but he is the next verb's subject)."""
    inside = set(kept)
    if any(words[i].head not in inside and words[i].head != verb for i in kept):
        return True
    following = kept[-1] + 1 if kept else len(words)
    while following < len(words) and words[following].tag in (",", ":", "``", "''"):
        following += 1
    aside = next((i for i in children(words, kept[-1]) if i > kept[-1] and words[i].dep in ("relcl", "appos")), None) if kept else None
    if aside is not None:
        # "won power and Mahendra Chaudhry, who had been finance minister …, became prime
        # minister": past the aside on the last word, the verb whose subject it really is.
        following = max(subtree(words, aside)) + 1
        while following < len(words) and words[following].tag in (",", ":", "``", "''"):
            following += 1
    return following < len(words) and words[following].tag in ("VBD", "VBZ", "VBP") and following != verb


def _gapped(words: tuple[Word, ...], kept: list[int], skipped: set[int]) -> bool:
    """Words left out inside the predicate (a quotation's marks, "and ,") that were not
    meant to be: joining around them would not say what the article says."""
    if not kept:
        return False
    present = set(kept) | skipped
    return any(i not in present for i in range(kept[0], kept[-1] + 1))


def _closes_apposition(words: tuple[Word, ...], kept: list[int], following: tuple[int, ...], verb: int) -> bool:
    """The comma ends a name put beside the object, and the verb's own phrase goes on ("brought
    the old sultan, Hamengkubuwono II, back from exile"): the predicate is not complete yet."""
    if not kept or not following:
        return False
    nxt = words[following[0]]
    if nxt.head != verb or nxt.dep not in ("advmod", "prt", "prep") or nxt.tag not in ("RB", "RP", "IN"):
        return False
    if nxt.dep == "advmod" and nxt.text.lower() not in _PARTICLES:
        return False
    return any(
        words[i].dep == "appos" and words[i].head in kept and max(subtree(words, i)) == kept[-1] for i in kept
    )


_PARTICLES = frozenset({"back", "out", "up", "down", "off", "away", "home", "over", "aside"})


def _one_side_between(words: tuple[Word, ...], kept: list[int]) -> bool:
    """A kept "between" with one side only ("between the army of Robert the Bruce", "between
    the Valdorians under Brenner"): the other was cut off ("between the two armies" has both)."""
    for index in kept:
        if words[index].text.lower() != "between":
            continue
        sides = [i for i in kept if words[i].head == index and words[i].dep == "pobj"]
        counted = any(words[j].tag == "CD" and words[j].head in sides for j in kept)  # "the two armies"
        if not counted and not any(words[i].dep == "conj" for i in kept):
            return True
    return False


def _aside_before_the_verbs_phrase(words: tuple[Word, ...], kept: list[int], comma: int, verb: int) -> set[int]:
    """An apposition between commas on the object, with the verb's own phrase after it
    ("pressured King Peter, a local Dei ruler, into handing over Cape Mesurado"): its words
    and commas, to leave out so that the phrase is kept; an empty set otherwise."""
    if not kept or comma + 1 >= len(words):
        return set()
    first = words[comma + 1]
    aside = comma + 1 if first.dep == "appos" else first.head if first.tag == "DT" else -1
    if aside < 0 or words[aside].dep != "appos" or words[aside].head not in kept:
        return set()
    end = max(subtree(words, aside))
    after = end + 2
    if end + 1 >= len(words) or words[end + 1].text != "," or after >= len(words):
        return set()
    if words[after].head != verb or words[after].dep not in ("prep", "prt"):
        return set()
    return set(range(comma, after))


def _starts_aside(words: tuple[Word, ...], following: tuple[int, ...]) -> bool:
    """After a comma: does a new clause or an aside start here (not a list item or a year)?"""
    if not following:
        return True
    nxt = words[following[0]]
    if nxt.dep in ("relcl", "acl", "advcl", "parataxis", "ccomp", "appos", "npadvmod", "advmod"):
        return True
    if nxt.tag == "DT" and words[nxt.head].dep == "appos":
        return True  # "born at Maratta, a village in the state of Gobir, …": an aside on the place
    if nxt.tag in ("WDT", "WP", "WP$", "WRB", "VBG", "VBN", "VBD", "IN", "RB"):
        return True
    if nxt.dep == "cc":
        after = words[following[1]] if len(following) > 1 else None
        return after is None or is_verb(after) or after.tag in ("WDT", "WP", "RB", "IN")
    return bool(nxt.dep == "conj" and is_verb(nxt))


def _unbalanced(words: tuple[Word, ...], indices: list[int]) -> bool:
    """Brackets or quotations cut open, or a quotation long enough to be a sentence of its own."""
    text = " ".join(words[i].text for i in indices)
    if text.count("(") != text.count(")"):
        return True
    quotes = sum(text.count(mark) for mark in ('"', "“", "”"))
    return bool(quotes % 2 or quotes and len(text.split()) > 12)


def shown_words(clause: Clause, without: Iterable[int] = (), subject: bool = True) -> list[int]:
    """The sentence's words a question or statement from this clause shows: the subject (as
    moved, without an aside), the verb group and the predicate kept."""
    words = [*(subject_core(clause) if subject else []), *_verb_group(clause)]
    return sorted({*words, *predicate_words(clause, without)})


def subject_text(clause: Clause, replacement: str = "") -> str:
    """The subject as it reads after an inverted verb ("did the army …")."""
    if replacement:
        return replacement
    kept = subject_core(clause)
    return lower_first(join(clause.words, kept).rstrip(" ,") + _closing_comma(clause.words, kept), clause.words, kept[0])


def _closing_comma(words: tuple[Word, ...], kept: list[int]) -> str:
    """ "around 1,500 men, some carrying muskets and some just clubs, marched": the subject's
    aside (which the parse read as a list) keeps the comma that closes it."""
    words_kept = [i for i in kept if words[i].text != ","]
    if not words_kept or not any(words[i].text == "," for i in kept if i < words_kept[-1]):
        return ""
    after = words_kept[-1] + 1
    return "," if after < len(words) and words[after].text == "," else ""


# Verbs that say all they mean without an object ("When did Delescluze die?").
INTRANSITIVE = frozenset(
    """died resigned surrendered fell collapsed began ended started abdicated retired disappeared
    erupted broke rebelled mutinied""".split()  # noqa: SIM905
)  # not "arrived", "landed", "fled": without where, "Whitelocke arrived in May 1807" says little


def _complete_alone(clause: Clause, without: Iterable[int]) -> bool:
    """The verb needs nothing after it: a passive ("was signed") or an intransitive verb, and
    nothing but the left-out words followed it in the sentence."""
    if any(i not in set(without) for i in clause.predicate):
        return False  # there was a predicate, and it could not be kept whole
    verb = clause.words[clause.verb]
    passive = verb.tag == "VBN" and any(clause.words[i].dep == "auxpass" for i in clause.auxiliaries)
    return passive or verb.text.lower() in INTRANSITIVE


def subject_core(clause: Clause) -> list[int]:
    """The subject without an aside between commas ("GEN Westmoreland, the U.S. commander," →
    "GEN Westmoreland"; "Louis Rossel, one of the few officers to join the Commune," →
    "Louis Rossel"): moved into a question or statement, an aside reads badly."""
    return _before_aside(clause.words, clause.subject)


def subject_as_written(clause: Clause) -> str:
    """The subject without its aside, its case kept ("Cope, having brought …" → "Cope")."""
    kept = subject_core(clause)
    return join(clause.words, kept).rstrip(" ,") + _closing_comma(clause.words, kept)


def _verb_group(clause: Clause) -> list[int]:
    """Auxiliaries, adverbs between them and the verb itself."""
    first = clause.auxiliaries[0] if clause.auxiliaries else clause.verb
    return list(range(first, clause.verb + 1))


_PERFECT_MARKERS = frozenset({"since", "already", "yet", "ever", "never", "just", "long"})


def _plural_subject(clause: Clause) -> bool:
    """The subject's head is plural or has a conjunct ("A monument to the men": singular)."""
    words = clause.words
    head = _phrase_head(words, clause.subject)
    return words[head].tag in ("NNS", "NNPS") or any(words[i].dep == "conj" and words[i].head == head for i in clause.subject)


def _reduced_passive(clause: Clause) -> bool:
    """ "Philip shot dead near Mount Hope by John Alderman": a note's passive without its
    "was", told by the "by" of whoever did it, or by a participle with no object."""
    words = clause.words
    if clause.auxiliaries or words[clause.verb].tag not in ("VBD", "VBN"):
        return False
    if words[clause.verb].text.lower() in INTRANSITIVE:
        return False  # "When Nicholas II abdicated": a past tense the tagger read as a participle
    own = [words[i].dep for i in clause.predicate if words[i].head == clause.verb]
    # "Isobe and Muranaka, dismissed from the army in 1935": a participle with no object
    # after a list of names the parser took for its subject.
    return "agent" in own or (words[clause.verb].tag == "VBN" and "dobj" not in own and "dative" not in own)


def _verb_group_text(clause: Clause) -> str:
    """The verb group as a statement shows it: a pluperfect standing alone reads as a simple
    past ("Dudás had been executed" → "Dudás was executed"; "had signed" → "signed"); the
    sentence it came from set it against another past the statement no longer shows."""
    words = clause.words
    auxiliaries = [words[i].text.lower() for i in clause.auxiliaries]
    group = _verb_group(clause)
    if _reduced_passive(clause):
        return f"{'were' if _plural_subject(clause) else 'was'} {words[clause.verb].text}"
    opening_since = [i for i in children(words, clause.verb) if words[i].text.lower() == "since" and words[i].dep == "prep"]
    if any(words[i].text.lower() in _PERFECT_MARKERS for i in (*clause.predicate, *opening_since)):
        return join(words, group)  # "had kept him prisoner since 1898", "Since 1739 … had been occupied": the perfect stays
    if auxiliaries == ["had", "been"] and words[clause.verb].tag == "VBN":
        be = "were" if _plural_subject(clause) else "was"
        # "had already been pardoned": "pardoned"; "already" only meant before the other past
        rest = [i for i in group if i not in clause.auxiliaries and words[i].text.lower() != "already"]
        return " ".join([be, join(words, rest)]) if rest else be
    if auxiliaries == ["had"] and is_past(words[clause.verb].text.lower()):
        return join(words, group[1:])  # a regular past participle is also the simple past
    if clause.historical_present:
        if words[clause.verb].tag == "VBN":  # "is shipped" → "was shipped"
            be = "were" if auxiliaries[0] in ("are", "'re") else "was"
            rest = [i for i in group if i not in clause.auxiliaries]
            return " ".join([be, join(words, rest)])
        rest = [i for i in group if i != clause.verb]
        return " ".join([join(words, rest), past_form(present_base(words[clause.verb].text))]).strip()
    if auxiliaries == ["did"] and words[clause.verb].tag == "VB":
        # "The Council did end the Schism": the emphasis answered a doubt the statement no
        # longer shows ("ended").
        rest = [i for i in group if i not in clause.auxiliaries and i != clause.verb]
        return " ".join([join(words, rest), past_form(words[clause.verb].text)]).strip()
    return join(words, group)


def inverted_question(
    clause: Clause, wh: str, without: Iterable[int] = (), subject: str = ""
) -> str | None:
    """ "When did the army take the city?": ``wh`` + the clause inverted, ``without`` left out."""
    words = clause.words
    rest = predicate_words(clause, without)
    if not rest and not _complete_alone(clause, without):
        return None  # nothing left to ask about, or the predicate could not be cut to one idea
    verb = words[clause.verb]
    who = subject_text(clause, subject)
    tail = f" {join(words, rest)}" if rest else ""
    auxiliaries = [words[i].text.lower() for i in clause.auxiliaries]
    simple = _verb_group_text(clause).split(" ", 1)
    if auxiliaries == ["had", "been"] and verb.tag == "VBN" and simple[0] in ("was", "were") and len(simple) == 2:
        return _question(f"{wh} {simple[0]} {who} {simple[1]}{tail}")  # "When was Dudás executed?"
    if auxiliaries == ["had"] and verb.tag == "VBN":
        # "When had Bolivia become independent?" reads oddly alone: "When did … become …?"
        adverbs = [i for i in _verb_group(clause)[1:-1]]
        middle = f"{join(words, adverbs)} " if adverbs else ""
        return _question(f"{wh} did {who} {middle}{base_form(verb.text)}{tail}")
    if clause.auxiliaries:
        first, *others = _verb_group(clause)
        middle = join(words, [*others]) if others else ""
        auxiliary = words[first].text.lower()
        if clause.historical_present:
            auxiliary = "were" if auxiliary in ("are", "'re") else "was"  # "When was he shipped to Manado?"
        return _question(f"{wh} {auxiliary} {who} {middle}{tail}")
    if verb.text.lower() in BE:
        return _question(f"{wh} {verb.text.lower()} {who}{tail}") if rest else None
    if _reduced_passive(clause):
        return _question(f"{wh} {_verb_group_text(clause).split()[0]} {who} {verb.text}{tail}")
    if verb.tag == "VBD":
        return _question(f"{wh} did {who} {base_form(verb.text)}{tail}")
    if verb.tag in ("VBZ", "VBP"):
        auxiliary = "did" if clause.historical_present else "does" if verb.tag == "VBZ" else "do"
        return _question(f"{wh} {auxiliary} {who} {present_base(verb.text)}{tail}")
    return None


def _question(text: str) -> str:
    """A question mark after the words, never after a stray full stop ("a CUP member.?")."""
    return re.sub(r"\s+", " ", text).rstrip(" .,;:[(") + "?"  # "…follow [?": a citation's bracket


def subject_question(clause: Clause, wh: str, without: Iterable[int] = ()) -> str | None:
    """ "Who took the city?": ``wh`` in place of the subject."""
    rest = predicate_words(clause, without)
    if not rest and not _complete_alone(clause, without) or _only_a_date(clause, rest):
        return None  # "Who announced?", "Who arrived on 28 July 1808?": nothing said about what was done
    return _question(f"{wh} {_verb_group_text(clause)} {join(clause.words, rest)}")


def _only_a_date(clause: Clause, rest: list[int]) -> bool:
    """The shown predicate is only a date ("arrived on 28 July 1808") after a verb that needs
    more to say anything (not "died", not a passive)."""
    words = clause.words
    dated = all(
        words[i].entity in ("DATE", "TIME")
        or words[i].dep == "prep" and any(words[j].entity in ("DATE", "TIME") for j in children(words, i))
        for i in rest
    )
    return bool(rest) and dated and not _complete_alone(clause, rest)


def _embeds_clause(clause: Clause, shown: list[int]) -> bool:
    """The shown predicate holds a verb of its own (a relative clause, "to draft …")."""
    return any(clause.words[i].dep in ("relcl", "acl", "ccomp", "xcomp", "advcl") and is_verb(clause.words[i]) for i in shown)


def statement(clause: Clause, subject: str = "", tail: str = "", without: Iterable[int] = ()) -> str:
    """The clause restated subject first ("The army took the city on 7 January 1979.")."""
    if clause.reporting:
        return ""  # "Defectors say many of their colleagues." loses what they said
    rest = predicate_words(clause, without)
    if not rest and not _complete_alone(clause, without):
        return ""  # "Phnom Penh declared.": what it declared is missing
    if _only_a_date(clause, rest):
        return ""  # "Foveaux arrived on 28 July 1808.": arrived where? (as "When did … arrive?")
    who = subject or subject_as_written(clause)
    text = f"{capitalise(who)} {_verb_group_text(clause)} {join(clause.words, rest)}".rstrip()
    if tail and (
        _embeds_clause(clause, rest)
        or any(clause.words[i].text == "," or clause.words[i].entity == "DATE" for i in rest)
    ):
        # "Sarit decreed a constitution that provided for an assembly to draft … in January
        # 1960" pins the date on the wrong verb, "three corridors, each 20 miles wide in
        # November 1945" on the wrong phrase, "on 11 April in April 1838" says it twice: the
        # time phrase stays in front.
        opening = who if subject else lower_first(who, clause.words, subject_core(clause)[0])
        text = f"{capitalise(tail).rstrip(' ,')}, {opening} {text[len(capitalise(who)) + 1 :]}"  # "1266,," once
    elif tail:
        text = text.rstrip(" ,;:.")  # "… Kennecott." + "in July 1971": no stop mid-sentence
        first, _, rest_of_tail = tail.partition(" ")
        if first.lower() in _MOVABLE_OPENERS:
            tail = f"{first.lower()} {rest_of_tail}"  # "On July 8, 1853" moved to the end: "on July 8, 1853"
        elif _DATE_WORD.fullmatch(first.rstrip(",")) or first.isdigit():
            # A note's bare date ("July 1675 – Philip escapes …"): "in July 1675", "on 12 August 1676".
            tail = f"{'on' if _A_DAY.match(tail) else 'in'} {tail}"
        text = f"{text} {tail}"
    return text.rstrip(" ,;:.–—-") + "."  # "… in June 1882 –": a timeline row's dash came with the date
