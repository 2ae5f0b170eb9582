"""Building blocks of the inspector: the name, Input settings, model outputs, calls, model I/O.

Each section reads the graph and pushes one engine edit per user change through the
controller; none keeps model state of its own.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.engine_text import engine_text
from app.panels.param_widgets import parse_literal, value_text
from app.panels.teaching import describe_shape
from app.style import repolish, set_role
from engine.catalog import ParamKind
from engine.model import operations
from engine.model.edits import Edit
from engine.model.graph import TensorRef
from engine.model.summary import shape_text


def error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    set_role(label, "error")
    label.hide()
    return label


def show_error(label: QLabel, line: QLineEdit | None, message: str | None) -> None:
    label.setText(engine_text(message) if message else "")
    label.setVisible(bool(message))
    if line is not None:
        line.setProperty("invalid", bool(message))
        repolish(line)


class NameSection(QWidget):
    """The layer's name: a rename edit, refused inline when the name is taken."""

    def __init__(self, controller, layer_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._layer_id = layer_id
        layer = controller.graph.layer(layer_id)
        self.line = QLineEdit(layer.name)
        self.line.setToolTip(
            self.tr("The name Keras sees: unique in the model, used by get_layer(name).")
        )
        self.line.editingFinished.connect(self._on_finished)
        self.error = error_label()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line)
        layout.addWidget(self.error)

    def _on_finished(self) -> None:
        graph = self._controller.graph
        name = self.line.text().strip()
        if name == graph.layer(self._layer_id).name:
            show_error(self.error, self.line, None)
            return
        from engine.errors import GraphError
        from engine.model.edits import check_name

        try:
            check_name(graph, name, ignore=self._layer_id)
        except GraphError as exc:
            show_error(self.error, self.line, engine_text(str(exc)))
            return
        show_error(self.error, self.line, None)
        edit = operations.rename(graph, self._layer_id, name)
        self._controller.push(edit, self.tr("Rename to {0}").format(name))


def parse_shape(text: str) -> list[int | None]:
    """`28, 28, 1` -> [28, 28, 1]; raises ValueError with a Keras-style message."""
    value = parse_literal(text, ParamKind.INT_TUPLE) if text.strip() else None
    if isinstance(value, int):
        value = [value]
    ok = (
        isinstance(value, list)
        and value
        and all(
            v is None or (isinstance(v, int) and not isinstance(v, bool) and v > 0) for v in value
        )
    )
    if not ok:
        message = QCoreApplication.translate(
            "InspectorSections",
            "A shape is a tuple of positive integers (None for a variable size), without the "
            "batch axis, e.g. 28, 28, 1. Received: {0}",
        )
        raise ValueError(message.format(repr(text)))
    return value


def parse_batch_size(text: str) -> int | None:
    text = text.strip()
    if not text or text == "None":
        return None
    if not text.isdigit() or int(text) < 1:
        message = QCoreApplication.translate(
            "InspectorSections",
            "The batch size is a positive integer, or empty for any. Received: {0}",
        )
        raise ValueError(message.format(repr(text)))
    return int(text)


