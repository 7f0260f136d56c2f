using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MultiTask.Models;

/// <summary>
/// Hard parameter sharing (Caruana, "Multitask Learning: A Knowledge-Based Source of Inductive Bias", ICML 1993): one
/// shared trunk and one head per task. Parameter paths are <c>trunk.*</c> and <c>heads.&lt;task&gt;.*</c>; the shared
/// parameters are the trunk's, a task's are its head's, and the trunk's output is the shared representation.
/// </summary>
public sealed class HardSharingNetwork : MultiTaskNetwork
{
    [ComponentName(Name = "trunk")]
    private readonly Module<Tensor, Tensor> _trunk;

    [ComponentName(Name = "heads")]
    private readonly ModuleDict<Module<Tensor, Tensor>> _heads;

    private readonly Module<Tensor, Tensor>[] _headList;

    internal HardSharingNetwork(IReadOnlyList<TaskSpec> tasks, Module<Tensor, Tensor> trunk, IReadOnlyList<Module<Tensor, Tensor>> heads)
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
    }

    /// <summary>The shared trunk.</summary>
    public Module<Tensor, Tensor> Trunk => _trunk;

    /// <summary>The heads, in task order.</summary>
    public IReadOnlyList<Module<Tensor, Tensor>> Heads => _headList;

    /// <inheritdoc/>
    public override string? RepresentationUnavailableReason => null;

    /// <summary>The trunk's parameters.</summary>
    /// <param name="taskCount">The number of tasks (unused: the trunk is shared by all).</param>
    public override IReadOnlyList<Parameter> SharedParameters(int taskCount) => _trunk.parameters().ToArray();

    /// <summary>The parameters of one task's head.</summary>
    /// <param name="task">The task's index.</param>
    public override IReadOnlyList<Parameter> TaskParameters(int task) => _headList[task].parameters().ToArray();

    /// <summary>The shared representation of a batch of inputs: the trunk's output, [batch, representation width].</summary>
    /// <param name="inputs">[batch, width] features or token ids.</param>
    public override Tensor Encode(Tensor inputs) => _trunk.call(inputs);

    /// <summary>Each head applied to a shared representation, in task order.</summary>
    /// <param name="representation">[batch, representation width].</param>
    public override Tensor[] Decode(Tensor representation)
    {
        var outputs = new Tensor[_headList.Length];
        for (int t = 0; t < outputs.Length; t++)
        {
            outputs[t] = _headList[t].call(representation);
        }

        return outputs;
    }

    /// <inheritdoc />
    internal override Tensor[] DecodeEach(IReadOnlyList<Tensor> representations)
    {
        var outputs = new Tensor[_headList.Length];
        for (int t = 0; t < outputs.Length; t++)
        {
            outputs[t] = _headList[t].call(representations[t]);
        }

        return outputs;
    }

    /// <summary>Runs the trunk and every head.</summary>
    /// <param name="input">[batch, width] features or token ids.</param>
    /// <returns>One output per task, in task order: [batch, 1] for regression and binary, [batch, classes] for multiclass.</returns>
    public override Tensor[] forward(Tensor input) => Decode(Encode(input));
}
