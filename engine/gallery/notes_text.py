"""The texts of `engine.gallery.notes`: the seed's words, its code, English renderings, our notes.

"seed" blocks quote the seed (`../shared/seed/`): its words, typos included (its 多为 means 多维),
without Markdown marks and list bullets, a few lists run into one sentence. "code" blocks are its
code with the Markdown fences between lines removed. Everything else is ours, in both languages.
Numbers are Keras's, checked by `tests/engine/test_gallery.py`.
"""

from __future__ import annotations

from typing import Any


def _seed(zh: str, en: str) -> dict[str, str]:
    return {"kind": "seed", "zh": zh, "en": en}


def _code(text: str) -> dict[str, str]:
    return {"kind": "code", "text": text.strip("\n")}


def _ours(kind: str, zh: str, en: str) -> dict[str, str]:
    return {"kind": kind, "zh": zh, "en": en}


_BATCH_SIZE_ZH = (
    "[关于 batch_size: 梯度下降的更新方式有两种, 一种是每看一个数据就算一下损失函数, 然后求梯度更新参数, "
    "称为随机梯度下降 (Stochastic gradient descent), 该方法速度快, 但收敛性能不太好, 两次参数的更新也有可能"
    "抵消掉; 另一种是遍历全部数据集后算一次损失函数, 然后对函数各个参数求梯度更新参数, 称为批梯度下降 "
    "(Batch gradient descent), 该方法每更新一次参数需要遍历一遍数据集, 计算速度慢。现在多采用折中两种方法"
    "的小批量梯度下降 (mini-batch gradient descent), 即把数据集分为若干批, 按批来更新参数, 即减少了随机性, "
    "计算量也不是很大。Keras 训练过程中的 batch_size 即指的对应每次训练的小批量的数据量大小。关于 epochs: "
    "轮次, 每个 batch 对应的是网络的一次更新, 而一个 epoch 对应网络的一轮更新。每一轮更新中网络更新的次数"
    "可以随意, 通常设置为遍历一遍数据集。设置 epoch 将模型的训练分为若干段, 可以更好的观察和调整模型的训练。]"
)
_BATCH_SIZE_EN = (
    "[About batch_size: gradient descent can update in two ways. One computes the loss after "
    "every single sample and updates the parameters along its gradient: stochastic gradient "
    "descent. It is fast but converges poorly, and two successive updates may cancel each "
    "other. The other computes the loss once over the whole dataset and then updates every "
    "parameter along its gradient: batch gradient descent. Each update needs a pass over the "
    "whole dataset, so it is slow. Today the compromise is usual: mini-batch gradient descent "
    "splits the dataset into batches and updates once per batch, which reduces the randomness "
    "without much computation. Keras's batch_size is the number of samples in each of these "
    "mini-batches. About epochs: each batch is one update of the network, and an epoch is one "
    "round of updates. How many updates a round holds is up to you; usually a round is one pass "
    "over the dataset. Epochs divide training into stages, so you can watch and adjust it "
    "better.]"
)

_MLP_CODE = """
# For a single-input model with 10 classes (categorical classification):
import keras
from keras.models import Sequential
from keras.layers import Dense, Activation
model = Sequential()
# Dense(32) is a fully-connected layer with 32 hidden units.
# in the first layer, you must specify the expected input data shape:
# here, 100-dimensional vectors.
model.add(Dense(32, activation='relu', input_dim=100))
model.add(Dense(10, activation='softmax'))
model.compile(optimizer='rmsprop', loss='categorical_crossentropy', metrics=['accuracy'])
# Generate dummy data
import numpy as np
data = np.random.random((1000, 100))
labels = np.random.randint(10, size=(1000, 1))
# Convert labels to categorical one-hot encoding. util 是该层的输出维度
one_hot_labels = keras.utils.to_categorical(labels, num_classes=10)
# Train the model, iterating on the data in batches of 32 samples
model.fit(data, one_hot_labels, epochs=10, batch_size=32)
"""

_MLP: dict[str, Any] = {
    "seed_item": "S9",
    "title": {"zh": "十分类模型（序贯模型）", "en": "A ten-class classifier (Sequential)"},
    "blocks": [
        _seed(
            "讲完概念和常用 API，接下来构建实际的模型，如下是一个完整的十分类模型：",
            "With the concepts and the common API covered, let us build a real model. "
            "Here is a complete ten-class classifier:",
        ),
        _code(_MLP_CODE),
        _ours(
            "correction",
            "种子里“util 是该层的输出维度”这句注释写在 to_categorical 那一行，说的其实是 Dense 的第一个"
            "参数 units（这里是 32）：该层输出的维度。to_categorical 把 0–9 的标签变成 10 维的独热行。",
            "The seed's comment 'util 是该层的输出维度' ('util is the layer's output dimension') "
            "sits on the to_categorical line, but it describes Dense's first argument, units (32 "
            "here): the size of the layer's output. to_categorical turns each label 0-9 into a "
            "one-hot row of 10.",
        ),
        _seed(_BATCH_SIZE_ZH, _BATCH_SIZE_EN),
        _seed(
            "类似(data, one_hot_labels), 定义验证集(x_test, y_test), 然后测试: "
            "score = model.evaluate(x_test, y_test, batch_size=32)",
            "Define a test set (x_test, y_test) like (data, one_hot_labels), then evaluate: "
            "score = model.evaluate(x_test, y_test, batch_size=32)",
        ),
        _ours(
            "keras3",
            "Keras 3 不再在第一层写 input_dim=100，而是把 keras.Input(shape=(100,)) 放在模型最前面；"
            "模型完全相同：3,562 个参数 = 100×32+32 (3,232) + 32×10+10 (330)。",
            "Keras 3 no longer takes input_dim=100 on the first layer: keras.Input(shape=(100,)) "
            "comes first instead. The model is the same: 3,562 parameters = 100×32+32 (3,232) + "
            "32×10+10 (330).",
        ),
        _ours(
            "data",
            "训练面板已按种子设置：1,000 个随机样本（dummy 数据）、rmsprop、categorical_crossentropy、"
            "accuracy、10 轮、每批 32。标签是随机的，模型学不到东西，准确率停在 10% 左右。digits 数据集"
            "只有 64 个特征，不适合这个 100 维的输入：请打开“MLP for digits”（同一网络，输入 64）。",
            "The Training panel starts with the seed's settings: dummy data (1,000 random "
            "samples), rmsprop, categorical_crossentropy, accuracy, 10 epochs of batches of 32. "
            "Random labels teach nothing: accuracy stays near 10%. The digits dataset has 64 "
            "features, not 100, so it does not fit this input: open 'MLP for digits' (the same "
            "network on 64 inputs) to train on real data.",
        ),
    ],
}

