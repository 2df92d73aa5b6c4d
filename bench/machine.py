"""The machine line every benchmark prints beside its figures."""

from __future__ import annotations

import os
import platform
import sqlite3
import sys
from importlib import metadata


def _cpu() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine() -> str:
    """CPU, cores, system, Python, SQLite and anki versions, on one line."""
    try:
        anki = metadata.version("anki")
    except metadata.PackageNotFoundError:
        anki = "absent"
    return (
        f"machine: {_cpu()}, {os.cpu_count()} cores, {platform.system()} {platform.release()};"
        f" Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}, anki {anki}"
    )
