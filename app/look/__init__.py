"""Look inside: a sample's activations, the weights and training health, on the cards.

`look_inside.LookInside` connects the training panel's worker events to the canvas's look-inside
items (app.canvas.look_items / look_layer / look_legend); `thumbnails` turns the worker's arrays
into pictures off the GUI thread; `viewer` is the dialog a thumbnail opens; `health_text` says
what the health statistics found, in the user's language.
"""
