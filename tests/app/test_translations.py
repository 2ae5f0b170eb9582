"""The translations: every string of app/ is in the .ts, the .qm files are current, translations
keep their placeholders, engine messages are translated with their values, the language
follows the locale and is kept in the settings."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings

from app.engine_text import engine_text
from app.i18n import (
    CHINESE,
    ENGLISH,
    current_language,
    install_language,
    language_for_locale,
    remember_language,
)
from resources import i18n_dir

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(i18n_dir()))
import update_translations  # noqa: E402 - the project's own lupdate/lrelease driver

ZH_TS = update_translations.ts_path(CHINESE)
MNEMONIC = re.compile(r"&(?!&|[a-z]+;)\w")  # a menu's Alt key (not && nor &nbsp;)


@pytest.fixture
def chinese(qapp):
    install_language(qapp, CHINESE)
    yield
    install_language(qapp, ENGLISH)


def _messages(ts: Path):
    for context in ET.parse(ts).getroot().iter("context"):
        for message in context.iter("message"):
            yield context.findtext("name"), message


def _texts(message) -> list[str]:
    translation = message.find("translation")
    forms = [f.text or "" for f in translation.iter("numerusform")]
    return forms or [translation.text or ""]


def test_lupdate_finds_no_string_of_app_missing_from_the_ts(tmp_path):
    """A string added to app/ later cannot slip through untranslated: lupdate, run over app/
    into a copy of the .ts, must find every string already there and translated."""
    copy = tmp_path / ZH_TS.name
    shutil.copy(ZH_TS, copy)
    update_translations.lupdate(CHINESE, copy, ROOT)
    missing = [
        f"{context}: {message.findtext('source')!r}"
        for context, message in _messages(copy)
        if message.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
    ]
    assert not missing, "strings of app/ missing from the .ts:\n" + "\n".join(missing)
    committed = {(c, m.findtext("source")) for c, m in _messages(ZH_TS)}
    current = {(c, m.findtext("source")) for c, m in _messages(copy)}
    assert committed == current, "the .ts holds strings app/ no longer has: run lupdate"


# Qt calls that show their text argument(s): name -> positions of the texts
_TEXT_ARGUMENTS = {
    **dict.fromkeys(("setText", "setToolTip", "setWindowTitle", "setStatusTip", "setTitle",
                     "setPlaceholderText", "addAction", "addMenu", "addItem", "QLabel",
                     "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox", "QAction",
                     "setLabelText", "showMessage", "setHtml", "addRow"), (0,)),
    **dict.fromkeys(("addTab", "setTabText", "insertTab"), (1,)),
    **dict.fromkeys(("information", "warning", "critical", "question"), (1, 2)),
}  # fmt: skip
_NAMES = {"Keras", "Canvas", "English"}  # the product's name; a language under its own name


def test_no_english_literal_reaches_a_widget_without_the_translator():
    """What lupdate cannot see: a literal (or f-string) handed straight to a widget. A new
    `label.setText("Shape")` fails here; `label.setText(self.tr("Shape"))` passes."""
    import ast

    def called(node: ast.Call) -> str:
        func = node.func
        return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")

    found = []
    for path in sorted((ROOT / "app").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or called(node) not in _TEXT_ARGUMENTS:
                continue
            if called(node) in ("warning", "critical") and len(node.args) < 3:
                continue  # logger.warning("...%s", value): a log line, not the interface
            for position in _TEXT_ARGUMENTS[called(node)]:
                if position >= len(node.args):
                    continue
                arg = node.args[position]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    text = arg.value
                elif isinstance(arg, ast.JoinedStr):
                    text = " ".join(v.value for v in arg.values if isinstance(v, ast.Constant))
                else:
                    continue
                if set(re.findall(r"[A-Za-z]{2,}", text)) - _NAMES:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {text[:60]!r}")
    assert not found, "texts shown without tr()/translate():\n" + "\n".join(found)


@pytest.mark.parametrize("language", update_translations.LANGUAGES)
def test_no_entry_of_the_committed_ts_is_left_unfinished(language):
    ts = update_translations.ts_path(language)
    entries = list(_messages(ts))
    unfinished = [
        f"{context}: {message.findtext('source')!r}"
        for context, message in entries
        if message.find("translation").get("type") == "unfinished"
        or not any(text.strip() for text in _texts(message))
    ]
    assert len(entries) > (900 if language == CHINESE else 10)
    assert not unfinished, "\n".join(unfinished)


@pytest.mark.parametrize("language", update_translations.LANGUAGES)
def test_the_committed_qm_files_are_current_with_the_ts(tmp_path, language):
    fresh = tmp_path / "fresh.qm"
    update_translations.lrelease(update_translations.ts_path(language), fresh)
    committed = update_translations.qm_path(language)
    assert committed.read_bytes() == fresh.read_bytes(), f"run lrelease: {committed.name} is stale"


def test_every_translation_keeps_its_placeholders_and_counts():
    """{0}, {name}, %n and the menu's & survive translation, so .format() and Qt find them."""
    wrong = []
    for context, message in _messages(ZH_TS):
        source = message.findtext("source")
        for text in _texts(message):
            same = re.findall(r"\{[^{}]*\}", source) and sorted(
                re.findall(r"\{[^{}]*\}", source)
            ) != sorted(re.findall(r"\{[^{}]*\}", text))
            keys = bool(MNEMONIC.search(source)) != bool(MNEMONIC.search(text))
            if same or ("%n" in source) != ("%n" in text) or keys:
                wrong.append(f"{context}: {source!r} -> {text!r}")
    assert not wrong, "\n".join(wrong)


