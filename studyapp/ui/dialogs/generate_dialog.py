"""The "Generate study set" dialog: question kinds, number and difficulty; runs in the background."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from studyapp.core.questions import FLASHCARD_KINDS, KIND_NAMES, KINDS, QUIZ_KINDS
from studyapp.services.generation import GenerationOptions, GenerationResult, generate_for_article
from studyapp.ui.context import AppContext
from studyapp.ui.modal import run_modal

# What each kind writes; the boxes are every kind the generator knows (KINDS), so the
# defaults here are the start-up run's defaults and give the same set.
KIND_TIPS = {
    "cloze": "A key date, number or name hidden in its sentence",
    "basic": "When…? Who…? How many…? What does … stand for?",
    "typed": "Type the answer; small slips and known aliases are accepted",
    "choice": "The right answer among three plausible wrong ones",
    "multi": "Tick every right answer among several",
    "true_false": "A statement of the article, or one carefully altered",
    "order": "Three to five events by date",
    "match": "People with their roles or deeds",
    "numerical": "Type a number the article gives",
}
DIFFICULTIES = (("Any difficulty", "any"), ("Easy", "easy"), ("Medium", "medium"), ("Hard", "hard"))


class GenerateDialog(QDialog):
    """Asks what to generate for one article; ``options()`` gives the choice."""

    def __init__(self, article_title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Generate study set")
        self.setMinimumWidth(520)
        heading = QLabel(f"<b>{html.escape(article_title)}</b>")
        heading.setWordWrap(True)
        intro = QLabel(
            "Questions are written from the people, numbers and dated events of the article; "
            "each one links back to its sentence. Generating again keeps your progress."
        )
        intro.setWordWrap(True)
        intro.setObjectName("pageSubtitle")

        self.kind_boxes: dict[str, QCheckBox] = {}
        columns = QHBoxLayout()
        for title, kinds in (("Flashcards", FLASHCARD_KINDS), ("Quiz questions", QUIZ_KINDS)):
            group = QGroupBox(title)
            grid = QGridLayout(group)
            for row, kind in enumerate(kinds):
                box = QCheckBox(KIND_NAMES[kind])
                box.setChecked(kind in GenerationOptions().kinds)
                box.setToolTip(KIND_TIPS.get(kind, ""))
                box.toggled.connect(self._on_kinds_changed)
                self.kind_boxes[kind] = box
                grid.addWidget(box, row, 0)
            grid.setRowStretch(len(kinds), 1)
            columns.addWidget(group)

        self.count = QSpinBox()
        self.count.setRange(0, 5000)
        self.count.setSingleStep(10)
        self.count.setSpecialValueText("As many as pass the quality checks")
        self.count.setValue(0)
        self.count.setMinimumWidth(260)
        self.difficulty = QComboBox()
        for label, value in DIFFICULTIES:
            self.difficulty.addItem(label, value)
        form = QFormLayout()
        form.addRow("Number of questions:", self.count)
        form.addRow("Difficulty:", self.difficulty)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Generate")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addLayout(columns)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def _on_kinds_changed(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(any(box.isChecked() for box in self.kind_boxes.values()))

    def options(self) -> GenerationOptions:
        """The generation options the learner chose."""
        kinds = tuple(kind for kind in KINDS if self.kind_boxes[kind].isChecked())
        return GenerationOptions(
            kinds=kinds,
            limit=self.count.value() or None,
            difficulty=str(self.difficulty.currentData()),
        )


def start_generation(
    context: AppContext, article_id: int, options: GenerationOptions, parent: QWidget | None = None
) -> None:
    """Generate in the background (progress and Cancel in the status bar), then refresh pages."""
    bank = context.bank

    def on_success(result: GenerationResult) -> None:
        context.questions_changed.emit()
        window = parent.window() if parent is not None else None
        status = getattr(window, "statusBar", None)
        if status is not None:
            status().showMessage(
                f"Study set ready: {result.total} questions ({result.added} new, "
                f"{result.updated} kept, {result.removed} removed).",
                8000,
            )

    def on_failure(error: BaseException) -> None:
        QMessageBox.warning(
            parent, "Generation failed", f"{error}\n\nThe study set was left as it was."
        )

    context.tasks.start(
        "Generating study set",
        lambda progress: generate_for_article(bank, article_id, options, progress),
        on_success=on_success,
        on_failure=on_failure,
    )


def ask_and_generate(
    context: AppContext, article_id: int, title: str, parent: QWidget | None = None
) -> bool:
    """Show the dialog for an article and, if accepted, start generating. True when started."""
    dialog = GenerateDialog(title, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    if not run_modal(dialog):
        return False
    start_generation(context, article_id, dialog.options(), parent)
    return True
