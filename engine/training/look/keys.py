"""How a node's output is named in look-inside results.

A node is one call of a layer. Inside nested models the same inner layer is called once per call
of the nested model, so a node is addressed by its path from the outer model: a tuple of
(layer name, call index) pairs, outermost first. As text (npz keys, event fields, file names)::

    "conv2d:0"                   the first call of layer conv2d
    "shared_lstm:1"              the second call of a shared layer
    "vision:1/conv2d:0"          conv2d inside the nested model vision, for vision's second call
    "lstm:0:2"                   the third output tensor of a call that returns several

Call indices are Keras's node indices: the order of the layer's calls in the model's config,
which is also the editor's call order (`Graph.call_index`).
"""

from __future__ import annotations

NodePath = tuple[tuple[str, int], ...]


def node_key(path: NodePath, tensor_index: int = 0) -> str:
    """The text key of output `tensor_index` of the node at `path`."""
    text = "/".join(f"{name}:{call}" for name, call in path)
    return f"{text}:{tensor_index}" if tensor_index else text


def parse_key(key: str) -> tuple[NodePath, int]:
    """(path, tensor index) of a text key.

    Raises:
        ValueError: the text is not a node key.
    """
    parts = key.split("/")
    path = []
    tensor_index = 0
    for i, part in enumerate(parts):
        name, sep, rest = part.rpartition(":")
        if not sep:
            raise ValueError(f"Not a node key (layer:call). Received: {key!r}")
        if i == len(parts) - 1 and ":" in name:  # layer:call:tensor
            tensor_index = int(rest)
            name, _, rest = name.rpartition(":")
        path.append((name, int(rest)))
    return tuple(path), tensor_index


def file_stem(key: str) -> str:
    """A file name for a key: `conv2d.0`, `vision.1__conv2d.0` (no `:` or `/`)."""
    return key.replace(":", ".").replace("/", "__")


def layer_path(path: NodePath) -> str:
    """The layer a node calls, as a path of names (`vision/conv2d`): weights live per layer."""
    return "/".join(name for name, _ in path)
