"""The "Look inside" tab: choose a sample to run through the model and how to watch training.

A sample is, for each model input: a row of the chosen training data (an index slider shows
the image or the numbers and the label), a drawing on a paint pad (8 x 8 and 28 x 28 grey
inputs), or an image file resized to the input. The tab also says which weights the cards
show (the last run's, or untrained ones), how often a fit refreshes the thumbnails, and
whether it streams training health. It holds only widget state; `look_runner` sends the jobs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QImage, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.engine_text import engine_text
from app.style import set_role
from app.training.sample_pages import PREVIEW_PIXELS, DataPage, DrawingPage, ImagePage, pixmap
from app.training.sample_source import SampleRows, as_image, image_side
from engine.training.signature import ModelSignature

IMAGE_FILTER = QT_TRANSLATE_NOOP(
    "SampleChooser", "Images (*.png *.jpg *.jpeg *.bmp *.gif *.tif *.tiff *.webp);;All files (*)"
)
DATA, DRAWING, IMAGE = "data", "drawing", "image"


class SampleChooser(QWidget):
    """The Look inside tab.

    Signals:
        show_requested(): "Show on the cards" was pressed.
        hide_requested(): "Hide" was pressed.
        sample_changed(): the sample is another one (the owner refreshes shown thumbnails).
    """

    show_requested = Signal()
    hide_requested = Signal()
    sample_changed = Signal()
    shown = Signal()  # the tab became visible (its rows are read then)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.signature: ModelSignature | None = None
        self.rows: SampleRows | None = None
        self._choices: dict[str, tuple[str, Any]] = {}  # input name -> (kind, drawing / path)
        self._build()
        self._connect()
        self._show_kind()

    # ------------------------------------------------------------------ building

    def _build(self) -> None:
        self.input_combo = QComboBox()
        self.input_combo.setToolTip(self.tr("Each input of the model gets its own sample."))
        self.kind_combo = QComboBox()
        for text, kind in ((self.tr("A row of the training data"), DATA),
                           (self.tr("A drawing"), DRAWING),
                           (self.tr("An image file"), IMAGE)):  # fmt: skip
            self.kind_combo.addItem(text, kind)
        self.data_page, self.drawing_page, self.image_page = DataPage(), DrawingPage(), ImagePage()
        self.pages = QStackedWidget()
        for page in (self.data_page, self.drawing_page, self.image_page):
            self.pages.addWidget(page)
        # the widgets the chooser reads and sets, by their own names
        self.index_slider, self.index_spin = self.data_page.slider, self.data_page.spin
        self.preview, self.label_text = self.data_page.preview, self.data_page.label_text
        self.data_note = self.data_page.note
        self.pad, self.drawing_note = self.drawing_page.pad, self.drawing_page.note
        self.path_edit, self.image_preview = self.image_page.path_edit, self.image_page.preview
        self.image_page.browse.clicked.connect(self._browse)
        self.weights_combo = QComboBox()
        self.weights_combo.addItem(self.tr("The last run's weights"), "last")
        self.weights_combo.addItem(self.tr("Untrained weights"), "untrained")
        self.weights_combo.setToolTip(
            self.tr("While a fit runs, the cards always show its current weights.")
        )
        self.refresh_combo = QComboBox()
        self.refresh_combo.addItem(self.tr("every epoch"), "epoch")
        self.refresh_combo.addItem(self.tr("every N batches"), "batches")
        self.every_spin = QSpinBox()
        self.every_spin.setRange(1, 100000)
        self.every_spin.setValue(20)
        self.every_spin.setSuffix(self.tr(" batches"))
        self.while_training = QCheckBox(self.tr("Thumbnails while training"))
        self.while_training.setChecked(True)
        self.while_training.setToolTip(
            self.tr("A fit shows the sample on the cards again as it learns.")
        )
        self.health_check = QCheckBox(self.tr("Training health on the cards"))
        self.health_check.setChecked(True)
        self.health_check.setToolTip(
            self.tr("Per layer: weight size, how much a step changes it, gradients, dead units, "
                    "NaN. It takes at most 5 % of the training time.")
        )  # fmt: skip
        self.show_button = QPushButton(self.tr("Show on the cards"))
        set_role(self.show_button, "primary")
        self.show_button.setToolTip(self.tr("Run the sample through every node once."))
        self.hide_button = QPushButton(self.tr("Hide"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        set_role(self.status, "muted")
        form = QFormLayout()
        self.input_label = QLabel(self.tr("Input"))
        form.addRow(self.input_label, self.input_combo)
        form.addRow(self.tr("Sample"), self.kind_combo)
        options = QFormLayout()
        options.addRow(self.tr("Weights"), self.weights_combo)
        refresh = QHBoxLayout()
        refresh.addWidget(self.refresh_combo)
        refresh.addWidget(self.every_spin)
        refresh.addStretch(1)
        options.addRow(self.tr("Refresh"), refresh)
        options.addRow(self.while_training)
        options.addRow(self.health_check)
        # said when Where to train is several processes: process 0 alone cannot run the model
        self.one_process_note = QLabel(
            self.tr("Thumbnails and health while training need a run in this process (Where "
                    "to train). A run of several processes trains without them; show a sample "
                    "once it ends.")
        )  # fmt: skip
        self.one_process_note.setWordWrap(True)
        set_role(self.one_process_note, "muted")
        self.one_process_note.hide()
        options.addRow(self.one_process_note)
        buttons = QHBoxLayout()
        buttons.addWidget(self.show_button)
        buttons.addWidget(self.hide_button)
        buttons.addStretch(1)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(self.pages, 1)
        right = QVBoxLayout()
        right.addLayout(options)
        right.addLayout(buttons)
        right.addWidget(self.status)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addSpacing(12)
        layout.addLayout(right, 2)

    def _connect(self) -> None:
        self.kind_combo.currentIndexChanged.connect(self._on_kind_changed)
        self.input_combo.currentIndexChanged.connect(self._show_kind)
        self.index_spin.valueChanged.connect(self._on_index_changed)
        self.pad.changed.connect(self._on_drawing_changed)
        self.path_edit.editingFinished.connect(self._on_path_changed)
        self.refresh_combo.currentIndexChanged.connect(
            lambda: self.every_spin.setEnabled(
                self.refresh_combo.isEnabled() and self.refresh_combo.currentData() == "batches"
            )
        )
        self.every_spin.setEnabled(False)
        self.show_button.clicked.connect(self.show_requested)
        self.hide_button.clicked.connect(self.hide_requested)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.shown.emit()

    # ------------------------------------------------------------------ the model and its data

    def set_model(self, signature: ModelSignature | None) -> None:
        """The model's inputs (None: the graph cannot run yet)."""
        self.signature = signature
        names = signature.input_names() if signature else []
        self.input_combo.blockSignals(True)
        self.input_combo.clear()
        self.input_combo.addItems(names)
        self.input_combo.blockSignals(False)
        several = len(names) > 1
        self.input_combo.setVisible(several)
        self.input_label.setVisible(several)
        self._choices = {n: c for n, c in self._choices.items() if n in names}
        self._show_kind()

    def set_rows(self, rows: SampleRows | None, message: str = "") -> None:
        """The chosen data's rows (None, with why, when they cannot be read)."""
        self.rows = rows
        count = rows.count if rows else 0
        for widget in (self.index_slider, self.index_spin):
            widget.blockSignals(True)
            widget.setRange(0, max(count - 1, 0))
            widget.blockSignals(False)
        self.index_slider.setEnabled(count > 1)
        self.index_spin.setEnabled(count > 1)
        self.data_note.setText(engine_text(rows.description if rows else message))
        self._show_row()

    # ------------------------------------------------------------------ what the user chose

    def current_input(self) -> str | None:
        return self.input_combo.currentText() or (
            self.signature.input_names()[0] if self.signature and self.signature.inputs else None
        )

    def index(self) -> int:
        return self.index_spin.value()

    def sample_spec(self) -> dict[str, Any]:
        """The `look.sample` of a job (engine.training.look_spec)."""
        inputs: dict[str, Any] = {}
        for name, (kind, payload) in self._choices.items():
            if kind == DRAWING and payload is not None:
                inputs[name] = {"values": _drawing_for(payload, self._input_shape(name))}
            elif kind == IMAGE and payload:
                inputs[name] = {"image": payload}
        return {"index": self.index(), "inputs": inputs}

    def weights_choice(self) -> str:
        return str(self.weights_combo.currentData())

    def set_one_process(self, alone: bool) -> None:
        """Whether fits run in one process (thumbnails and health while training work there)."""
        for widget in (self.while_training, self.health_check, self.refresh_combo):
            widget.setEnabled(alone)
        self.every_spin.setEnabled(alone and self.refresh_combo.currentData() == "batches")
        self.one_process_note.setVisible(not alone)

    def look_fields(self, with_sample: bool) -> dict[str, Any]:
        """The `look` field of a fit: the sample (when thumbnails are wanted) and health."""
        every: Any = "epoch"
        if self.refresh_combo.currentData() == "batches":
            every = self.every_spin.value()
        alone = self.one_process_note.isHidden()
        wanted = with_sample and alone and self.while_training.isChecked()
        sample = self.sample_spec() if wanted else None
        return {"sample": sample, "every": every,
                "health": alone and self.health_check.isChecked()}  # fmt: skip

    def describe(self) -> str:
        """ "digits #3 (label 3)", "a drawing", "cat.png" for the legend."""
        parts = []
        for name in self.signature.input_names() if self.signature else []:
            kind, payload = self._choices.get(name, (DATA, None))
            if kind == DRAWING:
                parts.append(self.tr("a drawing"))
            elif kind == IMAGE and payload:
                parts.append(Path(payload).name)
            elif self.rows is not None:
                label = self.rows.label_text(self.index())
                source = self.rows.description.split(" (")[0]
                text = f"{source} #{self.index()}"
                parts.append(self.tr("{text} (label {label})").format(text=text, label=label)
                             if label else text)  # fmt: skip
        unique = list(dict.fromkeys(parts))
        return ", ".join(unique) or self.tr("sample #{index}").format(index=self.index())

    # ------------------------------------------------------------------ reacting

    def _input_shape(self, name: str) -> tuple[int | None, ...]:
        for spec in self.signature.inputs if self.signature else ():
            if spec.name == name:
                return tuple(spec.shape)
        return ()

    def _on_kind_changed(self) -> None:
        name = self.current_input()
        if name is None:
            return
        kind = self.kind_combo.currentData()
        previous = self._choices.get(name, (DATA, None))
        payload = previous[1] if previous[0] == kind else None
        if kind == DATA:
            self._choices.pop(name, None)
        else:
            self._choices[name] = (kind, payload)
        self._show_kind()
        self.sample_changed.emit()

    def _show_kind(self) -> None:
        name = self.current_input()
        kind, payload = self._choices.get(name, (DATA, None)) if name else (DATA, None)
        self.kind_combo.blockSignals(True)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind))
        self.kind_combo.blockSignals(False)
        self.pages.setCurrentIndex((DATA, DRAWING, IMAGE).index(kind))
        side = image_side(self._input_shape(name)) if name else None
        self.pad.setEnabled(side is not None)
        if side is not None:
            self.pad.set_side(side)
            self.pad.set_values(payload if payload is not None else np.zeros((side, side)))
            self.drawing_note.setText(self.tr(
                "Draw a {side} × {side} grey picture: white is ink (1), black is paper (0), "
                "as in the digits datasets."
            ).format(side=side))  # fmt: skip
        else:
            self.drawing_note.setText(self.tr(
                "This input does not take a square grey picture (8 × 8 or 28 × 28)."
            ))  # fmt: skip
        self.path_edit.setText(payload if kind == IMAGE and payload else "")
        self._show_image_preview()
        self._show_row()

    def _on_index_changed(self) -> None:
        self._show_row()
        self.sample_changed.emit()

    def _on_drawing_changed(self) -> None:
        name = self.current_input()
        if name is not None:
            self._choices[name] = (DRAWING, self.pad.values.copy())
            self.sample_changed.emit()

    def _on_path_changed(self) -> None:
        name = self.current_input()
        path = self.path_edit.text().strip()
        if name is not None:
            self._choices[name] = (IMAGE, path or None)
            self._show_image_preview()
            self.sample_changed.emit()

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Image for the sample"), "", self.tr(IMAGE_FILTER)
        )
        if path:
            self.path_edit.setText(path)
            self._on_path_changed()

    def _show_row(self) -> None:
        name = self.current_input()
        rows = self.rows
        if rows is None or name is None or name not in rows.inputs or not rows.count:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(self.tr("no data"))
            self.label_text.setText("")
            return
        row = rows.inputs[name][self.index()]
        image = as_image(row)
        if image is None:
            self.preview.setPixmap(QPixmap())
            numbers = np.asarray(row).reshape(-1)
            text = ", ".join(f"{float(v):.3g}" for v in numbers[:12])
            self.preview.setText(text + (" …" if numbers.size > 12 else ""))
        else:
            self.preview.setPixmap(pixmap(image, PREVIEW_PIXELS))
        label = rows.label_text(self.index())
        self.label_text.setText(self.tr("label: {label}").format(label=label) if label else "")

    def _show_image_preview(self) -> None:
        path = self.path_edit.text().strip()
        image = QImage(path) if path else QImage()
        if image.isNull():
            self.image_preview.setPixmap(QPixmap())
            self.image_preview.setText(self.tr("cannot read") if path else "")
            return
        self.image_preview.setPixmap(QPixmap.fromImage(image).scaled(
            PREVIEW_PIXELS, PREVIEW_PIXELS, Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation))  # fmt: skip

    def show_status(self, text: str, error: bool = False) -> None:
        self.status.setText(engine_text(text))  # the worker's refusals are the engine's English
        set_role(self.status, "error" if error else "muted")


def _drawing_for(values: np.ndarray, shape: tuple[int | None, ...]) -> list:
    """The pad's values in the input's layout ((8, 8, 1), (8, 8) or (64,))."""
    dims = tuple(shape[1:])
    array = np.asarray(values, dtype="float32")
    if None not in dims and int(np.prod(dims)) == array.size:
        array = array.reshape(dims)
    return np.round(array, 4).tolist()
