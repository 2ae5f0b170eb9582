"""The training panel's "Learn" text: what batches, epochs and the curves mean (translated
where the panel shows it)."""

from PySide6.QtCore import QT_TRANSLATE_NOOP

LEARN_TEXT = QT_TRANSLATE_NOOP(
    "TrainingPanel",
    """
<h3>How a model learns</h3>
<p><b>Mini-batch gradient descent.</b> The model never looks at all the data at once. It takes a
<b>batch</b> of samples (the <i>batch size</i>, 32 by default), predicts them, measures how wrong
it is (the <b>loss</b>), and the optimizer nudges every weight a little in the direction that
lowers that loss. That is one <b>step</b>; its size is set by the <b>learning rate</b>.</p>
<p><b>Epoch.</b> One pass over all the training samples: with 1,000 samples and a batch size of
32 an epoch is 32 steps. Training for several epochs shows the model the same samples again,
shuffled each time.</p>
<p><b>Batch size.</b> Small batches give noisy but frequent updates (often better generalization);
large batches give smoother, faster epochs but need more memory, and sometimes a larger
learning rate.</p>
<p><b>Reading the curves.</b> The solid line is the loss on the training data, the dashed line on
validation data the model never trains on. Both falling: the model is learning. Training falling
while validation rises: it is <b>overfitting</b> (memorizing) — stop earlier (EarlyStopping),
get more data or regularize (Dropout). Both flat and high: the model is too small or the learning
rate is off. The faint line shows the running average within each epoch.</p>
<p><b>Step one batch</b> (Evaluate &amp; predict tab) runs exactly one step —
<code>train_on_batch</code>, <code>test_on_batch</code> or <code>predict_on_batch</code> — so
you can watch the loss change after a single update.</p>
""",
)
