"""Question generators: from an article and what extraction found in it to checked questions.

No Qt, no database, no language model here: generators are pure functions of the
article text, its Extraction and the GenerationOptions, so the same input always
gives the same questions.
"""

from __future__ import annotations

from studyapp.core.articles import ArticleText
from studyapp.core.extraction import Extraction
from studyapp.core.progress import Progress, no_progress
from studyapp.core.questions import QuestionRecord
from studyapp.questions import (
    choice,
    cloze,
    filters,
    flashcards,
    match,
    order,
    selection,
    true_false,
)
from studyapp.questions.material import GenerationOptions, Material

# Every generator, in the order their questions are listed; each is `generate(material)`.
GENERATORS = (cloze, flashcards, choice, true_false, order, match)

__all__ = ["GENERATORS", "GenerationOptions", "generate"]


def generate(
    article: ArticleText,
    extraction: Extraction,
    options: GenerationOptions | None = None,
    progress: Progress = no_progress,
) -> list[QuestionRecord]:
    """Generate, filter and select the questions for one article.

    Args:
        article: The article's passages (spans in the extraction index them).
        extraction: People, numbers and events found in the article.
        options: Kinds, number and difficulty wanted; all kinds by default.
        progress: Called between generators; may raise core.errors.Cancelled.

    Returns:
        Questions that passed every quality filter, deduplicated, in a stable order.
    """
    material = Material(article, extraction, options or GenerationOptions())
    records: list[QuestionRecord] = []
    for index, generator in enumerate(GENERATORS):
        progress(
            index, len(GENERATORS), f"Writing {generator.__name__.rsplit('.', 1)[-1]} questions"
        )
        records.extend(generator.generate(material))
    wanted = set(material.options.kinds)
    records = [r for r in records if r.kind in wanted and not filters.problems(r, article)]
    records = filters.deduplicate(records)
    progress(len(GENERATORS), len(GENERATORS), "Choosing questions")
    return selection.select(records, material.options)
