"""Key figures and Timeline pages, and the Reader's highlights, on the analysed bundled articles."""

from __future__ import annotations

from PySide6.QtCore import QUrl

from studyapp.services.knowledge import list_events, list_people


def test_people_profiles_link_back_to_their_passages(qtbot, main_window) -> None:  # type: ignore[no-untyped-def]
    main_window.show_page("figures")
    page = main_window.pages["figures"]
    names = [
        page.people_list.item(row).text().split("  ")[0] for row in range(page.people_list.count())
    ]
    assert "Pol Pot" in names and "Hun Sen" in names
    page.search.setText("saloth")
    assert page.people_list.count() == 1
    assert page.people_list.currentItem().text().startswith("Pol Pot")
    profile = page.profile.toPlainText()
    assert "Saloth Sar" in profile and "Mentioned" in profile
    page._on_profile_link_clicked(QUrl("mention:0"))
    reader = main_window.pages["reader"]
    assert main_window.stack.currentWidget() is reader
    assert reader.selected_text() in ("Pol Pot", "Saloth Sar")


def test_key_numbers_open_their_sentence(main_window) -> None:  # type: ignore[no-untyped-def]
    page = main_window.pages["figures"]
    assert page.numbers.topLevelItemCount() > 20
    item = next(
        page.numbers.topLevelItem(row)
        for row in range(page.numbers.topLevelItemCount())
        if page.numbers.topLevelItem(row).text(0) == "615,000"
    )
    assert "soldiers" in item.text(2)
    page._on_reference_activated(item, 0)
    assert main_window.pages["reader"].selected_text() == "615,000"


def test_timeline_is_in_date_order_and_filters_by_person(main_window) -> None:  # type: ignore[no-untyped-def]
    main_window.show_page("timeline")
    page = main_window.pages["timeline"]
    years = [page.tree.topLevelItem(row).text(0) for row in range(page.tree.topLevelItemCount())]
    assert years == sorted(years) and "1975" in years and "1979" in years
    everyone = len(page.events)
    assert everyone == len(list_events(main_window.context.bank))
    pol_pot = next(p for p in list_people(main_window.context.bank) if p.name == "Pol Pot")
    page.person_filter.setCurrentIndex(page.person_filter.findData(pol_pot.key))
    assert 0 < len(page.events) < everyone
    assert all("Pol Pot" in event.people for event in page.events)
    first_year = page.tree.topLevelItem(0)
    page._on_item_activated(first_year.child(0), 0)
    event = first_year.child(0).data(0, 0x0100)
    assert (
        main_window.pages["reader"].selected_text()
        == event.where.passage_text[event.where.start : event.where.end]
    )


def test_reader_highlights_open_profiles_and_events(main_window) -> None:  # type: ignore[no-untyped-def]
    reader = main_window.pages["reader"]
    main_window.show_page("reader")
    assert any(a.kind == "person" for found in reader.annotations.values() for a in found)
    document_html = reader.browser.document().toHtml()
    assert "person:" in document_html and "date:" in document_html
    pol_pot = next(p for p in list_people(main_window.context.bank) if p.name == "Pol Pot")
    reader._on_anchor_clicked(QUrl(f"person:{pol_pot.key}"))
    assert main_window.stack.currentWidget() is main_window.pages["figures"]
    assert main_window.pages["figures"].people_list.currentItem().text().startswith("Pol Pot")
    event = list_events(main_window.context.bank)[3]
    reader._on_anchor_clicked(QUrl(f"date:{event.id}"))
    timeline = main_window.pages["timeline"]
    assert main_window.stack.currentWidget() is timeline
    assert timeline.tree.currentItem().data(0, 0x0100).id == event.id
    reader.highlights_button.click()
    assert "person:" not in reader.browser.document().toHtml()
