"""Question generation: from an article and what extraction found in it to ranked, checked questions.

No Qt, no database, no language model here: generation is a pure function of the
article text, its Extraction (with each sentence's parse) and the GenerationOptions,
so the same input always gives the same questions.

The flow: ``reading`` decides which sentences can stand alone; the fact finders
(registered in ``facts.FINDERS`` by the modules imported below) find what can be
asked; the writers turn facts into each kind of question; ``filters`` refuses the
unsound ones; ``ranking`` keeps the best as the default set and the rest as "more".
"""

from __future__ import annotations

from studyapp.core.articles import ArticleText
from studyapp.core.extraction import Extraction
from studyapp.core.progress import Progress, no_progress
from studyapp.core.questions import QuestionRecord
from studyapp.questions import (  # noqa: F401  (fact finders register themselves on import)
    cards,
    cloze,
    fact_lines,
    filters,
    how_many,
    match,
    names,
    order,
    profile,
    ranking,
    true_false,
    understanding,
    when,
    who,
)
from studyapp.questions.facts import find_facts
from studyapp.questions.reading import GenerationOptions, Reading

# Every question writer, in the order its questions are listed; each is `write(reading, facts)`.
WRITERS = (
    ("cloze", cloze.write),
    ("flashcards", cards.flashcards),
    ("quiz questions", cards.quiz_questions),
    ("true/false statements", true_false.write),
    ("sequences", order.write),
    ("matching", match.write),
)

__all__ = ["WRITERS", "GenerationOptions", "generate"]


def generate(
    article: ArticleText,
    extraction: Extraction,
    options: GenerationOptions | None = None,
    progress: Progress = no_progress,
) -> list[QuestionRecord]:
    """Generate, check and rank the questions of one article.

    Args:
        article: The article's passages (spans in the extraction index them).
        extraction: People, numbers, events and parsed sentences of the article.
        options: Kinds, number and difficulty wanted; all kinds by default.
        progress: Called between writers; may raise core.errors.Cancelled.

    Returns:
        The default study set in article order, then (unless ``options.limit`` is set)
        the rest of the sound questions with ``extra`` set: kept as "more".
    """
    reading = Reading(article, extraction, options or GenerationOptions())
    total = len(WRITERS) + 1
    progress(0, total, "Finding facts")
    facts = find_facts(reading)
    wanted = set(reading.options.kinds)
    candidates = []
    for index, (name, write) in enumerate(WRITERS, start=1):
        progress(index, total, f"Writing {name}")
        candidates += [
            c
            for c in write(reading, facts)
            if c.record.kind in wanted and not filters.problems(c.record, article)
        ]
    progress(total, total, "Choosing questions")
    return ranking.choose(candidates, reading)
