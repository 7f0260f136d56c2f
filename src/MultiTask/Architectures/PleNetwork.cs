using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MultiTask.Architectures;

/// <summary>
/// The network of <see cref="PleArchitecture"/> and <see cref="CgcArchitecture"/> (Tang, Liu, Zhao and Gong, RecSys
/// 2020): extraction levels of shared and task-specific experts. At every level, task k's gate mixes the shared experts
/// and task k's experts (read from task k's input); below the last level a shared gate mixes every expert of the level
/// (read from the shared input) into the next level's shared input. Towers read the last level's task outputs.
/// Paths: <c>experts.level&lt;l&gt;_shared_&lt;i&gt;.*</c>, <c>experts.level&lt;l&gt;_&lt;task&gt;_&lt;i&gt;.*</c>,
/// <c>gates.level&lt;l&gt;_&lt;task&gt;.weight</c>, <c>gates.level&lt;l&gt;_shared.weight</c>, <c>towers.&lt;task&gt;.*</c>,
/// and with a text expert at level 0 <c>gate_input.*</c>, the bag of token embeddings level 0's gates read (shared).
/// </summary>
/// <remarks>
/// A task's parameters are those only its loss reaches: its tower, its experts of the last level, and its gates of
/// the last two levels (lower ones feed the shared gate path, so every task reaches them). Everything else is shared.
/// </remarks>
internal sealed class PleNetwork : Models.MultiTaskNetwork
{
    [ComponentName(Name = "experts")]
    private readonly ModuleDict<Module<Tensor, Tensor>> _experts;

    [ComponentName(Name = "gate_input")]
    private readonly Module<Tensor, Tensor>? _gateInput;

    [ComponentName(Name = "gates")]
    private readonly ModuleDict<Module<Tensor, Tensor>> _gates;

    [ComponentName(Name = "towers")]
    private readonly ModuleDict<Module<Tensor, Tensor>> _towers;

    private readonly Level[] _levels;
    private readonly Module<Tensor, Tensor>[] _towerList;

    internal PleNetwork(IReadOnlyList<TaskSpec> tasks, Module<Tensor, Tensor>? gateInput, IReadOnlyList<Level> levels, IReadOnlyList<Module<Tensor, Tensor>> towers)
        : base(nameof(PleNetwork))
    {
        _experts = ModuleDict<Module<Tensor, Tensor>>();
        _gateInput = gateInput;
        _gates = ModuleDict<Module<Tensor, Tensor>>();
        _towers = ModuleDict<Module<Tensor, Tensor>>();
        for (int l = 0; l < levels.Count; l++)
        {
            var level = levels[l];
            for (int i = 0; i < level.Shared.Length; i++)
            {
                _experts.Add($"level{l}_shared_{i}", level.Shared[i]);
            }

            for (int t = 0; t < tasks.Count; t++)
            {
                for (int i = 0; i < level.Specific[t].Length; i++)
                {
                    _experts.Add($"level{l}_{tasks[t].Name}_{i}", level.Specific[t][i]);
                }

                _gates.Add($"level{l}_{tasks[t].Name}", level.TaskGates[t]);
            }

            if (level.SharedGate is not null)
            {
                _gates.Add($"level{l}_shared", level.SharedGate);
            }
        }

        for (int t = 0; t < tasks.Count; t++)
        {
            _towers.Add(tasks[t].Name, towers[t]);
        }

        _levels = levels.ToArray();
        _towerList = towers.ToArray();
        RegisterComponents();
    }

    public override IReadOnlyList<Parameter> TaskParameters(int task)
    {
        int last = _levels.Length - 1;
        var own = new List<Parameter>();
        own.AddRange(_levels[last].Specific[task].SelectMany(e => e.parameters()));
        for (int l = Math.Max(0, last - 1); l <= last; l++)
        {
            own.AddRange(_levels[l].TaskGates[task].parameters());
        }

        own.AddRange(_towerList[task].parameters());
        return own;
    }

    /// <summary>The gate weights of every task at every level, and of the shared gate below the last level, for one batch: [level][task or T for shared] → [batch, experts].</summary>
    internal Tensor[][] GateWeights(Tensor input) => Run(input).Gates;

    public override Tensor[] forward(Tensor input)
    {
        var taskInputs = Run(input).TaskInputs;
        var outputs = new Tensor[_towerList.Length];
        for (int t = 0; t < outputs.Length; t++)
        {
            outputs[t] = _towerList[t].call(taskInputs[t]);
        }

        return outputs;
    }

    private (Tensor[] TaskInputs, Tensor[][] Gates) Run(Tensor input)
    {
        int taskCount = _towerList.Length;
        var shared = input;
        var taskInputs = Enumerable.Repeat(input, taskCount).ToArray();
        var sharedGateInput = _gateInput?.call(input) ?? input; // level 0's gates read the model input (its bag of embeddings for tokens)
        var taskGateInputs = Enumerable.Repeat(sharedGateInput, taskCount).ToArray();
        var gates = new Tensor[_levels.Length][];
        for (int l = 0; l < _levels.Length; l++)
        {
            var level = _levels[l];
            var sharedOut = level.Shared.Select(e => e.call(shared)).ToArray();
            var specificOut = new Tensor[taskCount][];
            var next = new Tensor[taskCount];
            gates[l] = new Tensor[level.SharedGate is null ? taskCount : taskCount + 1];
            for (int t = 0; t < taskCount; t++)
            {
                specificOut[t] = level.Specific[t].Select(e => e.call(taskInputs[t])).ToArray();
                gates[l][t] = Mixture.Softmax(level.TaskGates[t], taskGateInputs[t]);
                next[t] = Mixture.Mix(gates[l][t], torch.stack([.. sharedOut, .. specificOut[t]], 1));
            }

            if (level.SharedGate is not null)
            {
                gates[l][taskCount] = Mixture.Softmax(level.SharedGate, sharedGateInput);
                shared = Mixture.Mix(gates[l][taskCount], torch.stack([.. sharedOut, .. specificOut.SelectMany(s => s)], 1));
            }

            taskInputs = next;
            taskGateInputs = next;
            sharedGateInput = shared;
        }

        return (taskInputs, gates);
    }

    /// <summary>One extraction level: its shared experts, each task's experts and gate, and the shared gate (null at the last level).</summary>
    internal sealed record Level(Module<Tensor, Tensor>[] Shared, Module<Tensor, Tensor>[][] Specific, Module<Tensor, Tensor>[] TaskGates, Module<Tensor, Tensor>? SharedGate);
}
