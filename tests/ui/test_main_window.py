"""The main window opens the bank, lists the bundled articles and reads them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from studyapp import paths
from studyapp.services.library import get_article, list_articles
from studyapp.ui.app import create_main_window


def test_library_lists_both_bundled_articles(main_window) -> None:  # type: ignore[no-untyped-def]
    library = main_window.pages["library"]
    titles = [
        library.table.topLevelItem(row).text(0) for row in range(library.table.topLevelItemCount())
    ]
    assert any("Khmer People" in title for title in titles)
    assert any("KR defectors" in title for title in titles)
    for row in range(library.table.topLevelItemCount()):
        assert int(library.table.topLevelItem(row).text(2)) > 10  # passage counts


def test_each_article_opens_with_all_its_passages(qtbot, main_window) -> None:  # type: ignore[no-untyped-def]
    bank = main_window.context.bank
    library = main_window.pages["library"]
    reader = main_window.pages["reader"]
    for row in range(library.table.topLevelItemCount()):
        item = library.table.topLevelItem(row)
        library.table.setCurrentItem(item)
        qtbot.mouseClick(library.open_button, Qt.MouseButton.LeftButton)
        assert main_window.stack.currentWidget() is reader
        article = get_article(bank, int(item.data(0, Qt.ItemDataRole.UserRole)))
        assert reader.article.id == article.id
        shown = reader.browser.toPlainText()
        for passage in article.passages:
            assert passage.text in shown
        assert len(reader.passage_positions) == len(article.passages)


def test_show_passage_selects_the_span(main_window) -> None:  # type: ignore[no-untyped-def]
    article = list_articles(main_window.context.bank)[1]
    passage = get_article(main_window.context.bank, article.id).passages[5]
    main_window.context.show_passage(article.id, 5, 0, 12)
    reader = main_window.pages["reader"]
    assert reader.selected_text() == passage.text[:12]


def test_find_in_article_counts_and_steps_through_matches(qtbot, main_window) -> None:  # type: ignore[no-untyped-def]
    reader = main_window.pages["reader"]
    main_window.show_page("reader")
    reader.open_article(list_articles(main_window.context.bank)[0].id)
    qtbot.keyClick(reader, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert reader.find_bar.isVisible()
    qtbot.keyClicks(reader.find_bar.field, "Pol Pot")
    expected = reader.browser.toPlainText().count("Pol Pot")
    assert expected > 3
    assert reader.find_bar.count_label.text() == f"1 of {expected}"
    qtbot.keyClick(reader.find_bar.field, Qt.Key.Key_Return)
    assert reader.find_bar.count_label.text() == f"2 of {expected}"
    assert reader.browser.textCursor().block().text().count("Pol Pot") >= 1
    qtbot.keyClick(reader.find_bar.field, Qt.Key.Key_Escape)
    assert not reader.find_bar.isVisible()


def test_font_size_changes_and_is_remembered(qtbot, main_window) -> None:  # type: ignore[no-untyped-def]
    reader = main_window.pages["reader"]
    before = reader.font_size
    reader.change_font_size(+2)
    assert reader.font_size == before + 2
    assert reader.browser.document().defaultFont().pointSize() == before + 2
    assert int(main_window.settings.value("reader_font_size")) == before + 2


def test_last_article_and_geometry_are_restored(qtbot, main_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    second = list_articles(main_window.context.bank)[1]
    main_window.context.show_passage(second.id, 0)
    main_window.resize(790, 560)
    main_window.close()
    again = create_main_window()
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: again.context is not None and not again.tasks.busy, timeout=60000)
    assert again.pages["reader"].article.id == second.id
    assert (again.width(), again.height()) == (790, 560)
    assert paths.data_dir() == tmp_path / "data"
    again.close()


def test_damaged_bank_shows_a_message_and_is_left_untouched(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    paths.set_data_dir(tmp_path / "broken")
    paths.data_dir().mkdir(parents=True)
    damaged = b"definitely not sqlite" * 50
    paths.bank_path().write_bytes(damaged)
    window = create_main_window()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(
        lambda: not window.tasks.busy and "could not be opened" in window.status_label.text(),
        timeout=30000,
    )
    assert str(paths.bank_path()) in window.status_label.text()
    assert paths.bank_path().read_bytes() == damaged
    window.close()
    paths.set_data_dir(None)
