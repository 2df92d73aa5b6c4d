"""Fixtures for the safety tests: a studied data folder built once per session."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# The suite runs with --import-mode=importlib, which does not put test folders on sys.path;
# the helper modules beside this file (safety_support, fuzz_inputs) are imported by name.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from safety_support import build_data_folder  # noqa: E402


@pytest.fixture(scope="session")
def template_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder built once per test session; copy it with ``copy_folder``."""
    folder = tmp_path_factory.mktemp("template") / "data"
    build_data_folder(folder)
    return folder
