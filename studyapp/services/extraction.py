"""Extraction use cases: people, numbers and dated events of an article file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from studyapp.content.extraction import extract, extraction_to_json
from studyapp.content.loaders import load_article
from studyapp.core.extraction import Extraction
from studyapp.core.progress import Progress, no_progress


def extract_file(path: str | Path, progress: Progress = no_progress) -> Extraction:
    """Load an article file and extract from it.

    Raises:
        InputError: The file is missing, not text, empty or not English.
    """
    return extract(load_article(path), progress)


def extract_file_json(path: str | Path, progress: Progress = no_progress) -> dict[str, Any]:
    """The ``studyapp extract FILE --json`` document for an article file.

    Returns:
        ``{"persons": [...], "events": [...], "figures": [...]}`` as in DESIGN.md.

    Raises:
        InputError: The file is missing, not text, empty or not English.
    """
    return extraction_to_json(extract_file(path, progress))
