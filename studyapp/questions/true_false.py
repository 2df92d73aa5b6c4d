"""True/false statements: a fact restated subject first, or the same with its key term changed."""

from __future__ import annotations

import random
import re
from collections import Counter

from studyapp.core.extraction import Person
from studyapp.questions import dates, numbers
from studyapp.questions.distractors import peers, wrong_answers
from studyapp.questions.facts import Fact
from studyapp.questions.phrases import tidy
from studyapp.questions.reading import Reading, titled
from studyapp.questions.records import Candidate, record

# A place swapped for another reads as absurd more often than not (a ship's name for a
# city, a country that did not exist yet): places are not changed.
SWAPPABLE = frozenset({"person", "date", "number", "organisation"})
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
# A date a false statement may change: "on 8 July", "in 1868" — not "before the end of
# 1932", "by 1975" or "since 1954", which a nearby wrong date can leave true.
_EXACT_TIME = re.compile(r"(?:^|[^\w])(?:on|in|at)\s+$", re.IGNORECASE)
_ANCHORED = re.compile(r"\b[A-Z][\w’'-]+")
_RANGE = re.compile(r"\d\s*(?:-|–|—|to)\s*\d|\bbetween\b.*\d.*\band\b", re.IGNORECASE)
# A statement with a pronoun leans on the sentence around it, and a swapped name can turn
# "him" into nonsense.
_PRONOUN = re.compile(r"\b(?:he|him|his|she|her|it|its|they|them|their)\b", re.IGNORECASE)
MIN_WORDS, MAX_WORDS = 6, 32
VERBATIM_SHARE = 1 / 3  # at most this share of true statements copy their sentence word for word


def _whole_word(text: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(text)}(?!\w)")


def _person_form(person: Person | None, like: str) -> str | None:
    """The way to write a wrong person like the right one is written (surname for surname)."""
    if person is None:
        return None
    wanted = len(like.split())
    used = Counter(m.text for m in person.mentions)
    # the form the article writes most ("Custer", not the "George" it uses once), then the
    # shortest, then by spelling: the same statement whatever order a set gives
    forms = sorted({person.name, *person.aliases, *used}, key=lambda form: (-used[form], len(form), form))
    same = [form for form in forms if len(form.split()) == wanted]
    return same[0] if same else person.name


def _replacement(reading: Reading, fact: Fact, rng: random.Random) -> str | None:
    """A wrong term written the way the slot is written."""
    if fact.about == "date":
        if not _EXACT_TIME.search(fact.statement[: fact.statement.find(fact.slot)]):
            return None  # "before the end of 1932" → "1934" would still be true
        # "On July 19" (its year read elsewhere) or a year the title states: change the day
        same_year = not re.search(r"\d{4}", fact.slot) or fact.date[:4] in reading.article.title
        wrong = [
            other
            for other in dates.near_dates(fact.date, fact.end_date, [], rng, count=6, same_year=same_year)
            if other[:7] != fact.date[:7]
        ]  # "5 March" for "17 March" tests a fortnight no one is asked to learn: another month
        return dates.written_like(wrong[0], fact.slot) if wrong and not fact.end_date else None
    if fact.about == "number":
        if _RANGE.search(fact.statement) or fact.weight < 0.9:
            return None  # one end of a range, an age or a measure: a changed one reads oddly
        values = numbers.near_values(fact.value, rng, count=1)
        digits = re.search(r"\d[\d,.]*", fact.slot)
        if not values or digits is None:
            return None  # a number written in words is left alone
        rest = fact.slot[digits.end() :]
        scale = next((size for word, size in SCALES.items() if word in rest.lower()), 1.0)
        wrong_value = values[0] / scale  # "1.3 million" becomes "0.65 million", not "650,000 million"
        if scale == 1.0 and ("," in digits.group(0) or wrong_value >= 10_000):
            value = numbers.plain(wrong_value)
        else:
            value = f"{round(wrong_value, 2):g}"
        return fact.slot[: digits.start()] + value + rest
    if fact.about in ("place", "organisation") and _after_article(fact):
        return None  # "the U.S." → "the Saigon": names that take "the" differ in kind
    wrong = wrong_answers(reading, fact, rng, count=1)
    if not wrong:
        return None
    if fact.about == "person":
        if not _labelled_person(fact):
            return None  # the model does not read the slot as a person: do not swap it
        # Someone the article names together with the right person: a plausible mix-up
        # (Collins for Armstrong), never a president put in a lunar module.
        here = {p.name for p, _ in reading.person_mentions.get(fact.sentence, [])}
        title = _title_before(fact)
        right = reading.person_named(fact.person) if fact.person else None
        ranked = right is not None and titled(right)
        peer = next(
            (
                p
                for p in peers(reading, fact.person, at_least=2)
                if p.name not in here
                and (not title or title in {t.lower() for t in p.titles})
                and (not ranked or titled(p))
            ),
            None,
        )  # "Queen Mary of Modena" never becomes "Queen William of Modena"; a pope elected is
        # never a preacher ("electing Martin V" → "electing Jan Hus")
        return _person_form(peer, fact.slot) if peer else None
    return wrong[0]


