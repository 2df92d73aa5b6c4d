"""What every generator works from: the article, its extraction, sentences, facts and settings."""

from __future__ import annotations

import hashlib
import random
import re
from dataclasses import dataclass, field
from functools import cached_property

from studyapp.core.articles import ArticleText
from studyapp.core.extraction import Event, Extraction, Figure, Person
from studyapp.core.questions import KINDS, QuestionRecord
from studyapp.questions.sentences import Sentence, SentenceIndex

LOWER_WORD = re.compile(r"(?<![.!?]\s)(?<!^)\b([a-z][a-z'-]+)\b")
TOPIC_DECKS = {"People", "Events", "Numbers", "Organisations"}


@dataclass(frozen=True)
class GenerationOptions:
    """What to generate: which kinds, how many at most, and which difficulty band."""

    kinds: tuple[str, ...] = KINDS
    limit: int | None = None  # None: every question that passes the filters
    difficulty: str = "any"  # "any" | "easy" | "medium" | "hard"


@dataclass(frozen=True)
class Fact:
    """A question/answer pair about one sentence, before it becomes cards of several kinds."""

    topic: str  # when | who | how_many | what | profile | role
    prompt: str
    answer: str
    answer_type: str  # date | person | number | organisation | role
    sentence: Sentence
    difficulty: float = 0.5
    accepted: tuple[str, ...] = ()  # other right answers (aliases, spellings)
    avoid: tuple[str, ...] = ()  # never offered as a wrong choice (they are right too)
    date: str = ""
    end_date: str = ""
    value: float = 0.0
    unit: str = ""
    qualifier: str = ""
    person: str = ""


@dataclass
class Material:
    """An article with its extraction, indexed for the generators; built once per generation."""

    article: ArticleText
    extraction: Extraction
    options: GenerationOptions = field(default_factory=GenerationOptions)

    @cached_property
    def sentences(self) -> SentenceIndex:
        return SentenceIndex(self.article)

    @cached_property
    def common_words(self) -> set[str]:
        """Words the article writes in lower case somewhere (so they are not names)."""
        words: set[str] = set()
        for text in self.article.passages:
            words.update(match.group(1) for match in LOWER_WORD.finditer(text))
        return words

    @cached_property
    def seed(self) -> str:
        settings = f"{sorted(self.options.kinds)}|{self.options.limit}|{self.options.difficulty}"
        return hashlib.sha256(
            f"{self.article.key or self.article.title}|{settings}".encode()
        ).hexdigest()

    def rng(self, name: str) -> random.Random:
        """A random generator seeded by the article and settings: same input, same questions."""
        return random.Random(f"{self.seed}:{name}")

    @cached_property
    def persons(self) -> list[Person]:
        return [person for person in self.extraction.persons if person.mentions]

    def forms(self, person: Person) -> list[str]:
        """Every way the article writes this person's name, longest first."""
        names = {person.name, *person.aliases, *(mention.text for mention in person.mentions)}
        return sorted((name for name in names if name.strip()), key=len, reverse=True)

    def _sentence(self, passage: int, text: str, start: int, end: int) -> Sentence | None:
        """The sentence holding [start, end): extraction's, or ours when it is longer.

        An abbreviation ("said Col. Sy Khon") can cut extraction's sentence short; our
        split knows titles, so the longer of the two that holds the item wins.
        """
        given = self.sentences.locate(passage, text, start)
        ours = self.sentences.at(passage, start)
        if ours is None or ours.end < end:
            return given
        if given is None or (ours.start <= given.start and ours.end >= given.end):
            return ours
        return given

    def event_sentence(self, event: Event) -> Sentence | None:
        return self._sentence(event.passage, event.sentence, event.start, event.end)

    def figure_sentence(self, figure: Figure) -> Sentence | None:
        return self._sentence(figure.passage, figure.sentence, figure.start, figure.end)

    @cached_property
    def dated_events(self) -> list[tuple[Event, Sentence]]:
        """Events with a sentence that really is in the article, in article order."""
        found = []
        for event in self.extraction.events:
            sentence = self.event_sentence(event)
            if sentence is not None and sentence.start <= event.start < sentence.end:
                found.append((event, sentence))
        return sorted(found, key=lambda pair: (pair[0].passage, pair[0].start))

    @cached_property
    def located_figures(self) -> list[tuple[Figure, Sentence]]:
        found = []
        for figure in self.extraction.figures:
            sentence = self.figure_sentence(figure)
            if sentence is not None and sentence.start <= figure.start < sentence.end:
                found.append((figure, sentence))
        return sorted(found, key=lambda pair: (pair[0].passage, pair[0].start))

    def persons_in(self, sentence: Sentence) -> list[Person]:
        """People with a mention inside ``sentence``."""
        return [
            person
            for person in self.persons
            if any(
                m.passage == sentence.passage and sentence.start <= m.start < sentence.end
                for m in person.mentions
            )
        ]

    @cached_property
    def facts(self) -> list[Fact]:
        """Every question/answer fact the Q&A generators find, computed once."""
        from studyapp.questions import how_many, profile, what, when, who

        found: list[Fact] = []
        for module in (when, who, how_many, what, profile):
            found.extend(module.facts(self))
        return found

    def deck(self, topic: str = "") -> str:
        """The deck a question goes to: the article's deck or one of its topic sub-decks."""
        title = self.article.title.replace("::", ":").strip() or "Untitled article"
        return f"{title}::{topic}" if topic in TOPIC_DECKS else title

    def record(
        self,
        kind: str,
        prompt: str,
        answer: str,
        sentence: Sentence,
        payload: dict[str, object] | None = None,
        difficulty: float = 0.5,
        topic: str = "",
        explanation: str = "",
        tags: tuple[str, ...] = (),
    ) -> QuestionRecord:
        """A QuestionRecord sourced at ``sentence`` with its explanation and deck."""
        return QuestionRecord(
            kind=kind,
            prompt=prompt,
            answer=answer,
            payload=dict(payload or {}),
            explanation=explanation or sentence.text,
            difficulty=round(min(max(difficulty, 0.05), 0.95), 2),
            tags=("generated", *tags),
            deck=self.deck(topic),
            source=sentence.source(),
        )

    def choose(self, fact: Fact, flashcard: bool) -> str | None:
        """Which one kind of flashcard (or quiz question) a fact becomes, given the options.

        Each fact gives one flashcard and one quiz question at most, so the same stem
        never shows twice within flashcards or within a quiz.
        """
        kinds = set(self.options.kinds)
        digest = int(hashlib.sha1(fact.prompt.encode()).hexdigest()[:6], 16)
        if flashcard:
            typed_fits = fact.answer_type in ("person", "date", "number", "organisation")
            prefer = "typed" if typed_fits and digest % 3 == 0 else "basic"
            order = [prefer, "basic" if prefer == "typed" else "typed"]
        else:
            prefer = "numerical" if fact.answer_type == "number" and digest % 2 == 0 else "choice"
            order = [prefer, "choice" if prefer == "numerical" else "numerical"]
            if fact.answer_type != "number":
                order = ["choice"]
        for kind in order:
            if kind in kinds and (kind != "typed" or fact.answer_type != "role"):
                return kind
        return None
