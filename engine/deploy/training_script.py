"""A training script: one readable Python file that reproduces a training run outside the app.

The script holds the model's code (`engine.io.codegen`), the loading of the run's data
(`engine.deploy.script_data`), the compile and fit settings and the callbacks of the job, and
does what the worker does (`engine.training.runner`): a fresh Keras session seeded with the job's
seed, the model built, the data loaded, compiled, fitted, saved. Run with the same seed it gives
the same loss after each epoch as the run in the app.

Building it imports Keras and loads the data once (to decide what depends on the data): it runs
in the export worker, or wherever Keras is already loaded.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from engine.deploy.script_data import DataCode, data_code
from engine.io.codegen import generate_model_code
from engine.io.codegen.layout import _flat, _literal

_INDENT = "    "
_PATH_SETTINGS = {"ModelCheckpoint": "filepath", "CSVLogger": "filename", "TensorBoard": "log_dir"}
_DEFAULT_PATHS = {
    "ModelCheckpoint": "checkpoint.weights.h5",
    "CSVLogger": "training_log.csv",
    "TensorBoard": "tensorboard",
}


def training_script(job: dict[str, Any], script_name: str = "train.py") -> str:
    """The script that reproduces the fit `job` describes (see the module docstring).

    Args:
        job: a training job (`engine.training.job.make_job`), of kind fit.
        script_name: the file it will be saved as (its output folder is named after it).

    Raises:
        JobError, DataError: the worker would refuse the job (the data does not fit, ...).
        FormatError: the model cannot be written as Python.
    """
    from engine.training import compile_args
    from engine.training.checks import check_data
    from engine.training.data import load_data
    from engine.training.job import normalize_job
    from engine.training.prepare import build_model
    from engine.training.signature import signature_from_model
    from engine.training.user_files import load_files

    job = normalize_job(job)
    config = job["model"]
    model = build_model(config)
    signature = signature_from_model(model, config)
    losses = compile_args.losses(job["compile"], signature)
    sparse = compile_args.sparse_outputs(losses, signature)
    sections: list[DataCode] = []
    for function, spec in (
        ("load_data", job["data"]),
        ("load_validation_data", job["validation_data"]),
    ):
        if spec is None:
            continue
        loaded = load_data(spec, signature, seed=job["seed"], sparse_outputs=sparse)
        check_data(loaded, signature, sparse_outputs=sparse)
        raw = load_files(spec, signature) if spec["source"] == "files" else None
        sections.append(data_code(function, spec, signature, loaded, raw))
    writer = _Script(job, signature, script_name)
    return writer.text(generate_model_code(config), sections, losses)


class _Script:
    def __init__(self, job: dict[str, Any], signature: Any, script_name: str) -> None:
        self.job = job
        self.signature = signature
        self.stem = re.sub(r"\W+", "_", Path(script_name).stem) or "train"
        self.fixed = signature.fixed_batch_size

    def text(self, code: Any, sections: list[DataCode], losses: list[Any]) -> str:
        name = str(self.job["model"]["config"].get("name", "model"))
        imports = {"os"} | {i for s in sections for i in s.imports}
        if self.fixed and self.job["fit"]["validation_split"] and len(sections) == 1:
            imports.add("math")
        needs = ["keras", "numpy"]
        if self.job["data"]["source"] in ("digits", "iris", "wine", "breast_cancer"):
            needs.append("scikit-learn")
        if "h5py" in imports:
            needs.append("h5py")
        lines = [
            f'"""Trains the Keras model \'{_plain(name)}\' as Keras Canvas ran it: the same model, '
            "data, settings and seed.",
            "",
            f"Written by Keras Canvas. Run it with `python {self.stem}.py` (it needs "
            f"{', '.join(needs)}).",
            f"The weights, the .keras model and the training log go to `{self.stem}_output/` "
            "beside it.",
            '"""',
            "",
            *[f"import {m}" for m in sorted(imports - {"numpy", "h5py"})],
            "",
            "# Keras's backend for this run (the same loss needs the same backend); Keras reads",
            "# it once, when it is imported: set KERAS_BACKEND yourself to train on another",
            f'os.environ.setdefault("KERAS_BACKEND", "{self.job["backend"]}")',
            "",
            *[line for line in code.imports if line.startswith("import ")],
            "import numpy as np",
            *[line for line in code.imports if not line.startswith("import ")],
        ]
        lines += [
            "",
            f"SEED = {self.job['seed'] if self.job['seed'] is not None else 0}",
            f"OUTPUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "
            f'"{self.stem}_output")',
        ]
        if code.setup:
            lines += ["", *code.setup]
        lines += ["", "", "# " + "-" * 30 + " the model", "", "", code.functions]
        lines += ["", "", "# " + "-" * 30 + " the data", ""]
        helpers = list(dict.fromkeys(h for s in sections for h in s.helpers))
        for block in [*helpers, *(s.function for s in sections)]:
            lines += ["", block, ""]
        lines += ["", "# " + "-" * 30 + " training", ""]
        if self.fixed:
            lines += ["", _RESET_STATES, ""]
        lines += ["", *self.main(sections, losses), "", "", 'if __name__ == "__main__":']
        lines += [f"{_INDENT}main()", ""]
        return "\n".join(lines)

    # ------------------------------------------------------------------ main()

    def main(self, sections: list[DataCode], losses: list[Any]) -> list[str]:
        job, fit = self.job, self.job["fit"]
        weighted = sections[0].has_weights
        lines = [
            "def main():",
            f'{_INDENT}"""Build, load, compile and fit as the run did; save what it saved."""',
            f"{_INDENT}os.makedirs(OUTPUT_DIR, exist_ok=True)",
            f"{_INDENT}keras.backend.clear_session()",
            f"{_INDENT}keras.utils.set_random_seed(SEED)",
            f"{_INDENT}model = build_model()",
            f"{_INDENT}x, y{', sample_weight' if weighted else ''} = load_data()",
        ]
        validation = len(sections) > 1
        if validation:
            lines.append(f"{_INDENT}validation_x, validation_y = load_validation_data()[:2]")
        split = fit["validation_split"]
        if self.fixed:
            lines += self.full_batches(split, validation)
            split = 0.0 if split and not validation else split
            validation = validation or bool(fit["validation_split"])
        if job["load_weights"]:
            path = str(Path(job["load_weights"]).resolve())
            lines.append(f"{_INDENT}model.load_weights({_py(path)})  # continues from a run")
        lines += self.compile_call(losses)
        lines += self.callbacks()
        arguments = [("", "x"), ("", "y"), ("batch_size=", str(self.fixed or fit["batch_size"]))]
        arguments.append(("epochs=", str(fit["epochs"])))
        if fit["initial_epoch"]:
            arguments.append(("initial_epoch=", str(fit["initial_epoch"])))
        arguments.append(("verbose=", "2"))  # one line per epoch
        if split:
            arguments.append(("validation_split=", repr(split)))
        if validation:
            arguments.append(("validation_data=", "(validation_x, validation_y)"))
        arguments.append(("shuffle=", str(bool(fit["shuffle"]) and not self.fixed)))
        if fit["class_weight"]:
            arguments.append(
                ("class_weight=", _py({int(k): v for k, v in fit["class_weight"].items()}))
            )
        if weighted:
            arguments.append(("sample_weight=", "sample_weight"))
        arguments.append(("callbacks=", "callbacks"))
        lines.append(f"{_INDENT}history = model.fit(")
        lines += [f"{_INDENT * 2}{prefix}{value}," for prefix, value in arguments]
        lines.append(f"{_INDENT})")
        save = job["save"]
        if save["weights"]:
            lines.append(
                f'{_INDENT}model.save_weights(os.path.join(OUTPUT_DIR, "model.weights.h5"))'
            )
        if save["keras"]:
            lines.append(f'{_INDENT}model.save(os.path.join(OUTPUT_DIR, "model.keras"))')
        lines.append(f"{_INDENT}return history")
        return lines

    def full_batches(self, split: float, validation: bool) -> list[str]:
        batch = self.fixed
        lines = [
            f"{_INDENT}# the inputs have a fixed batch size of {batch} (stateful layers): full",
            f"{_INDENT}# batches only, in order",
        ]
        if split and not validation:
            lines += [
                f"{_INDENT}cut = math.ceil(len(first(x)) * (1.0 - {split!r}))  # the last part "
                "validates",
                f"{_INDENT}x, validation_x = take(x, slice(0, cut)), take(x, slice(cut, None))",
                f"{_INDENT}y, validation_y = take(y, slice(0, cut)), take(y, slice(cut, None))",
                f"{_INDENT}validation_x, validation_y = full_batches(validation_x, validation_y, "
                f"{batch})",
            ]
        elif validation:
            lines.append(
                f"{_INDENT}validation_x, validation_y = full_batches(validation_x, "
                f"validation_y, {batch})"
            )
        lines.append(f"{_INDENT}x, y = full_batches(x, y, {batch})")
        return lines

    def compile_call(self, losses: list[Any]) -> list[str]:
        from engine.training import compile_args

        spec, signature = self.job["compile"], self.signature
        lines = [f"{_INDENT}model.compile(", f"{_INDENT * 2}optimizer={_optimizer(spec)},"]
        lines.append(f"{_INDENT * 2}loss={_py(compile_args.unwrap(losses))},")
        if spec.get("loss_weights") is not None:
            weights = compile_args.per_output("loss_weights", spec["loss_weights"], signature)
            lines.append(f"{_INDENT * 2}loss_weights={_py(compile_args.unwrap(weights))},")
        metrics = compile_args.unwrap(compile_args.metrics(spec, signature))
        lines.append(f"{_INDENT * 2}metrics={_py(metrics)},")
        return [*lines, f"{_INDENT})"]

    def callbacks(self) -> list[str]:
        fit = self.job["fit"]
        entries = ["ResetStates()"] if self.fixed else []
        for callback in fit["callbacks"]:
            name, config = callback["class_name"], dict(callback["config"])
            key = _PATH_SETTINGS.get(name)
            if key is not None:
                path = str(config.pop(key, _DEFAULT_PATHS[name]))
                if name == "ModelCheckpoint" and path.endswith(".weights.h5"):
                    config["save_weights_only"] = True
                settings = [f"{key}=os.path.join(OUTPUT_DIR, {_py(path)})"]
            else:
                settings = []
            settings += [f"{k}={_py(v)}" for k, v in config.items()]
            entries.append(f"keras.callbacks.{name}({', '.join(settings)})")
        chosen = {c["class_name"] for c in fit["callbacks"]}
        if self.job["save"]["csv"] and "CSVLogger" not in chosen:
            append = ", append=True" if fit["initial_epoch"] > 0 else ""
            entries.append(
                f'keras.callbacks.CSVLogger(os.path.join(OUTPUT_DIR, "training_log.csv"){append})'
            )
        lines = [f"{_INDENT}callbacks = ["]
        lines += [f"{_INDENT * 2}{entry}," for entry in entries]
        return [*lines, f"{_INDENT}]"]


