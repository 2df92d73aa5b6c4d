"""Writing questions out to a file in one of the export formats."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from studyapp.bank.database import Bank
from studyapp.bank.queries import decks, exports
from studyapp.bank.queries.exports import ExportedQuestion
from studyapp.core.errors import InputError
from studyapp.core.exchange import MediaFile
from studyapp.core.progress import Progress, no_progress
from studyapp.core.questions import QuestionRecord, SourceSpan
from studyapp.exchange.registry import EXPORTERS, exporter_named
from studyapp.services.transfer.question_sets import MEDIA_REF

EXPORT_LABELS = {
    "apkg": "Anki deck package (.apkg)",
    "csv": "CSV, comma-separated (.csv)",
    "tsv": "Text, tab-separated (.txt)",
    "json": "StudyApp JSON (.json)",
    "gift": "Moodle GIFT (.gift)",
}


def export_formats() -> list[tuple[str, str, str]]:
    """(name, label, extension) of every export format, in the registry's order."""
    return [(e.name, EXPORT_LABELS.get(e.name, e.name), e.extension) for e in EXPORTERS]


def export_questions(
    bank: Bank,
    format: str,
    out: Path,
    deck: str | None = None,
    question_ids: Sequence[int] | None = None,
    progress: Progress = no_progress,
) -> int:
    """Write questions (all, one deck with its sub-decks, or a selection) to ``out``.

    Returns:
        How many questions were written.

    Raises:
        KeyError: ``format`` names no exporter.
        InputError: ``deck`` names no deck, or ``out`` cannot be written.
    """
    exporter = exporter_named(format)
    folder = Path(out).absolute().parent
    if not folder.is_dir():  # a typo in the path should not leave folders behind
        raise InputError(str(out), f"the folder {folder} does not exist")
    with bank.reading() as session:
        deck_ids = None
        if deck is not None:
            names = decks.deck_names(session)
            deck_ids = [i for i, name in names.items() if decks.in_family(name, deck)]
            if not deck_ids:
                raise InputError(str(out), f"no deck named {deck!r}")
        questions = exports.questions_to_export(session, deck_ids, question_ids)
        records = [_record(question) for question in questions]
        used = {
            match.group(2) or match.group(5)
            for record in records
            for text in (record.prompt, record.answer)
            for match in MEDIA_REF.finditer(text)
        }
        media = [MediaFile(*found) for found in exports.media_named(session, used)]
    try:
        exporter.write(records, media, Path(out), progress)
    except OSError as error:
        raise InputError(str(out), f"cannot write: {error.strerror or error}") from error
    return len(records)


def _record(question: ExportedQuestion) -> QuestionRecord:
    source = None
    if question.source_text is not None and question.passage_ordinal is not None:
        assert question.source_start is not None and question.source_end is not None
        source = SourceSpan(
            question.passage_ordinal, question.source_start, question.source_end,
            question.source_text,
        )  # fmt: skip
    return QuestionRecord(
        kind=question.kind, prompt=question.prompt, answer=question.answer,
        payload=question.payload, explanation=question.explanation,
        difficulty=question.difficulty, tags=tuple(question.tags.split()), deck=question.deck,
        source=source, external_id=question.external_id,
    )  # fmt: skip
