using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MultiTask.Models;

/// <summary>
/// The TorchSharp module of a multi-task model: one shared trunk and one head per task. Parameter paths are
/// <c>trunk.*</c> and <c>heads.&lt;task&gt;.*</c>.
/// </summary>
/// <remarks>
/// <see cref="Module{T, TResult}.forward"/> returns one output tensor per task, in task order. Extenders may use
/// <see cref="Encode"/> and <see cref="Decode"/> to work at the shared representation. The network is in evaluation
/// mode from construction on; <c>MultiTaskTrainer.Fit</c> switches it to training mode only while it fits and back
/// afterwards. A custom training loop that calls <c>train()</c> must call <c>eval()</c> before the model predicts or
/// evaluates again (they refuse a network in training mode rather than switch a shared module's mode).
/// </remarks>
public sealed class MultiTaskNetwork : Module<Tensor, Tensor[]>
{
    [ComponentName(Name = "trunk")]
    private readonly Module<Tensor, Tensor> _trunk;

    [ComponentName(Name = "heads")]
    private readonly ModuleDict<Module<Tensor, Tensor>> _heads;

    private readonly Module<Tensor, Tensor>[] _headList;

    internal MultiTaskNetwork(IReadOnlyList<TaskSpec> tasks, Module<Tensor, Tensor> trunk, IReadOnlyList<Module<Tensor, Tensor>> heads)
        : base(nameof(MultiTaskNetwork))
    {
        _trunk = trunk;
        _heads = ModuleDict<Module<Tensor, Tensor>>();
        for (int t = 0; t < tasks.Count; t++)
        {
            _heads.Add(tasks[t].Name, heads[t]);
        }

        _headList = heads.ToArray();
        RegisterComponents();
        eval();
    }

    /// <summary>The shared trunk.</summary>
    public Module<Tensor, Tensor> Trunk => _trunk;

    /// <summary>The heads, in task order.</summary>
    public IReadOnlyList<Module<Tensor, Tensor>> Heads => _headList;

    /// <summary>The shared representation of a batch of inputs: [batch, representation width].</summary>
    /// <param name="inputs">[batch, width] features or token ids.</param>
    public Tensor Encode(Tensor inputs) => _trunk.call(inputs);

    /// <summary>Each head applied to a shared representation, in task order.</summary>
    /// <param name="representation">[batch, representation width].</param>
    public Tensor[] Decode(Tensor representation)
    {
        var outputs = new Tensor[_headList.Length];
        for (int t = 0; t < outputs.Length; t++)
        {
            outputs[t] = _headList[t].call(representation);
        }

        return outputs;
    }

    /// <summary>Runs the trunk and every head.</summary>
    /// <param name="input">[batch, width] features or token ids.</param>
    /// <returns>One output per task, in task order: [batch, 1] for regression and binary, [batch, classes] for multiclass.</returns>
    public override Tensor[] forward(Tensor input) => Decode(Encode(input));
}
