using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MultiTask.Architectures;

/// <summary>
/// The network of <see cref="SoftSharingArchitecture"/> (Duong et al., ACL 2015): one tower and one head per task; the
/// towers are tied only by <see cref="Penalty(Tensor)"/> = λ Σ_{i&lt;j} ‖θᵢ − θⱼ‖² over their corresponding parameters. Paths:
/// <c>towers.&lt;task&gt;.*</c>, <c>heads.&lt;task&gt;.*</c>. Shared: the towers (the penalty couples them); a task's: its head.
/// </summary>
internal sealed class SoftSharingNetwork : Models.MultiTaskNetwork
{
    [ComponentName(Name = "towers")]
    private readonly ModuleDict<Module<Tensor, Tensor>> _towers;

    [ComponentName(Name = "heads")]
    private readonly ModuleDict<Module<Tensor, Tensor>> _heads;

    private readonly Module<Tensor, Tensor>[] _towerList;
    private readonly Module<Tensor, Tensor>[] _headList;
    private readonly double _strength;

    internal SoftSharingNetwork(IReadOnlyList<TaskSpec> tasks, IReadOnlyList<Module<Tensor, Tensor>> towers, IReadOnlyList<Module<Tensor, Tensor>> heads, double strength)
        : base(nameof(SoftSharingNetwork))
    {
        _towers = ModuleDict<Module<Tensor, Tensor>>();
        _heads = ModuleDict<Module<Tensor, Tensor>>();
        for (int t = 0; t < tasks.Count; t++)
        {
            _towers.Add(tasks[t].Name, towers[t]);
            _heads.Add(tasks[t].Name, heads[t]);
        }

        _towerList = towers.ToArray();
        _headList = heads.ToArray();
        _strength = strength;
        RegisterComponents();
    }

    public override IReadOnlyList<Parameter> TaskParameters(int task) => _headList[task].parameters().ToArray();

    /// <summary>λ Σ_{i&lt;j} Σ_p ‖θᵢ,p − θⱼ,p‖² over every pair of towers and their corresponding parameters; null with one task or λ = 0.</summary>
    public override Tensor? Penalty(Tensor inputs)
    {
        if (_towerList.Length < 2 || _strength == 0)
        {
            return null;
        }

        var parameters = _towerList.Select(t => t.parameters().ToArray()).ToArray();
        Tensor? sum = null;
        for (int i = 0; i < parameters.Length; i++)
        {
            for (int j = i + 1; j < parameters.Length; j++)
            {
                for (int p = 0; p < parameters[i].Length; p++)
                {
                    var term = (parameters[i][p] - parameters[j][p]).square().sum();
                    sum = sum is null ? term : sum + term;
                }
            }
        }

        return sum is null ? null : sum * _strength;
    }

    public override Tensor[] forward(Tensor input)
    {
        var outputs = new Tensor[_headList.Length];
        for (int t = 0; t < outputs.Length; t++)
        {
            outputs[t] = _headList[t].call(_towerList[t].call(input));
        }

        return outputs;
    }
}
