"""Editing one question's wording: prompt, answer and explanation."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from studyapp.core.questions import KIND_NAMES
from studyapp.services.question_bank import QuestionDetail


def _editor(text: str, lines: int) -> QPlainTextEdit:
    editor = QPlainTextEdit(text)
    editor.setTabChangesFocus(True)
    editor.setFixedHeight(editor.fontMetrics().lineSpacing() * lines + 14)
    return editor


class QuestionDialog(QDialog):
    """Edits prompt, answer and explanation; the caller saves through the service."""

    def __init__(self, question: QuestionDetail, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Edit question")
        self.setMinimumWidth(560)
        kind = KIND_NAMES.get(question.kind, question.kind)
        about = QLabel(f"{kind} · {question.deck.replace('::', ' › ')}")
        about.setObjectName("pageSubtitle")
        about.setWordWrap(True)
        self.prompt = _editor(question.prompt, 4)
        self.answer = _editor(question.answer, 2)
        self.explanation = _editor(question.explanation, 4)
        note = QLabel(
            "Cloze deletions are written {{c1::hidden text}}. An edited generated question "
            "keeps your wording when the study set is generated again."
        )
        note.setWordWrap(True)
        note.setObjectName("pageSubtitle")
        form = QFormLayout()
        form.addRow("Prompt:", self.prompt)
        form.addRow("Answer:", self.answer)
        form.addRow("Explanation:", self.explanation)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.prompt.textChanged.connect(self._on_prompt_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)

    def _on_prompt_changed(self) -> None:
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setEnabled(bool(self.prompt.toPlainText().strip()))

    def values(self) -> tuple[str, str, str]:
        """(prompt, answer, explanation) as edited."""
        return (
            self.prompt.toPlainText(),
            self.answer.toPlainText(),
            self.explanation.toPlainText(),
        )
