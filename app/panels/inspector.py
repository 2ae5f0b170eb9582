"""The inspector: a form for the selected layer, generated from the catalog's parameter specs.

Every change is one undoable engine edit (`set_params` or `rename`). The form is rebuilt when
the selection changes or when the layer changes from elsewhere (undo, another panel); its own
commits only refresh the shapes, so the field being typed in keeps its focus.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.panels.inspector_sections import (
    CallsSection,
    InputSection,
    ModelSection,
    NameSection,
    OutputSection,
)
from app.panels.param_widgets import ParamEditor, make_editor
from app.style import set_role
from engine.catalog import ParamKind, ParamSpec
from engine.model import operations
from engine.model.graph import Layer
from engine.model.keras_objects import settings_problem

# Config keys edited by dedicated sections, not by the generic form.
_INPUT_KEYS = {"batch_shape", "name"}


class InspectorPanel(QScrollArea):
    """Shows and edits the selected node's layer (or the model when nothing is selected)."""

    def __init__(self, controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._catalog = None
        self._committing = False
        self._calls: CallsSection | None = None
        self.editors: dict[str, ParamEditor] = {}
        self.node_id: str | None = None
        self.setWidgetResizable(True)
        # fields shrink with the dock instead of scrolling sideways
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._refresh_timer = QTimer(self, singleShot=True, interval=0)
        self._refresh_timer.timeout.connect(self._refresh_calls)
        self._rebuild_timer = QTimer(self, singleShot=True, interval=0)
        self._rebuild_timer.timeout.connect(self.rebuild)
        controller.selection_changed.connect(self._on_selection)
        controller.graph_event.connect(self._on_graph_event)
        controller.nested_edited.connect(lambda _layer_id: self._rebuild_timer.start())
        controller.changed.connect(self._refresh_timer.start)
        controller.document_replaced.connect(lambda: self.show_nodes([]))
        controller.view_changed.connect(lambda: self.show_nodes([]))
        self.show_nodes([])

    def set_catalog(self, catalog) -> None:
        self._catalog = catalog
        self.rebuild()

    # ------------------------------------------------------------------ events

    def _on_selection(self, node_ids: list[str]) -> None:
        self.show_nodes(node_ids)

    def _on_graph_event(self, event) -> None:
        if self._committing:
            return
        if event.kind in (
            "config_changed",
            "renamed",
            "outputs_changed",
            "inputs_changed",
            "model_renamed",
            "node_removed",
            "node_added",
        ):
            self._rebuild_timer.start()  # once, after the whole edit, not mid-compound

    def _refresh_calls(self) -> None:
        if self._calls is not None:
            self._calls.refresh()

    # ------------------------------------------------------------------ building

    def show_nodes(self, node_ids: list[str]) -> None:
        graph = self._controller.graph
        ids = [n for n in node_ids if n in graph.nodes]
        self.node_id = ids[0] if len(ids) == 1 else None
        self._selection_count = len(ids)
        self.rebuild()

    def rebuild(self) -> None:
        graph = self._controller.graph
        if self.node_id is not None and self.node_id not in graph.nodes:
            self.node_id = None
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(8, 8, 8, 8)
        self.editors = {}
        self._calls = None
        if self.node_id is not None and not self._controller.keras_ready:
            layer = graph.layer_of(self.node_id)
            text = self.tr(
                "{0} ({1}). Keras is still loading: its parameters and shapes show here in a "
                "moment. Meanwhile, place and wire layers."
            ).format(layer.name, layer.class_name)
            layout.addWidget(_muted(text))
        elif self.node_id is not None:
            self._build_node(layout, graph.layer_of(self.node_id))
        elif getattr(self, "_selection_count", 0) > 1:
            text = self.tr(
                "%n nodes selected. Select one node to edit its layer, or group them into a "
                "model (Edit menu).",
                "",
                self._selection_count,
            )
            layout.addWidget(_muted(text))
        else:
            layout.addWidget(
                _muted(
                    self.tr(
                        "Nothing selected: these are the model's settings. Click a "
                        "node to edit its layer."
                    )
                )
            )
            layout.addWidget(ModelSection(self._controller))
        layout.addStretch(1)
        self.setWidget(content)

    def _build_node(self, layout: QVBoxLayout, layer: Layer) -> None:
        spec = self._spec(layer.class_name)
        title = QLabel(f"{layer.class_name}")
        set_role(title, "heading")
        layout.addWidget(title)
        if spec is not None and spec.description:
            layout.addWidget(_muted(spec.description))
        layout.addWidget(NameSection(self._controller, layer.id))
        self._calls = CallsSection(self._controller, layer.id)
        layout.addWidget(self._calls)
        if layer.is_input:
            layout.addWidget(InputSection(self._controller, layer.id, self._catalog))
        if layer.body is not None:
            layout.addWidget(self._nested_box(layer))
        count = len(
            self._controller.document.shapes.result(self._controller.graph, self.node_id).outputs
        )
        layout.addWidget(OutputSection(self._controller, self.node_id, count))
        if layer.body is None:
            layout.addWidget(self._params_box(layer, spec))

    def _nested_box(self, layer: Layer) -> QGroupBox:
        box = QGroupBox(self.tr("Nested {0} model").format(layer.body.kind))
        body = layer.body
        column = QVBoxLayout(box)
        counts = self.tr("{0}, {1}, {2}. Its weights are shared by every call.").format(
            self.tr("%n layer(s)", "", len(body.layers)),
            self.tr("%n input(s)", "", len(body.inputs)),
            self.tr("%n output(s)", "", len(body.outputs)),
        )
        column.addWidget(_muted(counts))
        button = QPushButton(self.tr("Open nested model"))
        button.setToolTip(
            self.tr("Edit the layers inside (also: double-click the block on the canvas).")
        )
        button.clicked.connect(lambda: self._controller.enter(layer.id))
        column.addWidget(button)
        return box

    def _params_box(self, layer: Layer, spec) -> QGroupBox:
        box = QGroupBox(self.tr("Parameters"))
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # a narrow dock puts a long name ("activity_regularizer") above its field, never cut
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        skip = _INPUT_KEYS if layer.is_input else {"name"}
        for param in _params_for(layer, spec):
            if param.name in skip:
                continue
            editor = make_editor(param, layer.config.get(param.name))
            editor.check = lambda v, n=param.name, lay=layer: settings_problem(lay, {n: v})
            editor.committed.connect(lambda v, n=param.name: self._commit(n, v))
            label = QLabel(param.name)
            tip = param.doc or f"{param.name}: {param.kind.value}"
            label.setToolTip(tip)
            editor.setToolTip(tip)
            form.addRow(label, editor)
            self.editors[param.name] = editor
        if not self.editors:
            form.addRow(_muted(self.tr("This layer has no parameters.")))
        return box

    def _spec(self, class_name: str):
        if self._catalog is None or class_name not in self._catalog:
            return None
        return self._catalog.get(class_name)

    # ------------------------------------------------------------------ committing

    def _commit(self, key: str, value: Any) -> None:
        if self.node_id is None:
            return
        graph = self._controller.graph
        layer_id = graph.nodes[self.node_id].layer_id
        self._committing = True
        try:
            ok = self._controller.push(
                operations.set_params(graph, layer_id, **{key: value}),
                self.tr("Set {0}").format(key),
            )
        finally:
            self._committing = False
        if not ok:
            self.rebuild()


def _params_for(layer: Layer, spec) -> list[ParamSpec]:
    """The layer's config keys as specs: catalog order, required first, unknown keys last."""
    known = {p.name: p for p in spec.params} if spec is not None else {}
    ordered = [p for p in known.values() if p.name in layer.config]
    ordered.sort(key=lambda p: not p.required)
    extra = [
        ParamSpec(key, ParamKind.OTHER, default=value, nullable=True)
        for key, value in layer.config.items()
        if key not in known
    ]
    return ordered + extra


def _muted(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    set_role(label, "muted")
    return label
