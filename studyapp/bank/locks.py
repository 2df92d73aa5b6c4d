"""One import at a time per bank, across processes: a lock the system frees when a process dies.

An import writes its rows in short chunks (see bank/queries/imports.py); the lock keeps a
second import, in this process or another (``studyapp import`` while the app is open),
waiting until the first is done, and tells whoever holds it that an unfinished batch
found in the bank was left by a crash, not by a live import. An SQLite bank keeps it in a
file beside the bank (FileLock); a server bank in a PostgreSQL advisory lock, which every
computer of the class sees (server_store.AdvisoryImportLock).
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Protocol

from studyapp.core.errors import DatabaseError

if TYPE_CHECKING:
    from studyapp.bank.database import Bank

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


class ImportLock(Protocol):
    """One bank's import lock, as each kind of bank keeps it (see its store's import_lock)."""

    def try_acquire(self) -> bool: ...

    def release(self) -> None: ...

    def close(self) -> None: ...


class FileLock:
    """The lock file beside an SQLite bank. Flock-style locks belong to the open file, so
    two imports in one process wait for each other too."""

    def __init__(self, bank_path: Path):
        path = lock_path(bank_path)
        try:
            # Never truncated or deleted: another process may hold a lock on this very file.
            self.handle: IO[bytes] = open(path, "a+b")  # noqa: SIM115 - closed by close()
        except OSError as error:
            raise DatabaseError(
                str(path), f"cannot open the import lock: {error.strerror}"
            ) from None

    def try_acquire(self) -> bool:
        return _try_lock(self.handle)

    def release(self) -> None:
        _unlock(self.handle)

    def close(self) -> None:
        self.handle.close()


@contextlib.contextmanager
def import_lock(
    bank: Bank,
    waiting: Callable[[float], None] | None = None,
) -> Iterator[None]:
    """Hold the bank's import lock, waiting for another import to finish first.

    ``waiting(seconds)`` is called while another import holds it, about every POLL
    seconds once TELL_AFTER have passed; it may raise (Cancelled) to stop waiting.
    """
    lock = bank.store.import_lock()
    try:
        started = time.monotonic()
        while not lock.try_acquire():
            waited = time.monotonic() - started
            if waiting is not None and waited >= TELL_AFTER:
                waiting(waited)
            time.sleep(POLL)
        try:
            yield
        finally:
            lock.release()
    finally:
        lock.close()


@contextlib.contextmanager
def import_lock_if_free(bank: Bank) -> Iterator[bool]:
    """Hold the import lock if no import runs now (yields True), else yield False at once."""
    try:
        lock = bank.store.import_lock()
    except DatabaseError:
        yield False  # a read-only folder or an unreachable server: nothing to clean up now
        return
    try:
        held = lock.try_acquire()
        try:
            yield held
        finally:
            if held:
                lock.release()
    finally:
        lock.close()
