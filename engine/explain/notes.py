"""Our own plain-language notes for the layers learners meet first, written as a teacher says it.

Each note says what the layer computes and gives a picture in words. Keras's docstring (shown
beside it) is precise but written for people who know the field already; these are for the
first week of a course. Data only: `plain_note(class_name)` picks the note of a class.
"""

from __future__ import annotations

import re

_CONV = (
    "A convolution slides a small window (the kernel) {where} and, at every position, computes "
    "a weighted sum of the values under the window, across all input channels, plus a bias. "
    "Each filter is one set of window weights and gives one output channel: a map of where its "
    "pattern ({patterns}) appears. Picture a small stencil moved step by step over the input, "
    "writing down one number wherever it stops. Because the same weights are reused at every "
    "position, a convolution needs far fewer weights than a Dense layer on the same input."
)
_CONV_WHERE = {
    "1D": ("along a sequence (time steps, or positions in a text)", "a rise, a peak, a phrase"),
    "2D": ("over an image's height and width", "an edge, a stripe, a patch of colour"),
    "3D": ("through a volume (depth, height and width: a video, a medical scan)", "a motion, "
           "a blob"),
}  # fmt: skip

_TRANSPOSE = (
    "A transposed convolution runs a convolution's shape arithmetic backwards: every input "
    "value spreads, scaled by the kernel's weights, onto a window of the output, and where "
    "windows overlap their contributions add up. With strides 2 the output is about twice as "
    "large {where}. Picture stamping a weighted stencil onto a bigger canvas, one stamp per "
    "input value, moving the stamp by the stride each time. Decoders, autoencoders and "
    "segmentation networks use it to grow a small feature map back towards the input's size "
    "(it is sometimes called deconvolution, though it does not undo a convolution)."
)
_TRANSPOSE_WHERE = {"1D": "in length", "2D": "in height and width", "3D": "along each axis"}

_POOLING = (
    "Pooling shrinks a feature map by summarising each small window with one number: "
    "{how}. Picture a grid laid over the map, each cell reporting only {report}: the network "
    'keeps "this pattern is here, roughly" and becomes less sensitive to exact positions. '
    "Each channel is pooled on its own, and there is nothing to learn."
)
_GLOBAL_POOLING = (
    "Global pooling summarises each whole feature map with one number per channel: {how} "
    "over every position. A 7×7×512 block becomes 512 numbers that say how strongly each "
    "pattern appears anywhere in the input. Networks use it in place of Flatten before the "
    "classifier: it has no weights, keeps the model small, and works for any input size."
)

_RNN_COMMON = (
    " With return_sequences=True it outputs its state after every step (for another recurrent "
    "layer on top); otherwise only after the last one (for a Dense classifier)."
)

