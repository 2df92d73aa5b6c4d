"""The main window: a sidebar of pages, menus, the task panel; opens the bank after first paint."""

from __future__ import annotations

import html
import sys
import threading
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from PySide6.QtCore import QSettings, QSize, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QPaintEvent,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from studyapp import __version__
from studyapp.ui.context import AppContext
from studyapp.ui.icons import glyph_icon
from studyapp.ui.modal import run_modal
from studyapp.ui.tasks import TaskRunner
from studyapp.ui.widgets.task_panel import TaskPanel

# How often, while the server bank is away or answers wait for it, a background task checks
# whether it is back and sends the kept answers.
SEND_EVERY_MS = 5_000
IMPORT_FILTER = (
    "Question sets and articles (*.apkg *.colpkg *.csv *.tsv *.txt *.tab *.gift *.aiken *.json "
    "*.xml *.mem *.db *.md *.markdown *.html *.htm *.epub);;"
    "Question sets (*.apkg *.colpkg *.csv *.tsv *.txt *.tab *.gift *.aiken *.json *.xml *.mem *.db);;"
    "Articles (*.txt *.md *.markdown *.html *.htm *.epub);;All files (*)"
)


# The pages in sidebar order: (name, title, sidebar glyph, module:class). A page appears here
# only once it works. Its module is imported, and the page built, the first time it is needed.
PAGES = (
    ("decks", "Decks", "☰", "decks:DecksPage"),
    ("library", "Library", "▤", "library:LibraryPage"),
    ("reader", "Reader", "¶", "reader:ReaderPage"),
    ("review", "Review", "↻", "review:ReviewPage"),
    ("quiz", "Quiz", "✓", "quiz:QuizPage"),
    ("progress", "Progress", "▥", "progress:ProgressPage"),
    ("figures", "Key figures", "☺", "figures:FiguresPage"),
    ("timeline", "Timeline", "⇥", "timeline:TimelinePage"),
    ("questions", "Question bank", "?", "question_bank:QuestionBankPage"),
)
# Built as soon as the bank is open: the first page and the two a learner starts with. The
# others are built in idle moments afterwards, or at once when shown or asked for.
FIRST_PAGES = ("decks", "library", "review")


def page_class(name: str) -> type:
    """The class of the page called ``name`` (importing its module)."""
    import importlib

    module, _, class_name = next(entry[3] for entry in PAGES if entry[0] == name).partition(":")
    return getattr(importlib.import_module(f"studyapp.ui.pages.{module}"), class_name)


class Pages(Mapping[str, QWidget]):
    """The window's pages by name, in sidebar order; a page is built the first time it is
    looked up. Empty until the bank is open."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.built: dict[str, QWidget] = {}
        self.build: Callable[[str], QWidget] | None = None

    def __getitem__(self, name: str) -> QWidget:
        page = self.built.get(name)
        if page is None:
            if name not in self.names or self.build is None:
                raise KeyError(name)
            page = self.built[name] = self.build(name)
        return page

    def __contains__(self, name: object) -> bool:
        return name in self.names

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)


def _open_data_folder(progress):  # type: ignore[no-untyped-def]
    """The worker's part of start-up, its imports (SQLAlchemy and the models) included."""
    from studyapp.services.startup import open_data_folder

    return open_data_folder(progress)


