"""The settings form of the training panel: data, compile, fit and callbacks, as tabs.

The form's state is a flat dict of widget values (`state()` / `set_state()`), which is what the
project remembers (`document.project_extra["training"]`); `job_fields()` turns it into the parts
of an engine job (see engine.training.job), refusing what cannot be right before any process
starts. The Data tab shows only the rows that apply to the chosen source and validation.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
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

FILE_FILTER = QT_TRANSLATE_NOOP(
    "TrainingForm", "Data files (*.npz *.npy *.csv *.h5 *.hdf5);;All files (*)"
)


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
        self.addTab(_scroll(self._data_page()), self.tr("Data"))
        self.addTab(_scroll(self._compile_page()), self.tr("Compile"))
        self.addTab(_scroll(self._fit_page()), self.tr("Fit"))
        self.addTab(_scroll(self._callbacks_page()), self.tr("Callbacks"))
        self._backend_alone: str | None = None  # the backend to restore after several processes
        self.where = WhereToTrain()
        self.where.changed.connect(self._on_where_changed)
        self.addTab(_scroll(self.where), self.tr("Where"))
        self._on_source_changed()

    # ------------------------------------------------------------------ pages

    def _data_page(self) -> QWidget:
        page, form = _page()
        self._data_form = form
        source = self._combo(
            "source", DATA_SOURCES, self.tr("Where the training samples come from.")
        )
        source.currentIndexChanged.connect(self._on_source_changed)
        form.addRow(self.tr("Source"), source)
        samples = self._spin(
            "samples", 256, 1, 10_000_000, self.tr("How many random samples to make.")
        )
        self._data_row(self.tr("Samples"), "samples", samples)
        layouts = [
            (self.tr("Follow the model"), None),
            (self.tr("Images (side × side × 1)"), "images"),
            (self.tr("Flat vectors"), "vectors"),
        ]
        layout = self._combo(
            "layout", layouts, self.tr("How the images are shaped for the model's input.")
        )
        self._data_row(self.tr("Image layout"), "layout", layout)
        data_file = self._path_row("path", folder_for="fashion_mnist")
        self._data_row(self.tr("Data file"), "path", data_file)
        arrays = self._line(
            "arrays",
            self.tr(
                "name=file.npy, other=data.npz:key — map .npy files or container keys to the "
                "model's inputs and outputs by name (instead of one file)."
            ),
        )
        self._data_row(self.tr("Arrays"), "arrays", arrays)
        limit = self._spin(
            "limit", 0, 0, 10_000_000, self.tr("Train on the first N samples; 0 keeps all.")
        )
        limit.setSpecialValueText(self.tr("all samples"))  # what 0 means
        self._data_row(self.tr("Use first"), "limit", limit)
        to_cat = [(self.tr("Auto"), "auto"), (self.tr("Yes"), True), (self.tr("No"), False)]
        one_hot = self._combo(
            "to_categorical", to_cat, self.tr("to_categorical for integer labels.")
        )
        self._data_row(self.tr("One-hot labels"), "to_categorical", one_hot)
        weights = self._path_row("sample_weight")
        self._data_row(self.tr("Sample weights"), "sample_weight", weights)
        modes = [
            (self.tr("None"), "none"),
            (self.tr("Split off the training data"), "split"),
            (self.tr("Separate file"), "data"),
        ]
        val_mode = self._combo("val_mode", modes, _VALIDATION_HELP)
        val_mode.setCurrentIndex(1)  # a first run shows the validation curve the Learn tab explains
        val_mode.currentIndexChanged.connect(self._show_applicable_rows)
        form.addRow(self.tr("Validation"), val_mode)
        split = self._double(
            "validation_split", 0.2, 0.0, 0.95, 0.05, self.tr("Fraction held out.")
        )
        self._data_row(self.tr("Validation split"), "validation_split", split)
        self._data_row(self.tr("Validation file"), "val_path", self._path_row("val_path"))
        return page

    def _data_row(self, label: str, name: str, field: QWidget) -> None:
        self._data_form.addRow(label, field)  # type: ignore[union-attr]
        self._data_rows[name] = field

    def _compile_page(self) -> QWidget:
        page, form = _page()
        optimizer = self._combo("optimizer", [(n, n) for n in OPTIMIZERS], _OPTIMIZER_HELP)
        form.addRow(self.tr("Optimizer"), optimizer)
        # up to 1e9: a class may want to see what a learning rate far too high does (NaN)
        lr = self._double(
            "learning_rate", 0.001, 0.0, 1e9, 0.0005, self.tr("Size of each step."), 6
        )
        form.addRow(self.tr("Learning rate"), lr)
        momentum = self._double("momentum", 0.0, 0.0, 1.0, 0.05, self.tr("SGD/RMSprop only."))
        form.addRow(self.tr("Momentum"), momentum)
        decay = self._double("weight_decay", 0.0, 0.0, 1.0, 0.0001, "", 6)
        form.addRow(self.tr("Weight decay"), decay)
        clip = self._double("clipnorm", 0.0, 0.0, 100.0, 0.5, self.tr("0: no clipping."))
        form.addRow(self.tr("Clip norm"), clip)
        form.addRow(self.outputs)
        return page

    def _fit_page(self) -> QWidget:
        page, form = _page()
        form.addRow(self.tr("Batch size"), self._spin("batch_size", 32, 1, 65536, _BATCH_HELP))
        form.addRow(self.tr("Epochs"), self._spin("epochs", 5, 1, 100000, _EPOCHS_HELP))
        initial = self._spin("initial_epoch", 0, 0, 100000, self.tr("Resume count."))
        form.addRow(self.tr("Initial epoch"), initial)
        shuffle = self._check("shuffle", True, self.tr("Shuffle samples every epoch."))
        form.addRow(self.tr("Shuffle"), shuffle)
        weights = self._line("class_weight", self.tr("0: 1.0, 1: 5.0 — weigh rare classes up."))
        form.addRow(self.tr("Class weights"), weights)
        verbose = [
            (self.tr("0 (silent)"), 0),
            (self.tr("1 (progress bar)"), 1),
            (self.tr("2 (one line per epoch)"), 2),
        ]
        verbose_box = self._combo("verbose", verbose, self.tr("Keras's console output."))
        form.addRow(self.tr("Verbose"), verbose_box)
        seed = self._spin("seed", 0, 0, 2**31 - 1, self.tr("Same seed, same run."))
        form.addRow(self.tr("Random seed"), seed)
        backends = [(b, b) for b in available_backends()]
        backend = self._combo("backend", backends, self.tr("Installed Keras backends."))
        form.addRow(self.tr("Backend"), backend)
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
            validation = {"source": "files", "path": _required(v["val_path"], _NO_VALIDATION_FILE)}
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
                spec["path"] = _required(v["path"], _NO_DATA_FILE)
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
            self.tr("Installed Keras backends.")
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
        fashion = source == "fashion_mnist"
        path_label.setText(self.tr("IDX folder") if fashion else self.tr("Data file"))
        empty = self.tr("Empty: the installed dataset")
        placeholder = empty if fashion else self.tr(".npz, .npy, .csv or .h5")
        self.fields["path"].setPlaceholderText(placeholder)  # type: ignore[attr-defined]

    # ------------------------------------------------------------------ widgets

    def _register(self, name: str, widget: QWidget, help_text: str) -> QWidget:
        widget.setToolTip(self.tr(help_text))  # a marked constant, or a text already translated
        widget.setObjectName(f"training_{name}")
        self.fields[name] = widget
        for signal in ("currentIndexChanged", "valueChanged", "textChanged", "toggled"):
            if hasattr(widget, signal):
                getattr(widget, signal).connect(self.changed)
                break
        return widget

    def _combo(self, name: str, items: list[tuple[str, Any]], help_text: str) -> QComboBox:
        combo = QComboBox()
        # a long choice ("Dummy data (random, fits any model)") is elided in a narrow panel,
        # instead of widening the form past the panel's edge and clipping every field
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(10)
        for label, data in items:
            combo.addItem(self.tr(label), data)  # marked constants translate here
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
        box = QCheckBox(self.tr(text) if text else text)
        box.setChecked(value)
        return self._register(name, box, help_text)  # type: ignore[return-value]

    def _line(self, name: str, help_text: str) -> QLineEdit:
        line = QLineEdit()
        line.setPlaceholderText(self.tr(help_text).split(" — ")[0])
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
        widget.setToolTip(self.tr(label))
        return widget

    def _path_row(self, name: str, folder_for: str | None = None) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        line = self._line(
            name, self.tr(".npz, .npy, .csv or .h5 — arrays named after inputs/outputs.")
        )
        browse = QPushButton(self.tr("Browse…"))

        def pick() -> None:
            if folder_for and self.value("source") == folder_for:
                path = QFileDialog.getExistingDirectory(self, self.tr("Fashion-MNIST folder"))
            else:
                path, _ = QFileDialog.getOpenFileName(
                    self, self.tr("Data file"), "", self.tr(FILE_FILTER)
                )
            if path:
                line.setText(path)

        browse.clicked.connect(pick)
        layout.addWidget(line, 1)
        layout.addWidget(browse)
        return row


_BATCH_HELP = QT_TRANSLATE_NOOP(
    "TrainingForm",
    "Samples per gradient step (mini-batch gradient descent): the model sees this many "
    "samples, averages their loss and updates its weights once.",
)
_EPOCHS_HELP = QT_TRANSLATE_NOOP("TrainingForm", "Passes over the whole training data.")
_VALIDATION_HELP = QT_TRANSLATE_NOOP(
    "TrainingForm", "Data the model never trains on, to see whether it generalizes."
)
_OPTIMIZER_HELP = QT_TRANSLATE_NOOP(
    "TrainingForm", "The rule that turns gradients into weight updates."
)
_NO_DATA_FILE = QT_TRANSLATE_NOOP("TrainingForm", "Choose a data file. Received: an empty path")
_NO_VALIDATION_FILE = QT_TRANSLATE_NOOP(
    "TrainingForm", "Choose a validation file. Received: an empty path"
)


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
    """`path`, or a JobError saying which file to choose (`what`: a marked text)."""
    if not path.strip():
        raise JobError(QCoreApplication.translate("TrainingForm", what))
    return path.strip()


def _parse_arrays(text: str) -> dict[str, str]:
    arrays = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, sep, ref = part.partition("=")
        if not sep or not name.strip() or not ref.strip():
            message = QCoreApplication.translate(
                "TrainingForm",
                "Arrays are written name=file, separated by commas. Received: {0}",
            )
            raise JobError(message.format(repr(part)))
        arrays[name.strip()] = ref.strip()
    return arrays
