"""Writing export files safely: a temporary file beside the target, then an atomic rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(out: Path, data: bytes) -> None:
    """Write ``data`` to ``out`` so readers see the old file or the whole new one, never half.

    Raises:
        OSError: the folder is not writable or the disk is full (the target is untouched).
    """
    handle, temporary = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        publish(Path(temporary), out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def publish(temporary: Path, out: Path) -> None:
    """Rename a finished temporary file to ``out``, with the mode a new file gets here.

    A temporary file is made private (0600); the exported file is the learner's, readable
    as their umask says, like any file they save.
    """
    os.chmod(temporary, 0o666 & ~_umask())
    os.replace(temporary, out)


def _umask() -> int:
    mask = os.umask(0o022)  # reading the umask means setting it: put it straight back
    os.umask(mask)
    return mask
