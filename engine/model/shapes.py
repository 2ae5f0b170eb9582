"""Shapes, dtypes and parameter counts, as Keras computes them, without allocating weights.

Each layer is deserialized once and built inside a `keras.StatelessScope` (that does not
initialize variables) on the specs of its first call: weights get shapes but no memory. Each
call's output spec then comes from the layer's own `compute_output_spec`. Layers with the same
config on the same inputs share one build (deep models repeat blocks). Nested models are
inferred recursively on the shapes they are called with. Results are cached; `invalidate` drops
what an edit makes stale, so only what is downstream of the edit is computed again.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any

from engine.errors import FormatError
from engine.model.graph import Graph, Layer, TensorRef, iter_refs, map_refs
from engine.model.keras_messages import is_internal_error, readable_error
from engine.model.keras_objects import instantiate, keras
from engine.model.topology import dependency_order, downstream, topology

Shape = tuple[int | None, ...]
NOT_CONNECTED = "Not connected: this call has no input yet."  # unfinished, not refused


@dataclass
class TensorSpec:
    shape: Shape
    dtype: str


@dataclass
class NodeResult:
    """What Keras says about one call: its input and output specs, or why it fails."""

    inputs: list[TensorSpec] = field(default_factory=list)
    outputs: list[TensorSpec] = field(default_factory=list)
    error: str | None = None
    note: str | None = None  # e.g. shapes taken from the file for a layer Keras cannot load


class UnknownLayerError(FormatError):
    """Keras cannot create the layer (a custom class that is not installed)."""


@dataclass
class LayerBuild:
    """A layer built (statelessly) on the specs of its first call."""

    key: str
    obj: Any = None
    trainable: int = 0
    non_trainable: int = 0
    build_config: dict | None = None
    error: str | None = None
    unknown: bool = False


def _short(exc: BaseException, layer: Layer, specs: list[TensorSpec]) -> str:
    """The message shown for a failed call: Keras's meaning in plain words, kept short."""
    shapes = [spec.shape for spec in specs]
    subject = f"Model '{layer.name}'" if layer.body is not None else layer.class_name
    text = readable_error(exc, subject, layer.config, shapes)
    return text if len(text) < 600 else text[:600] + "..."


def _signature(layer: Layer) -> str:
    """What determines a layer's weights and outputs: everything but its name."""
    config = {k: v for k, v in layer.config.items() if k != "name"}
    return json.dumps(
        [layer.module, layer.class_name, layer.registered_name, config], sort_keys=True
    )


def _spec_key(results: dict[str, NodeResult], ref: TensorRef) -> list:
    spec = results[ref.node_id].outputs[ref.index]
    return [list(spec.shape), spec.dtype]


def _jsonable_shape(shape: Shape) -> list[int | None]:
    return [None if d is None else int(d) for d in shape]


