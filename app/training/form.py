"""The settings form of the training panel: data, compile, fit and callbacks, as tabs.

The form's state is a flat dict of widget values (`state()` / `set_state()`), which is what the
project remembers (`document.project_extra["training"]`); `job_fields()` turns it into the parts
of an engine job (see engine.training.job), refusing what cannot be right before any process
starts. The Data tab shows only the rows that apply to the chosen source and validation.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QWidget,
)

from app.training.form_fields import (
    CALLBACK_FIELDS,
    DATA_SOURCES,
    OPTIMIZERS,
    OutputsTable,
    parse_class_weight,
)
from app.training.where import THIS_PROCESS, WhereToTrain
from engine.training.backends import available_backends
from engine.training.errors import JobError
from engine.training.job import available_callbacks

FILE_FILTER = "Data files (*.npz *.npy *.csv *.h5 *.hdf5);;All files (*)"


class TrainingForm(QTabWidget):
    """Tabs of training settings.

    Signals:
        changed(): a setting changed (the panel saves the state into the project).
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields: dict[str, QWidget] = {}
        self._data_rows: dict[str, QWidget] = {}  # setting -> its row's field on the Data tab
        self._data_form: QFormLayout | None = None
        self.outputs = OutputsTable()
        self.outputs.changed.connect(self.changed)
        self.addTab(_scroll(self._data_page()), "Data")
        self.addTab(_scroll(self._compile_page()), "Compile")
        self.addTab(_scroll(self._fit_page()), "Fit")
        self.addTab(_scroll(self._callbacks_page()), "Callbacks")
        self._backend_alone: str | None = None  # the backend to restore after several processes
        self.where = WhereToTrain()
        self.where.changed.connect(self._on_where_changed)
        self.addTab(_scroll(self.where), self.tr("Where"))
        self._on_source_changed()

    # ------------------------------------------------------------------ pages

    def _data_page(self) -> QWidget:
        page, form = _page()
        self._data_form = form
        source = self._combo("source", DATA_SOURCES, "Where the training samples come from.")
        source.currentIndexChanged.connect(self._on_source_changed)
        form.addRow("Source", source)
        samples = self._spin("samples", 256, 1, 10_000_000, "How many random samples to make.")
        self._data_row("Samples", "samples", samples)
        layouts = [
            ("Follow the model", None),
            ("Images (side × side × 1)", "images"),
            ("Flat vectors", "vectors"),
        ]
        layout = self._combo("layout", layouts, "How the images are shaped for the model's input.")
        self._data_row("Image layout", "layout", layout)
        self._data_row("Data file", "path", self._path_row("path", folder_for="fashion_mnist"))
        arrays = self._line(
            "arrays",
            "name=file.npy, other=data.npz:key — map .npy files or container keys to the "
            "model's inputs and outputs by name (instead of one file).",
        )
        self._data_row("Arrays", "arrays", arrays)
        limit = self._spin("limit", 0, 0, 10_000_000, "Train on the first N samples; 0 keeps all.")
        limit.setSpecialValueText("all samples")  # what 0 means
        self._data_row("Use first", "limit", limit)
        to_cat = [("Auto", "auto"), ("Yes", True), ("No", False)]
        one_hot = self._combo("to_categorical", to_cat, "to_categorical for integer labels.")
        self._data_row("One-hot labels", "to_categorical", one_hot)
        self._data_row("Sample weights", "sample_weight", self._path_row("sample_weight"))
        modes = [
            ("None", "none"),
            ("Split off the training data", "split"),
            ("Separate file", "data"),
        ]
        val_mode = self._combo("val_mode", modes, _VALIDATION_HELP)
        val_mode.setCurrentIndex(1)  # a first run shows the validation curve the Learn tab explains
        val_mode.currentIndexChanged.connect(self._show_applicable_rows)
        form.addRow("Validation", val_mode)
        split = self._double("validation_split", 0.2, 0.0, 0.95, 0.05, "Fraction held out.")
        self._data_row("Validation split", "validation_split", split)
        self._data_row("Validation file", "val_path", self._path_row("val_path"))
        return page

    def _data_row(self, label: str, name: str, field: QWidget) -> None:
        self._data_form.addRow(label, field)  # type: ignore[union-attr]
        self._data_rows[name] = field

    def _compile_page(self) -> QWidget:
        page, form = _page()
        optimizer = self._combo("optimizer", [(n, n) for n in OPTIMIZERS], _OPTIMIZER_HELP)
        form.addRow("Optimizer", optimizer)
        # up to 1e9: a class may want to see what a learning rate far too high does (NaN)
        lr = self._double("learning_rate", 0.001, 0.0, 1e9, 0.0005, "Size of each step.", 6)
        form.addRow("Learning rate", lr)
        form.addRow("Momentum", self._double("momentum", 0.0, 0.0, 1.0, 0.05, "SGD/RMSprop only."))
        form.addRow("Weight decay", self._double("weight_decay", 0.0, 0.0, 1.0, 0.0001, "", 6))
        form.addRow("Clip norm", self._double("clipnorm", 0.0, 0.0, 100.0, 0.5, "0: no clipping."))
        form.addRow(self.outputs)
        return page

    def _fit_page(self) -> QWidget:
        page, form = _page()
        form.addRow("Batch size", self._spin("batch_size", 32, 1, 65536, _BATCH_HELP))
        form.addRow("Epochs", self._spin("epochs", 5, 1, 100000, _EPOCHS_HELP))
        form.addRow("Initial epoch", self._spin("initial_epoch", 0, 0, 100000, "Resume count."))
        form.addRow("Shuffle", self._check("shuffle", True, "Shuffle samples every epoch."))
        form.addRow(
            "Class weights", self._line("class_weight", "0: 1.0, 1: 5.0 — weigh rare classes up.")
        )
        verbose = [("0 (silent)", 0), ("1 (progress bar)", 1), ("2 (one line per epoch)", 2)]
        form.addRow("Verbose", self._combo("verbose", verbose, "Keras's console output."))
        form.addRow("Random seed", self._spin("seed", 0, 0, 2**31 - 1, "Same seed, same run."))
        backends = [(b, b) for b in available_backends()]
        form.addRow("Backend", self._combo("backend", backends, "Installed Keras backends."))
        return page

    def _callbacks_page(self) -> QWidget:
        page, form = _page()
        offered = available_callbacks()
        for name, (help_text, params) in CALLBACK_FIELDS.items():
            if name not in offered:
                continue
            row = QWidget()
            layout = QHBoxLayout(row)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.addWidget(self._check(f"cb_{name}", False, help_text, text=name))
            for key, label, default in params:
                layout.addWidget(self._param_widget(f"{name}.{key}", label, default))
            layout.addStretch(1)
            form.addRow(row)
        return page

    # ------------------------------------------------------------------ state

    def state(self) -> dict[str, Any]:
        """The form's values, JSON-able (what the project remembers)."""
        values = {name: _value(widget) for name, widget in self.fields.items()}
        values["outputs"] = self.outputs.state()
        values["where"] = self.where.state()
        return values

    def set_state(self, values: dict[str, Any]) -> None:
        """Show saved values; unknown keys are ignored, missing ones keep their value."""
        for name, value in values.items():
            widget = self.fields.get(name)
            if widget is not None and value is not None:
                widget.blockSignals(True)
                _set_value(widget, value)
                widget.blockSignals(False)
        self.outputs.set_state(values.get("outputs") or {})
        self.where.set_state(values.get("where") or {})
        self._on_where_changed()
        self._on_source_changed()

    def set_outputs(self, names: list[str]) -> None:
        """The model's output names, one row each for loss, weight and metrics."""
        self.outputs.set_outputs(names)

    def value(self, name: str) -> Any:
        return _value(self.fields[name])

    def set_value(self, name: str, value: Any) -> None:
        _set_value(self.fields[name], value)

    def job_fields(self) -> dict[str, Any]:
        """The job's compile, fit, data, validation, backend and seed.

        Raises:
            JobError: a setting is unusable (no file chosen, unreadable class weights, ...).
        """
        v = self.state()
        fit = {k: v[k] for k in ("batch_size", "epochs", "initial_epoch", "shuffle", "verbose")}
        fit["class_weight"] = parse_class_weight(v["class_weight"])
        fit["callbacks"] = self._callbacks(v)
        validation = None
        if v["val_mode"] == "split":
            fit["validation_split"] = v["validation_split"]
        elif v["val_mode"] == "data":
            validation = {"source": "files", "path": _required(v["val_path"], "validation file")}
        distribution = self.where.distribution()
        return {
            "compile": self._compile(v),
            "fit": fit,
            "data": self.data_spec(),
            "validation_data": validation,
            # Keras's distribution API runs on JAX
            "backend": "jax" if distribution else v["backend"],
            "seed": v["seed"],
            "distribution": distribution,
            "hang_timeout": self.where.hang_timeout.value(),
        }

    def data_spec(self) -> dict[str, Any]:
        """The data spec of the chosen source (see engine.training.data)."""
        v = self.state()
        source = v["source"]
        spec: dict[str, Any] = {"source": source}
        if source == "dummy":
            spec["samples"] = v["samples"]
        elif source == "digits" and v["layout"]:
            spec["layout"] = v["layout"]
        elif source == "fashion_mnist":
            if v["layout"]:
                spec["layout"] = v["layout"]
            if v["path"]:
                spec["path"] = v["path"]
        elif source == "files":
            if v["arrays"].strip():
                spec["arrays"] = _parse_arrays(v["arrays"])
            else:
                spec["path"] = _required(v["path"], "data file")
        if source == "dummy":  # random data: the other settings do not apply (nor show)
            return spec
        if v["limit"]:
            spec["limit"] = v["limit"]
        spec["to_categorical"] = v["to_categorical"]
        if v["sample_weight"]:
            spec["sample_weight"] = v["sample_weight"]
        return spec

    def _compile(self, v: dict[str, Any]) -> dict[str, Any]:
        spec: dict[str, Any] = {"optimizer": v["optimizer"], "learning_rate": v["learning_rate"]}
        if v["optimizer"] in ("sgd", "rmsprop") and v["momentum"]:
            spec["momentum"] = v["momentum"]
        for name in ("weight_decay", "clipnorm"):
            if v[name]:
                spec[name] = v[name]
        spec.update(self.outputs.compile_fields())
        return spec

    def _callbacks(self, v: dict[str, Any]) -> list[dict[str, Any]]:
        chosen = []
        for name, (_help, params) in CALLBACK_FIELDS.items():
            if v.get(f"cb_{name}"):
                config = {key: v[f"{name}.{key}"] for key, _label, _default in params}
                chosen.append({"class_name": name, "config": config})
        return chosen

    def _on_where_changed(self) -> None:
        """Several processes train on JAX: the Fit tab's backend says so and stays there; back to
        this process, the backend chosen before comes back."""
        backend = self.fields["backend"]
        alone = self.where.where == THIS_PROCESS
        if not alone and backend.isEnabled():
            self._backend_alone = _value(backend)
            if backend.findData("jax") >= 0:  # type: ignore[attr-defined]
                _set_value(backend, "jax")
        elif alone and not backend.isEnabled() and self._backend_alone:
            _set_value(backend, self._backend_alone)
        backend.setEnabled(alone)
        backend.setToolTip(
            "Installed Keras backends."
            if alone
            else self.tr("Several processes train on JAX (Keras's distribution API).")
        )
        self.changed.emit()

    def _on_source_changed(self) -> None:
        self._show_applicable_rows()
        self.changed.emit()

    def row_shown(self, name: str) -> bool:
        """Whether the Data tab shows the row of setting `name` (it applies to the source)."""
        return self._data_form.isRowVisible(self._data_rows[name])  # type: ignore[union-attr]

    def _show_applicable_rows(self) -> None:
        """Show only the Data rows that the chosen source and validation mode use."""
        source, val_mode = self.value("source"), self.value("val_mode")
        applies = {
            "samples": source == "dummy",
            "layout": source in ("digits", "fashion_mnist"),
            "path": source in ("files", "fashion_mnist"),
            "arrays": source == "files",
            "limit": source != "dummy",
            "to_categorical": source != "dummy",
            "sample_weight": source != "dummy",
            "validation_split": val_mode == "split",
            "val_path": val_mode == "data",
        }
        form = self._data_form
        for name, shown in applies.items():
            form.setRowVisible(self._data_rows[name], shown)  # type: ignore[union-attr]
        path_label = form.labelForField(self._data_rows["path"])  # type: ignore[union-attr]
        path_label.setText("IDX folder" if source == "fashion_mnist" else "Data file")
        self.fields["path"].setPlaceholderText(  # type: ignore[attr-defined]
            "Empty: the installed dataset"
            if source == "fashion_mnist"
            else ".npz, .npy, .csv or .h5"
        )

    # ------------------------------------------------------------------ widgets

    def _register(self, name: str, widget: QWidget, help_text: str) -> QWidget:
        widget.setToolTip(help_text)
        widget.setObjectName(f"training_{name}")
        self.fields[name] = widget
        for signal in ("currentIndexChanged", "valueChanged", "textChanged", "toggled"):
            if hasattr(widget, signal):
                getattr(widget, signal).connect(self.changed)
                break
        return widget

    def _combo(self, name: str, items: list[tuple[str, Any]], help_text: str) -> QComboBox:
        combo = QComboBox()
        for label, data in items:
            combo.addItem(label, data)
        return self._register(name, combo, help_text)  # type: ignore[return-value]

    def _spin(self, name: str, value: int, low: int, high: int, help_text: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(low, high)
        spin.setValue(value)
        return self._register(name, spin, help_text)  # type: ignore[return-value]

    def _double(
        self, name: str, value: float, low: float, high: float, step: float, help_text: str,
        decimals: int = 3,
    ) -> QDoubleSpinBox:  # fmt: skip
        spin = QDoubleSpinBox()
        spin.setDecimals(decimals)
        spin.setRange(low, high)
        spin.setSingleStep(step)
        spin.setValue(value)
        return self._register(name, spin, help_text)  # type: ignore[return-value]

    def _check(self, name: str, value: bool, help_text: str, text: str = "") -> QCheckBox:
        box = QCheckBox(text)
        box.setChecked(value)
        return self._register(name, box, help_text)  # type: ignore[return-value]

    def _line(self, name: str, help_text: str) -> QLineEdit:
        line = QLineEdit()
        line.setPlaceholderText(help_text.split(" — ")[0])
        return self._register(name, line, help_text)  # type: ignore[return-value]

    def _param_widget(self, name: str, label: str, default: Any) -> QWidget:
        if isinstance(default, bool):
            return self._check(name, default, label, text=label)
        if isinstance(default, int):
            widget: QWidget = self._spin(name, default, 0, 10000, label)
        elif isinstance(default, float):
            widget = self._double(name, default, 0.0, 1.0, 0.05, label)
        else:
            widget = self._line(name, label)
            widget.setText(default)  # type: ignore[attr-defined]
            widget.setMaximumWidth(130)
        widget.setToolTip(label)
        return widget

    def _path_row(self, name: str, folder_for: str | None = None) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        line = self._line(name, ".npz, .npy, .csv or .h5 — arrays named after inputs/outputs.")
        browse = QPushButton("Browse…")

        def pick() -> None:
            if folder_for and self.value("source") == folder_for:
                path = QFileDialog.getExistingDirectory(self, "Fashion-MNIST folder")
            else:
                path, _ = QFileDialog.getOpenFileName(self, "Data file", "", FILE_FILTER)
            if path:
                line.setText(path)

        browse.clicked.connect(pick)
        layout.addWidget(line, 1)
        layout.addWidget(browse)
        return row


_BATCH_HELP = (
    "Samples per gradient step (mini-batch gradient descent): the model sees this many "
    "samples, averages their loss and updates its weights once."
)
_EPOCHS_HELP = "Passes over the whole training data."
_VALIDATION_HELP = "Data the model never trains on, to see whether it generalizes."
_OPTIMIZER_HELP = "The rule that turns gradients into weight updates."


def _page() -> tuple[QWidget, QFormLayout]:
    page = QWidget()
    form = QFormLayout(page)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return page, form


def _scroll(page: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(page)
    return area


def _value(widget: QWidget) -> Any:
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, (QSpinBox, QDoubleSpinBox)):
        return widget.value()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    return widget.text()  # type: ignore[attr-defined]


def _set_value(widget: QWidget, value: Any) -> None:
    if isinstance(widget, QComboBox):
        index = widget.findData(value)
        if index >= 0:
            widget.setCurrentIndex(index)
    elif isinstance(widget, (QSpinBox, QDoubleSpinBox)):
        widget.setValue(value)
    elif isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    else:
        widget.setText(str(value))  # type: ignore[attr-defined]


def _required(path: str, what: str) -> str:
    if not path.strip():
        raise JobError(f"Choose a {what}. Received: an empty path")
    return path.strip()


def _parse_arrays(text: str) -> dict[str, str]:
    arrays = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, sep, ref = part.partition("=")
        if not sep or not name.strip() or not ref.strip():
            raise JobError(f"Arrays are written name=file, separated by commas. Received: {part!r}")
        arrays[name.strip()] = ref.strip()
    return arrays
