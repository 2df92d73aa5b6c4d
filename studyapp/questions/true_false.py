"""True/false questions: a statement of the article, or the same statement with one fact altered."""

from __future__ import annotations

import random
import re

from studyapp.core.questions import QuestionRecord
from studyapp.questions import numbers
from studyapp.questions.material import Material
from studyapp.questions.sentences import Sentence

YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
MAX_WORDS = 45
MIN_WORDS = 7


def _alter_date(text: str, start: int, end: int, rng: random.Random) -> str | None:
    """The sentence with the year of the date at [start, end) moved by one to three years."""
    match = YEAR.search(text, start, end)
    if match is None:
        return None
    year = int(match.group(1))
    for delta in rng.sample([-3, -2, -1, 1, 2, 3], 6):
        moved = str(year + delta)
        if moved not in text:
            return text[: match.start()] + moved + text[match.end() :]
    return None


def _alter_number(text: str, start: int, end: int, value: float, rng: random.Random) -> str | None:
    written = text[start:end]
    digits = re.search(r"\d[\d,.]*", written)
    wrong = numbers.near_values(value, rng, count=1)
    if not wrong:
        return None
    if digits:
        replacement = (
            numbers.plain(wrong[0])
            if "," in digits.group(0) or wrong[0] >= 1000
            else (f"{wrong[0]:g}")
        )
        if " million" in replacement and "million" in written[digits.end() :]:
            replacement = replacement.replace(" million", "")
        new = written[: digits.start()] + replacement + written[digits.end() :]
    elif int(wrong[0]) in numbers.WORDS and written.lower() in numbers.WORDS.values():
        word = numbers.WORDS[int(wrong[0])]
        new = word.capitalize() if written[0].isupper() else word
    else:
        return None
    return text[:start] + new + text[end:]


def _alter_person(material: Material, sentence: Sentence, rng: random.Random) -> str | None:
    here = material.persons_in(sentence)
    if not here:
        return None
    target = here[0]
    titled = any(
        sentence.text[: m.start - sentence.start].rstrip().endswith(tuple(target.titles) or ("\0",))
        for m in target.mentions
        if m.passage == sentence.passage and sentence.start <= m.start < sentence.end
    )
    if titled:
        return None  # "Prince Keo Meas" would be a giveaway, not a careful alteration
    spans = [
        (m.start - sentence.start, m.end - sentence.start)
        for m in target.mentions
        if m.passage == sentence.passage and sentence.start <= m.start < sentence.end
    ]
    others = [p for p in material.persons if p not in here and " " in p.name]
    others.sort(key=lambda p: min(abs(m.passage - sentence.passage) for m in p.mentions))
    pool = others[:5]
    if not pool:
        return None
    replacement = rng.choice(pool).name
    text = sentence.text
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + replacement + text[end:]
    text = re.sub(rf"\s*\({re.escape(replacement)}\)", "", text)  # "X (X)" after replacing an alias
    return text


def _altered(material: Material, sentence: Sentence, rng: random.Random) -> str | None:
    """One key fact of ``sentence`` changed: a date, a number or a person."""
    options = []
    for event, where in material.dated_events:
        if where == sentence and not event.inferred:
            options.append(
                lambda e=event: _alter_date(
                    sentence.text, e.start - sentence.start, e.end - sentence.start, rng
                )
            )
    for figure, where in material.located_figures:
        if where == sentence:
            options.append(
                lambda f=figure: _alter_number(
                    sentence.text, f.start - sentence.start, f.end - sentence.start, f.value, rng
                )
            )
    options.append(lambda: _alter_person(material, sentence, rng))
    rng.shuffle(options)
    for option in options:
        altered = option()
        if altered and altered != sentence.text:
            return altered
    return None


def _candidates(material: Material) -> list[Sentence]:
    keyed = {sentence for _, sentence in material.dated_events}
    keyed |= {sentence for _, sentence in material.located_figures}
    ordered = sorted(keyed, key=lambda s: (s.passage, s.start))
    return [
        s
        for s in ordered
        if MIN_WORDS <= len(s.text.split()) <= MAX_WORDS and s.text.rstrip().endswith((".", "”"))
    ]


def generate(material: Material) -> list[QuestionRecord]:
    """One true/false question per informative sentence, about half of them altered."""
    if "true_false" not in material.options.kinds:
        return []
    rng = material.rng("true_false")
    records = []
    for sentence in _candidates(material):
        truth = rng.random() < 0.5
        statement = sentence.text if truth else _altered(material, sentence, rng)
        if statement is None:
            statement, truth = sentence.text, True
        records.append(
            material.record(
                "true_false",
                statement,
                "True" if truth else "False",
                sentence,
                payload={"answer": truth},
                difficulty=0.35 if truth else 0.45,
                tags=("statement",),
            )
        )
    return records
