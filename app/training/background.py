"""Run a slow function (Keras, scikit-learn imports, file reading) off the GUI thread."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal


class Background(QObject):
    """Runs functions in daemon threads and calls back on the GUI thread.

    Signals are emitted from the worker thread; Qt queues them to this object's (GUI) thread.
    """

    _done = Signal(object, object, object)  # (callback, result, error)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._done.connect(self._deliver)
        self.pending = 0

    def run(
        self,
        function: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        """Call `function()` in a thread, then `on_done(result)` or `on_error(exc)` here."""
        self.pending += 1

        def target() -> None:
            try:
                result = function()
            except Exception as exc:  # reported to the user by on_error
                self._done.emit(on_error, None, exc)
            else:
                self._done.emit(on_done, result, None)

        threading.Thread(target=target, daemon=True).start()

    def _deliver(self, callback: Callable[[Any], None], result: Any, error: Any) -> None:
        self.pending -= 1
        callback(error if error is not None else result)
