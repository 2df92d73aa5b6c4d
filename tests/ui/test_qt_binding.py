"""The installed Qt binding keeps Python's reference counts right (PySide6 6.12.0 does not)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel

from studyapp.ui.app import create_application


def test_calls_returning_nothing_leave_none_alone() -> None:
    # Before Python 3.12 None is reference-counted: a binding that drops one reference per
    # call (PySide6 6.12.0) ends the app with "deallocating None" after a few thousand.
    create_application([])
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(1000):
        label.setText("x")
    assert sys.getrefcount(None) - before > -50
