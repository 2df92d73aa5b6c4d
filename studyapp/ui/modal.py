"""Running a modal dialog so that it is deleted once it has been answered."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog


def run_modal(dialog: QDialog) -> bool:
    """Show ``dialog`` until it is answered; True when accepted. The dialog is deleted afterwards.

    PySide hands a dialog to its Python wrapper when ``exec()`` returns, while the parent
    still lists it as a child: left alone, both delete it when the app quits, and the
    process aborts after ``main()`` returned (exit 134, "shared QObject was deleted
    directly"). Deleting it here leaves one owner. Its values can still be read until the
    event loop runs again.
    """
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()
