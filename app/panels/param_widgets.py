"""Editors for one layer parameter, chosen by the catalog's `ParamKind`.

Every editor validates as the user types, with `ParamSpec.validate` and then with Keras itself
(`check`, set by the inspector: would Keras build the layer with this value?), and shows the
reason inline; it emits `committed(value)` with the value in config form only when the value is
valid and different from the current one: a refused value changes nothing. `set_value` updates
the editor without emitting (signals blocked, as napari's `qt_signals_blocked`).
"""

from __future__ import annotations

import ast
import copy
from collections.abc import Callable
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.engine_text import engine_text
from app.style import repolish, set_role
from engine.catalog import ParamKind, ParamSpec

_NONE = "None"


@contextmanager
def signals_blocked(obj: QObject):
    previous = obj.blockSignals(True)
    try:
        yield
    finally:
        obj.blockSignals(previous)


def value_text(value: Any) -> str:
    """A config value as the user types it: `3, 3` for tuples, Python literals otherwise."""
    if isinstance(value, list) and all(not isinstance(v, list | dict) for v in value):
        return ", ".join(_NONE if v is None else repr(v) for v in value)
    if isinstance(value, str):
        return value
    return repr(value)


def parse_literal(text: str, kind: ParamKind) -> Any:
    """The value typed in a line edit: a Python literal, else the text itself."""
    text = text.strip()
    if kind is ParamKind.STR:
        return text
    if text in ("", _NONE, "none", "null"):
        return None
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        # not a literal: a bare word, which the spec accepts (a name) or refuses in Keras's words
        return text
    return list(value) if isinstance(value, tuple) else value


class ParamEditor(QWidget):
    """Base: an input widget above an inline error label."""

    committed = Signal(object)

    def __init__(self, spec: ParamSpec, value: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.value = value
        # Keras's own check of a candidate value (None: accepted); set by the inspector
        self.check: Callable[[Any], str | None] | None = None
        self.error = QLabel()
        self.error.setWordWrap(True)
        set_role(self.error, "error")
        self.error.hide()
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)

    def _finish(self, widget: QWidget) -> None:
        self._layout.addWidget(widget)
        self._layout.addWidget(self.error)
        self.set_value(self.value)

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def show_error(self, message: str | None) -> None:
        """Show why a value is refused (Keras's words, in the interface's language)."""
        self.error.setText(engine_text(message) if message else "")
        self.error.setVisible(bool(message))

    def problem(self, raw: Any) -> str | None:
        """Why `raw` is refused (the spec's check, then Keras's), or None."""
        try:
            value = self.spec.validate(raw)
        except ValueError as exc:
            return str(exc)
        if self.check is not None and value != self.value:
            return self.check(value)
        return None

    def try_commit(self, raw: Any) -> bool:
        """Validate `raw`; commit it if valid and changed. Returns whether it was valid."""
        problem = self.problem(raw)
        if problem is not None:
            self.show_error(problem)
            return False
        self.show_error(None)
        value = self.spec.validate(raw)
        if value != self.value:
            self.value = value
            self.committed.emit(value)
        return True


class LineParamEditor(ParamEditor):
    """Any value typed as text: numbers, tuples (`3, 3`), strings, JSON-like dicts."""

    def __init__(self, spec: ParamSpec, value: Any, parent: QWidget | None = None) -> None:
        super().__init__(spec, value, parent)
        self.line = QLineEdit()
        self.line.setPlaceholderText(_placeholder(spec))
        self.line.textEdited.connect(self._on_edited)
        self.line.editingFinished.connect(self._on_finished)
        self._finish(self.line)

    def set_value(self, value: Any) -> None:
        self.value = value
        with signals_blocked(self.line):
            self.line.setText("" if value is None else value_text(value))
        self._mark(None)

    def _parsed(self) -> Any:
        return parse_literal(self.line.text(), self.spec.kind)

    def _on_edited(self, _text: str) -> None:
        self._mark(self.problem(self._parsed()))

    def _on_finished(self) -> None:
        try:
            raw = self._parsed()
        except ValueError as exc:
            self._mark(str(exc))
            return
        self._mark(None if self.try_commit(raw) else self.error.text())

    def _mark(self, message: str | None) -> None:
        self.show_error(message)
        self.line.setProperty("invalid", bool(message))
        repolish(self.line)


