"""Fixtures for the safety tests: a studied data folder built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest
from safety_support import build_data_folder


@pytest.fixture(scope="session")
def template_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder built once per test session; copy it with ``copy_folder``."""
    folder = tmp_path_factory.mktemp("template") / "data"
    build_data_folder(folder)
    return folder
