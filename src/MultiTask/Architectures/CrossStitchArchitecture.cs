using System.Text.Json.Nodes;
using MultiTask.Data;
using MultiTask.Models;
using MultiTask.Serialization;
using static TorchSharp.torch.nn;
using Tensor = TorchSharp.torch.Tensor;

namespace MultiTask.Architectures;

/// <summary>
/// Cross-stitch networks (Misra, Shrivastava, Gupta and Hebert, "Cross-stitch Networks for Multi-task Learning", CVPR
/// 2016) with MLP towers: every task has its own <see cref="Tower"/>; after each hidden layer a learned cross-stitch unit
/// α ∈ ℝ^{T×T} mixes the tasks' activations, h̃ₜ = Σₛ αₜₛ hₛ, and each task's <see cref="Head"/> reads its last mixed
/// activations. The units start at αₜₜ = <see cref="SelfWeight"/> and αₜₛ = (1 − SelfWeight)/(T − 1) (the paper's best
/// initialisation for two tasks is 0.9 / 0.1); SelfWeight = 1 gives independent towers. Shared parameters: the towers
/// and units; a task's: its head. Representation-gradient mode is refused.
/// </summary>
public sealed class CrossStitchArchitecture : ArchitectureSpec
{
    internal const string TypeName = "cross-stitch";
    private const string Owner = nameof(CrossStitchArchitecture);

    /// <summary>The layers of every task's tower, e.g. <c>Trunks.Mlp(100, [32, 16])</c> (a unit after each hidden layer). Required.</summary>
    public required MlpTrunkSpec Tower { get; init => field = value ?? throw new ArgumentNullException(nameof(Tower)); }

    /// <summary>Each task's head on its last mixed activations, from <see cref="Heads"/>. Default: <see cref="Heads.Linear"/>.</summary>
    public HeadSpec Head { get; init => field = ExpertChecks.Tower(value, nameof(Head)); } = Heads.Linear();

    /// <summary>The initial weight of a task's own activations in each unit. Range: [0, 1]. Default: 0.9 (the paper's α_S).</summary>
    public double SelfWeight { get; init => field = OptionRanges.Require(value, value is >= 0 and <= 1, "in [0, 1]", Owner); } = 0.9;

    /// <inheritdoc/>
    public override string Type => TypeName;

    /// <inheritdoc/>
    public override InputKind InputKind => InputKind.Features;

    /// <inheritdoc/>
    public override int? InputWidth => Tower.InputSize;

    /// <inheritdoc/>
    public override MultiTaskNetwork Build(IReadOnlyList<TaskSpec> tasks, ModuleFactories? factories) => Mixture.Guarded(built =>
    {
        var layers = new Module<Tensor, Tensor>[tasks.Count][];
        for (int t = 0; t < tasks.Count; t++)
        {
            layers[t] = new Module<Tensor, Tensor>[Tower.HiddenSizes.Count];
            int width = Tower.InputSize;
            for (int l = 0; l < layers[t].Length; l++)
            {
                layers[t][l] = built.Track(MlpBuilder.Build(width, [Tower.HiddenSizes[l]], null, Tower.Activation, Tower.Dropout, Tower.Normalization));
                width = Tower.HiddenSizes[l];
            }
        }

        var heads = tasks.Select(t => built.Track(Head.Build(Tower.OutputSize, t.OutputSize, factories))).ToArray();
        return new CrossStitchNetwork(tasks, layers, heads, SelfWeight);
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
        ["selfWeight"] = SelfWeight,
    };

    /// <summary>E.g. <c>CrossStitch(towers Mlp(100 → 32 → 16, ReLU), self weight 0.9, heads Linear(in → out))</c>.</summary>
    public override string ToString() => $"CrossStitch(towers {Tower}, self weight {ModelSummary.Number(SelfWeight)}, heads {Head})";

    internal static CrossStitchArchitecture FromJson(JsonObject json) => new()
    {
        Tower = SpecJson.ReadTrunk(SpecJson.Object(json["tower"], "tower")) as MlpTrunkSpec ?? throw new FormatException("The model description's cross-stitch 'tower' is not an MLP."),
        Head = SpecJson.ReadHead(SpecJson.Object(json["head"], "head")),
        SelfWeight = SpecJson.Get<double>(json, "selfWeight"),
    };
}
