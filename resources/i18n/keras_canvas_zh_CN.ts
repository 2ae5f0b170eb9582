<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ActivationViewer</name>
    <message>
        <source>Look inside {name} (call {call})</source>
        <translation>查看 {name} 的内部（第 {call} 次调用）</translation>
    </message>
    <message>
        <source>Hover the pictures to read the values.</source>
        <translation>把鼠标停在图上即可读出数值。</translation>
    </message>
    <message>
        <source>{key} · {kind} · output {shape}</source>
        <translation>{key} · {kind} · 输出 {shape}</translation>
    </message>
    <message>
        <source>min {low:.4g} · max {high:.4g} · mean {mean:.4g} · zeros {zeros} %</source>
        <translation>最小 {low:.4g} · 最大 {high:.4g} · 平均 {mean:.4g} · 零值 {zeros}%</translation>
    </message>
    <message>
        <source>channel </source>
        <translation>通道 </translation>
    </message>
    <message>
        <source>One channel</source>
        <translation>单个通道</translation>
    </message>
    <message>
        <source>All {count} channels</source>
        <translation>全部 {count} 个通道</translation>
    </message>
    <message>
        <source>{count} units</source>
        <translation>{count} 个单元</translation>
    </message>
    <message>
        <source>Time × features</source>
        <translation>时间步 × 特征</translation>
    </message>
    <message>
        <source>The sample</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>{name} {shape}: each filter as a small colour image (its three input channels as red, green and blue, stretched to its own range).</source>
        <translation>{name} {shape}：每个过滤器画成一张彩色小图（三个输入通道分别作为红、绿、蓝，按各自的数值范围拉伸）。</translation>
    </message>
    <message>
        <source>{name} {shape}: each filter averaged over its input channels; blue below zero, red above.</source>
        <translation>{name} {shape}：每个过滤器在输入通道上取平均；蓝色小于零，红色大于零。</translation>
    </message>
    <message>
        <source>{name} {shape}: one row per input, one column per unit; blue below zero, red above.</source>
        <translation>{name} {shape}：每个输入一行，每个单元一列；蓝色小于零，红色大于零。</translation>
    </message>
    <message>
        <source>channel {c} · row {r} · column {k}: {v:.5g}</source>
        <translation>通道 {c} · 第 {r} 行 · 第 {k} 列：{v:.5g}</translation>
    </message>
    <message>
        <source>row {r} · column {k}: {v}</source>
        <translation>第 {r} 行 · 第 {k} 列：{v}</translation>
    </message>
    <message>
        <source>unit {u}: {v:.5g}</source>
        <translation>单元 {u}：{v:.5g}</translation>
    </message>
    <message>
        <source>step {s} · feature {f}: {v:.5g}</source>
        <translation>时间步 {s} · 特征 {f}：{v:.5g}</translation>
    </message>
    <message>
        <source>filter {f} · row {r} · column {k}: {v}</source>
        <translation>过滤器 {f} · 第 {r} 行 · 第 {k} 列：{v}</translation>
    </message>
    <message>
        <source>input {i} · unit {j}: {v:.5g}</source>
        <translation>输入 {i} · 单元 {j}：{v:.5g}</translation>
    </message>
</context>
<context>
    <name>AfterRunActions</name>
    <message>
        <source>Evaluate</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>model.evaluate on the chosen data: loss and metrics.</source>
        <translation>在所选数据上运行 model.evaluate：损失和各项指标。</translation>
    </message>
    <message>
        <source>Predict</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>model.predict on the chosen data: a table, or images with labels.</source>
        <translation>在所选数据上运行 model.predict：结果列成表格，图像数据则配上标签显示。</translation>
    </message>
    <message>
        <source>Train one batch</source>
        <translation>训练一个批次</translation>
    </message>
    <message>
        <source>One gradient step on the first batch.</source>
        <translation>在第一个批次上做一步梯度更新。</translation>
    </message>
    <message>
        <source>Test one batch</source>
        <translation>测试一个批次</translation>
    </message>
    <message>
        <source>Loss and metrics of the first batch, no update.</source>
        <translation>第一个批次的损失和指标，不更新权重。</translation>
    </message>
    <message>
        <source>Predict one batch</source>
        <translation>预测一个批次</translation>
    </message>
    <message>
        <source>The model&apos;s outputs for the first batch.</source>
        <translation>模型在第一个批次上的输出。</translation>
    </message>
    <message>
        <source>Save weights…</source>
        <translation>保存权重…</translation>
    </message>
    <message>
        <source>Save the current weights as .weights.h5.</source>
        <translation>把当前权重保存为 .weights.h5 文件。</translation>
    </message>
    <message>
        <source>Load weights…</source>
        <translation>加载权重…</translation>
    </message>
    <message>
        <source>Start the next job from a .weights.h5 file.</source>
        <translation>下一个任务从一个 .weights.h5 文件里的权重开始。</translation>
    </message>
    <message>
        <source>Load Keras 2 weights…</source>
        <translation>加载 Keras 2 权重…</translation>
    </message>
    <message>
        <source>Convert a legacy .h5 weights file.</source>
        <translation>转换旧版（Keras 2）的 .h5 权重文件。</translation>
    </message>
    <message>
        <source>Save model (.keras)…</source>
        <translation>保存模型（.keras）…</translation>
    </message>
    <message>
        <source>Save the trained model as a .keras archive.</source>
        <translation>把训练好的模型保存为 .keras 归档文件。</translation>
    </message>
    <message>
        <source>none yet — jobs start from freshly initialized weights</source>
        <translation>暂无 — 任务从全新初始化的权重开始</translation>
    </message>
    <message>
        <source>Current weights: {path}</source>
        <translation>当前权重：{path}</translation>
    </message>
    <message>
        <source>Evaluate, predict or step one batch: the jobs start from the current weights.</source>
        <translation>评估、预测或单步运行一个批次：这些任务都从当前权重开始。</translation>
    </message>
    <message>
        <source>Evaluate, predict or step one batch once a model has been trained.</source>
        <translation>模型训练之后，可以在这里评估、预测或单步运行一个批次。</translation>
    </message>
    <message>
        <source>{0} on {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <source>No weights to save yet: train the model first.</source>
        <translation>还没有可保存的权重：请先训练模型。</translation>
    </message>
    <message>
        <source>Save weights</source>
        <translation>保存权重</translation>
    </message>
    <message>
        <source>Weights saved to {0}</source>
        <translation>权重已保存到 {0}</translation>
    </message>
    <message>
        <source>Load weights</source>
        <translation>加载权重</translation>
    </message>
    <message>
        <source>No model to save yet: train the model first.</source>
        <translation>还没有可保存的模型：请先训练模型。</translation>
    </message>
    <message>
        <source>Save model</source>
        <translation>保存模型</translation>
    </message>
    <message>
        <source>Model saved to {0}</source>
        <translation>模型已保存到 {0}</translation>
    </message>
    <message>
        <source>Keras 2 weights</source>
        <translation>Keras 2 权重</translation>
    </message>
    <message>
        <source>The model cannot take weights yet: {0}</source>
        <translation>模型暂时还不能加载权重：{0}</translation>
    </message>
    <message>
        <source>Converting {0}…</source>
        <translation>正在转换 {0}…</translation>
    </message>
    <message>
        <source>Keras 2 weights converted to {0}</source>
        <translation>Keras 2 权重已转换为 {0}</translation>
    </message>
</context>
<context>
    <name>BreadcrumbBar</name>
    <message>
        <source>Backspace: up one level</source>
        <translation>Backspace：返回上一层</translation>
    </message>
    <message>
        <source>The model shown on the canvas</source>
        <translation>画布上显示的模型</translation>
    </message>
    <message>
        <source>Back up to &apos;{0}&apos;</source>
        <translation>返回到“{0}”</translation>
    </message>
</context>
<context>
    <name>BusyDialog</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>CallsSection</name>
    <message>
        <source>Calls</source>
        <translation>调用</translation>
    </message>
    <message>
        <source>Calls ({0}, shared weights)</source>
        <translation>调用（{0} 次，共享权重）</translation>
    </message>
    <message>
        <source>Shapes</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>call {0} of {1}</source>
        <translation>第 {0} 次调用（共 {1} 次）</translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt; · node index {1}</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt; · 节点索引 {1}</translation>
    </message>
    <message>
        <source>Not called yet.</source>
        <translation>尚未被调用。</translation>
    </message>
</context>
<context>
    <name>Canvas</name>
    <message>
        <source>in</source>
        <translation>入</translation>
    </message>
    <message>
        <source>out</source>
        <translation>出</translation>
    </message>
    <message>
        <source>{0} params</source>
        <translation>{0} 个参数</translation>
    </message>
    <message>
        <source>A layer inside: {0}</source>
        <translation>内部的一个层：{0}</translation>
    </message>
    <message>
        <source>{0}  ·  {1} layers</source>
        <translation>{0}  ·  {1} 层</translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt;: {1} layers. Click the title to select them; click the chevron (or press −) to close this group into one card.</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt;：{1} 层。点击标题选中这些层；点击折叠箭头（或按 −）把这一组收成一张卡片。</translation>
    </message>
    <message>
        <source>add</source>
        <translation>相加</translation>
    </message>
    <message>
        <source>concat</source>
        <translation>拼接</translation>
    </message>
    <message>
        <source>multiply</source>
        <translation>相乘</translation>
    </message>
    <message>
        <source>average</source>
        <translation>平均</translation>
    </message>
    <message>
        <source>subtract</source>
        <translation>相减</translation>
    </message>
    <message>
        <source>maximum</source>
        <translation>取最大</translation>
    </message>
    <message>
        <source>residual</source>
        <translation>残差</translation>
    </message>
    <message>
        <source>{0} layers</source>
        <translation>{0} 层</translation>
    </message>
    <message>
        <source>The nested model {0}, opened here. Double-click a card to edit inside.</source>
        <translation>嵌套模型 {0}，在这里展开。双击一张卡片即可进入内部编辑。</translation>
    </message>
    <message>
        <source>Inside {0}: double-click to go in and edit it.</source>
        <translation>{0} 的内部：双击即可进入并编辑。</translation>
    </message>
</context>
<context>
    <name>CanvasCommands</name>
    <message>
        <source>The edit was refused.</source>
        <translation>该修改被拒绝。</translation>
    </message>
    <message>
        <source>Insert {0}</source>
        <translation>插入 {0}</translation>
    </message>
    <message>
        <source>Add {0}</source>
        <translation>添加 {0}</translation>
    </message>
    <message>
        <source>Make room</source>
        <translation>腾出空间</translation>
    </message>
    <message>
        <source>Apply again</source>
        <translation>再次调用</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>复制</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n node(s)</source>
        <translation>
            <numerusform>删除 %n 个节点</numerusform>
        </translation>
    </message>
    <message>
        <source>Unmark output</source>
        <translation>取消输出标记</translation>
    </message>
    <message>
        <source>Mark as output</source>
        <translation>标记为模型输出</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>断开连接</translation>
    </message>
    <message>
        <source>Connect an output to an input: drag this wire to an output (bottom).</source>
        <translation>连接要从输出到输入：请把这条连线拖到一个输出端口（卡片底部）。</translation>
    </message>
    <message>
        <source>Connect an output to an input: drag this wire to an input (top).</source>
        <translation>连接要从输出到输入：请把这条连线拖到一个输入端口（卡片顶部）。</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Go inside to edit it</source>
        <translation>进入内部编辑</translation>
    </message>
    <message>
        <source>Close the model here	−</source>
        <translation>在这里收起模型	−</translation>
    </message>
    <message>
        <source>Open nested model</source>
        <translation>打开嵌套模型</translation>
    </message>
    <message>
        <source>Show its layers here	+</source>
        <translation>在这里展开它的各层	+</translation>
    </message>
    <message>
        <source>Apply again (shared weights)</source>
        <translation>再次调用（共享权重）</translation>
    </message>
    <message>
        <source>Duplicate (new weights)	Ctrl+D</source>
        <translation>复制（新的权重）	Ctrl+D</translation>
    </message>
    <message>
        <source>Remove from outputs</source>
        <translation>从模型输出中移除</translation>
    </message>
    <message>
        <source>Delete	Del</source>
        <translation>删除	Del</translation>
    </message>
</context>
<context>
    <name>CanvasKeyboard</name>
    <message>
        <source>Nothing above: this node reads no other node (Up follows its inputs).</source>
        <translation>上方没有节点：这个节点不读取任何其他节点（↑ 沿输入方向移动）。</translation>
    </message>
    <message>
        <source>Nothing below: no node reads this one yet (Down follows its outputs).</source>
        <translation>下方没有节点：还没有节点读取它（↓ 沿输出方向移动）。</translation>
    </message>
    <message>
        <source>No card to the left of this one.</source>
        <translation>左边没有卡片了。</translation>
    </message>
    <message>
        <source>No card to the right of this one.</source>
        <translation>右边没有卡片了。</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>移动</translation>
    </message>
</context>
<context>
    <name>Cluster</name>
    <message>
        <source>The window cannot listen on port {port}: {why}</source>
        <translation>窗口无法监听端口 {port}：{why}</translation>
    </message>
    <message>
        <source>Launch folder written: {folder}. Start it on the cluster with `sh run.sh` (ssh) or `sbatch job.sbatch` (SLURM); the curves appear when process 0 starts (following {where}).</source>
        <translation>启动文件夹已写好：{folder}。在集群上用 `sh run.sh`（ssh）或 `sbatch job.sbatch`（SLURM）启动；0 号进程开始后曲线就会出现（跟踪 {where}）。</translation>
    </message>
</context>
<context>
    <name>CodePanel</name>
    <message>
        <source>Python</source>
        <translation>Python 代码</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the {0} to the clipboard.</source>
        <translation>把 {0} 复制到剪贴板。</translation>
    </message>
    <message>
        <source>Loading Keras…</source>
        <translation>正在加载 Keras…</translation>
    </message>
    <message>
        <source>Cannot export yet: {0}</source>
        <translation>暂时无法导出：{0}</translation>
    </message>
    <message>
        <source>Export failed: {0}</source>
        <translation>导出失败：{0}</translation>
    </message>
</context>
<context>
    <name>Counted</name>
    <message numerus="yes">
        <source>{0} · %n layer(s)</source>
        <translation>
            <numerusform>{0} · %n 层</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0} — {1}, %n epoch(s) on {2}</source>
        <translation>
            <numerusform>{0} — {1}，%n 轮，在 {2} 上</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0} × %n process(es)</source>
        <translation>
            <numerusform>{0} × %n 个进程</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n outputs: {0}</source>
        <translation>
            <numerusform>%n 个输出：{0}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Model &apos;{0}&apos;: %n layer(s). Click a node to inspect it; drag from an output port to an input port to connect.</source>
        <translation>
            <numerusform>模型“{0}”：%n 层。点击节点查看详情；从输出端口拖到输入端口即可连接。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n nodes selected (Group into model makes them one reusable block).</source>
        <translation>
            <numerusform>选中了 %n 个节点（“组合为模型”可以把它们变成一个可复用的方块）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Model &apos;{0}&apos;: %n layer(s).</source>
        <translation>
            <numerusform>模型“{0}”：%n 层。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n layers are selected. Select one layer to explain it.</source>
        <translation>
            <numerusform>选中了 %n 个层。请只选一个层来讲解。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CurvesView</name>
    <message>
        <source>batch by batch (running mean)</source>
        <translation>逐批次（滑动平均）</translation>
    </message>
    <message>
        <source>Train the model to see its loss and metrics here, epoch by epoch.</source>
        <translation>训练模型后，这里会逐轮显示损失和各项指标。</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮次 (epoch)</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>total</source>
        <translation>总计</translation>
    </message>
</context>
<context>
    <name>DataPage</name>
    <message>
        <source># </source>
        <translation># </translation>
    </message>
</context>
<context>
    <name>DeployActions</name>
    <message>
        <source>Choose where to save the export.</source>
        <translation>请选择导出文件的保存位置。</translation>
    </message>
    <message>
        <source>{run} trained an earlier version of this model: the export is that version, as it was trained.</source>
        <translation>{run} 训练的是这个模型的较早版本：导出的就是那个版本，保持训练时的样子。</translation>
    </message>
    <message>
        <source>Exporting {title}</source>
        <translation>正在导出 {title}</translation>
    </message>
    <message>
        <source>Choose where to save the training script.</source>
        <translation>请选择训练脚本的保存位置。</translation>
    </message>
    <message>
        <source>Export the training script</source>
        <translation>导出训练脚本</translation>
    </message>
    <message>
        <source>Python script (*.py)</source>
        <translation>Python 脚本 (*.py)</translation>
    </message>
    <message>
        <source>Writing the training script</source>
        <translation>正在写训练脚本</translation>
    </message>
    <message>
        <source>Training script written to {path}: run it with python to train as the app does.</source>
        <translation>训练脚本已写入 {path}：用 python 运行它，就能像本程序一样训练。</translation>
    </message>
    <message>
        <source>There is no run {run} to reproduce.</source>
        <translation>没有可以重现的训练记录 {run}。</translation>
    </message>
    <message>
        <source>The model cannot be exported yet: {problem} (see Problems).</source>
        <translation>模型暂时还不能导出：{problem}（见问题面板）。</translation>
    </message>
    <message>
        <source>The model cannot be exported yet: {error}</source>
        <translation>模型暂时还不能导出：{error}</translation>
    </message>
    <message>
        <source>{title} exported</source>
        <translation>{title} 已导出</translation>
    </message>
</context>
<context>
    <name>DeployDialog</name>
    <message>
        <source>Export {title}</source>
        <translation>导出 {title}</translation>
    </message>
    <message>
        <source>Weights of {run} (an earlier version of the model)</source>
        <translation>{run} 的权重（模型的较早版本）</translation>
    </message>
    <message>
        <source>Weights of {run}</source>
        <translation>{run} 的权重</translation>
    </message>
    <message>
        <source>Fresh weights (not trained)</source>
        <translation>全新的权重（未训练）</translation>
    </message>
    <message>
        <source>Another weights file…</source>
        <translation>其他权重文件…</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Weights:</source>
        <translation>权重：</translation>
    </message>
    <message>
        <source>Save to:</source>
        <translation>保存到：</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>a folder that TensorFlow Serving, TensorFlow.js and TensorFlow&apos;s converters read</source>
        <translation>一个文件夹，TensorFlow Serving、TensorFlow.js 和 TensorFlow 的转换工具都能读取</translation>
    </message>
    <message>
        <source>one file that ONNX Runtime and most inference engines read</source>
        <translation>一个文件，ONNX Runtime 和大多数推理引擎都能读取</translation>
    </message>
    <message>
        <source>one file for phones and small devices (LiteRT, formerly TFLite)</source>
        <translation>一个文件，用于手机和小型设备（LiteRT，原名 TFLite）</translation>
    </message>
    <message>
        <source>{title}: {uses}. Keras writes it (model.export); before it is saved, its predictions on random inputs are checked against Keras&apos;s with {runtime}.</source>
        <translation>{title}：{uses}。由 Keras 写出（model.export）；保存之前，会用 {runtime} 在随机输入上核对它的预测与 Keras 的预测是否一致。</translation>
    </message>
    <message>
        <source>Weights file</source>
        <translation>权重文件</translation>
    </message>
    <message>
        <source>Weights (*.weights.h5 *.keras *.h5)</source>
        <translation>权重 (*.weights.h5 *.keras *.h5)</translation>
    </message>
    <message>
        <source>Weights of {name}</source>
        <translation>{name} 的权重</translation>
    </message>
    <message>
        <source>SavedModel folder</source>
        <translation>SavedModel 文件夹</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
</context>
<context>
    <name>Describe</name>
    <message>
        <source>shape unknown</source>
        <translation>形状未知</translation>
    </message>
    <message>
        <source>{0} params</source>
        <translation>{0} 个参数</translation>
    </message>
    <message>
        <source>Not finished yet:</source>
        <translation>尚未完成：</translation>
    </message>
    <message>
        <source>Keras refuses this call:</source>
        <translation>Keras 拒绝这次调用：</translation>
    </message>
    <message>
        <source>Output {0}: {1}</source>
        <translation>输出 {0}：{1}</translation>
    </message>
    <message>
        <source>Shared layer: call {0} of {1}; all calls use the same weights. Selecting one highlights the others.</source>
        <translation>共享层：第 {0} 次调用（共 {1} 次）；所有调用使用同一组权重。选中其中一个，其余的会一起高亮。</translation>
    </message>
    <message>
        <source>A nested model: double-click to go inside and edit it; + (or right-click) shows its layers here.</source>
        <translation>嵌套模型：双击进入内部编辑；按 +（或右键单击）在这里展开它的各层。</translation>
    </message>
    <message>
        <source>{0} output {1}</source>
        <translation>{0} 的输出 {1}</translation>
    </message>
    <message>
        <source>Tensor from {0}: shape unknown</source>
        <translation>来自 {0} 的张量：形状未知</translation>
    </message>
    <message>
        <source>Tensor from {0}&lt;br&gt;{1}&lt;br&gt;dtype {2}</source>
        <translation>来自 {0} 的张量&lt;br&gt;{1}&lt;br&gt;数据类型 {2}</translation>
    </message>
    <message>
        <source>Output {0} of {1}: drag onto an input port (top of a node) to connect.</source>
        <translation>{1} 的输出 {0}：拖到某个输入端口（节点顶部）即可连接。</translation>
    </message>
    <message>
        <source>Add an input to {0}: drop a wire here.</source>
        <translation>给 {0} 增加一个输入：把连线拖放到这里。</translation>
    </message>
    <message>
        <source>The input &apos;{0}&apos; of {1}: drag from an output port to connect; drag away to disconnect.</source>
        <translation>{1} 的输入“{0}”：从一个输出端口拖到这里即可连接；把连线拖开即可断开。</translation>
    </message>
    <message>
        <source>The input of {0}: drag from an output port to connect; drag away to disconnect.</source>
        <translation>{0} 的输入：从一个输出端口拖到这里即可连接；把连线拖开即可断开。</translation>
    </message>
</context>
<context>
    <name>DocumentController</name>
    <message>
        <source>Move</source>
        <translation>移动</translation>
    </message>
    <message>
        <source>Keras is still loading.</source>
        <translation>Keras 仍在加载中。</translation>
    </message>
</context>
<context>
    <name>DrawingPage</name>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
