"""Deployment: models exported as TensorFlow SavedModel, ONNX and LiteRT, each export verified.

`export_model` (in `export`) goes through Keras's own `model.export(format=...)` and accepts the
artifact only if its runtime's predictions match Keras's on random inputs (`verify`). The model
is built with a run's weights or fresh ones (`build`). Exports import TensorFlow and take
seconds: the window runs them in a worker process (`python -m engine.deploy.worker`), the
command line in its own process. `training_script` writes the Python script that reproduces a
training run outside the app.

The package: `formats`, `build`, `export`, `verify`, `worker`, `training_script`.
"""

from __future__ import annotations

from engine.deploy.build import ExportError
from engine.deploy.formats import FORMATS, DeployFormat, format_for_path, format_named

__all__ = ["FORMATS", "DeployFormat", "ExportError", "format_for_path", "format_named"]
