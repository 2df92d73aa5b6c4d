"""Fuzz every parser here: random bytes and mutated valid files give a ParsedSet or an InputError only."""

from __future__ import annotations

import contextlib
import sqlite3
import tempfile
from pathlib import Path

import pytest
from exchange_helpers import quiet
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studyapp.core.errors import InputError
from studyapp.core.exchange import ParsedSet
from studyapp.exchange.aiken import AikenImporter
from studyapp.exchange.csv_text import CsvImporter
from studyapp.exchange.gift import GiftImporter
from studyapp.exchange.json_format import JsonImporter
from studyapp.exchange.mnemosyne import Mnemosyne1Importer, Mnemosyne2Importer
from studyapp.exchange.registry import read_file
from studyapp.exchange.supermemo import SuperMemoImporter

SEEDS = {
    "csv": (
        '#separator:tab\n#html:true\n#tags column:3\nq\t"a ""b""\nc"\ttag\n<b>x</b>\ty\t\n',
        ".txt",
    ),
    "gift": (
        "$CATEGORY: $course$/top/D\n\n::T:: Q \\{x\\}? {=a#ok ~%50%b ~c####g}\n\nTF {T#no#yes}\n\n"
        "N {#1..5}\n\nM {=a -> b =c -> d = -> e}\n\nS {#=3:1#fb ~#wrong}\n\nE {}\n\nD only text\n",
        ".gift",
    ),
    "aiken": ("Stem?\nA) one\nB) two\nANSWER: B\n\nNext\nA. x\nB. y\nANSWER: A\n", ".txt"),
    "mnemosyne1": (
        '<?xml version="1.0"?>\n<mnemosyne core_version="1" time_of_start="100">\n<item id="a" gr="3" '
        'ac_rp="1" l_rp="2"><cat>c</cat><Q>q&lt;b&gt;</Q><A>a</A></item>\n</mnemosyne>\n',
        ".xml",
    ),
    "supermemo": (
        "<SuperMemoCollection><SuperMemoElement><ID>1</ID><Title>T</Title><Type>Topic</Type>"
        "<SuperMemoElement><ID>2</ID><Type>Item</Type><Content><Question>q</Question><Answer>a</Answer>"
        "</Content></SuperMemoElement></SuperMemoElement></SuperMemoCollection>",
        ".xml",
    ),
    "json": (
        '{"format":"studyapp-questions","version":1,"questions":[{"kind":"choice","prompt":"p","answer":"a",'
        '"payload":{"choices":["a","b"],"correct":[0]},"tags":["t"],"source":{"passage":0,"start":1,"end":2,'
        '"text":"x"}}],"media":[{"name":"m.png","data":"AAEC"}],"reviews":[{"external_id":"e",'
        '"reviewed_at":5,"rating":3}]}',
        ".json",
    ),
}
IMPORTERS = {
    "csv": CsvImporter(),
    "gift": GiftImporter(),
    "aiken": AikenImporter(),
    "mnemosyne1": Mnemosyne1Importer(),
    "supermemo": SuperMemoImporter(),
    "json": JsonImporter(),
}
TOKENS = st.sampled_from(
    ["{", "}", "=", "~", "#", "::", "->", "%50%", "\\", '"', "\t", "\n", "\r", ";", ",", "<", ">", "&",
     "</item>", "<item>", "<!--", "ANSWER: A", "A) x", "####", "[html]", "$CATEGORY:", "\x00", "\ufeff",
     "\ue000", "..", "1e999", "-", ":", "[", "]", "null", "{{c1::x}}"]
)  # fmt: skip
FUZZ = settings(max_examples=250, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn, seed: str) -> bytes:
    """The seed text with a few random cuts, insertions and duplications."""
    text = seed
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "duplicate", "truncate"]))
        if action == "insert":
            text = text[:at] + draw(TOKENS | st.text(max_size=4)) + text[at:]
        elif action == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 8)) :]
        elif action == "duplicate":
            text = text[:at] + text[at : at + 20] + text[at:]
        else:
            text = text[:at]
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1"]))
    return text.encode(encoding, "replace")


def _read(name: str, data: bytes) -> None:
    suffix = SEEDS[name][1]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{suffix}"
        path.write_bytes(data)
        try:
            parsed = IMPORTERS[name].read(path, quiet)
        except InputError as error:
            assert str(path) in str(error) and error.reason
            return
        assert isinstance(parsed, ParsedSet)
        with contextlib.suppress(InputError):
            read_file(path, quiet)  # detection + reading: also only InputError


@pytest.mark.parametrize("name", sorted(IMPORTERS))
def test_seed_itself_imports(name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"seed{SEEDS[name][1]}"
        path.write_text(SEEDS[name][0], encoding="utf-8")
        assert IMPORTERS[name].read(path, quiet).records


@pytest.mark.parametrize("name", sorted(IMPORTERS))
def test_fuzz_mutated_text(name: str) -> None:
    @FUZZ
    @given(mutated(SEEDS[name][0]))
    def run(data: bytes) -> None:
        _read(name, data)

    run()


@pytest.mark.parametrize("name", sorted(IMPORTERS))
def test_fuzz_random_bytes(name: str) -> None:
    @settings(FUZZ, max_examples=100)
    @given(st.binary(max_size=300))
    def run(data: bytes) -> None:
        _read(name, data)

    run()


def test_fuzz_mnemosyne2_database_bytes() -> None:
    """A damaged SQLite file (bytes flipped or cut) is refused cleanly, never crashes."""
    with tempfile.TemporaryDirectory() as folder:
        good = Path(folder) / "good.db"
        with sqlite3.connect(good) as db:
            db.executescript(
                "create table cards(_id integer primary key, id text, question text, answer text, active int);"
                "create table facts(_id integer); create table tags(_id integer, id text, name text);"
                "create table tags_for_card(_card_id int, _tag_id int); create table global_variables(key, value);"
                "insert into cards values (1, 'c1', 'q', 'a', 1);"
            )
        db.close()
        original = good.read_bytes()
    assert len(original) > 1000

    @settings(FUZZ, max_examples=150)
    @given(st.integers(0, len(original) - 1), st.binary(min_size=1, max_size=64), st.booleans())
    def run(at: int, patch: bytes, cut: bool) -> None:
        data = original[:at] if cut else original[:at] + patch + original[at + len(patch) :]
        with tempfile.TemporaryDirectory() as inner:
            path = Path(inner) / "m.db"
            path.write_bytes(data)
            try:
                Mnemosyne2Importer().read(path, quiet)
            except InputError as error:
                assert str(path) in str(error)

    run()
