"""Extraction of people, organisations, places, key numbers and dated events from an article."""

from __future__ import annotations

import dataclasses

from studyapp.content.extraction.candidates import PERSON, Candidate, find_candidates
from studyapp.content.extraction.document import ParsedPassage, parsed_sentences
from studyapp.content.extraction.domain import domain
from studyapp.content.extraction.entities import build_entities
from studyapp.content.extraction.events import date_spans, find_events
from studyapp.content.extraction.figures import find_figures
from studyapp.content.extraction.nlp import load_pipeline, parse
from studyapp.content.extraction.people import build_people
from studyapp.content.extraction.serialise import extraction_to_json
from studyapp.content.structure import is_reference_chrome, passage_kinds
from studyapp.core.articles import ArticleText
from studyapp.core.extraction import Extraction
from studyapp.core.progress import Progress, no_progress

__all__ = ["analyse", "extract", "extraction_to_json", "load_pipeline"]
_REPORT_EVERY = 8


def extract(
    article: ArticleText, progress: Progress = no_progress, model: str | None = None
) -> Extraction:
    """Find the people, organisations, places, key numbers and dated events of an article.

    Loads the language model on first use (slow: call from a worker thread).

    Args:
        article: The article; every span in the result points into its passages.
        progress: Called as ``progress(done, total, message)`` between passages;
            it may raise ``Cancelled`` to stop.
        model: An installed spaCy pipeline to use instead of the bundled model.

    Returns:
        The extraction, each item in order of first appearance.
    """
    total = len(article.passages)
    progress(0, total, "Loading the language model")
    load_pipeline(model)
    parsed: list[ParsedPassage] = []
    for index, doc in enumerate(parse(article.passages, model)):
        parsed.append(ParsedPassage(index, article.passages[index], doc))
        if (index + 1) % _REPORT_EVERY == 0 or index + 1 == total:
            progress(index + 1, total, "Reading passages")
    kinds = article.kinds or passage_kinds(article.passages)
    # "See also", "Further reading" and a references section name other pages and their
    # authors: nobody and nothing in them belongs to the history.
    elsewhere = frozenset(p.index for p in parsed if is_reference_chrome(p.text, kinds[p.index]))
    extraction = analyse(parsed, article.published, elsewhere)
    sentences = tuple(
        s for passage in parsed for s in parsed_sentences(passage, kinds[passage.index])
    )
    progress(total, total, "Done")
    return dataclasses.replace(extraction, sentences=sentences)


def analyse(parsed: list[ParsedPassage], published: str = "", elsewhere: frozenset[int] = frozenset()) -> Extraction:
    """The domain analysis on top of the model's output (people, entities, figures, events).

    ``published`` (the article's publication details) anchors yearless dates; the passages
    numbered in ``elsewhere`` (links to other pages) are read for nothing.
    """
    data = domain()
    told = [passage for passage in parsed if passage.index not in elsewhere]
    candidates = [c for passage in told for c in find_candidates(passage, data)]
    persons, places_named_as_people = build_people(parsed, candidates, data)
    # Entities the model labelled ORG or GPE that turned out to name people are not kept twice.
    named = [
        Candidate(m.passage, m.start, m.end, m.text, PERSON) for p in persons for m in p.mentions
    ]
    others = [c for c in candidates if c.kind != PERSON] + places_named_as_people
    organisations, places = build_entities(parsed, others + named, data)
    figures = [f for passage in told for f in find_figures(passage, date_spans(passage))]
    events = find_events(told, published)
    return Extraction(
        persons=tuple(persons),
        organisations=tuple(organisations),
        places=tuple(places),
        figures=tuple(figures),
        events=tuple(events),
    )