class _TypingSpinBox(QSpinBox):
    """A spin box that keeps what is typed, letters too, so its editor can say why a value is
    refused (Qt's own spin box drops such keys without a word)."""

    def validate(self, text: str, pos: int) -> object:
        state, text, pos = super().validate(text, pos)
        if state == QValidator.State.Invalid:
            state = QValidator.State.Intermediate
        return state, text, pos


class IntParamEditor(ParamEditor):
    """A spin box for a non-optional integer, checked as the user types."""

    def __init__(self, spec: ParamSpec, value: Any, parent: QWidget | None = None) -> None:
        super().__init__(spec, value, parent)
        self.spin = _TypingSpinBox()
        self.spin.setRange(-(2**31) + 1, 2**31 - 1)
        # sized for "2147483647" the box would push the inspector wider than its dock
        self.spin.setMinimumWidth(80)
        self.spin.setKeyboardTracking(False)  # one commit per finished edit, not per keystroke
        self.spin.valueChanged.connect(self._on_value)
        self.spin.lineEdit().textEdited.connect(self._on_typed)
        self.spin.editingFinished.connect(lambda: self._on_typed(self.spin.text()))
        self._finish(self.spin)

    def set_value(self, value: Any) -> None:
        self.value = value
        with signals_blocked(self.spin):
            self.spin.setValue(int(value) if isinstance(value, int | float) else 0)
        self._mark(None)

    def _on_typed(self, text: str) -> None:
        text = text.strip()
        try:
            typed = int(text)
        except ValueError:
            message = QCoreApplication.translate(
                "ParamEditor", "{0} takes a whole number: '{1}' is not one."
            ).format(self.spec.name, text)
            self._mark(message)
            return
        self._mark(self.problem(typed))

    def _on_value(self, value: int) -> None:
        self._mark(None if self.try_commit(value) else self.error.text())

    def _mark(self, message: str | None) -> None:
        self.show_error(message)
        self.spin.setProperty("invalid", bool(message))
        repolish(self.spin)


class BoolParamEditor(ParamEditor):
    def __init__(self, spec: ParamSpec, value: Any, parent: QWidget | None = None) -> None:
        super().__init__(spec, value, parent)
        self.check = QCheckBox()
        self.check.toggled.connect(self.try_commit)
        self._finish(self.check)

    def set_value(self, value: Any) -> None:
        self.value = value
        with signals_blocked(self.check):
            self.check.setChecked(bool(value))


class ChoiceParamEditor(ParamEditor):
    """A combo box for an enumeration, an activation or a dtype."""

    def __init__(self, spec: ParamSpec, value: Any, parent: QWidget | None = None) -> None:
        super().__init__(spec, value, parent)
        self.combo = _combo()
        self.combo.setMaxVisibleItems(20)
        choices = list(spec.choices)
        if spec.nullable and spec.kind is not ParamKind.ACTIVATION:
            choices.insert(0, _NONE)
        self.combo.addItems(choices)
        self.combo.currentTextChanged.connect(self._on_chosen)
        self._finish(self.combo)

    def set_value(self, value: Any) -> None:
        self.value = value
        text = _choice_text(value)
        with signals_blocked(self.combo):
            if self.combo.findText(text) < 0:
                self.combo.addItem(text)
            self.combo.setCurrentText(text)

    def _on_chosen(self, text: str) -> None:
        self.try_commit(None if text == _NONE else text)


