"""Malicious and broken Anki packages are refused before the anki library sees them."""

from __future__ import annotations

import stat
import struct
import zipfile
from pathlib import Path

import pytest

from studyapp.core.errors import InputError
from studyapp.exchange.anki_archive import ArchiveLimits, check_package, collection_entry
from studyapp.exchange.anki_package import ApkgImporter, ColpkgImporter


def _zip(path: Path, entries: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression=method) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


DEFAULT_LIMITS = ArchiveLimits()


def _refusal(path: Path, limits: ArchiveLimits = DEFAULT_LIMITS) -> InputError:
    with pytest.raises(InputError) as caught:
        check_package(path, limits)
    assert caught.value.path == str(path)
    return caught.value


def test_sound_package_passes(tmp_path: Path) -> None:
    path = _zip(tmp_path / "ok.apkg", {"collection.anki2": b"x" * 100, "media": b"{}"})
    assert check_package(path) == "collection.anki2"


def test_newest_collection_entry_is_preferred(tmp_path: Path) -> None:
    entries = {"collection.anki2": b"stub", "collection.anki21b": b"zstd", "meta": b"\x08\x03"}
    path = _zip(tmp_path / "new.apkg", entries)
    assert check_package(path) == "collection.anki21b"


def test_not_a_zip_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.apkg"
    path.write_text("front\tback\n", encoding="utf-8")
    error = _refusal(path)
    assert "not a zip archive" in error.reason
    assert str(error).startswith(f"{path}: ")


def test_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.apkg"
    path.write_bytes(b"")
    assert "not a zip archive" in _refusal(path).reason


def test_truncated_zip_is_refused(tmp_path: Path) -> None:
    whole = _zip(tmp_path / "whole.apkg", {"collection.anki2": bytes(range(256)) * 400})
    cut = tmp_path / "cut.apkg"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    assert "corrupt or truncated" in _refusal(cut).reason


def test_corrupted_entry_data_is_refused(tmp_path: Path) -> None:
    path = _zip(tmp_path / "flipped.apkg", {"collection.anki2": bytes(range(256)) * 40})
    data = bytearray(path.read_bytes())
    data[60] ^= 0xFF  # inside the deflated data of the only entry
    path.write_bytes(bytes(data))
    _refusal(path)


@pytest.mark.parametrize(
    "name",
    [
        "../evil",
        "../../x",
        "media/../../x",
        "/etc/passwd",
        "C:/Windows/x",
        "..\\..\\x",
        "a/../../b",
    ],
)
def test_escaping_entry_names_are_refused(tmp_path: Path, name: str) -> None:
    path = _zip(tmp_path / "escape.apkg", {"collection.anki2": b"x", name: b"boom"})
    error = _refusal(path)
    assert error.record == name
    assert "path" in error.reason


def test_missing_collection_is_refused(tmp_path: Path) -> None:
    path = _zip(tmp_path / "nocol.apkg", {"media": b"{}", "0": b"png"})
    assert "no Anki collection" in _refusal(path).reason


def test_entry_over_size_limit_is_refused(tmp_path: Path) -> None:
    path = _zip(tmp_path / "big.apkg", {"collection.anki2": b"a" * 5000})
    error = _refusal(path, ArchiveLimits(entry_bytes=4096))
    assert error.record == "collection.anki2"
    assert "over the limit" in error.reason


def test_total_over_size_limit_is_refused(tmp_path: Path) -> None:
    entries = {"collection.anki2": b"a" * 3000, "0": b"b" * 3000}
    error = _refusal(_zip(tmp_path / "total.apkg", entries), ArchiveLimits(total_bytes=5000))
    assert "more than 5000 bytes" in error.reason


def test_too_many_entries_is_refused(tmp_path: Path) -> None:
    entries = {"collection.anki2": b"x", **{str(i): b"m" for i in range(20)}}
    error = _refusal(_zip(tmp_path / "many.apkg", entries), ArchiveLimits(entries=10))
    assert "too many entries" in error.reason


def test_compression_bomb_is_refused(tmp_path: Path) -> None:
    # bzip2 packs 64 MiB of zeros into ~100 bytes: far past what deflate could do.
    entries = {"collection.anki2": b"x", "0": bytes(64 * 1024**2)}
    path = _zip(tmp_path / "bomb.apkg", entries, method=zipfile.ZIP_BZIP2)
    assert path.stat().st_size < 10_000
    error = _refusal(path)
    assert error.record == "0"
    assert "ratio" in error.reason


def test_lying_size_header_is_caught_while_inflating(tmp_path: Path) -> None:
    payload = bytes(range(256)) * 4096  # 1 MiB that really inflates to 1 MiB
    path = _zip(tmp_path / "liar.apkg", {"collection.anki2": payload})
    data = bytearray(path.read_bytes())
    # Claim 1000 bytes in both the local header (offset 22) and the central directory (24).
    struct.pack_into("<I", data, 22, 1000)
    central = data.rindex(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, 1000)
    path.write_bytes(bytes(data))
    error = _refusal(path)
    assert "declared size" in error.reason or "corrupt" in error.reason


