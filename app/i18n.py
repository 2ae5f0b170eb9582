"""The interface's language: Qt's own translation system, our catalogues and Qt's.

Every user-visible string of `app/` goes through `tr()` / `QCoreApplication.translate()`;
`resources/i18n/keras_canvas_<language>.ts` holds the translations (pyside6-lupdate extracts the
strings, pyside6-lrelease compiles the `.qm` files that ship in the package). English is the
source language; its own small catalogue only carries plural forms ("1 layer", "2 layers" from
"%n layer(s)"). Qt's `qtbase_<language>.qm` translates Qt's standard dialog buttons.

The language follows the system locale until the user picks one (View → Language), which is
kept in QSettings for the next start; `main.py --lang zh_CN` chooses one for a single start.
A machine without a font for Chinese characters gets the
English interface (and a message saying which font package to install), never boxes.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtGui import QFontDatabase

from resources import i18n_dir

ENGLISH, CHINESE = "en", "zh_CN"
# each language under its own name, as language menus show them
LANGUAGES: dict[str, str] = {ENGLISH: "English", CHINESE: "简体中文"}
LANGUAGE_NAMES: dict[str, str] = {ENGLISH: "English", CHINESE: "Simplified Chinese"}
SETTINGS_KEY = "language"
CATALOGUE = "keras_canvas"
_TRANSLATOR_NAME = "keras_canvas_translator"
_LANGUAGE_PROPERTY = "keras_canvas_language"
# the writing system a language needs a font for
_WRITING_SYSTEMS = {CHINESE: QFontDatabase.WritingSystem.SimplifiedChinese}


def language_for_locale(locale: QLocale) -> str:
    """The interface language for a locale: Simplified Chinese for Chinese written in
    simplified characters (China, Singapore), English for everything else."""
    if locale.language() != QLocale.Language.Chinese:
        return ENGLISH
    return ENGLISH if locale.script() == QLocale.Script.TraditionalHanScript else CHINESE


def language_option(argv: list[str]) -> tuple[str | None, list[str]]:
    """`--lang zh_CN` (or `--lang=en`) taken out of the command line, for this start only.

    Returns:
        (the language asked for, or None; the other arguments).

    Raises:
        ValueError: the option has no value, or a language the interface does not speak.
    """
    rest: list[str] = []
    language = None
    items = iter(argv)
    for item in items:
        if item == "--lang" or item.startswith("--lang="):
            value = item.partition("=")[2] if "=" in item else next(items, "")
            language = _ALIASES.get(value.replace("-", "_").lower())
            if language is None:
                known = ", ".join(LANGUAGES)
                raise ValueError(f"--lang takes one of {known}. Received: {value!r}")
        else:
            rest.append(item)
    return language, rest


_ALIASES = {"en": ENGLISH, "en_us": ENGLISH, "en_gb": ENGLISH, "zh": CHINESE, "zh_cn": CHINESE,
            "zh_hans": CHINESE, "zh_sg": CHINESE}  # fmt: skip


def chosen_language(settings: QSettings) -> str:
    """The language the user picked, or the system's when none was picked."""
    value = settings.value(SETTINGS_KEY, "")
    if value in LANGUAGES:
        return str(value)
    return language_for_locale(QLocale.system())


def remember_language(settings: QSettings, language: str) -> None:
    """Keep `language` for the next start."""
    settings.setValue(SETTINGS_KEY, language)
    settings.sync()


def has_font_for(language: str) -> bool:
    """Whether some installed font draws `language`'s characters (needs a QGuiApplication)."""
    system = _WRITING_SYSTEMS.get(language)
    return system is None or bool(QFontDatabase.families(system))


def install_language(app: QCoreApplication, language: str) -> str:
    """Make `language` the interface's language (replacing the one installed before).

    Widgets made afterwards speak it; widgets already made keep their texts (the window is
    rebuilt to switch, see `app.language_switch`).

    Returns:
        The language installed: English when `language` is unknown.
    """
    if language not in LANGUAGES:
        language = ENGLISH
    for old in app.findChildren(QTranslator, _TRANSLATOR_NAME):
        app.removeTranslator(old)
        old.deleteLater()
    _install(app, CATALOGUE, language, str(i18n_dir()))
    if language != ENGLISH:  # Qt's own texts: OK / Cancel / Save / Discard in dialogs...
        qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        _install(app, "qtbase", language, qt_folder)
    QLocale.setDefault(QLocale(language))
    app.setProperty(_LANGUAGE_PROPERTY, language)
    return language


def language_installed() -> bool:
    """Whether `install_language` has run in this application."""
    app = QCoreApplication.instance()
    return app is not None and app.property(_LANGUAGE_PROPERTY) in LANGUAGES


def current_language() -> str:
    """The language installed by `install_language` (English before any)."""
    app = QCoreApplication.instance()
    value = app.property(_LANGUAGE_PROPERTY) if app is not None else None
    return str(value) if value in LANGUAGES else ENGLISH


def _install(app: QCoreApplication, catalogue: str, language: str, folder: str) -> bool:
    translator = QTranslator(app)
    translator.setObjectName(_TRANSLATOR_NAME)
    if not translator.load(f"{catalogue}_{language}", folder):
        translator.deleteLater()  # a missing catalogue leaves the source texts: English
        return False
    return app.installTranslator(translator)