def test_chinese_is_what_the_catalogue_holds(chinese):
    assert QCoreApplication.translate("Menus", "&File") == "文件(&F)"
    assert current_language() == CHINESE
    # Qt's own buttons come from Qt's catalogue
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"


def test_english_counts_in_its_own_words(qapp):
    install_language(qapp, ENGLISH)
    counted = [QCoreApplication.translate("InspectorPanel", "%n layer(s)", "", n) for n in (1, 3)]
    assert counted == ["1 layer", "3 layers"]


def test_a_shape_error_of_the_engine_is_translated_with_its_values(chinese):
    from engine.model import edits, operations
    from engine.model.document import Document
    from engine.model.graph import TensorRef

    document = Document()
    graph = document.graph
    add_input, _layer, input_node = operations.add_input(graph, (8,))
    edits.apply(graph, add_input)
    add_conv, _layer, conv_node = operations.add_layer(
        graph, "Conv2D", [TensorRef(input_node)], filters=4, kernel_size=3
    )
    edits.apply(graph, add_conv)
    error = document.shapes.infer(graph)[conv_node].error
    assert error.startswith("Conv2D expects its input to have at least 4 dimensions"), error
    shown = engine_text(error)
    assert shown == (
        "Conv2D 要求它的输入至少 4 维（含批次轴）。收到：形状 (None, 8)，2 维。"
        "请先 Reshape，或者给 Input 更多的维度。"
    )


def test_a_refused_edit_and_a_file_error_are_translated_with_their_values(chinese, tmp_path):
    from engine.errors import KerasCanvasError
    from engine.io.files import load_document

    missing = tmp_path / "nothing.json"
    with pytest.raises(KerasCanvasError) as refused:
        load_document(missing)
    # the engine names the file first ('nothing.json': No such file: '/tmp/.../nothing.json'.)
    assert engine_text(str(refused.value)) == f"“nothing.json”：文件不存在：“{missing}”。"
    cycle = (
        "Connecting 'dense_1' to 'dense' would make a cycle: 'dense_1' already depends on 'dense'."
    )
    assert engine_text(cycle) == "把“dense_1”连到“dense”会形成环：“dense_1”已经依赖于“dense”。"


def test_a_worker_that_died_is_said_in_chinese_with_its_signal(chinese):
    from engine.training.exits import exit_text

    assert engine_text(f"The training worker {exit_text(-9)}.") == (
        "训练工作进程被强制结束（SIGKILL：可能是“强制结束”按钮、其他程序，或内存耗尽时被系统结束）。"
    )
    assert engine_text(f"The training worker {exit_text(3)}.") == "训练工作进程已退出，退出码 3。"


def test_a_message_no_template_knows_stays_english(chinese):
    text = "Keras said something nobody has translated yet: (None, 3)."
    assert engine_text(text) == text


def test_english_messages_pass_through_unchanged(qapp):
    install_language(qapp, ENGLISH)
    text = "The model has no input. Add an Input layer."
    assert engine_text(text) == text


@pytest.mark.parametrize(
    ("locale", "language"),
    [("zh_CN", CHINESE), ("zh_SG", CHINESE), ("zh_TW", ENGLISH), ("en_US", ENGLISH),
     ("de_DE", ENGLISH)],
)  # fmt: skip
def test_the_language_follows_the_system_locale(locale, language):
    assert language_for_locale(QLocale(locale)) == language


def test_the_language_chosen_is_kept_for_the_next_start(qapp, tmp_path):
    path = tmp_path / "settings.ini"
    remember_language(QSettings(str(path), QSettings.Format.IniFormat), CHINESE)
    probe = (
        "import sys; from PySide6.QtCore import QSettings; from app.i18n import chosen_language;"
        "print(chosen_language(QSettings(sys.argv[1], QSettings.Format.IniFormat)))"
    )
    env = {"PYTHONPATH": str(ROOT), "LANG": "en_US.UTF-8", "LC_ALL": "en_US.UTF-8"}
    started = subprocess.run(
        [sys.executable, "-c", probe, str(path)], capture_output=True, text=True, env=env,
        cwd=tmp_path, timeout=120, check=True,
    )  # fmt: skip
    assert started.stdout.strip() == CHINESE  # another process, an English locale: kept