def test_duplicate_entries_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "dup.apkg"
    with pytest.warns(UserWarning), zipfile.ZipFile(path, "w") as archive:
        archive.writestr("collection.anki2", b"one")
        archive.writestr("collection.anki2", b"two")
    assert "twice" in _refusal(path).reason


def test_symlink_entry_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "link.apkg"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("collection.anki2", b"x")
        link = zipfile.ZipInfo("0")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
    assert "symbolic link" in _refusal(path).reason


def test_importer_refuses_before_anki_and_names_the_entry(tmp_path: Path) -> None:
    path = _zip(tmp_path / "evil.apkg", {"collection.anki2": b"x", "../../x": b"boom"})
    with pytest.raises(InputError) as caught:
        ApkgImporter().read(path, lambda *_: None)
    assert str(caught.value) == f"{path}: record ../../x: path escapes the archive folder ('..')"
    assert not (tmp_path.parent / "x").exists()


def test_garbage_collection_is_refused_by_anki(tmp_path: Path) -> None:
    path = _zip(tmp_path / "garbage.apkg", {"collection.anki2": b"not sqlite" * 100})
    with pytest.raises(InputError) as caught:
        ApkgImporter().read(path, lambda *_: None)
    assert "Anki cannot read this package" in caught.value.reason


def test_garbage_colpkg_is_refused_by_anki(tmp_path: Path) -> None:
    path = _zip(tmp_path / "garbage.colpkg", {"collection.anki2": b"not sqlite" * 100})
    with pytest.raises(InputError):
        ColpkgImporter().read(path, lambda *_: None)


def test_detection(tmp_path: Path) -> None:
    package = _zip(tmp_path / "deck.zip", {"collection.anki21": b"x"})
    head = package.read_bytes()[:16]
    assert collection_entry(package) == "collection.anki21"
    assert ApkgImporter().detect(package, head)  # a renamed package is still found
    assert not ColpkgImporter().detect(package, head)
    colpkg = package.rename(tmp_path / "all.colpkg")
    assert ColpkgImporter().detect(colpkg, head)
    assert not ApkgImporter().detect(colpkg, head)
    other = _zip(tmp_path / "other.zip", {"word/document.xml": b"x"})
    assert not ApkgImporter().detect(other, other.read_bytes()[:16])
    text = tmp_path / "text.apkg"
    text.write_text("front\tback")
    # Claimed by its name, then refused as a broken package rather than read as CSV.
    assert ApkgImporter().detect(text, text.read_bytes()[:16])
    with pytest.raises(InputError, match="not a zip archive"):
        ApkgImporter().read(text, lambda *_: None)
    plain = tmp_path / "text.txt"
    plain.write_text("front\tback")
    assert not ApkgImporter().detect(plain, plain.read_bytes()[:16])


def _zstd(data: bytes) -> bytes:
    import zstandard

    return zstandard.ZstdCompressor().compress(data)


def test_zstd_bomb_inside_new_format_collection_is_refused(tmp_path: Path) -> None:
    # 256 MiB of zeros in a few kB of zstd: the zip layer looks harmless, the library
    # would write the whole thing to disk.
    bomb = _zstd(bytes(256 * 1024**2))
    assert len(bomb) < 100_000
    entries = {"collection.anki2": b"stub", "collection.anki21b": bomb, "meta": b"\x08\x03"}
    path = _zip(tmp_path / "zbomb.apkg", entries, method=zipfile.ZIP_STORED)
    error = _refusal(path, ArchiveLimits(entry_bytes=64 * 1024**2))
    assert error.record == "collection.anki21b"
    assert "zstd data inflates past" in error.reason


def test_zstd_total_over_limit_is_refused(tmp_path: Path) -> None:
    entries = {"collection.anki21b": _zstd(bytes(3000)), "0": _zstd(bytes(3000))}
    path = _zip(tmp_path / "ztotal.apkg", entries)
    limits = ArchiveLimits(total_bytes=5000, entry_bytes=4000)
    assert "zstd data inflates to more than 5000" in _refusal(path, limits).reason


def test_corrupt_zstd_is_refused(tmp_path: Path) -> None:
    broken = b"\x28\xb5\x2f\xfd" + b"\xff" * 80  # zstd magic, impossible frame header
    path = _zip(tmp_path / "zbroken.apkg", {"collection.anki21b": broken})
    error = _refusal(path)
    assert error.record == "collection.anki21b"
    assert "corrupt zstd data" in error.reason


def test_truncated_zstd_collection_is_refused_by_anki(tmp_path: Path) -> None:
    # The size check passes a cut-off stream (nothing big in it); the library then refuses it.
    cut = _zstd(bytes(range(256)) * 4000)[:200]
    entries = {"collection.anki2": b"stub", "collection.anki21b": cut, "meta": b"\x08\x03"}
    path = _zip(tmp_path / "zcut.apkg", entries)
    assert check_package(path) == "collection.anki21b"
    with pytest.raises(InputError) as caught:
        ApkgImporter().read(path, lambda *_: None)
    assert caught.value.path == str(path)


def test_real_new_format_package_passes(shared: Path) -> None:
    path = shared / "fixtures" / "anki" / "anker_example-export_anki21b.apkg"
    assert check_package(path) == "collection.anki21b"
