"""Seeds and hypothesis strategies for fuzzing the importers and the article loader."""

from __future__ import annotations

import io
import json
import sqlite3
import tempfile
import zipfile
from pathlib import Path

from hypothesis import strategies as st

from studyapp.core.progress import no_progress

SHARED_FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures"
MAX_SEED_BYTES = 256 * 1024  # bigger fixtures make each example slow without finding more

AIKEN = b"""What is the capital of France?
A. Berlin
B) Paris
C. Rome
ANSWER: B

Which planet is red?
A) Mars
B) Venus
ANSWER: A
"""
GIFT = b"""// a comment
::Q1:: Who wrote Hamlet? {=Shakespeare ~Marlowe ~Bacon}
::Q2:: The sun is a star. {T}
::Q3:: 2 plus 2 {#4:0.5}
Match {=cat -> meow =dog -> woof =cow -> moo}
$CATEGORY: top/sub
Fill the {=blank ~gap} here.
"""
CSV = b'front,back,tags\n"Quoted, with comma",answer,tag1 tag2\nline two,<b>bold</b>,\n'
MNEMOSYNE1 = b"""<?xml version="1.0" encoding="UTF-8"?>
<mnemosyne core_version="1" time_of_start="1247533200">
<category active="1"><name>default</name></category>
<item id="9cff728f" gr="2" e="2.500" ac_rp="1" rt_rp="0" lps="0" ac_rp_l="1" rt_rp_l="0" l_rp="0" n_rp="1">
 <cat>default</cat><Q>question &amp; more</Q><A>answer</A>
</item>
</mnemosyne>
"""
SUPERMEMO = b"""<?xml version="1.0" encoding="UTF-8"?>
<SuperMemoCollection><Count>1</Count>
<SuperMemoElement><ID>1</ID><Type>Item</Type>
<Content><Question>What?</Question><Answer>That</Answer></Content>
<LearningData><Interval>3</Interval><Repetitions>2</Repetitions><Lapses>0</Lapses>
<LastRepetition>19.09.2002</LastRepetition><AFactor>3,5</AFactor><UFactor>2,4</UFactor></LearningData>
</SuperMemoElement></SuperMemoCollection>
"""
ARTICLE_TEXT = b"""---
title: A Test Article
source: Nowhere Times
---
# A Test Article

On 20 February 1962, John Glenn orbited the Earth three times in Friendship 7.

The flight lasted 4 hours and 55 minutes. NASA called it a success.
"""
ARTICLE_HTML = b"""<!doctype html><html><head><title>Glenn orbits</title></head><body>
<article><h1>Glenn orbits</h1><p>On 20 February 1962, John Glenn orbited the Earth.</p>
<p>The flight lasted <b>4 hours</b>.</p><script>alert(1)</script></article></body></html>
"""


def mnemosyne2_seed() -> bytes:
    """A minimal Mnemosyne 2 database with one card, its tag and one repetition."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "seed.db"
        connection = sqlite3.connect(path)
        connection.executescript(
            """
            CREATE TABLE global_variables (key text, value text);
            CREATE TABLE facts (_id integer primary key, id text);
            CREATE TABLE cards (_id integer primary key, id text, question text, answer text,
                                active integer);
            CREATE TABLE tags (_id integer primary key, id text, name text);
            CREATE TABLE tags_for_card (_card_id integer, _tag_id integer);
            CREATE TABLE log (object_id text, timestamp integer, grade integer,
                              thinking_time integer, event_type integer);
            INSERT INTO global_variables VALUES ('version', 'Mnemosyne SQL 1.0');
            INSERT INTO cards VALUES (1, 'c1', 'Question?', 'Answer', 1);
            INSERT INTO tags VALUES (1, 't1', 'Geography::Europe');
            INSERT INTO tags_for_card VALUES (1, 1);
            INSERT INTO log VALUES ('c1', 1600000000, 4, 3, 9);
            """
        )
        connection.commit()
        connection.close()
        return path.read_bytes()


def exported_seed(format_name: str, suffix: str) -> bytes:
    """A file written by StudyApp's own exporter for ``format_name`` (json, csv, gift, apkg)."""
    from studyapp.exchange.records import make_record
    from studyapp.exchange.registry import EXPORTERS

    exporters = {exporter.name: exporter for exporter in EXPORTERS}
    if format_name == "apkg" and "apkg" not in exporters:
        from studyapp.exchange.anki_export import ApkgExporter

        exporters["apkg"] = ApkgExporter()
    records = [
        make_record(
            "basic", "Who <b>orbited</b> in 1962?", "John Glenn", tags=("space",), deck="A"
        ),
        make_record("basic", "Capital of France", "Paris", deck="A::B"),
        make_record("cloze", "{{c1::Glenn}} flew Friendship 7", "", payload={"cloze": 1}),
    ]
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / f"seed{suffix}"
        exporters[format_name].write(records, [], out, no_progress)
        return out.read_bytes()