def test_every_teaching_note_of_the_engine_has_its_chinese(chinese):
    """A note added to engine.explain.notes needs its key here and its translation."""
    from app.panels.explain_notes import NOTE_KEYS, translated_note
    from engine.explain.notes import NOTES, note_key, plain_note

    classes = [*NOTES, "Conv1D", "Conv2D", "Conv3D", "Conv1DTranspose", "Conv2DTranspose",
               "Conv3DTranspose", "MaxPooling2D", "AveragePooling1D", "GlobalMaxPooling3D",
               "GlobalAveragePooling2D", "UpSampling2D", "ZeroPadding1D", "Cropping2D"]  # fmt: skip
    keys = {note_key(name) for name in classes if plain_note(name)} | {note_key("", True)}
    assert keys == set(NOTE_KEYS)
    for key in keys:
        assert re.search(r"[\u4e00-\u9fff]", translated_note(key, "english")), key


def test_the_explain_panel_speaks_chinese_for_the_seeds_cnn(chinese):
    from app.panels.explain_html import explanation_html
    from engine.explain import explain_call
    from engine.io.files import load_document
    from resources import templates_dir

    document = load_document(templates_dir() / "cnn.kcanvas")
    graph = document.graph
    conv = next(n for n in graph.nodes if graph.layer_of(n).name == "conv2d")
    page = explanation_html(explain_call(document.shapes, graph, conv))
    assert "卷积让一个小窗口（卷积核）在图像的高和宽上滑动" in page
    assert "896，全部可训练" in page
    assert "3×3 窗口 × 3 个输入通道 × 32 个过滤器" in page
    # the shape rule: its sentence, the formulas' names and notes, the numbers carried over
    assert "Conv2D：3×3 的卷积核，步长 1×1，padding=&#x27;valid&#x27;（不填充）" in page
    assert "(filters：每个过滤器一个通道)" in page and "⌊(100 − 3) / 1⌋ + 1" in page


def test_look_inside_speaks_chinese_about_its_sample_and_health(chinese):
    """The legend's title and the health sentence on a card: the worker's English words for
    a drawn sample or a row of the user's arrays, and the sign of a percentage, in Chinese."""
    from app.look.health_text import problem_text
    from app.look.look_inside import _sample_text

    assert _sample_text({"description": "drawing"}) == "手绘"
    row = {"description": "data #3", "labels": {"out": 2}, "class_names": []}
    assert _sample_text(row) == "数据 #3 · 标签 2"
    named = {"description": "digits #0", "labels": {"dense_1": 6}}
    assert _sample_text(named) == "digits #0 · 标签 6"  # a data source's name is a name
    dead = problem_text({"kind": "dead_units", "layer": "dense", "value": 1.0})
    assert dead.startswith("dense：100% 的单元对每个样本都输出零"), dead
    still = problem_text({"kind": "frozen", "layer": "dense", "value": 0.0})
    assert "（更新比例 0）" in still, still  # not "0e+00"
    tiny = problem_text({"kind": "vanishing_gradient", "layer": "dense", "value": 3e-9})
    assert "（3e-09）" in tiny, tiny


def test_the_first_nan_layer_is_named_in_chinese(chinese):
    """The panel's and the card's sentences of a NaN run (the engine's `nan` record)."""
    from app.look.health_text import nan_card_text, nan_text

    nan = {"layer": "conv2d_1", "node": "conv2d_1:0", "weights_nonfinite": True}
    panel = nan_text(nan, epoch=0, batch=4)
    assert "conv2d_1" in panel and "第 1 轮" in panel and "NaN" in panel, panel
    card = nan_card_text(nan)
    assert card.startswith("conv2d_1：") and "学习率" in card, card
    finite = nan_text({**nan, "weights_nonfinite": False}, epoch=2, batch=0)
    words = set(re.findall(r"[A-Za-z]+", finite.replace("conv2d_1", "")))
    assert finite != panel and words <= {"NaN"}, finite  # no English left


def test_a_sample_look_inside_cannot_use_is_refused_in_chinese(chinese, tmp_path):
    """The worker's refusals of the chosen sample, from the real engine functions."""
    import numpy as np

    from engine.training.errors import DataError
    from engine.training.look.sample import check_fits, read_image
    from engine.training.signature import TensorSpec

    spec = TensorSpec("input_layer", (None, 8, 8, 1), "float32")
    with pytest.raises(DataError) as wrong_shape:
        check_fits(spec, np.zeros((4, 4)))
    assert engine_text(str(wrong_shape.value)) == (
        "这个样本不适合输入“input_layer”：它需要一个形状为 (8, 8, 1) 的样本。收到：(4, 4)"
    )
    not_an_image = tmp_path / "notes.png"
    not_an_image.write_text("not a picture")
    with pytest.raises(DataError) as unreadable:
        read_image(not_an_image, spec)
    assert engine_text(str(unreadable.value)).startswith(f"无法读取图片文件 {not_an_image}。收到：")
    with pytest.raises(DataError) as no_image:
        read_image(not_an_image, TensorSpec("x", (None, 7), "float32"))
    shown = engine_text(str(no_image.value))
    assert shown == (
        "输入“x”不接受图片：它需要形状 (7,)；图片需要（高, 宽, 1 或 3 个通道）、（高, 宽），"
        "或者个数是平方数的一串数值。收到：图片 notes.png"
    ), shown