class ShapeEngine:
    """Shape inference for one graph and the bodies of its nested models."""

    def __init__(self) -> None:
        self._results: dict[int, dict[str, NodeResult]] = {}
        self._builds: dict[tuple[int, str], LayerBuild] = {}
        self._graphs: dict[int, Graph] = {}
        self._nested: dict[tuple[int, str], Any] = {}
        self._shared_builds: dict[str, LayerBuild] = {}
        self._weightless: dict[str, Any] = {}  # signature -> object of a layer without build
        self._shared_outputs: dict[str, list[TensorSpec]] = {}
        self.computed = 0  # nodes computed since creation (lets tests see what was recomputed)

    # ------------------------------------------------------------------ public API

    def infer(self, graph: Graph) -> dict[str, NodeResult]:
        """Results for every node of `graph` (cached ones are reused)."""
        results = self._results.setdefault(id(graph), {})
        self._graphs[id(graph)] = graph
        for node_id in dependency_order(graph):
            if node_id not in results:
                results[node_id] = self._compute(graph, node_id, results)
        return results

    def result(self, graph: Graph, node_id: str) -> NodeResult:
        results = self._results.get(id(graph), {})
        if node_id not in results:
            results = self.infer(graph)
        return results[node_id]

    def invalidate(self, graph: Graph, node_ids: set[str] | None = None,
                   layer_ids: set[str] | None = None) -> None:  # fmt: skip
        """Forget results of these nodes (and their layers' builds) and of everything downstream."""
        results = self._results.get(id(graph))
        if results is None:
            return
        if node_ids is None and layer_ids is None:
            results.clear()
            return
        start = {n for n in (node_ids or set()) if n in graph.nodes}
        for layer_id in layer_ids or set():
            self._builds.pop((id(graph), layer_id), None)
            self._drop_nested(graph, layer_id)
            start.update(graph.calls.get(layer_id, []))
        for node_id in downstream(graph, start):
            results.pop(node_id, None)
        for node_id in list(results):
            if node_id not in graph.nodes:
                del results[node_id]

    def tensor_spec(self, graph: Graph, ref: TensorRef) -> tuple[list | None, str | None]:
        """(shape as JSON list, dtype) of a tensor, for export."""
        result = self.result(graph, ref.node_id)
        if result.error is None and ref.index < len(result.outputs):
            spec = result.outputs[ref.index]
            return _jsonable_shape(spec.shape), spec.dtype
        layer = graph.layer_of(ref.node_id)
        raise FormatError(
            f"Cannot export: the output shape of layer '{layer.name}' is unknown "
            f"({result.error or 'no such output'})."
        )

    def build_config(self, graph: Graph, layer: Layer) -> dict | None:
        build = self._build(graph, layer)
        if build is None or build.error is not None:
            return layer.extra.get("_build_config")
        return json.loads(json.dumps(build.build_config)) if build.build_config else None

    def param_counts(self, graph: Graph, layer: Layer) -> tuple[int, int] | None:
        """(trainable, non-trainable) weights of a layer, None when it cannot be built."""
        if layer.body is not None:
            return self.model_params(layer.body, in_model_only=True)
        build = self._build(graph, layer)
        if build is None or build.error is not None:
            return None
        return build.trainable, build.non_trainable

    def built_layer(self, graph: Graph, layer: Layer) -> Any | None:
        """The Keras object of `layer`, built statelessly on its first call's inputs.

        Its weights have shapes but no memory. Read it, never call or change it: layers with
        the same config on the same inputs share one object. None for inputs, nested models,
        layers never called and layers Keras cannot build.
        """
        build = self._build(graph, layer)
        if build is None or build.error is not None:
            return None
        return build.obj

    def model_params(self, graph: Graph, in_model_only: bool = False) -> tuple[int, int]:
        """(trainable, non-trainable) weights of every layer of `graph`.

        Args:
            graph: the graph.
            in_model_only: count only the layers Keras keeps in the model (those leading to
                an output), as Keras counts a nested model; a work in progress counts all.
        """
        self.infer(graph)
        layers = list(graph.layers.values())
        if in_model_only and graph.outputs:
            layers = [graph.layers[lid] for lid in topology(graph).layers]
        trainable = non_trainable = 0
        for layer in layers:
            counts = self.param_counts(graph, layer)
            if counts:
                trainable += counts[0]
                non_trainable += counts[1]
        return trainable, non_trainable

    def nested(self, graph: Graph, layer: Layer) -> ShapeEngine:
        return self  # one engine serves a graph and all its nested bodies

    # ------------------------------------------------------------------ computing

    def _input_specs(self, graph: Graph, node_id: str, results: dict[str, NodeResult]):
        node = graph.nodes[node_id]
        specs: list[TensorSpec] = []
        for ref in node.input_refs():
            parent = results.get(ref.node_id)
            if parent is None or parent.error is not None:
                return None, specs
            if ref.index >= len(parent.outputs):
                name = graph.layer_of(ref.node_id).name
                return f"Layer '{name}' has no output #{ref.index}.", specs
            specs.append(parent.outputs[ref.index])
        return "", specs

    def _compute(self, graph: Graph, node_id: str, results: dict[str, NodeResult]) -> NodeResult:
        self.computed += 1
        layer = graph.layer_of(node_id)
        if layer.is_input:
            return self._input_result(layer)
        node = graph.nodes[node_id]
        if not node.input_refs():
            return NodeResult(error=NOT_CONNECTED)
        problem, specs = self._input_specs(graph, node_id, results)
        if problem is None:
            return NodeResult(inputs=specs, error="An input of this call has an error.")
        if problem:
            return NodeResult(inputs=specs, error=problem)
        try:
            if layer.body is not None:
                outputs = self._nested_outputs(graph, layer, specs)
            else:
                outputs = self._layer_outputs(graph, layer, node_id, results)
        except UnknownLayerError as exc:
            return self._declared_result(graph, node_id, specs, str(exc))
        except Exception as exc:  # Keras reports a bad call with many exception types
            if is_internal_error(exc):  # Keras's own input check says it better, if it fails
                exc = self._input_spec_problem(graph, layer, specs) or exc
            return NodeResult(inputs=specs, error=_short(exc, layer, specs))
        return NodeResult(inputs=specs, outputs=outputs)

    def _input_spec_problem(self, graph: Graph, layer: Layer, specs) -> ValueError | None:
        """Keras's input check of the layer's object, for a call that failed inside Keras."""
        build = self._builds.get((id(graph), layer.id))
        obj = build.obj if build is not None else self._weightless.get(_signature(layer))
        input_spec = getattr(obj, "input_spec", None)
        if not input_spec or not specs:
            return None
        from keras.src.layers.input_spec import assert_input_compatibility

        k = keras()
        tensors = [k.KerasTensor(spec.shape, dtype=spec.dtype) for spec in specs]
        try:
            assert_input_compatibility(input_spec, tensors[0] if len(tensors) == 1 else tensors,
                                       layer.name)  # fmt: skip
        except ValueError as exc:
            return exc
        return None

    @staticmethod
    def _declared_result(graph: Graph, node_id: str, specs, reason: str) -> NodeResult:
        """For a layer Keras cannot load, trust the shapes the imported file recorded."""
        declared = {ref.index: v for ref, v in graph.declared.items() if ref.node_id == node_id}
        if not declared or sorted(declared) != list(range(len(declared))):
            return NodeResult(inputs=specs, error=reason)
        outputs = [TensorSpec(tuple(declared[i][0]), declared[i][1]) for i in sorted(declared)]
        note = f"{reason} Shapes are taken from the file; the layer is kept unchanged."
        return NodeResult(inputs=specs, outputs=outputs, note=note)

    @staticmethod
    def _input_result(layer: Layer) -> NodeResult:
        shape = layer.config.get("batch_shape") or layer.config.get("batch_input_shape")
        if shape is None:
            return NodeResult(error="This Input has no shape.")
        dtype = layer.config.get("dtype", "float32")
        if isinstance(dtype, dict):
            dtype = dtype.get("config", {}).get("name", "float32")
        return NodeResult(outputs=[TensorSpec(tuple(shape), dtype)])

    def _symbolic_args(self, graph: Graph, node_id: str, results: dict[str, NodeResult]):
        k = keras()
        node = graph.nodes[node_id]

        def tensor(ref: TensorRef):
            spec = results[ref.node_id].outputs[ref.index]
            return k.KerasTensor(spec.shape, dtype=spec.dtype)

        return map_refs(node.args, tensor), map_refs(node.kwargs, tensor)

    def _build(self, graph: Graph, layer: Layer) -> LayerBuild | None:
        """Build `layer` statelessly on the specs of its first call in `graph` (cached).

        Always on the graph's own shapes: a nested model called on other shapes runs the layers
        Keras built for its own inputs, it does not rebuild them.
        """
        calls = graph.calls.get(layer.id, [])
        if layer.is_input or layer.body is not None or not calls:
            return None
        results = self._results.setdefault(id(graph), {})
        first = calls[0]
        if any(ref.node_id not in results for ref in graph.nodes[first].input_refs()):
            # asked before inference (a parameter count): in dependency order, what a first
            # call reads comes before any call of its layer
            self.infer(graph)
        problem, specs = self._input_specs(graph, first, results)
        if problem is None or problem or not specs:
            return None
        # the specs in place of the call's tensors: which argument a shape came from matters
        # (MultiHeadAttention builds `value` and `key` projections of their own sizes)
        key = _signature(layer) + json.dumps(
            map_refs(
                [graph.nodes[first].args, graph.nodes[first].kwargs],
                lambda r: _spec_key(results, r),
            )
        )
        cached = self._builds.get((id(graph), layer.id))
        if cached is not None and cached.key == key:
            return cached
        # layers with the same config (but the name) on the same inputs build identically:
        # deep models repeat blocks, so this saves most of the work
        shared = self._shared_builds.get(key)
        if shared is not None:
            self._builds[(id(graph), layer.id)] = shared
            return shared
        build = LayerBuild(key=key)
        self._builds[(id(graph), layer.id)] = build
        self._shared_builds[key] = build
        try:
            self._do_build(graph, layer, first, results, build)
        except FormatError as exc:
            build.error = str(exc)
            build.unknown = True
        except Exception as exc:  # Keras rejects the input with many exception types
            build.error = _short(exc, layer, specs)
        return build

    def _do_build(self, graph, layer, first, results, build: LayerBuild) -> None:
        k = keras()
        from keras.src import utils
        from keras.src.layers.layer import CallSpec

        obj = self._weightless.get(_signature(layer)) or instantiate(layer)
        build.obj = obj
        if not isinstance(obj, k.layers.Layer):
            return  # a bare op: no weights, no build
        if obj.built and utils.is_default(obj.build) and not obj.weights:
            # built from the start (Activation, pooling, Dropout...): one object serves every
            # input shape, and Keras records no build config for it
            self._weightless[_signature(layer)] = obj
            return
        args, kwargs = self._symbolic_args(graph, first, results)
        spec = CallSpec(obj._call_signature, obj._call_context_args, args, dict(kwargs))
        obj._assert_input_compatibility(spec.first_arg)
        try:
            with k.StatelessScope(initialize_variables=False):
                obj._maybe_build(spec)
        except ValueError as exc:
            if "stateless scope" not in str(exc):
                raise
            # stateful RNNs create their (small, batch x units) states from concrete values,
            # which a stateless scope refuses: build those for real
            obj = build.obj = instantiate(layer)
            obj._maybe_build(spec)
        obj.built = True
        build.build_config = obj.get_build_config()
        build.trainable = sum(math.prod(w.shape) for w in obj.trainable_weights)
        build.non_trainable = sum(math.prod(w.shape) for w in obj.non_trainable_weights)

    def _layer_outputs(self, graph, layer, node_id, results) -> list[TensorSpec]:
        k = keras()
        build = self._build(graph, layer)
        if build is not None and build.error is not None:
            raise (UnknownLayerError if build.unknown else ValueError)(build.error)
        node = graph.nodes[node_id]
        call_key = (build.key if build is not None else _signature(layer)) + json.dumps(
            map_refs([node.args, node.kwargs], lambda r: _spec_key(results, r))
        )
        if call_key in self._shared_outputs:
            return self._shared_outputs[call_key]
        obj = build.obj if build is not None else instantiate(layer)
        args, kwargs = self._symbolic_args(graph, node_id, results)
        if isinstance(obj, k.layers.Layer):  # weightless layers were never checked by a build
            obj._assert_input_compatibility(args[0] if args else None)
        with k.StatelessScope(initialize_variables=False):
            out = obj.compute_output_spec(*args, **kwargs)
        outputs = [TensorSpec(tuple(t.shape), str(t.dtype)) for t in k.tree.flatten(out)]
        self._shared_outputs[call_key] = outputs
        return outputs

    def _nested_outputs(self, graph: Graph, layer: Layer, specs: list[TensorSpec]):
        """Run the nested model's body on the specs it is called with."""
        body = layer.body
        assert body is not None
        key = (id(body), json.dumps([[s.shape, s.dtype] for s in specs]))
        if key in self._nested:
            return self._nested[key]
        if not body.outputs:
            raise ValueError(f"Model '{body.name}' has no output. Mark an output inside it.")
        if len(specs) != len(body.inputs):
            raise ValueError(
                f"Model '{body.name}' expects {len(body.inputs)} input(s). "
                f"Received: {len(specs)} input(s)."
            )
        own = self.infer(body)
        declared = []
        for ref in body.inputs:
            result = own[ref.node_id]
            if result.error is not None:
                name = body.layer_of(ref.node_id).name
                raise ValueError(f"Inside model '{body.name}': {name}: {result.error}")
            declared.append(result.outputs[0])
        _check_model_inputs(body, declared, specs)
        results = own
        if declared != specs:
            results = dict(own)
            overridden = {ref.node_id for ref in body.inputs}
            for ref, spec in zip(body.inputs, specs, strict=True):
                results[ref.node_id] = NodeResult(outputs=[spec])
            affected = downstream(body, overridden) - overridden
            for node_id in dependency_order(body):
                if node_id in affected:
                    results[node_id] = self._compute(body, node_id, results)
        outputs = []
        for ref in body.outputs:
            result = results[ref.node_id]
            if result.error is not None:
                raise ValueError(f"Inside model '{body.name}': {_root_error(body, results)}")
            if ref.index >= len(result.outputs):
                name = body.layer_of(ref.node_id).name
                raise ValueError(
                    f"Inside model '{body.name}': its output is tensor #{ref.index} of "
                    f"'{name}', which returns {len(result.outputs)} tensor(s)."
                )
            outputs.append(result.outputs[ref.index])
        self._nested[key] = outputs
        return outputs

    def _drop_nested(self, graph: Graph, layer_id: str) -> None:
        layer = graph.layers.get(layer_id)
        if layer is not None and layer.body is not None:
            for key in [k for k in self._nested if k[0] == id(layer.body)]:
                del self._nested[key]