NOTES: dict[str, str] = {
    "Dense": (
        "Every output unit looks at every input number: it multiplies each input by a weight of "
        "its own, adds them up, adds a bias, and applies the activation. Picture a switchboard "
        "with a dial (a weight) for every pair of input wire and unit; training turns the dials. "
        "That is why a Dense layer right after a Flatten often holds most of a network's "
        "weights: inputs × units of them."
    ),
    "Flatten": (
        "Flatten lays all the numbers of one sample out in a single row, so that a Dense layer "
        "can read them. Picture unstacking a pile of feature maps and laying them end to end, "
        "row after row. Nothing is computed and nothing is learned: only the shape changes, "
        "and the batch axis stays as it is."
    ),
    "Reshape": (
        "Reshape gives the same numbers a new arrangement, like pouring the same 12 eggs from a "
        "2×6 box into a 3×4 one: the count per sample stays the same, only the grouping into "
        "axes changes. One axis may be -1, and Keras works it out from the others. Nothing is "
        "learned."
    ),
    "Permute": (
        "Permute reorders the axes (the batch axis stays first), like turning a table so its "
        "rows become columns: Permute((2, 1)) swaps time steps and features. The numbers are "
        "the same, only their arrangement changes. Nothing is learned."
    ),
    "Dropout": (
        "During training, Dropout sets a random fraction `rate` of its inputs to zero at every "
        "step and scales the others up by 1 / (1 − rate), so their sum stays about the same. "
        "The next layer cannot rely on any single unit, so the network learns more robust, "
        "redundant features, a bit like a team that practises with some players missing each "
        "day. At prediction time Dropout does nothing. No weights."
    ),
    "BatchNormalization": (
        "BatchNormalization rescales each channel so that, over the batch, it has a mean near 0 "
        "and a spread near 1, then applies a learned scale (gamma) and shift (beta). Keeping "
        "the numbers in a comfortable range makes deep networks train faster and more steadily. "
        "It also keeps running averages of the mean and variance it has seen (moving_mean and "
        "moving_variance): they are updated by averaging, not by gradients, hence "
        "non-trainable, and they are used at prediction time, when there may be no batch to "
        "average over."
    ),
    "LayerNormalization": (
        "LayerNormalization rescales each sample on its own: over its features (the last axis) "
        "the values get mean 0 and spread 1, then a learned scale (gamma) and shift (beta). "
        "Unlike BatchNormalization it never looks at the other samples of the batch, so it "
        "behaves the same in training and prediction and with any batch size. Transformers and "
        "recurrent networks use it."
    ),
    "Embedding": (
        "An Embedding layer is a lookup table with input_dim rows: row i holds a learned vector "
        "for the integer i (a word's index, a product id), and each integer of the input is "
        "replaced by its row. Picture a dictionary in which every word's entry is a list of "
        "output_dim numbers; training moves the numbers until words used alike get similar "
        "lists. The input must hold integers from 0 to input_dim − 1."
    ),
    "SimpleRNN": (
        "A recurrent layer reads a sequence one step at a time and keeps a memory, its state "
        "(units numbers). At each step the new state is computed from the current input and the "
        "previous state, with the same weights at every step. Picture reading a sentence word "
        "by word while keeping a running summary in your head. A SimpleRNN forgets what lies "
        "many steps back; LSTM and GRU were designed to remember longer." + _RNN_COMMON
    ),
    "LSTM": (
        "An LSTM reads a sequence step by step like a simple RNN, but keeps two memories: a "
        "cell state c that can carry information across many steps, and an output state h. "
        "Three gates, each a small Dense layer on the current input and the previous h, decide "
        "what to erase from c, what to write into it, and what to show as output; a fourth part "
        "proposes what to write. That is why its kernels have 4 × units columns. Picture a "
        "notebook (c) with an eraser, a pen and a shutter, each worked by what you read now and "
        "what you said last." + _RNN_COMMON
    ),
    "GRU": (
        "A GRU is a lighter LSTM: one state and two gates. The update gate decides how much of "
        "the old state to keep and how much new content to write; the reset gate decides how "
        "much of the old state to use when proposing that content. So its kernels have 3 × "
        "units columns instead of the LSTM's 4, and it often learns as well with fewer weights."
        + _RNN_COMMON
    ),
    "Bidirectional": (
        "Bidirectional runs two copies of a recurrent layer over the sequence, one from the "
        "first step to the last and one backwards, each with its own weights, and merges their "
        "outputs (side by side by default). Every position then knows both what came before and "
        "what comes after, as when you understand a word from the whole sentence. It has twice "
        "the weights of the layer it wraps."
    ),
    "TimeDistributed": (
        "TimeDistributed applies the same inner layer to every time step (every slice along "
        "axis 1) separately, with one shared set of weights. Picture a conveyor belt of frames "
        "passing under the same machine, one at a time: for example a Dense layer on each step "
        "of a sequence, or a small CNN on each frame of a video."
    ),
    "Concatenate": (
        "Concatenate joins tensors side by side along one axis (the last by default): the "
        "features or channels of every branch end up in one longer tensor, and all other axes "
        "must agree. Nothing is computed and nothing is learned; the next layer simply sees all "
        "branches at once."
    ),
    "Add": (
        "Add sums its inputs number by number; they must have the same shape. Residual (skip) "
        "connections use it: a block's input is added to its output, so the block only has to "
        "learn a correction, which lets very deep networks train. No weights."
    ),
    "Multiply": (
        "Multiply multiplies its inputs number by number; they must have the same shape. Often "
        "one input acts as a gate (values between 0 and 1 from a sigmoid) that lets each number "
        "of the other through, dims it, or blocks it. No weights."
    ),
    "Average": (
        "Average takes the number-by-number mean of its inputs (same shape required), for "
        "example to combine the predictions of several branches into one. No weights."
    ),
    "Activation": (
        "Activation applies one function to every number on its own: relu keeps positives and "
        "turns negatives into 0, sigmoid squashes into 0…1, tanh into −1…1, softmax turns a row "
        "of scores into probabilities. Without such bends a stack of layers could only compute "
        "a straight-line (linear) function, however deep it is. No weights; the shape does not "
        "change."
    ),
    "ReLU": (
        "ReLU keeps positive numbers as they are and replaces negative ones with 0: max(x, 0). "
        "This simple bend is what lets stacked layers learn curved, non-linear functions; it is "
        "cheap and trains well, which made it the default activation of deep networks. No "
        "weights; the shape does not change."
    ),
    "Softmax": (
        "Softmax turns a row of scores into probabilities: it takes the exponential of each "
        "score and divides by their sum, so the outputs are positive and add up to 1 along the "
        "axis (the last by default), and the largest score gets the largest share. Classifiers "
        "end with it: 10 scores become the probabilities of 10 classes. No weights."
    ),
    "Attention": (
        "Attention lets each position of one sequence (the query) look at every position of "
        "another (the value) and take a weighted average of them. The weights come from how "
        "well the query matches each key (by default the value itself), turned into "
        "probabilities by a softmax. Picture reading a question and highlighting, for each of "
        "its words, the passages of a text that matter most, then summarising what you "
        "highlighted. This layer has no weights of its own (one scale with use_scale=True)."
    ),
    "MultiHeadAttention": (
        "MultiHeadAttention runs several attentions (heads) side by side. Each head projects "
        "the query, key and value with its own learned matrices into a small space of key_dim "
        "numbers and attends there; the heads' results are joined and projected back. Heads "
        "can specialise, one following word order, another meaning. It is the heart of the "
        "Transformer; with the same sequence as query, key and value it is self-attention."
    ),
    "UpSampling": (
        "UpSampling enlarges a feature map by repeating each value: in 2D every pixel becomes a "
        "size × size block (bilinear interpolation smooths it instead, if chosen). Nothing is "
        "learned; a convolution after it usually refines the blocks. Decoders use it to grow a "
        "small map back towards the input's size."
    ),
    "ZeroPadding": (
        "ZeroPadding adds rows and columns of zeros around the edges, like a frame around a "
        "picture. A 'valid' convolution after it can then keep the size, and positions at the "
        "border get seen as often as those in the middle. Nothing is learned."
    ),
    "Cropping": (
        "Cropping cuts rows and columns off the edges, the opposite of ZeroPadding, for example "
        "to make two branches the same size before they are merged. Nothing is learned."
    ),
    "InputLayer": (
        "Input says what one sample looks like: its shape without the batch axis, and its type. "
        "It computes nothing and has no weights. The None in front of its shape is the batch "
        "axis: any number of samples can go through at once."
    ),
    "Model": (
        "A model used as a layer: calling it runs all of its layers on the input. Calling it "
        "twice reuses the same weights (a shared, or siamese, network), just like calling one "
        "layer twice. Double-click it to see and explain its layers one by one."
    ),
}