</context>
<context>
    <name>EditActions</name>
    <message>
        <source>Add {0}</source>
        <translation>添加 {0}</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Select the nodes to copy first.</source>
        <translation>请先选中要复制的节点。</translation>
    </message>
    <message numerus="yes">
        <source>Paste %n node(s)</source>
        <translation>
            <numerusform>粘贴 %n 个节点</numerusform>
        </translation>
    </message>
    <message>
        <source>The clipboard&apos;s nodes cannot be read. Received: {0}.</source>
        <translation>无法读取剪贴板中的节点。收到：{0}。</translation>
    </message>
    <message>
        <source>The clipboard holds data of type {0}.</source>
        <translation>剪贴板中是 {0} 类型的数据。</translation>
    </message>
    <message>
        <source>The clipboard holds nothing.</source>
        <translation>剪贴板是空的。</translation>
    </message>
    <message>
        <source>The pasted model</source>
        <translation>粘贴的模型</translation>
    </message>
    <message>
        <source>Nothing pasted: the code of its Lambda layers was not allowed.</source>
        <translation>没有粘贴：未允许其中 Lambda 层的代码。</translation>
    </message>
    <message>
        <source>Select one node to apply its layer again.</source>
        <translation>请选中一个节点，再次调用它的层。</translation>
    </message>
    <message>
        <source>Apply again</source>
        <translation>再次调用</translation>
    </message>
    <message>
        <source>Keras is still loading: try this again in a moment.</source>
        <translation>Keras 仍在加载中：请稍后再试。</translation>
    </message>
    <message>
        <source>Grouping into a model is not available in this build.</source>
        <translation>此版本不支持“组合为模型”。</translation>
    </message>
    <message>
        <source>Select the nodes to group first.</source>
        <translation>请先选中要组合的节点。</translation>
    </message>
    <message>
        <source>Group into model</source>
        <translation>组合为模型</translation>
    </message>
    <message>
        <source>Select one nested model block to ungroup it.</source>
        <translation>请选中一个嵌套模型方块再取消组合。</translation>
    </message>
    <message>
        <source>Ungroup</source>
        <translation>取消组合</translation>
    </message>
    <message>
        <source>Append</source>
        <translation>追加</translation>
    </message>
    <message>
        <source>Remove last layer</source>
        <translation>移除最后一层</translation>
    </message>
    <message>
        <source>Append layer</source>
        <translation>追加层</translation>
    </message>
    <message>
        <source>Layer class to append after the output:</source>
        <translation>要追加在输出之后的层类型：</translation>
    </message>
    <message>
        <source>Append adds a layer after the model&apos;s output, and this model has none yet: select its last layer and tick &apos;Model output&apos; in the Inspector first.</source>
        <translation>“追加”会在模型的输出之后加一层，可这个模型还没有输出：请先选中最后一层，在检查器中勾选“模型输出”。</translation>
    </message>
    <message>
        <source>Append works on a model with exactly one output; this one has {count}. Connect the new layer by hand instead (Tab adds a layer after the selected node).</source>
        <translation>“追加”只适用于恰好有一个输出的模型，而这个模型有 {count} 个。请手动连接新层（按 Tab 可在选中节点之后添加一层）。</translation>
    </message>
</context>
<context>
    <name>EngineMessages</name>
    <message>
        <source>{layer} refuses its settings: {complaint}</source>
        <translation>{layer} 不接受这些设置：{complaint}</translation>
    </message>
    <message>
        <source>{layer} expects {which} to have {amount} {dims} dimensions (batch included). Received: shape {shape}, {got}. {hint}</source>
        <translation>{layer} 要求{which}{amount} {dims} 维（含批次轴）。收到：形状 {shape}，{got}。{hint}</translation>
    </message>
    <message>
        <source>{layer} expects {which} to have dtype {want}. Received: dtype {got} (shape {shape}).</source>
        <translation>{layer} 要求{which}的数据类型为 {want}。收到：数据类型 {got}（形状 {shape}）。</translation>
    </message>
    <message>
        <source>{layer} expects {where} of {which} to have size {want} (its weights were built for that size). Received: shape {shape}.</source>
        <translation>{layer} 要求{which}的{where}大小为 {want}（它的权重是按这个大小建好的）。收到：形状 {shape}。</translation>
    </message>
    <message>
        <source>{layer} expects {which} to have shape {want}. Received: shape {shape}.</source>
        <translation>{layer} 要求{which}的形状为 {want}。收到：形状 {shape}。</translation>
    </message>
    <message>
        <source>{layer}: {which} is not what the layer accepts: {detail}</source>
        <translation>{layer}：{which}不符合这个层的要求：{detail}</translation>
    </message>
    <message>
        <source>{layer} expects {want}. Received: {got} ({received}).</source>
        <translation>{layer} 需要 {want}。收到：{got}（{received}）。</translation>
    </message>
    <message>
        <source>{layer} expects {want}. Received: {got}.</source>
        <translation>{layer} 需要 {want}。收到：{got}。</translation>
    </message>
    <message>
        <source>Concatenate joins tensors with the same number of dimensions. Received: shapes {shapes}.</source>
        <translation>Concatenate 只能拼接维数相同的张量。收到：形状 {shapes}。</translation>
    </message>
    <message>
        <source>Concatenate joins its inputs along {where}: every other axis must have the same size. Received: shapes {shapes}: {detail}.</source>
        <translation>Concatenate 沿{where}拼接它的输入：其他每个轴的大小都必须相同。收到：形状 {shapes}：{detail}。</translation>
    </message>
    <message>
        <source>Concatenate joins its inputs along {where}: every other axis must have the same size. Received: shapes {shapes}.</source>
        <translation>Concatenate 沿{where}拼接它的输入：其他每个轴的大小都必须相同。收到：形状 {shapes}。</translation>
    </message>
    <message>
        <source>{layer} combines its inputs element by element: their shapes must be equal (an axis of size 1 stretches to match). Received: shapes {shapes}.</source>
        <translation>{layer} 逐元素地合并它的输入：这些输入的形状必须相同（大小为 1 的轴会被拉伸以匹配）。收到：形状 {shapes}。</translation>
    </message>
    <message>
        <source>{layer} cannot size its weight &apos;{weight}&apos;: it would have shape {shape}, because an input axis it depends on has no fixed size (None). Received: {received}. Give that axis a size (on the Input, or with a Reshape).</source>
        <translation>{layer} 无法确定权重“{weight}”的大小：它的形状会是 {shape}，因为它所依赖的某个输入轴没有固定大小（None）。收到：{received}。请给这个轴一个确定的大小（在 Input 上设置，或用 Reshape）。</translation>
    </message>
    <message>
        <source>{layer} would produce an output of size zero or less: its input {shape} is too small for {settings}. Use a smaller {window}, padding &apos;same&apos;, or a larger input.</source>
        <translation>{layer} 的输出大小会变成零或负数：对于 {settings}，它的输入 {shape} 太小了。请用更小的 {window}、padding=&apos;same&apos;，或者更大的输入。</translation>
    </message>
    <message>
        <source>Reshape must keep the number of values of each sample. Received: input shape {shape} (batch excluded), target_shape {target}. The input holds {values} values per sample; target_shape {target} holds {held} times the -1 axis.</source>
        <translation>Reshape 必须保持每个样本的数值个数不变。收到：输入形状 {shape}（不含批次轴），target_shape {target}。输入每个样本有 {values} 个数；target_shape {target} 能装下 {held} 乘以 -1 那个轴的大小。</translation>
    </message>
    <message>
        <source>Reshape must keep the number of values of each sample. Received: input shape {shape} (batch excluded), target_shape {target}. The input holds {values} values per sample; target_shape {target} holds {held}.</source>
        <translation>Reshape 必须保持每个样本的数值个数不变。收到：输入形状 {shape}（不含批次轴），target_shape {target}。输入每个样本有 {values} 个数；target_shape {target} 能装下 {held} 个。</translation>
    </message>
    <message>
        <source>Reshape must keep the number of values of each sample. Received: input shape {shape} (batch excluded), target_shape {target}.</source>
        <translation>Reshape 必须保持每个样本的数值个数不变。收到：输入形状 {shape}（不含批次轴），target_shape {target}。</translation>
    </message>
    <message>
        <source>{layer} cannot compute its output from {received}. Keras stopped on: {text}</source>
        <translation>{layer} 无法根据{received}计算出输出。Keras 在这里停下：{text}</translation>
    </message>
    <message>
        <source>Not connected: this call has no input yet.</source>
        <translation>未连接：这次调用还没有输入。</translation>
    </message>
    <message>
        <source>An input of this call has an error.</source>
        <translation>这次调用的某个输入有错误。</translation>
    </message>
    <message>
        <source>This Input has no shape.</source>
        <translation>这个 Input 没有设置形状。</translation>
    </message>
    <message>
        <source>its input {label}</source>
        <translation>它的输入 {label} </translation>
    </message>
    <message>
        <source>axis {axis}</source>
        <translation>轴 {axis}</translation>
    </message>
    <message>
        <source>an input of shape {shape}</source>
        <translation>形状为 {shape} 的输入</translation>
    </message>
    <message>
        <source>inputs of shapes {shapes}</source>
        <translation>形状为 {shapes} 的几个输入</translation>
    </message>
    <message>
        <source>{n} dimensions</source>
        <translation>{n} 维</translation>
    </message>
    <message>
        <source>{n} dimension</source>
        <translation>{n} 维</translation>
    </message>
    <message>
        <source>{n} inputs</source>
        <translation>{n} 个输入</translation>
    </message>
    <message>
        <source>{n} input</source>
        <translation>{n} 个输入</translation>
    </message>
    <message>
        <source>call {n} of {count}</source>
        <translation>第 {n} 次调用，共 {count} 次</translation>
    </message>
    <message>
        <source>axis {axis} differs ({sizes})</source>
        <translation>轴 {axis} 的大小不同（{sizes}）</translation>
    </message>
    <message>
        <source>The model has no input. Add an Input layer.</source>
        <translation>模型没有输入。请添加一个 Input 层。</translation>
    </message>
    <message>
        <source>The model has no output. Mark a layer as output.</source>
        <translation>模型没有输出。请把一个层标记为模型输出。</translation>
    </message>
    <message>
        <source>Not connected to any model output.</source>
        <translation>没有连到任何模型输出。</translation>
    </message>
    <message>
        <source>Connecting &apos;{source}&apos; to &apos;{target}&apos; would make a cycle: &apos;{source}&apos; already depends on &apos;{target}&apos;.</source>
        <translation>把“{source}”连到“{target}”会形成环：“{source}”已经依赖于“{target}”。</translation>
    </message>
    <message>
        <source>The name &apos;{name}&apos; is used twice in the model. All layer names should be unique. Received: &apos;{name}&apos; for a second layer.</source>
        <translation>名字“{name}”在模型中用了两次。所有层的名字都必须唯一。收到：第二个层也叫“{name}”。</translation>
    </message>
    <message>
        <source>A layer name must be a non-empty string. Received: {name}.</source>
        <translation>层的名字必须是非空字符串。收到：{name}。</translation>
    </message>
    <message>
        <source>A layer name cannot contain &apos;/&apos;. Received: {name}.</source>
        <translation>层的名字不能包含“/”。收到：{name}。</translation>
    </message>
    <message>
        <source>Layer &apos;{name}&apos; is still called; remove its calls first.</source>
        <translation>层“{name}”仍被调用；请先删除对它的调用。</translation>
    </message>
    <message>
        <source>Layer &apos;{name}&apos; is still connected.</source>
        <translation>层“{name}”仍有连接。</translation>
    </message>
    <message>
        <source>An Input takes no incoming connection. Received: &apos;{source}&apos; -&gt; Input &apos;{target}&apos;.</source>
        <translation>Input 不接受任何传入的连接。收到：“{source}” -&gt; Input“{target}”。</translation>
    </message>
    <message>
        <source>Every input of &apos;{name}&apos; is connected already. Disconnect one first, or drop the wire on a specific port to replace it.</source>
        <translation>“{name}”的每个输入都已连接。请先断开一个，或者把连线拖放到某个具体端口上替换它。</translation>
    </message>
    <message>
        <source>Only Input layers can be model inputs. Received: &apos;{name}&apos;.</source>
        <translation>只有 Input 层才能作为模型输入。收到：“{name}”。</translation>
    </message>
    <message>
        <source>No such layer: {name}. Existing layers are: {names}.</source>
        <translation>没有这个层：{name}。现有的层是：{names}。</translation>
    </message>
    <message>
        <source>Was asked to retrieve layer at index {index} but model only has {count} layers.</source>
        <translation>要取索引为 {index} 的层，但模型只有 {count} 层。</translation>
    </message>
    <message>
        <source>Provide either a layer name or layer index.</source>
        <translation>请给出层的名字或索引。</translation>
    </message>
    <message>
        <source>Unknown layer class. Received: {name}.</source>
        <translation>未知的层类型。收到：{name}。</translation>
    </message>
    <message>
        <source>Cannot create {layer}: {reason}</source>
        <translation>无法创建 {layer}：{reason}</translation>
    </message>
    <message>
        <source>An Input cannot be called. Received: &apos;{name}&apos;.</source>
        <translation>Input 不能被调用。收到：“{name}”。</translation>
    </message>
    <message>
        <source>Only plain layers can be duplicated. Received: &apos;{name}&apos;.</source>
        <translation>只有普通的层才能复制。收到：“{name}”。</translation>
    </message>
    <message>
        <source>Append works on a model with exactly one output. Received: {count} outputs. Connect the new layer by hand instead.</source>
        <translation>“追加”只适用于恰好有一个输出的模型。收到：{count} 个输出。请手动连接新层。</translation>
    </message>
    <message>
        <source>Pop needs exactly one output. Received: {count}.</source>
        <translation>“移除最后一层”要求模型恰好有一个输出。收到：{count} 个。</translation>
    </message>
    <message>
        <source>Pop removes the last layer of a chain. Received: &apos;{name}&apos;, which has {count} inputs.</source>
        <translation>“移除最后一层”只能移除一条链上的最后一层。收到：“{name}”，它有 {count} 个输入。</translation>
    </message>
    <message>
        <source>Layer &apos;{name}&apos; feeds other layers; it is not the last one.</source>
        <translation>层“{name}”还连着后面的层；它不是最后一层。</translation>
    </message>
    <message>
        <source>Select the layers to group first. Received: an empty selection.</source>
        <translation>请先选中要组合的层。收到：空的选择。</translation>
    </message>
    <message>
        <source>Inputs stay outside a group; the group gets its own. Received: &apos;{name}&apos;.</source>
        <translation>Input 留在组合之外；组合会有它自己的 Input。收到：“{name}”。</translation>
    </message>
    <message>
        <source>Layer &apos;{name}&apos; is also called outside the selection ({count} call(s)); select all its calls, or group without it.</source>
        <translation>层“{name}”在选择范围之外也被调用了（{count} 次）；请选中它的所有调用，或者不带它进行组合。</translation>
    </message>
    <message>
        <source>Fix the selected layers before grouping. Received errors on: {names}.</source>
        <translation>组合之前请先修正选中的层。这些层有错误：{names}。</translation>
    </message>
    <message>
        <source>A group needs tensors flowing in and out of the selection.</source>
        <translation>组合需要有张量流入和流出所选范围。</translation>
    </message>
    <message>
        <source>The name &apos;{name}&apos; is taken. Received: &apos;{name}&apos;.</source>
        <translation>名字“{name}”已被占用。收到：“{name}”。</translation>
    </message>
    <message>
        <source>Only a nested model can be ungrouped. Received: &apos;{name}&apos;.</source>
        <translation>只有嵌套模型才能取消组合。收到：“{name}”。</translation>
    </message>
    <message>
        <source>Model &apos;{name}&apos; is applied {count} times; ungrouping would give each call its own weights. Remove the other calls first.</source>
        <translation>模型“{name}”被调用了 {count} 次；取消组合会让每次调用都有自己的权重。请先删除其他调用。</translation>
    </message>
    <message>
        <source>Connect every input of &apos;{name}&apos; before ungrouping.</source>
        <translation>取消组合之前，请先连接“{name}”的每一个输入。</translation>
    </message>
    <message>
        <source>Only a single chain can be exported as Sequential. Received: {detail}.</source>
        <translation>只有单条链才能导出为 Sequential。收到：{detail}。</translation>
    </message>
    <message>
        <source>Cannot export: the output shape of layer &apos;{name}&apos; is unknown ({reason}).</source>
        <translation>无法导出：层“{name}”的输出形状未知（{reason}）。</translation>
    </message>
    <message>
        <source>Argument `{name}` must be {expected}. Received: {name}={value}</source>
        <translation>参数 `{name}` 必须是{expected}。收到：{name}={value}</translation>
    </message>
    <message>
        <source>an integer or a tuple of {count} integers</source>
        <translation>一个整数，或由 {count} 个整数组成的元组</translation>
    </message>
    <message>
        <source>Cannot open &apos;{name}&apos;: unknown file type. Supported: {supported}. Received: &apos;{suffix}&apos;.</source>
        <translation>无法打开“{name}”：未知的文件类型。支持：{supported}。收到：“{suffix}”。</translation>
    </message>
    <message>
        <source>No such file: &apos;{path}&apos;.</source>
        <translation>文件不存在：“{path}”。</translation>
    </message>
    <message>
        <source>&apos;{path}&apos; is a folder, not a model file.</source>
        <translation>“{path}”是一个文件夹，不是模型文件。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is empty. Received: 0 bytes.</source>
        <translation>“{name}”是空的。收到：0 字节。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is too large for a model config. Received: {size} bytes.</source>
        <translation>“{name}”太大了，不像是模型配置。收到：{size} 字节。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is not a text file (not UTF-8 at byte {index}). Is it a binary file such as .h5 or .keras with the wrong extension?</source>
        <translation>“{name}”不是文本文件（第 {index} 个字节不是 UTF-8）。它是不是一个扩展名写错了的二进制文件，比如 .h5 或 .keras？</translation>
    </message>
    <message>
        <source>Cannot read &apos;{name}&apos;: {reason}.</source>
        <translation>无法读取“{name}”：{reason}。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is not valid JSON: {reason} at line {line}, column {column}. The file may be truncated or not a Keras model file.</source>
        <translation>“{name}”不是有效的 JSON：第 {line} 行第 {column} 列，{reason}。文件可能不完整，或者根本不是 Keras 模型文件。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is nested too deeply to be a model config.</source>
        <translation>“{name}”嵌套层次太深，不像是模型配置。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is not valid YAML for a model: {reason}</source>
        <translation>“{name}”不是有效的模型 YAML：{reason}</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is a zip file without &apos;config.json&apos;.</source>
        <translation>“{name}”是一个 zip 文件，但里面没有 config.json。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is not a valid .keras archive (not a zip file).</source>
        <translation>“{name}”不是有效的 .keras 归档（不是 zip 文件）。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; does not hold a Keras model config. Expected a JSON object with &apos;class_name&apos; and &apos;config&apos;. Received: {received}.</source>
        <translation>“{name}”里没有 Keras 模型配置。应为一个含 class_name 和 config 的 JSON 对象。收到：{received}。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is not a Keras Canvas project. Expected &quot;format&quot;: &quot;{format}&quot;. Received: {received}.</source>
        <translation>“{name}”不是 Keras Canvas 项目。应为 &quot;format&quot;: &quot;{format}&quot;。收到：{received}。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; was written by a newer Keras Canvas (project format {version}; this version reads up to {supported}). Update Keras Canvas to open it.</source>
        <translation>“{name}”是由更新版本的 Keras Canvas 写的（项目格式 {version}；本版本最高只能读 {supported}）。请升级 Keras Canvas 后再打开。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos;: the model cannot be read: {reason}</source>
        <translation>“{name}”：无法读取其中的模型：{reason}</translation>
    </message>
    <message>
        <source>Cannot save: the folder &apos;{path}&apos; does not exist.</source>
        <translation>无法保存：文件夹“{path}”不存在。</translation>
    </message>
    <message>
        <source>Layer &apos;{name}&apos; is a {layer}: loading it would run Python code stored in the file. Open the file with &apos;allow unsafe&apos; only if you trust it. Received: {layer} layer &apos;{name}&apos;.</source>
        <translation>层“{name}”是一个 {layer}：加载它会运行文件中保存的 Python 代码。只有在你信任这个文件时，才以“允许不安全”方式打开。收到：{layer} 层“{name}”。</translation>
    </message>
    <message>
        <source>Expected a Keras model config: a JSON object with &apos;class_name&apos; and &apos;config&apos;. Received: {received}</source>
        <translation>应为 Keras 模型配置：一个含 class_name 和 config 的 JSON 对象。收到：{received}</translation>
    </message>
    <message>
        <source>Expected a Functional or Sequential model. Received: class_name={name} (a single layer, not a model).</source>
        <translation>应为 Functional 或 Sequential 模型。收到：class_name={name}（这是单个层，不是模型）。</translation>
    </message>
    <message>
        <source>The clipboard holds empty text. {accepts}</source>
        <translation>剪贴板里是空文本。{accepts}</translation>
    </message>
    <message>
        <source>Keras cannot create layer &apos;{name}&apos; ({layer}): {reason}</source>
        <translation>Keras 无法创建层“{name}”（{layer}）：{reason}</translation>
    </message>
    <message>
        <source>The model has {count} {role}s ({names}) but the data has {received} {role} arrays. Missing: {missing}. Received: {arrays}</source>
        <translation>模型有 {count} 个{role}（{names}），但数据只有 {received} 个{role}数组。缺少：{missing}。收到：{arrays}</translation>
    </message>
    <message>
        <source>{role} &apos;{name}&apos; needs numbers. Received: an array of dtype {dtype}</source>
        <translation>{role}“{name}”需要数值。收到：数据类型为 {dtype} 的数组</translation>
    </message>
    <message>
        <source>{role} &apos;{name}&apos; expects data of shape {wanted}. Received: {shape}</source>
        <translation>{role}“{name}”需要形状为 {wanted} 的数据。收到：{shape}</translation>
    </message>
    <message>
        <source>{role} &apos;{name}&apos; contains NaN or infinite values ({count} of them). Received: a non-finite value in sample {index}</source>
        <translation>{role}“{name}”含有 NaN 或无穷大（共 {count} 个）。收到：第 {index} 个样本中有非有限值</translation>
    </message>
    <message>
        <source>{role} &apos;{name}&apos; has dtype {dtype}. Received: non-integer values</source>
        <translation>{role}“{name}”的数据类型是 {dtype}。收到：非整数值</translation>
    </message>
    <message>
        <source>{role} &apos;{name}&apos; needs {what} in [0, {limit}). Received: values from {low} to {high}</source>
        <translation>{role}“{name}”需要 [0, {limit}) 范围内的{what}。收到：从 {low} 到 {high} 的值</translation>
    </message>
    <message>
        <source>All arrays need the same number of samples. Received: {lengths}</source>
        <translation>所有数组的样本数必须相同。收到：{lengths}</translation>
    </message>
    <message>
        <source>The data has no samples. Received: 0 rows</source>
        <translation>数据里没有样本。收到：0 行</translation>
    </message>
    <message>
        <source>data #{index}</source>
        <translation>数据 #{index}</translation>
    </message>
    <message>
        <source>The sample does not fit input &apos;{name}&apos;: it expects one sample of shape {wanted}. Received: {shape}</source>
        <translation>这个样本不适合输入“{name}”：它需要一个形状为 {wanted} 的样本。收到：{shape}</translation>
    </message>
    <message>
        <source>The sample index is out of range: the data has {count} samples (0 to {last}). Received: {index}</source>
        <translation>样本编号超出范围：数据共有 {count} 个样本（0 到 {last}）。收到：{index}</translation>
    </message>
    <message>
        <source>Input &apos;{name}&apos; needs numbers. Received: dtype {dtype}</source>
        <translation>输入“{name}”需要数值。收到：数据类型 {dtype}</translation>
    </message>
    <message>
        <source>Input &apos;{name}&apos; does not take an image: it expects shape {wanted}; an image needs (height, width, 1 or 3 channels), (height, width) or a square number of values. Received: the image {image}</source>
        <translation>输入“{name}”不接受图片：它需要形状 {wanted}；图片需要（高, 宽, 1 或 3 个通道）、（高, 宽），或者个数是平方数的一串数值。收到：图片 {image}</translation>
    </message>
    <message>
        <source>Cannot read the image file {path}. Received: {detail}</source>
        <translation>无法读取图片文件 {path}。收到：{detail}</translation>
    </message>
    <message>
        <source>The drawing for input &apos;{name}&apos; must be numbers. Received: {detail}</source>
        <translation>输入“{name}”的手绘必须是数值。收到：{detail}</translation>
    </message>
    <message>
        <source>The {dataset} dataset has one input and one output; the model has {inputs} inputs ({input_names}) and {outputs} outputs ({output_names}).</source>
        <translation>{dataset} 数据集只有一个输入和一个输出；而模型有 {inputs} 个输入（{input_names}）和 {outputs} 个输出（{output_names}）。</translation>
    </message>
    <message>
        <source>The {dataset} dataset needs an input of shape {shapes} and an output of {classes} units (or 1 with sigmoid). Received: input &apos;{input}&apos; of shape {input_shape}, output &apos;{output}&apos; of shape {output_shape}</source>
        <translation>{dataset} 数据集需要形状为 {shapes} 的输入和 {classes} 个单元的输出（或 1 个配 sigmoid 的单元）。收到：输入“{input}”形状为 {input_shape}，输出“{output}”形状为 {output_shape}</translation>
    </message>
    <message>
        <source>The {dataset} dataset needs an input of shape {shapes} and an output of {classes} units. Received: input &apos;{input}&apos; of shape {input_shape}, output &apos;{output}&apos; of shape {output_shape}</source>
        <translation>{dataset} 数据集需要形状为 {shapes} 的输入和 {classes} 个单元的输出。收到：输入“{input}”形状为 {input_shape}，输出“{output}”形状为 {output_shape}</translation>
    </message>
    <message>
        <source>Fashion-MNIST IDX files (train-images-idx3-ubyte[.gz], ...) were not found. Install Debian&apos;s dataset-fashion-mnist package or choose the folder that holds them. Received: searched {paths}</source>
        <translation>没有找到 Fashion-MNIST 的 IDX 文件（train-images-idx3-ubyte[.gz] 等）。请安装 Debian 的 dataset-fashion-mnist 软件包，或选择存放这些文件的文件夹。收到：已查找 {paths}</translation>
    </message>
    <message>
        <source>The data file does not exist. Received: {path}</source>
        <translation>数据文件不存在。收到：{path}</translation>
    </message>
    <message>
        <source>Data files must be .npy, .npz, .csv or .h5. Received: {path}</source>
        <translation>数据文件必须是 .npy、.npz、.csv 或 .h5。收到：{path}</translation>
    </message>
    <message>
        <source>Cannot read {path} as {kind}. Received: {reason}</source>
        <translation>无法把 {path} 当作 {kind} 读取。收到：{reason}</translation>
    </message>
    <message>
        <source>{path} must hold numbers only. Received: {reason}</source>
        <translation>{path} 只能包含数值。收到：{reason}</translation>
    </message>
    <message>
        <source>Labels of output &apos;{name}&apos; must be in [0, {classes}) for to_categorical. Received: labels from {low} to {high}</source>
        <translation>输出“{name}”的标签必须在 [0, {classes}) 范围内才能做 to_categorical。收到：从 {low} 到 {high} 的标签</translation>
    </message>
    <message>
        <source>`to_categorical` needs one integer label per sample for output &apos;{name}&apos;. Received: shape {shape}, dtype {dtype}</source>
        <translation>`to_categorical` 要求输出“{name}”的每个样本有一个整数标签。收到：形状 {shape}，数据类型 {dtype}</translation>
    </message>
    <message>
        <source>`fit.initial_epoch` must be less than `fit.epochs`. Received: initial_epoch={initial}, epochs={epochs}</source>
        <translation>`fit.initial_epoch` 必须小于 `fit.epochs`。收到：initial_epoch={initial}，epochs={epochs}</translation>
    </message>
    <message>
        <source>`fit.validation_split` must be in [0, 1). Received: {value}</source>
        <translation>`fit.validation_split` 必须在 [0, 1) 之间。收到：{value}</translation>
    </message>
    <message>
        <source>`{name}` must be an integer &gt;= {minimum}. Received: {value}</source>
        <translation>`{name}` 必须是 &gt;= {minimum} 的整数。收到：{value}</translation>
    </message>
    <message>
        <source>`{name}` must be one of {allowed}. Received: {value}</source>
        <translation>`{name}` 必须是 {allowed} 之一。收到：{value}</translation>
    </message>
    <message>
        <source>`{name}` must be a number &gt;= 0. Received: {value}</source>
        <translation>`{name}` 必须是 &gt;= 0 的数。收到：{value}</translation>
    </message>
    <message>
        <source>The training worker {how}.</source>
        <translation>训练工作进程{how}。</translation>
    </message>
    <message>
        <source>{how} (JAX stopped it: another process of the run had failed)</source>
        <translation>{how}（JAX 停止了它：这次运行的另一个进程已经失败）</translation>
    </message>
    <message>
        <source>{how} (it ran out of memory)</source>
        <translation>{how}（内存耗尽）</translation>
    </message>
    <message>
        <source>exited with code {code}</source>
        <translation>已退出，退出码 {code}</translation>
    </message>
    <message>
        <source>was ended by {signal}</source>
        <translation>被 {signal} 结束</translation>
    </message>
    <message>
        <source>A diagram is exported as PNG or SVG. Received: a file named &apos;{file}&apos;.</source>
        <translation>图只能导出为 PNG 或 SVG。收到：名为“{file}”的文件。</translation>
    </message>
    <message>
        <source>{name} ({count} samples)</source>
        <translation>{name}（{count} 个样本）</translation>
    </message>
    <message>
        <source>{total}, all trainable</source>
        <translation>{total}，全部可训练</translation>
    </message>
    <message>
        <source>{total}, all non-trainable</source>
        <translation>{total}，全部不可训练</translation>
    </message>
    <message>
        <source>{total}: {trainable} trainable, {frozen} non-trainable</source>
        <translation>{total}：{trainable} 可训练，{frozen} 不可训练</translation>
    </message>
    <message>
        <source>Shared: the layer is called {count} times and every call uses these same weights, so they are counted once, not {count} times.</source>
        <translation>共享：这个层被调用了 {count} 次，每次调用都使用同一组权重，所以只算一次，而不是 {count} 次。</translation>
    </message>
    <message>
        <source>Keras creates a layer&apos;s weights on its first call, and cannot make that call yet: {error}</source>
        <translation>Keras 在层第一次被调用时才创建它的权重，而这次调用目前还做不了：{error}</translation>
    </message>
    <message>
        <source>layer &apos;{name}&apos;: {reason}</source>
        <translation>层“{name}”：{reason}</translation>
    </message>
    <message>
        <source>&apos;{file}&apos; is not a valid project at {message}</source>
        <translation>“{file}”不是有效的项目，位置：{message}</translation>
    </message>
    <message>
        <source>&apos;{file}&apos; is not a valid model file at {message}</source>
        <translation>“{file}”不是有效的模型文件，位置：{message}</translation>
    </message>
    <message>
        <source>&apos;{file}&apos;: {message}</source>
        <translation>“{file}”：{message}</translation>
    </message>
    <message>
        <source>{rule} A dilated kernel spans dilation × (kernel − 1) + 1 inputs.</source>
        <translation>{rule}膨胀后的卷积核覆盖 dilation × (kernel − 1) + 1 个输入。</translation>
    </message>
    <message>
        <source>{layer} with a {kernel} kernel, strides {strides}, {padding}.</source>
        <translation>{layer}：{kernel} 的卷积核，步长 {strides}，{padding}。</translation>
    </message>
    <message>
        <source>padding=&apos;valid&apos; (no padding): the window must fit inside the input, so each axis shrinks: out = ⌊(in − {window}) / stride⌋ + 1</source>
        <translation>padding=&apos;valid&apos;（不填充）：窗口必须完全落在输入之内，所以每个轴都会缩小：out = ⌊(in − {window}) / stride⌋ + 1</translation>
    </message>
    <message>
        <source>padding=&apos;same&apos;: zeros around the edges keep the size, only the stride shrinks it: out = ⌈in / stride⌉</source>
        <translation>padding=&apos;same&apos;：在边缘补零以保持尺寸，只有步长会让它缩小：out = ⌈in / stride⌉</translation>
    </message>
    <message>
        <source>padding=&apos;causal&apos;: zeros before the first step only (no peeking at later steps); as with &apos;same&apos;, only the stride shrinks the length: out = ⌈in / stride⌉</source>
        <translation>padding=&apos;causal&apos;：只在第一步之前补零（不偷看后面的步）；和 &apos;same&apos; 一样，只有步长会让长度缩小：out = ⌈in / stride⌉</translation>
    </message>
    <message>
        <source>{layer} takes the {kind} of each {pool} window, moving {strides} steps at a time ({stride_words}); {padding}.</source>
        <translation>{layer} 取每个 {pool} 窗口中的{kind}，每次移动 {strides} 步（{stride_words}）；{padding}。</translation>
    </message>
    <message>
        <source>{layer} takes the {kind} of each channel over all positions: one number per channel; {tail}.</source>
        <translation>{layer} 在所有位置上取每个通道的{kind}：每个通道一个数；{tail}。</translation>
    </message>
    <message>
        <source>Dense works on the last axis: each of its {units} units adds up all {features} input features, weighted, so the last axis becomes units. The axes in between are kept: the same Dense is applied at each position.</source>
        <translation>Dense 作用在最后一个轴上：它的 {units} 个单元各自把全部 {features} 个输入特征加权求和，所以最后一个轴的长度变成 units（单元数）。中间的各轴保持不变：在每个位置上应用同一个 Dense。</translation>
    </message>
    <message>
        <source>Dense works on the last axis: each of its {units} units adds up all {features} input features, weighted, so the last axis becomes units.</source>
        <translation>Dense 作用在最后一个轴上：它的 {units} 个单元各自把全部 {features} 个输入特征加权求和，所以最后一个轴的长度变成 units（单元数）。</translation>
    </message>
    <message>
        <source>{layer} works on each number (or each sample) in place: the output has the input&apos;s shape {shape}.</source>
        <translation>{layer} 就地作用于每个数（或每个样本）：输出的形状与输入相同，都是 {shape}。</translation>
    </message>
    <message>
        <source>Each integer of the input is replaced by its row of the table: a vector of output_dim = {size} numbers, on a new last axis.</source>
        <translation>输入中的每个整数都被换成表中它那一行：一个含 output_dim = {size} 个数的向量，放在新的最后一个轴上。</translation>
    </message>
    <message>
        <source>A nested model&apos;s output is what its own layers compute, one after the other: {shapes}. Enter the model to see each layer&apos;s rule.</source>
        <translation>嵌套模型的输出就是它自己的各层依次计算的结果：{shapes}。进入这个模型，可以看到每一层的规则。</translation>
    </message>
    <message>
        <source>Concatenate joins its {count} inputs side by side along axis {axis}: that axis is the sum of their sizes; every other axis must match.</source>
        <translation>Concatenate 沿轴 {axis} 把它的 {count} 个输入并排串联：这个轴的大小是它们的大小之和；其他各轴必须一致。</translation>
    </message>
    <message>
        <source>{layer} combines its {count} inputs number by number: all have the shape {shape}, and so does the output.</source>
        <translation>{layer} 把它的 {count} 个输入逐个数地合并：它们的形状都是 {shape}，输出也一样。</translation>
    </message>
    <message>
        <source>{layer} reads the {steps} time steps one by one and, with return_sequences=True, outputs its state after every step: (batch, time steps, units).</source>
        <translation>{layer} 逐个读取 {steps} 个时间步；return_sequences=True 时，每一步之后都输出它的状态：(batch, time steps, units)。</translation>
    </message>
    <message>
        <source>{layer} reads the {steps} time steps one by one and outputs only its state after the last step: (batch, units). return_sequences=True would keep every step.</source>
        <translation>{layer} 逐个读取 {steps} 个时间步，只在最后一步之后输出它的状态：(batch, units)。设为 return_sequences=True 则会保留每一步。</translation>
    </message>
    <message>
        <source>Reshape keeps the numbers of each sample and gives them new axes; {how}</source>
        <translation>Reshape 保留每个样本的数，只是给它们新的轴；{how}</translation>
    </message>
    <message>
        <source>The shape you declared: {shape}. The first axis is the batch: None means any number of samples.</source>
        <translation>你声明的形状：{shape}。第一个轴是批次轴：None 表示样本数任意。</translation>
    </message>
    <message>
        <source>MultiHeadAttention runs {heads} heads of key_dim {key_dim} and projects their joined results back to the query&apos;s width: the output has the query&apos;s shape {shape}.</source>
        <translation>MultiHeadAttention 运行 {heads} 个 key_dim 为 {key_dim} 的头，再把它们拼接后的结果投影回 query 的宽度：输出的形状与 query 相同，都是 {shape}。</translation>
    </message>
    <message>
        <source>kept: the {kind} of each channel</source>
        <translation>保留：每个通道的{kind}</translation>
    </message>
    <message>
        <source>{layer} ({call}): {message}</source>
        <translation>{layer}（{call}）：{message}</translation>
    </message>
    <message>
        <source>{layer}: {message}</source>
        <translation>{layer}：{message}</translation>
    </message>
    <message>
        <source>drawing</source>
        <translation>手绘</translation>
    </message>
    <message>
        <source>its input</source>
        <translation>它的输入</translation>
    </message>
    <message>
        <source>at least</source>
        <translation>至少</translation>
    </message>
    <message>
        <source>at most</source>
        <translation>至多</translation>
    </message>
    <message>
        <source>exactly</source>
        <translation>恰好</translation>
    </message>
    <message>
        <source>the last axis</source>
        <translation>最后一个轴</translation>
    </message>
    <message>
        <source>no input</source>
        <translation>没有输入</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>no such output</source>
        <translation>没有这个输出</translation>
    </message>
    <message>
        <source>Reshape it first, or give the Input more dimensions.</source>
        <translation>请先 Reshape，或者给 Input 更多的维度。</translation>
    </message>
    <message>
        <source>Flatten or pool it first, or give the Input fewer dimensions.</source>
        <translation>请先 Flatten 或池化，或者减少 Input 的维度。</translation>
    </message>
    <message>
        <source>Paste accepts nodes copied in Keras Canvas, or a Keras model&apos;s JSON or YAML text (what model.to_json() writes).</source>
        <translation>可以粘贴在 Keras Canvas 中复制的节点，或者 Keras 模型的 JSON、YAML 文本（即 model.to_json() 写出的内容）。</translation>
    </message>
    <message>
        <source>an integer</source>
        <translation>一个整数</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>一个数</translation>
    </message>
    <message>
        <source>a boolean (True or False)</source>
        <translation>一个布尔值（True 或 False）</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>一个字符串</translation>
    </message>
    <message>
        <source>a tuple of integers</source>
        <translation>一个整数元组</translation>
    </message>
    <message>
        <source>a number or a tuple of numbers</source>
        <translation>一个数，或一个数的元组</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>was killed (SIGKILL: by Kill, by another program, or by the system when memory ran out)</source>
        <translation>被强制结束（SIGKILL：可能是“强制结束”按钮、其他程序，或内存耗尽时被系统结束）</translation>
    </message>
    <message>
        <source>was killed (SIGBUS): a data file it was reading was cut short or removed during the run</source>
        <translation>被强制结束（SIGBUS）：运行期间，它正在读取的数据文件被截断或删除了</translation>
    </message>
    <message>
        <source>was crashed (SIGSEGV) inside native code</source>
        <translation>在本地代码中崩溃（SIGSEGV）</translation>
    </message>
    <message>
        <source>was aborted (SIGABRT)</source>
        <translation>异常中止（SIGABRT）</translation>
    </message>
    <message>
        <source>was terminated (SIGTERM)</source>
        <translation>被终止（SIGTERM）</translation>
    </message>
    <message>
        <source>stopped answering</source>
        <translation>没有响应了</translation>
    </message>
    <message>
        <source>no weights: 0</source>
        <translation>没有权重：0</translation>
    </message>
    <message>
        <source>0: no weights, nothing here is learned</source>
        <translation>0：没有权重，这里没有要学习的东西</translation>
    </message>
    <message>
        <source>dummy data</source>
        <translation>虚拟数据</translation>
    </message>
    <message>
        <source>maximum</source>
        <translation>最大值</translation>
    </message>
    <message>
        <source>average</source>
        <translation>平均值</translation>
    </message>
    <message>
        <source>strides default to pool_size</source>
        <translation>strides 默认等于 pool_size</translation>
    </message>
    <message>
        <source>strides</source>
        <translation>步长</translation>
    </message>
    <message>
        <source>keepdims=True keeps each pooled axis with size 1</source>
        <translation>keepdims=True 时，每个被池化的轴以大小 1 保留</translation>
    </message>
    <message>
        <source>the pooled axes disappear</source>
        <translation>被池化的轴消失</translation>
    </message>
    <message>
        <source>Flatten lays each sample&apos;s numbers out in one row: features = the product of all axes but the batch.</source>
        <translation>Flatten 把每个样本的数排成一行：特征数 = 除批次轴以外所有轴的乘积。</translation>
    </message>
    <message>
        <source>filters: one channel per filter</source>
        <translation>filters：每个过滤器一个通道</translation>
    </message>
    <message>
        <source>kept: each channel is pooled on its own</source>
        <translation>保留：每个通道各自池化</translation>
    </message>
    <message>
        <source>each input channel gets depth_multiplier filters of its own</source>
        <translation>每个输入通道有自己的 depth_multiplier 个过滤器</translation>
    </message>
    <message>
        <source>kept</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>units</source>
        <translation>units（单元数）</translation>
    </message>
    <message>
        <source>already flat: unchanged</source>
        <translation>已经是一维：不变</translation>
    </message>
    <message>
        <source>length</source>
        <translation>长度</translation>
    </message>
    <message>
        <source>height</source>
        <translation>高</translation>
    </message>
    <message>
        <source>width</source>
        <translation>宽</translation>
    </message>
    <message>
        <source>depth</source>
        <translation>深度</translation>
    </message>
    <message>
        <source>channels</source>
        <translation>通道</translation>
    </message>
    <message>
        <source>features</source>
        <translation>特征</translation>
    </message>
    <message>
        <source>positions pooled</source>
        <translation>池化的位置数</translation>
    </message>
    <message>
        <source>last axis (features)</source>
        <translation>最后一个轴（特征）</translation>
    </message>
    <message>
        <source>new last axis</source>
        <translation>新的最后一个轴</translation>
    </message>
    <message>
        <source>time steps</source>
        <translation>时间步</translation>
    </message>
    <message>
        <source>the inputs&apos; sizes added</source>
        <translation>各输入的大小相加</translation>
    </message>
    <message>
        <source>kept: same padding, stride 1</source>
        <translation>保留：same 填充，步长 1</translation>
    </message>
    <message>
        <source>query steps</source>
        <translation>query 步数</translation>
    </message>
    <message>
        <source>one output per query position</source>
        <translation>query 的每个位置一个输出</translation>
    </message>
    <message>
        <source>the heads&apos; results projected back to the query&apos;s</source>
        <translation>各个头的结果投影回 query 的宽度</translation>
    </message>
    <message>
        <source>kept: return_sequences=True</source>
        <translation>保留：return_sequences=True</translation>
    </message>
    <message>
        <source>elements per sample</source>
        <translation>每个样本的元素数</translation>
    </message>
    <message>
        <source>target elements</source>
        <translation>目标元素数</translation>
    </message>
    <message>
        <source>the −1 axis</source>
        <translation>−1 轴</translation>
    </message>
    <message>
        <source>Keras works it out</source>
        <translation>由 Keras 算出</translation>
    </message>
    <message>
        <source>one axis is −1: Keras divides the number of elements by the other axes.</source>
        <translation>有一个轴是 −1：Keras 用元素总数除以其他各轴的乘积。</translation>
    </message>
    <message>
        <source>the target shape holds the same number of elements.</source>
        <translation>目标形状容纳同样多的元素。</translation>
    </message>
    <message>
        <source>Attention gives one output per query position, a weighted average of the value&apos;s vectors: (batch, query steps, value features).</source>
        <translation>Attention 为 query 的每个位置给出一个输出，即 value 各向量的加权平均：(batch, query steps, value features)。</translation>
    </message>
    <message>
        <source>the layer is not called yet: Keras creates a layer&apos;s weights on its first call.</source>
        <translation>这个层还没有被调用：Keras 在层第一次被调用时才创建它的权重。</translation>
    </message>
    <message>
        <source>Keras cannot build this layer.</source>
        <translation>Keras 无法构建这个层。</translation>
    </message>
    <message>
        <source> and </source>
        <translation> 和 </translation>
    </message>
