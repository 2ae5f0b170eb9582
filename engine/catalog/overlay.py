"""The thin, hand-written overlay on top of what the catalog introspects from Keras.

Keras knows every layer class, its parameters and their defaults; it does not know which
palette category a layer belongs in, which value to suggest for a required argument such as
`Dense.units`, or which candidate strings to try for an enumeration that its docstrings do not
spell out. Only that is written here, as plain data keyed by Keras's own names. Everything else
(classes, parameters, defaults, docs, which candidates Keras accepts) comes from Keras itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Make:
    """A recipe for an example argument that is a Keras object: `keras.<path>(**kwargs)`, or
    the object at `keras.<path>` itself if `call` is false.

    The overlay is imported without Keras, so such arguments are only described here and
    built when the catalog is.
    """

    path: str
    kwargs: dict[str, Any] = field(default_factory=dict)
    call: bool = True


#: Public `keras.layers` classes that are not palette layers, with the reason.
EXCLUDED: dict[str, str] = {
    "Layer": "the abstract base of all layers",
    "Wrapper": "the abstract base of wrappers",
    "InputSpec": "not a layer",
    "FlaxLayer": "wraps a JAX/Flax module (needs the JAX backend)",
    "JaxLayer": "wraps a JAX function (needs the JAX backend)",
    "TorchModuleWrapper": "wraps a torch.nn.Module (needs the PyTorch backend)",
    "TFSMLayer": "wraps a TensorFlow SavedModel from disk",
}

#: Layers whose config holds Python code: loading them runs that code.
UNSAFE: frozenset[str] = frozenset({"Lambda"})

#: Names people know a class by besides its Keras names (Keras's own aliases are found).
EXTRA_ALIASES: dict[str, tuple[str, ...]] = {"InputLayer": ("Input",)}

#: What the palette shows instead of the class name.
DISPLAY_NAMES: dict[str, str] = {"InputLayer": "Input"}

#: Category by the Keras package a class lives in (`keras.src.layers.<package>`); the longest
#: matching prefix wins.
CATEGORY_BY_PACKAGE: dict[str, str] = {
    "core": "Core",
    "convolutional": "Convolution",
    "pooling": "Pooling",
    "rnn": "Recurrent",
    "attention": "Attention",
    "normalization": "Normalization",
    "regularization": "Regularization",
    "reshaping": "Reshaping",
    "merging": "Merging",
    "activations": "Activation",
    "preprocessing": "Preprocessing",
    "preprocessing.image_preprocessing": "Image preprocessing",
}

#: Exceptions to the package rule.
CATEGORY_OVERRIDES: dict[str, str] = {"TimeDistributed": "Wrappers", "Bidirectional": "Wrappers"}

#: One-line descriptions for classes without a docstring of their own.
DESCRIPTIONS: dict[str, str] = {
    "InputLayer": "The entry point of a model: a symbolic tensor of a given shape and dtype.",
}

#: Tuple arguments that take floats although their default holds only ints.
NUMBER_TUPLES: frozenset[str] = frozenset({"value_range"})

#: Palette order; categories not listed follow alphabetically, "Other" last.
CATEGORY_ORDER: tuple[str, ...] = (
    "Core",
    "Convolution",
    "Pooling",
    "Recurrent",
    "Attention",
    "Normalization",
    "Regularization",
    "Reshaping",
    "Merging",
    "Activation",
    "Wrappers",
    "Preprocessing",
    "Image preprocessing",
    "Other",
)

#: Example values for required arguments, by argument name (Keras's names).
EXAMPLES_BY_PARAM: dict[str, Any] = {
    "units": 32,
    "filters": 32,
    "kernel_size": 3,
    "pool_size": 2,
    "output_size": 2,
    "rate": 0.5,
    "stddev": 0.1,
    "activation": "relu",
    "height": 224,
    "width": 224,
    "axes": -1,
    "input_dim": 1000,
    "output_dim": 64,
    "num_heads": 8,
    "key_dim": 64,
    "head_dim": 64,
    "num_query_heads": 8,
    "num_key_value_heads": 2,
    "num_bins": 16,
    "max_number": 10,
    "dims": (2, 1),
    "factor": 0.2,
    "height_factor": 0.2,
    "width_factor": 0.2,
    "n": 3,
    "scale": 1.0 / 255,
    "target_shape": (-1,),
    "equation": "ab,bc->ac",
    "output_shape": 64,
    "layers": (),
}

#: Example values by class, for arguments whose example depends on the layer, and for
#: arguments with a default that Keras nevertheless refuses to do without.
EXAMPLES_BY_CLASS: dict[str, dict[str, Any]] = {
    "InputLayer": {"shape": (32,)},
    "CategoryEncoding": {"num_tokens": 10},
    "Discretization": {"num_bins": 4},
    "RandomPosterization": {"factor": 4},
    # Keras's identity function, not a Python lambda: the default config stays loadable in
    # safe mode and serializes identically every time (marshalled bytecode does not).
    "Lambda": {"function": Make("activations.linear", call=False)},
    "Bidirectional": {"layer": Make("layers.LSTM", {"units": 32})},
    "TimeDistributed": {"layer": Make("layers.Dense", {"units": 32})},
    "SpectralNormalization": {"layer": Make("layers.Dense", {"units": 32})},
    "RNN": {"cell": Make("layers.LSTMCell", {"units": 32})},
    "StackedRNNCells": {
        "cells": [Make("layers.LSTMCell", {"units": 32}), Make("layers.LSTMCell", {"units": 32})]
    },
}

#: Choices of enumerations that every layer with the argument accepts.
ENUM_CHOICES: dict[str, tuple[str, ...]] = {"data_format": ("channels_last", "channels_first")}

#: Candidate values for enumerations whose docstrings do not quote every choice. The catalog
#: keeps only the candidates Keras accepts for each class (it tries them).
ENUM_CANDIDATES: dict[str, tuple[str, ...]] = {
    "padding": ("valid", "same", "causal"),
    "interpolation": ("bilinear", "nearest", "bicubic", "area", "lanczos3", "lanczos5"),
    "fill_mode": ("reflect", "wrap", "constant", "nearest", "crop"),
    "merge_mode": ("sum", "mul", "concat", "ave"),
    "output_mode": ("int", "one_hot", "multi_hot", "count", "tf_idf"),
}

#: Call arguments Keras manages itself, never drawn as input ports.
IMPLICIT_CALL_ARGS: frozenset[str] = frozenset({"training", "mask"})
