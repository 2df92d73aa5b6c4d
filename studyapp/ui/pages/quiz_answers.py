"""One answer widget per question kind; each is keyboard-operable and returns a JSON-able response."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from studyapp.core.study import Grade, QuizItem


class AnswerWidget(QWidget):
    """Base: ``response()`` is the learner's answer, ``submitted`` asks the page to check it."""

    submitted = Signal()

    def response(self) -> Any:
        raise NotImplementedError

    def is_complete(self) -> bool:
        """True once something was answered (the Check button waits for it)."""
        return True

    def lock(self) -> None:
        """No more changes (after the answer was checked)."""
        self.setEnabled(False)

    def set_response(self, response: Any) -> None:
        """Show ``response`` as given before (going back to an answered question)."""
        raise NotImplementedError

    def show_truth(self, grade: Grade) -> None:
        """Mark what was right and wrong in the learner's answer, after checking."""

    def _shortcut(self, key: str, slot) -> None:  # type: ignore[no-untyped-def]
        shortcut = QShortcut(QKeySequence(key), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)


class ChoiceAnswer(AnswerWidget):
    """Radio buttons (choice, true/false) or check boxes (multi); keys 1-9 pick an option."""

    def __init__(self, item: QuizItem):
        super().__init__()
        self.multi = item.kind == "multi"
        self.group = QButtonGroup(self)
        self.group.setExclusive(not self.multi)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.buttons: list[QCheckBox | QRadioButton] = []
        for number, option in enumerate(item.options, start=1):
            label = f"{number}.  {option}"
            button: QCheckBox | QRadioButton = (
                QCheckBox(label) if self.multi else QRadioButton(label)
            )
            button.setProperty("option", option)
            button.setStyleSheet("padding: 5px; font-size: 15px;")
            self.group.addButton(button, number)
            layout.addWidget(button)
            self.buttons.append(button)
            if number <= 9:
                self._shortcut(str(number), lambda b=button: self._press(b))
        if item.kind == "true_false":
            self._shortcut("T", lambda: self._press(self.buttons[0]))
            self._shortcut("F", lambda: self._press(self.buttons[1]))
        if self.multi:
            hint = QLabel("Select every right answer.")
            hint.setObjectName("pageSubtitle")
            layout.addWidget(hint)

    def _press(self, button: QCheckBox | QRadioButton) -> None:
        if self.isEnabled():
            button.setChecked(not button.isChecked() if self.multi else True)
            button.setFocus()

    def response(self) -> Any:
        picked = [str(b.property("option")) for b in self.buttons if b.isChecked()]
        if self.multi:
            return picked
        if not picked:
            return None
        return picked[0] == "True" if self.kind_is_true_false() else picked[0]

    def kind_is_true_false(self) -> bool:
        return [b.property("option") for b in self.buttons] == ["True", "False"]

    def is_complete(self) -> bool:
        return any(b.isChecked() for b in self.buttons)

    def set_response(self, response: Any) -> None:
        if isinstance(response, bool):
            response = "True" if response else "False"
        picked = set(response) if isinstance(response, list) else {response}
        for button in self.buttons:
            button.setChecked(str(button.property("option")) in picked)

    def show_truth(self, grade: Grade) -> None:
        """Mark the right options green and a wrong pick red (after checking)."""
        for button in self.buttons:
            option = str(button.property("option"))
            if option in grade.right_options:
                button.setStyleSheet(
                    "padding: 5px; font-size: 15px; color: #2e9d57; font-weight: 600;"
                )
            elif button.isChecked():
                button.setStyleSheet("padding: 5px; font-size: 15px; color: #d64541;")


class OrderAnswer(AnswerWidget):
    """A list to put in order by dragging, or with Alt+Up / Alt+Down on the selected item."""

    def __init__(self, item: QuizItem):
        super().__init__()
        self.list = QListWidget()
        self.list.addItems(list(item.options))
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setCurrentRow(0)
        self.list.setStyleSheet(
            "QListWidget { font-size: 15px; } QListWidget::item { padding: 7px; }"
        )
        self.list.setMinimumHeight(min(320, 44 * len(item.options) + 8))
        up, down = QPushButton("Move up"), QPushButton("Move down")
        up.setToolTip("Alt+Up")
        down.setToolTip("Alt+Down")
        up.clicked.connect(lambda: self.move(-1))
        down.clicked.connect(lambda: self.move(1))
        self._shortcut("Alt+Up", lambda: self.move(-1))
        self._shortcut("Alt+Down", lambda: self.move(1))
        hint = QLabel(
            "Drag the items, or select one and press Alt+Up / Alt+Down. First at the top."
        )
        hint.setObjectName("pageSubtitle")
        buttons = QVBoxLayout()
        buttons.addWidget(up)
        buttons.addWidget(down)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(hint)

    def move(self, step: int) -> None:
        """Move the selected item one place up (-1) or down (+1)."""
        row = self.list.currentRow()
        target = row + step
        if getattr(self, "locked", False) or row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)

    def response(self) -> Any:
        return [self.list.item(row).text() for row in range(self.list.count())]

    def set_response(self, response: Any) -> None:
        self.list.clear()
        self.list.addItems([str(item) for item in response or []])

    def show_truth(self, grade: Grade) -> None:
        """Green for an item in its place, red with its right place for the others."""
        right = list(grade.right_options)
        for row in range(self.list.count()):
            item = self.list.item(row)
            if row < len(right) and item.text() == right[row]:
                item.setForeground(QColor("#2e9d57"))
            else:
                item.setForeground(QColor("#d64541"))
                if item.text() in right:
                    item.setText(f"{item.text()}   (goes {right.index(item.text()) + 1})")

    def lock(self) -> None:
        # The learner's order stays readable (not greyed out) beside the feedback.
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.locked = True
        for button in self.findChildren(QPushButton):
            button.setEnabled(False)


