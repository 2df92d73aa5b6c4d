"""The study pages live in the real main window: sidebar entries, learner switcher, source links."""

from __future__ import annotations

from PySide6.QtCore import Qt

from studyapp.ui.pages.learners import LearnerSwitcher


def test_review_quiz_progress_are_in_the_window(qtbot, main_window) -> None:  # type: ignore[no-untyped-def]
    for name in ("review", "quiz", "progress"):
        assert name in main_window.pages
    assert main_window.context.learner_id is not None
    assert main_window.findChild(LearnerSwitcher) is not None
    main_window.show_page("progress")
    progress = main_window.pages["progress"]
    qtbot.waitUntil(lambda: progress.figures is not None, timeout=20000)
    assert progress.figures.learner == main_window.findChild(LearnerSwitcher).combo.currentText()


def test_show_in_article_opens_the_reader_at_the_passage(qtbot, main_window) -> None:  # type: ignore[no-untyped-def]
    main_window.show_page("review")
    page = main_window.pages["review"]
    if page.current is None or page.current.source is None:
        import pytest

        pytest.skip("the bundled articles produced no flashcard with a source passage")
    source = page.current.source
    page.setFocus()
    qtbot.mouseClick(page.source_button, Qt.MouseButton.LeftButton)
    reader = main_window.pages["reader"]
    assert main_window.stack.currentWidget() is reader
    assert reader.article.id == source.article_id
