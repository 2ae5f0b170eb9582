"""A hostile script runs nothing: every way it tries to touch the machine leaves no trace.

Each line below would create a marker file if Python ran it. Reading the script (and opening it
through the CLI) must create none of them; the model it also builds opens, and the lines are
reported as never run. When such a value would reach the model, the script is refused.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from engine.io.pyscript import ScriptError, read_script

ROOT = Path(__file__).resolve().parents[2]
ATTEMPTS = ("system", "popen", "subprocess", "eval", "exec", "open", "import", "getattr",
            "lambda", "compile", "class", "decorator", "loop", "format", "deserialize",
            "get_file", "path")  # fmt: skip


def hostile_script(marks: Path) -> str:
    mark = str(marks / "mark")
    return textwrap.dedent(f"""
        import os, subprocess, pathlib
        import keras
        from keras import layers
        MARK = {mark!r}
        os.system("touch " + MARK + "_system")
        os.popen("touch " + MARK + "_popen")
        subprocess.run(["touch", MARK + "_subprocess"])
        eval("open(MARK + '_eval', 'w').close()")
        exec("open(MARK + '_exec', 'w').close()")
        open(MARK + "_open", "w").write("x")
        __import__("os").system("touch " + MARK + "_import")
        getattr(os, "system")("touch " + MARK + "_getattr")
        (lambda: open(MARK + "_lambda", "w"))()
        compile("open(MARK + '_compile', 'w')", "x", "exec")
        pathlib.Path(MARK + "_path").touch()

        class Sneaky:
            def __init__(self):
                os.system("touch " + MARK + "_class")
        Sneaky()

        def decorate(function):
            os.system("touch " + MARK + "_decorator")
            return function

        @decorate
        def helper():
            return 1

        for name in os.listdir("/"):
            os.system("touch " + MARK + "_loop")
        "{{0.__class__.__init__.__globals__}}".format(layers)
        keras.utils.get_file("x", "http://127.0.0.1:9/" + MARK + "_get_file")

        inputs = keras.Input(shape=(4,), name="x")
        model = keras.Model(inputs, layers.Dense(2, name="out")(inputs), name="innocent")
    """)


def leftovers(marks: Path) -> list[str]:
    return sorted(p.name for p in marks.iterdir())


def test_a_hostile_script_runs_nothing_and_its_model_opens(tmp_path):
    marks = tmp_path / "marks"
    marks.mkdir()
    source = hostile_script(marks).replace(
        '"{0.__class__.__init__.__globals__}".format(layers)\n', ""
    )  # the format trick is tested below: it stops the reader
    reading = read_script(source, "hostile.py")
    assert leftovers(marks) == []
    config = reading.model().config
    assert [e["config"]["name"] for e in config["config"]["layers"]] == ["x", "out"]
    text = "\n".join(str(note) for note in reading.notes)
    for expected in ("`os.system(...)` runs a shell command when the script runs; never run here",
                     "`subprocess.run(...)` runs a program", "`eval(...)` runs Python code",
                     "`exec(...)` runs Python code", "`open(...)` reads or writes a file",
                     "`getattr(...)` reads an attribute", "`compile(...)` compiles Python code",
                     "class `Sneaky` is Python code", "decided when the script runs"):  # fmt: skip
        assert expected in text


def test_reaching_into_python_internals_is_refused(tmp_path):
    marks = tmp_path / "marks"
    marks.mkdir()
    with pytest.raises(ScriptError, match=r"the format field \{0.__class__"):
        read_script(hostile_script(marks), "hostile.py")
    assert leftovers(marks) == []


@pytest.mark.parametrize(
    "line",
    [
        'units = int(open(MARK + "_open").read())',
        "units = eval(\"__import__('os').system('touch ' + MARK + '_eval') or 3\")",
        'units = __import__("os").system("touch " + MARK + "_import")',
        'units = len(os.listdir("/")) and os.system("touch " + MARK + "_system")',
    ],
)
def test_a_hostile_value_that_reaches_the_model_is_refused_and_still_not_run(tmp_path, line):
    mark = str(tmp_path / "mark")
    source = f"import os\nimport keras\nMARK = {mark!r}\n{line}\n" + (
        "inputs = keras.Input((4,))\n"
        "model = keras.Model(inputs, keras.layers.Dense(units)(inputs))\n"
    )
    with pytest.raises(ScriptError) as caught:
        read_script(source, "hostile.py").model()
    assert str(caught.value).startswith("line 6: `keras.layers.Dense(...)` needs `units`: ")
    assert "this reader does not run code" in str(caught.value)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ({"module": "os", "class_name": "system", "config": "touch MARK"}, "not a Keras layer"),
        ({"module": "keras.src.utils.file_utils", "class_name": "function", "config": "get_file"},
         "not a Keras layer"),
        ({"module": "keras.layers", "class_name": "Lambda", "config": {"function": "f"}},
         "holds a Lambda"),
        ({"module": "keras.layers", "class_name": "TFSMLayer", "config": {"filepath": "MARK"}},
         "holds a TFSMLayer"),
    ],
)  # fmt: skip
def test_serialized_objects_must_be_keras_layers(tmp_path, config, expected):
    source = f"import keras\nx = keras.saving.deserialize_keras_object({config!r})\n"
    with pytest.raises(ScriptError, match=expected):
        read_script(source.replace("MARK", str(tmp_path / "mark")), "hostile.py").model()
    assert list(tmp_path.iterdir()) == []


def test_the_command_line_runs_nothing_either(tmp_path):
    marks = tmp_path / "marks"
    marks.mkdir()
    script = tmp_path / "hostile.py"
    script.write_text(
        hostile_script(marks).replace('"{0.__class__.__init__.__globals__}".format(layers)\n', ""),
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "check", str(script)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "TF_CPP_MIN_LOG_LEVEL": "3"},
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "OK: 'innocent' is a valid Keras model (2 layers)." in result.stdout
    assert "note: line 6: `os.system(...)` runs a shell command" in result.stderr
    assert leftovers(marks) == []
