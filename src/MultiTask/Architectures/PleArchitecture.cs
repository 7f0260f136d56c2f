using System.Text.Json.Nodes;
using MultiTask.Data;
using MultiTask.Models;
using MultiTask.Serialization;
using static TorchSharp.torch.nn;
using Tensor = TorchSharp.torch.Tensor;

namespace MultiTask.Architectures;

/// <summary>
/// Progressive layered extraction (Tang, Liu, Zhao and Gong, "Progressive Layered Extraction (PLE): A Novel Multi-Task
/// Learning (MTL) Model for Personalized Recommendations", RecSys 2020): stacked extraction levels, each with
/// <see cref="SharedExpertCount"/> shared experts and <see cref="TaskExpertCount"/> experts per task. Task k's gate at
/// a level, gᵏ(x) = softmax(W_gᵏ x) over the shared experts and task k's own, mixes them into task k's input of the next
/// level; below the last level the paper's shared gate mixes all the level's experts into the next level's shared input.
/// Each task's tower reads its output of the last level. One level is <see cref="CgcArchitecture"/>.
/// </summary>
/// <remarks>
/// Shared parameters: the shared experts and gates, and the task experts and gates that feed the shared path; a task's:
/// its tower, its last-level experts and its gates of the last two levels. Representation-gradient mode is refused.
/// <para>
/// Text experts: only the first level reads the model input, so only its expert may be a text encoder,
/// e.g. <c>Experts = [Trunks.Text(5000, hiddenSize: 32), Trunks.Mlp(32, [16])]</c>: the model takes token ids, every
/// first-level expert is its own text encoder, and the first level's gates (task and shared) read a learned bag of
/// embeddings of width <see cref="GateEmbeddingSize"/> (the mean embedding of a row's non-padding tokens, shared
/// parameters) in place of x. Later levels read the previous level's outputs, as in the paper, and must take features.
/// </para>
/// </remarks>
public sealed class PleArchitecture : ArchitectureSpec
{
    internal const string TypeName = "ple";
    private const string Owner = nameof(PleArchitecture);

    /// <summary>
    /// The expert of each extraction level, from the first; every expert of a level (shared or task-specific) is built
    /// from it. The first takes the model's features or is a text encoder (<c>Trunks.Text</c>) over token ids; each later
    /// one takes features of the previous one's output width. At least one. Required.
    /// </summary>
    public required IReadOnlyList<TrunkSpec> Experts { get; init => field = CheckLevels(value, Owner, nameof(Experts)); }

    /// <summary>The number of shared experts per level. Range: ≥ 1. Default: 1.</summary>
    public int SharedExpertCount { get; init => field = OptionRanges.Require(value, value >= 1, "≥ 1", Owner); } = 1;

    /// <summary>The number of experts of each task per level. Range: ≥ 1. Default: 1.</summary>
    public int TaskExpertCount { get; init => field = OptionRanges.Require(value, value >= 1, "≥ 1", Owner); } = 1;

    /// <summary>Each task's tower on its output of the last level, from <see cref="Heads"/>. Default: <see cref="Heads.Linear"/>.</summary>
    public HeadSpec Tower { get; init => field = ExpertChecks.Tower(value, nameof(Tower)); } = Heads.Linear();

    /// <summary>
    /// The width of the bag of token embeddings the first level's gates read when its expert is a text encoder; not
    /// used with a feature expert, whose gates read the features. Range: 1 … 16,777,216. Default: 16.
    /// </summary>
    public int GateEmbeddingSize { get; init => field = OptionRanges.Require(value, value is >= 1 and <= SizeLimits.MaxWidth, "in [1, 16,777,216]", Owner); } = ExpertChecks.DefaultGateEmbeddingSize;

    /// <inheritdoc/>
    public override string Type => TypeName;

    /// <inheritdoc/>
    public override InputKind InputKind => Experts[0].InputKind;

    /// <inheritdoc/>
    public override int? InputWidth => Experts[0].InputWidth;

    /// <inheritdoc/>
    public override TextTrunkSpec? TextInput => Experts[0] as TextTrunkSpec;

    /// <inheritdoc/>
    internal override string InputOwner => $"{ExpertChecks.Describe(Owner, "Experts[0]", Experts[0])} at level 0";

    /// <inheritdoc/>
    public override MultiTaskNetwork Build(IReadOnlyList<TaskSpec> tasks, ModuleFactories? factories)
        => BuildNetwork(tasks, Experts, SharedExpertCount, TaskExpertCount, Tower, GateEmbeddingSize, factories);

    /// <inheritdoc/>
    public override long? MinimumWeightCount(IReadOnlyList<TaskSpec> tasks) => WeightCount(tasks, Experts, SharedExpertCount, TaskExpertCount, Tower, GateEmbeddingSize);

    /// <inheritdoc/>
    public override JsonObject ToJson() => new JsonObject
    {
        ["experts"] = new JsonArray(Experts.Select(e => (JsonNode)SpecJson.WriteTrunk(e)).ToArray()),
        ["sharedExpertCount"] = SharedExpertCount,
        ["taskExpertCount"] = TaskExpertCount,
        ["tower"] = SpecJson.WriteHead(Tower),
    }.WithGateEmbedding(Experts[0], GateEmbeddingSize);

