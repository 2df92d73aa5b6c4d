"""Importing any mix of question-set and article files: check every file first, then write.

The CLI and the import dialog share this. Files are routed to the question-set or the
article reader by :mod:`studyapp.services.import_routing`. Every file is read and
validated before anything is written (:func:`plan_file`), so bad input anywhere writes
nothing. The writes that follow are one transaction per file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from studyapp.bank.database import Bank
from studyapp.core.articles import ArticleText
from studyapp.core.errors import InputError
from studyapp.core.exchange import ImportSummary, ParsedSet
from studyapp.core.progress import Progress, no_progress
from studyapp.exchange.csv_layout import ColumnMapping, CsvLayout, CsvOptions
from studyapp.exchange.registry import EXPORTERS, importer_named
from studyapp.services.backups import backup_before
from studyapp.services.import_routing import is_ambiguous, route, text_sample
from studyapp.services.imports import import_file, preview_file
from studyapp.services.library import add_article

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


def export_formats() -> list[tuple[str, str, str]]:
    """(name, label, extension) of every export format, in the registry's order."""
    return [(e.name, EXPORT_LABELS.get(e.name, e.name), e.extension) for e in EXPORTERS]


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
        BackupError: the safety backup before the import failed; nothing more was written.
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
    if any(plan.kind == "article" for plan in plans):
        backup_before("import", bank)  # import_file makes its own for question sets
    for plan in plans:
        if plan.kind == "article" and plan.article is not None:
            progress(round(1000 * step / count), 1000, f"Storing “{plan.article.title}”")
            article_id, added = add_article(bank, plan.article)
            stored.append((plan, article_id, added))
            step += 1
    new = [article_id for _, article_id, added in stored if added]
    generated: dict[int, int] = {}
    if new:
        from studyapp.services.extraction import analyse_articles

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
