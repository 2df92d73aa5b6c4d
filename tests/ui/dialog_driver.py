"""Runs the real `studyapp` entry point, opens one dialog, closes it, then quits the app.

Usage: ``python dialog_driver.py DIALOG --data-dir DIR``. Prints ``closed TITLE`` for
each dialog it closed; the exit status is the app's own (``studyapp.cli.main``). DIALOG
``none`` prints ``ready`` once the app can be used and leaves it running.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from studyapp import paths
from studyapp.cli import main


def _window() -> QWidget | None:
    from studyapp.ui.main_window import MainWindow

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow):
            return widget
    return None


def _open_learners(window) -> None:  # type: ignore[no-untyped-def]
    from studyapp.ui.pages.learners import LearnerSwitcher

    window.findChild(LearnerSwitcher).manage_button.click()


def _open_study_settings(window) -> None:  # type: ignore[no-untyped-def]
    window.show_page("review")
    window.pages["review"].settings_button.click()


def _open_edit_question(window) -> None:  # type: ignore[no-untyped-def]
    window.show_page("questions")
    window.pages["questions"].edit_button.click()


def _open_add_question(window) -> None:  # type: ignore[no-untyped-def]
    window.show_page("questions")
    window.pages["questions"].add_button.click()


def _open_tags(window) -> None:  # type: ignore[no-untyped-def]
    window.show_page("questions")
    window.pages["questions"].edit_tags(add=True)


def _open_generate(window) -> None:  # type: ignore[no-untyped-def]
    window.show_page("library")
    window.pages["library"].generate_button.click()


def _open_import(window) -> None:  # type: ignore[no-untyped-def]
    article = next((paths.resources_dir() / "articles").glob("*.txt"))
    window.import_files([Path(article)])


def _open_class(window) -> None:  # type: ignore[no-untyped-def]
    window.show_page("progress")
    window.pages["progress"].class_button.click()


def _menu_action(text: str) -> Callable[[object], None]:
    def trigger(window) -> None:  # type: ignore[no-untyped-def]
        for menu in window.menuBar().actions():
            for action in menu.menu().actions():
                if action.text().replace("&", "") == text:
                    action.trigger()
                    return
        raise SystemExit(f"no menu item {text}")

    return trigger


DIALOGS: dict[str, Callable[[object], None]] = {
    "learners": _open_learners,
    "study_settings": _open_study_settings,
    "edit_question": _open_edit_question,
    "add_question": _open_add_question,
    "tags": _open_tags,
    "generate": _open_generate,
    "import": _open_import,
    "export": _menu_action("Export…"),
    "backups": _menu_action("Backups…"),
    "bank": _menu_action("Bank…"),
    "class": _open_class,
    "about": _menu_action("About StudyApp"),
}


def _close_dialog_then_quit(window) -> None:  # type: ignore[no-untyped-def]
    dialog = QApplication.activeModalWidget()
    if not isinstance(dialog, QDialog | QMessageBox):
        QTimer.singleShot(100, lambda: _close_dialog_then_quit(window))
        return
    print(f"closed {dialog.windowTitle()}", flush=True)
    dialog.reject()
    QTimer.singleShot(200, window.close)


def _drive(name: str) -> None:
    window = _window()
    if window is None or window.context is None or window.tasks.busy:
        QTimer.singleShot(200, lambda: _drive(name))
        return
    if name == "none":  # just say when the app is ready, and leave quitting to the test
        print("ready", flush=True)
        return
    QTimer.singleShot(300, lambda: _close_dialog_then_quit(window))
    DIALOGS[name](window)  # a modal dialog runs its own event loop until closed


if __name__ == "__main__":
    dialog_name, arguments = sys.argv[1], sys.argv[2:]
    QTimer.singleShot(0, lambda: _drive(dialog_name))
    raise SystemExit(main(arguments))
