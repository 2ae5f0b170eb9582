"""The templates of the engine's messages that the app translates (see `app.engine_text`).

Each template is the engine's English with its values as {placeholders}, marked with
QT_TRANSLATE_NOOP so that pyside6-lupdate puts it in the `.ts`; its translation keeps the same
placeholders (a test checks). Order matters: the first template that matches a whole message
wins, so a longer template comes before a shorter one it contains. `PHRASES` are fixed pieces
that messages put in their values ("its input", "at least"): a value equal to one is translated
too. Covered: shape errors (`engine.model.keras_messages`), problems, refused edits, file
errors, training and data errors, parameter checks: the messages a user meets most; the Explain
panel's texts are in `app.explain_messages`.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from app.explain_messages import EXPLAIN_MESSAGES

CONTEXT = "EngineMessages"

# What a placeholder may hold, when it is narrower than "any text": a layer or class name has
# no spaces, a count is digits. Names not listed hold any text.
PLACEHOLDER_PATTERNS = {
    "layer": r"\S+?",
    "n": r"-?\d+",
    "count": r"\d+",
    "index": r"-?\d+",
    "axis": r"-?\d+",
    "dims": r"\d+",
    "shape": r"\([^()]*\)",
    "file": r"[^'\s][^']*",
    "code": r"-?\d+",
}

MESSAGES: tuple[str, ...] = (
    # ------------------------------------------------- shapes (engine.model.keras_messages)
    QT_TRANSLATE_NOOP("EngineMessages", "{layer} refuses its settings: {complaint}"),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "{layer} expects {which} to have {amount} {dims} dimensions (batch included). "
        "Received: shape {shape}, {got}. {hint}",
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "{layer} expects {which} to have dtype {want}. Received: dtype {got} (shape {shape}).",
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "{layer} expects {where} of {which} to have size {want} (its weights were built for "
        "that size). Received: shape {shape}.",
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages", "{layer} expects {which} to have shape {want}. Received: shape {shape}."
    ),
    QT_TRANSLATE_NOOP("EngineMessages", "{layer}: {which} is not what the layer accepts: {detail}"),
    QT_TRANSLATE_NOOP("EngineMessages", "{layer} expects {want}. Received: {got} ({received})."),
    QT_TRANSLATE_NOOP("EngineMessages", "{layer} expects {want}. Received: {got}."),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "Concatenate joins tensors with the same number of dimensions. Received: shapes {shapes}.",
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "Concatenate joins its inputs along {where}: every other axis must have the same size. "
        "Received: shapes {shapes}: {detail}.",
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "Concatenate joins its inputs along {where}: every other axis must have the same size. "
        "Received: shapes {shapes}.",
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "{layer} combines its inputs element by element: their shapes must be equal (an axis of "
        "size 1 stretches to match). Received: shapes {shapes}.",
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "{layer} cannot size its weight '{weight}': it would have shape {shape}, because an input "
        "axis it depends on has no fixed size (None). Received: {received}. Give that axis a "
        "size (on the Input, or with a Reshape).",
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "{layer} would produce an output of size zero or less: its input {shape} is too small "
        "for {settings}. Use a smaller {window}, padding 'same', or a larger input.",
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "Reshape must keep the number of values of each sample. Received: input shape {shape} "
        "(batch excluded), target_shape {target}. The input holds {values} values per sample; "
        "target_shape {target} holds {held} times the -1 axis.",
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "Reshape must keep the number of values of each sample. Received: input shape {shape} "
        "(batch excluded), target_shape {target}. The input holds {values} values per sample; "
        "target_shape {target} holds {held}.",
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "Reshape must keep the number of values of each sample. Received: input shape {shape} "
        "(batch excluded), target_shape {target}.",
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "{layer} cannot compute its output from {received}. Keras stopped on: {text}",
    ),
    QT_TRANSLATE_NOOP("EngineMessages", "Not connected: this call has no input yet."),
    QT_TRANSLATE_NOOP("EngineMessages", "An input of this call has an error."),
    QT_TRANSLATE_NOOP("EngineMessages", "This Input has no shape."),
    # values inside the messages above
    QT_TRANSLATE_NOOP("EngineMessages", "its input {label}"),
    QT_TRANSLATE_NOOP("EngineMessages", "axis {axis}"),
    QT_TRANSLATE_NOOP("EngineMessages", "an input of shape {shape}"),
    QT_TRANSLATE_NOOP("EngineMessages", "inputs of shapes {shapes}"),
    QT_TRANSLATE_NOOP("EngineMessages", "{n} dimensions"),
    QT_TRANSLATE_NOOP("EngineMessages", "{n} dimension"),
    QT_TRANSLATE_NOOP("EngineMessages", "{n} inputs"),
    QT_TRANSLATE_NOOP("EngineMessages", "{n} input"),
    QT_TRANSLATE_NOOP("EngineMessages", "call {n} of {count}"),
    QT_TRANSLATE_NOOP("EngineMessages", "axis {axis} differs ({sizes})"),
    # ------------------------------------------------- problems (engine.model.document)
    QT_TRANSLATE_NOOP("EngineMessages", "The model has no input. Add an Input layer."),
    QT_TRANSLATE_NOOP("EngineMessages", "The model has no output. Mark a layer as output."),
    QT_TRANSLATE_NOOP("EngineMessages", "Not connected to any model output."),
    # ------------------------------------------------- refused edits (engine.model)
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "Connecting '{source}' to '{target}' would make a cycle: '{source}' already depends on "
        "'{target}'.",
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "The name '{name}' is used twice in the model. All layer names should be unique. "
        "Received: '{name}' for a second layer.",
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages", "A layer name must be a non-empty string. Received: {name}."
    ),
    QT_TRANSLATE_NOOP("EngineMessages", "A layer name cannot contain '/'. Received: {name}."),
    QT_TRANSLATE_NOOP("EngineMessages", "Layer '{name}' is still called; remove its calls first."),
    QT_TRANSLATE_NOOP("EngineMessages", "Layer '{name}' is still connected."),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "An Input takes no incoming connection. Received: '{source}' -> Input '{target}'.",
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "Every input of '{name}' is connected already. Disconnect one first, or drop the wire on "
        "a specific port to replace it.",
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages", "Only Input layers can be model inputs. Received: '{name}'."
    ),
    QT_TRANSLATE_NOOP("EngineMessages", "No such layer: {name}. Existing layers are: {names}."),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "Was asked to retrieve layer at index {index} but model only has {count} layers.",
    ),
    QT_TRANSLATE_NOOP("EngineMessages", "Provide either a layer name or layer index."),
    QT_TRANSLATE_NOOP("EngineMessages", "Unknown layer class. Received: {name}."),
    QT_TRANSLATE_NOOP("EngineMessages", "Cannot create {layer}: {reason}"),
    QT_TRANSLATE_NOOP("EngineMessages", "An Input cannot be called. Received: '{name}'."),
    QT_TRANSLATE_NOOP("EngineMessages", "Only plain layers can be duplicated. Received: '{name}'."),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "Append works on a model with exactly one output. Received: {count} outputs. Connect "
        "the new layer by hand instead.",
    ),
    QT_TRANSLATE_NOOP("EngineMessages", "Pop needs exactly one output. Received: {count}."),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "Pop removes the last layer of a chain. Received: '{name}', which has {count} inputs.",
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages", "Layer '{name}' feeds other layers; it is not the last one."
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages", "Select the layers to group first. Received: an empty selection."
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "Inputs stay outside a group; the group gets its own. Received: '{name}'.",
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "Layer '{name}' is also called outside the selection ({count} call(s)); select all its "
        "calls, or group without it.",
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages", "Fix the selected layers before grouping. Received errors on: {names}."
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages", "A group needs tensors flowing in and out of the selection."
    ),
    QT_TRANSLATE_NOOP("EngineMessages", "The name '{name}' is taken. Received: '{name}'."),
    QT_TRANSLATE_NOOP(
        "EngineMessages", "Only a nested model can be ungrouped. Received: '{name}'."
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "Model '{name}' is applied {count} times; ungrouping would give each call its own "
        "weights. Remove the other calls first.",
    ),
    QT_TRANSLATE_NOOP("EngineMessages", "Connect every input of '{name}' before ungrouping."),
    QT_TRANSLATE_NOOP(
        "EngineMessages", "Only a single chain can be exported as Sequential. Received: {detail}."
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages", "Cannot export: the output shape of layer '{name}' is unknown ({reason})."
    ),
    # ------------------------------------------------- parameter checks (engine.catalog)
    QT_TRANSLATE_NOOP(
        "EngineMessages", "Argument `{name}` must be {expected}. Received: {name}={value}"
    ),
    QT_TRANSLATE_NOOP("EngineMessages", "an integer or a tuple of {count} integers"),
    # ------------------------------------------------- files (engine.io)
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "Cannot open '{name}': unknown file type. Supported: {supported}. Received: '{suffix}'.",
    ),
    QT_TRANSLATE_NOOP("EngineMessages", "No such file: '{path}'."),
    QT_TRANSLATE_NOOP("EngineMessages", "'{path}' is a folder, not a model file."),
    QT_TRANSLATE_NOOP("EngineMessages", "'{name}' is empty. Received: 0 bytes."),
    QT_TRANSLATE_NOOP(
        "EngineMessages", "'{name}' is too large for a model config. Received: {size} bytes."
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "'{name}' is not a text file (not UTF-8 at byte {index}). Is it a binary file such as .h5 "
        "or .keras with the wrong extension?",
    ),
    QT_TRANSLATE_NOOP("EngineMessages", "Cannot read '{name}': {reason}."),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "'{name}' is not valid JSON: {reason} at line {line}, column {column}. The file may be "
        "truncated or not a Keras model file.",
    ),
    QT_TRANSLATE_NOOP("EngineMessages", "'{name}' is nested too deeply to be a model config."),
    QT_TRANSLATE_NOOP("EngineMessages", "'{name}' is not valid YAML for a model: {reason}"),
    QT_TRANSLATE_NOOP("EngineMessages", "'{name}' is a zip file without 'config.json'."),
    QT_TRANSLATE_NOOP("EngineMessages", "'{name}' is not a valid .keras archive (not a zip file)."),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "'{name}' does not hold a Keras model config. Expected a JSON object with 'class_name' "
        "and 'config'. Received: {received}.",
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        '\'{name}\' is not a Keras Canvas project. Expected "format": "{format}". Received: '
        "{received}.",
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "'{name}' was written by a newer Keras Canvas (project format {version}; this version "
        "reads up to {supported}). Update Keras Canvas to open it.",
    ),
    QT_TRANSLATE_NOOP("EngineMessages", "'{name}': the model cannot be read: {reason}"),
    QT_TRANSLATE_NOOP("EngineMessages", "Cannot save: the folder '{path}' does not exist."),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "Layer '{name}' is a {layer}: loading it would run Python code stored in the file. Open "
        "the file with 'allow unsafe' only if you trust it. Received: {layer} layer '{name}'.",
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "Expected a Keras model config: a JSON object with 'class_name' and 'config'. "
        "Received: {received}",
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "Expected a Functional or Sequential model. Received: class_name={name} (a single layer, "
        "not a model).",
    ),
    QT_TRANSLATE_NOOP("EngineMessages", "The clipboard holds empty text. {accepts}"),
    QT_TRANSLATE_NOOP("EngineMessages", "Keras cannot create layer '{name}' ({layer}): {reason}"),
    # ------------------------------------------------- training and data (engine.training)
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "The model has {count} {role}s ({names}) but the data has {received} {role} arrays. "
        "Missing: {missing}. Received: {arrays}",
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages", "{role} '{name}' needs numbers. Received: an array of dtype {dtype}"
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages", "{role} '{name}' expects data of shape {wanted}. Received: {shape}"
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "{role} '{name}' contains NaN or infinite values ({count} of them). Received: a "
        "non-finite value in sample {index}",
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages", "{role} '{name}' has dtype {dtype}. Received: non-integer values"
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "{role} '{name}' needs {what} in [0, {limit}). Received: values from {low} to {high}",
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages", "All arrays need the same number of samples. Received: {lengths}"
    ),
    QT_TRANSLATE_NOOP("EngineMessages", "The data has no samples. Received: 0 rows"),
    # the sample Look inside shows (engine.training.look.sample): a row of the user's arrays
    QT_TRANSLATE_NOOP("EngineMessages", "data #{index}"),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "The sample does not fit input '{name}': it expects one sample of shape {wanted}. "
        "Received: {shape}",
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "The sample index is out of range: the data has {count} samples (0 to {last}). "
        "Received: {index}",
    ),
    QT_TRANSLATE_NOOP("EngineMessages", "Input '{name}' needs numbers. Received: dtype {dtype}"),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "Input '{name}' does not take an image: it expects shape {wanted}; an image needs "
        "(height, width, 1 or 3 channels), (height, width) or a square number of values. "
        "Received: the image {image}",
    ),
    QT_TRANSLATE_NOOP("EngineMessages", "Cannot read the image file {path}. Received: {detail}"),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "The drawing for input '{name}' must be numbers. Received: {detail}",
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "The {dataset} dataset has one input and one output; the model has {inputs} inputs "
        "({input_names}) and {outputs} outputs ({output_names}).",
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "The {dataset} dataset needs an input of shape {shapes} and an output of {classes} "
        "units (or 1 with sigmoid). Received: input '{input}' of shape {input_shape}, output "
        "'{output}' of shape {output_shape}",
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "The {dataset} dataset needs an input of shape {shapes} and an output of {classes} "
        "units. Received: input '{input}' of shape {input_shape}, output '{output}' of shape "
        "{output_shape}",
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "Fashion-MNIST IDX files (train-images-idx3-ubyte[.gz], ...) were not found. Install "
        "Debian's dataset-fashion-mnist package or choose the folder that holds them. Received: "
        "searched {paths}",
    ),
    QT_TRANSLATE_NOOP("EngineMessages", "The data file does not exist. Received: {path}"),
    QT_TRANSLATE_NOOP(
        "EngineMessages", "Data files must be .npy, .npz, .csv or .h5. Received: {path}"
    ),
    QT_TRANSLATE_NOOP("EngineMessages", "Cannot read {path} as {kind}. Received: {reason}"),
    QT_TRANSLATE_NOOP("EngineMessages", "{path} must hold numbers only. Received: {reason}"),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "Labels of output '{name}' must be in [0, {classes}) for to_categorical. Received: "
        "labels from {low} to {high}",
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "`to_categorical` needs one integer label per sample for output '{name}'. Received: "
        "shape {shape}, dtype {dtype}",
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "`fit.initial_epoch` must be less than `fit.epochs`. Received: initial_epoch={initial}, "
        "epochs={epochs}",
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages", "`fit.validation_split` must be in [0, 1). Received: {value}"
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages", "`{name}` must be an integer >= {minimum}. Received: {value}"
    ),
    QT_TRANSLATE_NOOP("EngineMessages", "`{name}` must be one of {allowed}. Received: {value}"),
    QT_TRANSLATE_NOOP("EngineMessages", "`{name}` must be a number >= 0. Received: {value}"),
    # ------------------------------------------------- a worker process that ended (exits.py)
    QT_TRANSLATE_NOOP("EngineMessages", "The training worker {how}."),
    QT_TRANSLATE_NOOP(
        "EngineMessages", "{how} (JAX stopped it: another process of the run had failed)"
    ),
    QT_TRANSLATE_NOOP("EngineMessages", "{how} (it ran out of memory)"),
    QT_TRANSLATE_NOOP("EngineMessages", "exited with code {code}"),
    QT_TRANSLATE_NOOP("EngineMessages", "was ended by {signal}"),
    QT_TRANSLATE_NOOP(
        "EngineMessages", "A diagram is exported as PNG or SVG. Received: a file named '{file}'."
    ),
    # ------------------------------------------------- a dataset's description (training.data)
    QT_TRANSLATE_NOOP("EngineMessages", "{name} ({count} samples)"),
    # ------------------------------------------------- a message that names its file (io.text)
    QT_TRANSLATE_NOOP("EngineMessages", "'{file}' is not a valid project at {message}"),
    QT_TRANSLATE_NOOP("EngineMessages", "'{file}' is not a valid model file at {message}"),
    QT_TRANSLATE_NOOP("EngineMessages", "'{file}': {message}"),
    *EXPLAIN_MESSAGES,
    # ------------------------------------------------- a problem names its layer (and call)
    # last: any message with a colon would match these; a known one has matched above
    QT_TRANSLATE_NOOP("EngineMessages", "{layer} ({call}): {message}"),
    QT_TRANSLATE_NOOP("EngineMessages", "{layer}: {message}"),
)

PHRASES: frozenset[str] = frozenset(
    (
        QT_TRANSLATE_NOOP("EngineMessages", "drawing"),  # the sample drawn on the paint pad
        QT_TRANSLATE_NOOP("EngineMessages", "its input"),
        QT_TRANSLATE_NOOP("EngineMessages", "at least"),
        QT_TRANSLATE_NOOP("EngineMessages", "at most"),
        QT_TRANSLATE_NOOP("EngineMessages", "exactly"),
        QT_TRANSLATE_NOOP("EngineMessages", "the last axis"),
        QT_TRANSLATE_NOOP("EngineMessages", "no input"),
        QT_TRANSLATE_NOOP("EngineMessages", "unknown"),
        QT_TRANSLATE_NOOP("EngineMessages", "no such output"),
        QT_TRANSLATE_NOOP("EngineMessages", "Reshape it first, or give the Input more dimensions."),
        QT_TRANSLATE_NOOP(
            "EngineMessages", "Flatten or pool it first, or give the Input fewer dimensions."
        ),
        QT_TRANSLATE_NOOP(
            "EngineMessages",
            "Paste accepts nodes copied in Keras Canvas, or a Keras model's JSON or YAML text "
            "(what model.to_json() writes).",
        ),
        QT_TRANSLATE_NOOP("EngineMessages", "an integer"),
        QT_TRANSLATE_NOOP("EngineMessages", "a number"),
        QT_TRANSLATE_NOOP("EngineMessages", "a boolean (True or False)"),
        QT_TRANSLATE_NOOP("EngineMessages", "a string"),
        QT_TRANSLATE_NOOP("EngineMessages", "a tuple of integers"),
        QT_TRANSLATE_NOOP("EngineMessages", "a number or a tuple of numbers"),
        QT_TRANSLATE_NOOP("EngineMessages", "Input"),
        QT_TRANSLATE_NOOP("EngineMessages", "Output"),
        QT_TRANSLATE_NOOP("EngineMessages", "input"),
        QT_TRANSLATE_NOOP("EngineMessages", "output"),
        QT_TRANSLATE_NOOP(
            "EngineMessages",
            "was killed (SIGKILL: by Kill, by another program, or by the system when memory ran "
            "out)",
        ),
        QT_TRANSLATE_NOOP(
            "EngineMessages",
            "was killed (SIGBUS): a data file it was reading was cut short or removed during the "
            "run",
        ),
        QT_TRANSLATE_NOOP("EngineMessages", "was crashed (SIGSEGV) inside native code"),
        QT_TRANSLATE_NOOP("EngineMessages", "was aborted (SIGABRT)"),
        QT_TRANSLATE_NOOP("EngineMessages", "was terminated (SIGTERM)"),
        QT_TRANSLATE_NOOP("EngineMessages", "stopped answering"),
        QT_TRANSLATE_NOOP("EngineMessages", "no weights: 0"),
        QT_TRANSLATE_NOOP("EngineMessages", "0: no weights, nothing here is learned"),
        QT_TRANSLATE_NOOP("EngineMessages", "dummy data"),
        # pieces of the shape rules and the names and notes of their formulas
        QT_TRANSLATE_NOOP("EngineMessages", "maximum"),
        QT_TRANSLATE_NOOP("EngineMessages", "average"),
        QT_TRANSLATE_NOOP("EngineMessages", "strides default to pool_size"),
        QT_TRANSLATE_NOOP("EngineMessages", "strides"),
        QT_TRANSLATE_NOOP("EngineMessages", "keepdims=True keeps each pooled axis with size 1"),
        QT_TRANSLATE_NOOP("EngineMessages", "the pooled axes disappear"),
        QT_TRANSLATE_NOOP(
            "EngineMessages",
            "Flatten lays each sample's numbers out in one row: features = the product of all "
            "axes but the batch.",
        ),
        QT_TRANSLATE_NOOP("EngineMessages", "filters: one channel per filter"),
        QT_TRANSLATE_NOOP("EngineMessages", "kept: each channel is pooled on its own"),
        QT_TRANSLATE_NOOP(
            "EngineMessages", "each input channel gets depth_multiplier filters of its own"
        ),
        QT_TRANSLATE_NOOP("EngineMessages", "kept"),
        QT_TRANSLATE_NOOP("EngineMessages", "units"),
        QT_TRANSLATE_NOOP("EngineMessages", "already flat: unchanged"),
        QT_TRANSLATE_NOOP("EngineMessages", "length"),
        QT_TRANSLATE_NOOP("EngineMessages", "height"),
        QT_TRANSLATE_NOOP("EngineMessages", "width"),
        QT_TRANSLATE_NOOP("EngineMessages", "depth"),
        QT_TRANSLATE_NOOP("EngineMessages", "channels"),
        QT_TRANSLATE_NOOP("EngineMessages", "features"),
        QT_TRANSLATE_NOOP("EngineMessages", "positions pooled"),
        QT_TRANSLATE_NOOP("EngineMessages", "last axis (features)"),
        QT_TRANSLATE_NOOP("EngineMessages", "new last axis"),
        QT_TRANSLATE_NOOP("EngineMessages", "time steps"),
        QT_TRANSLATE_NOOP("EngineMessages", "the inputs' sizes added"),
        QT_TRANSLATE_NOOP("EngineMessages", "kept: same padding, stride 1"),
        QT_TRANSLATE_NOOP("EngineMessages", "query steps"),
        QT_TRANSLATE_NOOP("EngineMessages", "one output per query position"),
        QT_TRANSLATE_NOOP("EngineMessages", "the heads' results projected back to the query's"),
        QT_TRANSLATE_NOOP("EngineMessages", "kept: return_sequences=True"),
        QT_TRANSLATE_NOOP("EngineMessages", "elements per sample"),
        QT_TRANSLATE_NOOP("EngineMessages", "target elements"),
        QT_TRANSLATE_NOOP("EngineMessages", "the −1 axis"),
        QT_TRANSLATE_NOOP("EngineMessages", "Keras works it out"),
        QT_TRANSLATE_NOOP(
            "EngineMessages",
            "one axis is −1: Keras divides the number of elements by the other axes.",
        ),
        QT_TRANSLATE_NOOP("EngineMessages", "the target shape holds the same number of elements."),
        QT_TRANSLATE_NOOP(
            "EngineMessages",
            "Attention gives one output per query position, a weighted average of the value's "
            "vectors: (batch, query steps, value features).",
        ),
        QT_TRANSLATE_NOOP(
            "EngineMessages",
            "the layer is not called yet: Keras creates a layer's weights on its first call.",
        ),
        QT_TRANSLATE_NOOP("EngineMessages", "Keras cannot build this layer."),
    )
)

# values that list shapes ("(None, 3) and (None, 5)"): their " and " is translated
SHAPE_LISTS = ("shapes",)
AND = QT_TRANSLATE_NOOP("EngineMessages", " and ")