class ObjectParamEditor(ParamEditor):
    """An initializer, regularizer or constraint: a class combo plus its nested config."""

    def __init__(self, spec: ParamSpec, value: Any, parent: QWidget | None = None) -> None:
        super().__init__(spec, value, parent)
        box = QWidget()
        inner = QVBoxLayout(box)
        inner.setContentsMargins(0, 0, 0, 0)
        self.combo = _combo()
        self.combo.addItems(([_NONE] if spec.nullable else []) + list(spec.choices))
        self.combo.currentTextChanged.connect(self._on_class_chosen)
        self.config_form = QFormLayout()
        self.config_form.setContentsMargins(12, 0, 0, 0)
        inner.addWidget(self.combo)
        inner.addLayout(self.config_form)
        self._finish(box)

    def set_value(self, value: Any) -> None:
        self.value = value
        text = _choice_text(value)
        with signals_blocked(self.combo):
            if self.combo.findText(text) < 0:
                self.combo.addItem(text)
            self.combo.setCurrentText(text)
        self._build_config_form()

    def _build_config_form(self) -> None:
        while self.config_form.rowCount():
            self.config_form.removeRow(0)
        config = self.value.get("config", {}) if isinstance(self.value, dict) else {}
        for key, item in config.items():
            sub = ParamSpec(key, _kind_of(item), default=item, nullable=True)
            editor = LineParamEditor(sub, item)
            editor.committed.connect(lambda v, k=key: self._on_config_changed(k, v))
            self.config_form.addRow(key, editor)

    def _on_class_chosen(self, text: str) -> None:
        if self.try_commit(None if text == _NONE else text):
            self._build_config_form()

    def _on_config_changed(self, key: str, item: Any) -> None:
        value = copy.deepcopy(self.value)
        value["config"][key] = item
        self.try_commit(value)


def _combo() -> QComboBox:
    """A combo box whose width follows the dock, not its longest entry."""
    combo = QComboBox()
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(8)
    return combo


def _kind_of(value: Any) -> ParamKind:
    if isinstance(value, bool):
        return ParamKind.BOOL
    if isinstance(value, int):
        return ParamKind.INT
    if isinstance(value, float):
        return ParamKind.FLOAT
    return ParamKind.OTHER


def _choice_text(value: Any) -> str:
    if value is None:
        return _NONE
    if isinstance(value, dict):  # a serialized object: DTypePolicy shows its name
        config = value.get("config") or {}
        if value.get("class_name") in ("DTypePolicy", "FloatDTypePolicy") and "name" in config:
            return str(config["name"])
        return str(value.get("class_name", value))
    return str(value)


def _placeholder(spec: ParamSpec) -> str:
    if spec.kind is ParamKind.INT_TUPLE:
        if spec.length != 1:
            return QCoreApplication.translate("ParamEditor", "e.g. 3, 3")
        return QCoreApplication.translate("ParamEditor", "e.g. 3")
    if spec.nullable:
        return "None"
    return spec.kind.value


_EDITORS = {
    ParamKind.BOOL: BoolParamEditor,
    ParamKind.ENUM: ChoiceParamEditor,
    ParamKind.ACTIVATION: ChoiceParamEditor,
    ParamKind.DTYPE: ChoiceParamEditor,
    ParamKind.INITIALIZER: ObjectParamEditor,
    ParamKind.REGULARIZER: ObjectParamEditor,
    ParamKind.CONSTRAINT: ObjectParamEditor,
}


def make_editor(spec: ParamSpec, value: Any) -> ParamEditor:
    """The editor widget for one parameter, holding `value`."""
    if spec.kind is ParamKind.INT and not spec.nullable and isinstance(value, int):
        return IntParamEditor(spec, value)
    if spec.kind in (ParamKind.ENUM,) and not spec.choices:
        return LineParamEditor(spec, value)
    editor_class = _EDITORS.get(spec.kind, LineParamEditor)
    return editor_class(spec, value)
