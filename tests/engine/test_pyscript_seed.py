"""The seed's own code blocks (S9-S17, Keras 2 code in Chinese notes) open as scripts.

The fixtures under tests/fixtures/seed_scripts are the seed's blocks verbatim (see the README
there). Where the seed's code would fail when run, the reader says so by line, and opens nothing
it would have to guess.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.io.pyscript import ScriptError, read_script

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "seed_scripts"


def read(name: str):
    return read_script((SEED / f"{name}.py").read_text(encoding="utf-8"), f"{name}.py")


def layers_of(config: dict) -> list[tuple[str, str]]:
    return [(entry["class_name"], entry["config"]["name"]) for entry in config["config"]["layers"]]


def batch_shape(config: dict) -> list:
    first = config["config"]["layers"][0]
    assert first["class_name"] == "InputLayer"
    return first["config"]["batch_shape"]


def notes_text(reading) -> str:
    return "\n".join(str(note) for note in reading.notes)


def test_s9_mlp_sequential_with_input_dim_opens_and_skips_the_training_code():
    reading = read("s09_mlp")
    config = reading.model().config
    assert config["class_name"] == "Sequential"
    # Keras 2's input_dim=100 on the first Dense: an InputLayer named after it, as the legacy
    # importer rebuilds a Keras 2 file
    assert layers_of(config) == [("InputLayer", "dense_input"), ("Dense", "dense"),
                                 ("Dense", "dense_1")]  # fmt: skip
    assert batch_shape(config) == [None, 100]
    assert [e["config"]["units"] for e in config["config"]["layers"][1:]] == [32, 10]
    text = notes_text(reading)
    # x_test is never defined in the seed: its evaluate is read past, not evaluated
    for skipped in ("model.compile(...)", "np.random.random(...)", "model.fit(...)",
                    "model.evaluate(...)"):  # fmt: skip
        assert skipped in text


def test_s10_cnn_has_the_true_shapes_not_the_notes():
    from engine.model.document import Document
    from engine.model.keras_config import graph_from_config

    config = read("s10_cnn").model().config
    assert batch_shape(config) == [None, 100, 100, 3]
    document = Document(graph_from_config(config))
    assert document.problems() == []
    flatten = document.graph.layer_by_name("flatten")
    node = document.graph.calls[flatten.id][0]
    # the notes claim (None, 76832); two valid 3x3 convolutions on 100x100 give 48x48x32
    assert document.results()[node].outputs[0].shape == (None, 73728)


def test_s10_layer_signatures_are_not_a_model():
    with pytest.raises(ScriptError, match=r"line 1: `filters` is not defined"):
        read("s10_layer_signatures").model()


def test_s11_stateful_lstm_keeps_its_fixed_batch_and_reads_the_wrapped_comment():
    reading = read("s11_stateful_lstm")
    config = reading.model().config
    assert layers_of(config)[0] == ("InputLayer", "lstm_input")
    assert batch_shape(config) == [32, 8, 16]
    lstms = [e for e in config["config"]["layers"] if e["class_name"] == "LSTM"]
    assert [e["config"]["stateful"] for e in lstms] == [True, True, True]
    # the seed's "... since the network is" / "stateful." comment wrapped onto a line of its own
    assert "line 10: `stateful.` is read as the end of the comment on line 9" in notes_text(reading)


def test_s12_functional_blocks():
    assert layers_of(read("s12_functional").model().config) == [
        ("InputLayer", "input_layer"),
        ("Dense", "dense"),
    ]
    three = read("s12_three_layers")
    assert [c for c, _ in layers_of(three.model().config)] == ["InputLayer"] + ["Dense"] * 3
    assert "line 9: `model.fit(...)`" in notes_text(three)  # fit(data, labels): never evaluated
    with pytest.raises(ScriptError, match=r"line 1: `Model` is not defined"):
        read("s12_multi_io_fragment").model()


def test_s13_news_two_inputs_two_outputs_without_import_keras():
    reading = read("s13_news")
    config = reading.model().config
    assert [name for name, _node, _index in config["config"]["output_layers"]] == [
        "main_output",
        "aux_output",
    ]
    embedding = next(e for e in config["config"]["layers"] if e["class_name"] == "Embedding")
    assert (embedding["config"]["input_dim"], embedding["config"]["output_dim"]) == (10000, 512)
    text = notes_text(reading)
    assert "line 9: `input_length=` is Keras 2's" in text
    assert "line 17: `keras` is used without `import keras`" in text


def test_s14_shared_lstm_is_one_layer_called_twice():
    config = read("s14_shared_lstm").model().config
    lstm = next(e for e in config["config"]["layers"] if e["class_name"] == "LSTM")
    assert len(lstm["inbound_nodes"]) == 2


def test_s15_inception_without_a_model_opens_from_its_input_to_its_unused_result():
    reading = read("s15_inception")
    config = reading.model().config
    assert config["config"]["name"] == "s15_inception"
    assert config["config"]["output_layers"] == ["concatenate", 0, 0]
    concat = next(e for e in config["config"]["layers"] if e["class_name"] == "Concatenate")
    assert concat["config"]["axis"] == 1  # as the seed writes it
    assert "the script builds no model" in notes_text(reading)


def test_s16_shared_vision_lists_both_models_and_opens_the_last():
    reading = read("s16_shared_vision")
    assert [m.name for m in reading.models] == ["vision_model", "classification_model"]
    config = reading.model().config
    nested = next(e for e in config["config"]["layers"] if e["class_name"] == "Functional")
    assert len(nested["inbound_nodes"]) == 2  # the vision model shared, weights and all
    assert reading.model("vision_model").config["config"]["name"] == "functional"


def test_s17_vqa_typo_is_reported_by_line_and_the_vision_model_still_opens_by_name():
    reading = read("s17_vqa")
    with pytest.raises(ScriptError) as caught:
        reading.model()
    message = str(caught.value)
    assert message.startswith("line 27: `encoded_question` is not defined yet (line 28 assigns")
    assert "Line 27 starts with `(`" in message  # the call was split across two lines
    assert "`question_input`" in message  # what the Embedding should take (SEED.md, S17)
    assert "vision_model" in message
    vision = reading.model("vision_model").config
    assert vision["class_name"] == "Sequential"
    assert batch_shape(vision) == [None, 224, 224, 3]
