"""An article read for question writing: which sentences can stand alone, and what each names.

Built once per generation from the article, its extraction and the options; every
fact finder and question writer reads from it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import random
import re
import statistics
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from studyapp.core.articles import ArticleText
from studyapp.core.extraction import Event, Extraction, Figure, Mention, ParsedSentence, Person
from studyapp.core.questions import KINDS
from studyapp.questions.phrases import SUBJECT_DEPS, root, sentence_text, subtree

MIN_WORDS = 6  # fewer words rarely make a statement worth a card
# A cloze shows its whole sentence: beyond this a learner has to hold two or three facts
# in mind to fill one gap. Questions, statements and sequences are written from one
# clause, so their sentence may be longer, up to what the parser reads reliably.
MAX_CLOZE_WORDS = 40
MAX_WORDS = 70
PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "this", "that", "these", "those"})
PERSONAL = frozenset({"he", "she"})
# Subjects standing for people or things named before: "Others still hold to 10,000".
INDEFINITE = frozenset(
    {"others", "some", "many", "most", "both", "all", "several", "few", "one", "another", "each"}
)
POSSESSIVE = frozenset({"his", "her", "its", "their", "our", "my"})
DEMONSTRATIVE = frozenset({"this", "that", "these", "those", "such"})
# Adverbs that point at the writer's own place and day: "flown here", "today".
DEICTIC = frozenset({"here", "today", "yesterday", "tomorrow", "tonight"})
_FOREIGN_SCRIPT = re.compile(r"[^\x00-\u024f\u1e00-\u1eff\u2010-\u206f\u20a0-\u20cf\s]")
_DOUBLED = re.compile(r"\b([A-Za-z]+) \1\b", re.IGNORECASE)
_OPENING = re.compile(r"^[\"“‘'(]?[A-Z0-9]")
_CLOSING = re.compile(r"[.!]['’\"”)]*$")


@dataclass(frozen=True)
class GenerationOptions:
    """What to generate: which kinds, how many at most, and which difficulty band."""

    kinds: tuple[str, ...] = KINDS
    limit: int | None = None  # None: the default set by density, plus the rest as "more"
    difficulty: str = "any"  # "any" | "easy" | "medium" | "hard"


@dataclass(frozen=True)
class Standing:
    """Whether a sentence can stand alone as a question, and the name its pronoun stands for."""

    problem: str  # "" when usable
    subject_name: str = ""  # a subject pronoun ("He") resolved to this name
    pronoun: int = -1  # index of that pronoun word
    long: bool = False  # too long to show whole (no cloze), fine for a clause's question


class Reading:
    """An article with its extraction, indexed for the question writers."""

    def __init__(self, article: ArticleText, extraction: Extraction, options: GenerationOptions):
        self.article = article
        self.extraction = extraction
        self.options = options
        self.sentences = list(extraction.sentences)
        self.memo: dict[str, Any] = {}  # what writers compute once per article (roles...)
        # People the language model also reads as people somewhere: a name the rules took
        # for a person but the model never did ("Tet", "Daimyo") makes no question.
        self.persons = [p for p in extraction.persons if p.mentions and self._model_agrees(p)]

    def _model_agrees(self, person: Person) -> bool:
        return any(
            (m.passage, start) in self._person_words
            for m in person.mentions
            for start in range(m.start, m.end)
        )

    @cached_property
    def _person_words(self) -> set[tuple[int, int]]:
        """(passage, start) of every word the model labels PERSON."""
        return {
            (sentence.passage, word.start)
            for sentence in self.sentences
            for word in sentence.words
            if word.entity == "PERSON"
        }

    # -- where things are -------------------------------------------------------------

    def sentence_at(self, passage: int, start: int) -> ParsedSentence | None:
        for sentence in self._by_passage.get(passage, ()):
            if sentence.start <= start < sentence.end:
                return sentence
        return None

    @cached_property
    def _by_passage(self) -> dict[int, list[ParsedSentence]]:
        found: dict[int, list[ParsedSentence]] = defaultdict(list)
        for sentence in self.sentences:
            found[sentence.passage].append(sentence)
        return found

    @cached_property
    def person_mentions(self) -> dict[ParsedSentence, list[tuple[Person, Mention]]]:
        found: dict[ParsedSentence, list[tuple[Person, Mention]]] = defaultdict(list)
        for person in self.persons:
            for mention in person.mentions:
                sentence = self.sentence_at(mention.passage, mention.start)
                if sentence is not None and mention.end <= sentence.end:
                    found[sentence].append((person, mention))
        for items in found.values():
            items.sort(key=lambda item: item[1].start)
        return found

    @cached_property
    def events(self) -> dict[ParsedSentence, list[Event]]:
        found: dict[ParsedSentence, list[Event]] = defaultdict(list)
        for event in self.extraction.events:
            sentence = self.sentence_at(event.passage, event.start)
            if sentence is not None and event.end <= sentence.end:
                found[sentence].append(event)
        return found

    @cached_property
    def figures(self) -> dict[ParsedSentence, list[Figure]]:
        found: dict[ParsedSentence, list[Figure]] = defaultdict(list)
        for figure in self.extraction.figures:
            sentence = self.sentence_at(figure.passage, figure.start)
            if sentence is not None and figure.end <= sentence.end:
                found[sentence].append(figure)
        return found

    def passage_years(self, passage: int) -> list[int]:
        """Years the passage states (its dated events)."""
        years = self.memo.setdefault("passage years", {})
        if passage not in years:
            years[passage] = [
                int(e.date[:4]) for e in self.extraction.events if e.passage == passage and not e.inferred
            ]
        return years[passage]

    def era(self, passage: int, sentence: ParsedSentence | None = None) -> float | None:
        """When a sentence (or else its passage) is set: the median year it states."""
        years = [int(e.date[:4]) for e in self.events.get(sentence, []) if not e.inferred] if sentence else []
        years = years or self.passage_years(passage)
        return statistics.median(years) if years else None

    def person_era(self, person: Person) -> float | None:
        """When a person is active in the article: the median year of the sentences naming
        them, else of their passages."""
        years = []
        for mention in person.mentions:
            sentence = self.sentence_at(mention.passage, mention.start)
            years += [int(e.date[:4]) for e in self.events.get(sentence, []) if not e.inferred]
        if not years:
            years = [year for m in person.mentions for year in self.passage_years(m.passage)]
        return statistics.median(years) if years else None

    @cached_property
    def sections(self) -> list[int]:
        """Section number of every passage: a heading or title starts a new section."""
        numbers, current = [], 0
        for index in range(len(self.article.passages)):
            if self.article.kind(index) in ("heading", "title") and index:
                current += 1
            numbers.append(current)
        return numbers

    def section(self, passage: int) -> int:
        return self.sections[passage] if passage < len(self.sections) else 0

    def followed_by_number(self, passage: int, end: int) -> bool:
        """A name run into a number ("Apollo 11", "Mach 1") names a thing, not a person or body."""
        text = self.article.passages[passage]
        return bool(re.match(r"\s?\d", text[end : end + 2]))

    def forms(self, person: Person) -> list[str]:
        """Every way the article writes this person's name, longest first."""
        names = {person.name, *person.aliases, *(m.text for m in person.mentions)}
        return sorted((n for n in names if n.strip()), key=len, reverse=True)

    def person_named(self, text: str) -> Person | None:
        """The person one of whose names is ``text``."""
        for person in self.persons:
            if text in self.forms(person):
                return person
        return None

    # -- which sentences stand alone ---------------------------------------------------

    @cached_property
    def standings(self) -> dict[ParsedSentence, Standing]:
        return {sentence: self._standing(sentence) for sentence in self.sentences}

    def usable(self) -> list[ParsedSentence]:
        """Sentences that can become questions, in article order."""
        return self._usable

    @cached_property
    def _usable(self) -> list[ParsedSentence]:
        return [s for s in self.sentences if not self.standings[s].problem]

    def _standing(self, sentence: ParsedSentence) -> Standing:
        text = sentence_text(sentence)
        words = [w for w in sentence.words if any(ch.isalnum() for ch in w.text)]
        if sentence.passage_kind != "prose":
            return Standing(f"a {sentence.passage_kind} line, not prose")
        if not _OPENING.match(text):
            return Standing("starts mid-way")
        if not _CLOSING.search(text):
            return Standing("not a finished statement")
        if not MIN_WORDS <= len(words) <= MAX_WORDS:
            return Standing(f"{len(words)} words (a question needs {MIN_WORDS}–{MAX_WORDS})")
        long = len(words) > MAX_CLOZE_WORDS
        if _FOREIGN_SCRIPT.search(text):
            return Standing("words in another script")
        doubled = _DOUBLED.search(text)
        if doubled and doubled.group(1).lower() not in ("had", "that"):
            return Standing(f"'{doubled.group(0)}': a slip in the text")
        if text.count("(") != text.count(")") or text.count('"') % 2 or text.count("“") != text.count("”"):
            return Standing("unbalanced brackets or quotes")
        quoted = sum(1 for _ in re.finditer(r"[\"“][^\"”]{40,}[\"”]", text))
        if quoted and text[:1] in "\"“'‘":
            return Standing("a quotation")
        top = root(sentence.words)
        if top is None or sentence.words[top].tag not in ("VBD", "VBZ", "VBP", "VBN", "VB"):
            return Standing("no main verb")
        deictic = [w.text for w in sentence.words if w.text.lower() in DEICTIC and w.tag == "RB"]
        if deictic:
            return Standing(f"'{deictic[0]}' depends on where and when it was written")
        pointing = [w.text for w in sentence.words if w.text.lower() in DEMONSTRATIVE and w.tag == "DT"]
        if pointing:
            return Standing(f"'{pointing[0]}' refers to an earlier sentence")
        standing = self._subject_standing(sentence, top)
        if standing.problem:
            return standing
        dangling = self._dangling_pronoun(sentence, standing.pronoun)
        if dangling:
            return Standing(f"'{dangling}' refers to an earlier sentence")
        return dataclasses.replace(standing, long=long)

    def _subject_standing(self, sentence: ParsedSentence, top: int) -> Standing:
        """Refuse a subject that points back to an earlier sentence, unless it is "he"/"she"
        (or "his"/"her" in the subject) and the person it stands for is clear."""
        words = sentence.words
        subjects = [i for i, w in enumerate(words) if w.head == top and w.dep in SUBJECT_DEPS]
        if not subjects:
            return Standing("no subject")
        for subject in subjects:
            phrase = subtree(words, subject)
            head = words[subject].text.lower()
            first = words[phrase[0]].text.lower()
            alone = len(phrase) == 1 or all(words[i].dep in ("det", "punct") for i in phrase if i != subject)
            if head in INDEFINITE and alone:
                return Standing(f"the subject '{words[subject].text}' refers to an earlier sentence")
            if head in PRONOUNS and head not in PERSONAL or first in DEMONSTRATIVE:
                return Standing(f"the subject '{words[subject].text}' refers to an earlier sentence")
            pronoun = subject if head in PERSONAL else next(
                (
                    i
                    for i in phrase
                    if words[i].tag == "PRP$" and words[i].head == subject and words[i].dep == "poss"
                ),
                -1,
            )
            if pronoun >= 0:
                if words[pronoun].text.lower() not in ("he", "she", "his", "her"):
                    return Standing(f"'{words[pronoun].text}' refers to an earlier sentence")
                if self._named_before(sentence, pronoun):
                    return Standing("")  # "Tan and his men": the sentence names him itself
                name = self._antecedent(sentence, pronoun)
                if not name:
                    return Standing(f"nobody clear for '{words[pronoun].text}'")
                return Standing("", name, pronoun)
        return Standing("")

    def _dangling_pronoun(self, sentence: ParsedSentence, resolved: int) -> str:
        """A pronoun with nothing before it in the sentence to refer to: "him" with no
        person named earlier, "they" or "it" before any noun."""
        named = [m.start for _, m in self.person_mentions.get(sentence, [])]
        quoted = False
        for index, word in enumerate(sentence.words):
            if word.text in ('"', "“", "”"):
                quoted = not quoted
            lower = word.text.lower()
            if quoted or index == resolved or word.tag not in ("PRP", "PRP$"):
                continue
            if lower in ("he", "him", "his", "she", "her", "himself", "herself"):
                if not any(start < word.start for start in named) and resolved < 0:
                    return word.text
                if not any(start < word.start for start in named) and resolved > index:
                    return word.text
            elif lower in ("it", "its", "they", "them", "their", "itself", "themselves"):
                if not any(w.tag.startswith("NN") for w in sentence.words[:index]):
                    return word.text
        return ""

    def _named_before(self, sentence: ParsedSentence, pronoun: int) -> bool:
        """Exactly one person is named in the sentence before the pronoun."""
        start = sentence.words[pronoun].start
        return len({p.name for p, m in self.person_mentions.get(sentence, []) if m.start < start}) == 1

    def _antecedent(self, sentence: ParsedSentence, pronoun: int) -> str:
        """The person a subject pronoun refers to: the one named earlier in the sentence, else
        the subject (or only person) of the nearest earlier sentence of the passage naming one."""
        start = sentence.words[pronoun].start
        earlier_here = {p.name: m for p, m in self.person_mentions.get(sentence, []) if m.start < start}
        if len(earlier_here) == 1:
            return next(iter(earlier_here.values())).text
        if earlier_here:
            return ""
        previous = [s for s in self._by_passage.get(sentence.passage, []) if s.end <= sentence.start]
        if not previous and sentence.passage > 0:
            previous = self._by_passage.get(sentence.passage - 1, [])
        for candidate in reversed(previous):
            named = self.person_mentions.get(candidate, [])
            if not named:
                continue
            top = root(candidate.words)
            subject_starts = {
                candidate.words[j].start
                for i, w in enumerate(candidate.words)
                if w.head == top and w.dep in SUBJECT_DEPS
                for j in subtree(candidate.words, i)
            }
            as_subject = {p.name: m for p, m in named if m.start in subject_starts}
            if len(as_subject) == 1:
                return next(iter(as_subject.values())).text
            people = {p.name: m for p, m in named}
            return next(iter(people.values())).text if len(people) == 1 else ""
        return ""

    # -- settings --------------------------------------------------------------------

    @cached_property
    def seed(self) -> str:
        settings = f"{sorted(self.options.kinds)}|{self.options.limit}|{self.options.difficulty}"
        return hashlib.sha256(f"{self.article.key or self.article.title}|{settings}".encode()).hexdigest()

    def rng(self, name: str) -> random.Random:
        """A random generator seeded by the article and settings: same input, same questions."""
        return random.Random(f"{self.seed}:{name}")

    @cached_property
    def word_count(self) -> int:
        return sum(len(p.split()) for i, p in enumerate(self.article.passages) if self.article.kind(i) == "prose")