def _check_model_inputs(body: Graph, declared: list[TensorSpec], specs: list[TensorSpec]) -> None:
    """Keras's own check of a nested Functional's inputs: the shapes its Inputs were built for
    (any batch size; a trailing axis of 1 may be squeezed)."""
    from keras.src.layers.input_spec import InputSpec, assert_input_compatibility

    k = keras()
    input_specs = [
        InputSpec(
            shape=(None, *spec.shape[1:]),
            allow_last_axis_squeeze=True,
            name=body.layer_of(ref.node_id).name,
        )
        for ref, spec in zip(body.inputs, declared, strict=True)
    ]
    tensors = [k.KerasTensor(spec.shape, dtype=spec.dtype) for spec in specs]
    assert_input_compatibility(input_specs, tensors, body.name)


def _root_error(body: Graph, results: dict[str, NodeResult]) -> str:
    """The first error on the way to the body's outputs that is not only inherited from an
    input (in Keras's order, which does not depend on the order the layers were added)."""
    for node_id in topology(body).nodes:
        error = results[node_id].error
        if error is not None and not error.startswith("An input of this call"):
            return f"{body.layer_of(node_id).name}: {error}"
    return "a layer has an error."


def node_refs_outputs(graph: Graph, node_id: str) -> list[TensorRef]:
    """Every tensor read by this node (convenience for views)."""
    return list(iter_refs(graph.nodes[node_id].args))