_CNN_CODE = """
from keras.models import Sequential
from keras.layers import Dense, Dropout, Flatten
from keras.layers import Conv2D, MaxPooling2D
model = Sequential()
# input: 100x100 images with 3 channels -> (100, 100, 3) tensors.
# this applies 32 convolution filters of size 3x3 each -> Conv2D(32, (3, 3)).
model.add(Conv2D(32, (3, 3), activation='relu', input_shape=(100, 100, 3)))
model.add(Conv2D(32, (3, 3), activation='relu'))
model.add(MaxPooling2D(pool_size=(2, 2)))
# Flatten层用来将输入压平, 即将多为输入一维化, 常用于从卷积层到全连接层的过渡。
# 如, 上一步 model.output_shape == (None, 49, 49, 32)
model.add(Flatten())
# 此时 model.output_shape == (None, 76832)
model.add(Dense(256, activation='relu'))
model.add(Dropout(0.5))
model.add(Dense(10, activation='softmax'))
"""

_CNN: dict[str, Any] = {
    "seed_item": "S10",
    "title": {"zh": "卷积神经网络", "en": "Convolutional neural network"},
    "blocks": [
        _seed(
            "Flatten层用来将输入压平, 即将多为输入一维化, 常用于从卷积层到全连接层的过渡。"
            "如, 上一步 model.output_shape == (None, 49, 49, 32) … 此时 model.output_shape == "
            "(None, 76832)",
            "The Flatten layer flattens its input: it turns a multi-dimensional input into one "
            "dimension, the usual bridge from convolutional layers to fully connected ones. For "
            "example, after the previous step model.output_shape == (None, 49, 49, 32) … now "
            "model.output_shape == (None, 76832)",
        ),
        _code(_CNN_CODE),
        _ours(
            "correction",
            "这里种子算错了。Keras 的结果（画布上显示的）是池化后 (None, 48, 48, 32)、Flatten 后 "
            "(None, 73728)。每个 3×3 的 valid 卷积在每边各去掉 1 个像素：100 → 98 → 96；2×2 池化减半："
            "48；48×48×32 = 73,728。种子的 49 要求池化前是 98，也就是只有一个卷积层（49×49×32 = 76,832）。"
            "点选 max_pooling2d 看它的输出形状。",
            "Here the seed is wrong. Keras computes (None, 48, 48, 32) after the pooling and "
            "(None, 73728) after Flatten, as the canvas shows. Each valid 3×3 convolution trims "
            "one pixel from every border: 100 → 98 → 96; the 2×2 pooling halves that: 48; and "
            "48×48×32 = 73,728. The seed's 49 would need 98 pixels before the pooling, that is one "
            "convolution instead of two (49×49×32 = 76,832). Click max_pooling2d to see its "
            "output shape.",
        ),
        _seed(
            "在 CNN 中, 卷积层的常用广义定义为: keras.layers.convolutional.Conv2D(filters, "
            "kernel_size, strides=(1, 1), padding='valid', data_format=None) 池化层的广义定义为: "
            "keras.layers.pooling.MaxPooling2D(pool_size=(2, 2), strides=None, padding='valid', "
            "data_format=None) 其中 padding 默认都为 valid (不填充), 还可取 same (全 0 填充)",
            "In a CNN the convolution layer is usually defined as Conv2D(filters, kernel_size, "
            "strides=(1, 1), padding='valid', data_format=None), and the pooling layer as "
            "MaxPooling2D(pool_size=(2, 2), strides=None, padding='valid', data_format=None). "
            "padding is 'valid' (no padding) by default for both; it can also be 'same' (padding "
            "with zeros).",
        ),
        _ours(
            "note",
            "试一试：把两个卷积层的 padding 都改成 same，形状变为 100 → 100 → 100 → 50，Flatten 后是 "
            "80,000，Dense(256) 的参数从 18,874,624 增加到 20,480,256。整个模型 18,887,338 个参数，"
            "几乎都在 Flatten 之后的 Dense(256) 里（73,728×256+256）。",
            "Try it: set padding to 'same' on both convolutions. The shapes become 100 → 100 → "
            "100 → 50, Flatten gives 80,000, and Dense(256) grows from 18,874,624 to 20,480,256 "
            "parameters. Of the model's 18,887,338 parameters nearly all sit in the Dense(256) "
            "after Flatten (73,728×256+256).",
        ),
        _ours(
            "keras3",
            "Keras 3 把 input_shape=(100, 100, 3) 写成模型最前面的 keras.Input(shape=(100, 100, 3))；"
            "keras.layers.convolutional.Conv2D 现在就是 keras.layers.Conv2D。",
            "Keras 3 writes input_shape=(100, 100, 3) as keras.Input(shape=(100, 100, 3)) first "
            "in the model; keras.layers.convolutional.Conv2D is now keras.layers.Conv2D.",
        ),
        _ours(
            "data",
            "自带的数据集里没有 100×100 的彩色图片：用 dummy 数据训练（看形状和速度）。想用真实数据，"
            "把输入改成 (8, 8, 1) 即可训练 digits：8 → 6 → 4 → 池化后 2。",
            "No bundled dataset has 100×100 colour images: train on dummy data (to see the shapes "
            "and the speed). For real data, change the Input to (8, 8, 1) and train on digits: "
            "8 → 6 → 4 → 2 after the pooling.",
        ),
    ],
}

