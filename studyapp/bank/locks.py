"""One import at a time per bank, across processes: a lock file the system frees when a process dies.

An import writes its rows in short chunks (see bank/queries/imports.py); the lock keeps a
second import, in this process or another (``studyapp import`` while the app is open),
waiting until the first is done, and tells whoever holds it that an unfinished batch
found in the bank was left by a crash, not by a live import.
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from studyapp.core.errors import DatabaseError

LOCK_SUFFIX = "-import.lock"
POLL = 0.05  # seconds between two tries while another import runs
TELL_AFTER = 0.5  # seconds of waiting before the caller is told why nothing happens

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(handle: IO[bytes]) -> bool:
        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(handle: IO[bytes]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def lock_path(bank_path: Path) -> Path:
    """The lock file beside the bank."""
    return bank_path.with_name(bank_path.name + LOCK_SUFFIX)


def _open(bank_path: Path) -> IO[bytes]:
    path = lock_path(bank_path)
    try:
        # Never truncated or deleted: another process may hold a lock on this very file.
        return open(path, "a+b")  # noqa: SIM115 - closed by the callers below
    except OSError as error:
        raise DatabaseError(str(path), f"cannot open the import lock: {error.strerror}") from None


@contextlib.contextmanager
def import_lock(
    bank_path: Path,
    waiting: Callable[[float], None] | None = None,
) -> Iterator[None]:
    """Hold the bank's import lock, waiting for another import to finish first.

    ``waiting(seconds)`` is called while another import holds it, about every POLL
    seconds once TELL_AFTER have passed; it may raise (Cancelled) to stop waiting.
    Flock-style locks belong to the open file, so two imports in one process wait
    for each other too.
    """
    handle = _open(bank_path)
    try:
        started = time.monotonic()
        while not _try_lock(handle):
            waited = time.monotonic() - started
            if waiting is not None and waited >= TELL_AFTER:
                waiting(waited)
            time.sleep(POLL)
        try:
            yield
        finally:
            _unlock(handle)
    finally:
        handle.close()


@contextlib.contextmanager
def import_lock_if_free(bank_path: Path) -> Iterator[bool]:
    """Hold the import lock if no import runs now (yields True), else yield False at once."""
    try:
        handle = _open(bank_path)
    except DatabaseError:
        yield False  # a read-only folder: nothing can be cleaned up there anyway
        return
    try:
        held = _try_lock(handle)
        try:
            yield held
        finally:
            if held:
                _unlock(handle)
    finally:
        handle.close()