</context>
<context>
    <name>ExplainNotes</name>
    <message>
        <source>note:Dense</source>
        <translation>每个输出单元都看着每一个输入数：把每个输入乘以自己的一个权重，加起来，再加上偏置，然后应用激活函数。可以想象一块配电盘，每一对输入线和单元之间都有一个旋钮（一个权重），训练就是在拧这些旋钮。这就是为什么紧跟在 Flatten 后面的全连接层（Dense）往往占了网络的大部分权重：输入数 × 单元数。</translation>
    </message>
    <message>
        <source>note:Flatten</source>
        <translation>Flatten 把一个样本的所有数排成一行，好让全连接层（Dense）读取，即把多维输入一维化。可以想象把一摞特征图拆开，一行接一行首尾相连地铺开。这里什么也不计算，什么也不学习：只有形状改变，批次轴保持不变。</translation>
    </message>
    <message>
        <source>note:Reshape</source>
        <translation>Reshape 把同样的数重新排列，就像把同样 12 个鸡蛋从 2×6 的盒子倒进 3×4 的盒子：每个样本的数值个数不变，只是分到各轴的方式变了。可以有一个轴写 -1，由 Keras 根据其他轴算出来。没有要学习的东西。</translation>
    </message>
    <message>
        <source>note:Permute</source>
        <translation>Permute 调换各轴的顺序（批次轴始终在最前面），就像把一张表转过来，让行变成列：Permute((2, 1)) 交换时间步和特征。数值不变，只有排列方式改变。没有要学习的东西。</translation>
    </message>
    <message>
        <source>note:Dropout</source>
        <translation>训练时，Dropout 在每一步都把输入中随机的 `rate` 比例置为零，并把其余的数放大 1 / (1 − rate) 倍，使总和大致不变。下一层不能依赖任何单独一个单元，于是网络学到更稳健、更有冗余的特征，有点像一支球队每天训练时都缺几名队员。预测时 Dropout 什么也不做。没有权重。</translation>
    </message>
    <message>
        <source>note:BatchNormalization</source>
        <translation>BatchNormalization 把每个通道重新缩放，使它在一个批次上的均值接近 0、离散程度接近 1，然后应用一个学到的缩放（gamma）和平移（beta）。让数值保持在合适的范围内，深层网络就训练得更快、更稳。它还记录见过的均值和方差的滑动平均（moving_mean 和 moving_variance）：它们靠求平均更新，而不是靠梯度，所以是不可训练的；预测时使用它们，因为那时可能没有批次可以求平均。</translation>
    </message>
    <message>
        <source>note:LayerNormalization</source>
        <translation>LayerNormalization 对每个样本单独重新缩放：在它的特征（最后一个轴）上，使数值均值为 0、离散程度为 1，再应用学到的缩放（gamma）和平移（beta）。与 BatchNormalization 不同，它从不看批次中的其他样本，所以在训练和预测时、在任何批次大小下表现都一样。Transformer 和循环网络都用它。</translation>
    </message>
    <message>
        <source>note:Embedding</source>
        <translation>Embedding 层是一张有 input_dim 行的查找表：第 i 行存放整数 i（一个词的下标、一个商品编号）对应的一个学到的向量，输入中的每个整数都被换成它那一行。可以想象一本词典，每个词的词条是 output_dim 个数；训练不断调整这些数，直到用法相近的词得到相近的数列。输入必须是从 0 到 input_dim − 1 的整数。</translation>
    </message>
    <message>
        <source>note:SimpleRNN</source>
        <translation>循环层一次读取序列的一步，并保留一份记忆，即它的状态（units 个数）。每一步的新状态由当前输入和上一步的状态算出，每一步用的都是同一组权重。可以想象一个词一个词地读句子，同时在脑子里保留一份随时更新的摘要。SimpleRNN 会忘掉很多步以前的内容；LSTM 和 GRU 就是为记得更久而设计的。return_sequences=True 时，它在每一步之后都输出自己的状态（供上面再接一个循环层）；否则只在最后一步之后输出（供后面的 Dense 分类器使用）。</translation>
    </message>
    <message>
        <source>note:LSTM</source>
        <translation>LSTM 像简单 RNN 一样一步一步地读序列，但保留两份记忆：可以把信息带过很多步的细胞状态 c，以及输出状态 h。三个门，每个门都是作用在当前输入和上一个 h 上的小全连接层，分别决定从 c 中擦掉什么、往 c 里写入什么、输出什么；第四部分提出要写入的内容。所以它的 kernel 有 4 × units 列。可以想象一本笔记本（c），配有橡皮、钢笔和遮板，每样都由你现在读到的和你上一次说的来操纵。return_sequences=True 时，它在每一步之后都输出自己的状态（供上面再接一个循环层）；否则只在最后一步之后输出（供后面的 Dense 分类器使用）。</translation>
    </message>
    <message>
        <source>note:GRU</source>
        <translation>GRU 是更轻的 LSTM：一个状态、两个门。更新门决定保留多少旧状态、写入多少新内容；重置门决定在提出新内容时用多少旧状态。所以它的 kernel 有 3 × units 列，而不是 LSTM 的 4 倍，权重更少，却常常学得一样好。return_sequences=True 时，它在每一步之后都输出自己的状态（供上面再接一个循环层）；否则只在最后一步之后输出（供后面的 Dense 分类器使用）。</translation>
    </message>
    <message>
        <source>note:Bidirectional</source>
        <translation>Bidirectional 在序列上运行一个循环层的两个副本，一个从第一步读到最后一步，一个倒着读，各有自己的权重，再把两者的输出合并（默认并排拼接）。这样每个位置既知道前面有什么，也知道后面有什么，就像你根据整句话来理解一个词。它的权重是被包装层的两倍。</translation>
    </message>
    <message>
        <source>note:TimeDistributed</source>
        <translation>TimeDistributed 把同一个内部层分别应用到每个时间步（沿轴 1 的每一片）上，共用一组权重。可以想象传送带上的一帧帧画面依次经过同一台机器：例如在序列的每一步上用一个全连接层，或在视频的每一帧上用一个小 CNN。</translation>
    </message>
    <message>
        <source>note:Concatenate</source>
        <translation>Concatenate 沿一个轴（默认最后一个轴）把张量并排串联起来：每个分支的特征或通道都进入一个更长的张量，其他轴必须一致。什么也不计算，什么也不学习；下一层只是同时看到所有分支。</translation>
    </message>
    <message>
        <source>note:Add</source>
        <translation>Add 把各个输入逐个数相加；它们的形状必须相同。残差（跳跃）连接用的就是它：把一个模块的输入加到它的输出上，这个模块只需要学一个修正量，这让非常深的网络也能训练。没有权重。</translation>
    </message>
    <message>
        <source>note:Multiply</source>
        <translation>Multiply 把各个输入逐个数相乘；它们的形状必须相同。常常有一个输入充当门（来自 sigmoid、介于 0 和 1 之间的值），决定另一个输入的每个数是放行、调暗还是挡住。没有权重。</translation>
    </message>
    <message>
        <source>note:Average</source>
        <translation>Average 对各个输入逐个数取平均（形状必须相同），例如把几个分支的预测合成一个。没有权重。</translation>
    </message>
    <message>
        <source>note:Activation</source>
        <translation>Activation 对每个数单独应用同一个函数：relu 保留正数、把负数变成 0，sigmoid 把数压到 0…1 之间，tanh 压到 −1…1，softmax 把一行分数变成概率。没有这样的弯折，一叠层无论多深都只能计算直线式（线性）的函数。没有权重；形状不变。</translation>
    </message>
    <message>
        <source>note:ReLU</source>
        <translation>ReLU 保留正数不变，把负数换成 0：max(x, 0)。正是这个简单的弯折，让堆叠起来的层能学到弯曲的非线性函数；它计算便宜、训练效果好，因此成了深度网络默认的激活函数。没有权重；形状不变。</translation>
    </message>
    <message>
        <source>note:Softmax</source>
        <translation>Softmax 把一行分数变成概率：对每个分数取指数，再除以它们的和，于是输出都是正数，并且沿这个轴（默认最后一个轴）加起来等于 1，最大的分数分得最大的份额。分类器以它结尾：10 个分数变成 10 个类别的概率。没有权重。</translation>
    </message>
    <message>
        <source>note:Attention</source>
        <translation>Attention 让一个序列（query）的每个位置去看另一个序列（value）的每个位置，并对它们取加权平均。权重来自 query 与每个 key（默认就是 value 本身）的匹配程度，再经 softmax 变成概率。可以想象读一个问题时，为问题中的每个词在一篇文章里划出最相关的段落，再把划出的内容概括起来。这个层没有自己的权重（use_scale=True 时有一个缩放系数）。</translation>
    </message>
    <message>
        <source>note:MultiHeadAttention</source>
        <translation>MultiHeadAttention 并排运行多个注意力（头）。每个头用自己学到的矩阵把 query、key 和 value 投影到一个 key_dim 维的小空间里，在那里做注意力；各个头的结果拼接起来，再投影回去。不同的头可以各有专长，一个关注词序，另一个关注词义。它是 Transformer 的核心；query、key 和 value 是同一个序列时，它就是自注意力。</translation>
    </message>
    <message>
        <source>note:UpSampling</source>
        <translation>UpSampling 通过重复每个值来放大特征图：在 2D 中，每个像素变成一个 size × size 的块（如果选择双线性插值，则会平滑过渡）。没有要学习的东西；后面通常接一个卷积来细化这些块。解码器用它把小的特征图放大，逐步恢复到输入的大小。</translation>
    </message>
    <message>
        <source>note:ZeroPadding</source>
        <translation>ZeroPadding 在边缘周围加上几行几列的零，就像给图片加一个画框。这样后面的 &apos;valid&apos; 卷积可以保持尺寸不变，边界上的位置也能和中间的位置一样常被看到。没有要学习的东西。</translation>
    </message>
    <message>
        <source>note:Cropping</source>
        <translation>Cropping 从边缘裁掉几行几列，和 ZeroPadding 正好相反，例如在合并之前让两个分支的大小一致。没有要学习的东西。</translation>
    </message>
    <message>
        <source>note:InputLayer</source>
        <translation>Input 说明一个样本是什么样子：它不含批次轴的形状，以及它的数据类型。它什么也不计算，也没有权重。形状前面的 None 是批次轴：一次可以送入任意数量的样本。</translation>
    </message>
    <message>
        <source>note:Model</source>
        <translation>当作层使用的模型：调用它，就在输入上运行它的所有层。调用两次会重用同一组权重（共享网络，或称孪生网络），就和调用同一个层两次一样。双击它，就能逐个查看和讲解它的各层。</translation>
    </message>
    <message>
        <source>note:Conv1D</source>
        <translation>卷积让一个小窗口（卷积核）沿着序列（时间步，或文本中的位置）滑动，在每个位置上，把窗口下所有输入通道的数值按权重加权求和，再加上偏置。每个过滤器（filter）就是一组窗口权重，产生一个输出通道：一张标出它的图案（一次上升、一个峰、一个短语）出现在哪里的图。可以想象一块小镂花模板在输入上一步一步地移动，每停一处就记下一个数。因为同一组权重在每个位置上重复使用，卷积层需要的权重比同样输入上的全连接层（Dense）少得多。</translation>
    </message>
    <message>
        <source>note:Conv2D</source>
        <translation>卷积让一个小窗口（卷积核）在图像的高和宽上滑动，在每个位置上，把窗口下所有输入通道的数值按权重加权求和，再加上偏置。每个过滤器（filter）就是一组窗口权重，产生一个输出通道：一张标出它的图案（一条边缘、一道条纹、一块颜色）出现在哪里的图。可以想象一块小镂花模板在输入上一步一步地移动，每停一处就记下一个数。因为同一组权重在每个位置上重复使用，卷积层需要的权重比同样输入上的全连接层（Dense）少得多。</translation>
    </message>
    <message>
        <source>note:Conv3D</source>
        <translation>卷积让一个小窗口（卷积核）在一个立体（深度、高和宽：一段视频、一次医学扫描）中滑动，在每个位置上，把窗口下所有输入通道的数值按权重加权求和，再加上偏置。每个过滤器（filter）就是一组窗口权重，产生一个输出通道：一张标出它的图案（一个动作、一团斑块）出现在哪里的图。可以想象一块小镂花模板在输入上一步一步地移动，每停一处就记下一个数。因为同一组权重在每个位置上重复使用，卷积层需要的权重比同样输入上的全连接层（Dense）少得多。</translation>
    </message>
    <message>
        <source>note:Conv1DTranspose</source>
        <translation>转置卷积把卷积的形状算术倒过来做：每个输入值按卷积核的权重缩放后，铺到输出的一个窗口上，窗口重叠的地方贡献相加。strides 为 2 时，输出的长度大约扩大一倍。可以想象把一个带权重的印章盖到更大的画布上，每个输入值盖一次，每次按步长挪动印章。解码器、自编码器和分割网络用它把小的特征图放大，逐步恢复到输入的大小（它有时被叫作反卷积，但它并不能撤销一次卷积）。</translation>
    </message>
    <message>
        <source>note:Conv2DTranspose</source>
        <translation>转置卷积把卷积的形状算术倒过来做：每个输入值按卷积核的权重缩放后，铺到输出的一个窗口上，窗口重叠的地方贡献相加。strides 为 2 时，输出的高和宽大约扩大一倍。可以想象把一个带权重的印章盖到更大的画布上，每个输入值盖一次，每次按步长挪动印章。解码器、自编码器和分割网络用它把小的特征图放大，逐步恢复到输入的大小（它有时被叫作反卷积，但它并不能撤销一次卷积）。</translation>
    </message>
    <message>
        <source>note:Conv3DTranspose</source>
        <translation>转置卷积把卷积的形状算术倒过来做：每个输入值按卷积核的权重缩放后，铺到输出的一个窗口上，窗口重叠的地方贡献相加。strides 为 2 时，输出的每个轴大约扩大一倍。可以想象把一个带权重的印章盖到更大的画布上，每个输入值盖一次，每次按步长挪动印章。解码器、自编码器和分割网络用它把小的特征图放大，逐步恢复到输入的大小（它有时被叫作反卷积，但它并不能撤销一次卷积）。</translation>
    </message>
    <message>
        <source>note:MaxPooling</source>
        <translation>池化用一个数概括每个小窗口，从而缩小特征图：最大池化保留每个窗口中的最大值。可以想象在特征图上铺一张网格，每个格子只报告它最强的响应：网络记住的是“这个图案大概在这里”，对确切位置就不那么敏感了。每个通道各自池化，没有要学习的东西。</translation>
    </message>
    <message>
        <source>note:AveragePooling</source>
        <translation>池化用一个数概括每个小窗口，从而缩小特征图：平均池化保留每个窗口的平均值。可以想象在特征图上铺一张网格，每个格子只报告它的平均响应：网络记住的是“这个图案大概在这里”，对确切位置就不那么敏感了。每个通道各自池化，没有要学习的东西。</translation>
    </message>
    <message>
        <source>note:GlobalMax</source>
        <translation>全局池化把每一整张特征图概括为每个通道一个数：取所有位置上的最大值。一个 7×7×512 的块变成 512 个数，说明每种图案在输入中任何地方出现的强度。网络用它代替分类器前的 Flatten：它没有权重，让模型保持小巧，而且适用于任意输入大小。</translation>
    </message>
    <message>
        <source>note:GlobalAverage</source>
        <translation>全局池化把每一整张特征图概括为每个通道一个数：取所有位置上的平均值。一个 7×7×512 的块变成 512 个数，说明每种图案在输入中任何地方出现的强度。网络用它代替分类器前的 Flatten：它没有权重，让模型保持小巧，而且适用于任意输入大小。</translation>
    </message>