_STATEFUL_CODE = """
from keras.models import Sequential
from keras.layers import LSTM, Dense
import numpy as np
data_dim = 16
timesteps = 8
num_classes = 10
batch_size = 32
# Expected input batch shape: (batch_size, timesteps, data_dim)
# Note that we have to provide the full batch_input_shape since the network is stateful.
# the sample of index i in batch k is the follow-up for the sample i in batch k-1.
model = Sequential()
# LSTM 中 32 为输出维度, stateful 为 True, 则下一个 batch 中下标为 i 的样本的最终状态将会作为下一
# 个 batch 同样下标的样本的初始状态
model.add(LSTM(32, return_sequences=True, stateful=True,
               batch_input_shape=(batch_size, timesteps, data_dim)))
model.add(LSTM(32, return_sequences=True, stateful=True))
model.add(LSTM(32, stateful=True))
model.add(Dense(10, activation='softmax'))
model.compile(loss='categorical_crossentropy',
              optimizer='rmsprop',
              metrics=['accuracy'])
# Generate dummy training data
x_train = np.random.random((batch_size * 10, timesteps, data_dim))
y_train = np.random.random((batch_size * 10, num_classes))
# Generate dummy validation data
x_val = np.random.random((batch_size * 3, timesteps, data_dim))
y_val = np.random.random((batch_size * 3, num_classes))
# Shuffle 为 False 表示在训练每个 epoch 前不随机打乱输入样本的顺序，默认为 True
model.fit(x_train, y_train,
          batch_size=batch_size, epochs=5, shuffle=False,
          validation_data=(x_val, y_val))
"""

_STATEFUL: dict[str, Any] = {
    "seed_item": "S11",
    "title": {"zh": "循环神经网络：stateful LSTM", "en": "Recurrent network: a stateful LSTM"},
    "blocks": [
        _seed(
            "实现 stateful LSTM, 该模型在处理过一个 batch 的训练数据后, 其内部状态 (记忆) 会被作为下一个 "
            "batch 的训练数据的初始状态。状态 LSTM 使得我们可以在合理的计算复杂度内处理较长序列。",
            "A stateful LSTM: after the model has processed one batch of training data, its "
            "internal state (its memory) becomes the initial state for the next batch. Stateful "
            "LSTMs let us process long sequences at a reasonable computational cost.",
        ),
        _code(_STATEFUL_CODE),
        _seed(
            "LSTM 中 32 为输出维度, stateful 为 True, 则下一个 batch 中下标为 i 的样本的最终状态将会作为"
            "下一个 batch 同样下标的样本的初始状态",
            "In LSTM(32), 32 is the output dimension. With stateful=True, the final state of the "
            "sample at index i in the next batch becomes the initial state of the sample at the "
            "same index in the next batch.",
        ),
        _ours(
            "correction",
            "这句注释里第一个“下一个 batch”应为“当前 batch”：第 k 批中下标为 i 的样本的最终状态，成为"
            "第 k+1 批中下标为 i 的样本的初始状态（英文注释说的就是这个）。",
            "The first 'next batch' in that comment should read 'this batch': the final state of "
            "sample i in batch k becomes the initial state of sample i in batch k+1, as the "
            "English comment above it says.",
        ),
        _seed(
            "Shuffle 为 False 表示在训练每个 epoch 前不随机打乱输入样本的顺序，默认为 True。"
            "除了 LSTM, Keras 还提供了 GRU, SimpleRNN 等经典 RNN 网络。",
            "shuffle=False means the samples are not shuffled before each epoch (the default is "
            "True). Besides LSTM, Keras also provides GRU, SimpleRNN and other classic RNNs.",
        ),
        _ours(
            "keras3",
            "Keras 3 没有 batch_input_shape 参数了：固定的 batch 大小写在输入上，"
            "keras.Input(batch_shape=(32, 8, 16))。所以画布上的形状以 32 开头，而不是 None。"
            "23,242 个参数 = 6,272 + 8,320 + 8,320 + 330。变体“Stateful LSTM, GRU and SimpleRNN”"
            "把三种循环层各用一次。",
            "Keras 3 has no batch_input_shape argument: the fixed batch size goes on the input, "
            "keras.Input(batch_shape=(32, 8, 16)). So the shapes on the canvas start with 32, not "
            "None. 23,242 parameters = 6,272 + 8,320 + 8,320 + 330. The variant 'Stateful LSTM, "
            "GRU and SimpleRNN' uses each recurrent layer once.",
        ),
        _ours(
            "data",
            "训练面板已按种子设置：320 个 dummy 样本（10 批 × 32），5 轮，不打乱，每批 32。stateful 模型"
            "的样本数必须是 32 的倍数。种子另用 96 个样本做验证；面板留出 20%（64 个，正好 2 批）。",
            "The Training panel starts with the seed's settings: 320 dummy samples (10 batches of "
            "32), 5 epochs, no shuffling, batches of 32. A stateful model needs a sample count "
            "that is a multiple of 32. The seed validates on 96 separate samples; the panel holds "
            "out 20% instead (64 samples, exactly 2 batches).",
        ),
    ],
}