    /// <summary>E.g. <c>Ple(2 levels: 1 shared + 1 per task of Mlp(100 → 16, ReLU); Mlp(16 → 16, ReLU), towers Linear(in → out))</c>.</summary>
    public override string ToString() => $"Ple({Experts.Count} levels: {SharedExpertCount} shared + {TaskExpertCount} per task of {string.Join("; ", Experts)}{ExpertChecks.GateText(Experts[0], GateEmbeddingSize)}, towers {Tower})";

    internal static PleArchitecture FromJson(JsonObject json) => new()
    {
        Experts = (json["experts"] as JsonArray ?? throw new FormatException("The model description's 'experts' is not an array."))
            .Select(n => SpecJson.ReadTrunk(SpecJson.Object(n, "experts"))).ToArray(),
        SharedExpertCount = SpecJson.Get<int>(json, "sharedExpertCount"),
        TaskExpertCount = SpecJson.Get<int>(json, "taskExpertCount"),
        Tower = SpecJson.ReadHead(SpecJson.Object(json["tower"], "tower")),
        GateEmbeddingSize = ExpertChecks.ReadGateEmbeddingSize(json),
    };

    /// <summary>The weight matrices of the network <see cref="BuildNetwork"/> builds (null with a custom expert or tower).</summary>
    internal static long? WeightCount(IReadOnlyList<TaskSpec> tasks, IReadOnlyList<TrunkSpec> levels, int sharedCount, int taskCount, HeadSpec tower, int gateEmbeddingSize)
    {
        long experts = checked(sharedCount + ((long)tasks.Count * taskCount));
        long? total = ExpertChecks.GateInputWeights(levels[0], gateEmbeddingSize);
        for (int l = 0; l < levels.Count; l++)
        {
            int width = ExpertChecks.GateWidth(levels[l], gateEmbeddingSize);
            total = checked(total
                + (experts * SizeLimits.TrunkWeights(levels[l], $"level {l} expert"))
                + (tasks.Count * SizeLimits.Layer(width, sharedCount + taskCount, $"level {l} task gate"))
                + (l < levels.Count - 1 ? SizeLimits.Layer(width, experts, $"level {l} shared gate") : 0));
        }

        return checked(total + SizeLimits.TowerWeights(tower, levels[^1].OutputSize, tasks, "tower"));
    }

    /// <summary>The network of <paramref name="levels"/> extraction levels (one for CGC).</summary>
    internal static PleNetwork BuildNetwork(IReadOnlyList<TaskSpec> tasks, IReadOnlyList<TrunkSpec> levels, int sharedCount, int taskCount, HeadSpec tower, int gateEmbeddingSize, ModuleFactories? factories)
        => Mixture.Guarded(built =>
        {
            var extraction = new PleNetwork.Level[levels.Count];
            Module<Tensor, Tensor>? gateInput = null;
            for (int l = 0; l < levels.Count; l++)
            {
                var expert = levels[l];
                int width = ExpertChecks.GateWidth(expert, gateEmbeddingSize);
                var shared = Enumerable.Range(0, sharedCount).Select(_ => built.Track(expert.Build(factories))).ToArray();
                var specific = tasks.Select(_ => Enumerable.Range(0, taskCount).Select(_ => built.Track(expert.Build(factories))).ToArray()).ToArray();
                if (l == 0 && ExpertChecks.GateInput(expert, gateEmbeddingSize) is { } module)
                {
                    gateInput = built.Track(module);
                }

                var gates = tasks.Select(_ => (Module<Tensor, Tensor>)built.Track(Linear(width, sharedCount + taskCount, hasBias: false))).ToArray();
                var sharedGate = l < levels.Count - 1 ? built.Track(Linear(width, sharedCount + (tasks.Count * taskCount), hasBias: false)) : null;
                extraction[l] = new PleNetwork.Level(shared, specific, gates, sharedGate);
            }

            var towers = tasks.Select(t => built.Track(tower.Build(levels[^1].OutputSize, t.OutputSize, factories))).ToArray();
            return new PleNetwork(tasks, gateInput, extraction, towers);
        });

    private static IReadOnlyList<TrunkSpec> CheckLevels(IReadOnlyList<TrunkSpec>? value, string owner, string property)
    {
        ArgumentNullException.ThrowIfNull(value, property);
        if (value.Count == 0)
        {
            throw new ArgumentException($"{owner}.{property} needs at least one extraction level.", property);
        }

        ExpertChecks.InputExpert(value[0], owner, $"{property}[0]");
        for (int l = 0; l < value.Count; l++)
        {
            if (l > 0)
            {
                ExpertChecks.FeatureExpert(value[l], owner, $"{property}[{l}]", $"level {l} reads level {l - 1}'s expert outputs; only level 0 may be a text encoder");
            }

            if (l > 0 && value[l].InputWidth != value[l - 1].OutputSize)
            {
                throw new ArgumentException($"{owner}.{property}[{l}] takes {value[l].InputWidth} features but level {l - 1}'s experts give {value[l - 1].OutputSize}; each level's expert must take the previous level's output width.", property);
            }
        }

        return value.ToArray();
    }
}
