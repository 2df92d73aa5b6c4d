"""An article read for question writing: which sentences can stand alone, and what each names.

Built once per generation from the article, its extraction and the options; every
fact finder and question writer reads from it.
"""

from __future__ import annotations

import hashlib
import random
import re
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from studyapp.core.articles import ArticleText
from studyapp.core.english import PERSON_NOUNS, STOPWORDS
from studyapp.core.extraction import Event, Extraction, Figure, Mention, ParsedSentence, Person
from studyapp.core.questions import KINDS, SourceSpan
from studyapp.questions.standing import Standing, standing


@dataclass(frozen=True)
class GenerationOptions:
    """What to generate: which kinds, how many at most, and which difficulty band."""

    kinds: tuple[str, ...] = KINDS
    limit: int | None = None  # None: the default set by density, plus the rest as "more"
    difficulty: str = "any"  # "any" | "easy" | "medium" | "hard"


# A "person" whose name opens with a month, a weekday or a word for a place is a date or a
# place the rules misread ("December Chiang", "Mt Li").
_NOT_GIVEN_NAMES = frozenset(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday mt mount lake river fort cape port
    gulf bay st""".split()  # noqa: SIM905
)


REGNAL_NAME = re.compile(r"\s[IVX]+\.?$")  # "Bayezid I", "Martin V."


def titled(person: Person) -> bool:
    """Named with a title ("Sultan Murad I", "Princess Milica", "Dr. Ba Maw") or a regnal number
    ("Bayezid I"): a person by the text's own word, whatever the language model read."""
    return bool(person.titles) or REGNAL_NAME.search(person.name) is not None


def _place_or_time(name: str) -> bool:
    first = name.split()[0].lower().rstrip(".") if name.split() else ""
    return first in _NOT_GIVEN_NAMES and len(name.split()) > 1


_NAMES = re.compile(r"\b[A-Z][a-z]{2,}(?: [A-Z][a-z]+)*")
_INITIALLED = re.compile(r"^[A-Z]\. ")  # a given name cut to its initial: "N. Bacon"
# "the Black Hills", "the Synod of Dort" (and no third name word); "the Hills" alone, not
# inside a gap's braces, a possessive or a longer name.
_MODIFIED_NAME = re.compile(r"\b[Tt]he ([A-Z][a-z]+) ([A-Z][a-z]{2,})\b(?!['’-]| (?:of )?[A-Z])")
_NAME_OF_PLACE = re.compile(r"\b[Tt]he ([A-Z][a-z]{2,}) of ([A-Z][a-z]+)\b(?!['’-]| [A-Z])")
_SHORT_FORM = re.compile(r"(?<![{:])\b[Tt]he ([A-Z][a-z]{2,})\b(?!['’-]| (?:of )?[A-Z]|::| of\b)")
NEARBY_PASSAGES = 3  # how far back a longer name still explains a short one
MAX_LEAD_IN = 2  # sentences shown before one that leans on them; more is a passage to read
MIN_STORY_DATES = 5  # fewer dates say nothing about where the story ends
STORY_GAP = 30  # years with no date at all: what follows is aftermath or historiography


class Reading:
    """An article with its extraction, indexed for the question writers."""

    def __init__(self, article: ArticleText, extraction: Extraction, options: GenerationOptions):
        self.article = article
        self.extraction = extraction
        self.options = options
        self.sentences = list(extraction.sentences)
        self.memo: dict[str, Any] = {}  # what writers compute once per article (roles...)
        # People the language model also reads as people in at least half their mentions: a
        # name the rules took for a person but the model mostly did not ("Tet", "Sinn Féin",
        # "Lei Áurea") makes no question and no distractor.
        self.persons = [
            p
            for p in extraction.persons
            if p.mentions
            and (self._model_agrees(p) or titled(p))
            and not _place_or_time(p.name)
            and not self._mostly_not_a_person(p)
        ]

    def shared_name(self, text: str) -> bool:
        """A one-word name that is part of two people's names ("Zhang" of Zhang Zuolin and
        Zhang Xueliang): which one it means is a guess."""
        if len(text.split()) != 1:
            return False
        return sum(1 for p in self.persons if text in p.name.split()) >= 2

    def _mostly_not_a_person(self, person: Person) -> bool:
        """A one-word name the article writes far more often than anyone took it for a person
        ("Biafra" 22 times, twice read as a person): a country, a ship, a movement."""
        words = {m.text for m in person.mentions}
        if any(len(form.split()) > 1 for form in words):
            return False
        written = sum(len(re.findall(rf"\b{re.escape(form)}\b", passage)) for form in words for passage in self.article.passages)
        return len(person.mentions) * 3 < written

    def _model_agrees(self, person: Person) -> bool:
        """Counted over the ways the name is written, not over mentions: the model often
        misses a bare surname ("Pinochet remained …") it reads as a person in full."""
        votes: dict[str, list[bool]] = defaultdict(list)
        for m in person.mentions:
            votes[m.text].append(any((m.passage, start) in self._person_words for start in range(m.start, m.end)))
        agreeing = sum(sum(v) * 2 >= len(v) for v in votes.values())  # "Biafra": a country
        return agreeing * 2 >= len(votes)

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

    @cached_property
    def story_year(self) -> int | None:
        """The year most of the article's dates fall in, when one year holds at least a third
        of them: the year a reader of the article knows without learning anything."""
        years = [int(e.date[:4]) for e in self.extraction.events if not e.inferred]
        if not years:
            return None
        year, count = Counter(years).most_common(1)[0]
        return year if count * 3 >= len(years) else None

    @cached_property
    def story_end(self) -> int | None:
        """The last year of the story proper: the story's year, or for a story of many years
        the last date before a gap of more than STORY_GAP years after the middle one
        (Nzinga's reign up to 1663, not the essays written about her since)."""
        if self.story_year is not None:
            return self.story_year
        years = sorted(int(e.date[:4]) for e in self.extraction.events if not e.inferred)
        if len(years) < MIN_STORY_DATES:
            return None
        end = years[len(years) // 2]
        for year in years[len(years) // 2 :]:
            if year - end > STORY_GAP:
                break
            end = year
        return end

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

    def prominence(self, person: Person) -> float:
        """How central a person is to the article, from how often it names them: a person
        named once is rarely worth a question of their own."""
        count = len(person.mentions)
        # Blind reads called a person named once (an interviewee, a commentator, a younger
        # brother) trivia nearly every time: below the study set's bar on its own.
        return 0.35 if count == 1 else 0.8 if count == 2 else 1.0 if count <= 5 else 1.1

    def dominant(self, person: Person) -> bool:
        """The person the article is mostly about (named in its title, or named most, and far
        more than anyone else or in a fifth of all mentions): the obvious guess for any gap."""
        title = self.article.title.lower()
        # A full name, or the surname ("Gandhi's Salt March"); not any one word of an alias.
        names = [form for form in self.forms(person) if len(form.split()) >= 2] + person.name.split()[-1:]
        if any(len(n) >= 4 and re.search(rf"(?<!\w){re.escape(n.lower())}(?!\w)", title) for n in names):
            return True  # "Gustavus Adolphus in Germany, 1630–1632"
        counts = sorted((len(p.mentions) for p in self.persons), reverse=True)
        if len(counts) < 3 or len(person.mentions) != counts[0]:
            return False
        return counts[0] >= 0.2 * sum(counts) or counts[0] >= 2 * counts[1]

    def shown_name(self, person: Person) -> str:
        """How to name a person in a question or a choice: the full name the article uses
        most ("Pancho Villa", not a birth name it gives once), unless it calls them by one
        other name throughout ("Mazarin"); a man of one name with his title ("King Peter")."""
        counts: dict[str, int] = {}
        single: dict[str, int] = {}
        for mention in person.mentions:
            forms = counts if len(mention.text.split()) >= 2 else single
            forms[mention.text] = forms.get(mention.text, 0) + 1
        usual = max(single, key=single.__getitem__, default="")
        if counts and usual and single[usual] >= 3 and not any(usual in form.split() for form in counts):
            # "Mazarin" throughout, "Giulio Mazarini" once: a birth name is no answer
            return usual
        if not counts:
            # A man of one name is called by his title with it ("King Peter", "Chief Joseph"):
            # "Peter" alone is half an answer.
            titled = (f"{title} {person.name}" for title in person.titles if " " not in title)
            return next((form for form in titled if any(form in text for text in self.article.passages)), person.name)
        # "Nathaniel Bacon" over an encyclopedia's "N. Bacon", however often it abbreviates him
        return max(counts, key=lambda form: (not _INITIALLED.match(form), counts[form], len(form)))

    def centrality(self, source: SourceSpan | None) -> float:
        """How much a sentence is about the article's main story: the share of its names that
        recur across the article, or that the title names (0.8 for a side note, up to 1.1)."""
        sentence = self.sentence_at(source.passage, source.start) if source else None
        if sentence is None:
            return 1.0
        names = {n for n in _NAMES.findall(sentence.text) if n.lower() not in STOPWORDS}
        recurring = sum(1 for name in names if self._name_counts.get(name, 0) >= 3)
        has_title = any(word.lower() in self.title_words for name in names for word in name.split())
        return min(1.1, 0.8 + 0.1 * recurring + (0.1 if has_title else 0.0))

    @cached_property
    def _name_counts(self) -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for passage in self.article.passages:
            for name in _NAMES.findall(passage):
                counts[name] += 1
        return counts

    def capitalised_mid_sentence(self, word: str) -> bool:
        """The article writes ``word`` with a capital inside a sentence too ("… broke Cope's
        line"): a name, whatever the parse made of it at a sentence's start."""
        seen = self.memo.setdefault("capitalised mid-sentence", {})
        if word not in seen:
            pattern = re.compile(rf"[a-z,;] {re.escape(word)}\b")
            seen[word] = any(pattern.search(passage) for passage in self.article.passages)
        return seen[word]

    @cached_property
    def _longer_names(self) -> list[list[tuple[int, str, str]]]:
        """Per passage, each longer name written with "the": (offset, noun, name)."""
        found = []
        for text in self.article.passages:
            names = [(m.start(), m.group(2), f"{m.group(1)} {m.group(2)}") for m in _MODIFIED_NAME.finditer(text)]
            names += [(m.start(), m.group(1), f"{m.group(1)} of {m.group(2)}") for m in _NAME_OF_PLACE.finditer(text)]
            found.append(names)
        return found

    def full_forms(self, sentence: ParsedSentence) -> dict[str, str]:
        """A capitalised noun the article wrote shortly before ``sentence`` (in its passage or
        the few before) as part of one longer name: "Hills" → "Black Hills", "Synod" →
        "National Synod". Out of the article "the Hills" says less than it seems to (blind
        reads of sets 42 and 43); a title ("the King") is left alone."""
        found: dict[str, set[str]] = defaultdict(set)
        for passage in range(max(0, sentence.passage - NEARBY_PASSAGES), sentence.passage + 1):
            for offset, noun, name in self._longer_names[passage]:
                if passage < sentence.passage or offset < sentence.start:
                    found[noun].add(name)
        return {
            noun: forms.pop()
            for noun, forms in found.items()
            if len(forms) == 1 and noun.lower() not in PERSON_NOUNS
        }

    def with_full_names(self, text: str, sentence: ParsedSentence) -> str:
        """``text`` (written from ``sentence``) with "the Hills" written as the longer name
        the article gave shortly before, "the Black Hills"."""
        if not _SHORT_FORM.search(text):
            return text
        forms = self.full_forms(sentence)

        def fuller(match: re.Match[str]) -> str:
            noun = match.group(1)
            return f"{match.group(0)[:3]} {forms[noun]}" if noun in forms else match.group(0)

        return _SHORT_FORM.sub(fuller, text)

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
        return {sentence: standing(self, sentence) for sentence in self.sentences}

    def usable(self) -> list[ParsedSentence]:
        """Sentences that stand alone whole (a cloze or a statement may show them), in order."""
        return self._usable

    def readable(self) -> list[ParsedSentence]:
        """Whole prose sentences, some leaning on others: a question may still be cut from
        their words, checked with standing.leans_on_context."""
        return self._readable

    @cached_property
    def _readable(self) -> list[ParsedSentence]:
        return [s for s in self.sentences if not self.standings[s].form]

    @cached_property
    def _usable(self) -> list[ParsedSentence]:
        return [s for s in self.sentences if not self.standings[s].problem]

    def lead_in(self, sentence: ParsedSentence) -> list[ParsedSentence] | None:
        """The sentences just before ``sentence`` that settle what it leans on ("He", "the
        fire", "Four days later"), back to one that stands alone: [] when it stands alone
        itself, None when no such sentence is close enough before it in its paragraph."""
        standing = self.standings[sentence]
        if not standing.problem:
            return []
        if not standing.leans_back:
            return None
        before = self.sentences_of(sentence.passage)
        index = before.index(sentence)
        chain: list[ParsedSentence] = []
        for previous in reversed(before[max(0, index - MAX_LEAD_IN) : index]):
            problem = self.standings[previous]
            if problem.problem and not problem.leans_back:
                return None
            chain.insert(0, previous)
            if not problem.problem:
                return chain
        return None

    @cached_property
    def title_words(self) -> frozenset[str]:
        """The words of the article's title, lower-cased (and without a plural -s)."""
        words = re.findall(r"[^\W\d_]+", self.article.title.lower())
        return frozenset(words) | frozenset(w.rstrip("s") for w in words)

    def sentences_of(self, passage: int) -> list[ParsedSentence]:
        """The sentences of one passage, in order."""
        return self._by_passage.get(passage, [])

    # -- settings --------------------------------------------------------------------

    @cached_property
    def seed(self) -> str:
        # From the text itself: an article gives the same questions however it was loaded.
        settings = f"{sorted(self.options.kinds)}|{self.options.limit}|{self.options.difficulty}"
        text = "\n".join([self.article.title, *self.article.passages])
        return hashlib.sha256(f"{text}|{settings}".encode()).hexdigest()

    def rng(self, name: str) -> random.Random:
        """A random generator seeded by the article and settings: same input, same questions."""
        return random.Random(f"{self.seed}:{name}")

    @cached_property
    def word_count(self) -> int:
        return sum(len(p.split()) for i, p in enumerate(self.article.passages) if self.article.kind(i) == "prose")
