"""File commands: New, Open, Save, Save As, Export, recent files, unsaved changes, recovery.

Every prompt is a method that takes the answer as an argument (`maybe_save(answer=...)`,
`offer_recovery(answer=...)`), so the same code runs from a dialog or from a test. Errors a user
can cause (a malformed file) are shown as a message and never replace the current document.

Recovery: a few seconds after an unsaved change the document is written to a recovery project
file (atomically) with a small JSON note of where it came from; saving or closing cleanly
removes both, so a recovery file found at start-up means the last session ended abruptly.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QDateTime, QLocale, QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.busy import Cancelled, run_busy
from app.engine_text import engine_text
from app.paths import data_folder
from app.script_open import ask_model, open_script
from app.unsafe_dialog import ask_allow_unsafe
from engine.errors import KerasCanvasError, UnsafeContentError
from engine.model.document import Document
from resources import templates_dir

logger = logging.getLogger(__name__)

Answer = QMessageBox.StandardButton
MAX_RECENT = 10
AUTOSAVE_MS = 3000
# file dialog filters, translated where a dialog opens (the patterns stay as they are)
OPEN_FILTER = QT_TRANSLATE_NOOP(
    "FileActions",
    "Models (*.kcanvas *.json *.yaml *.yml *.keras *.h5 *.hdf5 *.py);;"
    "Keras Canvas project (*.kcanvas);;Keras JSON (*.json);;YAML (*.yaml *.yml);;"
    "Keras archive (*.keras);;Legacy Keras 2 (*.h5);;Keras Python script, read without running "
    "it (*.py)",
)
PROJECT_FILTER = QT_TRANSLATE_NOOP("FileActions", "Keras Canvas project (*.kcanvas)")
EXPORT_FILTERS = {
    "json": QT_TRANSLATE_NOOP("FileActions", "Keras JSON (*.json)"),
    "yaml": QT_TRANSLATE_NOOP("FileActions", "YAML (*.yaml)"),
    "py": QT_TRANSLATE_NOOP("FileActions", "Python script (*.py)"),
    "png": QT_TRANSLATE_NOOP("FileActions", "PNG image (*.png)"),
    "svg": QT_TRANSLATE_NOOP("FileActions", "SVG image (*.svg)"),
}


def _load_prepared(path: str | os.PathLike, allow_unsafe: bool = False) -> Document:
    """Read a model file and compute its shapes (off the GUI thread: it imports Keras)."""
    from engine.io.files import load_document

    document = load_document(path, allow_unsafe=allow_unsafe)
    document.prepare()
    return document


def _code_in(path: str | os.PathLike) -> list:
    """The Lambda layers of a model file and the code they hold (read, never run)."""
    from engine.io.files import read_model_config
    from engine.io.lambda_code import find_unsafe

    return find_unsafe(read_model_config(path, allow_unsafe=True))


def default_recovery_path() -> Path:
    return data_folder() / "recovery.kcanvas"


class FileActions(QObject):
    """File commands for one window.

    Signals:
        error(str): a file could not be read or written; the message says why.
        notice(str): a request was refused for now (a file is still opening): a status line.
        done(str): a file was written (saved, exported), or a script opened: a status line.
        path_changed(): the document's file path changed (the window updates its title).

    Attributes:
        source_path: the file an untitled document was read from (a `.keras`, a JSON...):
            the title names it, Save As suggests its name; None for a project or a new model.
    """

    error = Signal(str)
    notice = Signal(str)
    done = Signal(str)
    path_changed = Signal()

    def __init__(
        self,
        controller,
        parent: QWidget | None = None,
        settings: QSettings | None = None,
        recovery_path: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self._window = parent
        self._opening = False  # a file is being read (see open_path)
        self.settings = settings or QSettings()
        self.recovery_path = Path(recovery_path or default_recovery_path())
        self.last_error: str | None = None
        # asked last before the document is replaced (the training panel: a running job)
        self.may_replace: Callable[[], bool] = lambda: True
        self.source_path: str | None = None
        # asked which model to open when a script builds several (tests answer it)
        self.choose_model = ask_model(parent)
        self._opened_note = ""
        self._autosave = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._autosave.timeout.connect(self.write_recovery)
        # the stack's index moves after each push/undo/redo (`changed` fires before the push)
        controller.undo_stack.indexChanged.connect(self._on_changed)

    # ------------------------------------------------------------------ state

    @property
    def path(self) -> str | None:
        return self._controller.path

    def is_modified(self) -> bool:
        return not self._controller.undo_stack.isClean()

    def _on_changed(self, *_args) -> None:
        if not shiboken6.isValid(self._controller.undo_stack):  # the window is being destroyed
            return
        if self.is_modified() and not self._autosave.isActive():
            self._autosave.start()

    def report(self, message: str) -> None:
        """Tell the user (non-blocking) and keep the message for whoever asks."""
        self.last_error = message
        logger.info("File error: %s", message)
        self.error.emit(message)

    # ------------------------------------------------------------------ new / open

    def new_document(self, answer: Answer | None = None) -> bool:
        if not self.maybe_save(answer) or not self.may_replace():
            return False
        self.source_path = None
        self._controller.set_document(Document(), None)
        self.path_changed.emit()
        return True

    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self._window, self.tr("Open model"), self._last_dir(), self.tr(OPEN_FILTER)
        )
        if path:
            self.open_path(path)

    def open_path(
        self,
        path: str | os.PathLike,
        answer: Answer | None = None,
        as_template: bool = False,
        allow_unsafe: bool | None = None,
        model: str | None = None,
    ) -> bool:
        """Open a model file; on error keep the current document and report why.

        Args:
            allow_unsafe: for a file with Lambda layers (code): None asks the user after a
                warning naming the code; True / False answer that question.
            model: for a Python script that builds several models, the one to open (None:
                ask with `choose_model`).
        """
        if not self.maybe_save(answer):
            return False
        if self._opening:  # a status-bar notice: the progress dialog is already in front
            self.last_error = self.tr(
                "Another file is still opening: wait for it, or cancel it first."
            )
            self.notice.emit(self.last_error)
            return False
        self._opening = True
        self._opened_note = ""
        try:
            document = self._read(path, allow_unsafe, model)
        except Cancelled:
            return False
        except KerasCanvasError as exc:
            self.report(str(exc))
            return False
        except Exception as exc:  # an importer bug must not take the work in progress with it
            logger.exception("Opening %s failed", path)
            self.report(self.tr("Cannot open '{0}': {1}").format(Path(path).name, exc))
            return False
        finally:
            self._opening = False
        if document is None or not self.may_replace():
            return False
        as_template = as_template or _is_bundled_template(Path(path))
        is_project = Path(path).suffix.lower() == ".kcanvas" and not as_template
        self.source_path = None if is_project or as_template else str(path)
        self._controller.set_document(document, str(path) if is_project else None)
        if not as_template:
            self.add_recent(str(path))
        self.path_changed.emit()
        if self._opened_note:  # what a script's reading passed over: news, not an error
            self.done.emit(self._opened_note)
        return True

    def _read(
        self, path: str | os.PathLike, allow_unsafe: bool | None, model: str | None = None
    ) -> Document | None:
        """The document in `path`; with Lambda layers only once allowed (None: not allowed).

        Raises:
            Cancelled, KerasCanvasError: as `run_busy` and the readers raise them.
        """
        name = Path(path).name
        if Path(path).suffix.lower() == ".py":  # read, never run; several models: ask which
            document, self._opened_note = open_script(self._window, path, self.choose_model, model)
            if document is None:
                self.notice.emit(self._opened_note)
                self._opened_note = ""
            return document
        try:
            opening = self.tr("Opening {0}…").format(name)
            return run_busy(self._window, opening, lambda: _load_prepared(path))
        except UnsafeContentError:
            if allow_unsafe is False:
                raise
        if allow_unsafe is None:
            reading = self.tr("Reading the code in {0}…").format(name)
            code = run_busy(self._window, reading, lambda: _code_in(path))
            if not ask_allow_unsafe(self._window, f"'{name}'", code):
                self.last_error = self.tr("'{0}' was not opened: its code was not allowed.").format(
                    name
                )
                self.notice.emit(self.last_error)
                return None
        return run_busy(
            self._window,
            self.tr("Opening {0}…").format(name),
            lambda: _load_prepared(path, allow_unsafe=True),
        )

    def open_template(self, path: Path) -> bool:
        """A template opens as a new, untitled document (saving asks where)."""
        return self.open_path(path, as_template=True)

    # ------------------------------------------------------------------ save

    def save(self) -> bool:
        path = self.path
        if not path or not path.endswith(".kcanvas"):
            return self.save_as()
        return self.save_to(path)

    def save_as(self, path: str | None = None) -> bool:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self._window, self.tr("Save project"), self._suggested(), self.tr(PROJECT_FILTER)
            )
            if not path:
                return False
            if not path.endswith(".kcanvas"):
                path += ".kcanvas"
        return self.save_to(path)

    def save_to(self, path: str) -> bool:
        from engine.io.files import save_document

        try:
            save_document(self._controller.document, path)
        except (KerasCanvasError, OSError) as exc:
            self.report(
                self.tr("Cannot save '{0}': {1}").format(Path(path).name, engine_text(str(exc)))
            )
            return False
        self._controller.path = path
        self.source_path = None
        self._controller.undo_stack.setClean()
        self.add_recent(path)
        self.remove_recovery()
        self.path_changed.emit()
        self.done.emit(self.tr("Saved {0} ({1}).").format(Path(path).name, path))
        return True

    def export(self, kind: str, path: str | None = None) -> bool:
        """Export as Keras JSON, YAML, Python (`json`, `yaml`, `py`) or a picture (`png`, `svg`)."""
        if path is None:
            stem = Path(self._suggested()).with_suffix(f".{kind}")
            path, _ = QFileDialog.getSaveFileName(
                self._window,
                self.tr("Export {0}").format(kind.upper()),
                str(stem),
                self.tr(EXPORT_FILTERS[kind]),
            )
            if not path:
                return False
        try:
            if kind in ("png", "svg"):
                from app.render import render_document

                render_document(self._controller.document, path)
            else:
                from engine.io.files import save_document

                save_document(self._controller.document, path)
        except ImportError:
            self.report(self.tr("Picture export is not available in this build."))
            return False
        except (KerasCanvasError, OSError, ValueError) as exc:
            self.report(
                self.tr("Cannot export '{0}': {1}").format(Path(path).name, engine_text(str(exc)))
            )
            return False
        what = {"json": "Keras JSON", "yaml": "YAML", "py": "Python"}.get(kind, kind.upper())
        self.done.emit(self.tr("Exported {0} to {1} ({2}).").format(what, Path(path).name, path))
        return True

    def _suggested(self) -> str:
        source = self.path or self.source_path
        name = Path(source).stem if source else self._controller.document.graph.name
        return str(Path(self._last_dir()) / f"{name}.kcanvas")

    def _last_dir(self) -> str:
        recent = self.recent_files()
        return str(Path(recent[0]).parent) if recent else str(Path.home())

    # ------------------------------------------------------------------ unsaved changes

    def maybe_save(self, answer: Answer | None = None) -> bool:
        """True when it is fine to drop the current document (saved, discarded or unchanged)."""
        if not self.is_modified():
            return True
        if answer is None:
            answer = self.ask_unsaved()
        if answer == Answer.Save:
            return self.save()
        return answer == Answer.Discard

    def ask_unsaved(self) -> Answer:
        return QMessageBox.question(
            self._window,
            self.tr("Unsaved changes"),
            self.unsaved_question(),
            Answer.Save | Answer.Discard | Answer.Cancel,
            Answer.Save,
        )

    def unsaved_question(self) -> str:
        """What the unsaved-changes prompt asks; for an untitled model, what Discard loses."""
        if self.path:
            return self.tr("Save the changes to {0}?").format(Path(self.path).name)
        question = self.tr("Save the changes to the untitled model?")
        runs = self._controller.document.project_extra.get("runs") or []
        if runs:
            names = ", ".join(str(run.get("name", "")) for run in runs)
            folders = sorted(
                {str(Path(r["output_dir"]).parent) for r in runs if r.get("output_dir")}
            )
            question += "\n\n" + self.tr(
                "It holds %n training run(s) ({0}) that only a saved model keeps: Discard "
                "drops them from the model. Their files stay in {1}.",
                "",
                len(runs),
            ).format(names, ", ".join(folders) or "-")
        return question

    # ------------------------------------------------------------------ recent files

    def recent_files(self) -> list[str]:
        value = self.settings.value("recent_files", [])
        files = [value] if isinstance(value, str) else list(value or [])
        return [f for f in files if isinstance(f, str)]

    def add_recent(self, path: str) -> None:
        path = str(Path(path).resolve())
        files = [path] + [f for f in self.recent_files() if f != path]
        self.settings.setValue("recent_files", files[:MAX_RECENT])

    def clear_recent(self) -> None:
        self.settings.setValue("recent_files", [])

    # ------------------------------------------------------------------ recovery

    @property
    def recovery_note(self) -> Path:
        """Where earlier versions kept the note now held inside the recovery file."""
        return self.recovery_path.with_suffix(".json")

    def write_recovery(self) -> bool:
        """Write the recovery file now (the autosave timer calls this)."""
        if not self.is_modified():
            return False
        if not self._controller.keras_ready:  # writing the model needs Keras: later
            self._autosave.start()
            return False
        from engine.io.project import save_project

        graph = self._controller.document.graph
        note = {"path": self.path, "time": time.time(), "model": graph.name,
                "layers": len(graph.layers)}  # fmt: skip
        self.recovery_path.parent.mkdir(parents=True, exist_ok=True)
        try:  # one atomic file: a crash while autosaving leaves the last one whole
            save_project(self._controller.document, self.recovery_path, recovery=note)
        except (KerasCanvasError, OSError) as exc:
            # a model Keras cannot export yet: keep the last good recovery file
            logger.info("Recovery file not written: %s", exc)
            return False
        return True

    def remove_recovery(self) -> None:
        self._autosave.stop()
        for path in (self.recovery_path, self.recovery_note):
            path.unlink(missing_ok=True)

    def has_recovery(self) -> bool:
        return self.recovery_path.exists()

    def offer_recovery(self, answer: Answer | None = None) -> bool:
        """If the last session left a recovery file, offer to restore it. True if restored."""
        return self.ask_recovery(answer) and self.restore()

    def ask_recovery(self, answer: Answer | None = None) -> bool:
        """Whether the user wants the last session's recovery file back (No discards it).

        The window asks at once, before any new work is done, and restores once Keras is
        ready (`restore`).
        """
        if not self.has_recovery():
            return False
        if answer is None:
            answer = QMessageBox.question(
                self._window, self.tr("Recover unsaved work"), self.recovery_question(),
                Answer.Yes | Answer.No, Answer.Yes,
            )  # fmt: skip
        if answer != Answer.Yes:
            self.remove_recovery()
            return False
        return True

    def recovery_question(self) -> str:
        """What the recovery prompt asks: which model, from which file, saved when."""
        from engine.io.project import recovery_note

        note = recovery_note(self.recovery_path, older=self.recovery_note)
        what = (
            self.tr("model '{0}'").format(note["model"]) if note.get("model") else self.tr("model")
        )
        if isinstance(note.get("layers"), int):
            what += self.tr(" (%n layer(s))", "", note["layers"])
        unsaved = self.tr("not saved to a file yet")
        source = Path(note["path"]).name if note.get("path") else unsaved
        if isinstance(note.get("time"), (int, float)):
            saved = QDateTime.fromSecsSinceEpoch(int(note["time"]))
            when = QLocale().toString(saved, QLocale.FormatType.ShortFormat)
            question = self.tr("Restore the unsaved {0}, {1}, autosaved at {2}?")
            question = question.format(what, source, when)
        else:
            question = self.tr("Restore the unsaved {0}, {1}, autosaved?").format(what, source)
        intro = self.tr("Keras Canvas did not close normally.")
        discard = self.tr("No discards it.")
        return f"{intro}\n\n{question}\n\n{discard}"

    def restore(self) -> bool:
        """Replace the document with the recovery file's (needs Keras). True if restored."""
        from engine.io.files import load_document
        from engine.io.project import recovery_note

        try:
            try:
                document = load_document(self.recovery_path)
            except UnsafeContentError:  # work on a file whose code the user allowed
                code = _code_in(self.recovery_path)
                if not ask_allow_unsafe(self._window, self.tr("The recovered model"), code):
                    return False
                document = load_document(self.recovery_path, allow_unsafe=True)
        except KerasCanvasError as exc:
            self.report(
                self.tr("The recovery file cannot be read: {0}").format(engine_text(str(exc)))
            )
            return False
        note = recovery_note(self.recovery_path, older=self.recovery_note)
        self._controller.set_document(document, note.get("path"))
        # restored work is unsaved work: make the undo stack dirty with a no-op marker
        self._controller.undo_stack.resetClean()
        self.path_changed.emit()
        return True


def _is_bundled_template(path: Path) -> bool:
    """A gallery file opens as a new, untitled model: saving must never overwrite it."""
    try:
        return path.resolve().is_relative_to(templates_dir().resolve())
    except OSError:
        return False
