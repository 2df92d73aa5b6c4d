"""File → Import…: detect, preview with problems marked, columns, deck, duplicates, summary."""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from studyapp.core.errors import InputError
from studyapp.services.question_bank import list_decks
from studyapp.services.transfer import (
    ColumnMapping,
    CsvOptions,
    FileResult,
    ImportPlan,
    import_files,
    part_of,
    plan_file,
    text_sample,
)
from studyapp.ui.context import AppContext
from studyapp.ui.dialogs.import_columns import ColumnStep
from studyapp.ui.dialogs.import_preview import plan_status
from studyapp.ui.dialogs.import_review import ReviewPage
from studyapp.ui.dialogs.import_summary import SummaryPage
from studyapp.ui.tasks import Task

PREVIEW_ROWS = 100


@dataclass
class FileState:
    """One file of the dialog: its validated plan, or why it cannot be imported."""

    path: Path
    plan: ImportPlan | None = None
    error: str = ""
    columns_confirmed: bool = False


class ImportDialog(QDialog):
    """Reads the files in the background, previews them, then imports them all at once."""

    def __init__(self, context: AppContext, files: list[Path], parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.files = [FileState(Path(f)) for f in files]
        self.task: Task | None = None
        self.importing = False  # the running task writes to the bank (not just reading files)
        self.results: list[FileResult] = []
        self.articles_only = False  # every file is an article: no deck or duplicate choice
        self.setWindowTitle("Import")
        self.resize(860, 600)
        self.setMinimumSize(640, 460)

        self.review = ReviewPage()
        self.review.file_list.currentRowChanged.connect(self._on_file_selected)
        self.review.file_list.setVisible(len(self.files) > 1)
        self.review.columns_button.clicked.connect(self._on_columns_clicked)
        self.review.remove_button.clicked.connect(self._on_remove_clicked)
        self.review.deck.currentTextChanged.connect(self._on_deck_edited)
        self.columns = ColumnStep()
        self.columns.applied.connect(self._on_columns_applied)
        self.columns.back_requested.connect(self._on_columns_back)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress_label = QLabel()
        self.progress_label.setObjectName("pageSubtitle")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        self.import_button = QPushButton("Import")
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self._on_import_clicked)
        bottom = QHBoxLayout()
        bottom.addWidget(self.progress_label)
        bottom.addWidget(self.progress, 3)
        bottom.addStretch(1)
        bottom.addWidget(self.cancel_button)
        bottom.addWidget(self.columns.back_button)
        bottom.addWidget(self.columns.apply_button)
        bottom.addWidget(self.import_button)

        self.summary = SummaryPage()
        self.summary.close_requested.connect(self.accept)
        self.summary.article_requested.connect(self._on_article_requested)
        self.pages = QStackedWidget()
        for page in (self.review, self.columns, self.summary):
            self.pages.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.addWidget(self.pages, 1)
        layout.addLayout(bottom)

        self._fill_decks()
        self._read_files([state for state in self.files])

    # -- reading and previewing ---------------------------------------------------------------
    def _read_files(self, states: list[FileState], options: CsvOptions | None = None,
                    mapping: ColumnMapping | None = None) -> None:  # fmt: skip
        """Validate ``states`` in the background (with the column choice, for one file)."""

        def work(progress):  # type: ignore[no-untyped-def]
            found: list[tuple[FileState, ImportPlan | None, str]] = []
            for index, state in enumerate(states):
                step = part_of(progress, index, len(states))
                step(0, 1, f"Reading {state.path.name}")
                try:
                    found.append((state, plan_file(state.path, step, options, mapping), ""))
                except InputError as error:
                    found.append((state, None, str(error)))
            return found

        names = ", ".join(state.path.name for state in states)
        self._start(f"Reading {names}", work, self._on_files_read, writes=False)

    def _on_files_read(self, found: list[tuple[FileState, ImportPlan | None, str]]) -> None:
        for state, plan, error in found:
            state.plan, state.error = plan, error
            if plan is not None and plan.mapping is not None:
                state.columns_confirmed = True
        self._fill_decks()
        self._refresh_file_list()
        unsure = [
            index
            for index, state in enumerate(self.files)
            if state.plan is not None and state.plan.ambiguous and not state.columns_confirmed
        ]
        current = unsure[0] if unsure else max(self.review.file_list.currentRow(), 0)
        self.review.file_list.setCurrentRow(current)
        self._on_file_selected(current)
        if unsure:
            self._show_columns(self.files[current])  # the column step comes first

    def current(self) -> FileState | None:
        """The file whose preview is shown."""
        row = self.review.file_list.currentRow()
        return self.files[row] if 0 <= row < len(self.files) else None

    def _refresh_file_list(self) -> None:
        row = self.review.file_list.currentRow()
        self.review.file_list.blockSignals(True)
        self.review.file_list.clear()
        style = self.style()
        for state in self.files:
            if state.error:
                icon, detail = QStyle.StandardPixmap.SP_MessageBoxCritical, "cannot be imported"
            elif state.plan is None:
                icon, detail = QStyle.StandardPixmap.SP_BrowserReload, "reading…"
            else:
                icon, detail = QStyle.StandardPixmap.SP_DialogApplyButton, state.plan.label
            item = QListWidgetItem(style.standardIcon(icon), f"{state.path.name} — {detail}")
            item.setToolTip(str(state.path))
            self.review.file_list.addItem(item)
        self.review.file_list.setCurrentRow(min(max(row, 0), len(self.files) - 1))
        self.review.file_list.blockSignals(False)
        self.review.file_list.setVisible(len(self.files) > 1)
        count = len(self.files)
        self.review.heading.setText("Import a file" if count == 1 else f"Import {count} files")
        self._update_buttons()

    def _on_file_selected(self, row: int) -> None:
        state = self.files[row] if 0 <= row < len(self.files) else None
        self.review.preview.clear_rows()
        if state is None:
            return
        plan = state.plan
        name = html.escape(state.path.name)
        if state.error:
            self.review.format_label.setText(f"<b>{name}</b>")
            what = (
                "Nothing was imported."
                if len(self.files) == 1
                else "This file cannot be imported, so nothing will be imported until it is "
                "fixed or left out."
            )
            if _is_text(state.path):
                what += " If it is delimited text in another encoding, choose it under Columns…"
            self.review.show_status(f"<b>{html.escape(state.error)}</b><br>{what}", error=True)
        elif plan is None:
            self.review.format_label.setText(f"<b>{name}</b>")
            self.review.show_status("Reading…")
        else:
            self.review.format_label.setText(f"<b>{name}</b> &nbsp;·&nbsp; Format: {plan.label}")
            self.review.show_status(plan_status(plan, PREVIEW_ROWS))
            self.review.preview.show_plan(
                plan, lambda deck: self._target_deck(deck, plan), PREVIEW_ROWS
            )
        self.review.preview.setVisible(not state.error)
        self.review.options_box.setVisible(
            (not state.error or len(self.files) > 1) and not self.articles_only
        )
        delimited = plan is not None and plan.format == "csv"
        self.review.columns_button.setVisible(
            delimited or bool(state.error) and _is_text(state.path)
        )
        self.review.remove_button.setVisible(len(self.files) > 1)

    def _fill_decks(self) -> None:
        plans = [s.plan for s in self.files if s.plan is not None and s.plan.kind == "questions"]
        named = sorted({d for p in plans if p.parsed for d in p.parsed.decks})
        if len(plans) == 1 and named:
            first = f"As in the file ({', '.join(named[:3])}{'…' if len(named) > 3 else ''})"
        elif len(plans) == 1:
            first = f"New deck “{plans[0].path.name.split('.')[0] or 'Imported'}”"
        else:
            first = "Each file's own deck"
        self.review.set_deck_choices(first, [d.name for d in list_decks(self.context.bank)])
        self.articles_only = bool(self.files) and not plans

    def _target_deck(self, deck: str, plan: ImportPlan) -> str:
        """Where a record will go, as import_file decides it."""
        chosen = self.review.chosen_deck()
        if chosen:
            return chosen
        return deck or plan.path.name.split(".")[0] or "Imported"

    def _on_deck_edited(self) -> None:
        state = self.current()
        if state is not None and state.plan is not None and state.plan.parsed is not None:
            self._on_file_selected(self.review.file_list.currentRow())

    # -- the column step ----------------------------------------------------------------------
    def _show_columns(self, state: FileState) -> None:
        plan = state.plan
        options = plan.options if plan is not None else None
        try:
            sample = text_sample(state.path, options)
        except InputError as error:
            # Shown in the step, whose encoding and separator choices may cure it.
            self.columns.load_failed(state.path, str(error))
        else:
            self.columns.load(state.path, sample, options)
        self.pages.setCurrentWidget(self.columns)
        self._update_buttons()

    def _on_columns_clicked(self) -> None:
        state = self.current()
        if state is not None:
            self._show_columns(state)

    def _on_columns_applied(self, options: CsvOptions, mapping: ColumnMapping) -> None:
        state = self.current()
        if state is None:
            return
        state.columns_confirmed = True
        state.plan, state.error = None, ""
        self.pages.setCurrentIndex(0)
        self._refresh_file_list()
        self._on_file_selected(self.review.file_list.currentRow())
        self._read_files([state], options, mapping)

    def _on_columns_back(self) -> None:
        self.pages.setCurrentIndex(0)
        self._update_buttons()

    def _on_remove_clicked(self) -> None:
        row = self.review.file_list.currentRow()
        if 0 <= row < len(self.files) and len(self.files) > 1:
            del self.files[row]
            self._fill_decks()
            self._refresh_file_list()
            self._on_file_selected(self.review.file_list.currentRow())

    # -- importing ----------------------------------------------------------------------------
    def _update_buttons(self) -> None:
        busy = self.task is not None
        ready = bool(self.files) and all(s.plan is not None for s in self.files)
        page = self.pages.currentIndex()
        on_review = page == 0
        self.import_button.setVisible(page == 0)
        self.columns.back_button.setVisible(page == 1)
        self.columns.apply_button.setVisible(page == 1)
        self.import_button.setEnabled(ready and not busy and on_review)
        self.cancel_button.setVisible(page != 2 or busy)
        self.progress.setVisible(busy)
        self.progress_label.setVisible(busy)

    def _on_import_clicked(self) -> None:
        plans = [s.plan for s in self.files if s.plan is not None]
        if len(plans) != len(self.files):
            return
        bank, deck = self.context.bank, self.review.chosen_deck()
        duplicates = self.review.duplicate_policy()
        self.results = []
        results = self.results

        def work(progress):  # type: ignore[no-untyped-def]
            for index, plan in enumerate(plans):
                step = part_of(progress, index, len(plans))
                results.extend(import_files(bank, [plan], deck, duplicates, step))
            return results

        self._start("Importing", work, self._on_imported, self._on_import_failed)

    def _on_imported(self, results: list[FileResult]) -> None:
        self._announce(results)
        self.summary.show_results(results)
        self.pages.setCurrentWidget(self.summary)
        self._update_buttons()

    def _on_import_failed(self, error: BaseException) -> None:
        if self.results:
            self._announce(self.results)
            self.summary.show_results(self.results, failure=str(error))
            self.pages.setCurrentWidget(self.summary)
        else:
            message = f"<b>{html.escape(str(error))}</b><br>Nothing was imported."
            self.review.show_status(message, error=True)
        self._update_buttons()

    def _on_import_cancelled(self) -> None:
        self._on_task_finished()
        self._announce(self.results)
        self.summary.show_results(self.results, cancelled=True)
        self.pages.setCurrentWidget(self.summary)
        self._update_buttons()

    def _announce(self, results: list[FileResult]) -> None:
        """Tell every page what changed."""
        if any(r.questions is not None and (r.questions.added or r.questions.updated)
               for r in results):  # fmt: skip
            self.context.questions_changed.emit()
        if any(r.article is not None and r.article.added for r in results):
            self.context.articles_changed.emit()
            self.context.knowledge_changed.emit()
            self.context.questions_changed.emit()

    def _on_article_requested(self, article_id: int) -> None:
        self.accept()
        self.context.show_passage(article_id, 0)

    # -- background tasks ---------------------------------------------------------------------
    def _start(self, title, work, on_success, on_failure=None, writes=True) -> None:  # type: ignore[no-untyped-def]
        self.progress.setRange(0, 0)
        self.progress_label.setText(title if len(title) < 60 else title[:57] + "…")
        failed = on_failure or self._on_read_failed

        # Success and failure are connected before the task starts (a quick task could
        # finish before a later connection): they also mark the dialog idle again.
        def succeeded(result: object) -> None:
            self._on_task_finished()
            on_success(result)

        def failed_now(error: BaseException) -> None:
            self._on_task_finished()
            failed(error)

        task = self.context.tasks.start(
            title, work, on_success=succeeded, on_failure=failed_now, writes=writes
        )
        task.signals.progressed.connect(self._on_progressed)
        if writes:
            task.signals.cancelled.connect(self._on_import_cancelled)
        else:
            task.signals.cancelled.connect(self._on_read_cancelled)
        self.task = task
        self.importing = writes
        self._update_buttons()

    def _on_read_cancelled(self) -> None:
        self._on_task_finished()
        self.reject()

    def _on_read_failed(self, error: BaseException) -> None:
        message = f"<b>{html.escape(str(error))}</b><br>Nothing was imported."
        self.review.show_status(message, error=True)

    def _on_progressed(self, done: int, total: int, message: str) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        if message:
            self.progress_label.setText(message if len(message) < 60 else message[:57] + "…")

    def _on_task_finished(self) -> None:
        self.task = None
        self.importing = False
        self.cancel_button.setEnabled(True)
        self._update_buttons()

    def _on_cancel_clicked(self) -> None:
        if self.task is not None:
            self.cancel_button.setEnabled(False)
            self.progress_label.setText("Cancelling…")
            self.task.cancel()
            return
        self.reject()

    def reject(self) -> None:  # noqa: D102
        # Closing while an import runs only cancels it: the summary then says what was kept.
        if self.task is not None:
            self.task.cancel()
            if self.importing:
                return
        super().reject()


def _is_text(path: Path) -> bool:
    """A name the delimited-text reader accepts (the column step can retry it)."""
    return path.suffix.lower() in (".csv", ".tsv", ".txt", ".tab", "")
