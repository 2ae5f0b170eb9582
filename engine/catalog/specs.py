"""What the catalog knows about a layer class (`LayerSpec`), and the catalog of them all.

Nothing here imports Keras until a default config with overrides asks Keras to build the layer.
"""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from engine.catalog import overlay
from engine.catalog.keras_layers import instantiate_config
from engine.catalog.params import ParamSpec


class UnknownLayerError(KeyError):
    """The catalog has no layer class of that name."""

    def __str__(self) -> str:  # KeyError quotes its message; show it plain
        return str(self.args[0]) if self.args else ""


@dataclass(frozen=True)
class CallInput:
    """A tensor argument of a layer's `call()`, drawn as an input port.

    Attributes:
        name: the argument's name (`query`, `value`, `initial_state`).
        required: `call()` has no default for it.
    """

    name: str
    required: bool


@dataclass(frozen=True)
class LayerSpec:
    """What the catalog knows about one layer class.

    Attributes:
        class_name: the class name Keras serializes (`Conv2D`).
        module: the module Keras serializes (`keras.layers`).
        category: the palette category (`Convolution`).
        description: the first sentence of the class docstring.
        display_name: what the palette shows (`Input` for `InputLayer`).
        aliases: other public names of the class (`Convolution2D`).
        params: the parameters, signature order first, then config-only keys.
        inputs: the tensor arguments of `call()`.
        is_merge: `call()` takes a variadic list of tensors (`Add`, `Concatenate`, ...).
        unsafe: the config holds Python code (`Lambda`).
        default_name: Keras's base name for new layers of the class (`conv2d`).
        call_params: the names of `call()`'s parameters, in order.
        call_defaults: `call()`'s defaults that JSON can hold (`training`, `mask`...), by name:
            what a call records without Keras (`engine.model.call_kwargs`).
        template: the default config; use `default_config()`, which copies it.
    """

    class_name: str
    module: str
    category: str
    description: str
    display_name: str
    aliases: tuple[str, ...]
    params: tuple[ParamSpec, ...]
    inputs: tuple[CallInput, ...]
    is_merge: bool
    unsafe: bool
    default_name: str
    call_params: tuple[str, ...]
    call_defaults: dict[str, Any]
    template: dict[str, Any] = field(repr=False, compare=False)

    @property
    def input_names(self) -> list[str]:
        """The names of the tensor arguments of `call()`, in order."""
        return [call_input.name for call_input in self.inputs]

    @property
    def required_params(self) -> list[ParamSpec]:
        """The parameters Keras cannot build the layer without."""
        return [spec for spec in self.params if spec.required]

    def param(self, name: str) -> ParamSpec:
        """Returns the spec of one parameter.

        Raises:
            ValueError: if the layer has no such parameter.
        """
        for spec in self.params:
            if spec.name == name:
                return spec
        raise ValueError(
            f"`{self.class_name}` has no parameter `{name}`. Expected one of "
            f"{[spec.name for spec in self.params]}. Received: {name}"
        )

    def default_config(self, name: str | None = None, **overrides: Any) -> dict[str, Any]:
        """Returns the config of a new layer of this class, exactly as Keras writes it.

        Without overrides, or with overrides the template already holds (the example values a
        new layer starts from), this is the catalog's template: no Keras needed, so layers can
        be placed while Keras loads. Other overrides are validated, then Keras builds the
        layer, because other values derive from them (`MultiHeadAttention.value_dim` from
        `key_dim`, `MaxPooling2D.strides` from `pool_size`, `Bidirectional.backward_layer`
        from `layer`).

        Args:
            name: the layer's name; defaults to Keras's base name (`conv2d`).
            **overrides: parameter values, as `ParamSpec.validate` accepts them.

        Returns:
            A fresh, JSON-form config dict.

        Raises:
            ValueError: if an override names no parameter, has a wrong value, or Keras
                refuses the combination.
        """
        if all(self._template_holds(key, value) for key, value in overrides.items()):
            overrides = {}  # the template was built from these very values
        values = {key: self.param(key).validate(value) for key, value in overrides.items()}
        if values:
            config = instantiate_config(self.class_name, values)
        else:
            config = copy.deepcopy(self.template)
            for spec in self.params:
                if spec.random_default:
                    config[spec.name] = random.randint(1, 10**9)  # as Keras's make_default_seed
        config["name"] = name or self.default_name
        return config

    def _template_holds(self, key: str, value: Any) -> bool:
        """Whether the template was built with `key=value` (its value, or the example)."""
        text = _json_text(value)
        if text is None:
            return False
        if key in self.template and text == _json_text(self.template[key]):
            return True
        spec = next((p for p in self.params if p.name == key), None)
        return spec is not None and spec.required and text == _json_text(spec.example)


