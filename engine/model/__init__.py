"""The model being edited: the graph in Keras's vocabulary and everything that changes or reads it.

`graph` (layers, nodes, tensors), `edits` (every change with its exact inverse), `operations`
(user intents as edits), `grouping` (nested models), `shapes` (Keras's shapes and parameter
counts without allocating weights), `topology` (Keras's graph order), `keras_config` (the graph's
Keras config, as `Functional.get_config()` writes it and `from_config` reads it), `document` (one
model being edited), `summary` (what `model.summary()` prints).
"""
