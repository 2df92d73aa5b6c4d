"""Importing any mix of question-set and article files: check every file first, then write.

The CLI and the import dialog share this. A file is routed by its name and content:

* ``.md .markdown .html .htm .xhtml .epub`` are always articles;
* ``.txt``/``.text``/no extension are question sets when the registry recognises them
  (GIFT, Aiken, an Anki text export …) and articles when it does not, or when only the
  catch-all delimited-text reader matched and the text reads like prose (see
  :func:`text_reads_as_prose`);
* every other name goes to the registry, which judges the content (a ZIP named ``.csv``
  is refused, not read as text).

Every file is read and validated before anything is written (:func:`plan_file`), so bad
input anywhere writes nothing. The writes that follow are one transaction per file.
"""

from __future__ import annotations

import dataclasses
import hashlib
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from studyapp.bank.database import Bank
from studyapp.core.articles import ArticleText
from studyapp.core.errors import InputError
from studyapp.core.exchange import ImportSummary, ParsedSet
from studyapp.core.progress import Progress, no_progress
from studyapp.exchange.csv_layout import (
    ColumnMapping,
    CsvLayout,
    CsvOptions,
    guess_delimiter,
    parse_directives,
    role_of,
    split_rows,
)
from studyapp.exchange.registry import EXPORTERS, detect_format, importer_named
from studyapp.exchange.text import sniff_encoding
from studyapp.services.imports import import_file, preview_file, text_layout
from studyapp.services.library import add_article

ARTICLE_SUFFIXES = (".md", ".markdown", ".html", ".htm", ".xhtml", ".epub")
TEXT_SUFFIXES = (".txt", ".text", "")  # a question set or an article, by content
SAMPLE_BYTES = 256 * 1024
SAMPLE_ROWS = 200
EXPORT_LABELS = {
    "apkg": "Anki deck package (.apkg)",
    "csv": "Text, tab-separated (.txt)",
    "json": "StudyApp JSON (.json)",
    "gift": "Moodle GIFT (.gift)",
}


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
    options: CsvOptions | None = None  # the user's column step, applied again on import
    mapping: ColumnMapping | None = None


@dataclass(frozen=True)
class ArticleResult:
    """What importing one article did."""

    article_id: int
    title: str
    passages: int
    added: bool  # False: the same file was imported before
    questions: int = 0  # questions in its generated study set


@dataclass(frozen=True)
class FileResult:
    """One file's outcome: a question-set summary or an article result."""

    path: str
    label: str
    questions: ImportSummary | None = None
    article: ArticleResult | None = None
    deck: str = ""  # where a question set's questions went (several decks: the first few)


@dataclass(frozen=True)
class TextSample:
    """The first rows of a delimited text file as the detected layout splits them."""

    layout: CsvLayout
    rows: tuple[tuple[str, ...], ...]


def export_formats() -> list[tuple[str, str, str]]:
    """(name, label, extension) of every export format, in the registry's order."""
    return [(e.name, EXPORT_LABELS.get(e.name, e.name), e.extension) for e in EXPORTERS]


