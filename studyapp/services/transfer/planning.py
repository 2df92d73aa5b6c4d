"""Reading and checking files before an import: every file is planned, nothing is written yet."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from studyapp.core.articles import ArticleText
from studyapp.core.errors import InputError
from studyapp.core.exchange import ParsedSet
from studyapp.core.progress import Progress, no_progress
from studyapp.exchange.csv_layout import ColumnMapping, CsvLayout, CsvOptions
from studyapp.exchange.registry import importer_named, read_file, read_text_table
from studyapp.services.transfer.routing import is_ambiguous, route, text_sample


@dataclass(frozen=True)
class ImportPlan:
    """A file read and validated, ready to be written; nothing has touched the bank yet."""

    path: Path
    kind: str  # "questions" or "article"
    format: str  # the importer's name, or "article"
    label: str  # what the user is shown, e.g. "Moodle GIFT"
    parsed: ParsedSet | None = None
    article: ArticleText | None = None
    layout: CsvLayout | None = None  # delimited text only: what detection found
    ambiguous: bool = False  # delimited text whose columns the user should confirm
    options: CsvOptions | None = None  # the user's column step, as it was applied
    mapping: ColumnMapping | None = None
    sha256: str = ""  # of the file as it was read: the same file imports once


def file_sha256(path: Path) -> str:
    """SHA-256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def preview_file(
    path: Path,
    progress: Progress = no_progress,
    options: CsvOptions | None = None,
    mapping: ColumnMapping | None = None,
) -> ParsedSet:
    """Detect and read a question-set file without touching the bank.

    ``options``/``mapping`` read it as delimited text the way the user chose.

    Raises:
        InputError: the file cannot be imported.
    """
    path = Path(path)
    if options is None and mapping is None:
        return read_file(path, progress)
    return read_text_table(path, progress, options, mapping)


def read_article(path: Path) -> ArticleText:
    """Load an article file; its key is a hash of the file, so the same file imports once.

    Raises:
        InputError: not a readable English article.
    """
    from studyapp.content.loaders import load_article

    article = load_article(Path(path))
    if not any(passage.strip() for passage in article.passages):
        raise InputError(str(path), "the article has no text")
    return article


def plan_file(
    path: Path,
    progress: Progress = no_progress,
    options: CsvOptions | None = None,
    mapping: ColumnMapping | None = None,
) -> ImportPlan:
    """Read and validate one file without touching the bank.

    ``options``/``mapping`` (the dialog's column step) force reading as delimited text.

    Raises:
        InputError: the file cannot be imported, or no record in it can.
        Cancelled: the progress callback stopped it.
    """
    path = Path(path)
    forced = options is not None or mapping is not None
    if not forced and route(path) == "article":
        article = read_article(path)
        return ImportPlan(path, "article", "article", "Article", article=article)
    parsed = preview_file(path, progress, options, mapping)
    if not parsed.records:
        first = parsed.problems[0] if parsed.problems else None
        reason = "no question in the file can be imported"
        if first is not None:
            raise InputError(str(path), f"{reason}: {first.reason}", line=first.line)
        raise InputError(str(path), reason)
    try:
        sha = file_sha256(path)
    except OSError as error:
        raise InputError(str(path), f"cannot read file: {error.strerror or error}") from error
    layout, ambiguous = None, False
    if parsed.format == "csv":
        sample = text_sample(path, options)
        layout = sample.layout
        ambiguous = not forced and is_ambiguous(layout, sample.rows)
    try:
        label = importer_named(parsed.format).label
    except KeyError:
        label = parsed.format
    return ImportPlan(
        path, "questions", parsed.format, label, parsed=parsed, layout=layout,
        ambiguous=ambiguous, options=options, mapping=mapping, sha256=sha,
    )  # fmt: skip


def plan_files(paths: Sequence[Path], progress: Progress = no_progress) -> list[ImportPlan]:
    """Validate every file; the first bad one raises and nothing is planned.

    Raises:
        InputError: naming the first file that cannot be imported.
    """
    return [
        plan_file(Path(path), part_of(progress, index, len(paths)))
        for index, path in enumerate(paths)
    ]


def part_of(progress: Progress, index: int, count: int) -> Progress:
    """Scale step ``index`` of ``count`` into its share of a 0..1000 progress."""

    def report(done: int, total: int, message: str) -> None:
        share = done / total if total else 1.0
        progress(round(1000 * (index + share) / count), 1000, message)

    return report
