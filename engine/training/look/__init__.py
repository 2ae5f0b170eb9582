"""Look inside a model: one sample's activations on every node, weights, and training health.

Everything here runs in the worker process (it imports Keras), except `keys`, `sample`, `advice`,
`results` and `render`, plain Python and numpy that the window and the command line use too. The
job field `look` is checked by `engine.training.look_spec` (outside this package: jobs import it).

- `keys`: how a node is named in results (`layer:call`, nested calls joined by `/`).
- `probe`: a Keras model whose outputs are every node's output (nested models inlined).
- `sample`: loading the sample to show (a row of the data, a drawing, an image file).
- `activations`: the `activations` job kind (`Looker`); `results`: the files it writes.
- `fit`: the callbacks a fit's `look` field asks for (the runner's one hook):
  `refresh` shows the chosen sample again every epoch or N batches, `health` measures the layers
  within a time budget (`gradients`: the probe batch's forward and backward pass,
  `health_stats`: the numbers, `advice`: the sentences they raise).
- `render`: arrays to small RGB pictures (thumbnails, the CLI's PNGs).
"""
