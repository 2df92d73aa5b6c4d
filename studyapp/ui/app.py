"""Creating the QApplication and the main window, and running the event loop."""

from __future__ import annotations

import signal
import sys

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QImageReader
from PySide6.QtWidgets import QApplication

from studyapp import __version__, paths
from studyapp.core.threads import share_the_interpreter_with_the_ui
from studyapp.ui.main_window import MainWindow

# Palette roles only, so light and dark system themes both look right.
STYLE_SHEET = """
QWidget#side { background: palette(base); border-right: 1px solid palette(mid); }
QLabel#brand { font-size: 17px; font-weight: 600; padding: 18px 16px 12px 16px; }
QListWidget#sidebar { border: none; background: palette(base); outline: 0; font-size: 14px; }
QListWidget#sidebar::item { padding: 8px 10px; margin: 1px 8px; border-radius: 6px; }
QListWidget#sidebar::item:selected { background: palette(highlight); color: palette(highlighted-text); }
QLabel#pageTitle { font-size: 22px; font-weight: 600; }
QLabel#pageSubtitle { color: palette(placeholder-text); font-size: 13px; }
QTextBrowser#reader { background: palette(base); }
QTreeWidget::item, QTreeView::item, QTableView::item { padding: 5px 4px; }
"""


def create_application(argv: list[str]) -> QApplication:
    """The QApplication with StudyApp's names, style and style sheet."""
    share_the_interpreter_with_the_ui()  # background work never makes the window wait long
    app = QApplication.instance() or QApplication(argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("StudyApp")
    app.setOrganizationName("StudyApp")
    app.setApplicationVersion(__version__)
    app.setStyle("Fusion")  # follows the system colour scheme (light/dark) on every platform
    app.setStyleSheet(STYLE_SHEET)
    # Imported cards are untrusted: a crafted image must not claim gigabytes to decode.
    QImageReader.setAllocationLimit(64)  # MB
    return app


def window_settings() -> QSettings:
    """Window state kept in the data folder, beside the bank it belongs to."""
    return QSettings(str(paths.data_dir() / "window.ini"), QSettings.Format.IniFormat)


def create_main_window() -> MainWindow:
    """A main window that opens the bank once it has been painted."""
    window = MainWindow(window_settings())
    window.open_bank_later()
    return window


def report_errors_in(window: MainWindow) -> None:
    """A StudyApp error escaping an event handler (the server gone while a page refreshes)
    is shown to the learner as a message, never printed as a traceback."""
    previous = sys.excepthook

    def excepthook(kind, error, trace) -> None:  # type: ignore[no-untyped-def]
        if not window.report_error(error):
            previous(kind, error, trace)

    sys.excepthook = excepthook


def run(argv: list[str] | None = None) -> int:
    """Open the desktop app and run until the window is closed."""
    app = create_application(sys.argv[:1] if argv is None else argv)
    window = create_main_window()
    report_errors_in(window)
    # Quitting from elsewhere (a signal, the session ending) still lets running work finish.
    app.aboutToQuit.connect(lambda: window.tasks.wait_for_all())
    close_on_signals(window)
    window.show()
    return app.exec()


def close_on_signals(window: MainWindow) -> QTimer:
    """Ctrl+C in the terminal and SIGTERM close the window as its close button does, so the
    window's size and place are kept and running work stops cleanly.

    Python runs signal handlers only between its own bytecodes, and Qt's event loop is
    C++: a timer lets Python look every few tenths of a second.
    """
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda _number, _frame: QTimer.singleShot(0, window.close))
    pulse = QTimer(window)
    pulse.timeout.connect(lambda: None)
    pulse.start(250)
    return pulse
