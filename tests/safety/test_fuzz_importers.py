"""Fuzz every importer and the article loader: bad input is refused with InputError, nothing else.

Examples per format: FUZZ_EXAMPLES (default 300, derandomized so CI is repeatable); run
``FUZZ_EXAMPLES=5000 FUZZ_RANDOM=1 pytest tests/safety -k fuzz -s`` for a long local run
with fresh random inputs. With ``-s`` each test prints how many inputs it ran, accepted and
rejected.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import re
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import pytest
from fuzz_inputs import (
    AIKEN,
    ARTICLE_HTML,
    ARTICLE_TEXT,
    CSV,
    GIFT,
    MNEMOSYNE1,
    SUPERMEMO,
    exported_seed,
    fixture_seeds,
    inputs,
    mnemosyne2_seed,
)
from hypothesis import HealthCheck, given, settings

from studyapp.core.errors import InputError
from studyapp.core.progress import no_progress

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "300"))
# The message a Python exception would leave if an importer let one escape into its reason.
RAW_EXCEPTION = re.compile(
    r"\b(KeyError|TypeError|AttributeError|IndexError|ValueError|UnicodeDecodeError|"
    r"UnicodeEncodeError|AssertionError|ZeroDivisionError|OverflowError|RecursionError|"
    r"NameError|StopIteration|Traceback)\b"
)
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    derandomize=not os.environ.get("FUZZ_RANDOM"),  # CI repeats itself; FUZZ_RANDOM=1 explores
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)


@dataclass(frozen=True)
class Format:
    """One input format under test: how to get its reader, a file suffix and seed files."""

    name: str
    suffix: str
    seeds: Callable[[], list[bytes]]
    kind: str | None  # grammar tokens for generated text (None for binary formats)


def importer(name: str):  # type: ignore[no-untyped-def]
    """The importer called ``name``: from the registry, or the Anki package module."""
    from studyapp.exchange.registry import IMPORTERS

    for candidate in IMPORTERS:
        if candidate.name == name:
            return candidate
    from studyapp.exchange import anki_package

    return {"apkg": anki_package.ApkgImporter, "colpkg": anki_package.ColpkgImporter}[name]()


def apkg_seeds() -> list[bytes]:
    return [exported_seed("apkg", ".apkg"), *fixture_seeds("anki/ankitects_media.apkg")]


FORMATS = [
    Format(
        "aiken", ".txt", lambda: [AIKEN, *fixture_seeds("aiken/*.txt", "aiken/*/*.txt")], "aiken"
    ),
    Format(
        "gift",
        ".gift",
        lambda: [GIFT, exported_seed("gift", ".gift"), *fixture_seeds("gift/*.gift")],
        "gift",
    ),
    Format(
        "csv",
        ".csv",
        lambda: [CSV, exported_seed("csv", ".csv"), *fixture_seeds("csv/*.txt")],
        "csv",
    ),
    Format("json", ".json", lambda: [exported_seed("json", ".json")], "json"),
    Format(
        "mnemosyne1", ".xml", lambda: [MNEMOSYNE1, *fixture_seeds("mnemosyne/[1-3]*.xml")], "xml"
    ),
    Format(
        "mnemosyne2", ".db", lambda: [mnemosyne2_seed(), *fixture_seeds("mnemosyne/*.db")], None
    ),
    Format("supermemo", ".xml", lambda: [SUPERMEMO, *fixture_seeds("mnemosyne/smconv.xml")], "xml"),
    Format("apkg", ".apkg", apkg_seeds, None),
    Format("colpkg", ".colpkg", apkg_seeds, None),
]
FIGURES: Counter[str] = Counter()


def assert_readable(error: InputError, path: Path) -> None:
    """The message names the file and says why in words, not as a Python exception."""
    message = str(error)
    assert message.startswith(str(path)), message
    assert error.reason.strip(), message
    assert not RAW_EXCEPTION.search(error.reason), message
    assert len(message) < 2000, message[:300]


def fuzz(read: Callable[[Path], object], formats: Format, folder: Path) -> Counter[str]:
    """Feed EXAMPLES inputs for one format to ``read``; return accepted/rejected counts."""
    numbers = itertools.count()
    counts: Counter[str] = Counter()
    seeds = formats.seeds()

    @FUZZ_SETTINGS
    @given(inputs(seeds, formats.kind))
    def run(data: bytes) -> None:
        path = folder / f"case{next(numbers)}{formats.suffix}"
        path.write_bytes(data)
        try:
            read(path)
            counts["accepted"] += 1
        except InputError as error:
            assert_readable(error, path)
            counts["rejected"] += 1
        finally:
            path.unlink()

    run()
    return counts


@pytest.mark.parametrize("formats", FORMATS, ids=lambda f: f.name)
def test_importer_refuses_bad_input_with_input_error(formats: Format, tmp_path: Path) -> None:
    reader = importer(formats.name)
    counts = fuzz(lambda path: reader.read(path, no_progress), formats, tmp_path)
    total = counts["accepted"] + counts["rejected"]
    FIGURES[formats.name] = total
    print(
        f"\nfuzz {formats.name}: {total} inputs, {counts['accepted']} read, {counts['rejected']} refused"
    )
    assert total >= min(EXAMPLES, 50)


@pytest.mark.parametrize("formats", FORMATS[:5], ids=lambda f: f.name)
def test_format_detection_refuses_bad_input_with_input_error(
    formats: Format, tmp_path: Path
) -> None:
    from studyapp.exchange.registry import read_file

    counts = fuzz(lambda path: read_file(path, no_progress), formats, tmp_path)
    assert counts["accepted"] + counts["rejected"] >= min(EXAMPLES, 50)


def epub_seed() -> bytes:
    """A minimal EPUB 2 book with one chapter."""
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as book:
        book.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        book.writestr(
            "META-INF/container.xml",
            '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
            '<rootfiles><rootfile full-path="content.opf" media-type="application/oebps-package+xml"/>'
            "</rootfiles></container>",
        )
        book.writestr(
            "content.opf",
            '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="2.0" unique-identifier="id">'
            '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Glenn</dc:title>'
            '<dc:identifier id="id">x</dc:identifier><dc:language>en</dc:language></metadata>'
            '<manifest><item id="c1" href="c1.xhtml" media-type="application/xhtml+xml"/></manifest>'
            '<spine><itemref idref="c1"/></spine></package>',
        )
        book.writestr("c1.xhtml", ARTICLE_HTML)
    return buffer.getvalue()


ARTICLE_FORMATS = [
    Format("article-txt", ".txt", lambda: [ARTICLE_TEXT], "article"),
    Format("article-md", ".md", lambda: [ARTICLE_TEXT], "article"),
    Format("article-html", ".html", lambda: [ARTICLE_HTML], "article"),
    Format("article-epub", ".epub", lambda: [epub_seed()], None),
]


@pytest.mark.parametrize("formats", ARTICLE_FORMATS, ids=lambda f: f.name)
def test_article_loader_refuses_bad_input_with_input_error(formats: Format, tmp_path: Path) -> None:
    from studyapp.content.loaders import load_article

    counts = fuzz(load_article, formats, tmp_path)
    total = counts["accepted"] + counts["rejected"]
    print(
        f"\nfuzz {formats.name}: {total} inputs, {counts['accepted']} read, {counts['rejected']} refused"
    )
    assert total >= min(EXAMPLES, 50)


def bank_state(bank_path: Path) -> str:
    """A digest of the bank file and its WAL: any committed write changes it."""
    digest = hashlib.sha256()
    for path in (bank_path, Path(f"{bank_path}-wal")):
        digest.update(path.read_bytes() if path.exists() else b"-")
    return digest.hexdigest()


REJECTION_EXAMPLES = max(20, EXAMPLES // 10)


@pytest.mark.parametrize("formats", FORMATS, ids=lambda f: f.name)
def test_rejected_import_writes_nothing_to_the_bank(
    formats: Format, tmp_path: Path, data_dir: Path
) -> None:
    from studyapp.services.startup import open_data_folder
    from studyapp.services.transfer import import_files

    bank = open_data_folder()
    numbers = itertools.count()
    rejected = 0
    try:

        @settings(FUZZ_SETTINGS, max_examples=REJECTION_EXAMPLES)
        @given(inputs(formats.seeds(), formats.kind))
        def run(data: bytes) -> None:
            nonlocal rejected
            path = tmp_path / f"case{next(numbers)}{formats.suffix}"
            path.write_bytes(data)
            before = bank_state(bank.path)
            try:
                import_files(bank, [path])
            except InputError as error:
                assert_readable(error, path)
                assert bank_state(bank.path) == before, f"{path}: refused, yet the bank changed"
                rejected += 1

        run()
    finally:
        bank.close()
    print(
        f"\nfuzz import {formats.name}: {REJECTION_EXAMPLES} imports, {rejected} refused, bank unchanged"
    )