def _optimizer(spec: dict[str, Any]) -> str:
    """`keras.optimizers.Adam(learning_rate=0.001)`: the class Keras resolves, the settings."""
    import keras

    from engine.training.job import OPTIMIZER_PARAMS

    optimizer = spec["optimizer"]
    if isinstance(optimizer, str):
        optimizer = {"class_name": optimizer, "config": {}}
    config = dict(optimizer.get("config") or {})
    config.update({k: spec[k] for k in OPTIMIZER_PARAMS if spec.get(k) is not None})
    cls = type(keras.optimizers.get({"class_name": optimizer["class_name"], "config": {}}))
    settings = ", ".join(f"{k}={_py(v)}" for k, v in config.items())
    return f"keras.optimizers.{cls.__name__}({settings})"


def _py(value: Any) -> str:
    return _flat(_literal(value, tuples=False))


def _plain(text: str) -> str:
    return re.sub(r"[^\w .,:-]", "", text)


_RESET_STATES = '''class ResetStates(keras.callbacks.Callback):
    """Reset the stateful layers at each epoch: an epoch does not continue the last one's
    sequences."""

    def on_epoch_begin(self, epoch, logs=None):
        for layer in self.model.layers:
            if getattr(layer, "stateful", False) and hasattr(layer, "reset_states"):
                layer.reset_states()


def first(data):
    return data[0] if isinstance(data, list) else data


def take(data, index):
    return [item[index] for item in data] if isinstance(data, list) else data[index]


def full_batches(x, y, batch_size):
    """The first samples that fill whole batches."""
    usable = len(first(x)) - len(first(x)) % batch_size
    return take(x, slice(0, usable)), take(y, slice(0, usable))'''
