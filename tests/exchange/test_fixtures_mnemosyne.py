"""fixtures/mnemosyne: Mnemosyne 1.x XML, the 2.x database and SuperMemo XML, one case per file."""

from __future__ import annotations

from pathlib import Path

import pytest
from exchange_helpers import Expect, check, listed, plain, quiet

from studyapp.core.errors import InputError
from studyapp.exchange.mnemosyne import Mnemosyne1Importer, Mnemosyne2Importer
from studyapp.exchange.registry import detect_format
from studyapp.exchange.supermemo import SuperMemoImporter

QA = ("question", "answer")
IMPORTS = {
    # Three reviewed copies of one card plus a front-only card (Mnemosyne allows an empty answer).
    "1sided.xml": Expect(4, samples={0: QA, 3: ("question2", "")}, ids={0: "9cff728f", 3: ""}, reviews=2),
    "1sided_unseen.xml": Expect(1, samples={0: ("q", "a")}, reviews=0),
    "2sided.xml": Expect(2, samples={0: QA, 1: ("answer", "question")}, ids={1: "d2e50774.inv"}),
    "3sided.xml": Expect(2, samples={0: ("f", "p t"), 1: ("t", "f p")}, ids={1: "87498a1e.tr.1"}),
    # Partners that disagree or are missing are still valid cards: each imports as written.
    "3sided_corrupt.xml": Expect(2, samples={0: ("f", "t"), 1: ("t", "f p")}),
    "3sided_missing.xml": Expect(1, samples={0: ("t", "f p")}),
    "no_id.xml": Expect(1, samples={0: ("question2", "answer2")}, ids={0: ""}),
    "tag.xml": Expect(4, samples={3: ("question2", "answer2")}, tags={0: ("<tag1>",)}),
    "media.xml": Expect(1, samples={0: ("", "answer")}),
    "sound.xml": Expect(1, samples={0: ("[sound:soundfiles/a.ogg]", "answer")}),
    "dups.xml": Expect(56, samples={0: ("Freistaat Thüringen (Free State of Thuringia)?",
                                        "Freistaat Thüringen (Free State of Thuringia)")},
                       tags={0: ("Germany:_States",)}, ids={1: "0.inv"}),
    "mnemosyne2_anki-test_mnemo.db": Expect(
        7, samples={0: ("front", "back"), 2: ("back-double", "front-double"),
                    3: ("expression", "pronunciation meaning notes"), 6: ("new", "")},
        tags={5: ("tag_1", "a_longer_tag"), 0: ()}, ids={0: "WvRqVVCkCHvtBX86ls0JDJ"}, reviews=6,
    ),
    "smconv.xml": Expect(3, samples={2: ("el ademán", "gesture")}, decks={0: "Spanish"}),
    # Anki imports 1 card from this file: topics are containers, not cards.
    "supermemo_anki-test_supermemo1.xml": Expect(1, samples={0: ("aoeu", "aoeu")}, tags={0: ("aoeu", "1-400")},
                                                 ids={0: "10247"}),
}  # fmt: skip
IMPORTER = {
    "mnemosyne1": Mnemosyne1Importer,
    "mnemosyne2": Mnemosyne2Importer,
    "supermemo": SuperMemoImporter,
}
REFUSED = {
    "malformed/bad_version.xml": (2, "core_version '2' is not supported"),
    "malformed/bad_xml.xml": (11, "not well-formed XML: mismatched tag"),
    "malformed/wrong_format.xml": (11, "not well-formed XML"),
}


def test_every_mnemosyne_fixture_has_a_case(shared: Path) -> None:
    assert listed(shared / "fixtures" / "mnemosyne") == set(IMPORTS) | set(REFUSED)


@pytest.mark.parametrize("name", sorted(IMPORTS))
def test_mnemosyne_fixture_imports(shared: Path, name: str) -> None:
    path = shared / "fixtures" / "mnemosyne" / name
    importer = detect_format(path)
    expected = (
        "mnemosyne2"
        if name.endswith(".db")
        else "supermemo"
        if name.startswith(("sm", "super"))
        else "mnemosyne1"
    )
    assert importer.name == expected
    check(importer.read(path, quiet), IMPORTS[name])


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_mnemosyne_fixture_refused(shared: Path, name: str) -> None:
    line, reason = REFUSED[name]
    with pytest.raises(InputError) as caught:
        Mnemosyne1Importer().read(shared / "fixtures" / "mnemosyne" / name, quiet)
    assert caught.value.line == line and reason in caught.value.reason


def test_wrong_root_is_refused_by_detection(shared: Path) -> None:
    with pytest.raises(InputError, match="XML file, not Mnemosyne"):
        detect_format(shared / "fixtures" / "mnemosyne" / "malformed" / "wrong_format.xml")


def test_mnemosyne1_reviews_and_media(shared: Path) -> None:
    parsed = Mnemosyne1Importer().read(shared / "fixtures" / "mnemosyne" / "1sided.xml", quiet)
    assert [(r.external_id, r.reviewed_at, r.rating) for r in parsed.reviews] == [
        ("7cff728f", 1247533200, 1),
        ("6cff728f", 1247533200, 2),
    ]
    media = (
        Mnemosyne1Importer().read(shared / "fixtures" / "mnemosyne" / "media.xml", quiet).records[0]
    )
    assert (
        media.prompt == '<img src="a.png"><br><img src="figs/a.png"><br><img src="figs/figs/a.png">'
    )


def test_mnemosyne2_review_log(shared: Path) -> None:
    path = shared / "fixtures" / "mnemosyne" / "mnemosyne2_anki-test_mnemo.db"
    before = path.read_bytes()
    parsed = Mnemosyne2Importer().read(path, quiet)
    assert path.read_bytes() == before  # opened read-only
    assert {r.external_id for r in parsed.reviews} <= {r.external_id for r in parsed.records}
    assert {r.rating for r in parsed.reviews} <= {1, 2, 3, 4}
    assert plain(parsed.records[6].prompt) == "new"


def test_not_a_mnemosyne_database(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "other.db"
    with sqlite3.connect(path) as connection:
        connection.execute("create table t(x)")
    connection.close()
    with pytest.raises(InputError, match="not a Mnemosyne 2"):
        Mnemosyne2Importer().read(path, quiet)
