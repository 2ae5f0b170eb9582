"""The editor window: canvas in the middle, palette, inspector and model panels around it.

Start-up is staged so the window is usable at once: the window is shown first, the palette is
filled from the layer catalog's cache file (a tenth of a second, no Keras), and Keras loads in a
background thread. Meanwhile layers can be placed and wired; shapes, checks, the inspector's
parameters and the file to open follow when Keras is ready.
"""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QPointF, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QTabWidget,
    QWidget,
)

from app.controller import DocumentController
from app.edit_actions import EditActions
from app.elided_label import ElidedLabel
from app.engine_text import engine_text
from app.file_actions import FileActions
from app.gil import favour_gui_thread
from app.i18n import (
    ENGLISH,
    LANGUAGE_NAMES,
    chosen_language,
    has_font_for,
    install_language,
    language_installed,
    language_option,
)
from app.language_switch import set_language
from app.panels.code_panel import RENDERERS, CodePanel, code_title
from app.panels.explain_panel import ExplainPanel
from app.panels.inspector import InspectorPanel
from app.panels.layers_panel import LayersPanel
from app.panels.notes_panel import NotesPanel
from app.panels.palette import PalettePanel
from app.panels.problems_panel import ProblemsPanel
from app.panels.summary_panel import SummaryPanel
from app.panels.teaching import describe_selection
from app.style import apply_style, set_role
from app.training.panel import TrainingPanel
from app.window_docks import WindowDocks, as_bool
from app.window_menus import build_menus

logger = logging.getLogger(__name__)

OPENABLE = (".kcanvas", ".json", ".yaml", ".yml", ".keras", ".h5", ".hdf5", ".py")
Area = Qt.DockWidgetArea


def _make_canvas(controller: DocumentController) -> QWidget:
    """The canvas widget, or a placeholder in a build without it."""
    try:
        from app.canvas.view import GraphView
    except ImportError:
        label = QLabel(
            QCoreApplication.translate("MainWindow", "Drag a layer from the palette to start.")
        )
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_role(label, "placeholder")
        return label
    return GraphView(controller)


