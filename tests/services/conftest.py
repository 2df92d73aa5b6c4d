"""Service tests: make the helper modules beside them (study_factory) importable."""

from __future__ import annotations

import sys
from pathlib import Path

# With --import-mode=importlib pytest no longer puts test folders on sys.path.
_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)