def _json_text(value: Any) -> str | None:
    """`value` as JSON text (1, 1.0 and true differ), or None if JSON cannot hold it."""
    try:
        return json.dumps(value, sort_keys=True)
    except (TypeError, ValueError):
        return None


class Catalog:
    """All layer specs, by class name, category and search."""

    def __init__(self, specs: list[LayerSpec]) -> None:
        self._specs = {spec.class_name: spec for spec in specs}
        self._by_alias = {
            alias.lower(): spec for spec in specs for alias in (spec.class_name, *spec.aliases)
        }

    def __len__(self) -> int:
        return len(self._specs)

    def __iter__(self) -> Iterator[LayerSpec]:
        return iter(self._specs.values())

    def __contains__(self, class_name: object) -> bool:
        return isinstance(class_name, str) and class_name.lower() in self._by_alias

    def get(self, class_name: str) -> LayerSpec:
        """Returns the spec of a class, by class name or alias (`Convolution2D`, `Input`).

        Raises:
            UnknownLayerError: if no public Keras layer has that name.
        """
        spec = self._specs.get(class_name) or self._by_alias.get(class_name.lower())
        if spec is None:
            raise UnknownLayerError(
                f"Unknown layer class: not a public `keras.layers` class in the catalog. "
                f"Received: class_name={class_name!r}"
            )
        return spec

    def categories(self) -> list[str]:
        """Returns the categories in palette order."""
        present = {spec.category for spec in self}
        order = {name: i for i, name in enumerate(overlay.CATEGORY_ORDER)}
        return sorted(present, key=lambda c: (order.get(c, len(order) - 1.5), c))

    def in_category(self, category: str) -> list[LayerSpec]:
        """Returns the specs of one category, sorted by display name."""
        specs = [spec for spec in self if spec.category == category]
        return sorted(specs, key=lambda spec: spec.display_name.lower())

    def search(self, text: str) -> list[LayerSpec]:
        """Finds layers by name, alias, category and description, best matches first.

        Every word of `text` must match somewhere; a match in the name counts more than one
        in the description. An empty text matches nothing.
        """
        words = text.lower().split()
        if not words:
            return []
        scored = []
        for spec in self:
            scores = [_word_score(spec, word) for word in words]
            if all(scores):
                scored.append((-sum(scores), spec.display_name.lower(), spec))
        return [spec for *_, spec in sorted(scored, key=lambda item: item[:2])]


def _word_score(spec: LayerSpec, word: str) -> int:
    """Scores how well one search word matches a spec (0: no match)."""
    names = [spec.class_name.lower(), spec.display_name.lower()]
    aliases = [alias.lower() for alias in spec.aliases]
    for weight, candidates in ((3, names), (2, aliases)):
        if word in candidates:
            return 30 * weight
        if any(name.startswith(word) for name in candidates):
            return 20 * weight
        if any(word in name for name in candidates):
            return 10 * weight
    if word in spec.category.lower():
        return 8
    return 5 if word in spec.description.lower() else 0
