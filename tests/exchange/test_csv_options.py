"""CSV layouts: header rows, column mapping overrides, Quizlet separators, note types, StudyApp column."""

from __future__ import annotations

from pathlib import Path

from exchange_helpers import quiet

from studyapp.exchange.csv_layout import ColumnMapping, CsvOptions
from studyapp.exchange.csv_text import CsvImporter, inspect


def write(tmp_path: Path, text: str, name: str = "cards.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_spreadsheet_header_row_maps_columns(tmp_path: Path) -> None:
    path = write(tmp_path, "Tags,Answer,Question,Deck\nt1 t2,Paris,Capital of France?,Geo\n")
    layout = inspect(path)
    assert layout.header_row and layout.delimiter == ","
    assert (
        layout.mapping.question,
        layout.mapping.answer,
        layout.mapping.tags,
        layout.mapping.deck,
    ) == (2, (1,), 0, 3)
    (record,) = CsvImporter().read(path, quiet).records
    assert (record.prompt, record.answer, record.tags, record.deck) == (
        "Capital of France?",
        "Paris",
        ("t1", "t2"),
        "Geo",
    )


def test_mapping_override_from_the_dialog(tmp_path: Path) -> None:
    path = write(tmp_path, "a;b;c\nd;e;f\n")
    mapping = ColumnMapping(question=2, answer=(0,), explanation=1)
    records = CsvImporter().read(path, quiet, mapping=mapping).records
    assert [(r.prompt, r.answer, r.explanation) for r in records] == [
        ("c", "a", "b"),
        ("f", "d", "e"),
    ]


def test_plain_text_is_escaped_unless_html(tmp_path: Path) -> None:
    path = write(tmp_path, "1 < 2\ttrue\n")
    assert CsvImporter().read(path, quiet).records[0].prompt == "1 &lt; 2"
    path = write(tmp_path, "#html:true\n<b>x</b>\ty\n", "h.txt")
    assert CsvImporter().read(path, quiet).records[0].prompt == "<b>x</b>"


def test_quizlet_custom_separators(tmp_path: Path) -> None:
    path = write(tmp_path, "chat - cat;;chien - dog;;oiseau - bird", "quizlet.txt")
    options = CsvOptions(delimiter=" - ", row_separator=";;")
    records = CsvImporter().read(path, quiet, options=options).records
    assert [(r.prompt, r.answer) for r in records] == [
        ("chat", "cat"),
        ("chien", "dog"),
        ("oiseau", "bird"),
    ]


def test_quoting_off_keeps_quote_characters(tmp_path: Path) -> None:
    path = write(tmp_path, 'say "hi\tgreeting\n', "q.tsv")
    records = CsvImporter().read(path, quiet, options=CsvOptions(quoting=False)).records
    assert records[0].prompt == 'say "hi'


def test_anki_directives_tags_deck_notetypes(tmp_path: Path) -> None:
    text = (
        "#separator:Semicolon\n#html:false\n#tags:shared\n#deck:Spanish::Verbs\n#notetype column:1\n"
        "Basic (and reversed card);hablar;to speak\n"
        "Cloze;{{c1::Madrid}} is the capital of {{c2::Spain}};extra\n"
        "Basic (type in the answer);comer;to eat\n"
    )
    records = CsvImporter().read(write(tmp_path, text, "a.txt"), quiet).records
    assert [(r.kind, r.prompt, r.answer) for r in records] == [
        ("basic", "hablar", "to speak"),
        ("basic", "to speak", "hablar"),
        ("cloze", "{{c1::Madrid}} is the capital of {{c2::Spain}}", "Madrid"),
        ("cloze", "{{c1::Madrid}} is the capital of {{c2::Spain}}", "Spain"),
        ("typed", "comer", "to eat"),
    ]
    assert [r.payload.get("cloze") for r in records[2:4]] == [1, 2]
    assert all(r.deck == "Spanish::Verbs" and r.tags == ("shared",) for r in records)


def test_studyapp_column_restores_quiz_kinds(tmp_path: Path) -> None:
    text = (
        "#separator:tab\n#html:true\n#columns:Front\tBack\tStudyApp\n"
        'Pick one\tb\t{"kind":"choice","payload":{"choices":["a","b"],"correct":[1]},"difficulty":0.25}\n'
        'Broken\tx\t{"kind":\n'
    )
    parsed = CsvImporter().read(write(tmp_path, text, "s.txt"), quiet)
    (record,) = parsed.records
    assert (record.kind, record.payload, record.difficulty) == (
        "choice",
        {"choices": ["a", "b"], "correct": [1]},
        0.25,
    )
    assert parsed.problems[0].line == 5 and "not valid JSON" in parsed.problems[0].reason


def test_progress_is_reported_and_can_cancel(tmp_path: Path) -> None:
    import pytest

    from studyapp.core.errors import Cancelled

    path = write(tmp_path, "".join(f"q{i}\ta{i}\n" for i in range(5000)), "big.tsv")
    calls: list[tuple[int, int]] = []
    CsvImporter().read(path, lambda done, total, message: calls.append((done, total)))
    assert calls and calls[-1][0] == calls[-1][1]

    def cancel(done: int, total: int, message: str) -> None:
        raise Cancelled()

    with pytest.raises(Cancelled):
        CsvImporter().read(path, cancel)


def test_fast_path_builds_what_the_full_path_builds() -> None:
    """The quick builder for plain rows must agree with make_record whenever it answers."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from studyapp.exchange.csv_layout import CsvLayout
    from studyapp.exchange.csv_rows import compact_basic, quick_builder, row_records

    layout = CsvLayout(delimiter="\t", html=False, quoting=True, columns=4, mapping=ColumnMapping(),
                       deck="Deck::Sub", tags=("t1",))  # fmt: skip
    mapping = ColumnMapping(question=0, answer=(1,), tags=2, guid=3)
    cell = st.text(st.sampled_from(list("ab <>&{}c1:\t\n\r é漢 \u00a0\u2003")), max_size=8)

    @settings(max_examples=1000, deadline=None)
    @given(
        st.lists(cell, min_size=1, max_size=5) | st.lists(cell, min_size=4, max_size=4),
        st.booleans(),
    )
    def run(row: list[str], clean: bool) -> None:
        # As in read(): "clean" only when the whole text has none of these (no quotes: no
        # newline can hide inside a field).
        body_clean = not any(c in "".join(row) for c in '<>&\r{\n"')
        quick = quick_builder(mapping, layout, clean=clean and body_clean)
        fast = quick(row) if quick else None
        if fast is not None:
            assert [compact_basic(*fast)] == row_records(row, mapping, layout)

    run()
