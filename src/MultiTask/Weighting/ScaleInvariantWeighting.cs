namespace MultiTask.Weighting;

/// <summary>
/// Scale-invariant (log) loss: the objective is Σₜ log(Lₜ + ε), invariant to rescaling any task's loss. Its gradient
/// is Σₜ ∇Lₜ / (Lₜ + ε), so the effective weights are 1 / (Lₜ + ε).
/// </summary>
/// <remarks>The "SI" baseline of Navon et al., "Multi-Task Learning as a Bargaining Game", ICML 2022 (AvivNavon/nash-mtl).</remarks>
public sealed class ScaleInvariantWeighting : LossWeighting
{
    /// <summary>The constant added to each loss before the logarithm. Range: &gt; 0. Default: 1e-8.</summary>
    public double Epsilon { get; init => field = Hyperparameter.Positive(value); } = 1e-8;

    /// <inheritdoc/>
    public override string Name => "SI";

    /// <inheritdoc/>
    public override LossCombination Combine(LossWeightingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return LossCombination.FromWeights(context, context.LossValues.Select(l => 1.0 / (l + Epsilon)).ToArray());
    }
}
