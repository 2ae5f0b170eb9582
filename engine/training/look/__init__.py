"""Look inside a model: one sample's activations on every node, weights, and training health.

Everything here runs in the worker process (it imports Keras), except `keys`, `sample_spec` and
`render`, which are plain Python / numpy so that the window and the command line can use them:

- `keys`: how a node is named in results (`layer:call`, nested calls joined by `/`).
- `probe`: a Keras model whose outputs are every node's output (nested models inlined).
- `sample_spec` / `sample`: which sample to show, and loading it (dataset row, drawing, image).
- `activations`: the `activations` job kind and the files it writes (npz + summary).
- `refresh`: the fit callback that shows the chosen sample again every epoch or N batches.
- `health`, `gradients`, `advice`: per-layer training statistics and the sentences they raise.
- `render`: arrays to small RGB pictures (thumbnails, the CLI's PNGs).
"""
