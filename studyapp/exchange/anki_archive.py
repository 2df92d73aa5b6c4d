"""Safety checks on an Anki package's zip before the anki library is allowed to open it."""

from __future__ import annotations

import lzma
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from studyapp.core.errors import InputError

# Anki writes one of these; newer packages keep an old-format stub beside the real one.
COLLECTION_ENTRIES = ("collection.anki21b", "collection.anki21", "collection.anki2")
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")  # an archive with entries / an empty archive
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"  # collection.anki21b and new-format media entries

MAX_TOTAL_BYTES = 2 * 1024**3  # all entries inflated together
MAX_ENTRY_BYTES = 1024**3  # any single entry inflated
MAX_ENTRIES = 200_000
# Deflate cannot do much better than ~1:1030; beyond that the header is lying or it is a bomb.
MAX_RATIO = 1100
_RATIO_FLOOR = 1024**2  # tiny entries (empty media maps, stubs) may compress oddly
_CHUNK = 1024**2


@dataclass(frozen=True)
class ArchiveLimits:
    """Size limits applied to a package; tests pass small ones to exercise each refusal."""

    total_bytes: int = MAX_TOTAL_BYTES
    entry_bytes: int = MAX_ENTRY_BYTES
    entries: int = MAX_ENTRIES
    ratio: int = MAX_RATIO


def looks_like_zip(head: bytes) -> bool:
    """Return True when the first bytes of a file are a zip signature."""
    return head[:4] in ZIP_MAGIC


def collection_entry(path: Path) -> str | None:
    """Name of the collection file in a zip, or None; never raises (used by detection)."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (OSError, zipfile.BadZipFile, ValueError):
        return None
    return next((name for name in COLLECTION_ENTRIES if name in names), None)


def check_package(path: Path, limits: ArchiveLimits = ArchiveLimits()) -> str:
    """Refuse a package that is not a sound, bounded zip holding an Anki collection.

    Checks the central directory (names, declared sizes, ratios, encryption, links), then
    inflates every entry with a running cap, because declared sizes can lie, and likewise
    decompresses the zstd layer of new-format entries, which the library unpacks to disk.

    Args:
        path: The .apkg or .colpkg file.
        limits: Size limits; the defaults suit real decks with plenty of media.

    Returns:
        The name of the collection entry Anki will read.

    Raises:
        InputError: naming the file, the offending entry and the reason.
    """
    try:
        with path.open("rb") as handle:
            head = handle.read(4)
    except OSError as exc:
        raise InputError(str(path), f"cannot read file: {exc.strerror or exc}") from exc
    if not looks_like_zip(head):
        raise InputError(
            str(path), "not a zip archive, so not an Anki package (is the extension right?)"
        )
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            _check_directory(path, infos, limits)
            unpacked = 0
            for info in infos:
                unpacked += _check_inflated(path, archive, info, limits)
                if unpacked > limits.total_bytes:
                    raise InputError(
                        str(path),
                        f"zstd data inflates to more than {limits.total_bytes} bytes",
                        record=info.filename,
                    )
    except (zipfile.BadZipFile, zlib.error, lzma.LZMAError) as exc:
        raise InputError(str(path), f"corrupt or truncated zip archive: {exc}") from exc
    except (OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise InputError(str(path), f"unreadable zip archive: {exc}") from exc
    names = {info.filename for info in infos}
    found = next((name for name in COLLECTION_ENTRIES if name in names), None)
    if found is None:
        raise InputError(
            str(path), "no Anki collection inside (collection.anki2/.anki21/.anki21b missing)"
        )
    return found


def _check_directory(path: Path, infos: list[zipfile.ZipInfo], limits: ArchiveLimits) -> None:
    """Validate names and declared sizes from the central directory alone."""
    if len(infos) > limits.entries:
        raise InputError(str(path), f"too many entries ({len(infos)} > {limits.entries})")
    seen: set[str] = set()
    declared_total = 0
    for info in infos:
        name = info.filename
        reason = _unsafe_name(name)
        if reason:
            raise InputError(str(path), reason, record=name)
        if name in seen:
            raise InputError(str(path), "entry appears twice in the archive", record=name)
        seen.add(name)
        if info.flag_bits & 0x1:
            raise InputError(str(path), "encrypted entry", record=name)
        if stat.S_ISLNK(info.external_attr >> 16):
            raise InputError(str(path), "symbolic link inside the archive", record=name)
        if info.file_size > limits.entry_bytes:
            raise InputError(
                str(path), f"entry inflates to {info.file_size} bytes, over the limit", record=name
            )
        if info.file_size > _RATIO_FLOOR and info.file_size > limits.ratio * max(
            info.compress_size, 1
        ):
            raise InputError(
                str(path), "entry compression ratio is implausible (zip bomb?)", record=name
            )
        declared_total += info.file_size
        if declared_total > limits.total_bytes:
            raise InputError(
                str(path), f"archive inflates to more than {limits.total_bytes} bytes", record=name
            )


def _unsafe_name(name: str) -> str | None:
    """Why an entry name could escape the folder it is unpacked into, or None if it is safe."""
    if not name or "\x00" in name:
        return "empty or NUL-containing entry name"
    normalised = name.replace("\\", "/")
    if normalised.startswith("/") or (len(normalised) > 1 and normalised[1] == ":"):
        return "absolute path inside the archive"
    if ".." in PurePosixPath(normalised).parts:
        return "path escapes the archive folder ('..')"
    return None


def _check_inflated(
    path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: ArchiveLimits
) -> int:
    """Inflate one entry in chunks, stopping as soon as it passes its declared or allowed size.

    zipfile stops at the declared size and then fails the CRC check, so a header that lies
    about the size shows up here as BadZipFile rather than as gigabytes on disk. Entries
    that are themselves zstd streams (new-format collections and media) are decompressed
    too, with the same caps, because the anki library would unpack them next.

    Returns:
        How many bytes the zstd layer of this entry holds (0 when it is not zstd).
    """
    cap = min(limits.entry_bytes, max(info.file_size, 0))
    inflated = 0
    with archive.open(info) as stream:
        first = b""
        while chunk := stream.read(_CHUNK):
            first = first or chunk[:4]
            inflated += len(chunk)
            if inflated > cap:
                raise InputError(
                    str(path), "entry inflates past its declared size", record=info.filename
                )
    if first != ZSTD_MAGIC:
        return 0
    with archive.open(info) as stream:
        return _check_zstd(path, stream, info.filename, limits.entry_bytes)


def _check_zstd(path: Path, stream: BinaryIO, name: str, cap: int) -> int:
    """Decompress a zstd stream without keeping it, refusing it past ``cap`` bytes."""
    import zstandard

    total = 0
    try:
        reader = zstandard.ZstdDecompressor().stream_reader(stream, read_across_frames=True)
        while chunk := reader.read(_CHUNK):
            total += len(chunk)
            if total > cap:
                raise InputError(
                    str(path), f"zstd data inflates past {cap} bytes, over the limit", record=name
                )
    except zstandard.ZstdError as exc:
        raise InputError(str(path), f"corrupt zstd data: {exc}", record=name) from exc
    return total