</context>
<context>
    <name>ExplainPanel</name>
    <message>
        <source>What it does</source>
        <translation>它做什么</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>Keras&apos;s documentation:</source>
        <translation>Keras 官方文档（英文）：</translation>
    </message>
    <message>
        <source>Keras gives no description of this layer.</source>
        <translation>Keras 没有给出这个层的说明。</translation>
    </message>
    <message>
        <source>call {0} of {1}: one layer, called {1} times with the same weights</source>
        <translation>第 {0} 次调用（共 {1} 次）：同一个层，用同一组权重被调用了 {1} 次</translation>
    </message>
    <message>
        <source>Keras rejects this call:</source>
        <translation>Keras 拒绝这次调用：</translation>
    </message>
    <message>
        <source>in</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>out</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>None (any size) stays None</source>
        <translation>None（任意大小）仍为 None</translation>
    </message>
    <message>
        <source>Parameters · counted once for {0} calls</source>
        <translation>参数 · {0} 次调用只计一次</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Not known yet:</source>
        <translation>暂时未知：</translation>
    </message>
    <message>
        <source>Non-trainable weights are not changed by gradients: Keras updates them another way (BatchNormalization averages the batches it sees), or the layer is frozen.</source>
        <translation>不可训练的权重不随梯度更新：要么 Keras 用别的方式更新它们（BatchNormalization 对见过的批次求平均），要么这个层被冻结了。</translation>
    </message>
    <message>
        <source>non-trainable</source>
        <translation>不可训练</translation>
    </message>
    <message>
        <source>Explain a layer</source>
        <translation>讲解一个层</translation>
    </message>
    <message>
        <source>Click a layer on the canvas to see, with this model&apos;s numbers:</source>
        <translation>在画布上点击一个层，用这个模型的实际数字来看：</translation>
    </message>
    <message>
        <source>what it computes, in plain words and in Keras&apos;s own;</source>
        <translation>它计算什么，用浅白的话说，也附上 Keras 自己的说明；</translation>
    </message>
    <message>
        <source>how its output shape follows from its input, axis by axis;</source>
        <translation>它的输出形状如何由输入逐轴推出；</translation>
    </message>
    <message>
        <source>where its parameters come from, weight by weight.</source>
        <translation>它的参数从哪里来，一个权重一个权重地算。</translation>
    </message>
    <message>
        <source>The explanation follows every edit: change a kernel size or a stride in the Inspector and watch the formula change.</source>
        <translation>讲解会随每次修改更新：在检查器里改一下 kernel_size 或 strides，看公式怎么变。</translation>
    </message>
    <message>
        <source>Copy as text</source>
        <translation>复制为文本</translation>
    </message>
    <message>
        <source>Copy this explanation as plain text, for a handout.</source>
        <translation>把这段讲解复制为纯文本，方便做讲义。</translation>
    </message>
    <message>
        <source>Smaller text</source>
        <translation>缩小文字</translation>
    </message>
    <message>
        <source>Larger text, for a projector</source>
        <translation>放大文字，适合投影</translation>
    </message>
    <message>
        <source>Loading Keras…</source>
        <translation>正在加载 Keras…</translation>
    </message>
    <message>
        <source>Explain</source>
        <translation>讲解</translation>
    </message>
</context>
<context>
    <name>ExplainWords</name>
    <message>
        <source>input features</source>
        <translation>个输入特征</translation>
    </message>
    <message>
        <source>units</source>
        <translation>个单元</translation>
    </message>
    <message>
        <source>units, one each</source>
        <translation>个单元，每个一个</translation>
    </message>
    <message>
        <source>input channels</source>
        <translation>个输入通道</translation>
    </message>
    <message>
        <source>window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>filters</source>
        <translation>个过滤器</translation>
    </message>
    <message>
        <source>filters, one each</source>
        <translation>个过滤器，每个一个</translation>
    </message>
    <message>
        <source>depthwise outputs</source>
        <translation>个逐深度输出</translation>
    </message>
    <message>
        <source>output channels, one each</source>
        <translation>个输出通道，每个一个</translation>
    </message>
    <message>
        <source>parts</source>
        <translation>个部分</translation>
    </message>
    <message>
        <source>units of the previous state</source>
        <translation>个上一状态的单元</translation>
    </message>
    <message>
        <source>biases (input, recurrent)</source>
        <translation>组偏置（输入、循环）</translation>
    </message>
    <message>
        <source>rows (input_dim)</source>
        <translation>行 (input_dim)</translation>
    </message>
    <message>
        <source>numbers per row (output_dim)</source>
        <translation>个数，每行 (output_dim)</translation>
    </message>
    <message>
        <source>channels, one each</source>
        <translation>个通道，每个一个</translation>
    </message>
    <message>
        <source>features, one each</source>
        <translation>个特征，每个一个</translation>
    </message>
    <message>
        <source>heads</source>
        <translation>个头</translation>
    </message>
    <message>
        <source>value_dim</source>
        <translation>value_dim</translation>
    </message>
    <message>
        <source>output features</source>
        <translation>个输出特征</translation>
    </message>
    <message>
        <source>output features, one each</source>
        <translation>个输出特征，每个一个</translation>
    </message>
</context>
<context>
    <name>ExportProcess</name>
    <message>
        <source>Starting the export worker (TensorFlow loads in a few seconds)…</source>
        <translation>正在启动导出进程（TensorFlow 需要几秒钟加载）…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>The export worker stopped unexpectedly (exit code {code}). {detail}</source>
        <translation>导出进程意外停止（退出码 {code}）。{detail}</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <source>Models (*.kcanvas *.json *.yaml *.yml *.keras *.h5 *.hdf5 *.py);;Keras Canvas project (*.kcanvas);;Keras JSON (*.json);;YAML (*.yaml *.yml);;Keras archive (*.keras);;Legacy Keras 2 (*.h5);;Keras Python script, read without running it (*.py)</source>
        <translation>模型 (*.kcanvas *.json *.yaml *.yml *.keras *.h5 *.hdf5 *.py);;Keras Canvas 项目 (*.kcanvas);;Keras JSON (*.json);;YAML (*.yaml *.yml);;Keras 归档 (*.keras);;旧版 Keras 2 (*.h5);;Keras Python 脚本，只读取不运行 (*.py)</translation>
    </message>
    <message>
        <source>Keras Canvas project (*.kcanvas)</source>
        <translation>Keras Canvas 项目 (*.kcanvas)</translation>
    </message>
    <message>
        <source>Keras JSON (*.json)</source>
        <translation>Keras JSON (*.json)</translation>
    </message>
    <message>
        <source>YAML (*.yaml)</source>
        <translation>YAML (*.yaml)</translation>
    </message>
    <message>
        <source>Python script (*.py)</source>
        <translation>Python 脚本 (*.py)</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>SVG image (*.svg)</source>
        <translation>SVG 图片 (*.svg)</translation>
    </message>
    <message>
        <source>Open model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <source>Another file is still opening: wait for it, or cancel it first.</source>
        <translation>另一个文件还在打开中：请等它打开，或先取消。</translation>
    </message>
    <message>
        <source>Cannot open &apos;{0}&apos;: {1}</source>
        <translation>无法打开“{0}”：{1}</translation>
    </message>
    <message>
        <source>Opening {0}…</source>
        <translation>正在打开 {0}…</translation>
    </message>
    <message>
        <source>Reading the code in {0}…</source>
        <translation>正在读取 {0} 中的代码…</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; was not opened: its code was not allowed.</source>
        <translation>没有打开“{0}”：未允许其中的代码。</translation>
    </message>
    <message>
        <source>Save project</source>
        <translation>保存项目</translation>
    </message>
    <message>
        <source>Cannot save &apos;{0}&apos;: {1}</source>
        <translation>无法保存“{0}”：{1}</translation>
    </message>
    <message>
        <source>Saved {0} ({1}).</source>
        <translation>已保存 {0}（{1}）。</translation>
    </message>
    <message>
        <source>Export {0}</source>
        <translation>导出 {0}</translation>
    </message>
    <message>
        <source>Picture export is not available in this build.</source>
        <translation>此版本不支持导出图片。</translation>
    </message>
    <message>
        <source>Cannot export &apos;{0}&apos;: {1}</source>
        <translation>无法导出“{0}”：{1}</translation>
    </message>
    <message>
        <source>Exported {0} to {1} ({2}).</source>
        <translation>已将 {0} 导出到 {1}（{2}）。</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <source>Save the changes to {0}?</source>
        <translation>保存对 {0} 的修改吗？</translation>
    </message>
    <message>
        <source>Save the changes to the untitled model?</source>
        <translation>保存对这个未命名模型的修改吗？</translation>
    </message>
    <message numerus="yes">
        <source>It holds %n training run(s) ({0}) that only a saved model keeps: Discard drops them from the model. Their files stay in {1}.</source>
        <translation>
            <numerusform>它包含 %n 次训练运行（{0}），只有保存了模型才会留下这些记录：选择“放弃”会把它们从模型中去掉，但它们的文件仍保留在 {1}。</numerusform>
        </translation>
    </message>
    <message>
        <source>Recover unsaved work</source>
        <translation>恢复未保存的工作</translation>
    </message>
    <message>
        <source>model &apos;{0}&apos;</source>
        <translation>模型“{0}”</translation>
    </message>
    <message>
        <source>model</source>
        <translation>模型</translation>
    </message>
    <message numerus="yes">
        <source> (%n layer(s))</source>
        <translation>
            <numerusform>（%n 层）</numerusform>
        </translation>
    </message>
    <message>
        <source>not saved to a file yet</source>
        <translation>尚未保存到文件</translation>
    </message>
    <message>
        <source>Restore the unsaved {0}, {1}, autosaved at {2}?</source>
        <translation>恢复未保存的{0}吗？（{1}，自动保存于 {2}）</translation>
    </message>
    <message>
        <source>Restore the unsaved {0}, {1}, autosaved?</source>
        <translation>恢复自动保存的未保存{0}吗？（{1}）</translation>
    </message>
    <message>
        <source>Keras Canvas did not close normally.</source>
        <translation>Keras Canvas 上次没有正常关闭。</translation>
    </message>
    <message>
        <source>No discards it.</source>
        <translation>选择“否”将丢弃它。</translation>
    </message>
    <message>
        <source>The recovered model</source>
        <translation>恢复的模型</translation>
    </message>
    <message>
        <source>The recovery file cannot be read: {0}</source>
        <translation>无法读取恢复文件：{0}</translation>
    </message>