_FUNCTIONAL_CODE = """
from keras.models import Model
from keras.layers import Input, Dense
input = Input(shape=(784,))
x = Dense(64, activation='relu')(input)
x = Dense(64, activation='relu')(x)
predictions = Dense(10, activation='softmax')(x)
model = Model(inputs=input, outputs=predictions)
model.compile(optimizer='rmsprop', loss='categorical_crossentropy', metrics=['accuracy'])
model.fit(data, labels) #starts training
"""

_FUNCTIONAL: dict[str, Any] = {
    "seed_item": "S12",
    "title": {"zh": "函数式模型：三层全连接网络", "en": "Functional API: a three-layer network"},
    "blocks": [
        _seed(
            "现在来学习更加广义的模型编程，有几个概念需要澄清：层对象接受张量为参数，返回一个张量。"
            "输入是张量，输出也是张量的一个框架就是一个模型，通过 Model 定义。这样的模型可以像 Keras 的 "
            "Sequential 一样被训练。首先使用 Model 来实现三层全连接网络：",
            "Now for a more general way of building models. A few concepts first: a layer object "
            "takes a tensor as its argument and returns a tensor. A framework whose input is a "
            "tensor and whose output is a tensor is a model, defined with Model. Such a model is "
            "trained just like a Keras Sequential model. First, a three-layer fully connected "
            "network with Model:",
        ),
        _code(_FUNCTIONAL_CODE),
        _seed(
            "训练好的模型是可调用的，就像层一样。",
            "A trained model is callable, just like a layer (the shared vision model calls one "
            "on two inputs).",
        ),
        _ours(
            "note",
            "种子把输入叫 input，这会遮住 Python 自带的 input() 函数；画布上这个输入也叫 input。784 = "
            "28×28，一张 MNIST 图片展平后的像素数。55,050 个参数 = 50,240 + 4,160 + 650。",
            "The seed calls the input 'input', which hides Python's built-in input(); the canvas "
            "names it 'input' too. 784 = 28×28, the pixels of one MNIST image, flattened. 55,050 "
            "parameters = 50,240 + 4,160 + 650.",
        ),
        _ours(
            "data",
            "model.fit(data, labels) 用 Keras 的默认值训练：1 轮、每批 32；面板就这样设置，用 dummy 数据。"
            "装了 Fashion-MNIST（28×28 图片）时，选它作数据：每张图展平成 784 个特征。",
            "model.fit(data, labels) trains with Keras's defaults: 1 epoch, batches of 32; the "
            "panel starts so, on dummy data. With Fashion-MNIST installed (28×28 images), choose "
            "it as the data: each image is flattened to 784 features.",
        ),
    ],
}

_NEWS_CODE = """
from keras.layers import Input, Embedding, LSTM, Dense
from keras.models import Model
# Headline input: meant to receive sequences of 100 integers, between 1 and 10000.
# Note that we can name any layer by passing it a "name" argument.
main_input = Input(shape=(100,), dtype='int32', name='main_input')
# This embedding layer will encode the input sequence
# into a sequence of dense 512-dimensional vectors.
x = Embedding(output_dim=512, input_dim=10000, input_length=100)(main_input)
# A LSTM will transform the vector sequence into a single vector,
# containing information about the entire sequence
lstm_out = LSTM(32)(x)
# 插入一个额外的损失，使得即使在主损失很高的情况下，LSTM和Embedding层也可以平滑的训练
auxiliary_output = Dense(1, activation='sigmoid', name='aux_output')(lstm_out)
# 将LSTM与额外的输入数据串联起来组成输入，送入模型中：
auxiliary_input = Input(shape=(5,), name='aux_input')
x = keras.layers.concatenate([lstm_out, auxiliary_input])
# We stack a deep densely-connected network on top
x = Dense(64, activation='relu')(x)
x = Dense(64, activation='relu')(x)
x = Dense(64, activation='relu')(x)
# And finally we add the main logistic regression layer
main_output = Dense(1, activation='sigmoid', name='main_output')(x)
# 定义2输入2输出模型：
model = Model(inputs=[main_input, auxiliary_input], outputs=[main_output, auxiliary_output])
# 赋权重
model.compile(optimizer='rmsprop', loss='binary_crossentropy',
              loss_weights=[1., 0.2])
# 编译好了后，通过传递训练数据和目标值训练模型：
model.fit([headline_data, additional_data], [labels, labels],
          epochs=50, batch_size=32)
"""

