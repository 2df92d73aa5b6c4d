"""Screenshots of every page (and the main states of Review and Quiz) for looking at.

Run as ``python tests/ui/screenshots.py DATA_FOLDER OUT_FOLDER [light|dark] [WIDTHxHEIGHT]``
with QT_QPA_PLATFORM=offscreen; DATA_FOLDER is a StudyApp data folder after first start
(it is copied, never changed). Writes OUT_FOLDER/<scheme>-<page>.png.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QElapsedTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

from studyapp import paths
from studyapp.ui.app import create_application, create_main_window


def dark_palette() -> QPalette:
    """A dark palette as a desktop in dark mode gives Fusion (offscreen Qt has no theme)."""
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#2b2b2b", QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1e1e1e", QPalette.ColorRole.AlternateBase: "#262626",
        QPalette.ColorRole.Text: "#e6e6e6", QPalette.ColorRole.Button: "#353535",
        QPalette.ColorRole.ButtonText: "#e6e6e6", QPalette.ColorRole.Highlight: "#2f7bd6",
        QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.Link: "#6ab0ff",
        QPalette.ColorRole.PlaceholderText: "#8c8c8c", QPalette.ColorRole.ToolTipBase: "#353535",
        QPalette.ColorRole.ToolTipText: "#e6e6e6", QPalette.ColorRole.Mid: "#4a4a4a",
        QPalette.ColorRole.Light: "#505050", QPalette.ColorRole.Dark: "#1a1a1a",
        QPalette.ColorRole.Midlight: "#404040", QPalette.ColorRole.Shadow: "#000000",
    }  # fmt: skip
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText,
                 QPalette.ColorRole.ButtonText):  # fmt: skip
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#777777"))
    return palette


def wait(condition: Callable[[], bool], timeout_ms: int = 120000) -> None:
    timer = QElapsedTimer()
    timer.start()
    while not condition():
        if timer.elapsed() > timeout_ms:
            raise TimeoutError("the window never got ready")
        QCoreApplication.processEvents()


def settle() -> None:
    for _ in range(5):
        QCoreApplication.processEvents()


def states(window) -> list[tuple[str, Callable[[], QWidget]]]:  # type: ignore[no-untyped-def]
    """(name, show it) for every page and the states a learner meets on them."""

    def page(name: str) -> Callable[[], QWidget]:
        def show() -> QWidget:
            window.show_page(name)
            return window

        return show

    def review_revealed() -> QWidget:
        window.show_page("review")
        window.pages["review"].reveal()
        return window

    def quiz_question() -> QWidget:
        window.show_page("quiz")
        window.pages["quiz"].start()
        return window

    def quiz_checked() -> QWidget:
        quiz = window.pages["quiz"]
        answer = quiz.answer
        if hasattr(answer, "buttons"):
            answer.buttons[0].setChecked(True)
        elif hasattr(answer, "edit"):
            answer.edit.setText("1975")
        elif hasattr(answer, "combos"):
            for combo in answer.combos.values():
                combo.setCurrentIndex(1)
        quiz.check()
        return window

    def quiz_results() -> QWidget:
        window.pages["quiz"].finish()
        return window

    def review_done() -> QWidget:
        review = window.pages["review"]
        window.show_page("review")
        review.views.setCurrentIndex(1)
        review._show_done()
        return window

    shown = [(name, page(name)) for name in window.pages]
    return shown + [
        ("review-answer", review_revealed),
        ("quiz-question", quiz_question),
        ("quiz-checked", quiz_checked),
        ("quiz-results", quiz_results),
        ("review-done", review_done),
    ]


def simulate_study(days: int = 24, per_day: int = 6) -> None:
    """A few weeks of reviews and two quizzes in the (copied) bank, so the charts have data."""
    import random

    from studyapp.core.study import QuizScope
    from studyapp.services import learners, quiz, review
    from studyapp.services.startup import open_data_folder

    bank = open_data_folder()
    learner = learners.current_learner(bank).id
    review.ensure_cards(bank, learner)
    rng = random.Random(7)
    now_ms = int(time.time() * 1000)
    for day in range(days, 0, -1):
        moment = now_ms - day * 86_400_000
        for _ in range(per_day):
            card = review.next_card(bank, learner, now_ms=moment)
            if card is None:
                break
            review.answer(bank, card.card_id, rng.choice((1, 3, 3, 3, 4)), 8000, now_ms=moment)
            moment += 60_000
    for seed in (1, 2):
        session = quiz.start_quiz(bank, learner, QuizScope(count=5, seed=seed))
        for item in session.items[: 3 + seed]:
            quiz.answer_question(bank, session.attempt_id, item.question_id, "1975")
        quiz.finish_quiz(bank, session.attempt_id)
    bank.close()


def dialogs(window) -> list[tuple[str, QWidget]]:  # type: ignore[no-untyped-def]
    """The dialogs a learner opens most, shown (not run) so they can be grabbed."""
    from studyapp.services import question_bank
    from studyapp.ui.dialogs.generate_dialog import GenerateDialog
    from studyapp.ui.dialogs.question_dialog import QuestionDialog

    bank = window.context.bank
    first = question_bank.list_questions(bank, question_bank.QuestionFilter(kind="choice"))[0]
    return [
        ("dialog-add-question", QuestionDialog(None, window, ["History"])),
        ("dialog-edit-choice", QuestionDialog(question_bank.get_question(bank, first.id), window)),
        ("dialog-generate", GenerateDialog("Khmer People's Revolutionary Party", window)),
    ]


def main() -> None:
    data, out = Path(sys.argv[1]), Path(sys.argv[2])
    scheme = sys.argv[3] if len(sys.argv) > 3 else "light"
    width, height = map(int, (sys.argv[4] if len(sys.argv) > 4 else "1280x800").split("x"))
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "data"
        shutil.copytree(data, copy)
        paths.set_data_dir(copy)
        simulate_study()
        app = create_application(sys.argv[:1])
        if scheme == "dark":
            app.setPalette(dark_palette())
        window = create_main_window()
        window.resize(width, height)
        window.show()
        wait(lambda: window.context is not None and not window.tasks.busy)
        for name, show in states(window):
            widget = show()
            wait(lambda: not window.tasks.busy)
            settle()
            widget.grab().save(str(out / f"{scheme}-{name}.png"))
        for name, dialog in dialogs(window):
            dialog.show()
            settle()
            dialog.grab().save(str(out / f"{scheme}-{name}.png"))
            dialog.close()
            dialog.deleteLater()
        window.close()
        app.processEvents()


if __name__ == "__main__":
    main()
