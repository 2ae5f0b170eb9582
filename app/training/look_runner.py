"""What the Look inside tab asks of the worker: a sample through the model, now or in a fit.

"Show on the cards" sends an `activations` job (with the last run's weights, or untrained ones)
when the worker is free; during a fit it sends the sample to the fit, which shows it between two
batches. A fit started from the panel carries the tab's `look` field (the sample to refresh,
how often, training health). The rows of the chosen data are read in a background thread
whenever the data settings or the model change, for the index slider's preview.
"""

from __future__ import annotations

import logging
import tempfile
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from app.training.background import Background
from app.training.sample_chooser import SampleChooser
from app.training.sample_source import SampleRows, load_rows, model_signature

logger = logging.getLogger(__name__)


class LookRunner(QObject):
    """Owns the Look inside tab of a training panel.

    Signals:
        hidden(): the user hid the thumbnails.
        requested(): a sample was sent (a job or a message to the running fit).
    """

    hidden = Signal()
    requested = Signal()

    def __init__(self, panel: Any) -> None:
        super().__init__(panel)
        self.panel = panel
        self.chooser = SampleChooser()
        self.background = Background(self)
        self.active = False  # thumbnails are wanted on the cards
        self._loading = False
        self._reload_pending = False
        self._stale = True  # the rows shown are not those of the current settings
        self._rows_timer = QTimer(self, singleShot=True, interval=300)
        self._rows_timer.timeout.connect(self._reload_if_seen)
        self._sample_timer = QTimer(self, singleShot=True, interval=350)
        self._sample_timer.timeout.connect(self._on_sample_settled)
        self.chooser.show_requested.connect(self.show)
        self.chooser.hide_requested.connect(self.hide)
        self.chooser.sample_changed.connect(self._sample_timer.start)
        self.chooser.shown.connect(self._reload_if_seen)
        for changed in (panel.form.changed, panel.controller.changed,
                        panel.controller.document_replaced):  # fmt: skip
            changed.connect(self._settings_changed)
        panel.process.finished.connect(self._on_finished)
        panel.process.error.connect(self._on_error)
        panel.process.warning.connect(self._on_warning)

    def _on_finished(self, event: dict[str, Any]) -> None:
        if event.get("kind") == "activations":
            self.chooser.show_status(self.tr("Shown on the cards: hover or click a thumbnail."))

    def _on_warning(self, event: dict[str, Any]) -> None:
        if event.get("look"):  # a sample sent to the running fit was refused; the fit goes on
            self.chooser.show_status(str(event.get("message", "")), True)

    def _on_error(self, event: dict[str, Any]) -> None:
        if (self.panel.job or {}).get("kind") in (None, "activations") and self.active:
            self.chooser.show_status(str(event.get("message", "")), True)

    def _settings_changed(self) -> None:
        self._stale = True
        self._rows_timer.start()

    def _reload_if_seen(self) -> None:
        """Rows are read only for a tab someone looks at (reading the data takes seconds)."""
        if self._stale and (self.chooser.isVisible() or self.active):
            self.reload()

    # ------------------------------------------------------------------ data rows

    def reload(self) -> None:
        """Read the model's inputs and the chosen data's rows again (rows in a thread)."""
        self._stale = False
        try:
            signature = model_signature(self.panel.controller.document)
        except Exception as exc:  # an unfinished graph: no sample can run yet
            logger.debug("no signature for the sample chooser", exc_info=True)
            self.chooser.set_model(None)
            self.chooser.set_rows(None, str(exc))
            return
        if signature != self.chooser.signature:
            self.chooser.set_model(signature)
        if not signature.inputs:
            self.chooser.set_rows(None, self.tr("The model has no input yet."))
            return
        if self._loading:
            self._reload_pending = True
            return
        spec, seed = self.panel.form.data_spec(), self.panel.form.value("seed")
        self._loading = True
        self.background.run(
            lambda: load_rows(spec, signature, seed), self._on_rows, self._on_rows_failed
        )

    def _on_rows(self, rows: SampleRows) -> None:
        self._loading = False
        self.chooser.set_rows(rows)
        self._again()

    def _on_rows_failed(self, error: BaseException) -> None:
        self._loading = False
        self.chooser.set_rows(None, str(error))
        self._again()

    def _again(self) -> None:
        if self._reload_pending:
            self._reload_pending = False
            self.reload()

    # ------------------------------------------------------------------ running a sample

    def _ensure_model(self) -> None:
        """The model's inputs, if the tab has not read them yet (they are cached shapes)."""
        if self.chooser.signature is None:
            try:
                self.chooser.set_model(model_signature(self.panel.controller.document))
            except Exception:  # the job reports what is wrong with the model
                logger.debug("no signature for the sample", exc_info=True)

    def show(self) -> bool:
        """Run the chosen sample through the model and show it on the cards."""
        panel = self.panel
        self._ensure_model()
        if self.chooser.signature is None:
            self.chooser.show_status(self.tr("The model cannot run yet: see Problems."), True)
            return False
        self.active = True
        spec = self.chooser.sample_spec()
        if panel.process.busy:
            if (panel.job or {}).get("kind") == "fit":
                panel.process.look(spec)
                self.chooser.show_status(self.tr("The running fit shows it after this batch."))
                self.requested.emit()
                return True
            self.chooser.show_status(self.tr("Another job is running; try again when it ends."))
            return False
        weights = panel.actions.weights if self.chooser.weights_choice() == "last" else None
        started = panel.submit(
            "activations",
            look={"sample": spec},
            load_weights=weights,
            output_dir=tempfile.mkdtemp(prefix="kcanvas-look-"),
        )
        if started:
            self.chooser.show_status(self.tr("Running the sample through every node…"))
            self.requested.emit()
        else:
            self.chooser.show_status(panel.last_error, True)
        return started

    def hide(self) -> None:
        self.active = False
        self.chooser.show_status("")
        self.hidden.emit()

    def fit_fields(self) -> dict[str, Any]:
        """The `look` field of a fit started from the panel."""
        self._ensure_model()
        with_sample = self.chooser.signature is not None and self.chooser.while_training.isChecked()
        if with_sample:
            self.active = True
        return self.chooser.look_fields(with_sample)

    def _on_sample_settled(self) -> None:
        """Another sample was chosen: show it at once where thumbnails are already shown."""
        if self.active and (not self.panel.process.busy or (self.panel.job or {}).get("kind")
                            == "fit"):  # fmt: skip
            self.show()