_NEWS: dict[str, Any] = {
    "seed_item": "S13",
    "title": {"zh": "多输入多输出模型", "en": "A model with two inputs and two outputs"},
    "blocks": [
        _seed(
            "使用函数式模型的一个典型场景是搭建多输入、多输出模型。考虑这样一个模型。我们希望预测 Twitter "
            "上一条新闻会被转发和点赞多少次。模型的主要输入是新闻本身，也就是一个词语的序列。但我们还可以"
            "拥有额外的输入，如新闻发布的日期等。这个模型的损失函数将由两部分组成，辅助的损失函数评估仅仅"
            "基于新闻本身做出预测的情况，主损失函数评估基于新闻和额外信息的预测的情况，即使来自主损失函数"
            "的梯度发生弥散，来自辅助损失函数的信息也能够训练 Embedding 和 LSTM 层。在模型中早点使用主要的"
            "损失函数对于深度网络的一个良好的正则方法。",
            "A typical use of the functional API is a model with several inputs and outputs. "
            "Consider this one: we want to predict how many times a news item on Twitter will be "
            "retweeted and liked. The main input is the news text itself, a sequence of words. "
            "But we can also have extra inputs, such as the date it was posted. The model's loss "
            "has two parts: the auxiliary loss judges a prediction made from the news alone, the "
            "main loss a prediction made from the news and the extra information. Even when the "
            "gradient from the main loss vanishes, the auxiliary loss still trains the Embedding "
            "and LSTM layers. Using the main loss function early in the model is a good "
            "regularization method for deep networks.",
        ),
        _code(_NEWS_CODE),
        _seed(
            "插入一个额外的损失，使得即使在主损失很高的情况下，LSTM和Embedding层也可以平滑的训练。"
            "将LSTM与额外的输入数据串联起来组成输入，送入模型中。",
            "Insert an extra loss, so that the LSTM and Embedding layers train smoothly even when "
            "the main loss is high. Concatenate the LSTM's output with the extra input data and "
            "feed that to the rest of the model.",
        ),
        _ours(
            "keras3",
            "Embedding 的 input_length=100 在 Keras 3 里已弃用（输入的形状已经说明是 100），这里去掉了。"
            "5,200,610 个参数，其中 5,120,000 在 Embedding 里（10,000 个词 × 512 维）。",
            "Embedding's input_length=100 is deprecated in Keras 3 (the input's shape already "
            "says 100), so it is left out. 5,200,610 parameters, 5,120,000 of them in the "
            "Embedding (10,000 words × 512 dimensions).",
        ),
        _ours(
            "data",
            "训练面板已按种子设置：rmsprop，两个输出都用 binary_crossentropy，损失权重 main_output 1.0、"
            "aux_output 0.2，50 轮，每批 32，dummy 数据（标题是 10,000 以内的整数）。训练曲线按输出分开画。",
            "The Training panel starts with the seed's settings: rmsprop, binary_crossentropy on "
            "both outputs, loss weights 1.0 (main_output) and 0.2 (aux_output), 50 epochs of "
            "batches of 32, on dummy data (headlines of integers below 10,000). The curves are "
            "drawn per output.",
        ),
    ],
}

_SHARED_LSTM_CODE = """
import keras
from keras.layers import Input, LSTM, Dense
from keras.models import Model
tweet_a = Input(shape=(140, 256))
tweet_b = Input(shape=(140, 256))
# This layer can take as input a matrix and will return a vector of size 64
shared_lstm = LSTM(64)
# When we reuse the same layer instance multiple times, the weights of the layer
# are also being reused (it is effectively *the same* layer)
encoded_a = shared_lstm(tweet_a)
encoded_b = shared_lstm(tweet_b)
# We can then concatenate the two vectors:
merged_vector = keras.layers.concatenate([encoded_a, encoded_b], axis=-1)
# And add a logistic regression on top
predictions = Dense(1, activation='sigmoid')(merged_vector)
# We define a trainable model linking the
# tweet inputs to the predictions
model = Model(inputs=[tweet_a, tweet_b], outputs=predictions)
model.compile(optimizer='rmsprop',
              loss='binary_crossentropy',
              metrics=['accuracy'])
model.fit([data_a, data_b], labels, epochs=10)
"""

_SHARED_LSTM: dict[str, Any] = {
    "seed_item": "S14",
    "title": {"zh": "共享层", "en": "A shared layer"},
    "blocks": [
        _seed(
            "另一个常用的场景是使用共享层。考虑 Twitter 的微博数据，我们希望建立模型来判别两条微博是否是"
            "来自同一个用户，这个需求同样可以用来判断一个用户的两条微博的相似性。一种实现方式是，我们建立"
            "一个模型，它分别将两条微博的数据映射到两个特征向量上，然后将特征向量串联并加一个 logistic "
            "回归层，输出它们来自同一个用户的概率。这种模型的训练数据是一对对的微博。因为这个问题是对称的，"
            "所以处理第一条微博的模型当然也能重用于处理第二条微博。所以这里我们使用一个共享的 LSTM 层来"
            "进行映射。因为一条微博最多有 140 个字符，而扩展的 ASCII 码表编码了常见的 256 个字符，所以我们"
            "将微博的数据转为 (140, 256) 的矩阵，即每条微博有 140 个字符，每个单词的特征由一个 256 维的词"
            "向量表示，向量的每个元素为 1 表示某个字符出现，为 0 表示不出现，这是一个 one-hot 编码。",
            "Another common use is a shared layer. Take tweets: we want a model that tells whether "
            "two tweets come from the same user (the same model can judge how similar two tweets "
            "of one user are). One way: a model maps each of the two tweets to a feature vector, "
            "concatenates the two vectors and adds a logistic regression layer that outputs the "
            "probability that both come from the same user. It trains on pairs of tweets. The "
            "problem is symmetric, so what processes the first tweet can be reused for the "
            "second: here one shared LSTM layer does the mapping. A tweet has at most 140 "
            "characters and extended ASCII encodes the 256 common characters, so each tweet "
            "becomes a (140, 256) matrix: 140 characters, each word's features a 256-dimensional "
            "vector whose elements are 1 where a character appears and 0 elsewhere: a one-hot "
            "encoding.",
        ),
        _code(_SHARED_LSTM_CODE),
        _ours(
            "correction",
            "种子前面说的是“字符”，后面写成了“每个单词的特征”：独热向量表示的是每个字符，不是每个单词。",
            "The seed first speaks of characters, then writes 'each word's features': the one-hot "
            "vectors stand for characters, not words.",
        ),
        _ours(
            "note",
            "画布上只有一个 LSTM 层，它被调用两次：第 1 次调用（node index 0）读 tweet_a，第 2 次（node "
            "index 1）读 tweet_b。82,176 个权重只算一次；加上 Dense(1) 的 129 个，共 82,305 个参数。",
            "The canvas shows one LSTM layer called twice: call 1 (node index 0) reads tweet_a, "
            "call 2 (node index 1) reads tweet_b. Its 82,176 weights count once; with the "
            "Dense(1)'s 129 the model has 82,305 parameters.",
        ),
        _ours(
            "data",
            "用 dummy 数据训练：rmsprop、binary_crossentropy、accuracy、10 轮（种子的设置）。",
            "Train on dummy data: rmsprop, binary_crossentropy, accuracy, 10 epochs (the seed's "
            "settings).",
        ),
    ],
}

