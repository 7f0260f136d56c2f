using System.Text.Json.Nodes;

namespace MultiTask.Weighting;

/// <summary>
/// Fast Adaptive Multitask Optimization (FAMO). Task logits ξ (starting at 0) give z = softmax(ξ); with
/// Dₜ = Lₜ + 1e-8 and c = Σₜ zₜ/Dₜ the objective is Σₜ (zₜ/c)·log Dₜ, i.e. effective weights wₜ = zₜ/(c·Dₜ).
/// After each step the same batch is evaluated again; δₜ = log Dₜ − log D′ₜ, the gradient of ξ is
/// (∂z/∂ξ)ᵀδ = z⊙δ − z·(zᵀδ), and ξ takes one Adam step (learning rate 0.025, weight decay 1e-3).
/// </summary>
/// <remarks>Liu, Feng, Stone and Liu, "FAMO: Fast Adaptive Multitask Optimization", NeurIPS 2023. Follows LibMTL (minimum losses 0).</remarks>
public sealed class Famo : LossWeighting
{
    private const double Epsilon = 1e-8;
    private const double Beta1 = 0.9;
    private const double Beta2 = 0.999;
    private const double AdamEpsilon = 1e-8;
    private double[] _logits = [];
    private double[] _firstMoment = [];
    private double[] _secondMoment = [];
    private long _updates;

    /// <summary>Creates the method.</summary>
    /// <param name="learningRate">The Adam learning rate of the logits. Range: &gt; 0. Default: 0.025.</param>
    /// <param name="weightDecay">The Adam (L2) weight decay of the logits. Range: ≥ 0. Default: 1e-3.</param>
    public Famo(double learningRate = 0.025, double weightDecay = 1e-3)
    {
        if (!(learningRate > 0 && double.IsFinite(learningRate)))
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "The learning rate must be > 0.");
        }

        if (!(weightDecay >= 0 && double.IsFinite(weightDecay)))
        {
            throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "The weight decay must be ≥ 0.");
        }

        LearningRate = learningRate;
        WeightDecay = weightDecay;
    }

    /// <summary>The Adam learning rate of the logits.</summary>
    public double LearningRate { get; }

    /// <summary>The weight decay of the logits.</summary>
    public double WeightDecay { get; }

    /// <summary>The current task logits ξ.</summary>
    public IReadOnlyList<double> Logits => _logits;

    /// <inheritdoc/>
    public override string Name => "FAMO";

    /// <inheritdoc/>
    public override bool NeedsLossesAfterStep => true;

    /// <inheritdoc/>
    public override void Initialize(WeightingSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        _logits = new double[setup.TaskCount];
        _firstMoment = new double[setup.TaskCount];
        _secondMoment = new double[setup.TaskCount];
        _updates = 0;
    }

    /// <inheritdoc/>
    public override LossCombination Combine(LossWeightingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var z = WeightMath.Softmax(_logits);
        var d = context.LossValues.Select(l => l + Epsilon).ToArray();
        double c = z.Zip(d, (zt, dt) => zt / dt).Sum();
        return LossCombination.FromWeights(context, z.Select((zt, t) => zt / (c * d[t])).ToArray());
    }

    /// <inheritdoc/>
    public override void AfterStep(double[] lossesBefore, double[] lossesAfter)
    {
        ArgumentNullException.ThrowIfNull(lossesBefore);
        ArgumentNullException.ThrowIfNull(lossesAfter);
        var z = WeightMath.Softmax(_logits);
        var delta = lossesBefore.Select((l, t) => Math.Log(l + Epsilon) - Math.Log(lossesAfter[t] + Epsilon)).ToArray();
        double zDelta = z.Zip(delta, (a, b) => a * b).Sum();
        _updates++;
        double correction1 = 1 - Math.Pow(Beta1, _updates);
        double correction2 = 1 - Math.Pow(Beta2, _updates);
        for (int t = 0; t < _logits.Length; t++)
        {
            double gradient = (z[t] * delta[t]) - (z[t] * zDelta) + (WeightDecay * _logits[t]);
            _firstMoment[t] = (Beta1 * _firstMoment[t]) + ((1 - Beta1) * gradient);
            _secondMoment[t] = (Beta2 * _secondMoment[t]) + ((1 - Beta2) * gradient * gradient);
            _logits[t] -= LearningRate * (_firstMoment[t] / correction1) / (Math.Sqrt(_secondMoment[t] / correction2) + AdamEpsilon);
        }
    }

    /// <inheritdoc/>
    public override JsonObject? SaveState() => new()
    {
        ["logits"] = ToJson(_logits),
        ["m"] = ToJson(_firstMoment),
        ["v"] = ToJson(_secondMoment),
        ["updates"] = _updates,
    };

    /// <inheritdoc/>
    public override void LoadState(JsonObject state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _logits = FromJson(state, "logits");
        _firstMoment = FromJson(state, "m");
        _secondMoment = FromJson(state, "v");
        _updates = state["updates"]?.GetValue<long>() ?? throw new FormatException("FAMO state lacks 'updates'.");
    }

    private static JsonArray ToJson(double[] values) => new(values.Select(v => (JsonNode)v).ToArray());

    private static double[] FromJson(JsonObject state, string key)
        => (state[key] as JsonArray ?? throw new FormatException($"FAMO state lacks '{key}'.")).Select(n => n!.GetValue<double>()).ToArray();
}
