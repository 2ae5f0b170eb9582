<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>CanvasCommands</name>
    <message numerus="yes">
        <source>Delete %n node(s)</source>
        <translation>
            <numerusform>Delete %n node</numerusform>
            <numerusform>Delete %n nodes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Counted</name>
    <message numerus="yes">
        <source>{0} · %n layer(s)</source>
        <translation>
            <numerusform>{0} · %n layer</numerusform>
            <numerusform>{0} · %n layers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0} — {1}, %n epoch(s) on {2}</source>
        <translation>
            <numerusform>{0} — {1}, %n epoch on {2}</numerusform>
            <numerusform>{0} — {1}, %n epochs on {2}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0} × %n process(es)</source>
        <translation>
            <numerusform>{0} × %n process</numerusform>
            <numerusform>{0} × %n processes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n outputs: {0}</source>
        <translation>
            <numerusform>%n output: {0}</numerusform>
            <numerusform>%n outputs: {0}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Model &apos;{0}&apos;: %n layer(s). Click a node to inspect it; drag from an output port to an input port to connect.</source>
        <translation>
            <numerusform>Model &apos;{0}&apos;: %n layer. Click a node to inspect it; drag from an output port to an input port to connect.</numerusform>
            <numerusform>Model &apos;{0}&apos;: %n layers. Click a node to inspect it; drag from an output port to an input port to connect.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n nodes selected (Group into model makes them one reusable block).</source>
        <translation>
            <numerusform>%n node selected (Group into model makes it one reusable block).</numerusform>
            <numerusform>%n nodes selected (Group into model makes them one reusable block).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Model &apos;{0}&apos;: %n layer(s).</source>
        <translation>
            <numerusform>Model &apos;{0}&apos;: %n layer.</numerusform>
            <numerusform>Model &apos;{0}&apos;: %n layers.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n layers are selected. Select one layer to explain it.</source>
        <translation>
            <numerusform>%n layer is selected. Select one layer to explain it.</numerusform>
            <numerusform>%n layers are selected. Select one layer to explain it.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EditActions</name>
    <message numerus="yes">
        <source>Paste %n node(s)</source>
        <translation>
            <numerusform>Paste %n node</numerusform>
            <numerusform>Paste %n nodes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message numerus="yes">
        <source>It holds %n training run(s) ({0}) that only a saved model keeps: Discard drops them from the model. Their files stay in {1}.</source>
        <translation>
            <numerusform>It holds %n training run ({0}) that only a saved model keeps: Discard drops it from the model. Its files stay in {1}.</numerusform>
            <numerusform>It holds %n training runs ({0}) that only a saved model keeps: Discard drops them from the model. Their files stay in {1}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (%n layer(s))</source>
        <translation>
            <numerusform> (%n layer)</numerusform>
            <numerusform> (%n layers)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InspectorPanel</name>
    <message numerus="yes">
        <source>%n nodes selected. Select one node to edit its layer, or group them into a model (Edit menu).</source>
        <translation>
            <numerusform>%n node selected. Select one node to edit its layer, or group them into a model (Edit menu).</numerusform>
            <numerusform>%n nodes selected. Select one node to edit its layer, or group them into a model (Edit menu).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n layer(s)</source>
        <translation>
            <numerusform>%n layer</numerusform>
            <numerusform>%n layers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n input(s)</source>
        <translation>
            <numerusform>%n input</numerusform>
            <numerusform>%n inputs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n output(s)</source>
        <translation>
            <numerusform>%n output</numerusform>
            <numerusform>%n outputs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n layer(s)</source>
        <translation>
            <numerusform>%n layer</numerusform>
            <numerusform>%n layers</numerusform>
        </translation>
    </message>
</context>
</TS>
