"""Where an answer sits in its sentence's clause: the phrase around it, and the clause restated."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from studyapp.core.extraction import ParsedSentence, Word
from studyapp.questions.clauses import (
    Clause,
    clauses,
    shown_words,
    statement,
    subject_as_written,
    subject_core,
)
from studyapp.questions.phrases import is_verb, join, subtree, word_range
from studyapp.questions.reading import Reading
from studyapp.questions.standing import hedged, leans_on_context, possessive_contraction


@dataclass(frozen=True)
class Slot:
    """An answer's words in a clause, and the phrase that carries them."""

    clause: Clause
    words: tuple[int, ...]  # the answer's own words
    phrase: tuple[int, ...]  # the phrase around them ("on 7 January 1979")
    top: int  # the phrase's head word

    @property
    def in_subject(self) -> bool:
        return set(self.words) <= set(self.clause.subject)

    @property
    def on_verb(self) -> bool:
        """The phrase modifies the main verb itself (not a noun or a subordinate clause)."""
        return self.clause.sentence.words[self.top].head == self.clause.verb


def slot(sentence: ParsedSentence, start: int, end: int) -> Slot | None:
    """The slot of the passage span [start, end) in the innermost clause holding it."""
    words = word_range(sentence, start, end)
    if not words:
        return None
    inside = set(words)
    clause = _clause_holding(sentence, words[0])
    if clause is None:
        return None
    tops = [i for i in words if sentence.words[i].head not in inside or sentence.words[i].head == i]
    if len(tops) != 1:
        return None
    top = tops[0]
    head = sentence.words[top].head
    if sentence.words[top].dep == "pobj" and sentence.words[head].dep in ("prep", "agent"):
        top = head  # "on 7 January 1979": the preposition carries the date
    phrase = tuple(subtree(sentence.words, top))
    if not set(words) <= set(phrase):
        return None
    if _opens_next_conjunct(sentence.words, clause.verb, phrase):
        return None
    return Slot(clause, tuple(words), phrase, top)


def _opens_next_conjunct(words: tuple[Word, ...], verb: int, phrase: tuple[int, ...]) -> bool:
    """ "Ram Singh went home, and on the festival of Baisakhi in April 1857 he founded the
    order": a phrase after "and" with a second verb to follow belongs to that verb, however
    the parse hung it."""
    start, end = min(phrase), max(phrase)
    joined = any(w.dep == "cc" and w.head == verb and verb < i < start for i, w in enumerate(words))
    return joined and any(w.dep == "conj" and w.head == verb and i > end and is_verb(w) for i, w in enumerate(words))


def _clause_holding(sentence: ParsedSentence, index: int) -> Clause | None:
    """The clause whose verb is the nearest verb above word ``index`` in the parse."""
    by_verb = {clause.verb: clause for clause in clauses(sentence)}
    seen = set()
    while index not in seen:
        seen.add(index)
        if index in by_verb and index != -1:
            return by_verb[index]
        head = sentence.words[index].head
        if head == index:
            return None
        index = head
    return None


def subject_name(reading: Reading, sentence: ParsedSentence) -> tuple[str, tuple[int, int] | None]:
    """The name a subject pronoun stands for, and the pronoun's passage span ("" / None)."""
    standing = reading.standings.get(sentence)
    if standing is None or not standing.subject_name:
        return "", None
    word = sentence.words[standing.pronoun]
    name = standing.subject_name
    if word.text.lower() in ("his", "her"):
        name = f"{name}’s" if not name.endswith("s") else f"{name}’"
    return name, (word.start, word.end)


def _full_name(reading: Reading, clause: Clause, first: Word) -> str:
    """A subject that is a bare surname ("Singh was hanged at Pentonville"), shown out of its
    paragraph: the person's full name says who ("Udham Singh"). "" to keep the subject."""
    core = subject_core(clause)
    written = join(clause.words, core)
    initialled = len(core) == 2 and bool(_INITIAL.fullmatch(first.text))  # "N. Bacon emigrated"
    if not (len(core) == 1 or initialled) or reading.shared_name(first.text):
        return ""  # "Bradford" of David and William Bradford: which one is a guess
    for person, mention in reading.person_mentions.get(clause.sentence, []):
        if mention.start == first.start and mention.text == written:
            full = reading.shown_name(person)
            surname = written.split()[-1]
            fuller = len(full.split()) >= 2 and surname in full.split() and full != written
            same_initial = not initialled or full[0] == written[0]
            return full if fuller and same_initial else ""
    return ""


_INITIAL = re.compile(r"[A-Z]\.")


