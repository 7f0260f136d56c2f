using System.Text.Json.Nodes;
using MultiTask.Data;
using MultiTask.Models;
using MultiTask.Serialization;

namespace MultiTask.Architectures;

/// <summary>
/// Soft parameter sharing (Duong, Cohn, Bird and Cook, "Low Resource Dependency Parsing: Cross-lingual Parameter
/// Sharing in a Neural Network Parser", ACL 2015): every task has its own <see cref="Tower"/> and <see cref="Head"/>;
/// the towers are tied by the penalty λ Σ_{i&lt;j} ‖θᵢ − θⱼ‖² (λ = <see cref="Strength"/>) over their corresponding
/// parameters, which the trainer adds to every step's objective (it is not part of the reported task losses). Any trunk
/// works as the tower, the text trunk too. Shared parameters: the towers; a task's: its head. Representation-gradient
/// mode is refused.
/// </summary>
public sealed class SoftSharingArchitecture : ArchitectureSpec
{
    internal const string TypeName = "soft-sharing";
    private const string Owner = nameof(SoftSharingArchitecture);

    /// <summary>Every task's tower, from <see cref="Trunks"/>. Required.</summary>
    public required TrunkSpec Tower { get; init => field = value ?? throw new ArgumentNullException(nameof(Tower)); }

    /// <summary>Each task's head on its tower, from <see cref="Heads"/>. Default: <see cref="Heads.Linear"/>.</summary>
    public HeadSpec Head { get; init => field = ExpertChecks.Tower(value, nameof(Head)); } = Heads.Linear();

    /// <summary>The penalty's factor λ. Range: ≥ 0 and finite. Default: 0.001.</summary>
    public double Strength { get; init => field = OptionRanges.Require(value, value >= 0 && double.IsFinite(value), "≥ 0 and finite", Owner); } = 0.001;

    /// <inheritdoc/>
    public override string Type => TypeName;

    /// <inheritdoc/>
    public override InputKind InputKind => Tower.InputKind;

    /// <inheritdoc/>
    public override int? InputWidth => Tower.InputWidth;

    /// <inheritdoc/>
    public override TextTrunkSpec? TextInput => Tower as TextTrunkSpec;

    /// <inheritdoc/>
    public override MultiTaskNetwork Build(IReadOnlyList<TaskSpec> tasks, ModuleFactories? factories) => Mixture.Guarded(built =>
    {
        var towers = tasks.Select(_ => built.Track(Tower.Build(factories))).ToArray();
        var heads = tasks.Select(t => built.Track(Head.Build(Tower.OutputSize, t.OutputSize, factories))).ToArray();
        return new SoftSharingNetwork(tasks, towers, heads, Strength);
    });

    /// <inheritdoc/>
    public override long? MinimumWeightCount(IReadOnlyList<TaskSpec> tasks) => checked(
        (tasks.Count * SizeLimits.TrunkWeights(Tower, "tower"))
        + SizeLimits.TowerWeights(Head, Tower.OutputSize, tasks, "head"));

    /// <inheritdoc/>
    public override JsonObject ToJson() => new()
    {
        ["tower"] = SpecJson.WriteTrunk(Tower),
        ["head"] = SpecJson.WriteHead(Head),
        ["strength"] = Strength,
    };

    /// <summary>E.g. <c>SoftSharing(towers Mlp(100 → 16, ReLU), λ = 0.001, heads Linear(in → out))</c>.</summary>
    public override string ToString() => $"SoftSharing(towers {Tower}, λ = {ModelSummary.Number(Strength)}, heads {Head})";

    internal static SoftSharingArchitecture FromJson(JsonObject json) => new()
    {
        Tower = SpecJson.ReadTrunk(SpecJson.Object(json["tower"], "tower")),
        Head = SpecJson.ReadHead(SpecJson.Object(json["head"], "head")),
        Strength = SpecJson.Get<double>(json, "strength"),
    };
}