def _family(class_name: str) -> str | None:
    for prefix, key in (
        ("GlobalMaxPooling", "GlobalMax"),
        ("GlobalAveragePooling", "GlobalAverage"),
        ("MaxPooling", "MaxPooling"),
        ("AveragePooling", "AveragePooling"),
        ("UpSampling", "UpSampling"),
        ("ZeroPadding", "ZeroPadding"),
        ("Cropping", "Cropping"),
    ):
        if class_name.startswith(prefix):
            return key
    return None


def note_key(class_name: str, is_model: bool = False) -> str:
    """Which note a class gets: a key of NOTES, `Conv2D` / `Conv2DTranspose` (a convolution's
    dimensions), a pooling family (`MaxPooling`, `GlobalAverage`...), or "" for none. The app
    finds the note's translation under this key."""
    if is_model:
        return "Model"
    if class_name in NOTES:
        return class_name
    if re.fullmatch(r"Conv[123]D(Transpose)?", class_name):
        return class_name
    return _family(class_name) or ""  # every family has a note


def plain_note(class_name: str, is_model: bool = False) -> str:
    """Our note for a class, or "" for classes without one (Keras's docstring then speaks)."""
    key = note_key(class_name, is_model)
    conv = re.fullmatch(r"Conv([123]D)(Transpose)?", key)
    if conv is not None:
        dims, transpose = conv.groups()
        if transpose:
            return _TRANSPOSE.format(where=_TRANSPOSE_WHERE[dims])
        where, patterns = _CONV_WHERE[dims]
        return _CONV.format(where=where, patterns=patterns)
    if key == "MaxPooling":
        return _POOLING.format(how="max pooling keeps the largest value of each window",
                               report="its strongest response")  # fmt: skip
    if key == "AveragePooling":
        return _POOLING.format(how="average pooling keeps the mean of each window",
                               report="its average response")  # fmt: skip
    if key == "GlobalMax":
        return _GLOBAL_POOLING.format(how="the largest value")
    if key == "GlobalAverage":
        return _GLOBAL_POOLING.format(how="the average")
    return NOTES.get(key, "")
