"""Every Anki package in ../shared/fixtures/anki imports with the right cards and content."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from studyapp.core.exchange import ParsedSet
from studyapp.exchange.anki_package import ApkgImporter


def _read(shared: Path, name: str) -> ParsedSet:
    path = shared / "fixtures" / "anki" / name
    reports: list[tuple[int, int, str]] = []
    parsed = ApkgImporter().read(
        path, lambda done, total, message: reports.append((done, total, message))
    )
    assert parsed.format == "apkg"
    assert parsed.path == str(path)
    assert reports, "progress was never reported"
    return parsed


def _by_id(parsed: ParsedSet) -> dict[str, object]:
    ids = [record.external_id for record in parsed.records]
    assert len(ids) == len(set(ids)), "external ids must be unique within a package"
    return {record.external_id: record for record in parsed.records}


def test_every_fixture_is_covered(shared: Path) -> None:
    tested = {
        "ankitects_media.apkg",
        "ankitects_diffmodels2-2.apkg",
        "ankitects_diffmodeltemplates-1.apkg",
        "ankitects_update1.apkg",
        "ankitects_update2.apkg",
        "ankidroid_templates.apkg",
        "anker_example-export_anki21b.apkg",
        "taaltuig_spanish-small_anki21.apkg",
    }
    assert {p.name for p in (shared / "fixtures" / "anki").glob("*.apkg")} == tested


def test_legacy_package_with_sound(shared: Path) -> None:
    parsed = _read(shared, "ankitects_media.apkg")
    (record,) = parsed.records
    assert (record.kind, record.prompt, record.answer) == ("basic", "[sound:foo.wav]", "")
    assert record.deck == "Default"
    assert [(m.name, len(m.data), m.mime) for m in parsed.media] == [("foo.wav", 4, "audio/x-wav")]
    assert parsed.problems == ()


def test_note_with_two_templates_gives_two_records(shared: Path) -> None:
    parsed = _read(shared, "ankitects_diffmodels2-2.apkg")
    first, second = parsed.records
    assert (first.kind, first.prompt, first.answer) == ("basic", "front", "back")
    # Card 2 has extra text in its template, so the library renders it.
    assert (second.kind, second.prompt) == ("basic", "back")
    assert second.answer.replace("\n", "") == "Edit to customize<br>front"
    assert second.external_id == f"{first.external_id}#1"


def test_custom_note_type_and_unreferenced_underscore_media(shared: Path) -> None:
    parsed = _read(shared, "ankitects_diffmodeltemplates-1.apkg")
    (record,) = parsed.records
    assert (record.kind, record.prompt, record.answer) == ("basic", "question?", "answer!")
    assert record.deck == "testdeck"
    assert parsed.media == ()  # _IncrementalReadingExtension.dat etc. are not referenced


def test_update_pair_shares_the_guid(shared: Path) -> None:
    (old,) = _read(shared, "ankitects_update1.apkg").records
    (new,) = _read(shared, "ankitects_update2.apkg").records
    assert (old.prompt, old.answer) == ("hello", "world")
    assert (new.prompt, new.answer) == ("goodbye", "world")
    assert old.external_id == new.external_id == "cU1%zNUzk1"


def test_ankidroid_template_deck(shared: Path) -> None:
    parsed = _read(shared, "ankidroid_templates.apkg")
    records = _by_id(parsed)
    # 146 cards: 108 become questions; 38 are cards Anki itself shows only as an error.
    assert len(parsed.records) == 108
    assert len(parsed.records) + len(parsed.problems) == 146
    guids = {re.sub(r"#\d+$", "", r.external_id) for r in parsed.records}
    guids |= {p.record.split()[1] for p in parsed.problems if p.record}
    assert len(guids) == 48
    reasons = Counter(p.reason.split(":")[0] for p in parsed.problems)
    assert reasons == {
        "Anki cannot render this card": 36,
        "cloze card 2 has no {{c2": 1,
        "cloze card 6 has no {{c6": 1,
    }
    assert Counter(r.kind for r in parsed.records) == {"basic": 88, "cloze": 20}
    assert "1-TEMPLATES::Anatomy" in parsed.decks
    assert "1-TEMPLATES::NormalClozes" in parsed.decks

    muscle = records["fd6;[gN5e{"]
    assert muscle.prompt.startswith(
        "Which movements result from the contraction of Coracobrachialis?"
    )
    assert muscle.answer == "Adduction at shoulder<div>Flexion at shoulder</div>"
    assert muscle.tags == ("arm", "Muscle", "UpperEx")

    multi = [records["vrkrS7MW|m"], records["vrkrS7MW|m#1"], records["vrkrS7MW|m#2"]]
    assert [r.payload for r in multi] == [{"cloze": 1}, {"cloze": 2}, {"cloze": 3}]
    assert [r.answer for r in multi] == ["long", "multiple", "clozed"]
    assert multi[0].prompt == (
        "Some common text here!<br>I am a {{c1::long}} sentence with {{c2::multiple}}"
        " sections {{c3::clozed}}!"
    )
    conjugation = records["m0xe0%R;Q,#5"]
    assert (conjugation.answer, conjugation.payload) == ("comeis", {"cloze": 6})
    assert conjugation.explanation.startswith("ʝo kˈomo")  # IPA fields shown on the back

    # Images referenced by the deck are not in the package: records keep the reference.
    assert parsed.media == ()
    assert '<img src="Coracobrachialis-OriginInsertion.jpg">' in records["fd6;[gN5e{#5"].prompt
    # Template scripts and handlers never reach the records.
    assert not any("onclick" in r.prompt or "<script" in r.prompt for r in parsed.records)


def test_new_format_anki21b_package(shared: Path) -> None:
    parsed = _read(shared, "anker_example-export_anki21b.apkg")
    records = _by_id(parsed)
    assert len(parsed.records) == 8
    (occlusion,) = parsed.problems
    assert "Image Occlusion" in occlusion.reason
    assert Counter(r.kind for r in parsed.records) == {"basic": 6, "typed": 1, "cloze": 1}

    forward, backward = records["K63!x(TMRB"], records["K63!x(TMRB#1"]
    assert (forward.prompt, forward.answer) == ("basic", "and reverse")
    assert (backward.prompt, backward.answer) == ("and reverse", "basic")
    optional = records["LU8@Cpzz<W#1"]
    assert (optional.prompt, optional.answer) == ("optional", "basic")
    typed = records["pl)wg3r::s"]
    assert (typed.kind, typed.prompt, typed.answer) == ("typed", "baisc", "type in the answer")
    cloze = records["c_jujmum}*"]
    assert (cloze.prompt, cloze.answer) == ("cloze card\xa0{{c1::hidden}}", "hidden")
    assert cloze.payload == {"cloze": 1}
    assert cloze.explanation == "back extra field!"
    assert records["pEf:)zS}.s"].deck == "Default::nested deck"

    custom = records["t.rY@4f|3a"]
    assert custom.tags == ("ddd", "tag2")
    assert custom.prompt.startswith("front!<br><ul><li>bullets</li>")
    assert '<img src="9f1b5b46aed533f5386cf276ab2cdce48cbd2e25.png">' in custom.answer
    assert "<ruby>" in custom.answer and "my small comment" in custom.answer
    (image,) = parsed.media
    assert image.name == "9f1b5b46aed533f5386cf276ab2cdce48cbd2e25.png"
    assert image.data.startswith(b"\x89PNG") and len(image.data) == 46716
    assert image.mime == "image/png"


def test_legacy_two_anki21_package(shared: Path) -> None:
    parsed = _read(shared, "taaltuig_spanish-small_anki21.apkg")
    assert len(parsed.records) == 5
    assert {r.kind for r in parsed.records} == {"basic"}
    assert {r.deck for r in parsed.records} == {"espanol"}
    pairs = {(r.prompt, r.answer) for r in parsed.records}
    assert ("do you want me to ask him", "¿Quieres que le pregunte?") in pairs
    assert ("Elderberry", "saúco") in pairs  # trailing &nbsp; stripped
    assert (
        "I didn’t want him to have to send you the clothing",
        "No quería que tuviera que enviarte la ropa.",
    ) in pairs
    tags = {r.prompt: r.tags for r in parsed.records}
    assert tags["Elderberry"] == ("fruta",)
    assert tags["do you want me to ask him"] == ("subjuntivo",)
    # The "Please update to the latest Anki version" stub note is not imported.
    assert not any("update" in r.prompt.lower() for r in parsed.records)


@pytest.mark.parametrize("name", ["ankitects_update1.apkg", "taaltuig_spanish-small_anki21.apkg"])
def test_reading_twice_gives_the_same_records(shared: Path, name: str) -> None:
    assert _read(shared, name).records == _read(shared, name).records


def test_registry_routes_packages_to_the_anki_importers(shared: Path, tmp_path: Path) -> None:
    from studyapp.exchange.registry import detect_format, exporter_named, read_file

    for path in sorted((shared / "fixtures" / "anki").glob("*.apkg")):
        assert detect_format(path).name == "apkg", path.name
    renamed = tmp_path / "deck.zip"
    renamed.write_bytes((shared / "fixtures" / "anki" / "ankitects_update1.apkg").read_bytes())
    assert read_file(renamed).records[0].prompt == "hello"  # found by content, not name
    assert exporter_named("apkg").extension == ".apkg"
