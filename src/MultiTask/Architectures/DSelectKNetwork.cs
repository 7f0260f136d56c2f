using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MultiTask.Architectures;

/// <summary>
/// The network of <see cref="DSelectKArchitecture"/> (Hazimeh et al., NeurIPS 2021): shared experts; per task, k
/// single-expert selectors whose binary codes come from smooth steps of z = W_z x, mixed by softmax(W_α x); one tower
/// per task. Paths: <c>experts.&lt;e&gt;.*</c>, <c>selectors.&lt;task&gt;.weight</c> ([k·m, input]) and <c>.bias</c>,
/// <c>mixers.&lt;task&gt;.weight</c> ([k, input]) and <c>.bias</c> (files from before the biases have none),
/// <c>towers.&lt;task&gt;.*</c>, and with text experts <c>gate_input.*</c> (the bag of embeddings the selectors and
/// mixers read, shared). With an entropy strength λ &gt; 0, <see cref="Penalty(Tensor)"/> is the paper's entropy
/// regulariser on the single-expert selectors.
/// </summary>
internal sealed class DSelectKNetwork : Models.MultiTaskNetwork
{
    [ComponentName(Name = "experts")]
    private readonly ModuleList<Module<Tensor, Tensor>> _experts;

    [ComponentName(Name = "gate_input")]
    private readonly Module<Tensor, Tensor>? _gateInput;

    [ComponentName(Name = "selectors")]
    private readonly ModuleDict<Module<Tensor, Tensor>> _selectors;

    [ComponentName(Name = "mixers")]
    private readonly ModuleDict<Module<Tensor, Tensor>> _mixers;

    [ComponentName(Name = "towers")]
    private readonly ModuleDict<Module<Tensor, Tensor>> _towers;

    private readonly Module<Tensor, Tensor>[] _expertList;
    private readonly Module<Tensor, Tensor>[] _selectorList;
    private readonly Module<Tensor, Tensor>[] _mixerList;
    private readonly Module<Tensor, Tensor>[] _towerList;
    /// <summary>The ε inside the entropy's logarithm, as in the authors' code, so that r = 0 gives a finite gradient.</summary>
    private const double EntropyEpsilon = 1e-6;

    /// <summary>The experts' binary codes, [experts, bits], owned by the network (made once, not per batch).</summary>
    private readonly Tensor _codes;
    private readonly int _selectorCount;
    private readonly int _bits;
    private readonly double _gamma;
    private readonly double _entropy;

    internal DSelectKNetwork(IReadOnlyList<TaskSpec> tasks, IReadOnlyList<Module<Tensor, Tensor>> experts, Module<Tensor, Tensor>? gateInput, IReadOnlyList<Module<Tensor, Tensor>> selectors, IReadOnlyList<Module<Tensor, Tensor>> mixers, IReadOnlyList<Module<Tensor, Tensor>> towers, int selectorCount, double gamma, double entropy)
        : base(nameof(DSelectKNetwork))
    {
        _experts = ModuleList(experts.ToArray());
        _gateInput = gateInput;
        _selectors = ModuleDict<Module<Tensor, Tensor>>();
        _mixers = ModuleDict<Module<Tensor, Tensor>>();
        _towers = ModuleDict<Module<Tensor, Tensor>>();
        for (int t = 0; t < tasks.Count; t++)
        {
            _selectors.Add(tasks[t].Name, selectors[t]);
            _mixers.Add(tasks[t].Name, mixers[t]);
            _towers.Add(tasks[t].Name, towers[t]);
        }

        _expertList = experts.ToArray();
        _selectorList = selectors.ToArray();
        _mixerList = mixers.ToArray();
        _towerList = towers.ToArray();
        _selectorCount = selectorCount;
        _bits = BitCount(experts.Count);
        _gamma = gamma;
        _entropy = entropy;
        RegisterComponents();

        // After RegisterComponents, which would register a Tensor field as a buffer (and put it in the model file).
        _codes = torch.tensor(Codes(experts.Count, _bits), [experts.Count, _bits]).DetachFromDisposeScope();
    }