def fixture_seeds(*patterns: str) -> list[bytes]:
    """Small files from ../shared/fixtures matching ``patterns``, when that folder exists."""
    if not SHARED_FIXTURES.is_dir():
        return []
    found = []
    for pattern in patterns:
        for path in sorted(SHARED_FIXTURES.glob(pattern)):
            if path.is_file() and path.stat().st_size <= MAX_SEED_BYTES:
                found.append(path.read_bytes())
    return found


# Pieces of each text format's grammar, so generated inputs reach the parsers' deeper states.
TOKENS = {
    "aiken": ["A) ", "B. ", "C) ", "ANSWER: ", "ANSWER:A", "\n", "\n\n", "?", "x" * 300, "é", "\t"],
    "gift": [
        "::",
        "{",
        "}",
        "=",
        "~",
        "#",
        "->",
        "%50%",
        "%-100%",
        "\\{",
        "\\=",
        "\\",
        "T}",
        "{F}",
        "$CATEGORY:",
        "[html]",
        "[markdown]",
        "//",
        "\n",
        "\n\n",
        ":",
        "..",
        "1..2",
        "####",
        "<b>",
        "</b>",
        "&amp;",
        "é",
    ],
    "csv": [
        ",",
        ";",
        "\t",
        '"',
        '""',
        "\n",
        "\r\n",
        "#separator:tab\n",
        "#html:true\n",
        "#columns:Front\tBack\n",
        "#deck column:3\n",
        "#tags column:2\n",
        "<img src=x>",
        "é",
    ],
    "json": [
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        '"studyapp-questions"',
        '"format"',
        '"version"',
        "1",
        '"questions"',
        '"kind"',
        '"basic"',
        '"cloze"',
        '"prompt"',
        '"answer"',
        '"payload"',
        '"media"',
        '"data"',
        '"name"',
        "null",
        "true",
        "1e999",
        "-0",
        '"\\u0000"',
        " ",
    ],
    "xml": [
        '<mnemosyne core_version="1">',
        "</mnemosyne>",
        "<item>",
        "</item>",
        "<Q>",
        "</Q>",
        "<A>",
        "</A>",
        "<cat>",
        "<SuperMemoCollection>",
        "<SuperMemoElement>",
        "<Content>",
        "<Question>",
        "<Answer>",
        "<smconv_pl>",
        "<card>",
        "&amp;",
        "&bogus;",
        '<!DOCTYPE x [<!ENTITY a "aaaa">]>',
        "&a;",
        "<![CDATA[x]]>",
        "\n",
    ],
    "article": [
        "---\n",
        "title: ",
        "# ",
        "\n\n",
        "<p>",
        "</p>",
        "<script>",
        "<h1>",
        "1962",
        "John Glenn",
        ". ",
        "\x00",
        "\ufeff",
        "é",
        "<html>",
        "<body>",
        "&nbsp;",
    ],
}


def token_text(kind: str) -> st.SearchStrategy[bytes]:
    """Text assembled from a format's grammar tokens and arbitrary characters."""
    pieces = st.one_of(st.sampled_from(TOKENS[kind]), st.text(max_size=12))
    return st.lists(pieces, max_size=60).map(
        lambda parts: "".join(parts).encode("utf-8", "replace")
    )


