"""Switching the interface's language while the window is open (View → Language).

Every widget speaks the language installed when it was made, so the window rebuilds what it
shows (canvas, panels, status bar, menus) in the new language, in the same process, around the
same document. Why not retranslate each widget in place: each panel sets its texts where it
builds its widgets, and a retranslation method per panel would be a second copy of every text,
kept in step by hand; a rebuild speaks the new language everywhere by construction (a test
walks the whole window). Why not restart the program: Keras would load again (seconds to a
minute) and the undo history would be lost. Nothing of the work is lost here: the controller
keeps the document, its undo history, its file, the nested model shown and the selection; the
panels' arrangement, the canvas's zoom and scroll and the Explain panel's text size carry over.

What a rebuild cannot carry is a training job in flight (its worker reports to the panel that
started it): the user chooses to switch when the job ends, or to stop it now.
"""

from __future__ import annotations

import contextlib
import inspect
import logging
import warnings

from PySide6.QtCore import QCoreApplication, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QTransform
from PySide6.QtWidgets import QApplication, QMessageBox

from app.i18n import LANGUAGES, current_language, install_language, remember_language

logger = logging.getLogger(__name__)

WAIT, STOP, CANCEL = "wait", "stop", "cancel"
_QOBJECT_SIGNALS = ("destroyed", "objectNameChanged")


def set_language(window, language: str, answer: str | None = None) -> bool:
    """Switch `window` (a MainWindow) to `language` and keep the choice for the next start.

    Args:
        answer: while a training job runs, what to do (WAIT for its end, STOP it now, CANCEL);
            None asks the user.

    Returns:
        True when the window now speaks `language` (False: cancelled, or deferred until the
        training job ends).
    """
    if language not in LANGUAGES:
        raise ValueError(f"Unknown language {language!r}; known: {', '.join(LANGUAGES)}")
    if language == current_language():
        return True
    training = window.training
    if training.process.busy:
        answer = answer or _ask_about_training(window, language)
        if answer == CANCEL:
            check_language(window, current_language())
            return False
        if answer == WAIT:
            _switch_when_idle(window, language)
            return False
        training.abandon_job()
    remember_language(window.files.settings, language)
    rebuild(window, language)
    return True


def rebuild(window, language: str) -> None:
    """Install `language` and rebuild everything `window` shows in it, keeping the work."""
    view = _ViewState.of(window)
    window.training.shutdown()  # its worker reports to the panel about to go
    _release(window)
    for dock in window.docks.values():
        window.removeDockWidget(dock)
        # nameless and out of the window at once: restoreState finds docks by name, and a
        # dock only deleted later would take the new one's place in the restored layout
        dock.setObjectName("")
        dock.setParent(None)
        dock.deleteLater()
    # the main window deletes the menu bar, status bar and canvas it replaces
    window.setMenuBar(type(window.menuBar())())
    window.setStatusBar(type(window.statusBar())())
    install_language(QApplication.instance(), language)
    window.build()
    if window.catalog is not None:  # the palette fills at once; the rest when Keras is ready
        catalog, window.catalog = window.catalog, None
        window._use_catalog(catalog)
    if window.ready:
        window.enable_panels()
        window._refresh_panels()
    view.restore(window)


def check_language(window, language: str) -> None:
    """Tick `language` in the View → Language menu."""
    action = window.actions_by_key.get(f"language_{language}")
    if action is not None:
        action.setChecked(True)


def _release(window) -> None:
    """Disconnect every view from the controller and its undo stack: the old panels go, and a
    lambda connected by one of them would otherwise outlive it. The file commands stay and
    listen again."""
    controller = window.controller
    stack = controller.undo_stack
    for owner in (controller, stack):
        for name, _signal in inspect.getmembers(type(owner), lambda v: isinstance(v, Signal)):
            if name not in _QOBJECT_SIGNALS:
                _disconnect_all(getattr(owner, name))
    stack.indexChanged.connect(window.files._on_changed)


def _disconnect_all(signal) -> None:
    # a signal nobody listens to makes PySide warn "Failed to disconnect": nothing to do there
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        with contextlib.suppress(RuntimeError, TypeError):
            signal.disconnect()