    public override IReadOnlyList<Parameter> TaskParameters(int task)
        => [.. _selectorList[task].parameters(), .. _mixerList[task].parameters(), .. _towerList[task].parameters()];

    /// <summary>The number of bits m = ⌈log₂ E⌉ (at least 1) of the experts' binary codes.</summary>
    internal static int BitCount(int experts) => Math.Max(1, (int)Math.Ceiling(Math.Log2(experts)));

    /// <summary>The smooth step S(t) of the paper (Eq. 3): 0 for t ≤ −γ/2, 1 for t ≥ γ/2, else −2t³/γ³ + 3t/(2γ) + ½.</summary>
    internal static Tensor SmoothStep(Tensor t, double gamma)
    {
        var c = t.clamp(-gamma / 2, gamma / 2);
        return (c.pow(3) * (-2 / (gamma * gamma * gamma))) + (c * (3 / (2 * gamma))) + 0.5;
    }

    /// <summary>Task <paramref name="task"/>'s weights over the experts for a batch of model input, [batch, experts].</summary>
    internal Tensor GateWeights(Tensor input, int task) => Weights(GateInput(input), task);

    /// <summary>What the selectors and mixers read: the features, or the bag of token embeddings with text experts.</summary>
    internal Tensor GateInput(Tensor input) => _gateInput?.call(input) ?? input;

    public override Tensor[] forward(Tensor input)
    {
        var gateInput = GateInput(input);
        return Mixture.GatedTowers(_expertList, _towerList, input, t => Weights(gateInput, t));
    }

    /// <summary>Task <paramref name="task"/>'s weights over the experts from the gate input, [batch, experts]: Σᵢ softmax(α)ᵢ · r(zᵢ), with r(z)ₑ = Πⱼ (S(zⱼ) if bit j of e is 1, else 1 − S(zⱼ)).</summary>
    private Tensor Weights(Tensor input, int task)
    {
        var single = SelectorOutputs(input, task);
        var alpha = torch.nn.functional.softmax(_mixerList[task].call(input), 1);
        return (alpha.unsqueeze(2) * single).sum(1);
    }

    /// <summary>
    /// Task <paramref name="task"/>'s single-expert selections r(zᵢ) from the gate input, [batch, k, experts]: r(z)ₑ = Πⱼ (S(zⱼ) if bit j
    /// of e is 1, else 1 − S(zⱼ)).
    /// </summary>
    internal Tensor SelectorOutputs(Tensor input, int task)
    {
        long batch = input.shape[0];
        var steps = SmoothStep(_selectorList[task].call(input), _gamma).view(batch, _selectorCount, 1, _bits);
        var codes = _codes.to(steps.dtype, input.device);
        return ((codes * steps) + ((1 - codes) * (1 - steps))).prod(-1);
    }

    /// <summary>
    /// The paper's entropy regulariser (Hazimeh et al. 2021, §3.2): λ · mean over the batch of Σ_tasks Σᵢ h(r(zᵢ)),
    /// h(r) = −Σₑ rₑ log(rₑ + 10⁻⁶) (the ε of the authors' code); null when λ = 0.
    /// </summary>
    public override Tensor? Penalty(Tensor inputs)
    {
        if (_entropy == 0)
        {
            return null;
        }

        var gateInput = GateInput(inputs);
        Tensor? sum = null;
        for (int t = 0; t < _selectorList.Length; t++)
        {
            var r = SelectorOutputs(gateInput, t);
            var entropy = -(r * (r + EntropyEpsilon).log()).sum();
            sum = sum is null ? entropy : sum + entropy;
        }

        return sum! * (_entropy / inputs.shape[0]);
    }

    /// <summary>Frees the codes tensor with the modules.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _codes.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>The binary code of each expert, row-major [experts, bits]: bit j of expert e is (e >> j) &amp; 1.</summary>
    private static float[] Codes(int experts, int bits)
    {
        var codes = new float[experts * bits];
        for (int e = 0; e < experts; e++)
        {
            for (int j = 0; j < bits; j++)
            {
                codes[(e * bits) + j] = (e >> j) & 1;
            }
        }

        return codes;
    }
}
