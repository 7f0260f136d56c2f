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
/// single-expert selectors r(z)ₑ = Πⱼ (S(zⱼ) if bit j of e is 1, else 1 − S(zⱼ)), with z = W_z x + b_z and the smooth
/// step S of width γ (<see cref="Gamma"/>), mixed by softmax(W_α x + b_α); the gates start as in the authors' code
/// (uniform in ±γ/100 and ±0.05). When every S(zⱼ) reaches 0 or 1 each selector picks one
/// expert, so a task uses at most k experts. With E a power of two the weights sum to 1; otherwise codes ≥ E are
/// dropped and they sum to at most 1 (as LibMTL does). The paper's entropy regulariser (§3.2) is optional:
/// <see cref="EntropyRegularization"/> λ adds λ · mean over the batch of Σ_tasks Σᵢ h(r(zᵢ)) to the objective, with
/// h(r) = −Σₑ rₑ log(rₑ + 10⁻⁶), pushing each selector to a binary code (one expert).
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

    /// <summary>
    /// The strength λ of the paper's entropy regulariser on the single-expert selectors (Hazimeh et al. 2021, §3.2):
    /// larger values make the selectors binary sooner, so each task settles on at most k experts. The term is averaged
    /// over the batch; the authors' TensorFlow code sums it over the batch, so their λ equals this one divided by the
    /// batch size. Range: ≥ 0 and finite. Default: 0 (off).
    /// </summary>
    public double EntropyRegularization { get; init => field = OptionRanges.Require(value, value >= 0 && double.IsFinite(value), "≥ 0 and finite", Owner); }

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
            var selectors = tasks.Select(_ => (Module<Tensor, Tensor>)built.Track(Gate(width, SelectorCount * bits, Gamma / 100))).ToArray();
            var mixers = tasks.Select(_ => (Module<Tensor, Tensor>)built.Track(Gate(width, SelectorCount, 0.05))).ToArray();
            var towers = tasks.Select(t => built.Track(Tower.Build(Expert.OutputSize, t.OutputSize, factories))).ToArray();
            return new DSelectKNetwork(tasks, experts, gateInput, selectors, mixers, towers, SelectorCount, Gamma, EntropyRegularization);
        });
    }

    /// <summary>
    /// False only for files written before the gates had biases (they load as written); new models always have them.
    /// </summary>
    internal bool GateBias { get; init; } = true;

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
    public override JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["expert"] = SpecJson.WriteTrunk(Expert),
            ["expertCount"] = ExpertCount,
            ["selectorCount"] = SelectorCount,
            ["gamma"] = Gamma,
            ["tower"] = SpecJson.WriteHead(Tower),
        }.WithGateEmbedding(Expert, GateEmbeddingSize);

        if (GateBias)
        {
            json["gateBias"] = true;
        }

        // Written only when on, so files without the regulariser stay as earlier versions wrote them.
        if (EntropyRegularization > 0)
        {
            json["entropyRegularization"] = EntropyRegularization;
        }

        return json;
    }

    /// <summary>E.g. <c>DSelectK(k = 2 of 8 experts Mlp(100 → 16, ReLU), γ = 1, towers Linear(in → out))</c>.</summary>
    public override string ToString() => $"DSelectK(k = {SelectorCount} of {ExpertCount} experts {Expert}{ExpertChecks.GateText(Expert, GateEmbeddingSize)}, γ = {ModelSummary.Number(Gamma)}{(EntropyRegularization > 0 ? $", entropy λ = {ModelSummary.Number(EntropyRegularization)}" : string.Empty)}, towers {Tower})";

    /// <summary>
    /// A selector or mixer layer initialised as in the authors' code: weights (and bias) uniform in ±<paramref name="range"/>
    /// (γ/100 for the selectors, so that every smooth step starts near ½ and all experts near equal weight; 0.05 for the mixers).
    /// </summary>
    private Module<Tensor, Tensor> Gate(int width, int outputs, double range)
    {
        var layer = Linear(width, outputs, hasBias: GateBias);
        using var noGrad = TorchSharp.torch.no_grad();
        foreach (var parameter in layer.parameters())
        {
            parameter.uniform_(-range, range);
        }

        return layer;
    }

    internal static DSelectKArchitecture FromJson(JsonObject json) => new()
    {
        Expert = SpecJson.ReadTrunk(SpecJson.Object(json["expert"], "expert")),
        ExpertCount = SpecJson.Get<int>(json, "expertCount"),
        SelectorCount = SpecJson.Get<int>(json, "selectorCount"),
        Gamma = SpecJson.Get<double>(json, "gamma"),
        GateBias = json.ContainsKey("gateBias") && SpecJson.Get<bool>(json, "gateBias"),
        EntropyRegularization = json.ContainsKey("entropyRegularization") ? SpecJson.Get<double>(json, "entropyRegularization") : 0,
        Tower = SpecJson.ReadHead(SpecJson.Object(json["tower"], "tower")),
        GateEmbeddingSize = ExpertChecks.ReadGateEmbeddingSize(json),
    };
}
