using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MultiTask.Architectures;

/// <summary>
/// The network of <see cref="CrossStitchArchitecture"/> (Misra et al., CVPR 2016): one MLP tower per task, and after
/// each hidden layer a cross-stitch unit αˡ ∈ ℝ^{T×T} that replaces task t's activations by Σₛ αˡₜₛ hₛ; then one head per
/// task. Paths: <c>towers.&lt;task&gt;.&lt;layer&gt;.*</c>, <c>stitches</c> ([layers, T, T]), <c>heads.&lt;task&gt;.*</c>.
/// Shared: the towers and the units (every task's loss reaches them through the units); a task's: its head.
/// </summary>
internal sealed class CrossStitchNetwork : Models.MultiTaskNetwork
{
    [ComponentName(Name = "towers")]
    private readonly ModuleDict<ModuleList<Module<Tensor, Tensor>>> _towers;

    [ComponentName(Name = "stitches")]
    private readonly Parameter _stitches;

    [ComponentName(Name = "heads")]
    private readonly ModuleDict<Module<Tensor, Tensor>> _heads;

    private readonly Module<Tensor, Tensor>[][] _layers;
    private readonly Module<Tensor, Tensor>[] _headList;

    internal CrossStitchNetwork(IReadOnlyList<TaskSpec> tasks, Module<Tensor, Tensor>[][] layers, IReadOnlyList<Module<Tensor, Tensor>> heads, double selfWeight)
        : base(nameof(CrossStitchNetwork))
    {
        int taskCount = tasks.Count;
        _towers = ModuleDict<ModuleList<Module<Tensor, Tensor>>>();
        _heads = ModuleDict<Module<Tensor, Tensor>>();
        for (int t = 0; t < taskCount; t++)
        {
            _towers.Add(tasks[t].Name, ModuleList(layers[t]));
            _heads.Add(tasks[t].Name, heads[t]);
        }

        int depth = layers[0].Length;
        double other = taskCount > 1 ? (1 - selfWeight) / (taskCount - 1) : 0;
        var units = new float[depth * taskCount * taskCount];
        for (int i = 0; i < units.Length; i++)
        {
            int row = i / taskCount % taskCount;
            units[i] = (float)(row == i % taskCount ? (taskCount > 1 ? selfWeight : 1) : other);
        }

        _stitches = new Parameter(torch.tensor(units, [depth, taskCount, taskCount]));
        _layers = layers;
        _headList = heads.ToArray();
        RegisterComponents();
    }

    public override IReadOnlyList<Parameter> TaskParameters(int task) => _headList[task].parameters().ToArray();

    public override Tensor[] forward(Tensor input)
    {
        int taskCount = _headList.Length;
        var hidden = Enumerable.Repeat(input, taskCount).ToArray();
        for (int l = 0; l < _layers[0].Length; l++)
        {
            for (int t = 0; t < taskCount; t++)
            {
                hidden[t] = _layers[t][l].call(hidden[t]);
            }

            var stacked = torch.stack(hidden);
            var mixed = _stitches[l].matmul(stacked.reshape(taskCount, -1)).view_as(stacked);
            hidden = mixed.unbind(0);
        }

        var outputs = new Tensor[taskCount];
        for (int t = 0; t < taskCount; t++)
        {
            outputs[t] = _headList[t].call(hidden[t]);
        }

        return outputs;
    }
}
