"""How threads share the interpreter with the UI thread."""

from __future__ import annotations

import sys

UI_SWITCH_INTERVAL = 0.001  # seconds; Python's default is 0.005


def share_the_interpreter_with_the_ui() -> None:
    """Let a thread waiting for the interpreter (the UI's) get it within a millisecond.

    Python hands its interpreter lock from a busy thread to a waiting one only every
    switch interval. The UI thread gives the lock up and takes it back at each of its
    ~20 database calls per answered card; beside a worker parsing a big import, 5 ms a
    time made the learner wait ~100 ms per card (bench/study.py). Set once, when the
    desktop app starts, for its whole process: not from a worker, never toggled.
    """
    sys.setswitchinterval(UI_SWITCH_INTERVAL)
