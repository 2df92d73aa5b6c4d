"""Importing and exporting: the one place where both start, for the CLI and the dialogs alike.

Import: :func:`plan_files` (or :func:`plan_file`, file by file as the dialog previews them)
reads and checks every file without touching the bank; :func:`import_files` then writes
them: question sets (``question_sets``), articles with their study sets, review history
(``history``). One import runs at a time per bank, across processes; a second one waits.

Export: :func:`export_questions` (``export``).

Files are routed to the question-set or the article reader by ``routing``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from studyapp.bank.database import Bank
from studyapp.bank.locks import import_lock, import_lock_if_free
from studyapp.core.exchange import ImportSummary
from studyapp.core.progress import Progress, no_progress
from studyapp.exchange.csv_layout import ColumnMapping, CsvLayout, CsvOptions
from studyapp.services.backups import backup_before
from studyapp.services.library import add_article
from studyapp.services.transfer.export import export_formats, export_questions
from studyapp.services.transfer.planning import (
    ImportPlan,
    part_of,
    plan_file,
    plan_files,
    preview_file,
    read_article,
)
from studyapp.services.transfer.question_sets import (
    DUPLICATE_MODES,
    DeckChoice,
    import_question_set,
    remove_unfinished_imports,
)
from studyapp.services.transfer.routing import TextSample, text_layout, text_sample

__all__ = [
    "DUPLICATE_MODES",
    "ArticleResult",
    "ColumnMapping",
    "CsvLayout",
    "CsvOptions",
    "FileResult",
    "ImportPlan",
    "TextSample",
    "clean_up_after_crash",
    "export_formats",
    "export_questions",
    "import_files",
    "part_of",
    "plan_file",
    "plan_files",
    "preview_file",
    "read_article",
    "summary_lines",
    "text_layout",
    "text_sample",
]

WAITING = "Waiting for another import into this bank to finish…"


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


def import_files(
    bank: Bank,
    files: Sequence[Path | str | ImportPlan],
    deck: str | None = None,
    on_duplicate: str = "skip",
    progress: Progress = no_progress,
    generate: bool = True,
    waiting: Callable[[str], None] | None = None,
) -> list[FileResult]:
    """Import files (paths, or plans the dialog already read): where every import starts.

    Paths are planned first, all of them before anything is written, so bad input
    anywhere writes nothing. Then question sets are written (each whole or not at all),
    then articles, which are analysed (people, dates, figures) and, with ``generate``,
    get their study set. ``deck`` applies to question sets only. Another import into
    the same bank (this process or another) is waited for; ``waiting(message)`` is told
    once when that takes a moment. Cancel between files keeps the files already written.

    Raises:
        InputError: a file cannot be imported (before anything is written).
        Cancelled: the progress callback stopped it.
        BackupError: the safety backup before the import failed; nothing more was written.
        DatabaseError: the disk refused a write; that file's rows were taken away.
    """
    if on_duplicate not in DUPLICATE_MODES:
        raise ValueError(f"on_duplicate must be one of {DUPLICATE_MODES}, not {on_duplicate!r}")
    plans = [item if isinstance(item, ImportPlan) else plan_file(Path(item)) for item in files]
    told = False

    def wait(_seconds: float) -> None:
        nonlocal told
        progress(0, 0, WAITING)  # lets Cancel stop the wait
        if waiting is not None and not told:
            waiting(WAITING)
            told = True

    with import_lock(bank, wait):
        remove_unfinished_imports(bank)  # a crashed import's leftovers: no live import now
        return _import_plans(bank, plans, deck, on_duplicate, progress, generate)


def clean_up_after_crash(bank: Bank) -> int:
    """Remove what an import cut short by a crash left, unless an import runs right now."""
    with import_lock_if_free(bank) as free:
        return remove_unfinished_imports(bank) if free else 0


def _import_plans(
    bank: Bank,
    plans: Sequence[ImportPlan],
    deck: str | None,
    on_duplicate: str,
    progress: Progress,
    generate: bool,
) -> list[FileResult]:
    results: list[FileResult] = []
    count = len(plans) + sum(plan.kind == "article" for plan in plans)  # articles: 2 steps
    step = 0
    for plan in plans:
        if plan.kind != "questions" or plan.parsed is None:
            continue
        fallback = deck.strip() if deck and deck.strip() else plan.path.name.split(".")[0]
        target = DeckChoice(fallback or "Imported", force=bool(deck and deck.strip()))
        summary = import_question_set(
            bank, plan.parsed, plan.sha256, target, on_duplicate, part_of(progress, step, count)
        )
        results.append(FileResult(str(plan.path), plan.label, questions=summary,
                                  deck=_deck_shown(plan, deck)))  # fmt: skip
        step += 1
    stored: list[tuple[ImportPlan, int, bool]] = []
    if any(plan.kind == "article" for plan in plans):
        backup_before("import", bank)
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
    """The deck(s) a plan's questions go to, for the summary."""
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
