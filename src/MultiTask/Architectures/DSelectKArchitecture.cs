using System.Text.Json.Nodes;
using MultiTask.Data;
using MultiTask.Models;
using MultiTask.Serialization;
using static TorchSharp.torch.nn;
using Tensor = TorchSharp.torch.Tensor;

namespace MultiTask.Architectures;

/// <summary>
/// DSelect-k (Hazimeh, Zhao, Chowdhery, Sathiamoorthy, Chen, Mazumder, Hong and Chi, "DSelect-k: Differentiable
/// Selection in the Mixture of Experts with Applications to Multi-Task Learning", NeurIPS 2021), per-example gating:
/// <see cref="ExpertCount"/> shared experts with m = ⌈log₂ E⌉-bit codes; each task has <see cref="SelectorCount"/> (k)
/// single-expert selectors r(z)ₑ = Πⱼ (S(zⱼ) if bit j of e is 1, else 1 − S(zⱼ)), with z = W_z x and the smooth step S
/// of width γ (<see cref="Gamma"/>), mixed by softmax(W_α x). When every S(zⱼ) reaches 0 or 1 each selector picks one
/// expert, so a task uses at most k experts. With E a power of two the weights sum to 1; otherwise codes ≥ E are
/// dropped and they sum to at most 1 (as LibMTL does). The paper's entropy regulariser is not included.
/// Shared parameters: the experts; a task's: its selectors, mixer and tower. Representation-gradient mode is refused.
/// </summary>
/// <remarks>
/// Text experts: with <c>Expert = Trunks.Text(…)</c> the model takes token ids, each expert is its own text encoder,
/// and the selectors and mixers read a learned bag of embeddings of width <see cref="GateEmbeddingSize"/> (the mean
/// embedding of a row's non-padding tokens, shared by all tasks) in place of x.
/// </remarks>
public sealed class DSelectKArchitecture : ArchitectureSpec
{
    internal const string TypeName = "dselect-k";
    private const string Owner = nameof(DSelectKArchitecture);

    /// <summary>Each expert, e.g. <c>Trunks.Mlp(100, [16])</c> on features or <c>Trunks.Text(5000)</c> on token ids; a custom trunk must take features. Required.</summary>
    public required TrunkSpec Expert { get; init => field = ExpertChecks.InputExpert(value, Owner, nameof(Expert)); }

    /// <summary>The number of experts E. Range: ≥ 2. Default: 8.</summary>
    public int ExpertCount { get; init => field = OptionRanges.Require(value, value >= 2, "≥ 2", Owner); } = 8;

    /// <summary>The number of selectors k per task, the most experts a task uses once the gates are binary; at most <see cref="ExpertCount"/>. Range: ≥ 1. Default: 2 (LibMTL's default).</summary>
    public int SelectorCount { get; init => field = OptionRanges.Require(value, value >= 1, "≥ 1", Owner); } = 2;

    /// <summary>The width γ of the smooth step. Range: &gt; 0. Default: 1 (LibMTL's default).</summary>
    public double Gamma { get; init => field = OptionRanges.Require(value, value > 0 && double.IsFinite(value), "> 0 and finite", Owner); } = 1.0;

    /// <summary>Each task's tower on its mixture of experts, from <see cref="Heads"/>. Default: <see cref="Heads.Linear"/>.</summary>
    public HeadSpec Tower { get; init => field = ExpertChecks.Tower(value, nameof(Tower)); } = Heads.Linear();

    /// <summary>
    /// The width of the bag of token embeddings the selectors and mixers read when <see cref="Expert"/> is a text
    /// encoder; not used with a feature expert. Range: 1 … 16,777,216. Default: 16.
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
    /// <exception cref="ArgumentException"><see cref="SelectorCount"/> exceeds <see cref="ExpertCount"/>.</exception>
    public override MultiTaskNetwork Build(IReadOnlyList<TaskSpec> tasks, ModuleFactories? factories)
    {
        if (SelectorCount > ExpertCount)
        {
            throw new ArgumentException($"{Owner}.SelectorCount ({SelectorCount}) must not exceed {Owner}.ExpertCount ({ExpertCount}).", nameof(SelectorCount));
        }

        int width = ExpertChecks.GateWidth(Expert, GateEmbeddingSize);
        int bits = DSelectKNetwork.BitCount(ExpertCount);
        return Mixture.Guarded(built =>
        {
            var experts = Enumerable.Range(0, ExpertCount).Select(_ => built.Track(Expert.Build(factories))).ToArray();
            var gateInput = ExpertChecks.GateInput(Expert, GateEmbeddingSize) is { } module ? built.Track(module) : null;
            var selectors = tasks.Select(_ => (Module<Tensor, Tensor>)built.Track(Linear(width, SelectorCount * bits, hasBias: false))).ToArray();
            var mixers = tasks.Select(_ => (Module<Tensor, Tensor>)built.Track(Linear(width, SelectorCount, hasBias: false))).ToArray();
            var towers = tasks.Select(t => built.Track(Tower.Build(Expert.OutputSize, t.OutputSize, factories))).ToArray();
            return new DSelectKNetwork(tasks, experts, gateInput, selectors, mixers, towers, SelectorCount, Gamma);
        });
    }

    /// <inheritdoc/>
    public override long? MinimumWeightCount(IReadOnlyList<TaskSpec> tasks)
    {
        int width = ExpertChecks.GateWidth(Expert, GateEmbeddingSize);
        long selectors = (long)SelectorCount * DSelectKNetwork.BitCount(ExpertCount);
        return checked(
            (ExpertCount * SizeLimits.TrunkWeights(Expert, "expert"))
            + ExpertChecks.GateInputWeights(Expert, GateEmbeddingSize)
            + (tasks.Count * (SizeLimits.Layer(width, selectors, "selector") + SizeLimits.Layer(width, SelectorCount, "mixer")))
            + SizeLimits.TowerWeights(Tower, Expert.OutputSize, tasks, "tower"));
    }

    /// <inheritdoc/>
    public override JsonObject ToJson() => new JsonObject
    {
        ["expert"] = SpecJson.WriteTrunk(Expert),
        ["expertCount"] = ExpertCount,
        ["selectorCount"] = SelectorCount,
        ["gamma"] = Gamma,
        ["tower"] = SpecJson.WriteHead(Tower),
    }.WithGateEmbedding(Expert, GateEmbeddingSize);

    /// <summary>E.g. <c>DSelectK(k = 2 of 8 experts Mlp(100 → 16, ReLU), γ = 1, towers Linear(in → out))</c>.</summary>
    public override string ToString() => $"DSelectK(k = {SelectorCount} of {ExpertCount} experts {Expert}{ExpertChecks.GateText(Expert, GateEmbeddingSize)}, γ = {ModelSummary.Number(Gamma)}, towers {Tower})";

    internal static DSelectKArchitecture FromJson(JsonObject json) => new()
    {
        Expert = SpecJson.ReadTrunk(SpecJson.Object(json["expert"], "expert")),
        ExpertCount = SpecJson.Get<int>(json, "expertCount"),
        SelectorCount = SpecJson.Get<int>(json, "selectorCount"),
        Gamma = SpecJson.Get<double>(json, "gamma"),
        Tower = SpecJson.ReadHead(SpecJson.Object(json["tower"], "tower")),
        GateEmbeddingSize = ExpertChecks.ReadGateEmbeddingSize(json),
    };
}