_SHARED_CONV_CODE = """
a = Input(shape=(32, 32, 3))
b = Input(shape=(64, 64, 3))
conv = Conv2D(16, (3, 3), padding='same')
convded_a = conv(a)
# Only one input so far, the following will work:
assert conv.input_shape == (None, 32, 32, 3)
convded_b = conv(b)
# now the `input_shape` property wouldn't work, but this does:
assert conv.get_input_shape_at(0) == (None, 32, 32, 3)
assert conv.get_input_shape_at(1) == (None, 64, 64, 3)
"""

_SHARED_CONV: dict[str, Any] = {
    "seed_item": "S8",
    "title": {"zh": "层的多个计算节点", "en": "A layer with several calls (nodes)"},
    "blocks": [
        _seed(
            "如果层仅有一个计算节点（即该层不是共享层），则可以通过下列方法获得输入张量、输出张量、输入数据"
            "的形状和输出数据的形状：layer.input、layer.output、layer.input_shape、layer.output_shape。"
            "如果该层有多个计算节点。可以使用下面的方法(node_index 由 0 开始往上计)：get_input_at、"
            "get_output_at、get_input_shape_at、get_output_shape_at。再来一个 input_shape 的例子：",
            "If a layer has only one computation node (it is not shared), you get its input "
            "tensor, output tensor, input shape and output shape with layer.input, layer.output, "
            "layer.input_shape, layer.output_shape. If it has several nodes, use get_input_at, "
            "get_output_at, get_input_shape_at, get_output_shape_at (node_index counts from 0). "
            "Another input_shape example:",
        ),
        _code(_SHARED_CONV_CODE),
        _ours(
            "keras3",
            "Keras 3 去掉了 get_input_shape_at(i) 这类方法。在画布上点选 shared_conv：检查器列出每次调用，"
            "第 1 次（node index 0）(None, 32, 32, 3) → (None, 32, 32, 16)，第 2 次（node index 1）"
            "(None, 64, 64, 3) → (None, 64, 64, 16)。两次调用共用 448 个参数（3×3×3×16+16）。",
            "Keras 3 dropped get_input_shape_at(i) and its siblings. Click shared_conv on the "
            "canvas: the inspector lists every call, call 1 (node index 0) (None, 32, 32, 3) → "
            "(None, 32, 32, 16) and call 2 (node index 1) (None, 64, 64, 3) → (None, 64, 64, 16). "
            "Both calls share 448 parameters (3×3×3×16+16).",
        ),
    ],
}

_INCEPTION_CODE = """
from keras.layers import Conv2D, MaxPooling2D, Input
input_img = Input(shape=(256, 256, 3))
tower_1 = Conv2D(64, (1, 1), padding='same', activation='relu')(input_img)
tower_1 = Conv2D(64, (3, 3), padding='same', activation='relu')(tower_1)
tower_2 = Conv2D(64, (1, 1), padding='same', activation='relu')(input_img)
tower_2 = Conv2D(64, (5, 5), padding='same', activation='relu')(tower_2)
tower_3 = MaxPooling2D((3, 3), strides=(1, 1), padding='same')(input_img)
tower_3 = Conv2D(64, (1, 1), padding='same', activation='relu')(tower_3)
output = keras.layers.concatenate([tower_1, tower_2, tower_3], axis=1)
"""

_INCEPTION: dict[str, Any] = {
    "seed_item": "S15",
    "title": {"zh": "经典模型实现：Inception 模型", "en": "A classic: the Inception module"},
    "blocks": [
        _code(_INCEPTION_CODE),
        _ours(
            "correction",
            "axis=1 是为 channels_first 图片写的。Keras 默认 channels_last，图片张量是 (batch, 高, 宽, "
            "通道)：axis=1 是“高”，三个分支被上下叠在一起，得到 (None, 768, 256, 64)。Inception 本意是拼接"
            "通道：在检查器里把 concatenate 的 axis 改成 -1（或 3），输出变成 (None, 256, 256, 192)。"
            "变体“Inception module (channels joined)”就是这样。",
            "axis=1 was written for channels-first images. Keras defaults to channels_last, where "
            "an image tensor is (batch, height, width, channels): axis=1 is the height, so the "
            "three towers are stacked one above the other: (None, 768, 256, 64). Inception means "
            "to join the channels: set the concatenate layer's axis to -1 (or 3) in the "
            "inspector and the output becomes (None, 256, 256, 192). The variant 'Inception "
            "module (channels joined)' does that.",
        ),
        _ours(
            "note",
            "种子只写到 output 为止；模板用 Model(input_img, output) 把它变成模型。140,160 个参数。",
            "The seed stops at output; the template makes it a model with Model(input_img, "
            "output). 140,160 parameters.",
        ),
    ],
}