class MatchAnswer(AnswerWidget):
    """One drop-down of right-hand sides per left-hand item."""

    def __init__(self, item: QuizItem):
        super().__init__()
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.combos: dict[str, QComboBox] = {}
        self.verdicts: dict[str, QLabel] = {}
        for left in item.options:
            combo = QComboBox()
            combo.addItem("— choose —", None)
            for target in item.targets:
                combo.addItem(target, target)
            combo.setMinimumWidth(260)
            label = QLabel(left)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setStyleSheet("font-size: 15px;")
            label.setBuddy(combo)
            # After checking, the pick stays readable here (a disabled combo greys it out).
            verdict = QLabel()
            verdict.setTextFormat(Qt.TextFormat.PlainText)
            verdict.hide()
            row = QHBoxLayout()
            row.addWidget(combo)
            row.addWidget(verdict, 1)
            form.addRow(label, row)
            self.combos[left] = combo
            self.verdicts[left] = verdict

    def response(self) -> Any:
        return {left: combo.currentData() for left, combo in self.combos.items()}

    def set_response(self, response: Any) -> None:
        for left, right in dict(response or {}).items():
            combo = self.combos.get(left)
            if combo is not None:
                combo.setCurrentIndex(max(0, combo.findData(right)))

    def lock(self) -> None:
        for combo in self.combos.values():
            combo.hide()
        for left, verdict in self.verdicts.items():
            verdict.setText(self.combos[left].currentText())
            verdict.show()

    def show_truth(self, grade: Grade) -> None:
        right = dict(grade.right_pairs)
        for left, verdict in self.verdicts.items():
            chosen = self.combos[left].currentData()
            if chosen == right.get(left):
                verdict.setText(f"{chosen}  ✓")
                verdict.setStyleSheet("font-size: 15px; color: #2e9d57; font-weight: 600;")
            else:
                verdict.setText(f"{chosen or '—'}  ✗   right: {right.get(left, '?')}")
                verdict.setStyleSheet("font-size: 15px; color: #d64541;")

    def is_complete(self) -> bool:
        return all(combo.currentData() is not None for combo in self.combos.values())


class TypedAnswer(AnswerWidget):
    """A line to type the answer in; Enter (the page's shortcut) checks it."""

    def __init__(self, item: QuizItem):
        super().__init__()
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(
            "Type a number" if item.kind == "numerical" else "Type your answer"
        )
        self.edit.setStyleSheet("font-size: 16px; padding: 6px;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        hint = QLabel(
            "Capitals, accents and a small slip of the keyboard do not count against you."
        )
        hint.setObjectName("pageSubtitle")
        if item.kind != "numerical":
            layout.addWidget(hint)

    def response(self) -> Any:
        return self.edit.text()

    def is_complete(self) -> bool:
        return bool(self.edit.text().strip())

    def set_response(self, response: Any) -> None:
        self.edit.setText("" if response is None else str(response))

    def lock(self) -> None:
        self.edit.setReadOnly(True)


def answer_widget(item: QuizItem) -> AnswerWidget:
    """The widget for ``item``'s kind."""
    if item.kind in ("choice", "multi", "true_false"):
        return ChoiceAnswer(item)
    if item.kind == "order":
        return OrderAnswer(item)
    if item.kind == "match":
        return MatchAnswer(item)
    return TypedAnswer(item)  # typed, basic, cloze, numerical


def describe(kind: str, response: Any) -> str:
    """A response to a question of ``kind`` as the results table shows it."""
    if response is None:
        return "—"
    if isinstance(response, bool):
        return "True" if response else "False"
    if isinstance(response, list):
        joiner = " → " if kind == "order" else "; "
        return joiner.join(map(str, response)) if response else "—"
    if isinstance(response, dict):
        return "; ".join(f"{left} → {right or '?'}" for left, right in response.items())
    return str(response) or "—"
