"""The export dialog: format, scope (everything, a deck, the selection), output file, errors."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from studyapp.services.question_bank import list_decks
from studyapp.services.transfer import preview_file
from studyapp.ui.dialogs.export_dialog import ExportDialog
from studyapp.ui.main_window import MainWindow


def run_export(qtbot, dialog: ExportDialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.task is None and dialog.status.isVisible(), timeout=60000)


def test_export_one_deck_to_json_reads_back(qtbot, main_window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    deck = max(list_decks(main_window.context.bank), key=lambda choice: choice.count)
    assert deck.count > 0
    dialog = ExportDialog(main_window.context, parent=main_window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.everything.isChecked() and not dialog.selection.isEnabled()
    dialog.format.setCurrentIndex(dialog.format.findText("StudyApp JSON (.json)"))
    assert dialog.chosen_format() == "json" and dialog.out.text().endswith(".json")
    dialog.one_deck.setChecked(True)
    dialog.deck.setCurrentIndex(dialog.deck.findData(deck.name))
    out = tmp_path / "deck.json"
    dialog.out.setText(str(out))
    run_export(qtbot, dialog)
    assert f"{deck.count:,} questions exported" in dialog.status.text()
    assert dialog.cancel_button.text() == "Close" and not dialog.export_button.isVisible()
    parsed = preview_file(out)
    assert len(parsed.records) == deck.count
    assert all(r.deck == deck.name or r.deck.startswith(f"{deck.name}::") for r in parsed.records)


def test_format_change_follows_the_extension(qtbot, main_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    dialog = ExportDialog(main_window.context, parent=main_window)
    qtbot.addWidget(dialog)
    dialog.out.setText("/somewhere/my deck.json")
    for name, extension in (("gift", ".gift"), ("csv", ".csv"), ("tsv", ".txt"), ("apkg", ".apkg")):
        index = next(
            i for i in range(dialog.format.count()) if dialog.format.itemData(i)[0] == name
        )
        dialog.format.setCurrentIndex(index)
        assert dialog.out.text() == f"/somewhere/my deck{extension}"


def test_export_selected_questions_from_the_question_bank(
    qtbot, main_window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    main_window.show_page("questions")
    page = main_window.pages["questions"]
    qtbot.waitUntil(lambda: page.model.rowCount() > 3)
    page.table.selectRow(0)
    page.table.selectionModel().select(
        page.model.index(2, 0),
        page.table.selectionModel().SelectionFlag.Select
        | page.table.selectionModel().SelectionFlag.Rows,
    )
    chosen = {row.id for row in page.selected_rows()}
    assert len(chosen) == 2
    main_window.export_action.trigger()
    dialog = main_window.export_dialog
    assert dialog.selection.isChecked() and "2 selected" in dialog.selection.text()
    dialog.format.setCurrentIndex(dialog.format.findText("Moodle GIFT (.gift)"))
    out = tmp_path / "two.gift"
    dialog.out.setText(str(out))
    run_export(qtbot, dialog)
    assert "2 questions exported" in dialog.status.text()
    assert len(preview_file(out).records) == 2
    dialog.close()


def test_export_into_an_unwritable_place_reports_the_error(
    qtbot, main_window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder", encoding="utf-8")
    dialog = ExportDialog(main_window.context, parent=main_window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.out.setText(str(blocker / "out.apkg"))
    run_export(qtbot, dialog)
    assert "No file was written" in dialog.status.text()
    assert dialog.export_button.isEnabled()
