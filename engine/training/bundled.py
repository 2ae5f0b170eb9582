"""Real data that needs no download: scikit-learn's bundled sets and Fashion-MNIST IDX files.

Each gives one feature array and one integer label vector, so it fits models with one input and
one output; the layout (images or flat vectors) follows the model's input shape. The samples are
shuffled once with the job's seed, because some sets (iris) come sorted by class and Keras's
`validation_split` takes the last samples.
"""

from __future__ import annotations

import gzip
import os
import struct
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from engine.training.dataset import Dataset
from engine.training.errors import DataError

if TYPE_CHECKING:
    from engine.training.signature import ModelSignature

# Debian's dataset-fashion-mnist package puts the IDX files here
FASHION_MNIST_DIRS = ("/usr/share/datasets/fashion-mnist",)
FASHION_MNIST_ENV = "KERAS_CANVAS_FASHION_MNIST"  # a folder that overrides the search
_IDX_FILES = {
    "train": ("train-images-idx3-ubyte", "train-labels-idx1-ubyte"),
    "test": ("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"),
}
# image side of the datasets that are pictures
_IMAGE_SIDE = {"digits": 8, "fashion_mnist": 28}


def load_bundled(spec: dict[str, Any], signature: ModelSignature, *, seed: int | None) -> Dataset:
    """Load a bundled dataset and map it onto the model's single input and output.

    Raises:
        DataError: the model does not have one input and one output, the files are missing,
            or the features cannot take the model's input shape.
    """
    name = spec["source"]
    if len(signature.inputs) != 1 or len(signature.outputs) != 1:
        raise DataError(
            f"The {name} dataset has one input and one output; the model has "
            f"{len(signature.inputs)} inputs ({', '.join(signature.input_names())}) and "
            f"{len(signature.outputs)} outputs ({', '.join(signature.output_names())})."
        )
    features, labels = _read(name, spec)
    order = np.random.default_rng(seed).permutation(len(labels))
    features, labels = features[order], labels[order]
    input_spec, output_spec = signature.inputs[0], signature.outputs[0]
    classes = int(labels.max()) + 1
    layouts = _layouts(name, features, spec.get("layout"))
    layout = next((c for c in layouts if _matches(c, tuple(input_spec.shape[1:]))), None)
    units = output_spec.shape[-1]
    if layout is None or units not in (1, classes) or (units == 1 and classes > 2):
        shapes = " or ".join(str(c) for c in layouts)
        binary = " (or 1 with sigmoid)" if classes == 2 else ""
        raise DataError(
            f"The {name} dataset needs an input of shape {shapes} and an output of {classes} "
            f"units{binary}. Received: input '{input_spec.name}' of shape "
            f"{tuple(input_spec.shape[1:])}, output '{output_spec.name}' of shape "
            f"{tuple(output_spec.shape[1:])}"
        )
    features = features.reshape(len(features), *layout)
    return Dataset(
        x={input_spec.name: features},
        y={output_spec.name: labels.reshape(-1, 1) if units == 1 else labels},
        description=f"{name} ({len(labels)} samples)",
    )


def _read(name: str, spec: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    """(features as float32, integer labels) of a bundled dataset."""
    if name == "fashion_mnist":
        images, labels = read_fashion_mnist(spec.get("path"), spec.get("split", "train"))
        return images.astype("float32") / 255.0, labels.astype("int64")
    from sklearn import datasets

    bunch = getattr(datasets, f"load_{name}")()
    features = np.asarray(bunch.data, dtype="float32")
    if name == "digits":
        features = features / 16.0  # pixel intensities are 0..16
    else:  # tables with columns in very different units: standardize them
        features = (features - features.mean(axis=0)) / (features.std(axis=0) + 1e-7)
    return features, np.asarray(bunch.target, dtype="int64")


def _layouts(name: str, features: np.ndarray, layout: str | None) -> list[tuple[int, ...]]:
    """The input shapes a dataset can take: flat vectors, and images for digits and
    Fashion-MNIST (or only the `layout` asked for)."""
    side = _IMAGE_SIDE.get(name)
    flat = (int(np.prod(features.shape[1:])),)
    if layout == "vectors" or not side:
        return [flat]
    images = [(side, side, 1), (side, side)]
    return images if layout == "images" else [*images, flat]


def _matches(candidate: tuple[int, ...], target: tuple[int | None, ...]) -> bool:
    return len(candidate) == len(target) and all(
        t in (None, c) for c, t in zip(candidate, target, strict=True)
    )


def find_fashion_mnist(folder: str | os.PathLike[str] | None = None) -> Path:
    """The folder holding the Fashion-MNIST IDX files.

    Args:
        folder: a user's folder; when None, `$KERAS_CANVAS_FASHION_MNIST` and then Debian's
            `/usr/share/datasets/fashion-mnist` are tried.

    Raises:
        DataError: no candidate folder holds the files.
    """
    candidates = [folder] if folder else [os.environ.get(FASHION_MNIST_ENV), *FASHION_MNIST_DIRS]
    tried = []
    for candidate in filter(None, candidates):
        path = Path(candidate).expanduser()
        tried.append(str(path))
        if _idx_file(path, _IDX_FILES["train"][0]) or _idx_file(path, _IDX_FILES["test"][0]):
            return path
    raise DataError(
        "Fashion-MNIST IDX files (train-images-idx3-ubyte[.gz], ...) were not found. Install "
        "Debian's dataset-fashion-mnist package or choose the folder that holds them. "
        f"Received: searched {tried}"
    )


def read_fashion_mnist(
    folder: str | os.PathLike[str] | None = None, split: str = "train"
) -> tuple[np.ndarray, np.ndarray]:
    """Images (N, 28, 28) uint8 and labels (N,) of one split.

    Raises:
        DataError: the files are missing or are not IDX files.
    """
    if split not in _IDX_FILES:
        raise DataError(f"`split` must be 'train' or 'test'. Received: {split!r}")
    path = find_fashion_mnist(folder)
    image_name, label_name = _IDX_FILES[split]
    images = read_idx(_idx_file(path, image_name) or path / image_name)
    labels = read_idx(_idx_file(path, label_name) or path / label_name)
    if images.ndim != 3 or labels.ndim != 1 or len(images) != len(labels):
        raise DataError(
            f"The Fashion-MNIST {split} files do not match. Received: images {images.shape}, "
            f"labels {labels.shape}"
        )
    return images, labels


def read_idx(path: Path) -> np.ndarray:
    """Read an IDX file (the MNIST format; gzip-compressed when it ends in .gz).

    Raises:
        DataError: the file is missing or its header is not IDX.
    """
    try:
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rb") as stream:
            raw = stream.read()
    except OSError as exc:
        raise DataError(f"Cannot read the IDX file {path}. Received: {exc}") from None
    if len(raw) < 4 or raw[0:2] != b"\x00\x00" or raw[2] != 0x08:
        raise DataError(f"{path} is not an IDX file of unsigned bytes. Received: {raw[:4]!r}")
    rank = raw[3]
    dims = struct.unpack(f">{rank}I", raw[4 : 4 + 4 * rank])
    body = np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * rank)
    if body.size != int(np.prod(dims)):
        raise DataError(f"{path} is truncated. Received: {body.size} values for shape {dims}")
    return body.reshape(dims)


def _idx_file(folder: Path, stem: str) -> Path | None:
    for name in (stem, stem + ".gz"):
        if (folder / name).is_file():
            return folder / name
    return None