class MainWindow(WindowDocks, QMainWindow):
    """The editor window.

    Signals:
        ready_signal(): Keras and the catalog are loaded; the panels are live.
        palette_ready(): the palette is filled (from the catalog's cache: before Keras).
    """

    ready_signal = Signal()
    palette_ready = Signal()  # the palette is filled: layers can be placed (before Keras)
    _loaded = Signal(object, str)  # (catalog or None, error), from the loader thread

    def __init__(
        self,
        controller: DocumentController | None = None,
        settings: QSettings | None = None,
        recovery_path: Path | None = None,
    ) -> None:
        super().__init__()
        if not language_installed():  # a window made without run_gui: English, plurals right
            install_language(QApplication.instance(), ENGLISH)
        self.controller = controller or DocumentController(parent=self)
        self.controller.keras_ready = False  # until the loader thread says so (see start)
        self.ready = False
        self.catalog = None
        self._pending: tuple[str | None, bool] = (None, True)
        self._restore_pending = False
        self.files = FileActions(self.controller, self, settings, recovery_path)
        self.edits = EditActions(self.controller, self)
        self.panels_locked = as_bool(self.files.settings.value("panels_locked", True))
        # tabs on top of the panels they switch, as in most editors
        self.setTabPosition(Qt.DockWidgetArea.AllDockWidgetAreas, QTabWidget.TabPosition.North)
        self.edits.centre = self._view_centre
        self._connect_commands()
        self.build()
        self.setAcceptDrops(True)
        self.resize(1440, 900)

    # ------------------------------------------------------------------ building

    def build(self) -> None:
        """Everything on screen that speaks: canvas, panels, status bar, menus. Made once at
        start, and again in a new language (`app.language_switch`); the document, the file
        commands and the undo history stay."""
        self.canvas = _make_canvas(self.controller)
        self.setCentralWidget(self.canvas)
        if hasattr(self.canvas, "file_dropped"):  # a file dropped on the drawing opens
            self.canvas.file_dropped.connect(self._open_dropped)
        self._build_panels()
        self._build_status_bar()
        self.actions_by_key = build_menus(self)
        self._build_train_menu()
        self._connect()
        self._update_title()

    def _build_panels(self) -> None:
        c = self.controller
        self.palette = PalettePanel()
        self.inspector = InspectorPanel(c)
        self.explain = ExplainPanel(c)
        self.summary = SummaryPanel(c)
        self.layers = LayersPanel(c)
        self.problems = ProblemsPanel(c)
        self.notes = NotesPanel(c)
        self.code = {kind: CodePanel(c, kind) for kind in RENDERERS}
        self.docks: dict[str, QDockWidget] = {}
        self._dock("palette", self.tr("Layers palette"), self.palette, Area.LeftDockWidgetArea)
        self._dock("inspector", self.tr("Inspector"), self.inspector, Area.RightDockWidgetArea)
        self._dock("layers", self.tr("Model layers"), self.layers, Area.RightDockWidgetArea)
        self._dock("notes", self.tr("Seed notes"), self.notes, Area.RightDockWidgetArea)
        self.notes.notes_changed.connect(self._on_notes_changed)
        self._dock("summary", self.tr("Summary"), self.summary, Area.BottomDockWidgetArea)
        self._dock("explain", self.tr("Explain"), self.explain, Area.BottomDockWidgetArea)
        self.docks["explain"].visibilityChanged.connect(self.explain.dock_visibility_changed)
        self._dock("problems", self.tr("Problems"), self.problems, Area.BottomDockWidgetArea)
        for kind, panel in self.code.items():
            self._dock(f"code_{kind}", code_title(kind), panel, Area.BottomDockWidgetArea)
            self.docks[f"code_{kind}"].visibilityChanged.connect(panel.dock_visibility_changed)
        self.training = TrainingPanel(c)
        self.training.message.connect(self.show_hint)
        self.files.may_replace = self.training.confirm_leave  # a running job is this model's
        self.look_inside = None
        if hasattr(self.canvas, "scene") and hasattr(self.canvas.scene(), "nodes"):
            from app.look.look_inside import LookInside

            self.look_inside = LookInside(c, self.canvas, self.training)
        # the training panel is wide (form, curves, actions): scrolled, it never forces the
        # window wider or the bottom panels taller than the screen allows
        scroller = QScrollArea()
        scroller.setWidget(self.training)
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QScrollArea.Shape.NoFrame)
        self._dock("training", self.tr("Training"), scroller, Area.BottomDockWidgetArea)
        self._docks_arranged = False
        self._apply_lock()

    def _build_train_menu(self) -> None:
        """A Train menu before Help: show the training panel, train, pause, stop."""
        menu = self.menuBar().addMenu(self.tr("&Train"))
        help_menu = self.menuBar().actions()[-2]  # keep Help last
        self.menuBar().insertMenu(help_menu, menu)
        show = menu.addAction(self.tr("Training &panel"), self._show_training)
        show.setShortcut("Ctrl+Shift+T")
        train = menu.addAction(
            self.tr("&Train the model"), lambda: self._show_training() or self.training.train()
        )
        train.setShortcut("F5")
        pause = menu.addAction(self.tr("&Pause / resume"), self.training.pause_button.click)
        pause.setShortcut("F6")
        pause.setToolTip(self.tr("Hold the running fit before its next batch, or let it go on."))
        menu.addAction(self.tr("&Stop"), self.training.stop)
        self.actions_by_key["train"] = train

    def show_explain(self) -> None:
        """Bring the Explain panel to the front (View → Explain the selection)."""
        dock = self.docks["explain"]
        dock.show()
        dock.raise_()
        # its three columns want a few more lines than the summary: grow, never shrink
        height = max(dock.height(), int(self.height() * 0.4))
        self.resizeDocks([dock], [height], Qt.Orientation.Vertical)

    def _show_training(self) -> None:
        dock = self.docks["training"]
        dock.show()
        dock.raise_()
        # the form and the curves need room: grow the bottom panels, never shrink them
        height = max(dock.height(), int(self.height() * 0.45))
        self.resizeDocks([dock], [height], Qt.Orientation.Vertical)

    def _build_status_bar(self) -> None:
        self.status_text = ElidedLabel(self.tr("Loading Keras…"))
        self.model_stats = QLabel()
        set_role(self.model_stats, "muted")
        self.statusBar().addWidget(self.status_text, 1)
        self.statusBar().addPermanentWidget(self.model_stats)

    def _connect_commands(self) -> None:
        """The window's lasting parts: Keras's loader and the file and edit commands."""
        self._loaded.connect(self._on_loaded)
        self.edits.error.connect(self.show_error)
        self.files.error.connect(self._on_file_error)
        self.files.notice.connect(self.show_error)
        self.files.done.connect(self.show_hint)
        self.files.path_changed.connect(self._update_title)

    def _connect(self) -> None:
        """The panels' and the status bar's connections (made again by `build`)."""
        c = self.controller
        self.palette.layer_activated.connect(lambda name: self.edits.add_layer(name))
        c.error.connect(self.show_error)
        c.undo_stack.cleanChanged.connect(self._update_title)
        c.selection_changed.connect(self._update_status)
        c.selection_changed.connect(self._raise_inspector)
        c.changed.connect(self._update_status)
        c.view_changed.connect(self._update_title)
        c.view_changed.connect(self._update_status)  # it names the graph shown
        self.problems.count_changed.connect(self._on_problem_count)
        message = getattr(self.canvas, "message", None)
        if message is not None:  # the canvas's own hints and refusals
            message.connect(self.show_hint)

    # ------------------------------------------------------------------ start-up

    def start(self, path: str | None = None, offer_recovery: bool = True) -> None:
        """Show the palette from the catalog's cache, load Keras off the GUI thread, then open
        `path` (if any)."""
        self._pending = (path, offer_recovery)
        from engine.catalog import cached_catalog

        catalog = cached_catalog()  # milliseconds, no Keras: None before the very first run
        if catalog is not None:
            self._use_catalog(catalog)
            self.show_hint(
                self.tr(
                    "Keras is loading: place and wire layers now, shapes and checks follow "
                    "in a moment."
                )
            )
        threading.Thread(target=self._load_keras, name="keras-loader", daemon=True).start()
        # asked now, before any new work: restoring (when Keras is ready) replaces the model
        self._restore_pending = offer_recovery and self.files.ask_recovery()
        if self._restore_pending:
            self.show_hint(self.tr("Your unsaved work comes back as soon as Keras has loaded."))

    def _use_catalog(self, catalog) -> None:
        """The palette (and what adds layers) works from here on."""
        if self.catalog is catalog:
            return
        self.catalog = catalog
        self.edits.catalog = catalog
        self.palette.set_catalog(catalog)
        QTimer.singleShot(0, self._fit_palette)  # once the first layout has settled
        self.palette_ready.emit()

    def _load_keras(self) -> None:
        try:
            import keras  # noqa: F401 - the slow import, done here so the window stays live

            from engine.catalog import get_catalog

            catalog = get_catalog()
        except Exception as exc:  # report, never die silently in a thread
            logger.exception("Loading Keras failed")
            self._loaded.emit(None, self.tr("Keras could not be loaded: {0}").format(exc))
            return
        self._loaded.emit(catalog, "")

    def _on_loaded(self, catalog, error: str) -> None:
        if catalog is None:
            self.show_error(error)
            return
        # from now on (not while Keras imports: that would slow the import, for no shorter stall)
        favour_gui_thread()
        self._use_catalog(catalog)
        self.controller.keras_ready = True
        self.ready = True
        self.enable_panels()
        path, _offer_recovery = self._pending
        restored = self._restore_pending and self.files.restore()
        if path and not restored:
            self.files.open_path(path)
        self._refresh_panels()
        self.ready_signal.emit()

    def enable_panels(self) -> None:
        """Keras is ready: the panels that need it come alive."""
        self.inspector.set_catalog(self.catalog)
        for panel in (self.summary, self.problems, self.explain, *self.code.values()):
            panel.enabled = True
        annotate = (
            getattr(self.canvas.scene(), "annotate", None)
            if hasattr(self.canvas, "scene")
            else None
        )
        if callable(annotate):  # the layers placed while Keras loaded get their shapes
            annotate()

    def _refresh_panels(self) -> None:
        self.summary.refresh()
        self.problems.refresh()
        self.layers.refresh()
        self.explain.refresh()
        for panel in self.code.values():
            if panel.is_shown():
                panel.refresh()
        self._update_status()

    # ------------------------------------------------------------------ commands

    def new_document(self) -> None:
        self.files.new_document()

    def open_dialog(self) -> None:
        self.files.open_dialog()

    def open_path(self, path: str) -> None:
        if self._ensure_ready():
            self.files.open_path(path)

    def open_template(self, path: Path) -> None:
        if self._ensure_ready():  # the canvas shows the model's start: readable, from the top
            self.files.open_template(path)

    def _ensure_ready(self) -> bool:
        if not self.ready:
            self.show_error(self.tr("Keras is still loading; try again in a moment."))
        return self.ready

    def fit_view(self) -> None:
        fit = getattr(self.canvas, "fit", None) or getattr(self.canvas, "fit_all", None)
        if callable(fit):
            QTimer.singleShot(0, fit)

    def focus_canvas(self) -> None:
        """Give the canvas the keyboard (View > Focus the canvas) and say what the keys do."""
        self.canvas.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.show_hint(
            self.tr(
                "Canvas: the arrow keys move the selection along the wires, Shift+arrows move "
                "cards, Tab adds a layer after the selection, Enter opens a nested model, "
                "Escape clears the selection."
            )
        )

    def set_language(self, language: str, _checked: bool = False) -> None:
        """View → Language: rebuild the window in `language`, keeping the work (see
        `app.language_switch`)."""
        set_language(self, language)

    def leave_nested(self) -> None:
        if self.controller.view_path:
            self.controller.leave(len(self.controller.view_path) - 1)

    def _view_centre(self) -> QPointF:
        """The scene point at the centre of the canvas (where double-clicked layers land)."""
        view = self.canvas
        if hasattr(view, "mapToScene") and hasattr(view, "viewport"):
            return view.mapToScene(view.viewport().rect().center())
        return QPointF(0.0, 0.0)

    # ------------------------------------------------------------------ feedback

    def show_error(self, message: str) -> None:
        """Show a refused edit where the user looks: the status bar, in red, for a while (an
        engine message in the interface's language)."""
        self.status_text.setText(engine_text(message))
        set_role(self.status_text, "error")
        QTimer.singleShot(8000, self._update_status)

    def show_hint(self, message: str) -> None:
        """A neutral status-bar message (the canvas's hints), until the selection changes."""
        set_role(self.status_text, "")
        self.status_text.setText(engine_text(message))

    def _on_file_error(self, message: str) -> None:
        self.show_error(message)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Keras Canvas",
            engine_text(message),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # window-modal but not blocking: the current document stays as it is

    def _update_status(self, *_args) -> None:
        set_role(self.status_text, "")
        if not self.ready:
            return
        graph = self.controller.graph
        results = self.controller.document.shapes.infer(graph)
        self.status_text.setText(describe_selection(graph, self.controller.selection, results))
        # straight from the engine: the summary panel refreshes on a timer and may lag an edit
        total = sum(self.controller.document.shapes.model_params(graph))
        count = len(graph.layers)
        layers = self.tr("%n layer(s)", "", count)
        self.model_stats.setText(self.tr("{0} · {1:,} params").format(layers, total))

    def _on_problem_count(self, count: int) -> None:
        title = self.tr("Problems ({0})").format(count) if count else self.tr("Problems")
        self.docks["problems"].setWindowTitle(title)

    def _update_title(self, *_args) -> None:
        path = self.controller.path
        model = self.controller.document.graph.name
        if path:
            name = Path(path).name
        elif self.files.source_path:  # read from a .keras, JSON...: named, but not a project
            source = Path(self.files.source_path).name
            name = self.tr("{0} (from {1}, not saved as a project)").format(model, source)
        else:
            name = self.tr("{0} (untitled)").format(model)
        trail = "".join(f" › {self._nested_name(i)}" for i in range(len(self.controller.view_path)))
        self.setWindowTitle(f"{name}{trail}[*] — Keras Canvas")
        self.setWindowModified(self.files.is_modified())

    def _nested_name(self, depth: int) -> str:
        graph = self.controller.document.graph
        for layer_id in self.controller.view_path[: depth + 1]:
            layer = graph.layers[layer_id]
            graph = layer.body
        return layer.name

    # ------------------------------------------------------------------ Qt events

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._docks_arranged:
            self._arrange_docks()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.files.maybe_save() and self.training.confirm_leave():
            self.files.remove_recovery()
            self.training.shutdown()
            event.accept()
        else:
            event.ignore()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _dropped_file(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = _dropped_file(event)
        if path is not None:
            event.acceptProposedAction()
            QTimer.singleShot(0, lambda: self.open_path(path))

    def _open_dropped(self, path: str) -> None:
        if Path(path).suffix.lower() in OPENABLE:  # after the drop: the drag source waits
            QTimer.singleShot(0, lambda: self.open_path(path))
        else:
            self.show_error(
                self.tr("'{0}' is not a model file: Keras Canvas opens {1}.").format(
                    Path(path).name, ", ".join(OPENABLE)
                )
            )


def _dropped_file(event: QDragEnterEvent | QDropEvent) -> str | None:
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    for url in urls:
        path = url.toLocalFile()
        if path and Path(path).suffix.lower() in OPENABLE:
            return path
    return None


def run_gui(argv: list[str]) -> int:
    """Start the editor; `argv` may hold one file to open and `--lang zh_CN` / `--lang en` (the
    interface's language for this start; View → Language keeps a choice)."""
    try:
        asked, argv = language_option(argv)
    except ValueError as exc:
        sys.stderr.write(f"{exc}\n")
        return 2
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("Keras Canvas")
    app.setApplicationName("Keras Canvas")
    apply_style(app)
    language = asked or chosen_language(QSettings())
    has_font = has_font_for(language)  # without one, Chinese would draw as empty boxes
    install_language(app, language if has_font else ENGLISH)
    window = MainWindow()
    screen = app.primaryScreen()
    if screen is not None:  # a laptop screen gets a window that fits it
        available = screen.availableGeometry()
        window.resize(min(1760, available.width() - 40), min(1040, available.height() - 40))
    window.show()
    path = argv[0] if argv else None
    QTimer.singleShot(0, lambda: window.start(path))
    if not has_font:
        QTimer.singleShot(0, lambda: window.show_error(_no_font_message(LANGUAGE_NAMES[language])))
    return app.exec()


def _no_font_message(language: str) -> str:
    """Said in English: the language asked for cannot be drawn."""
    return (
        f"The interface stays in English: no installed font draws {language} characters. On "
        "Debian or Ubuntu: sudo apt install fonts-noto-cjk, then restart Keras Canvas."
    )