def _labelled_person(fact: Fact) -> bool:
    if fact.span is None:
        return False
    return any(
        w.entity == "PERSON" for w in fact.sentence.words if fact.span[0] <= w.start < fact.span[1]
    )


def _about_the_title(reading: Reading, statement: str) -> bool:
    """The statement opens with the subject the article's title names: its opening
    definition, true on the face of it."""
    title = re.sub(r"\s*[(\[].*?[)\]]", "", reading.article.title).split(":")[0].strip().lower()
    title = re.sub(r"^the\s+", "", title)
    opening = re.sub(r"^the\s+", "", statement.lower())
    return len(title) >= 6 and opening.startswith(title)


def _title_before(fact: Fact) -> str:
    """The capitalised title written just before the slot ("Queen", "General"), lower case."""
    before = fact.statement[: fact.statement.find(fact.slot)].rstrip().split()
    return before[-1].lower().rstrip(".") if len(before) >= 1 and before[-1][:1].isupper() else ""


def _after_article(fact: Fact) -> bool:
    before = fact.statement[: fact.statement.find(fact.slot)].rstrip().split()
    return bool(before) and before[-1].lower() == "the"


def write(reading: Reading, facts: list[Fact]) -> list[Candidate]:
    """A statement per fact with a restated clause; about half of them made false."""
    rng = reading.rng("true_false")
    candidates, true_count, verbatim_count = [], 0, 0
    for fact in facts:
        statement = fact.statement
        slot = _whole_word(fact.slot)
        if fact.about not in SWAPPABLE or not statement or len(slot.findall(statement)) != 1:
            continue
        if not MIN_WORDS <= len(statement.split()) <= MAX_WORDS or _PRONOUN.search(statement):
            continue
        if not _ANCHORED.search(statement[1:]):
            continue  # "About 229,000 voters took part": in what? a statement needs a name
        if _about_the_title(reading, statement):
            continue  # "The Bangladesh Liberation War was a conflict in 1971 …": the title says so
        verbatim = statement.rstrip(".") == tidy(fact.sentence.text).rstrip(".")
        truth = rng.random() < 0.5
        if truth and verbatim and verbatim_count + 1 > VERBATIM_SHARE * (true_count + 1):
            truth = False  # a copied sentence teaches only recognition: make it a false one
        payload: dict[str, object] = {"answer": truth}
        if not truth:
            wrong = _replacement(reading, fact, rng)
            if not wrong or wrong == fact.slot:
                continue
            statement = slot.sub(lambda _, wrong=wrong: wrong, statement, count=1)
            payload.update(changed=wrong, original=fact.slot)
        else:
            true_count += 1
            verbatim_count += verbatim
        candidates.append(
            Candidate(
                record(
                    reading, "true_false", statement, "True" if truth else "False", fact.sentence,
                    about=fact.about, fact_key=fact.key, payload=payload,
                    difficulty=0.35 if truth else 0.45, explanation=tidy(fact.sentence.text),
                ),
                quality=0.75,
                weight=fact.weight,
            )
        )  # fmt: skip
    return candidates
