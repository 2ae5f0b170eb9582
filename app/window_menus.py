"""The main window's menu bar: File, Edit, View, Help, wired to the window's command objects."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QLabel, QMenu, QWidgetAction

from app.i18n import LANGUAGES, current_language
from app.panels.help_dialog import show_about, show_how_to
from app.style import TEMPLATES, set_role
from engine.gallery import TEMPLATES as GALLERY

Key = QKeySequence.StandardKey

# Titles of the gallery's templates (engine.gallery), translated where the menu is built.
TEMPLATE_TITLES = {
    "mlp": QT_TRANSLATE_NOOP("Templates", "Ten-class MLP (S9)"),
    "cnn": QT_TRANSLATE_NOOP("Templates", "Convolutional network (S10)"),
    "stateful_lstm": QT_TRANSLATE_NOOP("Templates", "Stateful LSTM (S11)"),
    "functional_mlp": QT_TRANSLATE_NOOP("Templates", "Functional API: three Dense layers (S12)"),
    "news_two_io": QT_TRANSLATE_NOOP("Templates", "Two inputs, two outputs: news (S13)"),
    "shared_lstm": QT_TRANSLATE_NOOP("Templates", "Shared LSTM: tweets (S14)"),
    "shared_conv": QT_TRANSLATE_NOOP("Templates", "One Conv2D called on two image sizes (S8)"),
    "inception": QT_TRANSLATE_NOOP("Templates", "Inception module (S15)"),
    "shared_vision": QT_TRANSLATE_NOOP("Templates", "Shared vision model: digits (S16)"),
    "vqa": QT_TRANSLATE_NOOP("Templates", "Visual question answering (S17)"),
    "mlp_digits": QT_TRANSLATE_NOOP("Templates", "MLP for digits (trains on real data)"),
    "cnn_digits": QT_TRANSLATE_NOOP("Templates", "CNN for digits (look inside as it learns)"),
    "mlp_dropout": QT_TRANSLATE_NOOP("Templates", "MLP with dropout"),
    "cnn_deeper": QT_TRANSLATE_NOOP("Templates", "Deeper CNN"),
    "stateful_rnns": QT_TRANSLATE_NOOP("Templates", "Stateful LSTM, GRU and SimpleRNN"),
    "inception_channels": QT_TRANSLATE_NOOP("Templates", "Inception module (channels joined)"),
    "vqa_two_blocks": QT_TRANSLATE_NOOP("Templates", "VQA (two convolution blocks)"),
    "lenet5": QT_TRANSLATE_NOOP("Templates", "LeNet-5"),
    "residual_block": QT_TRANSLATE_NOOP("Templates", "Residual block"),
    "autoencoder": QT_TRANSLATE_NOOP("Templates", "Autoencoder"),
    "transformer_encoder": QT_TRANSLATE_NOOP("Templates", "Transformer encoder block"),
}
TEMPLATE_FAMILIES = (
    ("seed", QT_TRANSLATE_NOOP("Templates", "The seed's examples")),
    ("variant", QT_TRANSLATE_NOOP("Templates", "Variants")),
    ("classic", QT_TRANSLATE_NOOP("Templates", "Classics")),
)


def template_title(name: str) -> str:
    """The menu title of template `name`, translated."""
    title = TEMPLATE_TITLES.get(name)
    return QCoreApplication.translate("Templates", title) if title else name


def _action(menu: QMenu, text: str, slot, shortcut=None, tip: str = "") -> QAction:
    action = menu.addAction(text)
    action.triggered.connect(lambda _checked=False: slot())
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    return action


def build_menus(window) -> dict[str, QAction]:
    """Create the menu bar of `window` (a MainWindow); returns the actions by key."""
    actions: dict[str, QAction] = {}
    _file_menu(
        window, window.menuBar().addMenu(QCoreApplication.translate("Menus", "&File")), actions
    )
    _edit_menu(
        window, window.menuBar().addMenu(QCoreApplication.translate("Menus", "&Edit")), actions
    )
    _view_menu(
        window, window.menuBar().addMenu(QCoreApplication.translate("Menus", "&View")), actions
    )
    help_menu = window.menuBar().addMenu(QCoreApplication.translate("Menus", "&Help"))
    _action(
        help_menu,
        QCoreApplication.translate("Menus", "How to…"),
        lambda: show_how_to(window),
        Key.HelpContents,
    )
    _action(
        help_menu,
        QCoreApplication.translate("Menus", "About Keras Canvas"),
        lambda: show_about(window),
    )
    return actions


def _file_menu(window, menu: QMenu, actions: dict[str, QAction]) -> None:
    files = window.files
    actions["new"] = _action(
        menu,
        QCoreApplication.translate("Menus", "&New"),
        window.new_document,
        Key.New,
        QCoreApplication.translate("Menus", "Start an empty model"),
    )
    templates = menu.addMenu(QCoreApplication.translate("Menus", "New from &template"))
    _fill_templates(window, templates)
    actions["open"] = _action(
        menu,
        QCoreApplication.translate("Menus", "&Open…"),
        window.open_dialog,
        Key.Open,
        QCoreApplication.translate(
            "Menus", "Open a project, Keras JSON/YAML, .keras, legacy .h5 or a Keras Python script"
        ),
    )
    recent = menu.addMenu(QCoreApplication.translate("Menus", "Open &recent"))
    recent.aboutToShow.connect(partial(_fill_recent, window, recent))
    menu.addSeparator()
    actions["save"] = _action(
        menu, QCoreApplication.translate("Menus", "&Save"), files.save, Key.Save
    )
    actions["save_as"] = _action(
        menu, QCoreApplication.translate("Menus", "Save &as…"), files.save_as, Key.SaveAs
    )
    export = menu.addMenu(QCoreApplication.translate("Menus", "&Export"))
    for kind, text in (
        ("json", QCoreApplication.translate("Menus", "Keras JSON…")),
        ("yaml", QCoreApplication.translate("Menus", "YAML…")),
        ("py", QCoreApplication.translate("Menus", "Python script…")),
        ("png", QCoreApplication.translate("Menus", "PNG picture…")),
        ("svg", QCoreApplication.translate("Menus", "SVG picture…")),
    ):
        actions[f"export_{kind}"] = _action(export, text, partial(files.export, kind))
    _deploy_menu(window, export, actions)
    menu.addSeparator()
    actions["quit"] = _action(
        menu, QCoreApplication.translate("Menus", "&Quit"), window.close, Key.Quit
    )


def _deploy_menu(window, export: QMenu, actions: dict[str, QAction]) -> None:
    """Export for deployment (checked against Keras) and the training script."""
    from app.deploy_actions import DeployActions

    window.deploy = DeployActions(window.controller, window.training, window)
    window.deploy.error.connect(window.show_error)
    window.deploy.exported.connect(window.show_hint)
    export.addSeparator()
    for key, text, tip in (
        (
            "saved_model",
            QCoreApplication.translate("Menus", "TensorFlow SavedModel…"),
            QCoreApplication.translate(
                "Menus", "A folder for TensorFlow Serving and TF.js (checked against Keras)"
            ),
        ),
        (
            "onnx",
            QCoreApplication.translate("Menus", "ONNX…"),
            QCoreApplication.translate(
                "Menus",
                "One file for ONNX Runtime and most inference engines (checked against Keras)",
            ),
        ),
        (
            "litert",
            QCoreApplication.translate("Menus", "LiteRT / TFLite…"),
            QCoreApplication.translate(
                "Menus", "One file for phones and small devices (checked against Keras)"
            ),
        ),
    ):
        actions[f"export_{key}"] = _action(
            export, text, partial(window.deploy.export, key), tip=tip
        )
    export.addSeparator()
    actions["export_training_script"] = _action(
        export,
        QCoreApplication.translate("Menus", "Training script (.py)…"),
        window.deploy.export_training_script,
        tip=QCoreApplication.translate(
            "Menus", "A Python script that trains the model as the Training panel would"
        ),
    )


def template_paths() -> list[Path]:
    """The gallery's files, in the menu's order (the seed's examples first)."""
    order = list(GALLERY)
    return sorted(
        TEMPLATES.glob("*.kcanvas"),
        key=lambda p: (order.index(p.stem) if p.stem in order else len(order), p.stem),
    )


def _fill_templates(window, menu: QMenu) -> None:
    """The gallery in sections: the seed's examples, their variants, classics."""
    found = {path.stem: path for path in template_paths()}
    for family, heading in TEMPLATE_FAMILIES:
        names = [n for n, t in GALLERY.items() if t.family == family and n in found]
        if names:
            _add_heading(menu, QCoreApplication.translate("Templates", heading))
        for name in names:
            _action(menu, template_title(name), partial(window.open_template, found[name]))
    others = sorted(set(found) - set(GALLERY))
    if others:
        menu.addSeparator()
    for name in others:  # a file dropped into the folder by hand
        _action(menu, name, partial(window.open_template, found[name]))


def _add_heading(menu: QMenu, text: str) -> None:
    """A section title in a menu (Fusion draws `addSection`'s text as a bare line)."""
    if menu.actions():
        menu.addSeparator()
    label = QLabel(text)
    set_role(label, "menuHeading")
    heading = QWidgetAction(menu)
    heading.setDefaultWidget(label)
    heading.setText(text)
    heading.setEnabled(False)
    menu.addAction(heading)


def _fill_recent(window, menu: QMenu) -> None:
    menu.clear()
    recent = window.files.recent_files()
    for path in recent:
        _action(menu, path, partial(window.open_path, path))
    if not recent:
        menu.addAction(QCoreApplication.translate("Menus", "(no recent files)")).setEnabled(False)
    else:
        menu.addSeparator()
        _action(menu, QCoreApplication.translate("Menus", "Clear list"), window.files.clear_recent)


def _edit_menu(window, menu: QMenu, actions: dict[str, QAction]) -> None:
    stack = window.controller.undo_stack
    undo = stack.createUndoAction(window, QCoreApplication.translate("Menus", "&Undo"))
    undo.setShortcut(QKeySequence(Key.Undo))
    redo = stack.createRedoAction(window, QCoreApplication.translate("Menus", "&Redo"))
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    menu.addAction(undo)
    menu.addAction(redo)
    actions["undo"], actions["redo"] = undo, redo
    menu.addSeparator()
    edits = window.edits
    actions["delete"] = _action(
        menu, QCoreApplication.translate("Menus", "&Delete"), edits.delete, Key.Delete
    )
    actions["select_all"] = _action(
        menu, QCoreApplication.translate("Menus", "Select &all"), edits.select_all, Key.SelectAll
    )
    actions["copy"] = _action(
        menu,
        QCoreApplication.translate("Menus", "&Copy"),
        edits.copy,
        Key.Copy,
        QCoreApplication.translate("Menus", "Copy the selected layers and their wires"),
    )
    actions["paste"] = _action(
        menu,
        QCoreApplication.translate("Menus", "&Paste"),
        edits.paste,
        Key.Paste,
        QCoreApplication.translate("Menus", "Paste independent copies (new weights)"),
    )
    actions["duplicate"] = _action(
        menu,
        QCoreApplication.translate("Menus", "D&uplicate layer"),
        edits.duplicate,
        "Ctrl+D",
        QCoreApplication.translate("Menus", "An independent copy of the layer (new weights)"),
    )
    actions["apply_again"] = _action(
        menu,
        QCoreApplication.translate("Menus", "Apply &again (share)"),
        edits.apply_again,
        "Ctrl+Shift+D",
        QCoreApplication.translate("Menus", "A new call of the same layer: weights are shared"),
    )
    menu.addSeparator()
    actions["group"] = _action(
        menu, QCoreApplication.translate("Menus", "&Group into model"), edits.group, "Ctrl+G"
    )
    actions["ungroup"] = _action(
        menu, QCoreApplication.translate("Menus", "U&ngroup"), edits.ungroup, "Ctrl+Shift+G"
    )
    menu.addSeparator()
    actions["append"] = _action(
        menu,
        QCoreApplication.translate("Menus", "Append &layer…"),
        edits.append,
        None,
        QCoreApplication.translate("Menus", "Keras's model.add(): a new layer after the output"),
    )
    actions["pop"] = _action(
        menu,
        QCoreApplication.translate("Menus", "&Remove last layer"),
        edits.pop,
        None,
        QCoreApplication.translate("Menus", "Keras's model.pop(): remove the output layer"),
    )


def _view_menu(window, menu: QMenu, actions: dict[str, QAction]) -> None:
    actions["fit"] = _action(
        menu, QCoreApplication.translate("Menus", "&Fit whole graph"), window.fit_view, "F"
    )
    if hasattr(window.canvas, "zoom_in"):
        from app.canvas.view_menu import add_canvas_actions

        add_canvas_actions(menu, window.canvas, actions)
        menu.addSeparator()
    actions["up"] = _action(
        menu,
        QCoreApplication.translate("Menus", "&Up to the enclosing model"),
        window.leave_nested,
        "Alt+Up",
    )
    actions["focus_canvas"] = _action(
        menu,
        QCoreApplication.translate("Menus", "Focus the &canvas"),
        window.focus_canvas,
        "Ctrl+1",
        QCoreApplication.translate(
            "Menus",
            "Keys on the canvas: arrows move along the wires, Tab adds a layer, Escape deselects",
        ),
    )
    actions["explain"] = _action(
        menu,
        QCoreApplication.translate("ViewMenu", "&Explain the selection"),
        window.show_explain,
        "Ctrl+E",
        QCoreApplication.translate(
            "ViewMenu", "What the selected layer computes, its shape rule and its parameters"
        ),
    )
    menu.addSeparator()
    for dock in window.docks.values():
        menu.addAction(dock.toggleViewAction())
    menu.addSeparator()
    lock = menu.addAction(QCoreApplication.translate("Menus", "&Lock panel layout"))
    lock.setCheckable(True)
    lock.setChecked(window.panels_locked)
    lock.setStatusTip(
        QCoreApplication.translate(
            "Menus", "Locked, a panel's title bar does not move it; unlock to rearrange panels."
        )
    )
    lock.toggled.connect(window.set_panels_locked)
    actions["lock_panels"] = lock
    _language_menu(window, menu, actions)


def _language_menu(window, menu: QMenu, actions: dict[str, QAction]) -> None:
    """View → Language: each language under its own name; the choice is kept."""
    menu.addSeparator()
    # "Language" stays readable in the translation too, for whoever picked one by mistake
    languages = menu.addMenu(QCoreApplication.translate("Menus", "&Language"))
    group = QActionGroup(languages)
    for code, name in LANGUAGES.items():
        action = languages.addAction(name)
        action.setCheckable(True)
        action.setChecked(code == current_language())
        action.setActionGroup(group)
        action.triggered.connect(partial(window.set_language, code))
        actions[f"language_{code}"] = action
