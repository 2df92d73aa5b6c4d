"""File → Import…: detect, preview with problems marked, columns, deck, duplicates, summary."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
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
    import_plans,
    part_of,
    plan_file,
    text_sample,
)
from studyapp.ui.context import AppContext
from studyapp.ui.dialogs.import_columns import ColumnStep
from studyapp.ui.dialogs.import_summary import SummaryPage
from studyapp.ui.dialogs.question_dialog import KIND_NAMES
from studyapp.ui.pages.question_bank import plain
from studyapp.ui.tasks import Task

PREVIEW_ROWS = 100
PROBLEM_ROWS = 100
DUPLICATE_CHOICES = (
    ("Skip questions already in the deck", "skip"),
    ("Update them with the file's version", "update"),
    ("Keep both copies", "keep"),
)
PROBLEM_BACKGROUND = QColor("#fde7e6")
PROBLEM_TEXT = QColor("#8c1d18")
ERROR_STYLE = (
    "QLabel { background: #fde7e6; color: #8c1d18; border: 1px solid #f2b8b5;"
    " border-radius: 6px; padding: 8px 10px; }"
)


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
        self.results: list[FileResult] = []
        self.articles_only = False  # every file is an article: no deck or duplicate choice
        self.setWindowTitle("Import")
        self.resize(860, 600)
        self.setMinimumSize(640, 460)

        self.heading = QLabel()
        self.heading.setObjectName("pageTitle")
        self.file_list = QListWidget()
        self.file_list.setMaximumHeight(96)
        self.file_list.setIconSize(QSize(16, 16))
        self.file_list.currentRowChanged.connect(self._on_file_selected)
        self.file_list.setVisible(len(self.files) > 1)
        self.format_label = QLabel()
        self.format_label.setTextFormat(Qt.TextFormat.RichText)
        self.columns_button = QPushButton("Columns…")
        self.columns_button.setToolTip("Choose the separator and which column is which")
        self.columns_button.clicked.connect(self._on_columns_clicked)
        self.remove_button = QPushButton("Leave out this file")
        self.remove_button.clicked.connect(self._on_remove_clicked)
        format_row = QHBoxLayout()
        format_row.addWidget(self.format_label, 1)
        format_row.addWidget(self.remove_button)
        format_row.addWidget(self.columns_button)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview = QTableWidget(0, 4)
        self.preview.setHorizontalHeaderLabels(("Kind", "Question", "Answer", "Deck"))
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.preview.verticalHeader().setVisible(False)
        self.preview.setWordWrap(False)
        header = self.preview.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((165, 290, 220)):
            self.preview.setColumnWidth(column, width)

        self.deck = QComboBox()
        self.deck.setEditable(True)
        self.deck.setMinimumWidth(320)
        self.deck.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.deck.currentTextChanged.connect(self._on_deck_edited)
        self.duplicates = QComboBox()
        for label, value in DUPLICATE_CHOICES:
            self.duplicates.addItem(label, value)
        self.options_form = QFormLayout()
        self.options_form.addRow("Put questions in:", self.deck)
        self.options_form.addRow("Already in the deck:", self.duplicates)

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

        review = QWidget()
        review_layout = QVBoxLayout(review)
        review_layout.setContentsMargins(0, 0, 0, 0)
        review_layout.addWidget(self.heading)
        review_layout.addWidget(self.file_list)
        review_layout.addLayout(format_row)
        review_layout.addWidget(self.status)
        review_layout.addWidget(self.preview, 1)
        review_layout.addStretch(0)
        self.options_box = QWidget()
        self.options_box.setLayout(self.options_form)
        self.options_form.setContentsMargins(0, 4, 0, 0)
        review_layout.addWidget(self.options_box)
        self.summary = SummaryPage()
        self.summary.close_requested.connect(self.accept)
        self.summary.article_requested.connect(self._on_article_requested)
        self.pages = QStackedWidget()
        for page in (review, self.columns, self.summary):
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
        current = max(self.file_list.currentRow(), 0)
        self.file_list.setCurrentRow(current)
        self._on_file_selected(current)
        state = self.current()
        plan = state.plan if state is not None else None
        if (
            state is not None
            and plan is not None
            and plan.ambiguous
            and not state.columns_confirmed
        ):
            self._show_columns(state)

    def current(self) -> FileState | None:
        """The file whose preview is shown."""
        row = self.file_list.currentRow()
        return self.files[row] if 0 <= row < len(self.files) else None

    def _refresh_file_list(self) -> None:
        row = self.file_list.currentRow()
        self.file_list.blockSignals(True)
        self.file_list.clear()
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
            self.file_list.addItem(item)
        self.file_list.setCurrentRow(min(max(row, 0), len(self.files) - 1))
        self.file_list.blockSignals(False)
        self.file_list.setVisible(len(self.files) > 1)
        count = len(self.files)
        self.heading.setText("Import a file" if count == 1 else f"Import {count} files")
        self._update_buttons()

    def _on_file_selected(self, row: int) -> None:
        state = self.files[row] if 0 <= row < len(self.files) else None
        self.preview.setRowCount(0)
        self.preview.clearSpans()
        if state is None:
            return
        plan = state.plan
        name = _escape(state.path.name)
        if state.error:
            self.format_label.setText(f"<b>{name}</b>")
            self.status.setStyleSheet(ERROR_STYLE)
            self.status.setText(
                f"<b>{_escape(state.error)}</b><br>This file cannot be imported, so nothing "
                "will be imported until it is fixed or left out."
            )
        elif plan is None:
            self.format_label.setText(f"<b>{name}</b>")
            self.status.setStyleSheet("")
            self.status.setText("Reading…")
        else:
            self.format_label.setText(f"<b>{name}</b> &nbsp;·&nbsp; Format: {plan.label}")
            self.status.setStyleSheet("")
            self._show_plan(plan)
        self.preview.setVisible(not state.error)
        self.options_box.setVisible(
            (not state.error or len(self.files) > 1) and not self.articles_only
        )
        self.columns_button.setVisible(plan is not None and plan.format == "csv")
        self.remove_button.setVisible(len(self.files) > 1)

    def _show_plan(self, plan: ImportPlan) -> None:
        article_view = plan.article is not None
        self.preview.setHorizontalHeaderLabels(
            ("Passage", "Text", "", "") if article_view else ("Kind", "Question", "Answer", "Deck")
        )
        for column in (2, 3):
            self.preview.setColumnHidden(column, article_view)
        if plan.article is not None:
            article = plan.article
            self.status.setText(
                f"Article <b>“{_escape(article.title)}”</b>: {len(article.passages)} passages. "
                "It will be added to your library, its people, dates and numbers found, and a "
                "study set generated from it."
            )
            for ordinal, text in enumerate(article.passages[:PREVIEW_ROWS], start=1):
                self._add_row((f"{ordinal}", text, "", ""))
            return
        parsed = plan.parsed
        assert parsed is not None
        records, problems = len(parsed.records), len(parsed.problems)
        text = f"<b>{records:,}</b> question{'s' if records != 1 else ''} ready to import"
        if problems:
            text += (
                f"; <span style='color:#b3261e'><b>{problems:,}</b> record"
                f"{'s' if problems != 1 else ''} will be left out</span> (red rows, with the "
                "reason)"
            )
        if records > PREVIEW_ROWS:
            text += f". The first {PREVIEW_ROWS} are shown."
        self.status.setText(text)
        for problem in parsed.problems[:PROBLEM_ROWS]:
            where = f"Line {problem.line}" if problem.line else f"Record {problem.record or '?'}"
            self._add_problem_row(where, problem.reason)
        for record in parsed.records[:PREVIEW_ROWS]:
            kind = KIND_NAMES.get(record.kind, record.kind)
            deck = self._target_deck(record.deck, plan).replace("::", " › ")
            self._add_row((kind, plain(record.prompt), plain(record.answer), deck))

    def _add_row(self, cells: tuple[str, str, str, str]) -> int:
        row = self.preview.rowCount()
        self.preview.insertRow(row)
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text[:300])
            item.setToolTip(text[:1000])
            self.preview.setItem(row, column, item)
        return row

    def _add_problem_row(self, where: str, reason: str) -> None:
        row = self._add_row((where, f"Left out: {reason}", "", ""))
        self.preview.setSpan(row, 1, 1, 3)
        for column in range(2):
            item = self.preview.item(row, column)
            item.setBackground(QBrush(PROBLEM_BACKGROUND))
            item.setForeground(QBrush(PROBLEM_TEXT))
        self.preview.item(row, 0).setData(Qt.ItemDataRole.UserRole, "problem")

    def _fill_decks(self) -> None:
        typed = self.deck.currentText() if self.deck.currentIndex() > 0 else ""
        plans = [s.plan for s in self.files if s.plan is not None and s.plan.kind == "questions"]
        named = sorted({d for p in plans if p.parsed for d in p.parsed.decks})
        if len(plans) == 1 and named:
            first = f"As in the file ({', '.join(named[:3])}{'…' if len(named) > 3 else ''})"
        elif len(plans) == 1:
            first = f"New deck “{plans[0].path.name.split('.')[0] or 'Imported'}”"
        else:
            first = "Each file's own deck"
        self.deck.blockSignals(True)
        self.deck.clear()
        self.deck.addItem(first, None)
        for choice in list_decks(self.context.bank):
            self.deck.addItem(choice.name.replace("::", " › "), choice.name)
        if typed:
            self.deck.setEditText(typed)
        self.deck.blockSignals(False)
        self.articles_only = bool(self.files) and not plans

    def _target_deck(self, deck: str, plan: ImportPlan) -> str:
        """Where a record will go, as import_file decides it."""
        chosen = self.chosen_deck()
        if chosen:
            return chosen
        return deck or plan.path.name.split(".")[0] or "Imported"

    def _on_deck_edited(self) -> None:
        state = self.current()
        if state is not None and state.plan is not None and state.plan.parsed is not None:
            self._on_file_selected(self.file_list.currentRow())

    def chosen_deck(self) -> str | None:
        """The deck the user chose: None keeps the file's decks (or a deck named after it)."""
        text = self.deck.currentText().strip()
        if not text or text == self.deck.itemText(0):
            return None
        index = self.deck.findText(text)
        return self.deck.itemData(index) if index > 0 else text

    # -- the column step ----------------------------------------------------------------------
    def _show_columns(self, state: FileState) -> None:
        plan = state.plan
        options = plan.options if plan is not None else None
        try:
            sample = text_sample(state.path, options)
        except InputError as error:
            state.error = str(error)
            self._on_file_selected(self.file_list.currentRow())
            return
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
        self._on_file_selected(self.file_list.currentRow())
        self._read_files([state], options, mapping)

    def _on_columns_back(self) -> None:
        self.pages.setCurrentIndex(0)
        self._update_buttons()

    def _on_remove_clicked(self) -> None:
        row = self.file_list.currentRow()
        if 0 <= row < len(self.files) and len(self.files) > 1:
            del self.files[row]
            self._fill_decks()
            self._refresh_file_list()
            self._on_file_selected(self.file_list.currentRow())

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
        bank, deck = self.context.bank, self.chosen_deck()
        duplicates = self.duplicates.currentData()
        self.results = []
        results = self.results

        def work(progress):  # type: ignore[no-untyped-def]
            for index, plan in enumerate(plans):
                step = part_of(progress, index, len(plans))
                results.extend(import_plans(bank, [plan], deck, duplicates, step))
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
            self.status.setStyleSheet(ERROR_STYLE)
            self.status.setText(f"<b>{_escape(str(error))}</b><br>Nothing was imported.")
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
        self._update_buttons()

    def _on_read_cancelled(self) -> None:
        self._on_task_finished()
        self.reject()

    def _on_read_failed(self, error: BaseException) -> None:
        self.status.setStyleSheet(ERROR_STYLE)
        self.status.setText(f"<b>{_escape(str(error))}</b><br>Nothing was imported.")

    def _on_progressed(self, done: int, total: int, message: str) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        if message:
            self.progress_label.setText(message if len(message) < 60 else message[:57] + "…")

    def _on_task_finished(self) -> None:
        self.task = None
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
            if self.task.title == "Importing":
                return
        super().reject()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