_SHARED_VISION_CODE = """
from keras.layers import Conv2D, MaxPooling2D, Input, Dense, Flatten
from keras.models import Model
# First, define the vision modules
digit_input = Input(shape=(27, 27, 1))
x = Conv2D(64, (3, 3))(digit_input)
x = Conv2D(64, (3, 3))(x)
x = MaxPooling2D((2, 2))(x)
out = Flatten()(x)
vision_model = Model(digit_input, out)
# Then define the tell-digits-apart model
digit_a = Input(shape=(27, 27, 1))
digit_b = Input(shape=(27, 27, 1))
# The vision model will be shared, weights and all
out_a = vision_model(digit_a)
out_b = vision_model(digit_b)
concatenated = keras.layers.concatenate([out_a, out_b])
out = Dense(1, activation='sigmoid')(concatenated)
classification_model = Model([digit_a, digit_b], out)
"""

_SHARED_VISION: dict[str, Any] = {
    "seed_item": "S16",
    "title": {"zh": "共享视觉模型", "en": "A shared vision model"},
    "blocks": [
        _seed(
            "该模型在两个输入上重用了图像处理的模型，用来判别两个 MNIST 数字是否是相同的数字，与上面判断"
            "微博是否来自同一用户的例子不同（共享层），这个模型是共享模型。",
            "This model reuses an image-processing model on two inputs to tell whether two MNIST "
            "digits are the same digit. Unlike the tweet example above (a shared layer), here a "
            "whole model is shared.",
        ),
        _code(_SHARED_VISION_CODE),
        _ours(
            "note",
            "vision 是一个嵌套模型（双击打开），两次调用共用它的 37,568 个权重（640 + 36,928）。每次调用"
            "输出 7,744 个特征（11×11×64），拼接后 15,488 个，Dense(1) 有 15,489 个参数：共 53,057 个。",
            "vision is a nested model (double-click to open it); both calls share its 37,568 "
            "weights (640 + 36,928). Each call outputs 7,744 features (11×11×64), 15,488 once "
            "concatenated, and the Dense(1) has 15,489 parameters: 53,057 in all.",
        ),
        _ours(
            "correction",
            "MNIST 的数字是 28×28；种子（和它依据的 Keras 文档）写的是 27×27。两种都能用：27 → 25 → 23 → "
            "池化后 11（池化丢掉了奇数的最后一行和一列）。",
            "MNIST digits are 28×28; the seed (like the Keras documentation it follows) writes "
            "27×27. Both work: 27 → 25 → 23 → 11 after the pooling (which drops the odd last row "
            "and column).",
        ),
    ],
}

_VQA_CODE = """
from keras.layers import Conv2D, MaxPooling2D, Flatten
from keras.layers import Input, LSTM, Embedding, Dense
from keras.models import Model, Sequential
# First, let's define a vision model using a Sequential model.
# This model will encode an image into a vector.
vision_model = Sequential()
vision_model.add(Conv2D(64, (3, 3), activation='relu', padding='same',
input_shape=(224, 224, 3)))
vision_model.add(Conv2D(64, (3, 3), activation='relu'))
vision_model.add(MaxPooling2D((2, 2)))
vision_model.add(Conv2D(128, (3, 3), activation='relu', padding='same'))
vision_model.add(Conv2D(128, (3, 3), activation='relu'))
vision_model.add(MaxPooling2D((2, 2)))
vision_model.add(Conv2D(256, (3, 3), activation='relu', padding='same'))
vision_model.add(Conv2D(256, (3, 3), activation='relu'))
vision_model.add(Conv2D(256, (3, 3), activation='relu'))
vision_model.add(MaxPooling2D((2, 2)))
vision_model.add(Flatten())
# Now let's get a tensor with the output of our vision model:
image_input = Input(shape=(224, 224, 3))
encoded_image = vision_model(image_input)
# Next, let's define a language model to encode the question into a vector.
# Each question will be at most 100 word long,
# and we will index words as integers from 1 to 9999.
question_input = Input(shape=(100,), dtype='int32')
embedded_question = Embedding(input_dim=10000, output_dim=256, input_length=100)
(encoded_question)
encoded_question = LSTM(256)(embedded_question)
# Let's concatenate the question vector and the image vector:
merged = keras.layers.concatenate([encoded_question, encoded_image])
# And let's train a logistic regression over 1000 words on top:
output = Dense(1000, activation='softmax')(merged)
# This is our final model:
vqa_model = Model(inputs=[image_input, question_input], outputs=output)
# The next stage would be training this model on actual data.
"""

_VQA: dict[str, Any] = {
    "seed_item": "S17",
    "title": {"zh": "视觉问答模型", "en": "Visual question answering"},
    "blocks": [
        _seed(
            "在针对一幅图片使用自然语言进行提问时，该模型能够提供关于该图片的一个单词的答案。这个模型将"
            "自然语言的问题和图片分别映射为特征向量，将二者合并后训练一个 logistic 回归层，从一系列可能的"
            "回答中挑选一个。",
            "Asked a question about a picture in natural language, this model answers with one "
            "word. It maps the question and the picture to feature vectors, joins the two, and "
            "trains a logistic regression layer that picks one answer from a list of possible "
            "ones.",
        ),
        _code(_VQA_CODE),
        _ours(
            "correction",
            "种子这里有笔误：Embedding(...) 作用在 encoded_question 上，而 encoded_question 下一行才定义。"
            "嵌入层读的应该是问题本身：Embedding(...)(question_input)。模板就是这样连的。",
            "The seed has a typo here: Embedding(...) is applied to encoded_question, which is only "
            "defined on the next line. The embedding should read the question itself: "
            "Embedding(...)(question_input). The template is wired so.",
        ),
        _ours(
            "note",
            "视觉模型把 224 变成 224 → 222 → 111 → 111 → 109 → 54 → 54 → 52 → 50 → 25，Flatten 后是 "
            "25×25×256 = 160,000 个特征，加上 LSTM 的 256 个，共 160,256 个。最后的 Dense(1000) 就有 "
            "160,257,000 个参数，占全部 165,077,800 个的 97%。变体“VQA (two convolution blocks)”少一次"
            "池化，参数反而更多（376,850,472）。",
            "The vision model takes 224 through 224 → 222 → 111 → 111 → 109 → 54 → 54 → 52 → 50 "
            "→ 25; Flatten gives 25×25×256 = 160,000 features, 160,256 with the LSTM's 256. So "
            "the final Dense(1000) holds 160,257,000 parameters, 97% of the model's 165,077,800. "
            "The variant 'VQA (two convolution blocks)' pools once less and has more parameters "
            "(376,850,472).",
        ),
        _ours(
            "keras3",
            "input_length=100 在 Keras 3 里已弃用，去掉了；input_shape 写成 keras.Input。",
            "input_length=100 is deprecated in Keras 3 and left out; input_shape becomes "
            "keras.Input.",
        ),
        _ours(
            "data",
            "只能用 dummy 数据。1.65 亿个参数在 CPU 上训练很慢：先试“一个 batch”（train_on_batch）。",
            "Dummy data only. 165 million parameters train slowly on a CPU: try one batch "
            "(train_on_batch) first.",
        ),
    ],
}

