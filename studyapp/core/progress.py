"""The Qt-free progress callback that long-running core functions accept."""

from __future__ import annotations

from collections.abc import Callable

# progress(done, total, message). A callback may raise core.errors.Cancelled to
# stop the work; callers roll back whatever the work had not yet committed.
Progress = Callable[[int, int, str], None]


def no_progress(done: int, total: int, message: str) -> None:
    """Progress callback that ignores every report."""