class InputSection(QGroupBox):
    """Shape, optional fixed batch size (stateful RNNs) and dtype of an Input."""

    def __init__(self, controller, layer_id: str, catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Input"))
        self._controller = controller
        self._layer_id = layer_id
        config = controller.graph.layer(layer_id).config
        batch_shape = list(config.get("batch_shape") or [None])
        self.shape = QLineEdit(value_text(batch_shape[1:]))
        self.shape.setToolTip(
            self.tr(
                "The shape of one sample, without the batch axis: 20 for 20 features, 28, 28, 1 "
                "for a grey image (height, width, channels), None for a variable length."
            )
        )
        self.batch = QLineEdit("" if batch_shape[0] is None else str(batch_shape[0]))
        self.batch.setPlaceholderText(self.tr("any (None)"))
        self.batch.setToolTip(
            self.tr("Leave empty for any batch size. Stateful RNNs need a fixed one.")
        )
        self.error = error_label()
        for line in (self.shape, self.batch):
            line.textEdited.connect(self._check)
            line.editingFinished.connect(self._commit_shape)
        form = QFormLayout(self)
        form.addRow(self.tr("shape"), self.shape)
        form.addRow(self.tr("batch size"), self.batch)
        form.addRow(self.error)
        self.preview = QLabel()
        set_role(self.preview, "muted")
        self.preview.setWordWrap(True)
        form.addRow(self.preview)
        self._check()

    def _batch_shape(self) -> list[int | None]:
        return [parse_batch_size(self.batch.text()), *parse_shape(self.shape.text())]

    def _check(self) -> bool:
        try:
            batch_shape = self._batch_shape()
        except ValueError as exc:
            show_error(self.error, self.shape, str(exc))
            return False
        show_error(self.error, self.shape, None)
        self.preview.setText(self.tr("Tensor {0}").format(describe_shape(batch_shape)))
        return True

    def _commit_shape(self) -> None:
        if not self._check():
            return
        graph = self._controller.graph
        batch_shape = self._batch_shape()
        if batch_shape != graph.layer(self._layer_id).config.get("batch_shape"):
            edit = operations.set_params(graph, self._layer_id, batch_shape=batch_shape)
            text = self.tr("Set input shape {0}").format(shape_text(tuple(batch_shape)))
            self._controller.push(edit, text)


class OutputSection(QGroupBox):
    """Whether each output tensor of this call is a model output."""

    def __init__(self, controller, node_id: str, count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Model output"))
        self._controller = controller
        layout = QVBoxLayout(self)
        outputs = controller.graph.outputs
        for index in range(max(count, 1)):
            ref = TensorRef(node_id, index)
            if count <= 1:
                label = self.tr("Model output")
            else:
                label = self.tr("Output tensor {0} is a model output").format(index)
            if ref in outputs:
                label += self.tr(" (#{0} of {1})").format(outputs.index(ref) + 1, len(outputs))
            box = QCheckBox(label)
            box.setChecked(ref in outputs)
            box.setToolTip(
                self.tr(
                    "Model outputs are what model(x) returns, in the order listed on the "
                    "model (click the empty canvas to reorder)."
                )
            )
            box.toggled.connect(lambda on, r=ref: self._on_toggled(r, on))
            layout.addWidget(box)

    def _on_toggled(self, ref: TensorRef, on: bool) -> None:
        graph = self._controller.graph
        if on:
            self._controller.push(operations.mark_output(graph, ref), self.tr("Mark as output"))
        else:
            self._controller.push(operations.unmark_output(graph, ref), self.tr("Unmark output"))


class CallsSection(QGroupBox):
    """Every call of the layer with its input and output shapes (`get_input_shape_at(i)`)."""

    def __init__(self, controller, layer_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Calls"))
        self._controller = controller
        self._layer_id = layer_id
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        QVBoxLayout(self).addWidget(self.label)
        self.refresh()

    def refresh(self) -> None:
        graph = self._controller.graph
        if self._layer_id not in graph.layers:
            return
        calls = graph.calls.get(self._layer_id, [])
        shared = len(calls) > 1
        if shared:
            self.setTitle(self.tr("Calls ({0}, shared weights)").format(len(calls)))
        else:
            self.setTitle(self.tr("Shapes"))
        results = self._controller.document.shapes.infer(graph) if calls else {}
        lines = []
        for i, node_id in enumerate(calls):
            if shared:
                # numbered as on the cards; Keras's node index is what get_input_shape_at takes
                call = self.tr("call {0} of {1}").format(i + 1, len(calls))
                lines.append(self.tr("<b>{0}</b> · node index {1}").format(call, i))
            lines.append(_call_text(results.get(node_id)))
        self.label.setText("<br>".join(lines) or self.tr("Not called yet."))


class ModelSection(QGroupBox):
    """Nothing selected: the model's name, inputs, and the order of its outputs."""

    def __init__(self, controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Model"))
        self._controller = controller
        graph = controller.graph
        self.name = QLineEdit(graph.name)
        self.name.editingFinished.connect(self._on_name)
        self.outputs = QListWidget()
        self.outputs.setMaximumHeight(120)
        for i, ref in enumerate(graph.outputs):
            item = QListWidgetItem(f"{i}: {graph.layer_of(ref.node_id).name}[{ref.index}]")
            self.outputs.addItem(item)
        up, down = QPushButton(self.tr("Move up")), QPushButton(self.tr("Move down"))
        up.clicked.connect(lambda: self._move(-1))
        down.clicked.connect(lambda: self._move(1))
        buttons = QHBoxLayout()
        buttons.addWidget(up)
        buttons.addWidget(down)
        names = ", ".join(graph.layer_of(r.node_id).name for r in graph.inputs)
        form = QFormLayout(self)
        form.addRow(self.tr("name"), self.name)
        form.addRow(self.tr("inputs"), QLabel(names or self.tr("none yet")))
        form.addRow(self.tr("outputs"), self.outputs)
        form.addRow("", _wrap(buttons))

    def _on_name(self) -> None:
        name = self.name.text().strip()
        if name and name != self._controller.graph.name:
            edit = Edit("set_model_name", {"name": name})
            self._controller.push(edit, self.tr("Rename model"))

    def _move(self, step: int) -> None:
        row = self.outputs.currentRow()
        refs = list(self._controller.graph.outputs)
        target = row + step
        if row < 0 or not 0 <= target < len(refs):
            return
        refs[row], refs[target] = refs[target], refs[row]
        self._controller.push(Edit("set_outputs", {"refs": refs}), self.tr("Reorder outputs"))


def _call_text(result) -> str:
    """Input and output shapes of one call, one per line (shapes never break mid-tuple)."""
    if result is None:
        return QCoreApplication.translate("InspectorSections", "not computed")
    if result.error:
        return f"<span style='color:#c0392b'>{_html(engine_text(result.error))}</span>"
    ins = ", ".join(shape_text(tuple(s.shape)) for s in result.inputs) or "—"
    outs = ", ".join(shape_text(tuple(s.shape)) for s in result.outputs) or "—"
    text = QCoreApplication.translate(
        "InspectorSections", "input&nbsp;&nbsp;<code>{0}</code><br>output <code>{1}</code>"
    )
    return text.format(ins, outs)


def _wrap(layout) -> QWidget:
    widget = QWidget()
    layout.setContentsMargins(0, 0, 0, 0)
    widget.setLayout(layout)
    return widget


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