@st.composite
def mutated(draw: st.DrawFn, seeds: list[bytes]) -> bytes:
    """A seed after a few byte-level mutations: flips, inserts, deletes, repeats, truncation, splice."""
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 6))):
        operation = draw(
            st.sampled_from(["flip", "insert", "delete", "repeat", "truncate", "splice"])
        )
        position = draw(st.integers(0, max(0, len(data) - 1)))
        if operation == "flip" and data:
            data[position] ^= 1 << draw(st.integers(0, 7))
        elif operation == "insert":
            data[position:position] = draw(st.binary(min_size=1, max_size=16))
        elif operation == "delete":
            del data[position : position + draw(st.integers(1, 64))]
        elif operation == "repeat":
            chunk = data[position : position + draw(st.integers(1, 64))]
            data[position:position] = chunk * draw(st.integers(1, 8))
        elif operation == "truncate":
            del data[position:]
        elif operation == "splice":
            other = draw(st.sampled_from(seeds))
            cut = draw(st.integers(0, len(other)))
            data[position:] = other[cut:]
    return bytes(data)


@st.composite
def zip_member_mutated(draw: st.DrawFn, seeds: list[bytes]) -> bytes:
    """A well-formed ZIP whose one member (a collection database, a chapter) is mutated.

    Byte mutations of the archive itself mostly stop at the ZIP layer; this reaches the
    parsers behind it (SQLite inside .apkg, XHTML inside .epub).
    """
    source = zipfile.ZipFile(io.BytesIO(draw(st.sampled_from(seeds))))
    names = source.namelist()
    victim = draw(st.sampled_from(names))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            data = source.read(name)
            if name == victim:
                data = draw(mutated([data])) if data else draw(st.binary(max_size=64))
            target.writestr(name, data)
    return out.getvalue()


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
QUESTION_KEYS = [
    "kind",
    "prompt",
    "answer",
    "payload",
    "explanation",
    "difficulty",
    "tags",
    "deck",
    "source",
    "external_id",
    "choices",
    "cloze",
    "passage",
    "start",
    "end",
    "text",
]
KINDS = ["basic", "cloze", "typed", "choice", "multi", "true_false", "order", "match", "numerical"]


@st.composite
def json_documents(draw: st.DrawFn) -> bytes:
    """Well-formed JSON in roughly the StudyApp shape, with wrong types and values inside.

    Byte mutations rarely survive the JSON parser; these reach the schema check and the
    record validation behind it.
    """
    question = st.dictionaries(
        st.sampled_from(QUESTION_KEYS),
        st.one_of(
            st.sampled_from(KINDS),
            st.text(max_size=30),
            JSON_VALUES,
            st.fixed_dictionaries(
                {
                    "passage": JSON_VALUES,
                    "start": JSON_VALUES,
                    "end": JSON_VALUES,
                    "text": JSON_VALUES,
                }
            ),
        ),
        max_size=10,
    )
    document = {
        "format": draw(st.sampled_from(["studyapp-questions", "other"]) | JSON_VALUES),
        "version": draw(st.sampled_from([1, 2, 0, "1"]) | JSON_VALUES),
        "questions": draw(st.lists(question, max_size=5) | JSON_VALUES),
    }
    if draw(st.booleans()):
        document["decks"] = draw(st.lists(st.text(max_size=10), max_size=3) | JSON_VALUES)
    if draw(st.booleans()):
        media = st.fixed_dictionaries(
            {"name": JSON_VALUES | st.text(max_size=20), "data": st.text(max_size=40) | JSON_VALUES}
        )
        document["media"] = draw(st.lists(media, max_size=2))
    return json.dumps(document).encode()  # NaN and Infinity as JavaScript writes them


def inputs(seeds: list[bytes], kind: str | None) -> st.SearchStrategy[bytes]:
    """Mutated seeds, grammar-token text (text formats) and raw bytes, in one strategy."""
    options = [mutated(seeds), st.binary(max_size=512)]
    zips = [seed for seed in seeds if seed.startswith(b"PK\x03\x04")]
    if zips:
        options.append(zip_member_mutated(zips))
    if kind is not None:
        options.append(token_text(kind))
    if kind == "json":
        options.append(json_documents())
    return st.one_of(*options)
