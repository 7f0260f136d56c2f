using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MultiTask.Architectures;

/// <summary>
/// The network of <see cref="MmoeArchitecture"/> (Ma et al., KDD 2018): experts shared by all tasks, one softmax gate
/// per task over the model input, and one tower per task on its gated mixture. Paths: <c>experts.&lt;e&gt;.*</c>,
/// <c>gates.&lt;task&gt;.weight</c>, <c>towers.&lt;task&gt;.*</c>, and with text experts <c>gate_input.*</c> (the bag
/// of embeddings the gates read). Shared: the experts and the gate input; a task's: its gate and tower.
/// </summary>
internal sealed class MmoeNetwork : Models.MultiTaskNetwork
{
    [ComponentName(Name = "experts")]
    private readonly ModuleList<Module<Tensor, Tensor>> _experts;

    [ComponentName(Name = "gate_input")]
    private readonly Module<Tensor, Tensor>? _gateInput;

    [ComponentName(Name = "gates")]
    private readonly ModuleDict<Module<Tensor, Tensor>> _gates;

    [ComponentName(Name = "towers")]
    private readonly ModuleDict<Module<Tensor, Tensor>> _towers;

    private readonly Module<Tensor, Tensor>[] _expertList;
    private readonly Module<Tensor, Tensor>[] _gateList;
    private readonly Module<Tensor, Tensor>[] _towerList;

    internal MmoeNetwork(IReadOnlyList<TaskSpec> tasks, IReadOnlyList<Module<Tensor, Tensor>> experts, Module<Tensor, Tensor>? gateInput, IReadOnlyList<Module<Tensor, Tensor>> gates, IReadOnlyList<Module<Tensor, Tensor>> towers)
        : base(nameof(MmoeNetwork))
    {
        _experts = ModuleList(experts.ToArray());
        _gateInput = gateInput;
        _gates = ModuleDict<Module<Tensor, Tensor>>();
        _towers = ModuleDict<Module<Tensor, Tensor>>();
        for (int t = 0; t < tasks.Count; t++)
        {
            _gates.Add(tasks[t].Name, gates[t]);
            _towers.Add(tasks[t].Name, towers[t]);
        }

        _expertList = experts.ToArray();
        _gateList = gates.ToArray();
        _towerList = towers.ToArray();
        RegisterComponents();
    }

    public override IReadOnlyList<Parameter> TaskParameters(int task) => [.. _gateList[task].parameters(), .. _towerList[task].parameters()];

    /// <summary>Task <paramref name="task"/>'s gate weights over the experts for a batch of model input, [batch, experts]; each row sums to 1.</summary>
    internal Tensor GateWeights(Tensor input, int task) => Mixture.Softmax(_gateList[task], GateInput(input));

    /// <summary>What the gates read: the features, or the bag of token embeddings with text experts.</summary>
    internal Tensor GateInput(Tensor input) => _gateInput?.call(input) ?? input;

    public override Tensor[] forward(Tensor input)
    {
        var gateInput = GateInput(input);
        return Mixture.GatedTowers(_expertList, _towerList, input, t => Mixture.Softmax(_gateList[t], gateInput));
    }
}
