namespace MultiTask.Weighting;

/// <summary>
/// Fast Adaptive Multitask Optimization (FAMO). Task logits ξ (starting at 0) give z = softmax(ξ); with
/// Dₜ = Lₜ + 1e-8 and c = Σₜ zₜ/Dₜ the objective is Σₜ (zₜ/c)·log Dₜ, i.e. effective weights wₜ = zₜ/(c·Dₜ).
/// After each step the same batch is evaluated again; δₜ = log Dₜ − log D′ₜ, the gradient of ξ is
/// (∂z/∂ξ)ᵀδ = z⊙δ − z·(zᵀδ), and ξ takes one Adam step (<see cref="LearningRate"/>, <see cref="WeightDecay"/>).
/// </summary>
/// <remarks>
/// Liu, Feng, Stone and Liu, "FAMO: Fast Adaptive Multitask Optimization", NeurIPS 2023. Follows LibMTL (minimum
/// losses 0). State: the logits ξ and Adam's moments (vectors "logits", "m", "v") and the update count ("updates").
/// </remarks>
public sealed class Famo : LossWeighting
{
    private const double Epsilon = 1e-8;
    private const double Beta1 = 0.9;
    private const double Beta2 = 0.999;
    private const double AdamEpsilon = 1e-8;

    /// <summary>The Adam learning rate of the logits. Range: &gt; 0. Default: 0.025.</summary>
    public double LearningRate { get; init => field = Hyperparameter.Positive(value); } = 0.025;

    /// <summary>The Adam (L2) weight decay of the logits. Range: ≥ 0. Default: 1e-3.</summary>
    public double WeightDecay { get; init => field = Hyperparameter.NonNegative(value); } = 1e-3;

    /// <inheritdoc/>
    public override string Name => "FAMO";

    /// <inheritdoc/>
    public override bool NeedsLossesAfterStep => true;

    /// <inheritdoc/>
    public override LossCombination Combine(LossWeightingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var z = WeightMath.Softmax(context.State.Vector("logits"));
        var d = context.LossValues.Select(l => l + Epsilon).ToArray();
        double c = z.Zip(d, (zt, dt) => zt / dt).Sum();
        return LossCombination.FromWeights(context, z.Select((zt, t) => zt / (c * d[t])).ToArray());
    }

    /// <inheritdoc/>
    public override void AfterStep(WeightingState state, double[] lossesBefore, double[] lossesAfter)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(lossesBefore);
        ArgumentNullException.ThrowIfNull(lossesAfter);
        var (logits, m, v) = (state.Vector("logits"), state.Vector("m"), state.Vector("v"));
        var z = WeightMath.Softmax(logits);
        var delta = lossesBefore.Select((l, t) => Math.Log(l + Epsilon) - Math.Log(lossesAfter[t] + Epsilon)).ToArray();
        double zDelta = z.Zip(delta, (a, b) => a * b).Sum();
        long updates = state.Increment("updates");
        double correction1 = 1 - Math.Pow(Beta1, updates);
        double correction2 = 1 - Math.Pow(Beta2, updates);
        for (int t = 0; t < logits.Length; t++)
        {
            double gradient = (z[t] * delta[t]) - (z[t] * zDelta) + (WeightDecay * logits[t]);
            m[t] = (Beta1 * m[t]) + ((1 - Beta1) * gradient);
            v[t] = (Beta2 * v[t]) + ((1 - Beta2) * gradient * gradient);
            logits[t] -= LearningRate * (m[t] / correction1) / (Math.Sqrt(v[t] / correction2) + AdamEpsilon);
        }
    }
}