def _sample_text(path: Path, encoding: str | None = None) -> str:
    """The start of a text file, decoded leniently (only its shape is judged)."""
    with Path(path).open("rb") as stream:
        data = stream.read(SAMPLE_BYTES)
    found, skip = sniff_encoding(data)
    if skip == 0 and encoding:
        found = encoding
    try:
        text = data[skip:].decode(found, "replace")
    except LookupError:
        text = data[skip:].decode("utf-8", "replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def text_sample(path: Path, options: CsvOptions | None = None) -> TextSample:
    """The layout guessed for a delimited text file and its first rows (the column step).

    Raises:
        InputError: the file cannot be decoded or has a single column.
    """
    layout = text_layout(Path(path), options)
    lines = _sample_text(path, options.encoding if options else None).split("\n")
    body = "\n".join(lines[layout.directive_lines :])
    rows = split_rows(body, layout.delimiter, layout.quoting, SAMPLE_ROWS + 1)
    if layout.header_row:
        rows = rows[1:]
    return TextSample(layout, tuple(tuple(row) for row in rows[:SAMPLE_ROWS]))


def text_reads_as_prose(path: Path) -> bool:
    """True when a text file the delimited-text reader would accept is really an article.

    Question sets put one card per line with the same number of fields on every line;
    prose has paragraphs with a varying number of commas, lines without any separator,
    or indented paragraphs. Anki header directives or a header row always mean a set.
    The shape is judged on leniently decoded text, so a badly encoded question set still
    goes to the question-set reader, which names the bad byte and its line.
    """
    lines = _sample_text(path).split("\n")
    directives, skip = parse_directives(lines)
    if directives:
        return False
    body = "\n".join(lines[skip:])
    delimiter = guess_delimiter(body, quoting=True)
    if delimiter is None:
        return True  # a single column: no question/answer pairs in it
    rows = split_rows(body, delimiter, True, SAMPLE_ROWS)
    if not rows:
        return True
    roles = {role_of(cell) for cell in rows[0]}
    if "question" in roles and ("answer" in roles or "explanation" in roles):
        return False  # a spreadsheet header row
    with_fields = sum(len(row) >= 2 for row in rows) / len(rows)
    first_empty = sum(not row[0].strip() for row in rows) / len(rows)
    if with_fields < 0.6 or first_empty > 0.5:
        return True
    if delimiter == "\t":
        return False  # tabs do not occur in prose; tab-separated lines are cards
    same_shape = Counter(len(row) for row in rows).most_common(1)[0][1] / len(rows)
    length = statistics.median(len(delimiter.join(row)) for row in rows)
    return same_shape < 0.6 or length > 200


def route(path: Path) -> str:
    """Return "article" or "questions": how :func:`plan_file` will read ``path`` (reads its start)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in ARTICLE_SUFFIXES:
        return "article"
    if suffix not in TEXT_SUFFIXES:
        return "questions"
    try:
        importer = detect_format(path)
    except InputError:
        return "article"  # the article loader says what is wrong with it
    if importer.name == "csv" and text_reads_as_prose(path):
        return "article"
    return "questions"


def _is_ambiguous(layout: CsvLayout, rows: Sequence[Sequence[str]]) -> bool:
    """Columns the user should confirm: no names for them and more than two, or ragged rows."""
    named = layout.header_row or "columns" in layout.directives
    if named or any(key.endswith(" column") for key in layout.directives):
        return False
    if layout.columns >= 3:
        return True
    shapes = Counter(len(row) for row in rows)
    return bool(rows) and shapes.most_common(1)[0][1] / len(rows) < 0.9


def read_article(path: Path) -> ArticleText:
    """Load an article file; its key is the file's SHA-256, so the same file imports once.

    Raises:
        InputError: not a readable English article.
    """
    from studyapp.content.loaders import load_article

    path = Path(path)
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as error:
        raise InputError(str(path), f"cannot read file: {error.strerror or error}") from error
    article = load_article(path)
    if not any(passage.strip() for passage in article.passages):
        raise InputError(str(path), "the article has no text")
    return dataclasses.replace(article, key=f"sha256:{digest}")


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
    layout, ambiguous = None, False
    if parsed.format == "csv":
        sample = text_sample(path, options)
        layout = sample.layout
        ambiguous = not forced and _is_ambiguous(layout, sample.rows)
    try:
        label = importer_named(parsed.format).label
    except KeyError:
        label = parsed.format
    return ImportPlan(
        path, "questions", parsed.format, label, parsed=parsed, layout=layout,
        ambiguous=ambiguous, options=options, mapping=mapping,
    )  # fmt: skip


def plan_files(paths: Sequence[Path], progress: Progress = no_progress) -> list[ImportPlan]:
    """Validate every file; the first bad one raises and nothing is planned.

    Raises:
        InputError: naming the first file that cannot be imported.
    """
    plans = []
    for index, path in enumerate(paths):
        plans.append(plan_file(Path(path), part_of(progress, index, len(paths))))
    return plans


def part_of(progress: Progress, index: int, count: int) -> Progress:
    """Scale step ``index`` of ``count`` into its share of a 0..1000 progress."""

    def report(done: int, total: int, message: str) -> None:
        share = done / total if total else 1.0
        progress(round(1000 * (index + share) / count), 1000, message)

    return report


def import_plans(
    bank: Bank,
    plans: Sequence[ImportPlan],
    deck: str | None = None,
    on_duplicate: str = "skip",
    progress: Progress = no_progress,
    generate: bool = True,
) -> list[FileResult]:
    """Write validated files: question sets first (one transaction each), then articles.

    New articles are analysed (people, dates, figures) and, with ``generate``, get their
    study set. ``deck`` applies to question sets only: an article's questions go to its
    own deck. Cancel between files keeps the files already written.

    Raises:
        InputError: a file changed since it was validated; files before it stay imported.
        Cancelled: the progress callback stopped it.
    """
    results: list[FileResult] = []
    count = len(plans) + sum(plan.kind == "article" for plan in plans)  # articles: 2 steps
    step = 0
    for plan in plans:
        if plan.kind != "questions":
            continue
        summary = import_file(
            bank, plan.path, deck, on_duplicate, part_of(progress, step, count),
            plan.options, plan.mapping,
        )  # fmt: skip
        target = _deck_shown(plan, deck)
        results.append(FileResult(str(plan.path), plan.label, questions=summary, deck=target))
        step += 1
    stored: list[tuple[ImportPlan, int, bool]] = []
    for plan in plans:
        if plan.kind == "article" and plan.article is not None:
            progress(round(1000 * step / count), 1000, f"Storing “{plan.article.title}”")
            article_id, added = add_article(bank, plan.article)
            stored.append((plan, article_id, added))
            step += 1
    new = [article_id for _, article_id, added in stored if added]
    generated: dict[int, int] = {}
    if new:
        from studyapp.services.knowledge import analyse_articles

        analyse_articles(bank, new, part_of(progress, step, count))
        if generate:
            from studyapp.services.generation import generate_for_article

            for article_id in new:
                result = generate_for_article(bank, article_id, progress=no_progress)
                generated[article_id] = result.total
                progress(round(1000 * min(step + 1, count) / count), 1000, "Study set ready")
    for plan, article_id, added in stored:
        assert plan.article is not None
        outcome = ArticleResult(
            article_id, plan.article.title, len(plan.article.passages), added,
            generated.get(article_id, 0),
        )  # fmt: skip
        results.append(FileResult(str(plan.path), plan.label, article=outcome))
    progress(1000, 1000, "Done")
    return results


def _deck_shown(plan: ImportPlan, deck: str | None) -> str:
    """The deck(s) import_file puts the plan's questions in, for the summary."""
    if deck and deck.strip():
        return deck.strip()
    named = list(plan.parsed.decks) if plan.parsed else []
    if named:
        return ", ".join(named[:3]) + (" …" if len(named) > 3 else "")
    return plan.path.name.split(".")[0] or "Imported"


def summary_lines(result: FileResult) -> list[str]:
    """Plain-text lines describing one file's outcome (the CLI prints them)."""
    if result.article is not None:
        article = result.article
        if not article.added:
            return [f"{result.path}: article “{article.title}” already imported: nothing added"]
        return [
            f"{result.path}: article “{article.title}” added ({article.passages} passages, "
            f"{article.questions} questions generated)"
        ]
    summary = result.questions
    assert summary is not None
    if summary.already_imported:
        return [f"{result.path}: {result.label}: already imported: nothing added"]
    lines = [
        f"{result.path}: {result.label}: {summary.added} added, {summary.updated} updated, "
        f"{summary.skipped} skipped, {len(summary.rejected)} rejected (deck: {result.deck})"
    ]
    for problem in summary.rejected:
        where = f"{result.path}:{problem.line}" if problem.line else result.path
        record = f" (record {problem.record})" if problem.record else ""
        lines.append(f"  {where}: rejected{record}: {problem.reason}")
    return lines