_MLP_DIGITS: dict[str, Any] = {
    "seed_item": "S9",
    "title": {"zh": "十分类模型，用 digits 数据训练", "en": "The ten-class classifier on digits"},
    "blocks": [
        _ours(
            "note",
            "这是种子的十分类模型（S9），只把输入从 100 改成 64：scikit-learn 自带的 digits 数据集每张图"
            "是 8×8 = 64 个像素，10 个类别，不用下载就能训练。2,410 个参数 = 64×32+32 + 32×10+10。",
            "This is the seed's ten-class model (S9) with 64 inputs instead of 100: scikit-learn's "
            "bundled digits dataset has 8×8 = 64 pixels per image and 10 classes, and trains "
            "without a download. 2,410 parameters = 64×32+32 + 32×10+10.",
        ),
        _ours(
            "data",
            "训练面板已选好 digits、rmsprop、categorical_crossentropy、accuracy、每批 32、20 轮；20% 留作"
            "验证。几秒钟后验证准确率超过 90%。",
            "The Training panel starts on digits with rmsprop, categorical_crossentropy, accuracy, "
            "batches of 32 and 20 epochs; 20% is held out for validation. Validation accuracy "
            "passes 90% within seconds.",
        ),
        _seed(_BATCH_SIZE_ZH, _BATCH_SIZE_EN),
    ],
}

_CNN_DIGITS: dict[str, Any] = {
    "seed_item": "S10",
    "title": {
        "zh": "卷积神经网络，用 digits 数据训练",
        "en": "The convolutional network on digits",
    },
    "blocks": [
        _ours(
            "note",
            "这是种子的卷积网络（S10），只把输入从 (100, 100, 3) 改成 (8, 8, 1)：scikit-learn 自带的 "
            "digits 数据集是 8×8 的灰度图，10 个类别，不用下载。形状：8 → 6 → 4 → 池化后 2；Flatten 得到 "
            "2×2×32 = 128。45,162 个参数，其中 33,024 个（73%）在 Dense(256) 里：128×256+256。",
            "This is the seed's convolutional network (S10) with the Input changed from "
            "(100, 100, 3) to (8, 8, 1): the 8×8 grey images of scikit-learn's bundled digits "
            "dataset, 10 classes, no download. Shapes: 8 → 6 → 4 → 2 after the pooling; Flatten "
            "gives 2×2×32 = 128. Of the 45,162 parameters, 33,024 (73%) sit in the Dense(256): "
            "128×256+256.",
        ),
        _ours(
            "note",
            "看它学习：在训练面板的“查看内部”里选一张图（训练数据中的一行），再点“训练”。每张卡片旁边显示"
            "这张图经过这一层之后的样子：卷积层是 32 个特征图里的前几个，最后的 Dense 是 10 个类别的概率，"
            "真实的标签有标记；每轮刷新一次。“在卡片上显示训练健康状况”给每层画一条小曲线（每一步权重变化"
            "多少），出问题时卡片变色，并用一句话说明。点缩略图可以看全部通道和每个数值。",
            "Watch it learn: in the Training panel's Look inside tab pick an image (a row of the "
            "training data), then press Train. Beside every card appears what that layer makes "
            "of the image: the first of the 32 feature maps for a convolution, the 10 class "
            "probabilities at the last Dense with the true label marked; they refresh every "
            "epoch. Training health on the cards draws a small curve per layer (how much each "
            "step changes its weights) and colours a card, with one sentence, when something "
            "goes wrong. Click a thumbnail for every channel and the numbers.",
        ),
        _ours(
            "data",
            "训练面板已选好 digits、rmsprop、categorical_crossentropy、accuracy、每批 32、15 轮；20% 留作"
            "验证。半分钟内验证准确率超过 90%。",
            "The Training panel starts on digits with rmsprop, categorical_crossentropy, accuracy, "
            "batches of 32 and 15 epochs; 20% is held out for validation. Validation accuracy "
            "passes 90% within half a minute.",
        ),
    ],
}

NOTES: dict[str, dict[str, Any]] = {
    "mlp": _MLP,
    "cnn": _CNN,
    "stateful_lstm": _STATEFUL,
    "functional_mlp": _FUNCTIONAL,
    "news_two_io": _NEWS,
    "shared_lstm": _SHARED_LSTM,
    "shared_conv": _SHARED_CONV,
    "inception": _INCEPTION,
    "shared_vision": _SHARED_VISION,
    "vqa": _VQA,
    "mlp_digits": _MLP_DIGITS,
    "cnn_digits": _CNN_DIGITS,
}
