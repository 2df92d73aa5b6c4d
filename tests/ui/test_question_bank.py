"""The Question bank page and the Generate study set dialog, on the real main window."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QMessageBox

from studyapp.services import question_bank as service
from studyapp.ui.dialogs import generate_dialog
from studyapp.ui.dialogs.question_dialog import QuestionDialog
from studyapp.ui.pages import question_bank as page_module


def _page(window):  # type: ignore[no-untyped-def]
    window.show_page("questions")
    return window.pages["questions"]


def _select(page, rows: list[int]) -> None:  # type: ignore[no-untyped-def]
    page.table.clearSelection()
    selection = page.table.selectionModel()
    for row in rows:
        selection.select(
            page.model.index(row, 0), selection.SelectionFlag.Select | selection.SelectionFlag.Rows
        )


def test_page_lists_every_generated_question(main_window) -> None:  # type: ignore[no-untyped-def]
    page = _page(main_window)
    total = service.count_questions(main_window.context.bank)
    assert total >= 100
    assert page.model.total == total and page.model.rowCount() == min(total, page_module.BATCH)
    assert f"{total} questions" in page.summary.text()


def test_filters_by_kind_text_deck_and_source(main_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _page(main_window)
    page.kind_filter.setCurrentIndex(page.kind_filter.findData("choice"))
    assert page.model.rows and all(row.kind == "choice" for row in page.model.rows)
    page.kind_filter.setCurrentIndex(0)
    page.search.setText("Heng Samrin")
    qtbot.waitUntil(lambda: page.model.total < 100, timeout=3000)
    assert page.model.rows
    for row in page.model.rows:
        detail = service.get_question(main_window.context.bank, row.id)
        blob = f"{detail.prompt} {detail.answer} {detail.explanation}".lower()
        assert "heng" in blob and "samrin" in blob
    page.search.clear()
    qtbot.waitUntil(lambda: page.model.total > 100, timeout=3000)
    people = next(
        i
        for i in range(page.deck_filter.count())
        if page.deck_filter.itemText(i).strip().startswith("People")
    )
    page.deck_filter.setCurrentIndex(people)
    assert page.model.rows and all(row.deck.endswith("::People") for row in page.model.rows)
    page.deck_filter.setCurrentIndex(0)
    page.source_filter.setCurrentIndex(page.source_filter.findData("origin:imported"))
    assert page.model.total == 0
    page.source_filter.setCurrentIndex(page.source_filter.findData("origin:generated"))
    assert page.model.total == service.count_questions(main_window.context.bank)


def test_rows_load_in_batches(main_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(page_module, "BATCH", 50)
    page = _page(main_window)
    page.apply_filter()
    assert page.model.rowCount() == 50 and page.model.canFetchMore()
    page.model.fetchMore()
    assert page.model.rowCount() == 100


def test_edit_saves_the_new_wording(main_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    page = _page(main_window)
    # A question with a written answer (a true/false one answers with a choice of two).
    row = next(i for i, shown in enumerate(page.model.rows) if shown.kind in ("basic", "typed"))
    _select(page, [row])
    question_id = page.selected_rows()[0].id

    def accept(dialog: QuestionDialog) -> int:
        dialog.prompt.setPlainText("Who led the Khmer Rouge?")
        dialog.answer.setPlainText("Pol Pot")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QuestionDialog, "exec", accept)
    page.edit_button.click()
    detail = service.get_question(main_window.context.bank, question_id)
    assert detail.prompt == "Who led the Khmer Rouge?" and detail.answer == "Pol Pot"
    assert "edited" in detail.tags.split()
    assert page.model.rows[row].prompt == "Who led the Khmer Rouge?"


def test_suspend_and_unsuspend_several(main_window) -> None:  # type: ignore[no-untyped-def]
    page = _page(main_window)
    _select(page, [1, 2, 3])
    ids = [row.id for row in page.selected_rows()]
    assert page.suspend_button.text() == "Suspend"
    page.suspend_button.click()
    assert all(service.get_question(main_window.context.bank, i).suspended for i in ids)
    assert page.suspend_button.text() == "Unsuspend"
    page.suspend_button.click()
    assert not any(service.get_question(main_window.context.bank, i).suspended for i in ids)


def test_delete_asks_first(main_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    page = _page(main_window)
    total = page.model.total
    _select(page, [4, 5])
    ids = [row.id for row in page.selected_rows()]
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Cancel)
    page.delete_button.click()
    assert service.count_questions(main_window.context.bank) == total
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
    page.delete_button.click()
    assert service.count_questions(main_window.context.bank) == total - 2
    assert all(service.get_question(main_window.context.bank, i) is None for i in ids)
    assert page.model.total == total - 2


def test_show_in_article_opens_the_reader_at_the_source(main_window) -> None:  # type: ignore[no-untyped-def]
    page = _page(main_window)
    row = next(i for i, r in enumerate(page.model.rows) if r.kind == "basic")
    _select(page, [row])
    detail = service.get_question(main_window.context.bank, page.selected_rows()[0].id)
    page.source_button.click()
    reader = main_window.pages["reader"]
    assert main_window.stack.currentWidget() is reader
    assert reader.selected_text() == detail.source_text == detail.explanation


def test_generate_dialog_from_the_library_runs_in_the_background(
    main_window, qtbot, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    def accept(dialog: generate_dialog.GenerateDialog) -> int:
        for kind, box in dialog.kind_boxes.items():
            box.setChecked(kind == "cloze")
        dialog.count.setValue(5)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(generate_dialog.GenerateDialog, "exec", accept)
    library = main_window.pages["library"]
    main_window.show_page("library")
    with qtbot.waitSignal(main_window.context.questions_changed, timeout=60000):
        library.generate_button.click()
    qtbot.waitUntil(lambda: not main_window.tasks.busy, timeout=60000)


def test_generate_dialog_options() -> None:
    dialog = generate_dialog.GenerateDialog("An article")
    dialog.kind_boxes["order"].setChecked(False)
    dialog.count.setValue(20)
    dialog.difficulty.setCurrentIndex(dialog.difficulty.findData("hard"))
    options = dialog.options()
    assert "order" not in options.kinds and "cloze" in options.kinds
    assert options.limit == 20 and options.difficulty == "hard"
    for box in dialog.kind_boxes.values():
        box.setChecked(False)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled()


def test_untouched_dialog_regenerates_the_start_up_set(main_window) -> None:  # type: ignore[no-untyped-def]
    from studyapp.services.generation import GenerationOptions, generate_for_article
    from studyapp.services.library import list_articles

    bank = main_window.context.bank
    options = generate_dialog.GenerateDialog("An article").options()
    assert options == GenerationOptions()  # what the first start generated with
    before = {row.id for row in service.list_questions(bank, limit=100_000)}
    for article in list_articles(bank):
        result = generate_for_article(bank, article.id, options)
        assert (result.added, result.removed, result.outdated) == (0, 0, 0)
    assert {row.id for row in service.list_questions(bank, limit=100_000)} == before
