"""Every file in fixtures/csv imports (or is refused) exactly as decided, one case per file."""

from __future__ import annotations

from pathlib import Path

import pytest
from exchange_helpers import Expect, check, listed, plain, quiet

from studyapp.core.errors import InputError
from studyapp.exchange.csv_text import CsvImporter, inspect

IMG = '<img src="paste-d0ff77498ff8dde85ba00ae8b7c4bb6032d8483d.jpg">'

IMPORTS = {
    "anki_notes_export_guid_notetype_deck_tags.txt": Expect(
        8,
        samples={1: ("", "Towel"), 3: ("Command to create a soft link", "```bash $ ln -s <file> <link> ```")},
        tags={0: ("english",), 7: ("linux",)},
        decks={0: "Default"},
        ids={0: "D?H@y-%%r", 2: "G1Z_~#;mLc", 7: "Mm+g*FhiWM"},
    ),
    "anki_notes_export_html_multiline_quoted_cs.txt": Expect(
        25,
        samples={
            1: ("V jejich čele stál", "V jejich čele stál Jan Neruda"),
            20: ("", "Kompozice III"),
            24: ("Co bylo v programu májovců?", "Pravdivé zobrazení skutečnosti, zájem o společenské "
                 "problémy, demokratizace literatury, inspirace dílem K.H. Máchy"),
        },
    ),
    "anki_text-tags.txt": Expect(2, samples={0: ("foo", "bar"), 1: ("foo2", "bar2")},
                                 tags={0: ("baz,qux",), 1: ("baz2",)}),
    "anki_text-update.txt": Expect(1, samples={0: ("1", "x")}),
    "ankidroid_semicolon_multiline_quoted.txt": Expect(
        2, samples={0: ("hello", "this is a two line answer"), 1: ("two", "this is a one line one")}
    ),
    "ankidroid_semicolon_single_line.txt": Expect(
        2, samples={0: ("foo bar", "bar baz"), 1: ("apple", "banana")},
        tags={0: ("baz", "quux"), 1: ("grape",)},
    ),
    "ankidroid_text-ucs2-be-bom.txt": Expect(1, samples={0: ("Hello", "world")}),
    "mnemosyne_excel_import.txt": Expect(5, samples={0: ("Question 1", "Answer 1"), 4: ("Question 5", "Answer 5")}),
    "mnemosyne_tsv_1.txt": Expect(2, samples={0: ("q1", "a1"), 1: ("f", "p t")}),
    "mnemosyne_tsv_2.txt": Expect(1, samples={0: ("f", "p 至")}),
    "mnemosyne_tsv_4.txt": Expect(1, samples={0: ("à", "a1")}),
    "mnemosyne_tsv_6.txt": Expect(1, samples={0: ("f", "p t notes")}),
    "mnemosyne_tsv_media.txt": Expect(2, samples={0: ("q1", ""), 1: ("q2", "")}),
    "mnemosyne_word_import.txt": Expect(5, samples={0: ("Question 1", "Answer 1"), 4: ("Question 5", "Answer 5")}),
    "quizlet_export_zh_fr.tsv": Expect(
        41, samples={0: ("贝", "bèi - coquillage (部首)"), 1: ("文", "wén - écriture, texte")}
    ),
    # edge/: a sensible import. Anki's own test expects these 5 good rows plus the duplicate
    # "飲む" (dropped later by the bank's duplicate check) and two rows with an extra or
    # missing field; we keep the 3-field row (its extra field joins the answer), import the
    # empty-back card as Anki does, and report the one-field row and the empty front.
    "edge/anki_text-2fields_malformed.txt": Expect(
        7, problems=2,
        samples={0: ("食べる", "to eat"), 3: ("to eat", "食べる"), 5: ("多すぎる", "too many fields"), 6: ("遊ぶ", "")},
    ),
    # edge/: plain ASCII "Hello, world" (misnamed utf8-bom): the comma splits it, as in the UCS-2 twin.
    "edge/ankidroid_text-utf8-bom.txt": Expect(1, samples={0: ("Hello", "world")}),
}  # fmt: skip

REFUSED = {
    # edge/: Latin-1 byte 0xE0. Refused on purpose: guessing Latin-1 would also accept every
    # damaged UTF-8 file as mojibake; the message names the byte and suggests saving as UTF-8.
    "edge/mnemosyne_tsv_5.txt": (1, "not valid UTF-8"),
    "malformed/mnemosyne_tsv_3.txt": (1, "only one column"),
}


def test_every_csv_fixture_has_a_case(shared: Path) -> None:
    assert listed(shared / "fixtures" / "csv") == set(IMPORTS) | set(REFUSED)


@pytest.mark.parametrize("name", sorted(IMPORTS))
def test_csv_fixture_imports(shared: Path, name: str) -> None:
    parsed = CsvImporter().read(shared / "fixtures" / "csv" / name, quiet)
    check(parsed, IMPORTS[name])
    assert all(r.kind == "basic" for r in parsed.records)


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_csv_fixture_refused(shared: Path, name: str) -> None:
    line, reason = REFUSED[name]
    with pytest.raises(InputError) as caught:
        CsvImporter().read(shared / "fixtures" / "csv" / name, quiet)
    assert caught.value.line == line
    assert reason in caught.value.reason
    assert name.split("/")[-1] in str(caught.value)


def test_anki_export_images_survive_sanitising(shared: Path) -> None:
    parsed = CsvImporter().read(
        shared / "fixtures" / "csv" / "anki_notes_export_guid_notetype_deck_tags.txt", quiet
    )
    assert parsed.records[0].prompt == IMG
    assert parsed.records[0].answer == "Headboard"


def test_anki_export_layout_is_read_from_directives(shared: Path) -> None:
    layout = inspect(shared / "fixtures" / "csv" / "anki_notes_export_guid_notetype_deck_tags.txt")
    assert layout.delimiter == "\t" and layout.html
    assert (
        layout.mapping.guid,
        layout.mapping.notetype,
        layout.mapping.deck,
        layout.mapping.tags,
    ) == (0, 1, 2, 8)
    assert layout.mapping.question == 3 and layout.mapping.answer == (4, 5, 6, 7)


def test_problem_rows_name_their_line(shared: Path) -> None:
    parsed = CsvImporter().read(
        shared / "fixtures" / "csv" / "edge" / "anki_text-2fields_malformed.txt", quiet
    )
    assert [(p.line, p.reason) for p in parsed.problems] == [
        (8, "only one field: no separator '\\t' in the row"),
        (10, "the question is empty"),
    ]


def test_media_answers_keep_local_images(shared: Path) -> None:
    parsed = CsvImporter().read(shared / "fixtures" / "csv" / "mnemosyne_tsv_media.txt", quiet)
    assert [r.answer for r in parsed.records] == ['<img src="a.png">', '<img src="b.png">']
    assert plain(parsed.records[0].prompt) == "q1"
