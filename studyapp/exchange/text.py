"""Reading text files for the text-based formats: size limit, BOMs, strict UTF-8 with line numbers."""

from __future__ import annotations

import codecs
from pathlib import Path

from studyapp.core.errors import InputError

# A question-set text file larger than this is almost certainly not one (or a bomb).
MAX_TEXT_BYTES = 256 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def read_bytes(path: Path, limit: int = MAX_TEXT_BYTES) -> bytes:
    """Read a whole file, refusing missing, unreadable, oversized or empty files.

    Raises:
        InputError: the file cannot be read, is larger than ``limit`` or is empty.
    """
    try:
        size = path.stat().st_size
        if size > limit:
            raise InputError(str(path), f"file is {size} bytes, more than the {limit} allowed")
        data = path.read_bytes()
    except OSError as error:
        raise InputError(str(path), f"cannot read file: {error.strerror or error}") from error
    if not data.strip():
        raise InputError(str(path), "file is empty")
    return data


def sniff_encoding(data: bytes) -> tuple[str, int]:
    """Return (encoding, BOM length) from a byte-order mark, or ("utf-8", 0) without one."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return "utf-8", 0


def decode_text(path: Path, data: bytes, encoding: str | None = None) -> str:
    """Decode file bytes: a BOM wins, else ``encoding``, else strict UTF-8.

    Latin-1 is never guessed: any byte sequence decodes as Latin-1, so guessing would
    silently turn a damaged or differently encoded file into wrong text. The caller may
    pass ``encoding`` explicitly (the import dialog offers it after this error).

    Raises:
        InputError: naming the line and byte where decoding failed.
    """
    found, skip = sniff_encoding(data)
    if skip == 0 and encoding:
        found = encoding
    try:
        text = data[skip:].decode(found)
    except (UnicodeDecodeError, LookupError) as error:
        if isinstance(error, LookupError):
            raise InputError(str(path), f"unknown text encoding {found!r}") from error
        line = data[skip : skip + error.start].count(b"\n") + 1
        bad = data[skip + error.start : skip + error.start + 1].hex().upper()
        hint = " (it looks like Latin-1/Windows-1252: save it as UTF-8)" if found == "utf-8" else ""
        raise InputError(
            str(path),
            f"not valid {found.upper()} text: byte 0x{bad} at offset {skip + error.start}{hint}",
            line=line,
        ) from error
    if "\x00" in text:
        # Text formats never hold NUL; it means a binary file or a UTF-16 file without a BOM.
        line = text[: text.index("\x00")].count("\n") + 1
        raise InputError(str(path), "binary data (NUL character) in a text file", line=line)
    return text


def split_lines(text: str) -> list[str]:
    """Split on CRLF, LF or bare CR (old Mac / Excel exports) without keeping the ends."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def content_kind(head: bytes) -> str:
    """What the first bytes of a file are: "zip", "sqlite", "xml", "json", "text" or "binary".

    Used so a file is judged by its content, not its name: a ZIP archive named ``.csv``
    is never read as text.
    """
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return "zip"
    if head.startswith(b"SQLite format 3\x00"):
        return "sqlite"
    encoding, skip = sniff_encoding(head)
    if encoding != "utf-8":
        try:
            sample = head[skip:].decode(encoding, "ignore")
        except LookupError:
            return "binary"
    else:
        if b"\x00" in head:
            return "binary"
        sample = head[skip:].decode("utf-8", "ignore")
    start = sample.lstrip()
    if start.startswith("<"):
        return "xml"
    if start.startswith(("{", "[")):
        return "json"
    control = sum(1 for c in sample[:4096] if ord(c) < 32 and c not in "\t\n\r\f\v")
    return "binary" if control > max(2, len(sample[:4096]) // 100) else "text"