</context>
<context>
    <name>GraphView</name>
    <message>
        <source>Drag a layer from the palette, or press Tab to search for one.
Start with an Input, then drag from a node&apos;s bottom port
to another&apos;s top port to connect them.</source>
        <translation>从层面板拖一个层过来，或按 Tab 搜索。
先放一个 Input，再从一个节点底部的端口
拖到另一个节点顶部的端口，把它们连起来。</translation>
    </message>
</context>
<context>
    <name>GroupDialog</name>
    <message>
        <source>Group into model</source>
        <translation>组合为模型</translation>
    </message>
    <message>
        <source>A model is called like a layer: double-click the block to go inside, and use Edit &gt; Apply again to call it on other inputs with the same weights.</source>
        <translation>模型可以像层一样被调用：双击这个块进入内部；用“编辑 &gt; 再次调用”可在其他输入上以相同权重调用它。</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>组合</translation>
    </message>
    <message>
        <source>Name of the new model:</source>
        <translation>新模型的名称：</translation>
    </message>
    <message>
        <source>Group 1 layer into a nested model</source>
        <translation>把 1 个层组合为嵌套模型</translation>
    </message>
    <message>
        <source>Group {count} layers into a nested model</source>
        <translation>把 {count} 个层组合为嵌套模型</translation>
    </message>
    <message>
        <source>{names} stays outside and feeds the group: a nested model gets Inputs of its own.</source>
        <translation>{names} 留在外面，作为这个组的输入：嵌套模型有自己的 Input 层。</translation>
    </message>
    <message>
        <source>{names} lies between selected layers: the group must hold it, or it would read its own output.</source>
        <translation>{names} 位于选中的层之间：组必须包含它，否则它会读取自己的输出。</translation>
    </message>
    <message>
        <source>{names} lie between selected layers: the group must hold them, or it would read its own output.</source>
        <translation>{names} 位于选中的层之间：组必须包含它们，否则组会读取自己的输出。</translation>
    </message>
    <message>
        <source>{names}: more calls of a selected shared layer, outside the selection. Its weights cannot be both inside and outside the group.</source>
        <translation>{names}：选中的共享层在选区之外还有其他调用。它的权重不能同时在组内和组外。</translation>
    </message>
    <message>
        <source>Include {names} in the group</source>
        <translation>把 {names} 包含进组</translation>
    </message>
    <message>
        <source>Takes: {inputs}
Gives: {outputs}</source>
        <translation>输入：{inputs}
输出：{outputs}</translation>
    </message>
    <message>
        <source>Nothing reads {names} yet: its output becomes the group&apos;s output (mark the group as a model output, or connect it, afterwards).</source>
        <translation>还没有层读取 {names}：它的输出将成为组的输出（之后可把组标记为模型输出，或把它连接起来）。</translation>
    </message>
    <message>
        <source>Give the new model a name.</source>
        <translation>请给新模型起个名字。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is taken: choose another name.</source>
        <translation>“{name}”已被使用：请换一个名字。</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>
&lt;h2&gt;Build a Keras model by drawing it&lt;/h2&gt;
&lt;ol&gt;
&lt;li&gt;&lt;b&gt;Start with an Input.&lt;/b&gt; Drag &lt;i&gt;Input&lt;/i&gt; from the palette (Core) onto the canvas and set
its shape in the inspector, without the batch axis: &lt;code&gt;20&lt;/code&gt; for 20 features,
&lt;code&gt;28, 28, 1&lt;/code&gt; for a grey image.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Add layers.&lt;/b&gt; Drag a layer onto the canvas, or double-click it in the palette: with one
node selected, the new layer is connected after it. &lt;i&gt;Edit → Append layer&lt;/i&gt; is Keras&apos;s
&lt;code&gt;model.add()&lt;/code&gt;, &lt;i&gt;Remove last layer&lt;/i&gt; its &lt;code&gt;model.pop()&lt;/code&gt;.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Connect.&lt;/b&gt; Drag from a node&apos;s output port to another node&apos;s input port. Merge layers
(Add, Concatenate…) take any number of inputs. Impossible connections are refused with the
reason.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Edit parameters&lt;/b&gt; in the inspector; a wrong value is explained under the field. Every
change can be undone (Ctrl+Z).&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Mark outputs&lt;/b&gt; in the inspector (&lt;i&gt;Model output&lt;/i&gt;). With nothing selected the
inspector shows the model: its name and the order of its outputs.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Share a layer&lt;/b&gt; with &lt;i&gt;Edit → Apply again&lt;/i&gt;: a second call of the same layer, with
the same weights (Keras&apos;s shared layers). &lt;i&gt;Duplicate&lt;/i&gt; makes an independent copy.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Nested models&lt;/b&gt;: select nodes, &lt;i&gt;Edit → Group into model&lt;/i&gt;; double-click the block to
enter it.&lt;/li&gt;
&lt;/ol&gt;
&lt;h3&gt;On the canvas&lt;/h3&gt;
&lt;table cellpadding=&quot;3&quot;&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;Tab&lt;/b&gt;, or double-click the empty canvas&lt;/td&gt;&lt;td&gt;search a layer by name; Enter places
it, connected after the selected node&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;Drop a layer on a wire&lt;/td&gt;&lt;td&gt;insert it into that wire&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;Mouse wheel, &lt;b&gt;Ctrl+=&lt;/b&gt; / &lt;b&gt;Ctrl+-&lt;/b&gt;&lt;/td&gt;&lt;td&gt;zoom (around the cursor, or the
centre); &lt;b&gt;Ctrl+0&lt;/b&gt; shows 100 %&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;Middle button, or Space + drag&lt;/td&gt;&lt;td&gt;pan&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;Drag on the empty canvas&lt;/td&gt;&lt;td&gt;select with a rectangle&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;F&lt;/b&gt;, &lt;b&gt;Shift+F&lt;/b&gt;&lt;/td&gt;&lt;td&gt;fit the whole graph; zoom to the selection&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;Chevron of a group, double-click, &lt;b&gt;+&lt;/b&gt; / &lt;b&gt;−&lt;/b&gt;&lt;/td&gt;&lt;td&gt;open a group of layers
(a block, a stage) where it stands; close the group of the selected card. &lt;i&gt;View → Collapse all
to level&lt;/i&gt; shows a large model stage by stage or block by block&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;The minimap (bottom right)&lt;/td&gt;&lt;td&gt;the whole graph; click or drag to move there
(&lt;i&gt;View → Minimap&lt;/i&gt;)&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+1&lt;/b&gt;&lt;/td&gt;&lt;td&gt;give the canvas the keyboard (a blue frame shows it has it)&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;Arrow keys&lt;/b&gt;&lt;/td&gt;&lt;td&gt;move the selection along the wires: Up to the node it reads,
Down to a node reading it, Left / Right to its siblings&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;Shift+arrows&lt;/b&gt;&lt;/td&gt;&lt;td&gt;move the selected cards (one undo step per burst)&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;Escape&lt;/b&gt;, &lt;b&gt;Enter&lt;/b&gt;&lt;/td&gt;&lt;td&gt;clear the selection; open a selected nested
model&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;Delete&lt;/b&gt;, &lt;b&gt;Ctrl+D&lt;/b&gt;, &lt;b&gt;Ctrl+A&lt;/b&gt;&lt;/td&gt;&lt;td&gt;remove, duplicate, select all&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+C&lt;/b&gt; / &lt;b&gt;Ctrl+V&lt;/b&gt;&lt;/td&gt;&lt;td&gt;copy, paste at the mouse; pasting a Keras model&apos;s
JSON text adds its layers&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;Double-click a block&lt;/td&gt;&lt;td&gt;enter a nested model; &lt;b&gt;Backspace&lt;/b&gt; goes back up;
&lt;b&gt;+&lt;/b&gt; shows its layers in place instead&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;Hover a wire or a port&lt;/td&gt;&lt;td&gt;its tensor&apos;s shape, axis by axis&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;Right-click a node&lt;/td&gt;&lt;td&gt;what can be done with it&lt;/td&gt;&lt;/tr&gt;
&lt;/table&gt;
&lt;p&gt;&lt;b&gt;Large models&lt;/b&gt; open with their layers gathered into groups, found from their names
(&lt;code&gt;conv3_block2_1_conv&lt;/code&gt; is in block 2 of stage conv3) or from their structure (an
Inception module between two &lt;code&gt;mixed&lt;/code&gt; layers). A group&apos;s card gives its layers, its
parameters and the shapes going in and out. Opening and closing groups only changes the view:
the model, its exports and the undo history stay the same; the project file remembers which
groups are open.&lt;/p&gt;
&lt;p&gt;&lt;b&gt;Reading shapes.&lt;/b&gt; &lt;code&gt;(None, 48, 48, 32)&lt;/code&gt; is batch, height, width, channels;
&lt;code&gt;None&lt;/code&gt; means any batch size. The &lt;i&gt;Summary&lt;/i&gt; panel is &lt;code&gt;model.summary()&lt;/code&gt;;
&lt;i&gt;Problems&lt;/i&gt; lists what Keras would reject (click one to go to the node).&lt;/p&gt;
&lt;p&gt;&lt;b&gt;Export&lt;/b&gt; the model as Keras JSON, YAML or a Python script from &lt;i&gt;File → Export&lt;/i&gt;; the
code panels show the same text live.&lt;/p&gt;
</source>
        <translation>
&lt;h2&gt;画出一个 Keras 模型&lt;/h2&gt;
&lt;ol&gt;
&lt;li&gt;&lt;b&gt;从 Input 开始。&lt;/b&gt;从层面板（核心）把 &lt;i&gt;Input&lt;/i&gt; 拖到画布上，在检查器里设置它的形状，不含批次轴：20 个特征写 &lt;code&gt;20&lt;/code&gt;，一张灰度图写 &lt;code&gt;28, 28, 1&lt;/code&gt;。&lt;/li&gt;
&lt;li&gt;&lt;b&gt;添加层。&lt;/b&gt;把层拖到画布上，或在层面板里双击它：如果选中了一个节点，新层会自动连在它后面。
&lt;i&gt;编辑 → 追加层&lt;/i&gt; 就是 Keras 的 &lt;code&gt;model.add()&lt;/code&gt;，&lt;i&gt;移除最后一层&lt;/i&gt; 就是
&lt;code&gt;model.pop()&lt;/code&gt;。&lt;/li&gt;
&lt;li&gt;&lt;b&gt;连接。&lt;/b&gt;从一个节点的输出端口拖到另一个节点的输入端口。合并层（Add、Concatenate…）可以接任意多个输入。不可能的连接会被拒绝，并说明原因。&lt;/li&gt;
&lt;li&gt;&lt;b&gt;编辑参数&lt;/b&gt;在检查器中进行；填错的值会在输入框下方说明原因。每一次修改都可以撤销（Ctrl+Z）。&lt;/li&gt;
&lt;li&gt;&lt;b&gt;标记输出&lt;/b&gt;在检查器中进行（&lt;i&gt;模型输出&lt;/i&gt;）。什么都不选时，检查器显示模型本身：它的名字和各输出的顺序。&lt;/li&gt;
&lt;li&gt;&lt;b&gt;共享层&lt;/b&gt;用 &lt;i&gt;编辑 → 再次调用&lt;/i&gt;：同一个层的第二次调用，使用同一组权重（即 Keras 的共享层）。
&lt;i&gt;复制&lt;/i&gt; 则得到一个独立的副本。&lt;/li&gt;
&lt;li&gt;&lt;b&gt;嵌套模型&lt;/b&gt;：选中若干节点，&lt;i&gt;编辑 → 组合为模型&lt;/i&gt;；双击这个方块即可进入。&lt;/li&gt;
&lt;/ol&gt;
&lt;h3&gt;画布操作&lt;/h3&gt;
&lt;table cellpadding=&quot;3&quot;&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;Tab&lt;/b&gt;，或双击画布空白处&lt;/td&gt;&lt;td&gt;按名字搜索层；按 Enter 放置，并连在选中节点之后&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;把层拖放到连线上&lt;/td&gt;&lt;td&gt;插入到这条连线中&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;鼠标滚轮，&lt;b&gt;Ctrl+=&lt;/b&gt; / &lt;b&gt;Ctrl+-&lt;/b&gt;&lt;/td&gt;&lt;td&gt;缩放（以光标或视图中心为中心）；&lt;b&gt;Ctrl+0&lt;/b&gt; 显示 100 %&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;鼠标中键，或按住空格拖动&lt;/td&gt;&lt;td&gt;平移&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;在画布空白处拖动&lt;/td&gt;&lt;td&gt;框选&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;F&lt;/b&gt;、&lt;b&gt;Shift+F&lt;/b&gt;&lt;/td&gt;&lt;td&gt;显示整张图；缩放到选中部分&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;组的折叠箭头、双击、&lt;b&gt;+&lt;/b&gt; / &lt;b&gt;−&lt;/b&gt;&lt;/td&gt;&lt;td&gt;在原处展开一组层（一个模块、一个阶段）；收起选中卡片所在的组。&lt;i&gt;视图 → 全部收起到层级&lt;/i&gt; 可以按阶段或按模块查看大模型&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;小地图（右下角）&lt;/td&gt;&lt;td&gt;整张图；点击或拖动即可移动到那里（&lt;i&gt;视图 → 小地图&lt;/i&gt;）&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+1&lt;/b&gt;&lt;/td&gt;&lt;td&gt;把键盘交给画布（出现蓝色边框表示画布获得了焦点）&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;方向键&lt;/b&gt;&lt;/td&gt;&lt;td&gt;沿连线移动选择：↑ 到它读取的节点，↓ 到读取它的节点，← / → 到相邻的兄弟节点&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;Shift+方向键&lt;/b&gt;&lt;/td&gt;&lt;td&gt;移动选中的卡片（连续移动只算一步撤销）&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;Escape&lt;/b&gt;、&lt;b&gt;Enter&lt;/b&gt;&lt;/td&gt;&lt;td&gt;清除选择；打开选中的嵌套模型&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;Delete&lt;/b&gt;、&lt;b&gt;Ctrl+D&lt;/b&gt;、&lt;b&gt;Ctrl+A&lt;/b&gt;&lt;/td&gt;&lt;td&gt;删除、复制、全选&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+C&lt;/b&gt; / &lt;b&gt;Ctrl+V&lt;/b&gt;&lt;/td&gt;&lt;td&gt;复制，在鼠标处粘贴；粘贴 Keras 模型的 JSON 文本会加入它的各层&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;双击一个方块&lt;/td&gt;&lt;td&gt;进入嵌套模型；&lt;b&gt;Backspace&lt;/b&gt; 返回上一层；按 &lt;b&gt;+&lt;/b&gt; 则在原处展开它的各层&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;鼠标悬停在连线或端口上&lt;/td&gt;&lt;td&gt;逐轴显示其张量的形状&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;右键单击节点&lt;/td&gt;&lt;td&gt;可以对它做的操作&lt;/td&gt;&lt;/tr&gt;
&lt;/table&gt;
&lt;p&gt;&lt;b&gt;大模型&lt;/b&gt;打开时，它的层会按名字（&lt;code&gt;conv3_block2_1_conv&lt;/code&gt; 属于 conv3 阶段的第 2 个模块）或按结构（两个 &lt;code&gt;mixed&lt;/code&gt; 层之间的一个 Inception 模块）归成若干组。组的卡片显示它包含的层数、参数，以及进出的形状。展开和收起组只改变视图：模型、它的导出和撤销历史都保持不变；项目文件会记住哪些组是展开的。&lt;/p&gt;
&lt;p&gt;&lt;b&gt;读懂形状。&lt;/b&gt;&lt;code&gt;(None, 48, 48, 32)&lt;/code&gt; 依次是批次、高、宽、通道；&lt;code&gt;None&lt;/code&gt; 表示批次大小任意。
&lt;i&gt;摘要&lt;/i&gt; 面板就是 &lt;code&gt;model.summary()&lt;/code&gt;；&lt;i&gt;问题&lt;/i&gt; 面板列出 Keras 会拒绝的地方（点击一条即可跳到对应节点）。&lt;/p&gt;
&lt;p&gt;&lt;b&gt;导出&lt;/b&gt;：通过 &lt;i&gt;文件 → 导出&lt;/i&gt; 把模型导出为 Keras JSON、YAML 或 Python 脚本；代码面板实时显示同样的内容。&lt;/p&gt;
</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Keras Canvas&lt;/h3&gt;
&lt;p&gt;Draw Keras 3 functional models, see what Keras says at every step, export them as Keras
JSON, YAML or Python, and train them.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Keras Canvas&lt;/h3&gt;
&lt;p&gt;画出 Keras 3 函数式模型，每一步都能看到 Keras 怎么说；把模型导出为 Keras JSON、YAML 或 Python，并训练它们。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>How to use Keras Canvas</source>
        <translation>如何使用 Keras Canvas</translation>
    </message>
    <message>
        <source>About Keras Canvas</source>
        <translation>关于 Keras Canvas</translation>
    </message>
</context>
<context>
    <name>ImagePage</name>
    <message>
        <source>An image file (PNG, JPEG…)</source>
        <translation>一个图片文件（PNG、JPEG…）</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>The image is converted to the input&apos;s channels and resized to its height and width.</source>
        <translation>图片会转换成输入的通道数，并缩放到输入的高和宽。</translation>
    </message>
</context>
<context>
    <name>InputSection</name>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>The shape of one sample, without the batch axis: 20 for 20 features, 28, 28, 1 for a grey image (height, width, channels), None for a variable length.</source>
        <translation>单个样本的形状，不含批次轴：20 个特征写 20，一张灰度图写 28, 28, 1（高、宽、通道），可变长度写 None。</translation>
    </message>
    <message>
        <source>any (None)</source>
        <translation>任意 (None)</translation>
    </message>
    <message>
        <source>Leave empty for any batch size. Stateful RNNs need a fixed one.</source>
        <translation>留空表示批次大小任意。有状态（stateful）的 RNN 需要固定的批次大小。</translation>
    </message>
    <message>
        <source>shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>batch size</source>
        <translation>批次大小</translation>
    </message>
    <message>
        <source>Tensor {0}</source>
        <translation>张量 {0}</translation>
    </message>
    <message>
        <source>Set input shape {0}</source>
        <translation>设置输入形状 {0}</translation>
    </message>
</context>
<context>
    <name>InspectorPanel</name>
    <message>
        <source>{0} ({1}). Keras is still loading: its parameters and shapes show here in a moment. Meanwhile, place and wire layers.</source>
        <translation>{0}（{1}）。Keras 仍在加载：它的参数和形状稍后会显示在这里。这段时间里可以先放置和连接层。</translation>
    </message>
    <message numerus="yes">
        <source>%n nodes selected. Select one node to edit its layer, or group them into a model (Edit menu).</source>
        <translation>
            <numerusform>选中了 %n 个节点。只选一个节点才能编辑它的层，或者把它们组合为一个模型（编辑菜单）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing selected: these are the model&apos;s settings. Click a node to edit its layer.</source>
        <translation>未选中任何节点：这里是模型本身的设置。点击一个节点即可编辑它的层。</translation>
    </message>
    <message>
        <source>Nested {0} model</source>
        <translation>嵌套的 {0} 模型</translation>
    </message>
    <message>
        <source>{0}, {1}, {2}. Its weights are shared by every call.</source>
        <translation>{0}、{1}、{2}。它的权重由每一次调用共享。</translation>
    </message>
    <message numerus="yes">
        <source>%n layer(s)</source>
        <translation>
            <numerusform>%n 层</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n input(s)</source>
        <translation>
            <numerusform>%n 个输入</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n output(s)</source>
        <translation>
            <numerusform>%n 个输出</numerusform>
        </translation>
    </message>
    <message>
        <source>Open nested model</source>
        <translation>打开嵌套模型</translation>
    </message>
    <message>
        <source>Edit the layers inside (also: double-click the block on the canvas).</source>
        <translation>编辑里面的层（也可以在画布上双击这个方块）。</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>This layer has no parameters.</source>
        <translation>这个层没有参数。</translation>
    </message>
    <message>
        <source>Set {0}</source>
        <translation>设置 {0}</translation>
    </message>
</context>
<context>
    <name>InspectorSections</name>
    <message>
        <source>A shape is a tuple of positive integers (None for a variable size), without the batch axis, e.g. 28, 28, 1. Received: {0}</source>
        <translation>形状是一组正整数（可变大小用 None），不含批次轴，例如 28, 28, 1。收到：{0}</translation>
    </message>
    <message>
        <source>The batch size is a positive integer, or empty for any. Received: {0}</source>
        <translation>批次大小是一个正整数，留空表示任意。收到：{0}</translation>
    </message>
    <message>
        <source>not computed</source>
        <translation>尚未计算</translation>
    </message>
    <message>
        <source>input&amp;nbsp;&amp;nbsp;&lt;code&gt;{0}&lt;/code&gt;&lt;br&gt;output &lt;code&gt;{1}&lt;/code&gt;</source>
        <translation>输入 &lt;code&gt;{0}&lt;/code&gt;&lt;br&gt;输出 &lt;code&gt;{1}&lt;/code&gt;</translation>
    </message>
</context>
<context>
    <name>LanguageSwitch</name>
    <message>
        <source>Change the language</source>
        <translation>切换语言</translation>
    </message>
    <message>
        <source>A training job is running. The window is rebuilt in {0}, which the job cannot survive: switch when it ends, or stop it now (the run in flight is lost)?</source>
        <translation>有一个训练任务正在运行。切换到{0}需要重建窗口，而正在运行的任务无法保留：是等它结束后再切换，还是现在停止它（正在进行的这次运行会丢失）？</translation>
    </message>
    <message>
        <source>Switch when it ends</source>
        <translation>结束后再切换</translation>
    </message>
    <message>
        <source>Stop it and switch now</source>
        <translation>停止并立即切换</translation>
    </message>
    <message>
        <source>The interface switches to {0} when the training job ends.</source>
        <translation>训练任务结束后，界面将切换为{0}。</translation>
    </message>
</context>
<context>
    <name>LayersPanel</name>
    <message>
        <source>get_layer: a name or an index, then Enter</source>
        <translation>get_layer：输入名字或索引，然后按 Enter</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>shared ×{0}</source>
        <translation>共享 ×{0}</translation>
    </message>
    <message>
        <source>nested model</source>
        <translation>嵌套模型</translation>
    </message>
