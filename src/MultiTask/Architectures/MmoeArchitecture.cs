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
/// <remarks>
/// Text experts: with <c>Expert = Trunks.Text(…)</c> the model takes token ids, each expert is its own text encoder
/// (own embedding and recurrent layer, as the paper's experts are independent networks), and the gates read a learned
/// bag of embeddings of width <see cref="GateEmbeddingSize"/> (the mean embedding of a row's non-padding tokens),
/// shared by all gates, in place of the feature vector x. Its weights are shared parameters.
/// </remarks>
public sealed class MmoeArchitecture : ArchitectureSpec
{
    internal const string TypeName = "mmoe";
    private const string Owner = nameof(MmoeArchitecture);

    /// <summary>Each expert, e.g. <c>Trunks.Mlp(100, [16])</c> on features or <c>Trunks.Text(5000)</c> on token ids; a custom trunk must take features. Required.</summary>
    public required TrunkSpec Expert { get; init => field = ExpertChecks.InputExpert(value, Owner, nameof(Expert)); }

    /// <summary>The number of experts. Range: ≥ 1. Default: 8 (the paper's synthetic experiment).</summary>
    public int ExpertCount { get; init => field = OptionRanges.Require(value, value >= 1, "≥ 1", Owner); } = 8;

    /// <summary>Each task's tower on its mixture of experts, from <see cref="Heads"/>. Default: <see cref="Heads.Linear"/>.</summary>
    public HeadSpec Tower { get; init => field = ExpertChecks.Tower(value, nameof(Tower)); } = Heads.Linear();

    /// <summary>
    /// The width of the bag of token embeddings the gates read when <see cref="Expert"/> is a text encoder; not used
    /// with a feature expert, whose gates read the features. Range: 1 … 16,777,216. Default: 16.
    /// </summary>
    public int GateEmbeddingSize { get; init => field = OptionRanges.Require(value, value is >= 1 and <= SizeLimits.MaxWidth, "in [1, 16,777,216]", Owner); } = ExpertChecks.DefaultGateEmbeddingSize;

    /// <inheritdoc/>
    public override string Type => TypeName;

    /// <inheritdoc/>
    public override InputKind InputKind => Expert.InputKind;

    /// <inheritdoc/>
    public override int? InputWidth => Expert.InputWidth;

    /// <inheritdoc/>
    public override TextTrunkSpec? TextInput => Expert as TextTrunkSpec;

    /// <inheritdoc/>
    internal override string InputOwner => ExpertChecks.Describe(Owner, nameof(Expert), Expert);

    /// <inheritdoc/>
    public override MultiTaskNetwork Build(IReadOnlyList<TaskSpec> tasks, ModuleFactories? factories) => Mixture.Guarded(built =>
    {
        var experts = Enumerable.Range(0, ExpertCount).Select(_ => built.Track(Expert.Build(factories))).ToArray();
        var gateInput = ExpertChecks.GateInput(Expert, GateEmbeddingSize) is { } module ? built.Track(module) : null;
        int width = ExpertChecks.GateWidth(Expert, GateEmbeddingSize);
        var gates = tasks.Select(_ => (Module<Tensor, Tensor>)built.Track(Linear(width, ExpertCount, hasBias: false))).ToArray();
        var towers = tasks.Select(t => built.Track(Tower.Build(Expert.OutputSize, t.OutputSize, factories))).ToArray();
        return new MmoeNetwork(tasks, experts, gateInput, gates, towers);
    });

    /// <inheritdoc/>
    public override long? MinimumWeightCount(IReadOnlyList<TaskSpec> tasks) => checked(
        (ExpertCount * SizeLimits.TrunkWeights(Expert, "expert"))
        + ExpertChecks.GateInputWeights(Expert, GateEmbeddingSize)
        + (tasks.Count * SizeLimits.Layer(ExpertChecks.GateWidth(Expert, GateEmbeddingSize), ExpertCount, "gate"))
        + SizeLimits.TowerWeights(Tower, Expert.OutputSize, tasks, "tower"));

    /// <inheritdoc/>
    public override JsonObject ToJson() => new JsonObject
    {
        ["expert"] = SpecJson.WriteTrunk(Expert),
        ["expertCount"] = ExpertCount,
        ["tower"] = SpecJson.WriteHead(Tower),
    }.WithGateEmbedding(Expert, GateEmbeddingSize);

    /// <summary>E.g. <c>Mmoe(8 experts Mlp(100 → 16, ReLU), towers Mlp(in → 8 → out, ReLU))</c>.</summary>
    public override string ToString() => $"Mmoe({ExpertCount} experts {Expert}{ExpertChecks.GateText(Expert, GateEmbeddingSize)}, towers {Tower})";

    internal static MmoeArchitecture FromJson(JsonObject json) => new()
    {
        Expert = SpecJson.ReadTrunk(SpecJson.Object(json["expert"], "expert")),
        ExpertCount = SpecJson.Get<int>(json, "expertCount"),
        Tower = SpecJson.ReadHead(SpecJson.Object(json["tower"], "tower")),
        GateEmbeddingSize = ExpertChecks.ReadGateEmbeddingSize(json),
    };
}