def resolved_subject(reading: Reading, clause: Clause) -> str:
    """The clause's subject as a learner reads it alone: a pronoun replaced by its name."""
    name, span = subject_name(reading, clause.sentence)
    if span is None:
        first = clause.sentence.words[clause.subject[0]]
        fuller = _full_name(reading, clause, first)
        if fuller:
            return fuller
        named = any(m.start == first.start for _, m in reading.person_mentions.get(clause.sentence, []))
        proper = first.tag in ("NNP", "NNPS", "NN") and first.text[:1].isupper()  # not "The", "His"
        if named or (proper and reading.capitalised_mid_sentence(first.text)):
            return subject_as_written(clause)  # "Cope" opens the sentence: a name, not "cope"
        return ""
    words = clause.sentence.words
    replaced = [
        name if words[i].start == span[0] else words[i].text
        for i in clause.subject
    ]
    if len(replaced) == 1:
        return replaced[0]
    pieces = []
    for position, index in enumerate(clause.subject):
        pieces.append(replaced[position])
        if words[index].space and position + 1 < len(clause.subject):
            pieces.append(" ")
    return "".join(pieces)


def restated(reading: Reading, found: Slot, move_to_end: bool = False) -> str:
    """The clause restated subject first; a date phrase opening the clause moves to the end
    ("On 25 May 1911 Madero …" → "Madero … on 25 May 1911"), so the statement keeps its time."""
    clause = found.clause
    subject = resolved_subject(reading, clause)
    words = clause.sentence.words
    if move_to_end and found.on_verb and not set(found.phrase) & set(clause.predicate):
        tail = join(words, found.phrase)
        return statement(clause, subject, tail=tail)
    leading = _leading_time(clause)
    if leading and not set(leading) & set(found.words):
        return statement(clause, subject, tail=join(words, leading))
    return statement(clause, subject)


def inside_opening_clause(words: tuple[Word, ...], verb: int, index: int) -> bool:
    """Whether word ``index`` sits in an adverbial clause before the main verb's subject
    (after its verb, before the comma that closes it), whatever the parser hung it on."""
    opening = [j for j in range(index) if words[j].dep == "advcl" and words[j].head == verb]
    return bool(opening) and not any(words[k].text == "," for k in range(opening[0], index))


def _leading_time(clause: Clause) -> list[int]:
    """The date phrase before the subject, on the clause's verb ("On 11 October 1819")."""
    words = clause.words
    for index, word in enumerate(words[: clause.subject[0]]):
        if inside_opening_clause(words, clause.verb, index):
            continue  # "Although it was revoked in May 1975, Connor kept in touch": not his date
        if word.head == clause.verb and word.dep in ("prep", "npadvmod"):
            phrase = subtree(words, index)
            # "On 13 April" and nothing else: a parse that hangs "the Russian admiral" on the
            # date would carry him to the end of the statement.
            timed = all(words[i].entity in ("DATE", "TIME") or words[i].tag in (",", "IN", "DT") for i in phrase[1:])
            if any(words[i].entity == "DATE" for i in phrase) and timed and phrase[-1] < clause.subject[0]:
                return phrase
    return []


def clear(
    reading: Reading,
    clause: Clause,
    without: Iterable[int] = (),
    subject: bool = True,
    extra: Iterable[int] = (),
) -> bool:
    """The words a question or statement shows from ``clause`` (less ``without``, plus
    ``extra``) stand alone: no pronoun, "this", relative time or unexplained "the …"."""
    indices = [*shown_words(clause, without, subject), *extra]
    return not (
        leans_on_context(reading, clause.sentence, indices)
        or hedged(clause.sentence, indices)
        or possessive_contraction(clause.sentence, indices)
        or (subject and _list_cut_short(clause))
        or (subject and _shared_name_subject(reading, clause))
    )


def _shared_name_subject(reading: Reading, clause: Clause) -> bool:
    """The subject is a bare name two people of the article share ("Yi was appointed …" beside
    Yi Sun-sin and Yi Eok-gi): which one is meant is a guess, and its full name unknown."""
    core = subject_core(clause)
    return len(core) == 1 and reading.shared_name(clause.words[core[0]].text)


def _list_cut_short(clause: Clause) -> bool:
    """A subject list whose first item the parser hung on the phrase before ("On 31 October
    1861 Britain, | France and Spain signed"): shown alone, the list leaves one out."""
    words = clause.words
    first = clause.subject[0]
    if first < 2 or words[first - 1].text != "," or (first - 2) in clause.subject:
        return False
    before = words[first - 2]
    listed = any(words[i].dep == "cc" for i in clause.subject)
    return listed and before.tag in ("NNP", "NNPS") and before.entity not in ("DATE", "TIME")