</context>
<context>
    <name>LookInside</name>
    <message>
        <source>model changed</source>
        <translation>模型已改变</translation>
    </message>
    <message>
        <source>step size Δw/w {value}</source>
        <translation>每步变化 Δw/w {value}</translation>
    </message>
    <message>
        <source>The pictures cannot be read: {error}</source>
        <translation>无法读取这些图：{error}</translation>
    </message>
    <message>
        <source>Sample: {sample}</source>
        <translation>样本：{sample}</translation>
    </message>
    <message>
        <source>Inside {model}: the values of its first call.</source>
        <translation>{model} 的内部：它第一次调用时的数值。</translation>
    </message>
    <message>
        <source>Click a thumbnail for all channels and the numbers.</source>
        <translation>点击缩略图可查看全部通道和具体数值。</translation>
    </message>
    <message>
        <source>Each card has its own colour scale: white is zero, blue below, red above; the strongest colour is the 99th percentile of the card&apos;s values. Magenta marks NaN or infinite values.</source>
        <translation>每张卡片有自己的色标：白色是零，蓝色小于零，红色大于零；最深的颜色对应这张卡片数值的第 99 百分位。品红色标出 NaN 或无穷大的值。</translation>
    </message>
    <message>
        <source>The blue line under a card: how much one training step changes the layer&apos;s weights (Δw/w, on a log scale); in the green band (1e-4 to 1e-2) training usually goes well.</source>
        <translation>卡片下方的蓝线：一步训练让该层的权重改变了多少（Δw/w，对数刻度）；落在绿色带（1e-4 到 1e-2）里，训练通常比较顺利。</translation>
    </message>
    <message>
        <source>Weights: before training.</source>
        <translation>权重：训练之前。</translation>
    </message>
    <message>
        <source>Weights: after epoch {epoch} of {epochs}.</source>
        <translation>权重：第 {epoch} 轮之后（共 {epochs} 轮）。</translation>
    </message>
    <message>
        <source>Weights: during epoch {epoch}.</source>
        <translation>权重：第 {epoch} 轮进行中。</translation>
    </message>
    <message>
        <source>Weights: the last run&apos;s.</source>
        <translation>权重：上一次运行的。</translation>
    </message>
    <message>
        <source>Weights: untrained (seed {seed}).</source>
        <translation>权重：未训练（随机种子 {seed}）。</translation>
    </message>
    <message>
        <source>label {label}</source>
        <translation>标签 {label}</translation>
    </message>
    <message>
        <source>{shown} of {total} channels</source>
        <translation>{total} 个通道中的 {shown} 个</translation>
    </message>
    <message>
        <source>{shown} of {total} filters</source>
        <translation>{total} 个过滤器中的 {shown} 个</translation>
    </message>
    <message>
        <source>{shown} of {total} units</source>
        <translation>{total} 个单元中的 {shown} 个</translation>
    </message>
    <message>
        <source>{shown} of {total} classes</source>
        <translation>{total} 个类别中的 {shown} 个</translation>
    </message>
    <message>
        <source>{total} channels</source>
        <translation>{total} 个通道</translation>
    </message>
    <message>
        <source>{total} filters</source>
        <translation>{total} 个过滤器</translation>
    </message>
    <message>
        <source>{total} units</source>
        <translation>{total} 个单元</translation>
    </message>
    <message>
        <source>{total} classes</source>
        <translation>{total} 个类别</translation>
    </message>
    <message>
        <source>{steps} steps × {features}</source>
        <translation>{steps} 个时间步 × {features}</translation>
    </message>
    <message>
        <source>the sample</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>{rows} × {columns} weights</source>
        <translation>{rows} × {columns} 个权重</translation>
    </message>
    <message>
        <source>no weights:
nothing to learn here</source>
        <translation>没有权重：
这里没有要学习的东西</translation>
    </message>
    <message>
        <source>from {low} to {high}</source>
        <translation>从 {low} 到 {high}</translation>
    </message>
    <message>
        <source>This layer has no weights of its own.</source>
        <translation>这个层没有自己的权重。</translation>
    </message>
    <message>
        <source>values of shape {shape}</source>
        <translation>形状为 {shape} 的数值</translation>
    </message>
    <message>
        <source>min {low}, max {high}, mean {mean}, zeros {zeros} %</source>
        <translation>最小 {low}，最大 {high}，平均 {mean}，零值 {zeros}%</translation>
    </message>
    <message>
        <source>{count} values are NaN or infinite</source>
        <translation>有 {count} 个值是 NaN 或无穷大</translation>
    </message>
    <message>
        <source>Click for every channel and the numbers.</source>
        <translation>点击查看每个通道和具体数值。</translation>
    </message>
</context>
<context>
    <name>LookLegend</name>
    <message>
        <source>below 0</source>
        <translation>小于 0</translation>
    </message>
    <message>
        <source>above 0</source>
        <translation>大于 0</translation>
    </message>
    <message>
        <source>Activations</source>
        <translation>激活值</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>What each node outputs for the chosen sample.</source>
        <translation>每个节点对所选样本的输出。</translation>
    </message>
    <message>
        <source>Each layer&apos;s weights: convolution kernels as small images, Dense matrices as heat maps.</source>
        <translation>每个层的权重：卷积核画成小图，Dense 的矩阵画成热力图。</translation>
    </message>
    <message>
        <source>Hide the thumbnails</source>
        <translation>隐藏缩略图</translation>
    </message>
    <message>
        <source>Drag it by its background if it covers cards.</source>
        <translation>如果它挡住了卡片，可以拖动它的背景移开。</translation>
    </message>
