"""Files in and out: formats by extension, the `.kcanvas` project, legacy Keras 2 files,
generated Python, and the clipboard's text.

Everything here turns bytes into a graph (through `engine.model.keras_config`) or a graph into
bytes; nothing here edits a model.
"""
