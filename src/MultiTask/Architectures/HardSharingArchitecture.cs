using System.Text.Json.Nodes;
using MultiTask.Data;
using MultiTask.Models;
using MultiTask.Serialization;
using static TorchSharp.torch.nn;
using Tensor = TorchSharp.torch.Tensor;

namespace MultiTask.Architectures;

/// <summary>
/// Hard parameter sharing (Caruana, "Multitask Learning: A Knowledge-Based Source of Inductive Bias", ICML 1993): one
/// shared trunk and one head per task, built as a <see cref="HardSharingNetwork"/>. This is what
/// <c>MultiTaskModel.Create(tasks, trunk, head, taskHeads)</c> builds; the model file stores it as its <c>trunk</c>
/// and <c>heads</c> entries, as files of version 0.1 do.
/// </summary>
public sealed class HardSharingArchitecture : ArchitectureSpec
{
    internal const string TypeName = "hard-sharing";

    /// <summary>The shared trunk, from <see cref="Trunks"/>. Required.</summary>
    public required TrunkSpec Trunk { get; init => field = value ?? throw new ArgumentNullException(nameof(Trunk)); }

    /// <summary>The head of every task without an entry in <see cref="TaskHeads"/>, from <see cref="Heads"/>. Default: <see cref="Heads.Linear"/>.</summary>
    public HeadSpec Head { get; init => field = value ?? throw new ArgumentNullException(nameof(Head)); } = Heads.Linear();

    /// <summary>Heads that differ from <see cref="Head"/>, by task name; every name must be a task of the model. Default: none.</summary>
    public IReadOnlyDictionary<string, HeadSpec> TaskHeads
    {
        get;
        init => field = value?.ToDictionary(p => p.Key, p => p.Value ?? throw new ArgumentException($"HardSharingArchitecture.TaskHeads has no head for task '{p.Key}'.", nameof(TaskHeads)), StringComparer.Ordinal)
            ?? throw new ArgumentNullException(nameof(TaskHeads));
    } = new Dictionary<string, HeadSpec>(StringComparer.Ordinal);

    /// <inheritdoc/>
    public override string Type => TypeName;

    /// <inheritdoc/>
    public override InputKind InputKind => Trunk.InputKind;

    /// <inheritdoc/>
    public override int? InputWidth => Trunk.InputWidth;

    /// <inheritdoc/>
    public override TextTrunkSpec? TextInput => Trunk as TextTrunkSpec;

    /// <summary>The head of each task, in task order.</summary>
    /// <exception cref="ArgumentException"><see cref="TaskHeads"/> names a task that is not in <paramref name="tasks"/>.</exception>
    internal HeadSpec[] HeadsFor(IReadOnlyList<TaskSpec> tasks)
    {
        foreach (var name in TaskHeads.Keys.Where(k => tasks.All(t => t.Name != k)))
        {
            throw new ArgumentException($"taskHeads names unknown task '{name}'; the tasks are {string.Join(", ", tasks.Select(t => $"'{t.Name}'"))}.", "taskHeads");
        }

        return tasks.Select(t => TaskHeads.GetValueOrDefault(t.Name) ?? Head).ToArray();
    }

    /// <inheritdoc/>
    public override MultiTaskNetwork Build(IReadOnlyList<TaskSpec> tasks, ModuleFactories? factories)
    {
        var heads = HeadsFor(tasks);
        SizeLimits.CheckWeights(Trunk, heads, tasks);
        var trunk = Trunk.Build(factories);
        var headModules = new List<Module<Tensor, Tensor>>();
        try
        {
            for (int t = 0; t < tasks.Count; t++)
            {
                headModules.Add(heads[t].Build(Trunk.OutputSize, tasks[t].OutputSize, factories));
            }

            return new HardSharingNetwork(tasks, trunk, headModules);
        }
        catch
        {
            trunk.Dispose();
            headModules.ForEach(h => h.Dispose());
            throw;
        }
    }

    /// <inheritdoc/>
    public override long? MinimumWeightCount(IReadOnlyList<TaskSpec> tasks) => SizeLimits.CheckWeights(Trunk, HeadsFor(tasks), tasks);

    /// <inheritdoc/>
    public override JsonObject ToJson() => new()
    {
        ["trunk"] = SpecJson.WriteTrunk(Trunk),
        ["head"] = SpecJson.WriteHead(Head),
        ["taskHeads"] = new JsonObject(TaskHeads.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)SpecJson.WriteHead(p.Value)))),
    };

    /// <summary>Hard sharing: the trunk and the default head, e.g. <c>HardSharing(Mlp(8 → 32, ReLU), Linear)</c>.</summary>
    public override string ToString() => $"HardSharing({Trunk}, {Head})";
}
