using System.Text.Json.Nodes;
using MultiTask.Data;
using MultiTask.Models;
using MultiTask.Serialization;

namespace MultiTask.Architectures;

/// <summary>
/// Customized gate control (Tang, Liu, Zhao and Gong, "Progressive Layered Extraction (PLE): A Novel Multi-Task
/// Learning (MTL) Model for Personalized Recommendations", RecSys 2020, §4.2): <see cref="SharedExpertCount"/> shared
/// experts and <see cref="TaskExpertCount"/> experts per task; task k's gate gᵏ(x) = softmax(W_gᵏ x), read from the
/// model input, mixes the shared experts and task k's own, and task k's tower reads the mixture. It is the
/// single-level <see cref="PleArchitecture"/>. Shared parameters: the shared experts; a task's: its experts, gate and
/// tower. Representation-gradient mode is refused.
/// </summary>
/// <remarks>
/// Text experts: with <c>Expert = Trunks.Text(…)</c> the model takes token ids, every expert is its own text encoder,
/// and the gates read a learned bag of embeddings of width <see cref="GateEmbeddingSize"/> (the mean embedding of a
/// row's non-padding tokens, shared by all gates, a shared parameter) in place of x.
/// </remarks>
public sealed class CgcArchitecture : ArchitectureSpec
{
    internal const string TypeName = "cgc";
    private const string Owner = nameof(CgcArchitecture);

    /// <summary>Each expert (shared or task-specific), e.g. <c>Trunks.Mlp(100, [16])</c> on features or <c>Trunks.Text(5000)</c> on token ids; a custom trunk must take features. Required.</summary>
    public required TrunkSpec Expert { get; init => field = ExpertChecks.InputExpert(value, Owner, nameof(Expert)); }

    /// <summary>The number of shared experts. Range: ≥ 1. Default: 1.</summary>
    public int SharedExpertCount { get; init => field = OptionRanges.Require(value, value >= 1, "≥ 1", Owner); } = 1;

    /// <summary>The number of experts of each task. Range: ≥ 1. Default: 1.</summary>
    public int TaskExpertCount { get; init => field = OptionRanges.Require(value, value >= 1, "≥ 1", Owner); } = 1;

    /// <summary>Each task's tower on its mixture, from <see cref="Heads"/>. Default: <see cref="Heads.Linear"/>.</summary>
    public HeadSpec Tower { get; init => field = ExpertChecks.Tower(value, nameof(Tower)); } = Heads.Linear();

    /// <summary>
    /// The width of the bag of token embeddings the gates read when its expert is a text encoder; not
    /// used with a feature expert, whose gates read the features. Range: 1 … 16,777,216. Default: 16.
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
    public override MultiTaskNetwork Build(IReadOnlyList<TaskSpec> tasks, ModuleFactories? factories)
        => PleArchitecture.BuildNetwork(tasks, [Expert], SharedExpertCount, TaskExpertCount, Tower, GateEmbeddingSize, factories);

    /// <inheritdoc/>
    public override long? MinimumWeightCount(IReadOnlyList<TaskSpec> tasks) => PleArchitecture.WeightCount(tasks, [Expert], SharedExpertCount, TaskExpertCount, Tower, GateEmbeddingSize);

    /// <inheritdoc/>
    public override JsonObject ToJson() => new JsonObject
    {
        ["expert"] = SpecJson.WriteTrunk(Expert),
        ["sharedExpertCount"] = SharedExpertCount,
        ["taskExpertCount"] = TaskExpertCount,
        ["tower"] = SpecJson.WriteHead(Tower),
    }.WithGateEmbedding(Expert, GateEmbeddingSize);

    /// <summary>E.g. <c>Cgc(1 shared + 1 per task of Mlp(100 → 16, ReLU), towers Linear(in → out))</c>.</summary>
    public override string ToString() => $"Cgc({SharedExpertCount} shared + {TaskExpertCount} per task of {Expert}{ExpertChecks.GateText(Expert, GateEmbeddingSize)}, towers {Tower})";

    internal static CgcArchitecture FromJson(JsonObject json) => new()
    {
        Expert = SpecJson.ReadTrunk(SpecJson.Object(json["expert"], "expert")),
        SharedExpertCount = SpecJson.Get<int>(json, "sharedExpertCount"),
        TaskExpertCount = SpecJson.Get<int>(json, "taskExpertCount"),
        Tower = SpecJson.ReadHead(SpecJson.Object(json["tower"], "tower")),
        GateEmbeddingSize = ExpertChecks.ReadGateEmbeddingSize(json),
    };
}