</context>
<context>
    <name>LookRunner</name>
    <message>
        <source>Shown on the cards: hover or click a thumbnail.</source>
        <translation>已显示在卡片上：把鼠标停在缩略图上或点击它。</translation>
    </message>
    <message>
        <source>The model has no input yet.</source>
        <translation>模型还没有输入。</translation>
    </message>
    <message>
        <source>The model cannot run yet: see Problems.</source>
        <translation>模型暂时还不能运行：请看问题面板。</translation>
    </message>
    <message>
        <source>The running fit shows it after this batch.</source>
        <translation>正在进行的训练会在这个批次之后显示它。</translation>
    </message>
    <message>
        <source>Another job is running; try again when it ends.</source>
        <translation>另一个任务正在运行；等它结束后再试。</translation>
    </message>
    <message>
        <source>Running the sample through every node…</source>
        <translation>正在让样本流过每一个节点…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Drag a layer from the palette to start.</source>
        <translation>从层面板拖一个层过来开始。</translation>
    </message>
    <message>
        <source>Layers palette</source>
        <translation>层面板</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>检查器</translation>
    </message>
    <message>
        <source>Model layers</source>
        <translation>模型的层</translation>
    </message>
    <message>
        <source>Seed notes</source>
        <translation>种子笔记</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Explain</source>
        <translation>讲解</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>Training &amp;panel</source>
        <translation>训练面板(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Train the model</source>
        <translation>训练模型(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Pause / resume</source>
        <translation>暂停 / 继续(&amp;P)</translation>
    </message>
    <message>
        <source>Hold the running fit before its next batch, or let it go on.</source>
        <translation>让正在进行的训练在下一个批次前暂停，或让它继续。</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <source>Loading Keras…</source>
        <translation>正在加载 Keras…</translation>
    </message>
    <message>
        <source>Keras is loading: place and wire layers now, shapes and checks follow in a moment.</source>
        <translation>Keras 正在加载：现在就可以放置和连接层，形状和检查稍后就会出现。</translation>
    </message>
    <message>
        <source>Your unsaved work comes back as soon as Keras has loaded.</source>
        <translation>Keras 加载完成后，你未保存的工作就会恢复。</translation>
    </message>
    <message>
        <source>Keras could not be loaded: {0}</source>
        <translation>无法加载 Keras：{0}</translation>
    </message>
    <message>
        <source>Keras is still loading; try again in a moment.</source>
        <translation>Keras 仍在加载中，请稍后再试。</translation>
    </message>
    <message>
        <source>Canvas: the arrow keys move the selection along the wires, Shift+arrows move cards, Tab adds a layer after the selection, Enter opens a nested model, Escape clears the selection.</source>
        <translation>画布：方向键沿连线移动选择，Shift+方向键移动卡片，Tab 在选中节点之后添加一层，Enter 打开嵌套模型，Escape 清除选择。</translation>
    </message>
    <message numerus="yes">
        <source>%n layer(s)</source>
        <translation>
            <numerusform>%n 层</numerusform>
        </translation>
    </message>
    <message>
        <source>{0} · {1:,} params</source>
        <translation>{0} · {1:,} 个参数</translation>
    </message>
    <message>
        <source>Problems ({0})</source>
        <translation>问题（{0}）</translation>
    </message>
    <message>
        <source>{0} (from {1}, not saved as a project)</source>
        <translation>{0}（来自 {1}，尚未保存为项目）</translation>
    </message>
    <message>
        <source>{0} (untitled)</source>
        <translation>{0}（未命名）</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; is not a model file: Keras Canvas opens {1}.</source>
        <translation>“{0}”不是模型文件：Keras Canvas 能打开 {1}。</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>How to…</source>
        <translation>使用说明…</translation>
    </message>
    <message>
        <source>About Keras Canvas</source>
        <translation>关于 Keras Canvas</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <source>Start an empty model</source>
        <translation>新建一个空模型</translation>
    </message>
    <message>
        <source>New from &amp;template</source>
        <translation>从模板新建(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a project, Keras JSON/YAML, .keras, legacy .h5 or a Keras Python script</source>
        <translation>打开项目、Keras JSON/YAML、.keras、旧版 .h5 或 Keras Python 脚本</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save &amp;as…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>Keras JSON…</source>
        <translation>Keras JSON…</translation>
    </message>
    <message>
        <source>YAML…</source>
        <translation>YAML…</translation>
    </message>
    <message>
        <source>Python script…</source>
        <translation>Python 脚本…</translation>
    </message>
    <message>
        <source>PNG picture…</source>
        <translation>PNG 图片…</translation>
    </message>
    <message>
        <source>SVG picture…</source>
        <translation>SVG 图片…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>TensorFlow SavedModel…</source>
        <translation>TensorFlow SavedModel…</translation>
    </message>
    <message>
        <source>A folder for TensorFlow Serving and TF.js (checked against Keras)</source>
        <translation>一个供 TensorFlow Serving 和 TF.js 使用的文件夹（已与 Keras 核对）</translation>
    </message>
    <message>
        <source>ONNX…</source>
        <translation>ONNX…</translation>
    </message>
    <message>
        <source>One file for ONNX Runtime and most inference engines (checked against Keras)</source>
        <translation>一个供 ONNX Runtime 和大多数推理引擎使用的文件（已与 Keras 核对）</translation>
    </message>
    <message>
        <source>LiteRT / TFLite…</source>
        <translation>LiteRT / TFLite…</translation>
    </message>
    <message>
        <source>One file for phones and small devices (checked against Keras)</source>
        <translation>一个供手机和小型设备使用的文件（已与 Keras 核对）</translation>
    </message>
    <message>
        <source>Training script (.py)…</source>
        <translation>训练脚本 (.py)…</translation>
    </message>
    <message>
        <source>A Python script that trains the model as the Training panel would</source>
        <translation>一个 Python 脚本，按训练面板的设置训练模型</translation>
    </message>
    <message>
        <source>(no recent files)</source>
        <translation>（没有最近打开的文件）</translation>
    </message>
    <message>
        <source>Clear list</source>
        <translation>清空列表</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>Select &amp;all</source>
        <translation>全选(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the selected layers and their wires</source>
        <translation>复制选中的层及它们之间的连线</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>粘贴(&amp;P)</translation>
    </message>
    <message>
        <source>Paste independent copies (new weights)</source>
        <translation>粘贴为独立的副本（新的权重）</translation>
    </message>
    <message>
        <source>D&amp;uplicate layer</source>
        <translation>复制层(&amp;U)</translation>
    </message>
    <message>
        <source>An independent copy of the layer (new weights)</source>
        <translation>这个层的独立副本（新的权重）</translation>
    </message>
    <message>
        <source>Apply &amp;again (share)</source>
        <translation>再次调用(&amp;A)（共享）</translation>
    </message>
    <message>
        <source>A new call of the same layer: weights are shared</source>
        <translation>同一个层的又一次调用：权重共享</translation>
    </message>
    <message>
        <source>&amp;Group into model</source>
        <translation>组合为模型(&amp;G)</translation>
    </message>
    <message>
        <source>U&amp;ngroup</source>
        <translation>取消组合(&amp;N)</translation>
    </message>
    <message>
        <source>Append &amp;layer…</source>
        <translation>追加层(&amp;L)…</translation>
    </message>
    <message>
        <source>Keras&apos;s model.add(): a new layer after the output</source>
        <translation>Keras 的 model.add()：在输出之后加一个新层</translation>
    </message>
    <message>
        <source>&amp;Remove last layer</source>
        <translation>移除最后一层(&amp;R)</translation>
    </message>
    <message>
        <source>Keras&apos;s model.pop(): remove the output layer</source>
        <translation>Keras 的 model.pop()：移除输出层</translation>
    </message>
    <message>
        <source>&amp;Fit whole graph</source>
        <translation>显示整张图(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Up to the enclosing model</source>
        <translation>返回外层模型(&amp;U)</translation>
    </message>
    <message>
        <source>Focus the &amp;canvas</source>
        <translation>聚焦画布(&amp;C)</translation>
    </message>
    <message>
        <source>Keys on the canvas: arrows move along the wires, Tab adds a layer, Escape deselects</source>
        <translation>画布上的按键：方向键沿连线移动，Tab 添加一层，Escape 取消选择</translation>
    </message>
    <message>
        <source>&amp;Lock panel layout</source>
        <translation>锁定面板布局(&amp;L)</translation>
    </message>
    <message>
        <source>Locked, a panel&apos;s title bar does not move it; unlock to rearrange panels.</source>
        <translation>锁定时，拖动面板标题栏不会移动面板；解锁后可以重新排列面板。</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言 / Language(&amp;L)</translation>
    </message>
</context>
<context>
    <name>Minimap</name>
    <message>
        <source>The whole graph: click or drag to move the view.</source>
        <translation>整张图：点击或拖动来移动视图。</translation>
    </message>
</context>
<context>
    <name>ModelSection</name>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>inputs</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>暂无</translation>
    </message>
    <message>
        <source>outputs</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Rename model</source>
        <translation>重命名模型</translation>
    </message>
    <message>
        <source>Reorder outputs</source>
        <translation>调整输出顺序</translation>
    </message>
</context>
<context>
    <name>NameSection</name>
    <message>
        <source>The name Keras sees: unique in the model, used by get_layer(name).</source>
        <translation>Keras 看到的名字：在模型中唯一，get_layer(name) 用的就是它。</translation>
    </message>
    <message>
        <source>Rename to {0}</source>
        <translation>重命名为 {0}</translation>
    </message>
</context>
<context>
    <name>NodeItem</name>
    <message>
        <source>output {0}</source>
        <translation>输出 {0}</translation>
    </message>
    <message>
        <source>call {0} of {1}</source>
        <translation>第 {0} 次调用（共 {1} 次）</translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message>
        <source>Both: 中文 + English</source>
        <translation>中英对照：中文 + English</translation>
    </message>
    <message>
        <source>The seed is written in Chinese; each part has an English rendering.</source>
        <translation>种子笔记是用中文写的；每一段都附有英文译文。</translation>
    </message>
    <message>
        <source>The seed&apos;s examples open with the seed&apos;s own explanation here: File → New from template.</source>
        <translation>打开种子笔记里的示例时，这里会显示笔记原文的讲解：文件 → 从模板新建。</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
</context>
<context>
    <name>OutputSection</name>
    <message>
        <source>Model output</source>
        <translation>模型输出</translation>
    </message>
    <message>
        <source>Output tensor {0} is a model output</source>
        <translation>输出张量 {0} 是模型输出</translation>
    </message>
    <message>
        <source> (#{0} of {1})</source>
        <translation>（第 {0} 个，共 {1} 个）</translation>
    </message>
    <message>
        <source>Model outputs are what model(x) returns, in the order listed on the model (click the empty canvas to reorder).</source>
        <translation>模型输出就是 model(x) 的返回值，顺序按模型上列出的来（点击画布空白处可以调整顺序）。</translation>
    </message>
    <message>
        <source>Mark as output</source>
        <translation>标记为模型输出</translation>
    </message>
    <message>
        <source>Unmark output</source>
        <translation>取消输出标记</translation>
    </message>
</context>
<context>
    <name>OutputsTable</name>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Loss weight</source>
        <translation>损失权重</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Each output gets its own loss; the model minimizes the weighted sum (loss_weights). &apos;auto&apos; picks one from the output&apos;s activation.</source>
        <translation>每个输出有自己的损失；模型最小化它们的加权和（loss_weights）。选 auto 时根据输出层的激活函数自动选择。</translation>
    </message>
    <message>
        <source>Comma-separated, e.g. accuracy, mae; &apos;auto&apos;: accuracy for classifiers</source>
        <translation>用逗号分隔，例如 accuracy, mae；auto：分类模型用 accuracy</translation>
    </message>
</context>
<context>
    <name>PaintPad</name>
    <message>
        <source>Draw with the left button, erase with the right. Ink is 1, paper is 0.</source>
        <translation>左键画，右键擦。墨迹是 1，纸面是 0。</translation>
    </message>
</context>
<context>
    <name>PalettePanel</name>
    <message>
        <source>Core</source>
        <translation>核心</translation>
    </message>
    <message>
        <source>Convolution</source>
        <translation>卷积</translation>
    </message>
    <message>
        <source>Pooling</source>
        <translation>池化</translation>
    </message>
    <message>
        <source>Recurrent</source>
        <translation>循环</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <source>Normalization</source>
        <translation>归一化</translation>
    </message>
    <message>
        <source>Regularization</source>
        <translation>正则化</translation>
    </message>
    <message>
        <source>Reshaping</source>
        <translation>变形</translation>
    </message>
    <message>
        <source>Merging</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>激活</translation>
    </message>
    <message>
        <source>Wrappers</source>
        <translation>包装器</translation>
    </message>
    <message>
        <source>Preprocessing</source>
        <translation>预处理</translation>
    </message>
    <message>
        <source>Image preprocessing</source>
        <translation>图像预处理</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Search layers…</source>
        <translation>搜索层…</translation>
    </message>
    <message>
        <source>Type part of a name or a concept: conv, lstm, dropout, merge… ↑ ↓ choose, Enter adds the highlighted layer.</source>
        <translation>输入名字的一部分或一个概念：conv、lstm、dropout、merge…… ↑ ↓ 选择，Enter 添加高亮的层。</translation>
    </message>
    <message>
        <source>Loading the layer list…</source>
        <translation>正在加载层列表…</translation>
    </message>
    <message>
        <source>none (a model input)</source>
        <translation>无（这是模型输入）</translation>
    </message>
    <message>
        <source>Inputs: {0}</source>
        <translation>输入：{0}</translation>
    </message>
    <message>
        <source> — a merge layer: connect any number of tensors</source>
        <translation> — 合并层：可以连接任意多个张量</translation>
    </message>
    <message>
        <source>Drag onto the canvas, or double-click to add it at the centre.</source>
        <translation>拖到画布上，或双击把它加到视图中央。</translation>
    </message>
    <message>
        <source>{0} layers · drag onto the canvas</source>
        <translation>共 {0} 个层 · 拖到画布上使用</translation>
    </message>
    <message>
        <source>No layer matches: try a shorter word.</source>
        <translation>没有匹配的层：试试更短的关键词。</translation>
    </message>
    <message>
        <source>{0} matching · Enter adds {1}</source>
        <translation>{0} 个匹配 · Enter 添加 {1}</translation>
    </message>
</context>
<context>
    <name>ParamEditor</name>
    <message>
        <source>{0} takes a whole number: &apos;{1}&apos; is not one.</source>
        <translation>{0} 需要一个整数：“{1}”不是整数。</translation>
    </message>
    <message>
        <source>e.g. 3, 3</source>
        <translation>例如 3, 3</translation>
    </message>
    <message>
        <source>e.g. 3</source>
        <translation>例如 3</translation>
    </message>
</context>
<context>
    <name>ProblemsPanel</name>
    <message>
        <source>Empty model. Start with an Input: drag Input (Core) from the palette, or press Tab on the canvas and type &apos;input&apos;.</source>
        <translation>空模型。先放一个 Input：从层面板（核心）拖出 Input，或在画布上按 Tab 并输入 input。</translation>
    </message>
    <message>
        <source>Add layers after it and connect them: drag from a node&apos;s bottom port to another&apos;s top port.</source>
        <translation>在它后面添加层并连接起来：从一个节点底部的端口拖到另一个节点顶部的端口。</translation>
    </message>
    <message>
        <source>Mark the last layer as the model&apos;s output (right-click it, or &apos;Model output&apos; in the inspector).</source>
        <translation>把最后一层标记为模型输出（右键单击它，或在检查器中勾选“模型输出”）。</translation>
    </message>
    <message>
        <source>Or open one of the seed&apos;s examples: File → New from template.</source>
        <translation>也可以打开种子笔记里的一个示例：文件 → 从模板新建。</translation>
    </message>
    <message>
        <source>Click to show the node.</source>
        <translation>点击跳到该节点。</translation>
    </message>
    <message>
        <source>No problems: Keras accepts this model.</source>
        <translation>没有问题：Keras 接受这个模型。</translation>
    </message>
</context>
<context>
    <name>QuickAddPopup</name>
    <message>
        <source>Add a layer: type to search (Dense, conv, pool…)</source>
        <translation>添加层：输入关键词搜索（Dense、conv、pool…）</translation>
    </message>
    <message>
        <source>The layer list is loading with Keras…</source>
        <translation>层列表正随 Keras 一起加载…</translation>
    </message>
</context>
<context>
    <name>Render</name>
    <message>
        <source>Could not write the PNG file. Received: &apos;{0}&apos;.</source>
        <translation>无法写入 PNG 文件。收到：“{0}”。</translation>
    </message>
    <message>
        <source>Could not write the SVG file. Received: &apos;{0}&apos;.</source>
        <translation>无法写入 SVG 文件。收到：“{0}”。</translation>
    </message>
</context>
<context>
    <name>ResultsView</name>
    <message>
        <source>Evaluate, predict or step one batch once a model has been trained.</source>
        <translation>模型训练之后，可以在这里评估、预测或单步运行一个批次。</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>{0}: predicted</source>
        <translation>{0}：预测值</translation>
    </message>
    <message>
        <source>{0}: true</source>
        <translation>{0}：真实值</translation>
    </message>
    <message>
        <source>pred {0}</source>
        <translation>预测 {0}</translation>
    </message>
    <message>
        <source>pred {0} / true {1}</source>
        <translation>预测 {0} / 真实 {1}</translation>
    </message>
</context>
<context>
    <name>RunsList</name>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Run {0}</source>
        <translation>运行 {0}</translation>
    </message>
    <message>
        <source>Tick runs to overlay their curves on the current one.</source>
        <translation>勾选若干次运行，把它们的曲线叠加在当前曲线上。</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>导出 PNG…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Delete run</source>
        <translation>删除运行记录</translation>
    </message>
    <message>
        <source>Export curves</source>
        <translation>导出曲线</translation>
    </message>
    <message>
        <source>{0}: {1} data, batch size {2}, {3} backend
Weights: {4}</source>
        <translation>{0}：数据 {1}，批次大小 {2}，后端 {3}
权重：{4}</translation>
    </message>
    <message>
        <source>{0}: {1} data, batch size {2}, {3} backend, {5} processes
Weights: {4}</source>
        <translation>{0}：数据 {1}，批次大小 {2}，后端 {3}，{5} 个进程
权重：{4}</translation>
    </message>
    <message>
        <source>Failed: {0}</source>
        <translation>失败：{0}</translation>
    </message>
</context>
<context>
    <name>SampleChooser</name>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.gif *.tif *.tiff *.webp);;All files (*)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.bmp *.gif *.tif *.tiff *.webp);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Each input of the model gets its own sample.</source>
        <translation>模型的每个输入各有自己的样本。</translation>
    </message>
    <message>
        <source>A row of the training data</source>
        <translation>训练数据中的一行</translation>
    </message>
    <message>
        <source>A drawing</source>
        <translation>一幅手绘</translation>
    </message>
    <message>
        <source>An image file</source>
        <translation>一个图片文件</translation>
    </message>
    <message>
        <source>The last run&apos;s weights</source>
        <translation>上一次运行的权重</translation>
    </message>
    <message>
        <source>Untrained weights</source>
        <translation>未训练的权重</translation>
    </message>
    <message>
        <source>While a fit runs, the cards always show its current weights.</source>
        <translation>训练进行时，卡片总是显示当前的权重。</translation>
    </message>
    <message>
        <source>every epoch</source>
        <translation>每一轮</translation>
    </message>
    <message>
        <source>every N batches</source>
        <translation>每 N 个批次</translation>
    </message>
    <message>
        <source> batches</source>
        <translation> 个批次</translation>
    </message>
    <message>
        <source>Thumbnails while training</source>
        <translation>训练时的缩略图</translation>
    </message>
    <message>
        <source>A fit shows the sample on the cards again as it learns.</source>
        <translation>训练过程中，卡片会随着学习的进展重新显示样本。</translation>
    </message>
    <message>
        <source>Training health on the cards</source>
        <translation>在卡片上显示训练健康状况</translation>
    </message>
    <message>
        <source>Per layer: weight size, how much a step changes it, gradients, dead units, NaN. It takes at most 5 % of the training time.</source>
        <translation>逐层显示：权重大小、每一步的改变量、梯度、死亡单元、NaN。最多占用 5 % 的训练时间。</translation>
    </message>
    <message>
        <source>Show on the cards</source>
        <translation>显示在卡片上</translation>
    </message>
    <message>
        <source>Run the sample through every node once.</source>
        <translation>让样本流过每个节点一次。</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Thumbnails and health while training need a run in this process (Where to train). A run of several processes trains without them; show a sample once it ends.</source>
        <translation>训练时的缩略图和健康状况需要在本进程中训练（见“训练位置”）。多进程训练不提供它们；训练结束后再显示样本。</translation>
    </message>
    <message>
        <source>a drawing</source>
        <translation>一幅手绘</translation>
    </message>
    <message>
        <source>{text} (label {label})</source>
        <translation>{text}（标签 {label}）</translation>
    </message>
    <message>
        <source>sample #{index}</source>
        <translation>第 {index} 号样本</translation>
    </message>
    <message>
        <source>Draw a {side} × {side} grey picture: white is ink (1), black is paper (0), as in the digits datasets.</source>
        <translation>画一张 {side} × {side} 的灰度图：白色是墨迹（1），黑色是纸面（0），和 digits 数据集一样。</translation>
    </message>
    <message>
        <source>This input does not take a square grey picture (8 × 8 or 28 × 28).</source>
        <translation>这个输入不接受正方形灰度图（8 × 8 或 28 × 28）。</translation>
    </message>
    <message>
        <source>Image for the sample</source>
        <translation>用作样本的图片</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>没有数据</translation>
    </message>
    <message>
        <source>label: {label}</source>
        <translation>标签：{label}</translation>
    </message>
    <message>
        <source>cannot read</source>
        <translation>无法读取</translation>
    </message>
</context>
<context>
    <name>SampleSource</name>
    <message>
        <source>The shape of {0} is not known yet.</source>
        <translation>{0} 的形状还不知道。</translation>
    </message>
</context>
<context>
    <name>ScaleBar</name>
    <message>
        <source>(beyond: the strongest colour; NaN: magenta)</source>
        <translation>（超出范围：最深的颜色；NaN：品红色）</translation>
    </message>
</context>
<context>
    <name>SceneGroups</name>
    <message>
        <source>{0} cards on the canvas, {1} groups closed (View ▸ Collapse to level).</source>
        <translation>画布上有 {0} 张卡片，{1} 个组已收起（视图 ▸ 全部收起到层级）。</translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt;: {1} layers ({2})</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt;：{1} 层（{2}）</translation>
    </message>
    <message>
        <source>Double-click, click the chevron or press + to open it in place.</source>
        <translation>双击、点击折叠箭头或按 +，即可在原处展开。</translation>
    </message>
    <message>
        <source>Close the model here	−</source>
        <translation>在这里收起模型	−</translation>
    </message>
    <message>
        <source>Open {0}	+</source>
        <translation>展开 {0}	+</translation>
    </message>
    <message>
        <source>Close {0}	−</source>
        <translation>收起 {0}	−</translation>
    </message>
    <message>
        <source>Select its {0} layers</source>
        <translation>选中它的 {0} 个层</translation>
    </message>
</context>
<context>
    <name>ScriptOpen</name>
    <message>
        <source>Open a model of the script</source>
        <translation>打开脚本中的一个模型</translation>
    </message>
    <message>
        <source>Reading {name}…</source>
        <translation>正在读取 {name}…</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; was not opened.</source>
        <translation>没有打开“{name}”。</translation>
    </message>
    <message>
        <source>Opening {name}…</source>
        <translation>正在打开 {name}…</translation>
    </message>
    <message>
        <source>The script stops at {error}

It builds these models before that line:</source>
        <translation>脚本在这里停下：{error}

在那一行之前，它搭建了这些模型：</translation>
    </message>
    <message>
        <source>{file} builds {count} models. Open which one?</source>
        <translation>{file} 搭建了 {count} 个模型。打开哪一个？</translation>
    </message>
    <message>
        <source>Opened &apos;{model}&apos; from {file}.</source>
        <translation>已从 {file} 打开“{model}”。</translation>
    </message>
    <message>
        <source>Opened &apos;{model}&apos; from {file} without running it; 1 line read past: {first}</source>
        <translation>已从 {file} 打开“{model}”（没有运行脚本）；跳过了 1 行：{first}</translation>
    </message>
    <message>
        <source>Opened &apos;{model}&apos; from {file} without running it; {count} lines read past, the first: {first}</source>
        <translation>已从 {file} 打开“{model}”，没有运行它；跳过了 {count} 行，第一行：{first}</translation>
    </message>
</context>
<context>
    <name>SummaryPanel</name>
    <message>
        <source>Layer (type)</source>
        <translation>层（类型）</translation>
    </message>
    <message>
        <source>Output Shape</source>
        <translation>输出形状</translation>
    </message>
    <message>
        <source>Param #</source>
        <translation>参数个数</translation>
    </message>
    <message>
        <source>Connected to</source>
        <translation>连接到</translation>
    </message>
    <message>
        <source>Copy as text</source>
        <translation>复制为文本</translation>
    </message>
    <message>
        <source>Copy the summary as Keras prints it (model.summary()).</source>
        <translation>按 Keras 打印的样子复制摘要（model.summary()）。</translation>
    </message>
    <message>
        <source>Loading Keras…</source>
        <translation>正在加载 Keras…</translation>
    </message>
    <message>
        <source>Keras rejects this call: see the Problems panel.</source>
        <translation>Keras 拒绝这次调用：请看问题面板。</translation>
    </message>
    <message>
        <source>No layers yet: the summary fills in as you build.</source>
        <translation>还没有层：随着你搭建模型，摘要会逐步填满。</translation>
    </message>
    <message>
        <source>Total params: {0:,}   Trainable: {1:,}   Non-trainable: {2:,}</source>
        <translation>参数总数：{0:,}   可训练：{1:,}   不可训练：{2:,}</translation>
    </message>
</context>
<context>
    <name>Teaching</name>
    <message>
        <source>batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>features</source>
        <translation>特征</translation>
    </message>
    <message>
        <source>timesteps</source>
        <translation>时间步</translation>
    </message>
    <message>
        <source>height</source>
        <translation>高</translation>
    </message>
    <message>
        <source>width</source>
        <translation>宽</translation>
    </message>
    <message>
        <source>channels</source>
        <translation>通道</translation>
    </message>
    <message>
        <source>depth</source>
        <translation>深度</translation>
    </message>
    <message>
        <source>axis {0}</source>
        <translation>轴 {0}</translation>
    </message>
    <message>
        <source>unknown shape</source>
        <translation>形状未知</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source> (None = any batch size)</source>
        <translation>（None = 批次大小任意）</translation>
    </message>
    <message>
        <source>shape not computed yet</source>
        <translation>形状尚未计算</translation>
    </message>
    <message>
        <source>error: {0}</source>
        <translation>错误：{0}</translation>
    </message>
    <message>
        <source>no output</source>
        <translation>没有输出</translation>
    </message>
    <message>
        <source>output {0}</source>
        <translation>输出 {0}</translation>
    </message>
    <message>
        <source>call {0} of {1} (shared weights)</source>
        <translation>第 {0} 次调用（共 {1} 次，共享权重）</translation>
    </message>
    <message>
        <source>model input</source>
        <translation>模型输入</translation>
    </message>
    <message>
        <source>model output</source>
        <translation>模型输出</translation>
    </message>
    <message>
        <source>Empty model: drag a layer from the palette, starting with an Input.</source>
        <translation>空模型：从层面板拖入层，先从 Input 开始。</translation>
    </message>
</context>
<context>
    <name>Templates</name>
    <message>
        <source>Ten-class MLP (S9)</source>
        <translation>十分类多层感知机（S9）</translation>
    </message>
    <message>
        <source>Convolutional network (S10)</source>
        <translation>卷积神经网络（S10）</translation>
    </message>
    <message>
        <source>Stateful LSTM (S11)</source>
        <translation>有状态 LSTM（S11）</translation>
    </message>
    <message>
        <source>Functional API: three Dense layers (S12)</source>
        <translation>函数式 API：三个 Dense 层（S12）</translation>
    </message>
    <message>
        <source>Two inputs, two outputs: news (S13)</source>
        <translation>双输入双输出：新闻标题（S13）</translation>
    </message>
    <message>
        <source>Shared LSTM: tweets (S14)</source>
        <translation>共享 LSTM：推文（S14）</translation>
    </message>
    <message>
        <source>One Conv2D called on two image sizes (S8)</source>
        <translation>同一个 Conv2D 作用于两种尺寸的图像（S8）</translation>
    </message>
    <message>
        <source>Inception module (S15)</source>
        <translation>Inception 模块（S15）</translation>
    </message>
    <message>
        <source>Shared vision model: digits (S16)</source>
        <translation>共享视觉模型：数字（S16）</translation>
    </message>
    <message>
        <source>Visual question answering (S17)</source>
        <translation>视觉问答（S17）</translation>
    </message>
    <message>
        <source>MLP for digits (trains on real data)</source>
        <translation>手写数字多层感知机（用真实数据训练）</translation>
    </message>
    <message>
        <source>CNN for digits (look inside as it learns)</source>
        <translation>手写数字卷积网络（边训练边看内部）</translation>
    </message>
    <message>
        <source>MLP with dropout</source>
        <translation>带 Dropout 的多层感知机</translation>
    </message>
    <message>
        <source>Deeper CNN</source>
        <translation>更深的卷积神经网络</translation>
    </message>
    <message>
        <source>Stateful LSTM, GRU and SimpleRNN</source>
        <translation>有状态的 LSTM、GRU 和 SimpleRNN</translation>
    </message>
    <message>
        <source>Inception module (channels joined)</source>
        <translation>Inception 模块（沿通道拼接）</translation>
    </message>
    <message>
        <source>VQA (two convolution blocks)</source>
        <translation>视觉问答（两个卷积块）</translation>
    </message>
    <message>
        <source>LeNet-5</source>
        <translation>LeNet-5</translation>
    </message>
    <message>
        <source>Residual block</source>
        <translation>残差块</translation>
    </message>
    <message>
        <source>Autoencoder</source>
        <translation>自编码器</translation>
    </message>
    <message>
        <source>Transformer encoder block</source>
        <translation>Transformer 编码器块</translation>
    </message>
    <message>
        <source>The seed&apos;s examples</source>
        <translation>种子笔记里的示例</translation>
    </message>
    <message>
        <source>Variants</source>
        <translation>变体</translation>
    </message>
    <message>
        <source>Classics</source>
        <translation>经典模型</translation>
    </message>
</context>
<context>
    <name>Theme</name>
    <message>
        <source>batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>batch, features</source>
        <translation>批次、特征</translation>
    </message>
    <message>
        <source>batch, steps, features</source>
        <translation>批次、时间步、特征</translation>
    </message>
    <message>
        <source>batch, height, width, channels</source>
        <translation>批次、高、宽、通道</translation>
    </message>
    <message>
        <source>batch, depth, height, width, channels</source>
        <translation>批次、深度、高、宽、通道</translation>
    </message>
</context>
<context>
    <name>TrainingForm</name>
    <message>
        <source>Data files (*.npz *.npy *.csv *.h5 *.hdf5);;All files (*)</source>
        <translation>数据文件 (*.npz *.npy *.csv *.h5 *.hdf5);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Compile</source>
        <translation>编译</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>拟合</translation>
    </message>
    <message>
        <source>Callbacks</source>
        <translation>回调</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>训练位置</translation>
    </message>
    <message>
        <source>Where the training samples come from.</source>
        <translation>训练样本从哪里来。</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>How many random samples to make.</source>
        <translation>生成多少个随机样本。</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>Follow the model</source>
        <translation>跟随模型</translation>
    </message>
    <message>
        <source>Images (side × side × 1)</source>
        <translation>图像（边长 × 边长 × 1）</translation>
    </message>
    <message>
        <source>Flat vectors</source>
        <translation>展平的向量</translation>
    </message>
    <message>
        <source>How the images are shaped for the model&apos;s input.</source>
        <translation>图像按什么形状送入模型的输入。</translation>
    </message>
    <message>
        <source>Image layout</source>
        <translation>图像排布</translation>
    </message>
    <message>
        <source>Data file</source>
        <translation>数据文件</translation>
    </message>
    <message>
        <source>name=file.npy, other=data.npz:key — map .npy files or container keys to the model&apos;s inputs and outputs by name (instead of one file).</source>
        <translation>name=file.npy, other=data.npz:key — 按名字把 .npy 文件或容器里的键对应到模型的输入和输出（代替单个文件）。</translation>
    </message>
    <message>
        <source>Arrays</source>
        <translation>数组</translation>
    </message>
    <message>
        <source>Train on the first N samples; 0 keeps all.</source>
        <translation>只用前 N 个样本训练；0 表示全部使用。</translation>
    </message>
    <message>
        <source>all samples</source>
        <translation>全部样本</translation>
    </message>
    <message>
        <source>Use first</source>
        <translation>只用前</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>to_categorical for integer labels.</source>
        <translation>对整数标签做 to_categorical（转成独热编码）。</translation>
    </message>
    <message>
        <source>One-hot labels</source>
        <translation>独热标签</translation>
    </message>
    <message>
        <source>Sample weights</source>
        <translation>样本权重</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Split off the training data</source>
        <translation>从训练数据中划出</translation>
    </message>
    <message>
        <source>Separate file</source>
        <translation>单独的文件</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>Fraction held out.</source>
        <translation>留作验证的比例。</translation>
    </message>
    <message>
        <source>Validation split</source>
        <translation>验证集比例</translation>
    </message>
    <message>
        <source>Validation file</source>
        <translation>验证文件</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Size of each step.</source>
        <translation>每一步的步长。</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>SGD/RMSprop only.</source>
        <translation>仅用于 SGD/RMSprop。</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation>权重衰减</translation>
    </message>
    <message>
        <source>0: no clipping.</source>
        <translation>0：不裁剪。</translation>
    </message>
    <message>
        <source>Clip norm</source>
        <translation>梯度裁剪 (clipnorm)</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批次大小 (batch_size)</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮次 (epochs)</translation>
    </message>
    <message>
        <source>Resume count.</source>
        <translation>从第几轮开始计数（接着训练时用）。</translation>
    </message>
    <message>
        <source>Initial epoch</source>
        <translation>起始轮次</translation>
    </message>
    <message>
        <source>Shuffle samples every epoch.</source>
        <translation>每一轮都打乱样本顺序。</translation>
    </message>
    <message>
        <source>Shuffle</source>
        <translation>打乱</translation>
    </message>
    <message>
        <source>0: 1.0, 1: 5.0 — weigh rare classes up.</source>
        <translation>0: 1.0, 1: 5.0 — 提高稀有类别的权重。</translation>
    </message>
    <message>
        <source>Class weights</source>
        <translation>类别权重</translation>
    </message>
    <message>
        <source>0 (silent)</source>
        <translation>0（不输出）</translation>
    </message>
    <message>
        <source>1 (progress bar)</source>
        <translation>1（进度条）</translation>
    </message>
    <message>
        <source>2 (one line per epoch)</source>
        <translation>2（每轮一行）</translation>
    </message>
    <message>
        <source>Keras&apos;s console output.</source>
        <translation>Keras 在控制台的输出。</translation>
    </message>
    <message>
        <source>Verbose</source>
        <translation>输出详细程度</translation>
    </message>
    <message>
        <source>Same seed, same run.</source>
        <translation>种子相同，结果相同。</translation>
    </message>
    <message>
        <source>Random seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Installed Keras backends.</source>
        <translation>已安装的 Keras 后端。</translation>
    </message>
    <message>
        <source>Backend</source>
        <translation>后端</translation>
    </message>
    <message>
        <source>Several processes train on JAX (Keras&apos;s distribution API).</source>
        <translation>多个进程在 JAX 上训练（Keras 的分布式 API）。</translation>
    </message>
    <message>
        <source>IDX folder</source>
        <translation>IDX 文件夹</translation>
    </message>
    <message>
        <source>Empty: the installed dataset</source>
        <translation>留空：使用已安装的数据集</translation>
    </message>
    <message>
        <source>.npz, .npy, .csv or .h5</source>
        <translation>.npz、.npy、.csv 或 .h5</translation>
    </message>
    <message>
        <source>.npz, .npy, .csv or .h5 — arrays named after inputs/outputs.</source>
        <translation>.npz、.npy、.csv 或 .h5 — 数组按输入/输出命名。</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Fashion-MNIST folder</source>
        <translation>Fashion-MNIST 文件夹</translation>
    </message>
    <message>
        <source>Samples per gradient step (mini-batch gradient descent): the model sees this many samples, averages their loss and updates its weights once.</source>
        <translation>每一步梯度更新用多少个样本（小批量梯度下降）：模型看这么多样本，对它们的损失求平均，然后更新一次权重。</translation>
    </message>
    <message>
        <source>Passes over the whole training data.</source>
        <translation>把全部训练数据过几遍。</translation>
    </message>
    <message>
        <source>Data the model never trains on, to see whether it generalizes.</source>
        <translation>模型从不在上面训练的数据，用来检验它能否泛化。</translation>
    </message>
    <message>
        <source>The rule that turns gradients into weight updates.</source>
        <translation>把梯度变成权重更新的规则。</translation>
    </message>
    <message>
        <source>Choose a data file. Received: an empty path</source>
        <translation>请选择一个数据文件。收到：空路径</translation>
    </message>
    <message>
        <source>Choose a validation file. Received: an empty path</source>
        <translation>请选择一个验证文件。收到：空路径</translation>
    </message>
    <message>
        <source>Arrays are written name=file, separated by commas. Received: {0}</source>
        <translation>数组写成 name=file，用逗号分隔。收到：{0}</translation>
    </message>
    <message>
        <source>Dummy data (random, fits any model)</source>
        <translation>虚拟数据（随机生成，适合任何模型）</translation>
    </message>
    <message>
        <source>Digits (8×8 images, 10 classes)</source>
        <translation>Digits 手写数字（8×8 图像，10 类）</translation>
    </message>
    <message>
        <source>Iris (4 features, 3 classes)</source>
        <translation>Iris 鸢尾花（4 个特征，3 类）</translation>
    </message>
    <message>
        <source>Wine (13 features, 3 classes)</source>
        <translation>Wine 葡萄酒（13 个特征，3 类）</translation>
    </message>
    <message>
        <source>Breast cancer (30 features, 2 classes)</source>
        <translation>Breast cancer 乳腺癌（30 个特征，2 类）</translation>
    </message>
    <message>
        <source>Fashion-MNIST (IDX folder)</source>
        <translation>Fashion-MNIST（IDX 文件夹）</translation>
    </message>
    <message>
        <source>My files (.npz, .npy, .csv, .h5)</source>
        <translation>我的文件（.npz、.npy、.csv、.h5）</translation>
    </message>
    <message>
        <source>Stop when the monitored value stops improving.</source>
        <translation>当监控的指标不再改善时停止训练。</translation>
    </message>
    <message>
        <source>restore best</source>
        <translation>恢复最佳权重</translation>
    </message>
    <message>
        <source>Save the weights after each epoch (or only the best).</source>
        <translation>每轮结束后保存权重（或只保存最好的）。</translation>
    </message>
    <message>
        <source>best only</source>
        <translation>只存最佳</translation>
    </message>
    <message>
        <source>Lower the learning rate when the monitored value stalls.</source>
        <translation>当监控的指标停滞时降低学习率。</translation>
    </message>
    <message>
        <source>Stop at once when the loss becomes NaN.</source>
        <translation>损失变成 NaN 时立即停止。</translation>
    </message>
    <message>
        <source>Write each epoch&apos;s logs to a CSV file.</source>
        <translation>把每一轮的日志写入 CSV 文件。</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Write logs that TensorBoard can show (tensorboard --logdir ...).</source>
        <translation>写出 TensorBoard 能显示的日志（tensorboard --logdir ...）。</translation>
    </message>
    <message>
        <source>folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Class weights are written class: weight, separated by commas. Received: {0}</source>
        <translation>类别权重写成 类别: 权重，用逗号分隔。收到：{0}</translation>
    </message>
</context>
<context>
    <name>TrainingHealth</name>
    <message>
        <source>{0} %</source>
        <translation>{0}%</translation>
    </message>
    <message>
        <source>{layer}: {percent} of its units output zero for every sample; a too-high learning rate or a poor initialisation does this.</source>
        <translation>{layer}：{percent} 的单元对每个样本都输出零；学习率过高或初始化不好都会这样。</translation>
    </message>
    <message>
        <source>{layer}: its weights became NaN or infinite; the learning rate is far too high (or the loss divides by zero).</source>
        <translation>{layer}：它的权重变成了 NaN 或无穷大；学习率太高了（或者损失函数里除以了零）。</translation>
    </message>
    <message>
        <source>{layer}: its output holds NaN or infinite values.</source>
        <translation>{layer}：它的输出里有 NaN 或无穷大的值。</translation>
    </message>
    <message>
        <source>{percent} of their size</source>
        <translation>自身大小的 {percent}</translation>
    </message>
    <message>
        <source>{times} times their size</source>
        <translation>自身大小的 {times} 倍</translation>
    </message>
    <message>
        <source>{layer}: one training step changes its weights by {size}; a learning rate this high makes training jump around or diverge.</source>
        <translation>{layer}：一步训练让它的权重改变了{size}；学习率这么高，训练会来回跳动甚至发散。</translation>
    </message>
    <message>
        <source>{layer}: its weights barely move (update ratio {ratio}); the learning rate may be too low, or no gradient reaches this layer.</source>
        <translation>{layer}：它的权重几乎不动（更新比例 {ratio}）；可能是学习率太低，或者没有梯度传到这个层。</translation>
    </message>
    <message>
        <source>{layer}: its gradient is almost zero ({value}); the signal vanishes before it reaches this layer (deep stacks of sigmoid or tanh do this).</source>
        <translation>{layer}：它的梯度几乎为零（{value}）；信号在到达这个层之前就消失了（深层堆叠 sigmoid 或 tanh 会这样）。</translation>
    </message>
    <message>
        <source>{layer}: its gradient is huge ({value}); lower the learning rate or clip the gradients (Clip norm).</source>
        <translation>{layer}：它的梯度非常大（{value}）；请降低学习率或裁剪梯度（梯度裁剪范数）。</translation>
    </message>
    <message>
        <source>{layer}: NaN starts here. Its weights are already NaN or infinite: the learning rate is far too high.</source>
        <translation>{layer}：NaN 从这里开始。它的权重已经是 NaN 或无穷大：学习率太高了。</translation>
    </message>
    <message>
        <source>{layer}: NaN starts here. Its weights are finite: its input or its computation overflows.</source>
        <translation>{layer}：NaN 从这里开始。它的权重是有限值：是它的输入或计算溢出了。</translation>
    </message>
    <message>
        <source>epoch {epoch}, batch {batch}</source>
        <translation>第 {epoch} 轮、第 {batch} 个批次</translation>
    </message>
    <message>
        <source>The loss became NaN at {where}, but every layer&apos;s output is finite on the probe batch: the loss itself overflows (try a lower learning rate).</source>
        <translation>损失在{where}变成了 NaN，但在探测批次上每个层的输出都是有限值：是损失本身溢出了（试试更低的学习率）。</translation>
    </message>
    <message>
        <source>its weights are already NaN or infinite: the learning rate is far too high</source>
        <translation>它的权重已经是 NaN 或无穷大：学习率太高了</translation>
    </message>
    <message>
        <source>its weights are finite, so its input or its computation overflows</source>
        <translation>它的权重是有限值，所以是它的输入或计算溢出了</translation>
    </message>
    <message>
        <source>The loss became NaN at {where}. The first layer whose output became NaN is {layer} (node {node}); {cause}.</source>
        <translation>损失在{where}变成了 NaN。第一个输出变成 NaN 的层是 {layer}（节点 {node}）；{cause}。</translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <source>Record {0}</source>
        <translation>记录 {0}</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Compile the model and fit it on the chosen data.</source>
        <translation>编译模型，并在所选数据上拟合（训练）。</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>End after the current batch; the weights so far are kept.</source>
        <translation>在当前批次结束后停止；保留到目前为止的权重。</translation>
    </message>
    <message>
        <source>Kill</source>
        <translation>强制结束</translation>
    </message>
    <message>
        <source>End the training process at once; the run is lost.</source>
        <translation>立即结束训练进程；这次运行会丢失。</translation>
    </message>
    <message>
        <source>Continue from the last weights</source>
        <translation>从上次的权重继续</translation>
    </message>
    <message>
        <source>Start the next fit from the weights of the last run (or loaded ones) instead of fresh ones.</source>
        <translation>下一次训练从上次运行（或已加载）的权重开始，而不是从全新的权重开始。</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>曲线</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行记录</translation>
    </message>
    <message>
        <source>Evaluate &amp;&amp; predict</source>
        <translation>评估和预测</translation>
    </message>
    <message>
        <source>Look inside</source>
        <translation>查看内部</translation>
    </message>
    <message>
        <source>Learn</source>
        <translation>学一学</translation>
    </message>
    <message>
        <source>Training is running</source>
        <translation>训练正在进行</translation>
    </message>
    <message>
        <source>A {kind} job of this model is running. Stop it? The run in flight is lost; the runs already kept stay in the project.</source>
        <translation>这个模型的“{kind}”任务正在运行。要停止它吗？正在进行的这次运行会丢失；已保留的运行记录仍在项目中。</translation>
    </message>
    <message>
        <source>A job is already running: stop it first.</source>
        <translation>已经有一个任务在运行：请先停止它。</translation>
    </message>
    <message>
        <source>The model cannot be trained yet: {0}</source>
        <translation>模型暂时还不能训练：{0}</translation>
    </message>
    <message>
        <source>Starting the worker…</source>
        <translation>正在启动训练进程…</translation>
    </message>
    <message>
        <source>Waiting for the cluster…</source>
        <translation>正在等待集群…</translation>
    </message>
    <message>
        <source>{0}: starting (the first run imports Keras, a few seconds)…</source>
        <translation>{0}：正在启动（第一次运行要导入 Keras，需要几秒钟）…</translation>
    </message>
    <message>
        <source>Run {0}</source>
        <translation>运行 {0}</translation>
    </message>
    <message>
        <source>Stopping after the current batch…</source>
        <translation>将在当前批次结束后停止…</translation>
    </message>
    <message>
        <source>Resuming…</source>
        <translation>正在继续…</translation>
    </message>
    <message>
        <source>Pausing before the next training batch…</source>
        <translation>将在下一个训练批次之前暂停…</translation>
    </message>
    <message>
        <source>{0} · batch {1} / {2}</source>
        <translation>{0} · 批次 {1} / {2}</translation>
    </message>
    <message>
        <source>Paused · {0}</source>
        <translation>已暂停 · {0}</translation>
    </message>
    <message>
        <source>Paused at {0}. Resume goes on from there.</source>
        <translation>暂停于 {0}。点“继续”从这里接着训练。</translation>
    </message>
    <message>
        <source>Paused at {0}. Resume goes on from there; Stop ends the run and keeps it.</source>
        <translation>暂停于 {0}。点“继续”从这里接着训练；点“停止”结束这次运行并保留它。</translation>
    </message>
    <message>
        <source>Shown on the cards</source>
        <translation>已显示在卡片上</translation>
    </message>
    <message>
        <source>The sample went through every node: see the cards.</source>
        <translation>样本已流过每个节点：请看各张卡片。</translation>
    </message>
    <message>
        <source>Done (stopped) in {0}</source>
        <translation>已完成（手动停止），用时 {0}</translation>
    </message>
    <message>
        <source>{0} finished (stopped). {1}</source>
        <translation>{0} 已结束（手动停止）。{1}</translation>
    </message>
    <message>
        <source>Done in {0}</source>
        <translation>已完成，用时 {0}</translation>
    </message>
    <message>
        <source>{0} finished. {1}</source>
        <translation>{0}已完成。{1}</translation>
    </message>
    <message>
        <source>{0} is kept in the project (save it to keep it on disk).</source>
        <translation>{0} 已保留在项目中（保存项目才会写入磁盘）。</translation>
    </message>
    <message>
        <source>{0} is kept with this unsaved model, its files in {1}. Save the model (Ctrl+S) to keep the run.</source>
        <translation>{0} 暂时和这个未保存的模型放在一起，文件在 {1}。保存模型（Ctrl+S）才能留住这次运行。</translation>
    </message>
    <message>
        <source>The job failed.</source>
        <translation>任务失败。</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>The model changed since the last message: train again.</source>
        <translation>自上一条消息以来模型已经改动：请重新训练。</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Hold the fit before its next batch; Resume goes on from there (weights kept).</source>
        <translation>在下一个批次之前暂停训练；点“继续”从那里接着训练（权重保留）。</translation>
    </message>
    <message>
        <source>Go on training from where the fit was held.</source>
        <translation>从暂停的地方继续训练。</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>拟合</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Predict</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Train on batch</source>
        <translation>单批次训练</translation>
    </message>
    <message>
        <source>Test on batch</source>
        <translation>单批次测试</translation>
    </message>
    <message>
        <source>Predict on batch</source>
        <translation>单批次预测</translation>
    </message>
    <message>
        <source>epoch {0} / {1} · batch {2} / {3}</source>
        <translation>轮次 {0} / {1} · 批次 {2} / {3}</translation>
    </message>
    <message>
        <source>{0} left</source>
        <translation>剩余 {0}</translation>
    </message>
    <message>
        <source>{0}: {1} on {2}</source>
        <translation>{0}：{1}，后端 {2}</translation>
    </message>
    <message>
        <source>, {0} processes</source>
        <translation>，{0} 个进程</translation>
    </message>
    <message>
        <source>, {0} devices (data-parallel)</source>
        <translation>，{0} 个设备（数据并行）</translation>
    </message>
    <message>
        <source>The model has no input yet: add an Input layer and connect layers to it, or start from File → New from template. Received: a model without inputs</source>
        <translation>模型还没有输入：请添加一个 Input 层并把其他层连到它上面，或者从“文件 → 从模板新建”开始。收到：一个没有输入的模型</translation>
    </message>
    <message>
        <source>The model has no output yet: select its last layer and tick &apos;Model output&apos; in the Inspector. Received: a model without outputs</source>
        <translation>模型还没有输出：请选中最后一层，在检查器中勾选“模型输出”。收到：一个没有输出的模型</translation>
    </message>
    <message>
        <source>No run yet: choose the data and press Train (F5).</source>
        <translation>还没有运行记录：选好数据，然后点“训练”（F5）。</translation>
    </message>
    <message>
        <source>1 run kept in this project: {last}.</source>
        <translation>本项目保留了 1 次运行：{last}。</translation>
    </message>
    <message>
        <source>{count} runs kept in this project; the last: {last}.</source>
        <translation>本项目保留了 {count} 次运行；最近一次：{last}。</translation>
    </message>
    <message>
        <source>Its weights file is not here any more: jobs start from fresh weights.</source>
        <translation>它的权重文件已经不在了：任务将从全新的权重开始。</translation>
    </message>
    <message>
        <source>Last epoch: {0}</source>
        <translation>最后一轮：{0}</translation>
    </message>
    <message>
        <source>{0} min {1:02d} s</source>
        <translation>{0} 分 {1:02d} 秒</translation>
    </message>
    <message>
        <source>{0} s</source>
        <translation>{0} 秒</translation>
    </message>
    <message>
        <source>
&lt;h3&gt;How a model learns&lt;/h3&gt;
&lt;p&gt;&lt;b&gt;Mini-batch gradient descent.&lt;/b&gt; The model never looks at all the data at once. It takes a
&lt;b&gt;batch&lt;/b&gt; of samples (the &lt;i&gt;batch size&lt;/i&gt;, 32 by default), predicts them, measures how wrong
it is (the &lt;b&gt;loss&lt;/b&gt;), and the optimizer nudges every weight a little in the direction that
lowers that loss. That is one &lt;b&gt;step&lt;/b&gt;; its size is set by the &lt;b&gt;learning rate&lt;/b&gt;.&lt;/p&gt;
&lt;p&gt;&lt;b&gt;Epoch.&lt;/b&gt; One pass over all the training samples: with 1,000 samples and a batch size of
32 an epoch is 32 steps. Training for several epochs shows the model the same samples again,
shuffled each time.&lt;/p&gt;
&lt;p&gt;&lt;b&gt;Batch size.&lt;/b&gt; Small batches give noisy but frequent updates (often better generalization);
large batches give smoother, faster epochs but need more memory, and sometimes a larger
learning rate.&lt;/p&gt;
&lt;p&gt;&lt;b&gt;Reading the curves.&lt;/b&gt; The solid line is the loss on the training data, the dashed line on
validation data the model never trains on. Both falling: the model is learning. Training falling
while validation rises: it is &lt;b&gt;overfitting&lt;/b&gt; (memorizing) — stop earlier (EarlyStopping),
get more data or regularize (Dropout). Both flat and high: the model is too small or the learning
rate is off. The faint line shows the running average within each epoch.&lt;/p&gt;
&lt;p&gt;&lt;b&gt;Step one batch&lt;/b&gt; (Evaluate &amp;amp; predict tab) runs exactly one step —
&lt;code&gt;train_on_batch&lt;/code&gt;, &lt;code&gt;test_on_batch&lt;/code&gt; or &lt;code&gt;predict_on_batch&lt;/code&gt; — so
you can watch the loss change after a single update.&lt;/p&gt;
</source>
        <translation>
&lt;h3&gt;模型是怎样学习的&lt;/h3&gt;
&lt;p&gt;&lt;b&gt;小批量梯度下降。&lt;/b&gt;模型从不一次看完所有数据。它每次取一&lt;b&gt;批&lt;/b&gt;样本（&lt;i&gt;批次大小&lt;/i&gt;，默认 32），对它们做预测，衡量错得有多离谱（即&lt;b&gt;损失&lt;/b&gt;），然后优化器把每个权重朝着让损失变小的方向微调一点。这就是一&lt;b&gt;步&lt;/b&gt;；每一步走多远由&lt;b&gt;学习率&lt;/b&gt;决定。&lt;/p&gt;
&lt;p&gt;&lt;b&gt;轮次（epoch）。&lt;/b&gt;把全部训练样本过一遍：1,000 个样本、批次大小 32，一轮就是 32 步。训练多轮时，模型会再次看到同样的样本，每一轮都重新打乱顺序。&lt;/p&gt;
&lt;p&gt;&lt;b&gt;批次大小。&lt;/b&gt;小批次的更新有噪声，但更频繁（泛化往往更好）；大批次每轮更平稳、更快，但需要更多内存，有时还需要更大的学习率。&lt;/p&gt;
&lt;p&gt;&lt;b&gt;怎么看曲线。&lt;/b&gt;实线是训练数据上的损失，虚线是验证数据上的损失——模型从不在验证数据上训练。两条线都在下降：模型在学习。训练损失下降而验证损失上升：模型&lt;b&gt;过拟合&lt;/b&gt;了（在死记硬背）——要早点停下（EarlyStopping）、找更多数据，或者加正则化（Dropout）。两条线都又平又高：模型太小，或者学习率不合适。浅色细线是每一轮之内的滑动平均。&lt;/p&gt;
&lt;p&gt;&lt;b&gt;单步运行一个批次&lt;/b&gt;（“评估和预测”标签页）恰好只走一步——
&lt;code&gt;train_on_batch&lt;/code&gt;、&lt;code&gt;test_on_batch&lt;/code&gt; 或 &lt;code&gt;predict_on_batch&lt;/code&gt;——这样你可以看到一次更新之后损失是怎么变化的。&lt;/p&gt;
</translation>
    </message>
</context>
<context>
    <name>TrainingProcess</name>
    <message>
        <source>A job is already running. Received: a second job</source>
        <translation>已经有一个任务在运行。收到：第二个任务</translation>
    </message>
    <message>
        <source>The window stopped following the cluster run and asked it to stop (a STOP file, or over the connection); processes that do not hear it end with their run, or with scancel.</source>
        <translation>窗口已停止跟踪集群上的运行，并请求它停止（通过 STOP 文件或网络连接）；收不到请求的进程会在运行结束时退出，或者用 scancel 结束。</translation>
    </message>
    <message>
        <source>The training worker could not start. Received: {0}</source>
        <translation>训练进程无法启动。收到：{0}</translation>
    </message>
    <message>
        <source>Process 0 of the cluster run sent nothing for {0:g} s, so the window stopped following it.</source>
        <translation>集群运行的 0 号进程已有 {0:g} 秒没有发来任何消息，窗口已停止跟踪它。</translation>
    </message>
    <message>
        <source>The training worker was stopped with Kill; the run in flight is lost.</source>
        <translation>训练进程已被强制结束；正在进行的这次运行已丢失。</translation>
    </message>
</context>
<context>
    <name>TrainingScriptDialog</name>
    <message>
        <source>Export the training script</source>
        <translation>导出训练脚本</translation>
    </message>
    <message>
        <source>One Python script with the model&apos;s code, the data loading, the compile and fit settings and the callbacks. Run with python, it trains as the app does: the same loss after each epoch, with the same seed and backend.</source>
        <translation>一个 Python 脚本，包含模型代码、数据加载、compile 与 fit 的设置以及回调。用 python 运行，它会像本程序一样训练：使用相同的随机种子和后端，每个 epoch 后的损失都相同。</translation>
    </message>
    <message>
        <source>The Training panel&apos;s current settings</source>
        <translation>训练面板当前的设置</translation>
    </message>
    <message>
        <source>{run}: its model, data and settings</source>
        <translation>{run}：它的模型、数据和设置</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Reproduce:</source>
        <translation>重现：</translation>
    </message>
    <message>
        <source>Save to:</source>
        <translation>保存到：</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <source>Python script (*.py)</source>
        <translation>Python 脚本 (*.py)</translation>
    </message>
</context>
<context>
    <name>UnsafeDialog</name>
    <message>
        <source>Code in the model</source>
        <translation>模型中含有代码</translation>
    </message>
    <message>
        <source>{what} holds Python code in a {kind} layer. Allow it only if you trust it.</source>
        <translation>{what} 的一个 {kind} 层里含有 Python 代码。只有在你信任它时才允许。</translation>
    </message>
    <message>
        <source>{what} holds Python code in {count} layers. Allow it only if you trust it.</source>
        <translation>{what} 有 {count} 个层含有 Python 代码。只有在你信任它时才允许。</translation>
    </message>
    <message>
        <source>Keras Canvas never runs this code: the layers are kept and exported as they are, and their shapes stay unknown here. Keras runs it wherever the model is loaded with unsafe deserialization allowed (a training run, your own script).</source>
        <translation>Keras Canvas 从不运行这些代码：这些层会原样保留和导出，它们的形状在这里保持未知。但只要在允许不安全反序列化的地方加载这个模型（一次训练运行、你自己的脚本），Keras 就会运行这些代码。</translation>
    </message>
    <message>
        <source>Paste with &apos;allow unsafe&apos;</source>
        <translation>以“允许不安全”方式粘贴</translation>
    </message>
    <message>
        <source>Open with &apos;allow unsafe&apos;</source>
        <translation>以“允许不安全”方式打开</translation>
    </message>
</context>
<context>
    <name>ViewMenu</name>
    <message>
        <source>&amp;Explain the selection</source>
        <translation>讲解选中的层(&amp;E)</translation>
    </message>
    <message>
        <source>What the selected layer computes, its shape rule and its parameters</source>
        <translation>选中的层计算什么、它的形状规则和它的参数</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>Actual &amp;size (100 %)</source>
        <translation>实际大小（100 %）(&amp;S)</translation>
    </message>
    <message>
        <source>Zoom to &amp;selection</source>
        <translation>缩放到选中部分(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Open group</source>
        <translation>展开组(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Close group</source>
        <translation>收起组(&amp;C)</translation>
    </message>
    <message>
        <source>Collapse all to &amp;level</source>
        <translation>全部收起到层级(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Arrange automatically</source>
        <translation>自动排列(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Minimap</source>
        <translation>小地图(&amp;M)</translation>
    </message>
    <message>
        <source>Level {0} ({1} cards)</source>
        <translation>层级 {0}（{1} 张卡片）</translation>
    </message>
    <message>
        <source>, the default</source>
        <translation>，默认</translation>
    </message>
    <message>
        <source>Expand all ({0} cards)</source>
        <translation>全部展开（{0} 张卡片）</translation>
    </message>
</context>
<context>
    <name>WhereToTrain</name>
    <message>
        <source>This process</source>
        <translation>本进程</translation>
    </message>
    <message>
        <source>Local processes (data-parallel)</source>
        <translation>本机多进程（数据并行）</translation>
    </message>
    <message>
        <source>A cluster (data-parallel)</source>
        <translation>集群（数据并行）</translation>
    </message>
    <message>
        <source>Several processes train one model together: each one computes the gradients of its share of every batch, and they average them (Keras&apos;s DataParallel on the JAX backend).</source>
        <translation>多个进程一起训练同一个模型：每个进程计算每个批次中自己那一份的梯度，再把梯度求平均（JAX 后端上 Keras 的 DataParallel）。</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Processes on this machine.</source>
        <translation>在本机上运行的进程数。</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>进程数</translation>
    </message>
    <message>
        <source>node1, node2 (process 0 runs on the first)</source>
        <translation>node1, node2（0 号进程运行在第一台上）</translation>
    </message>
    <message>
        <source>Hosts</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>Processes started on each host (one per GPU).</source>
        <translation>每台主机上启动的进程数（每个 GPU 一个）。</translation>
    </message>
    <message>
        <source>Per host</source>
        <translation>每台主机</translation>
    </message>
    <message>
        <source>first host:12355</source>
        <translation>第一台主机:12355</translation>
    </message>
    <message>
        <source>Process 0&apos;s host and a free port every host can reach.</source>
        <translation>0 号进程所在的主机，以及一个所有主机都能访问的空闲端口。</translation>
    </message>
    <message>
        <source>Coordinator</source>
        <translation>协调者</translation>
    </message>
    <message>
        <source>shared by every host</source>
        <translation>所有主机共享</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Launch folders in</source>
        <translation>启动文件夹位置</translation>
    </message>
    <message>
        <source>Follow the folder&apos;s events file</source>
        <translation>跟踪文件夹里的事件文件</translation>
    </message>
    <message>
        <source>Listen on a port for process 0</source>
        <translation>在端口上监听 0 号进程</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>The port this window listens on (0: any free).</source>
        <translation>本窗口监听的端口（0：任意空闲端口）。</translation>
    </message>
    <message>
        <source>any free port</source>
        <translation>任意空闲端口</translation>
    </message>
    <message>
        <source>Window port</source>
        <translation>窗口端口</translation>
    </message>
    <message>
        <source>This machine&apos;s name as the cluster&apos;s hosts reach it.</source>
        <translation>集群主机访问本机时使用的名字。</translation>
    </message>
    <message>
        <source>This machine as seen</source>
        <translation>本机对外名称</translation>
    </message>
    <message>
        <source>Seconds every process gets to join.</source>
        <translation>每个进程加入所允许的秒数。</translation>
    </message>
    <message>
        <source>Join timeout (s)</source>
        <translation>加入超时（秒）</translation>
    </message>
    <message>
        <source>Seconds without any news before a run counts as hung.</source>
        <translation>多少秒没有任何消息，就认为运行卡住了。</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source>Hang timeout (s)</source>
        <translation>卡住超时（秒）</translation>
    </message>
    <message>
        <source>Name the cluster&apos;s hosts, process 0&apos;s first. Received: none</source>
        <translation>请填写集群的主机，0 号进程的主机写在最前面。收到：无</translation>
    </message>
    <message>
        <source>One worker process trains with the backend of the Fit tab. On JAX with several GPUs (or CPU devices) it spreads each batch over them.</source>
        <translation>一个工作进程用“拟合”页所选的后端训练。在有多个 GPU（或 CPU 设备）的 JAX 上，它会把每个批次分散到这些设备上。</translation>
    </message>
    <message>
        <source>{n} processes train on the JAX backend, each on 1/{n} of every batch (the batch size stays the global one). On a machine with few cores expect little speed-up: this shows how data-parallel training works. Several GPUs in one machine: &apos;This process&apos; on JAX uses them all.</source>
        <translation>{n} 个进程在 JAX 后端上训练，每个进程处理每个批次的 1/{n}（批次大小仍是全局的大小）。在核心不多的机器上，速度不会明显提升：这里演示的是数据并行训练如何工作。一台机器上有多个 GPU 时，在 JAX 上选“本进程”就会全部用上。</translation>
    </message>
    <message>
        <source>Train writes a launch folder (model, job, run.sh, job.sbatch) to start on the cluster, then follows process 0&apos;s events. The folder and the data must be at the same path on every host.</source>
        <translation>“训练”会写出一个启动文件夹（模型、任务、run.sh、job.sbatch），用来在集群上启动，然后跟踪 0 号进程的事件。每台主机上，这个文件夹和数据都必须位于相同的路径。</translation>
    </message>
</context>
</TS>
