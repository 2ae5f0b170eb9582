"""The "Group into model" dialog: what the selection gives, what it needs, and the new name.

It reads `engine.model.grouping.plan_group` and shows, before anything changes: the tensors that
flow in and out (with their shapes), Inputs that stay outside, the layers the group needs too
(offered with a check box, included by default), the end of a chain that becomes the group's
output, and a name field (default "block") checked as the user types. Group is enabled only
when the engine would accept it; the window then pushes one edit (one undo step).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from engine.errors import KerasCanvasError
from engine.model.graph import Graph, TensorRef
from engine.model.grouping import GroupPlan, check_group_name, plan_group
from engine.model.shapes import ShapeEngine, TensorSpec
from engine.model.summary import shape_text


class GroupDialog(QDialog):
    """Asks how to group `selection` of `graph` into a nested model.

    After `accepted`: `nodes()` are the calls to group (Inputs left out, needed layers added),
    `name()` the model's name.
    """

    def __init__(self, graph: Graph, selection: list[str], shapes: ShapeEngine,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("groupDialog")
        self.setWindowTitle(self.tr("Group into model"))
        self._graph = graph
        self._selection = list(selection)
        self._shapes = shapes
        self._plan = GroupPlan()
        self.intro = self._label(role="heading")
        self.members = self._label()
        self.left_out = self._label(role="muted")
        self.needs = self._label()
        self.include = QCheckBox()
        self.include.setChecked(True)
        self.include.toggled.connect(self._refresh)
        self.flow = self._label()
        self.ends = self._label(role="muted")
        self.refusal = self._label(role="error")
        self.name_edit = QLineEdit(graph.unique_name("block"))
        self.name_edit.setObjectName("groupName")
        self.name_edit.selectAll()
        self.name_edit.textChanged.connect(self._refresh)
        self.name_error = self._label(role="error")
        self.teaching = self._label(role="muted")
        self.teaching.setText(
            self.tr(
                "A model is called like a layer: double-click the block to go inside, and use "
                "Edit > Apply again to call it on other inputs with the same weights."
            )
        )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.group_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.group_button.setText(self.tr("Group"))
        self.group_button.setProperty("role", "primary")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()
        self._needs_asked = bool(self._incomplete().between or self._incomplete().other_calls)
        self._refresh()

    # ------------------------------------------------------------------ answers

    def nodes(self) -> list[str]:
        """The calls to group (what the plan says, not the raw selection)."""
        return list(self._plan.nodes)

    def name(self) -> str:
        return self.name_edit.text().strip()

    def plan(self) -> GroupPlan:
        return self._plan

    # ------------------------------------------------------------------ building

    def _label(self, role: str | None = None) -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        if role:
            label.setProperty("role", role)
        return label

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        for widget in (self.intro, self.members, self.left_out, self.needs, self.include,
                       self.flow, self.ends, self.refusal):  # fmt: skip
            layout.addWidget(widget)
        form = QFormLayout()
        form.addRow(self.tr("Name of the new model:"), self.name_edit)
        layout.addLayout(form)
        layout.addWidget(self.name_error)
        layout.addWidget(self.teaching)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    # ------------------------------------------------------------------ reading the plan

    def _incomplete(self) -> GroupPlan:
        return plan_group(self._graph, self._selection, self._shapes, complete=False)

    def _refresh(self) -> None:
        complete = self._needs_asked and self.include.isChecked()
        self._plan = plan = plan_group(self._graph, self._selection, self._shapes, complete)
        layers = [self._graph.layer_of(n).name for n in plan.nodes]
        if len(layers) == 1:
            self.intro.setText(self.tr("Group 1 layer into a nested model"))
        else:
            self.intro.setText(
                self.tr("Group {count} layers into a nested model").format(count=len(layers))
            )
        self.members.setText(", ".join(layers))
        self._show_left_out(plan)
        self._show_needs()
        self._show_flow(plan)
        self.refusal.setText(plan.refusal or "")
        self.refusal.setVisible(plan.refusal is not None)
        name_problem = self._name_problem()
        self.name_error.setText(name_problem or "")
        self.name_error.setVisible(name_problem is not None)
        self.group_button.setEnabled(plan.refusal is None and name_problem is None)

    def _show_left_out(self, plan: GroupPlan) -> None:
        names = self._names(plan.inputs_left_out)
        self.left_out.setText(
            self.tr(
                "{names} stays outside and feeds the group: a nested model gets Inputs of its own."
            ).format(names=names)
        )
        self.left_out.setVisible(bool(plan.inputs_left_out))

    def _show_needs(self) -> None:
        self.needs.setVisible(self._needs_asked)
        self.include.setVisible(self._needs_asked)
        if not self._needs_asked:
            return
        needed = self._incomplete()
        lines = []
        if len(needed.between) == 1:
            text = self.tr(
                "{names} lies between selected layers: the group must hold it, or it would "
                "read its own output."
            )
            lines.append(text.format(names=self._names(needed.between)))
        elif needed.between:
            text = self.tr(
                "{names} lie between selected layers: the group must hold them, or it would "
                "read its own output."
            )
            lines.append(text.format(names=self._names(needed.between)))
        if needed.other_calls:
            text = self.tr(
                "{names}: more calls of a selected shared layer, outside the selection. Its "
                "weights cannot be both inside and outside the group."
            )
            lines.append(text.format(names=self._names(needed.other_calls)))
        self.needs.setText("\n".join(lines))
        self.include.setText(
            self.tr("Include {names} in the group").format(
                names=self._names(needed.between + needed.other_calls)
            )
        )

    def _show_flow(self, plan: GroupPlan) -> None:
        ready = plan.refusal is None
        self.flow.setVisible(ready)
        self.ends.setVisible(ready and bool(plan.new_outputs))
        if not ready:
            return
        self.flow.setText(
            self.tr("Takes: {inputs}\nGives: {outputs}").format(
                inputs=self._tensors(plan.inputs, plan.input_specs),
                outputs=self._tensors(plan.outputs, plan.output_specs),
            )
        )
        self.ends.setText(
            self.tr(
                "Nothing reads {names} yet: its output becomes the group's output (mark the "
                "group as a model output, or connect it, afterwards)."
            ).format(names=self._names([ref.node_id for ref in plan.new_outputs]))
        )

    def _tensors(self, refs: list[TensorRef], specs: list[TensorSpec]) -> str:
        return "; ".join(
            f"{shape_text(spec.shape)} from '{self._graph.layer_of(ref.node_id).name}'"
            for ref, spec in zip(refs, specs, strict=True)
        )

    def _names(self, node_ids: list[str]) -> str:
        return ", ".join(f"'{self._graph.layer_of(n).name}'" for n in node_ids)

    def _name_problem(self) -> str | None:
        name = self.name()
        if not name:
            return self.tr("Give the new model a name.")
        try:
            check_group_name(self._graph, name)
        except KerasCanvasError as exc:
            if name in {layer.name for layer in self._graph.layers.values()}:
                return self.tr("'{name}' is taken: choose another name.").format(name=name)
            return str(exc)
        return None