class _ViewState:
    """What the user arranged on screen, carried from the old widgets to the new ones."""

    def __init__(self) -> None:
        self.docks = b""
        self.sizes: dict[str, tuple[int, int]] = {}
        self.in_front: list[str] = []  # the panels whose tab was the one shown
        self.transform: QTransform | None = None
        self.centre: QPointF | None = None
        self.explain_zoom: int | None = None
        self.training_tab = 0
        self.selection: list[str] = []

    @classmethod
    def of(cls, window) -> _ViewState:
        state = cls()
        state.docks = window.saveState()
        state.sizes = {key: (d.width(), d.height()) for key, d in window.docks.items()}
        state.in_front = [k for k, d in window.docks.items() if not d.visibleRegion().isEmpty()]
        canvas = window.canvas
        if hasattr(canvas, "transform") and hasattr(canvas, "viewport"):
            state.transform = canvas.transform()
            state.centre = canvas.mapToScene(canvas.viewport().rect().center())
        state.explain_zoom = getattr(window.explain, "_zoom", None)
        state.training_tab = window.training.tabs.currentIndex()
        state.selection = list(window.controller.selection)
        return state

    def restore(self, window) -> None:
        window._docks_arranged = True  # restored here, not arranged anew at the next show
        if not window.restoreState(self.docks):
            window._docks_arranged = False
            window._arrange_docks()
        self._resize_docks(window)
        QTimer.singleShot(0, lambda: self._resize_docks(window))  # once the new layout has settled
        canvas = window.canvas
        if self.transform is not None and hasattr(canvas, "setTransform"):
            canvas._fit_pending = False  # the user's zoom, not a first look
            canvas.setTransform(self.transform)
            centre = self.centre
            QTimer.singleShot(0, lambda: canvas.centerOn(centre))
        if self.explain_zoom is not None and hasattr(window.explain, "_set_zoom"):
            window.explain._set_zoom(self.explain_zoom)
        window.training.tabs.setCurrentIndex(self.training_tab)
        controller = window.controller
        controller.selection = []
        controller.select(self.selection)  # the new canvas and inspector show it

    def _resize_docks(self, window) -> None:
        """The panels' sizes as they were: the restored state alone lets the new panels take
        their own size hints (the canvas was left a strip)."""
        for key in self.in_front:
            window.docks[key].raise_()
        shown = [key for key in ("palette", "inspector") if key in self.sizes]
        window.resizeDocks(
            [window.docks[k] for k in shown],
            [self.sizes[k][0] for k in shown],
            Qt.Orientation.Horizontal,
        )
        if "summary" in self.sizes:
            window.resizeDocks(
                [window.docks["summary"]], [self.sizes["summary"][1]], Qt.Orientation.Vertical
            )


def _ask_about_training(window, language: str) -> str:
    box = QMessageBox(window)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("LanguageSwitch", "Change the language"))
    box.setText(
        QCoreApplication.translate(
            "LanguageSwitch",
            "A training job is running. The window is rebuilt in {0}, which the job cannot "
            "survive: switch when it ends, or stop it now (the run in flight is lost)?",
        ).format(LANGUAGES[language])
    )
    wait = box.addButton(
        QCoreApplication.translate("LanguageSwitch", "Switch when it ends"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    stop = box.addButton(
        QCoreApplication.translate("LanguageSwitch", "Stop it and switch now"),
        QMessageBox.ButtonRole.DestructiveRole,
    )
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(wait)
    box.exec()
    clicked = box.clickedButton()
    return WAIT if clicked is wait else STOP if clicked is stop else CANCEL


def _switch_when_idle(window, language: str) -> None:
    """Switch as soon as the running job ends (once; a later choice replaces this one)."""
    process = window.training.process
    window.pending_language = language
    window.show_hint(
        QCoreApplication.translate(
            "LanguageSwitch", "The interface switches to {0} when the training job ends."
        ).format(LANGUAGES[language])
    )

    def on_busy(busy: bool) -> None:
        if busy:
            return
        _disconnect(process.busy_changed, on_busy)
        wanted = getattr(window, "pending_language", None)
        window.pending_language = None
        if wanted:  # after the panel has shown the run's end
            QTimer.singleShot(0, lambda: set_language(window, wanted))

    process.busy_changed.connect(on_busy)


def _disconnect(signal, slot) -> None:
    try:
        signal.disconnect(slot)
    except (RuntimeError, TypeError):
        logger.debug("already disconnected", exc_info=True)
