"""What Keras itself says a layer does: the first paragraph of the class docstring.

The catalog keeps only one sentence; the whole first paragraph is read here from the class,
found through the catalog's `keras_layers` helpers (which import Keras on first use).
"""

from __future__ import annotations

import functools
import inspect
import re

from engine.catalog.keras_layers import class_named


@functools.cache
def keras_doc(class_name: str) -> str:
    """The first paragraph of the docstring of `keras.layers.<class_name>`, on one line.

    Returns "" for classes the catalog does not list (ops, custom layers) or without a
    docstring.
    """
    try:
        cls = class_named(class_name)
    except (StopIteration, ImportError):
        return ""
    # the class's own docstring: InputLayer has none, and Layer's would describe every layer
    own = cls.__dict__.get("__doc__")
    return first_paragraph(inspect.cleandoc(own)) if isinstance(own, str) else ""


def model_doc() -> str:
    """The first paragraph of `keras.Model`'s docstring, for nested models."""
    import keras

    return first_paragraph(inspect.getdoc(keras.Model) or "")


def first_paragraph(doc: str) -> str:
    paragraph = doc.strip().split("\n\n", 1)[0]
    return re.sub(r"\s+", " ", paragraph).strip()
