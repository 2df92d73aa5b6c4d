"""The import dialog end to end on real files: preview, problems, columns, errors, drop, cancel."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent

from studyapp import paths
from studyapp.ui.dialogs.import_dialog import ImportDialog
from studyapp.ui.main_window import MainWindow

PROSE = (
    "The Berlin Wall\n\n"
    "The Berlin Wall was a guarded concrete barrier that encircled West Berlin from 1961 to "
    "1989, separating it from East Berlin and the German Democratic Republic. Construction of "
    "the wall was commenced by the government of the GDR on 13 August 1961.\n\n"
    "Walter Ulbricht, the leader of East Germany, had said in June 1961 that nobody intended "
    "to build a wall. About 140 people were killed at the wall between 1961 and 1989.\n"
)


def bank_rows(sql: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(paths.bank_path())
    try:
        return [tuple(row) for row in connection.execute(sql)]
    finally:
        connection.close()


def content() -> list[tuple[object, ...]]:
    """Everything an import could change: questions, decks, import batches, articles."""
    return [
        *bank_rows("SELECT id, deck_id, kind, prompt, answer FROM question ORDER BY id"),
        *bank_rows("SELECT id, name FROM deck ORDER BY id"),
        *bank_rows("SELECT id, sha256 FROM import_batch ORDER BY id"),
        *bank_rows("SELECT id, title FROM article ORDER BY id"),
    ]


def open_dialog(qtbot, window: MainWindow, *files: Path) -> ImportDialog:  # type: ignore[no-untyped-def]
    window.import_files(list(files))
    dialog = window.import_dialog
    assert isinstance(dialog, ImportDialog) and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.task is None and all(s.plan or s.error for s in dialog.files))
    return dialog


def finish(qtbot, dialog: ImportDialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.summary, timeout=60000)


def test_tsv_preview_marks_problems_and_imports_into_the_chosen_deck(
    qtbot, main_window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "french.tsv"
    path.write_text("la maison\tthe house\n\tempty front\nle chien\tthe dog\n", encoding="utf-8")
    changed: list[str] = []
    main_window.context.questions_changed.connect(lambda: changed.append("questions"))
    dialog = open_dialog(qtbot, main_window, path)
    assert "Text (CSV/TSV" in dialog.review.format_label.text()
    assert "2</b> questions ready" in dialog.review.status.text()
    assert "1</b> record will be left out" in dialog.review.status.text()
    problem = dialog.review.preview.item(0, 0)
    assert problem.data(Qt.ItemDataRole.UserRole) == "problem" and problem.text() == "Line 2"
    assert "question is empty" in dialog.review.preview.item(0, 1).text()
    assert problem.background().color().red() > problem.background().color().blue()
    assert [dialog.review.preview.item(r, 1).text() for r in (1, 2)] == ["la maison", "le chien"]
    assert dialog.review.preview.item(1, 3).text() == "french"  # a new deck named after the file
    dialog.review.deck.setEditText("Vocabulary FR")
    assert dialog.review.preview.item(1, 3).text() == "Vocabulary FR"
    finish(qtbot, dialog)
    assert "2 added" in dialog.summary.detail.text()
    item = dialog.summary.tree.topLevelItem(0)
    assert item.text(1) == "2" and item.text(4) == "1"
    assert "line 2: the question is empty" in item.child(0).text(0)
    assert changed
    rows = bank_rows(
        "SELECT q.prompt FROM question q JOIN deck d ON d.id = q.deck_id "
        "WHERE d.name = 'Vocabulary FR' ORDER BY q.prompt"
    )
    assert rows == [("la maison",), ("le chien",)]
    qtbot.mouseClick(dialog.summary.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    again = open_dialog(qtbot, main_window, path)
    finish(qtbot, again)
    assert "already imported" in again.summary.tree.topLevelItem(0).text(0)
    assert len(bank_rows("SELECT id FROM deck WHERE name = 'Vocabulary FR'")) == 1
    again.close()


def test_gift_syntax_error_is_shown_and_nothing_is_imported(
    qtbot, main_window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "good.tsv"
    good.write_text("uno\tone\n", encoding="utf-8")
    bad = tmp_path / "quiz.gift"
    bad.write_text("::Q1:: 2+2? {=4 ~3}\n\n::Q2:: Name a colour {=red =blue\n", encoding="utf-8")
    before = content()
    dialog = open_dialog(qtbot, main_window, good, bad)
    assert dialog.review.file_list.isVisible() and dialog.review.file_list.count() == 2
    assert "cannot be imported" in dialog.review.file_list.item(1).text()
    assert not dialog.import_button.isEnabled()
    dialog.review.file_list.setCurrentRow(1)
    assert f"{bad}:3: " in dialog.review.status.text()
    assert "nothing will be imported" in dialog.review.status.text()
    assert not dialog.review.preview.isVisible()
    dialog._on_import_clicked()  # even forced, a file with an error blocks the import
    assert dialog.task is None and content() == before
    qtbot.mouseClick(dialog.review.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.review.file_list.count() == 1 and dialog.import_button.isEnabled()
    dialog.close()
    assert content() == before


def test_ambiguous_csv_goes_through_the_column_step(
    qtbot, main_window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "capitals.csv"
    path.write_text(
        "France,Paris,Europe,geo\nJapan,Tokyo,Asia,geo\nPeru,Lima,South America,geo\n",
        encoding="utf-8",
    )
    dialog = open_dialog(qtbot, main_window, path)
    step = dialog.columns
    assert dialog.pages.currentWidget() is step
    assert step.separator.currentData() == "," and step.table.columnCount() == 4
    assert step.table.item(1, 2).text() == "Europe"
    assert not dialog.import_button.isVisible() and step.apply_button.isVisible()
    step.role_boxes[0].setCurrentIndex(step.role_boxes[0].findData(""))
    assert not step.apply_button.isEnabled() and "question" in step.problem.text()
    step.role_boxes[0].setCurrentIndex(step.role_boxes[0].findData("question"))
    step.role_boxes[2].setCurrentIndex(step.role_boxes[2].findData("explanation"))
    step.role_boxes[3].setCurrentIndex(step.role_boxes[3].findData("tags"))
    qtbot.mouseClick(step.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.task is None and dialog.files[0].plan is not None)
    assert dialog.pages.currentIndex() == 0
    assert dialog.review.preview.item(0, 2).text() == "Paris"  # not "Paris<br>Europe<br>geo"
    finish(qtbot, dialog)
    rows = bank_rows("SELECT prompt, answer, explanation, tags FROM question WHERE prompt = 'Peru'")
    assert rows == [("Peru", "Lima", "South America", "geo")]
    dialog.close()


def test_separator_change_in_the_column_step(
    qtbot, main_window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "semi.csv"
    path.write_text("a;b,c;x\nd;e,f;y\ng;h,i;z\n", encoding="utf-8")
    dialog = open_dialog(qtbot, main_window, path)
    dialog.pages.setCurrentIndex(0)
    qtbot.mouseClick(dialog.review.columns_button, Qt.MouseButton.LeftButton)
    step = dialog.columns
    step.separator.setCurrentIndex(step.separator.findData(","))
    assert step.table.item(1, 0).text() == "a;b"
    step.separator.setCurrentIndex(step.separator.findData(";"))
    assert step.table.item(1, 1).text() == "b,c"
    dialog.close()


# PySide6 marks QDragEnterEvent's only constructor deprecated; there is no replacement to use.
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_files_dropped_on_the_window_open_the_import_dialog(
    qtbot, main_window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "dropped.tsv"
    path.write_text("eins\tone\nzwei\ttwo\n", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)), QUrl.fromLocalFile(str(tmp_path))])
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(
        main_window.rect().center(), actions, mime, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    main_window.dragEnterEvent(enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(main_window.rect().center()), actions, mime, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    main_window.dropEvent(drop)
    dialog = main_window.import_dialog
    assert isinstance(dialog, ImportDialog)
    assert [state.path for state in dialog.files] == [path]  # the folder is left out
    qtbot.waitUntil(lambda: dialog.task is None and dialog.files[0].plan is not None)
    finish(qtbot, dialog)
    assert bank_rows("SELECT answer FROM question WHERE prompt = 'zwei'") == [("two",)]
    dialog.close()
    empty = QMimeData()
    empty.setText("just text")
    refused = QDragEnterEvent(
        main_window.rect().center(), actions, empty, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    main_window.dragEnterEvent(refused)
    assert not refused.isAccepted()


def test_article_goes_through_the_article_path(
    qtbot, main_window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "berlin.txt"
    path.write_text(PROSE, encoding="utf-8")
    changed: list[str] = []
    main_window.context.articles_changed.connect(lambda: changed.append("articles"))
    dialog = open_dialog(qtbot, main_window, path)
    assert "Format: Article" in dialog.review.format_label.text()
    assert "The Berlin Wall" in dialog.review.status.text()
    assert not dialog.review.options_box.isVisible()  # an article's questions go to its own deck
    finish(qtbot, dialog)
    assert "article “The Berlin Wall”" in dialog.summary.tree.topLevelItem(0).text(0)
    assert dialog.summary.open_button.isVisible() and changed
    [(article_id, extracted)] = bank_rows(
        "SELECT id, extracted_at FROM article WHERE title = 'The Berlin Wall'"
    )
    assert extracted is not None
    qtbot.mouseClick(dialog.summary.open_button, Qt.MouseButton.LeftButton)
    assert main_window.pages["reader"].article.id == article_id


def test_cancel_during_the_import_leaves_the_bank_unchanged(
    qtbot, main_window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "big.tsv"
    path.write_text("".join(f"word {i}\tmeaning {i}\n" for i in range(30000)), encoding="utf-8")
    before = content()
    dialog = open_dialog(qtbot, main_window, path)
    dialog._on_import_clicked()
    dialog._on_cancel_clicked()  # cancels the running import (the dialog stays open)
    qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.summary, timeout=60000)
    assert dialog.summary.heading.text() == "Import cancelled"
    assert "Nothing was imported" in dialog.summary.detail.text()
    assert content() == before
    dialog.close()


def test_closing_during_the_import_only_cancels_it(
    qtbot, main_window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Esc or the close button while files are written: the dialog stays to say what was kept."""
    path = tmp_path / "big.tsv"
    path.write_text("".join(f"term {i}\tdefinition {i}\n" for i in range(30000)), encoding="utf-8")
    dialog = open_dialog(qtbot, main_window, path)
    dialog._on_import_clicked()
    assert dialog.importing
    dialog.reject()
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.summary, timeout=60000)
    assert not dialog.importing and dialog.summary.heading.text() == "Import cancelled"
    dialog.reject()  # nothing running: now it closes
    assert not dialog.isVisible()


def test_a_latin1_file_is_refused_then_read_with_the_chosen_encoding(
    qtbot, main_window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "latin1.tsv"
    path.write_bytes("un\tone\ndeux\td\xe9ux\n".encode("latin-1"))
    dialog = open_dialog(qtbot, main_window, path)
    assert f"{path}:2: not valid UTF-8" in dialog.review.status.text()
    assert not dialog.import_button.isEnabled() and dialog.review.columns_button.isVisible()
    qtbot.mouseClick(dialog.review.columns_button, Qt.MouseButton.LeftButton)
    step = dialog.columns
    assert dialog.pages.currentWidget() is step and not step.apply_button.isEnabled()
    step.encoding.setCurrentIndex(step.encoding.findData("cp1252"))
    assert step.table.item(2, 1).text() == "déux" and step.apply_button.isEnabled()
    qtbot.mouseClick(step.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.task is None and dialog.files[0].plan is not None)
    finish(qtbot, dialog)
    assert bank_rows("SELECT answer FROM question WHERE prompt = 'deux'") == [("déux",)]
    dialog.close()
