"""Help → How to: a short guide for someone who knows Keras; Help → About."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

HOW_TO = QT_TRANSLATE_NOOP(
    "HelpDialog",
    """
<h2>Build a Keras model by drawing it</h2>
<ol>
<li><b>Start with an Input.</b> Drag <i>Input</i> from the palette (Core) onto the canvas and set
its shape in the inspector, without the batch axis: <code>20</code> for 20 features,
<code>28, 28, 1</code> for a grey image.</li>
<li><b>Add layers.</b> Drag a layer onto the canvas, or double-click it in the palette: with one
node selected, the new layer is connected after it. <i>Edit → Append layer</i> is Keras's
<code>model.add()</code>, <i>Remove last layer</i> its <code>model.pop()</code>.</li>
<li><b>Connect.</b> Drag from a node's output port to another node's input port. Merge layers
(Add, Concatenate…) take any number of inputs. Impossible connections are refused with the
reason.</li>
<li><b>Edit parameters</b> in the inspector; a wrong value is explained under the field. Every
change can be undone (Ctrl+Z).</li>
<li><b>Mark outputs</b> in the inspector (<i>Model output</i>). With nothing selected the
inspector shows the model: its name and the order of its outputs.</li>
<li><b>Share a layer</b> with <i>Edit → Apply again</i>: a second call of the same layer, with
the same weights (Keras's shared layers). <i>Duplicate</i> makes an independent copy.</li>
<li><b>Nested models</b>: select nodes, <i>Edit → Group into model</i>; double-click the block to
enter it.</li>
</ol>
<h3>On the canvas</h3>
<table cellpadding="3">
<tr><td><b>Tab</b>, or double-click the empty canvas</td><td>search a layer by name; Enter places
it, connected after the selected node</td></tr>
<tr><td>Drop a layer on a wire</td><td>insert it into that wire</td></tr>
<tr><td>Mouse wheel, <b>Ctrl+=</b> / <b>Ctrl+-</b></td><td>zoom (around the cursor, or the
centre); <b>Ctrl+0</b> shows 100 %</td></tr>
<tr><td>Middle button, or Space + drag</td><td>pan</td></tr>
<tr><td>Drag on the empty canvas</td><td>select with a rectangle</td></tr>
<tr><td><b>F</b>, <b>Shift+F</b></td><td>fit the whole graph; zoom to the selection</td></tr>
<tr><td>Chevron of a group, double-click, <b>+</b> / <b>−</b></td><td>open a group of layers
(a block, a stage) where it stands; close the group of the selected card. <i>View → Collapse all
to level</i> shows a large model stage by stage or block by block</td></tr>
<tr><td>The minimap (bottom right)</td><td>the whole graph; click or drag to move there
(<i>View → Minimap</i>)</td></tr>
<tr><td><b>Ctrl+1</b></td><td>give the canvas the keyboard (a blue frame shows it has it)</td></tr>
<tr><td><b>Arrow keys</b></td><td>move the selection along the wires: Up to the node it reads,
Down to a node reading it, Left / Right to its siblings</td></tr>
<tr><td><b>Shift+arrows</b></td><td>move the selected cards (one undo step per burst)</td></tr>
<tr><td><b>Escape</b>, <b>Enter</b></td><td>clear the selection; open a selected nested
model</td></tr>
<tr><td><b>Delete</b>, <b>Ctrl+D</b>, <b>Ctrl+A</b></td><td>remove, duplicate, select all</td></tr>
<tr><td><b>Ctrl+C</b> / <b>Ctrl+V</b></td><td>copy, paste at the mouse; pasting a Keras model's
JSON text adds its layers</td></tr>
<tr><td>Double-click a block</td><td>enter a nested model; <b>Backspace</b> goes back up;
<b>+</b> shows its layers in place instead</td></tr>
<tr><td>Hover a wire or a port</td><td>its tensor's shape, axis by axis</td></tr>
<tr><td>Right-click a node</td><td>what can be done with it</td></tr>
</table>
<p><b>Large models</b> open with their layers gathered into groups, found from their names
(<code>conv3_block2_1_conv</code> is in block 2 of stage conv3) or from their structure (an
Inception module between two <code>mixed</code> layers). A group's card gives its layers, its
parameters and the shapes going in and out. Opening and closing groups only changes the view:
the model, its exports and the undo history stay the same; the project file remembers which
groups are open.</p>
<p><b>Reading shapes.</b> <code>(None, 48, 48, 32)</code> is batch, height, width, channels;
<code>None</code> means any batch size. The <i>Summary</i> panel is <code>model.summary()</code>;
<i>Problems</i> lists what Keras would reject (click one to go to the node).</p>
<p><b>Export</b> the model as Keras JSON, YAML or a Python script from <i>File → Export</i>; the
code panels show the same text live.</p>
""",
)

ABOUT = QT_TRANSLATE_NOOP(
    "HelpDialog",
    """<h3>Keras Canvas</h3>
<p>Draw Keras 3 functional models, see what Keras says at every step, export them as Keras
JSON, YAML or Python, and train them.</p>""",
)


def show_how_to(parent: QWidget | None) -> QDialog:
    dialog = QDialog(parent)
    dialog.setWindowTitle(QCoreApplication.translate("HelpDialog", "How to use Keras Canvas"))
    dialog.resize(620, 560)
    text = QTextBrowser()
    text.setHtml(QCoreApplication.translate("HelpDialog", HOW_TO))
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(text)
    layout.addWidget(buttons)
    dialog.open()
    return dialog


def show_about(parent: QWidget | None) -> None:
    QMessageBox.about(
        parent,
        QCoreApplication.translate("HelpDialog", "About Keras Canvas"),
        QCoreApplication.translate("HelpDialog", ABOUT),
    )