class MainWindow(QMainWindow):
    """Sidebar + stacked pages. Pages are built once the bank is open."""

    def __init__(self, settings: QSettings):
        super().__init__()
        self.settings = settings
        self.tasks = TaskRunner(self)
        self.context: AppContext | None = None
        self._open_after_paint = False
        self.pages = Pages()
        self.setWindowTitle("StudyApp")
        self.setMinimumSize(QSize(760, 500))
        self.setAcceptDrops(True)  # files dropped on the window are imported
        self.import_dialog = None
        self._checking = False  # a check of the server is running in the background

        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setFixedWidth(190)
        self.sidebar.setIconSize(QSize(20, 20))
        self.sidebar.currentRowChanged.connect(self._on_sidebar_row_changed)
        self.stack = QStackedWidget()
        self.status_label = QLabel("Opening your library…")
        self.status_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status_label.setWordWrap(True)
        self.stack.addWidget(self.status_label)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 0)
        brand = QLabel("StudyApp")
        brand.setObjectName("brand")
        side.addWidget(brand)
        side.addWidget(self.sidebar)
        self.side_layout = side  # the learner switcher joins it once the bank is open
        side_widget = QWidget()
        side_widget.setObjectName("side")
        side_widget.setLayout(side)
        side_widget.setFixedWidth(190)
        layout.addWidget(side_widget)
        # While the server bank is away: said once, above every page (see _show_server_state).
        self.away_banner = QLabel()
        self.away_banner.setObjectName("serverAway")
        self.away_banner.setWordWrap(True)
        self.away_banner.setStyleSheet(
            "QLabel#serverAway { background: #fff3cd; color: #664d03; padding: 8px 14px; }"
        )
        self.away_banner.hide()
        main = QVBoxLayout()
        main.setContentsMargins(0, 0, 0, 0)
        main.setSpacing(0)
        main.addWidget(self.away_banner)
        main.addWidget(self.stack, 1)
        layout.addLayout(main, 1)
        self.setCentralWidget(central)

        self.task_panel = TaskPanel()
        self.waiting_label = QLabel()  # answers kept for a server bank that went away
        self.waiting_label.setObjectName("answersWaiting")
        self.waiting_label.hide()
        self.statusBar().addPermanentWidget(self.waiting_label)
        self.statusBar().addPermanentWidget(self.task_panel)
        self.send_timer = QTimer(self)
        self.send_timer.setInterval(SEND_EVERY_MS)
        self.send_timer.timeout.connect(self._send_waiting_answers)
        self.tasks.task_started.connect(self.task_panel.track)
        self._build_menus()
        self._restore_geometry()

    # -- start-up ---------------------------------------------------------------------------
    def open_bank_later(self) -> None:
        """Open the bank in the background once the window has been painted."""
        self._open_after_paint = True

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        super().paintEvent(event)
        if self._open_after_paint:
            # Importing SQLAlchemy in a worker still holds the GIL: start only after
            # the first paint so the window appears at once.
            self._open_after_paint = False
            QTimer.singleShot(0, self._start_opening_bank)

    def _start_opening_bank(self) -> None:
        if not self.isVisible():
            return  # closed before the event loop got here
        self.tasks.start(
            "Opening your library",
            _open_data_folder,
            on_success=self._on_bank_opened,
            on_failure=self._on_bank_failed,
        )

    def _on_bank_opened(self, bank) -> None:  # type: ignore[no-untyped-def]
        # Never block the UI: on a server bank, the pages still read on this thread (small
        # reads, quick on a server that answers), but this thread never waits for one that
        # does not. While it is known to be away, every read fails at once and the pages
        # keep what they show under the "cannot be reached" banner; answers go to the
        # outbox. Otherwise a read waits at most a moment for a connection (bank/server_store).
        # Only the background check (the send timer) finds the server back, then the pages
        # refresh and kept answers are sent.
        bank.interactive_thread = threading.get_ident()
        self.context = AppContext(bank, self.settings, self.tasks)
        from studyapp.services.learners import current_learner

        self.context.learner_id = current_learner(bank).id  # first start creates one
        self.context.passage_requested.connect(self._on_passage_requested)
        self.context.page_requested.connect(self.show_page)
        # A request for a page not built yet builds it (connected before any page is, this
        # runs first; a page connected during the signal does not hear it, so it is told here).
        for signal, name, method in (
            (self.context.review_requested, "review", "study_deck"),
            (self.context.person_requested, "figures", "show_person"),
            (self.context.figure_requested, "figures", "show_figure"),
            (self.context.event_requested, "timeline", "show_event"),
        ):
            signal.connect(lambda value, name=name, method=method: self._deliver(name, method, value))
        for index, (name, title, glyph, _class) in enumerate(PAGES):
            item = QListWidgetItem(glyph_icon(glyph), title)
            item.setToolTip(f"{title} (Ctrl+{index + 1})")
            self.sidebar.addItem(item)
            action = QAction(title, self)
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda _=False, name=name: self.show_page(name))
            self.go_menu.addAction(action)
        self.pages.names = [entry[0] for entry in PAGES]
        self.pages.build = self._build_page
        for name in FIRST_PAGES:
            self.pages[name]
        from studyapp.ui.pages.learners import LearnerSwitcher

        self.side_layout.addWidget(LearnerSwitcher(self.context))
        self.import_action.setEnabled(bank.teacher)  # a learner's role reads shared material
        self.export_action.setEnabled(True)
        self.sidebar.setCurrentRow(0)
        if bank.on_server:
            from studyapp.services.outbox import waiting_count

            self.context.answers_waiting.connect(self._show_waiting)
            self.context.answers_waiting.connect(lambda _count: self._show_server_state())
            self._show_waiting(waiting_count(bank))
            self.send_timer.start()
        QTimer.singleShot(0, self._build_next_page)

    def _deliver(self, name: str, method: str, value: object) -> None:
        if name not in self.pages.built:
            getattr(self.pages[name], method)(value)

    def _build_page(self, name: str) -> QWidget:
        page = page_class(name)(self.context)
        assert page.name == name, f"PAGES names {page.name!r} {name!r}"  # type: ignore[attr-defined]
        self.stack.addWidget(page)
        return page

    def _build_next_page(self) -> None:
        """Build one page not built yet, then come back for the next in the next idle moment;
        once all are built, start preparing the articles (which competes for the interpreter)."""
        from studyapp.core.errors import BankUnreachable

        if not self.isVisible() or self.context is None:
            return  # closed meanwhile
        waiting = [name for name in self.pages if name not in self.pages.built]
        if waiting:
            try:
                self.pages[waiting[0]]
            except BankUnreachable as error:
                self.report_error(error)
                return  # built once the server is back (_on_answers_sent)
            QTimer.singleShot(0, self._build_next_page)
        else:
            self._start_preparing_content()

    def _start_preparing_content(self) -> None:
        from studyapp.services.startup import prepare_content

        assert self.context is not None
        bank = self.context.bank
        self.tasks.start(
            "Preparing your articles",
            lambda progress: prepare_content(bank, progress),
            on_success=self._on_content_prepared,
            on_failure=self._on_content_failed,
        )

    def _on_content_failed(self, error: BaseException) -> None:
        from studyapp.core.errors import BankUnreachable

        if isinstance(error, BankUnreachable):  # the banner says so; tried again at next start
            self.report_error(error)
        else:
            QMessageBox.warning(self, "Preparing articles failed", str(error))

    # -- a server bank that goes away ------------------------------------------------------
    def _show_waiting(self, count: int) -> None:
        """ "3 answers wait for the server" in the status bar, while any do."""
        bank = "server" if self.context is None else "class's server"
        self.waiting_label.setText(
            f"⏳ {count} answer{'s' if count != 1 else ''} wait{'' if count != 1 else 's'}"
            f" for the {bank}"
        )
        self.waiting_label.setToolTip(
            "Kept on this computer while the server could not be reached; sent, once each,"
            " as soon as it is back."
        )
        self.waiting_label.setVisible(count > 0)

    def _show_server_state(self) -> None:
        """The banner over the pages while the server is known to be away, hidden otherwise."""
        from studyapp.services.outbox import server_away

        away = None if self.context is None else server_away(self.context.bank)
        if away is not None:
            self.away_banner.setText(
                "⚠ The class's server cannot be reached: the pages show what they last read."
                " Answers given meanwhile are kept on this computer and sent when it is back."
            )
            self.away_banner.setToolTip(f"{away[:1].upper()}{away[1:]}.")
        self.away_banner.setVisible(away is not None)

    def _send_waiting_answers(self) -> None:
        """Every few seconds while the server is away or answers wait: check it, and send
        them, in the background."""
        from studyapp.services.outbox import check_and_send, server_away, waiting_count

        if self.context is None or self._checking:
            return
        bank = self.context.bank
        waiting = waiting_count(bank)  # one read of the outbox per tick
        if server_away(bank) is None and waiting == 0:
            return
        self._checking = True
        task = self.tasks.start(
            "Sending kept answers" if waiting else "Checking the class's server",
            lambda _progress: check_and_send(bank),
            on_success=self._on_answers_sent,
            writes=False,  # a server still away takes seconds to say so: never hold up writes
        )
        task.signals.finished.connect(self._on_check_finished)

    def _on_check_finished(self) -> None:
        self._checking = False

    def _on_answers_sent(self, sent) -> None:  # type: ignore[no-untyped-def] # outbox.SentAnswers
        if self.context is None:
            return
        back = self.away_banner.isVisible() and sent.away is None
        self.context.answers_waiting.emit(sent.waiting)  # shows the server's state too
        if sent.sent:
            self.statusBar().showMessage(
                f"The server is back: {sent.sent} kept answer"
                f"{'s were' if sent.sent != 1 else ' was'} sent", 10000,
            )  # fmt: skip
        elif back:
            self.statusBar().showMessage("The class's server is back", 10000)
        if sent.sent or back:
            if self.context.learner_id is not None:
                self.context.learner_changed.emit(self.context.learner_id)  # pages refresh
            if back and len(self.pages.built) < len(self.pages):
                QTimer.singleShot(0, self._build_next_page)
        if sent.refused:
            QMessageBox.information(
                self, "Answers not sent",
                "These kept answers had nowhere to go any more:\n\n" + "\n".join(sent.refused),
            )  # fmt: skip

    def report_error(self, error: BaseException) -> bool:
        """Show a StudyApp error raised in an event handler as a message, not a traceback;
        False for anything else (a bug, reported as usual)."""
        from studyapp.core.errors import BankUnreachable, StudyAppError

        if not isinstance(error, StudyAppError):
            return False
        self.statusBar().showMessage(str(error), 15000)
        if isinstance(error, BankUnreachable):
            # Said by the banner over every page, not a dialog per page the learner opens;
            # the timer checks, in the background, when the server is back.
            self._show_server_state()
            if not self.send_timer.isActive():
                self.send_timer.start()
        return True

    def _on_content_prepared(self, _result: object = None) -> None:
        if self.context is not None:
            self.context.knowledge_changed.emit()
            self.context.questions_changed.emit()

    def _on_bank_failed(self, error: BaseException) -> None:
        from studyapp.core.errors import StudyAppError

        if isinstance(error, StudyAppError):
            message = str(error)
        else:
            message = f"StudyApp could not open its data: {error}"
        print(f"studyapp: {message}", file=sys.stderr)
        self.status_label.setText(
            f"<h2>Your library could not be opened</h2><p>{html.escape(message)}</p>"
            "<p>The file has been left exactly as it was, so it can still be recovered.</p>"
        )
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._offer_recovery()

    def _offer_recovery(self) -> None:
        """Show the failure message with a button restoring the newest good backup, if any."""
        from studyapp.ui.dialogs.backups_dialog import RecoveryPanel

        self.recovery_panel = RecoveryPanel(
            self.status_label.text(), self.tasks, on_restored=self._on_recovered
        )
        self.stack.addWidget(self.recovery_panel)
        self.stack.setCurrentWidget(self.recovery_panel)

    def _on_recovered(self) -> None:
        panel = getattr(self, "recovery_panel", None)
        if panel is not None:
            self.stack.removeWidget(panel)
            panel.deleteLater()
            self.recovery_panel = None
        self.status_label.setText("Opening your library…")
        self.stack.setCurrentWidget(self.status_label)
        self._start_opening_bank()

    # -- navigation -------------------------------------------------------------------------
    def show_page(self, name: str) -> None:
        """Switch to the page called ``name``."""
        if name in self.pages:
            self.sidebar.setCurrentRow(self.pages.names.index(name))

    def _on_sidebar_row_changed(self, row: int) -> None:
        from studyapp.core.errors import StudyAppError

        if not 0 <= row < len(self.pages):
            return
        try:
            page = self.pages[self.pages.names[row]]
        except StudyAppError as error:  # a page not built yet, and the server away
            self.status_label.setText("This page opens when the class's server is back.")
            self.stack.setCurrentWidget(self.status_label)
            self.report_error(error)
            return
        self.stack.setCurrentWidget(page)
        activated = getattr(page, "activated", None)
        if activated is not None:
            try:
                activated()
            except StudyAppError as error:  # the page keeps what it showed; the banner says why
                self.report_error(error)

    def _on_passage_requested(self, article_id: int, ordinal: int, start: int, end: int) -> None:
        self.show_page("reader")
        self.pages["reader"].open_article(article_id, ordinal, start, end)  # type: ignore[attr-defined]

    # -- menus ------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.import_action = QAction("&Import…", self)
        self.import_action.setShortcut(QKeySequence("Ctrl+O"))
        self.import_action.setEnabled(False)  # until the bank is open
        self.import_action.triggered.connect(self._on_import_triggered)
        file_menu.addAction(self.import_action)
        self.export_action = QAction("&Export…", self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.setEnabled(False)  # until the bank is open
        self.export_action.triggered.connect(self._on_export_triggered)
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        self.go_menu = self.menuBar().addMenu("&Go")
        settings_menu = self.menuBar().addMenu("&Settings")
        bank_action = QAction("Ban&k…", self)
        bank_action.triggered.connect(self._on_bank_triggered)
        settings_menu.addAction(bank_action)
        backups_action = QAction("&Backups…", self)
        backups_action.triggered.connect(self._on_backups_triggered)
        settings_menu.addAction(backups_action)
        help_menu = self.menuBar().addMenu("&Help")
        about_action = QAction("&About StudyApp", self)
        about_action.setMenuRole(QAction.MenuRole.AboutRole)
        about_action.triggered.connect(self._on_about_triggered)
        help_menu.addAction(about_action)

    def _on_import_triggered(self) -> None:
        if self.context is None:
            return
        start_dir = str(self.settings.value("import_dir", str(Path.home())))
        files, _ = QFileDialog.getOpenFileNames(self, "Import", start_dir, IMPORT_FILTER)
        if files:
            self.settings.setValue("import_dir", str(Path(files[0]).parent))
            self.import_files([Path(name) for name in files])

    def import_files(self, files: list[Path]) -> None:
        """Open the import dialog on question-set and article files (it reads them at once)."""
        from studyapp.ui.dialogs.import_dialog import ImportDialog

        if self.context is None or not files:
            return
        if self.import_dialog is not None and self.import_dialog.isVisible():
            self.import_dialog.raise_()
            return
        self.import_dialog = ImportDialog(self.context, files, parent=self)
        self.import_dialog.setModal(True)
        self.import_dialog.show()

    def _on_export_triggered(self) -> None:
        from studyapp.ui.dialogs.export_dialog import ExportDialog

        if self.context is None:
            return
        page = self.pages.get("questions")
        selected = page.selected_rows() if page is not None and page.isVisible() else []  # type: ignore[attr-defined]
        self.export_dialog = ExportDialog(self.context, [row.id for row in selected], parent=self)
        self.export_dialog.setModal(True)
        self.export_dialog.show()

    # -- drag and drop ----------------------------------------------------------------------
    @staticmethod
    def dropped_files(event: QDragEnterEvent | QDropEvent) -> list[Path]:
        """The local files (not folders) carried by a drag."""
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        files = [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]
        return [path for path in files if path.is_file()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt's name)
        if self.context is not None and self.dropped_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt's name)
        files = self.dropped_files(event)
        if self.context is None or not files:
            event.ignore()
            return
        event.acceptProposedAction()
        self.import_files(files)

    def _on_bank_triggered(self) -> None:
        from studyapp.ui.dialogs.bank_dialog import BankDialog

        run_modal(BankDialog(self.tasks, self))

    def _on_backups_triggered(self) -> None:
        from studyapp.services.backups import SERVER_BACKUPS
        from studyapp.ui.dialogs.backups_dialog import BackupsDialog

        bank = self.context.bank if self.context is not None else None
        if bank is not None and bank.on_server:
            QMessageBox.information(self, "Backups", SERVER_BACKUPS[:1].upper() + SERVER_BACKUPS[1:])
            return
        run_modal(BackupsDialog(self.tasks, bank, on_restored=self._on_bank_restored, parent=self))

    def _on_bank_restored(self) -> None:
        if self.context is None:  # the bank had failed to open: try again with the restored one
            self._on_recovered()
            return
        self.context.articles_changed.emit()
        self.context.questions_changed.emit()
        if self.context.learner_id is not None:
            self.context.learner_changed.emit(self.context.learner_id)

    def _on_about_triggered(self) -> None:
        QMessageBox.about(
            self,
            "About StudyApp",
            f"<h3>StudyApp {__version__}</h3>"
            "<p>Read articles, meet their people and dates, and remember them with spaced "
            "repetition. Everything stays on this computer.</p>"
            "<p>Licensed under the GNU AGPL v3 or later.</p>",
        )

    # -- window state -----------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry = self.settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1180, 780)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        self.settings.setValue("geometry", self.saveGeometry())
        self.tasks.cancel_all()
        self.tasks.wait_for_all(10000)
        if self.context is not None:
            self.context.bank.close()
        self.settings.sync()
        super().closeEvent(event)
