"""The explicit lists of formats, and choosing the importer for a file by its content first."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from studyapp.core.errors import Cancelled, InputError
from studyapp.core.exchange import ParsedSet
from studyapp.core.progress import Progress, no_progress
from studyapp.exchange.aiken import AikenImporter
from studyapp.exchange.anki_export import ApkgExporter
from studyapp.exchange.anki_package import ApkgImporter, ColpkgImporter
from studyapp.exchange.base import Exporter, Importer
from studyapp.exchange.csv_export import CsvExporter
from studyapp.exchange.csv_layout import ColumnMapping, CsvOptions
from studyapp.exchange.csv_text import CsvImporter
from studyapp.exchange.gift import GiftImporter
from studyapp.exchange.gift_export import GiftExporter
from studyapp.exchange.json_format import JsonExporter, JsonImporter
from studyapp.exchange.mnemosyne import Mnemosyne1Importer, Mnemosyne2Importer
from studyapp.exchange.supermemo import SuperMemoImporter
from studyapp.exchange.text import content_kind

HEAD_BYTES = 64 * 1024

# Asked in this order: the most specific formats first, the catch-all text format last.
# Add a format by adding its instance here (the Anki package importers go first).
IMPORTERS: tuple[Importer, ...] = (
    ColpkgImporter(),
    ApkgImporter(),
    Mnemosyne2Importer(),
    JsonImporter(),
    Mnemosyne1Importer(),
    SuperMemoImporter(),
    GiftImporter(),
    AikenImporter(),
    CsvImporter(),
)
EXPORTERS: tuple[Exporter, ...] = (
    CsvExporter("csv", ",", ".csv"),
    CsvExporter("tsv", "\t", ".txt"),
    JsonExporter(),
    GiftExporter(),
    ApkgExporter(),
)

_KIND_NAMES = {
    "zip": "a ZIP archive",
    "sqlite": "an SQLite database",
    "xml": "an XML file",
    "json": "a JSON file",
    "binary": "a binary file",
    "text": "a text file",
}


def importer_named(name: str) -> Importer:
    """The importer whose ``name`` is ``name`` (for a format chosen by hand)."""
    for importer in IMPORTERS:
        if importer.name == name:
            return importer
    raise KeyError(name)


def exporter_named(name: str) -> Exporter:
    """The exporter whose ``name`` is ``name`` (``csv``, ``json``, ``gift``, ``apkg`` …)."""
    for exporter in EXPORTERS:
        if exporter.name == name:
            return exporter
    raise KeyError(name)


def read_head(path: Path) -> bytes:
    """The first bytes of a file, refusing folders, missing and empty files.

    Raises:
        InputError: the path cannot be read or the file is empty.
    """
    try:
        with path.open("rb") as stream:
            head = stream.read(HEAD_BYTES)
    except IsADirectoryError as error:
        raise InputError(str(path), "is a folder, not a file") from error
    except OSError as error:
        raise InputError(str(path), f"cannot read file: {error.strerror or error}") from error
    if not head.strip():
        raise InputError(str(path), "file is empty")
    return head


def is_question_set(path: Path) -> bool:
    """True when some importer recognises the file (so a ``.txt`` table is not read as an article).

    Raises:
        InputError: the file cannot be read or is empty.
    """
    path = Path(path)
    head = read_head(path)
    return any(importer.detect(path, head) for importer in IMPORTERS)


def detect_format(path: Path) -> Importer:
    """Choose the importer by sniffing the content, then the extension.

    Raises:
        InputError: no format matches; the message says what the file looks like instead.
    """
    path = Path(path)
    head = read_head(path)
    for importer in IMPORTERS:
        if importer.detect(path, head):
            return importer
    kind = content_kind(head)
    looks = _KIND_NAMES[kind]
    suffix = path.suffix.lower() or "(no extension)"
    expected = [i.label for i in IMPORTERS if suffix in i.extensions]
    if kind == "binary" and _utf16_without_bom(head):
        reason = "looks like UTF-16 text without a byte-order mark: save it as UTF-8 (or UTF-16 with BOM)"
    elif kind == "text":
        _raise_text_table_error(path)
        reason = (
            "text that is not a question set: no tab, semicolon or comma separates questions"
            " from answers on most lines, and it has no GIFT '{…}' or Aiken 'ANSWER:' questions"
        )
    elif expected:
        reason = f"named {suffix} but the content is {looks}, not {' or '.join(expected)}"
    else:
        reason = f"{looks} in no format StudyApp imports (extension {suffix})"
    raise InputError(str(path), reason)


def _raise_text_table_error(path: Path) -> None:
    """Re-raise the delimited-text reader's own, more precise error (with its line), if any."""
    try:
        CsvImporter().read(path, no_progress)
    except InputError:
        raise
    except Exception:  # noqa: BLE001 - only its InputError is worth showing here
        return


def _utf16_without_bom(head: bytes) -> bool:
    """Most odd or most even bytes are NUL: ASCII-range text stored as UTF-16."""
    sample = head[:4096]
    if len(sample) < 8:
        return False
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    return max(even, odd) > 0.8 * (len(sample) // 2) and min(even, odd) < 0.1 * (len(sample) // 2)


def read_file(path: Path, progress: Progress = no_progress) -> ParsedSet:
    """Detect the format and read the whole file into validated records.

    Raises:
        InputError: for any file that cannot be imported (a parser bug also surfaces as an
            InputError naming the file, so the caller never sees a traceback).
        Cancelled: the progress callback asked to stop.
    """
    path = Path(path)
    importer = detect_format(path)
    return _guarded(importer, path, lambda: importer.read(path, progress))


def read_text_table(
    path: Path,
    progress: Progress = no_progress,
    options: CsvOptions | None = None,
    mapping: ColumnMapping | None = None,
) -> ParsedSet:
    """Read a file as delimited text with the separator/encoding/column roles the user chose.

    Raises:
        InputError: the file cannot be read that way.
        Cancelled: the progress callback asked to stop.
    """
    path = Path(path)
    read_head(path)
    importer = CsvImporter()
    return _guarded(importer, path, lambda: importer.read(path, progress, options, mapping))


def _guarded(importer: Importer, path: Path, read: Callable[[], ParsedSet]) -> ParsedSet:
    """Run a read so that any failure reaches the caller as an InputError naming the file."""
    try:
        return read()
    except (InputError, Cancelled):
        raise
    except (MemoryError, RecursionError) as error:
        raise InputError(
            str(path), f"file too large or too deeply nested to read ({type(error).__name__})"
        ) from error
    except Exception as error:  # noqa: BLE001 - the contract is InputError for any bad file
        raise InputError(
            str(path), f"cannot read as {importer.label}: {type(error).__name__}: {error}"
        ) from error
