"""Export to .apkg and read back: flashcards round-trip, quiz kinds stay readable."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest

from studyapp.core.errors import Cancelled, InputError
from studyapp.core.exchange import MediaFile, ParsedSet
from studyapp.core.questions import QuestionRecord
from studyapp.exchange.anki_export import ApkgExporter, plan_notes
from studyapp.exchange.anki_package import ApkgImporter, ColpkgImporter

FLASHCARDS = (
    QuestionRecord("basic", "What is <b>2+2</b>?", "4", tags=("math", "easy"), deck="Math::Arith"),
    QuestionRecord("basic", "Why?", "Because", explanation="It <i>is</i> so.", deck="Math"),
    QuestionRecord("basic", "chien", "dog", deck="French", external_id="g1"),
    QuestionRecord("basic", "dog", "chien", deck="French", external_id="g1#1"),
    QuestionRecord("typed", "Capital of France?", "Paris", deck="Geo", explanation="Since 508"),
    QuestionRecord(
        "cloze", "{{c1::Paris}} is in {{c2::France}}", "Paris", {"cloze": 1}, "extra", deck="Geo"
    ),
    QuestionRecord(
        "cloze", "{{c1::Paris}} is in {{c2::France}}", "France", {"cloze": 2}, "extra", deck="Geo"
    ),
    QuestionRecord("basic", '<img src="pic.png"> what?', "a picture", deck="Pics"),
)
PNG = MediaFile("pic.png", b"\x89PNG\r\n\x1a\nfake", "image/png")


def _key(record: QuestionRecord) -> tuple[object, ...]:
    return (
        record.kind,
        record.prompt,
        record.answer,
        record.payload,
        record.explanation,
        tuple(sorted(record.tags)),
        record.deck,
    )


def _round_trip(tmp_path: Path, records: tuple[QuestionRecord, ...], media=()) -> ParsedSet:
    out = tmp_path / "out.apkg"
    ApkgExporter().write(records, media, out, lambda *_: None)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]
    return ApkgImporter().read(out, lambda *_: None)


def test_flashcards_round_trip(tmp_path: Path) -> None:
    parsed = _round_trip(tmp_path, FLASHCARDS, [PNG])
    assert parsed.problems == ()
    assert sorted(map(_key, parsed.records)) == sorted(map(_key, FLASHCARDS))
    assert [(m.name, m.data) for m in parsed.media] == [(PNG.name, PNG.data)]
    ids = {r.prompt: r.external_id for r in parsed.records}
    assert (ids["chien"], ids["dog"]) == ("g1", "g1#1")  # one reversed note, guid kept


def test_export_is_stable_so_reimport_updates(tmp_path: Path) -> None:
    first = _round_trip(tmp_path, FLASHCARDS)
    second = _round_trip(tmp_path, FLASHCARDS)
    assert [r.external_id for r in first.records] == [r.external_id for r in second.records]
    # And exporting what was imported keeps the same guids again.
    third = _round_trip(tmp_path, first.records)
    assert sorted(r.external_id for r in third.records) == sorted(
        r.external_id for r in first.records
    )


def test_package_opens_as_an_anki_package(tmp_path: Path) -> None:
    out = tmp_path / "deck.apkg"
    ApkgExporter().write(FLASHCARDS, [PNG], out, lambda *_: None)
    names = zipfile.ZipFile(out).namelist()
    assert "collection.anki21" in names and "media" in names  # the widely readable layout
    plan = {p.notetype for p in plan_notes(FLASHCARDS)}
    assert plan == {"Basic", "Basic (and reversed card)", "Basic (type in the answer)", "Cloze"}


def test_cloze_notes_are_grouped_and_foreign_deletions_flattened(tmp_path: Path) -> None:
    only_second = (
        QuestionRecord("cloze", "{{c1::Paris}} is in {{c2::France}}", "France", {"cloze": 2}),
        QuestionRecord("cloze", "The ____ fell in 1989", "Berlin Wall", {"cloze": 1}),
    )
    parsed = _round_trip(tmp_path, only_second)
    prompts = {(r.prompt, r.answer, r.payload["cloze"]) for r in parsed.records}
    assert prompts == {
        ("Paris is in {{c2::France}}", "France", 2),
        ("The {{c1::Berlin Wall}} fell in 1989", "Berlin Wall", 1),
    }


def test_quiz_kinds_become_readable_basic_cards(tmp_path: Path) -> None:
    quiz = (
        QuestionRecord(
            "choice",
            "Largest planet?",
            "Jupiter",
            {"choices": ["Mars", "Jupiter", "Venus"], "correct": [1]},
        ),
        QuestionRecord(
            "multi", "Even numbers?", "2, 4", {"choices": ["2", "3", "4"], "correct": [0, 2]}
        ),
        QuestionRecord("true_false", "The sky is green.", "False", {"answer": False}),
        QuestionRecord("order", "Oldest first", "", {"items": ["Rome", "Paris", "Berlin"]}),
        QuestionRecord("match", "Capitals", "", {"pairs": [["France", "Paris"], ["Peru", "Lima"]]}),
        QuestionRecord("numerical", "Pi to 2 places?", "3.14", {"value": 3.14, "tolerance": 0.01}),
    )
    parsed = _round_trip(tmp_path, quiz)
    assert {r.kind for r in parsed.records} == {"basic"}
    sides = {r.prompt.split("<br>")[0]: r.answer for r in parsed.records}
    assert sides["Largest planet?"] == "B. Jupiter"
    assert sides["Even numbers?"] == "A. 2<br>C. 4"
    assert sides["The sky is green."] == "False"
    assert sides["Oldest first"] == "<ol><li>Rome</li><li>Paris</li><li>Berlin</li></ol>"
    assert sides["Capitals"] == "France → Paris<br>Peru → Lima"
    assert sides["Pi to 2 places?"] == "3.14 ± 0.01"
    choice = next(r for r in parsed.records if r.prompt.startswith("Largest"))
    assert choice.prompt == "Largest planet?<br>A. Mars<br>B. Jupiter<br>C. Venus"


def test_tags_with_spaces_and_empty_deck(tmp_path: Path) -> None:
    parsed = _round_trip(tmp_path, (QuestionRecord("basic", "q", "a", tags=("two words",)),))
    (record,) = parsed.records
    assert record.tags == ("two_words",)
    assert record.deck == "Default"


def test_unwritable_destination_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        ApkgExporter().write(FLASHCARDS, [], tmp_path / "missing" / "x.apkg", lambda *_: None)
    assert list(tmp_path.iterdir()) == []


def _make_colpkg(folder: Path, layout: str) -> Path:
    """A small profile with one review, packaged by the anki library itself.

    ``layout``: "anki21b" (current), "anki21" (Anki's "legacy" export) or "anki2" (the
    Anki 2.0 layout: a schema-11 collection.anki2 beside a JSON media map).
    """
    from anki.collection import Collection

    col = Collection(str(folder / "source.anki2"))
    basic = col.models.by_name("Basic")
    note = col.new_note(basic)
    note["Front"], note["Back"] = "hola", "hello"
    col.add_note(note, col.decks.id("Spanish"))
    cloze = col.new_note(col.models.by_name("Cloze"))
    cloze["Text"] = "{{c1::Madrid}} is the capital"
    col.add_note(cloze, col.decks.id("Spanish"))
    card = note.cards()[0]
    card.start_timer()
    col.sched.answerCard(card, 3)
    col.media.write_data("unused.png", b"\x89PNG")
    out = folder / f"{layout}.colpkg"
    if layout == "anki2":
        col.close(downgrade=True)
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.write(folder / "source.anki2", "collection.anki2")
            archive.writestr("media", "{}")
        return out
    col.export_collection_package(str(out), include_media=True, legacy=layout == "anki21")
    col.close()
    return out


@pytest.mark.parametrize("layout", ["anki21b", "anki21", "anki2"])
def test_colpkg_with_review_history(tmp_path: Path, layout: str) -> None:
    path = _make_colpkg(tmp_path, layout)
    assert f"collection.{layout}" in zipfile.ZipFile(path).namelist()
    parsed = ColpkgImporter().read(path, lambda *_: None)
    assert parsed.format == "colpkg"
    kinds = {(r.kind, r.prompt, r.answer, r.deck) for r in parsed.records}
    assert kinds == {
        ("basic", "hola", "hello", "Spanish"),
        ("cloze", "{{c1::Madrid}} is the capital", "Madrid", "Spanish"),
    }
    (review,) = parsed.reviews
    hola = next(r for r in parsed.records if r.prompt == "hola")
    assert (review.external_id, review.rating) == (hola.external_id, 3)
    assert review.reviewed_at > 1_600_000_000 and review.duration_ms >= 0
    assert parsed.media == ()  # nothing refers to unused.png


def test_package_without_cards_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "empty.apkg"
    ApkgExporter().write((), (), out, lambda *_: None)
    with pytest.raises(InputError) as caught:
        ApkgImporter().read(out, lambda *_: None)
    assert str(caught.value) == f"{out}: the package holds no cards"


def test_cancel_while_reading_cleans_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "deck.apkg"
    ApkgExporter().write(FLASHCARDS, [PNG], out, lambda *_: None)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))

    def cancel(done: int, total: int, message: str) -> None:
        if message == "Reading cards":
            raise Cancelled()

    with pytest.raises(Cancelled):
        ApkgImporter().read(out, cancel)
    assert list(scratch.iterdir()) == []


def test_importing_the_modules_does_not_load_anki() -> None:
    code = (
        "import sys, studyapp.exchange.anki_package, studyapp.exchange.anki_export;"
        "print('anki' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
