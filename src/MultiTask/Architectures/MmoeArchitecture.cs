using System.Text.Json.Nodes;
using MultiTask.Data;
using MultiTask.Models;
using MultiTask.Serialization;
using static TorchSharp.torch.nn;
using Tensor = TorchSharp.torch.Tensor;

namespace MultiTask.Architectures;

/// <summary>
/// Multi-gate mixture-of-experts (Ma, Zhao, Yi, Chen, Hong and Chi, "Modeling Task Relationships in Multi-task
/// Learning with Multi-gate Mixture-of-Experts", KDD 2018): <see cref="ExpertCount"/> experts shared by all tasks;
/// each task k has a gate gᵏ(x) = softmax(W_gᵏ x) over the experts, read from the model input, and a tower on its
/// mixture fᵏ(x) = Σᵢ gᵏ(x)ᵢ fᵢ(x). Shared parameters: the experts; a task's: its gate and tower. Representation-gradient
/// mode is refused (each task has its own mixture).
/// </summary>
public sealed class MmoeArchitecture : ArchitectureSpec
{
    internal const string TypeName = "mmoe";
    private const string Owner = nameof(MmoeArchitecture);

    /// <summary>Each expert, e.g. <c>Trunks.Mlp(100, [16])</c>; it must take features (the gates read them). Required.</summary>
    public required TrunkSpec Expert { get; init => field = ExpertChecks.FeatureExpert(value, Owner, nameof(Expert)); }

    /// <summary>The number of experts. Range: ≥ 1. Default: 8 (the paper's synthetic experiment).</summary>
    public int ExpertCount { get; init => field = OptionRanges.Require(value, value >= 1, "≥ 1", Owner); } = 8;

    /// <summary>Each task's tower on its mixture of experts, from <see cref="Heads"/>. Default: <see cref="Heads.Linear"/>.</summary>
    public HeadSpec Tower { get; init => field = ExpertChecks.Tower(value, nameof(Tower)); } = Heads.Linear();

    /// <inheritdoc/>
    public override string Type => TypeName;

    /// <inheritdoc/>
    public override InputKind InputKind => InputKind.Features;

    /// <inheritdoc/>
    public override int? InputWidth => Expert.InputWidth;

    /// <inheritdoc/>
    public override MultiTaskNetwork Build(IReadOnlyList<TaskSpec> tasks, ModuleFactories? factories) => Mixture.Guarded(built =>
    {
        var experts = Enumerable.Range(0, ExpertCount).Select(_ => built.Track(Expert.Build(factories))).ToArray();
        var gates = tasks.Select(_ => (Module<Tensor, Tensor>)built.Track(Linear(InputWidth!.Value, ExpertCount, hasBias: false))).ToArray();
        var towers = tasks.Select(t => built.Track(Tower.Build(Expert.OutputSize, t.OutputSize, factories))).ToArray();
        return new MmoeNetwork(tasks, experts, gates, towers);
    });

    /// <inheritdoc/>
    public override long? MinimumWeightCount(IReadOnlyList<TaskSpec> tasks) => checked(
        (ExpertCount * SizeLimits.TrunkWeights(Expert, "expert"))
        + (tasks.Count * SizeLimits.Layer(InputWidth!.Value, ExpertCount, "gate"))
        + SizeLimits.TowerWeights(Tower, Expert.OutputSize, tasks, "tower"));

    /// <inheritdoc/>
    public override JsonObject ToJson() => new()
    {
        ["expert"] = SpecJson.WriteTrunk(Expert),
        ["expertCount"] = ExpertCount,
        ["tower"] = SpecJson.WriteHead(Tower),
    };

    /// <summary>E.g. <c>Mmoe(8 experts Mlp(100 → 16, ReLU), towers Mlp(in → 8 → out, ReLU))</c>.</summary>
    public override string ToString() => $"Mmoe({ExpertCount} experts {Expert}, towers {Tower})";

    internal static MmoeArchitecture FromJson(JsonObject json) => new()
    {
        Expert = SpecJson.ReadTrunk(SpecJson.Object(json["expert"], "expert")),
        ExpertCount = SpecJson.Get<int>(json, "expertCount"),
        Tower = SpecJson.ReadHead(SpecJson.Object(json["tower"], "tower")),
    };
}
