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
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
