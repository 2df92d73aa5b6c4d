"""The quiz setup view: what to draw questions from, how many, the time limit and feedback."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from studyapp.core.questions import KIND_NAMES
from studyapp.core.study import QuizScope
from studyapp.services import quiz
from studyapp.ui.context import AppContext

TIME_LIMITS = ((None, "No time limit"), (60, "1 minute"), (120, "2 minutes"), (300, "5 minutes"),
               (600, "10 minutes"), (900, "15 minutes"), (1800, "30 minutes"))  # fmt: skip


def _checklist() -> QListWidget:
    widget = QListWidget()
    widget.setAlternatingRowColors(True)
    return widget


class QuizSetup(QWidget):
    """Scope tabs of tick boxes beside the quiz's settings; ``start_requested`` on Start."""

    start_requested = Signal()

    def __init__(self, context: AppContext):
        super().__init__()
        self.context = context
        self._build()

    def _build(self) -> None:
        self.scope_tabs = QTabWidget()
        self.scope_lists: dict[str, QListWidget] = {}
        for key, label in (("articles", "Articles"), ("people", "People"), ("periods", "Periods"),
                           ("decks", "Decks"), ("kinds", "Question kinds")):  # fmt: skip
            widget = _checklist()
            widget.itemChanged.connect(lambda _item: self._update_match_count())
            self.scope_lists[key] = widget
            self.scope_tabs.addTab(widget, label)
        self.count_spin = QSpinBox()
        self.count_spin.setRange(1, 200)
        self.count_spin.setValue(10)
        self.count_spin.valueChanged.connect(lambda _v: self._update_match_count())
        self.time_combo = QComboBox()
        for seconds, label in TIME_LIMITS:
            self.time_combo.addItem(label, seconds)
        self.immediate_radio = QRadioButton("After each question")
        self.end_radio = QRadioButton("At the end")
        self.immediate_radio.setChecked(True)
        feedback = QVBoxLayout()
        feedback.addWidget(self.immediate_radio)
        feedback.addWidget(self.end_radio)
        form = QFormLayout()
        form.addRow("&Questions:", self.count_spin)
        form.addRow("&Time limit:", self.time_combo)
        form.addRow("Show answers:", feedback)
        self.match_label = QLabel()
        self.match_label.setObjectName("pageSubtitle")
        self.start_button = QPushButton("Start quiz")
        self.start_button.setDefault(True)
        self.start_button.setToolTip("Enter")
        self.start_button.clicked.connect(lambda: self.start_requested.emit())
        hint = QLabel("Tick what to include; nothing ticked in a tab means all of it.")
        hint.setObjectName("pageSubtitle")
        hint.setWordWrap(True)
        settings = QFrame()
        settings.setObjectName("quizSettings")
        settings.setFixedWidth(330)
        side = QVBoxLayout(settings)
        side.setContentsMargins(16, 14, 16, 14)
        caption = QLabel("Your quiz")
        caption.setObjectName("panelTitle")
        side.addWidget(caption)
        side.addLayout(form)
        side.addSpacing(10)
        side.addWidget(hint)
        side.addStretch(1)
        side.addWidget(self.match_label)
        side.addWidget(self.start_button)
        self.match_label.setWordWrap(True)
        self.start_button.setMinimumHeight(38)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scope_tabs, 1)
        layout.addSpacing(12)
        layout.addWidget(settings)

    def fill_scope(self) -> None:
        """Reload what a quiz can be drawn from, keeping ticks where possible."""
        options = quiz.scope_options(self.context.bank)
        entries: dict[str, list[tuple[Any, str]]] = {
            "articles": [(i, f"{title}  ({n})") for i, title, n in options.articles],
            "people": [(name, f"{name}  ({n})") for name, n in options.people],
            "periods": [(decade, f"{decade}s  ({n})") for decade, n in options.decades],
            "decks": [(i, f"{name.replace('::', ' › ')}  ({n})") for i, name, n in options.decks],
            "kinds": [(kind, f"{KIND_NAMES.get(kind, kind)}  ({n})") for kind, n in options.kinds],
        }
        for key, rows in entries.items():
            widget = self.scope_lists[key]
            ticked = set(self._ticked(key))
            widget.blockSignals(True)
            widget.clear()
            for value, label in rows:
                item = QListWidgetItem(label)
                item.setData(Qt.ItemDataRole.UserRole, value)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(
                    Qt.CheckState.Checked if value in ticked else Qt.CheckState.Unchecked
                )
                widget.addItem(item)
            if not rows:
                empty = QListWidgetItem("Nothing here yet")
                empty.setFlags(Qt.ItemFlag.NoItemFlags)
                widget.addItem(empty)
            widget.blockSignals(False)
        self._update_match_count()

    def _ticked(self, key: str) -> list[Any]:
        widget = self.scope_lists[key]
        return [
            widget.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(widget.count())
            if widget.item(row).checkState() == Qt.CheckState.Checked
        ]

    def scope(self) -> QuizScope:
        """The scope as ticked on the setup view."""
        return QuizScope(
            article_ids=tuple(self._ticked("articles")),
            person_names=tuple(self._ticked("people")),
            periods=tuple((decade, decade + 9) for decade in self._ticked("periods")),
            deck_ids=tuple(self._ticked("decks")),
            kinds=tuple(self._ticked("kinds")),
            count=self.count_spin.value(),
            time_limit_s=self.time_combo.currentData(),
            immediate_feedback=self.immediate_radio.isChecked(),
        )

    def _update_match_count(self) -> None:
        matching = quiz.count_matching(self.context.bank, self.scope())
        asked = min(matching, self.count_spin.value())
        self.match_label.setText(
            f"{matching} questions match · the quiz will ask {asked}"
            if matching
            else "No questions match this choice"
        )
        self.start_button.setEnabled(matching > 0)
