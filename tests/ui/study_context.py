"""A page context over a small study bank (no main window, no language model) for study UI tests."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings

from studyapp.services import learners, review
from studyapp.ui.app import create_application
from studyapp.ui.context import AppContext
from studyapp.ui.tasks import TaskRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))
from study_factory import build_bank  # noqa: E402


def study_context(folder: Path, basic_count: int = 4) -> tuple[AppContext, dict]:  # type: ignore[type-arg]
    """An AppContext on a fresh bank with questions of every kind and one learner."""
    create_application([])
    bank, ids = build_bank(folder / "bank.sqlite3", basic_count=basic_count)
    context = AppContext(
        bank, QSettings(str(folder / "window.ini"), QSettings.Format.IniFormat), TaskRunner()
    )
    context.learner_id = learners.current_learner(bank).id
    review.ensure_cards(bank, context.learner_id)
    return context, ids
