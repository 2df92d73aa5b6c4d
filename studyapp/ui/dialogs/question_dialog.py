"""Writing or editing one question: prompt, answer, explanation and what its kind needs
(choices, pairs, the order of items, accepted answers, a number's tolerance)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from studyapp.core.questions import KIND_NAMES, KINDS
from studyapp.services.question_bank import QuestionDetail, QuestionParts, answer_and_payload

# What the "details" box holds for each kind that needs one, and how to write it.
DETAIL_HINTS = {
    "choice": "One choice a line; put * before the right one.",
    "multi": "One choice a line; put * before each right one.",
    "order": "One item a line, in the right order (the quiz shuffles them).",
    "match": "One pair a line, written left = right.",
    "typed": "Other answers to accept, one a line (optional).",
}
DERIVED_ANSWER = ("choice", "multi", "order", "match")  # the answer is read from the details


def _editor(text: str, lines: int) -> QPlainTextEdit:
    """A text box showing at least ``lines`` lines that grows with the dialog."""
    editor = QPlainTextEdit(text)
    editor.setTabChangesFocus(True)
    editor.setMinimumHeight(editor.fontMetrics().lineSpacing() * lines + 14)
    editor.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    return editor


def details_text(kind: str, payload: dict) -> str:  # type: ignore[type-arg]
    """A stored payload as the details box writes it."""
    if kind in ("choice", "multi"):
        right = set(payload.get("correct", []))
        return "\n".join(f"{'* ' if i in right else ''}{choice}"
                         for i, choice in enumerate(payload.get("choices", [])))  # fmt: skip
    if kind == "order":
        return "\n".join(map(str, payload.get("items", [])))
    if kind == "match":
        return "\n".join(f"{left} = {right}" for left, right in payload.get("pairs", []))
    if kind == "typed":
        return "\n".join(map(str, payload.get("accepted", [])))
    return ""


def parts_from(kind: str, answer: str, details: str, tolerance: float) -> QuestionParts:
    """What the learner wrote, as the service reads it."""
    lines = [line.strip() for line in details.splitlines() if line.strip()]
    if kind in ("choice", "multi"):
        choices = tuple((line.lstrip("*").strip(), line.startswith("*")) for line in lines)
        return QuestionParts(choices=choices)
    if kind == "order":
        return QuestionParts(items=tuple(lines))
    if kind == "match":
        pairs = tuple(tuple(part.strip() for part in line.split("=", 1)) for line in lines)
        return QuestionParts(pairs=tuple(pair for pair in pairs if len(pair) == 2))  # type: ignore[misc]
    return QuestionParts(answer=answer, accepted=tuple(lines), tolerance=tolerance)


class QuestionDialog(QDialog):
    """Edits a question (``question``) or writes a new one (``decks`` to choose from)."""

    def __init__(
        self,
        question: QuestionDetail | None = None,
        parent: QWidget | None = None,
        decks: list[str] | None = None,
        save: Callable[[QuestionDialog], None] | None = None,
    ):
        super().__init__(parent)
        self.question = question
        self.save = save  # stores what was written; a ValueError keeps the dialog open
        self.setWindowTitle("Edit question" if question else "Add question")
        self.setMinimumSize(600, 520)
        form = QFormLayout()
        self.kind = QComboBox()
        for kind in KINDS:
            self.kind.addItem(KIND_NAMES[kind], kind)
        self.deck = QComboBox()
        self.deck.setEditable(True)
        self.deck.addItems(decks or [])
        if question is None:
            form.addRow("&Kind:", self.kind)
            form.addRow("&Deck:", self.deck)
        else:
            self.kind.setCurrentIndex(self.kind.findData(question.kind))
            about = QLabel(
                f"{KIND_NAMES.get(question.kind, question.kind)} · "
                f"{question.deck.replace('::', ' › ')}"
            )
            about.setObjectName("pageSubtitle")
            about.setWordWrap(True)
            form.addRow(about)
        self.prompt = _editor(question.prompt if question else "", 5)
        self.answer = _editor(question.answer if question else "", 2)
        self.truth = QComboBox()
        self.truth.addItems(["True", "False"])
        self.details = _editor(details_text(question.kind, question.payload) if question else "", 4)
        self.details_hint = QLabel()
        self.details_hint.setObjectName("pageSubtitle")
        self.tolerance = QDoubleSpinBox()
        self.tolerance.setRange(0, 1e9)
        self.tolerance.setDecimals(2)
        self.explanation = _editor(question.explanation if question else "", 3)
        if question is not None:
            self.truth.setCurrentText("True" if question.payload.get("answer", True) else "False")
            self.tolerance.setValue(float(question.payload.get("tolerance", 0) or 0))
        form.addRow("&Prompt:", self.prompt)
        form.addRow("&Answer:", self.answer)
        form.addRow("&Answer:", self.truth)
        form.addRow("De&tails:", self.details)
        form.addRow("", self.details_hint)
        form.addRow("&Tolerance (±):", self.tolerance)
        form.addRow("E&xplanation:", self.explanation)
        self.form = form
        note = QLabel(
            "Cloze deletions are written {{c1::hidden text}}. An edited generated question "
            "keeps your wording when the study set is generated again."
        )
        note.setWordWrap(True)
        note.setObjectName("pageSubtitle")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)
        self.prompt.textChanged.connect(self._on_prompt_changed)
        self.kind.currentIndexChanged.connect(self._show_fields_for_kind)
        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self._show_fields_for_kind()
        self._on_prompt_changed()

    def kind_name(self) -> str:
        return str(self.kind.currentData())

    def _show_fields_for_kind(self) -> None:
        kind = self.kind_name()
        shown = {
            self.answer: kind not in DERIVED_ANSWER and kind != "true_false",
            self.truth: kind == "true_false",
            self.details: kind in DETAIL_HINTS,
            self.details_hint: kind in DETAIL_HINTS,
            self.tolerance: kind == "numerical",
        }
        for widget, visible in shown.items():
            self.form.setRowVisible(widget, visible)
        self.details_hint.setText(DETAIL_HINTS.get(kind, ""))

    def _on_prompt_changed(self) -> None:
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setEnabled(bool(self.prompt.toPlainText().strip()))

    def parts(self) -> QuestionParts:
        """What the kind needs, as written in the dialog."""
        kind = self.kind_name()
        answer = self.truth.currentText() if kind == "true_false" else self.answer.toPlainText()
        return parts_from(kind, answer, self.details.toPlainText(), self.tolerance.value())

    def values(self) -> tuple[str, str, str, QuestionParts]:
        """(prompt, answer, explanation, parts) as edited."""
        parts = self.parts()
        return (self.prompt.toPlainText(), parts.answer, self.explanation.toPlainText(), parts)

    def _on_save(self) -> None:
        """Accept only what can be saved: say what is missing instead."""
        try:
            answer_and_payload(self.kind_name(), self.parts())
            if self.save is not None:
                self.save(self)
        except ValueError as error:
            QMessageBox.warning(self, "Not saved yet", str(error))
            return
        self.accept()
