namespace MultiTask.Weighting;

/// <summary>
/// Scale-invariant (log) loss: the objective is Σₜ log(Lₜ + ε), invariant to rescaling any task's loss. Its gradient
/// is Σₜ ∇Lₜ / (Lₜ + ε), so the effective weights are 1 / (Lₜ + ε).
/// </summary>
/// <remarks>The "SI" baseline of Navon et al., "Multi-Task Learning as a Bargaining Game", ICML 2022 (AvivNavon/nash-mtl).</remarks>
public sealed class ScaleInvariantWeighting : LossWeighting
{
    /// <summary>Creates the method.</summary>
    /// <param name="epsilon">Added to each loss before the logarithm. Range: &gt; 0. Default: 1e-8.</param>
    public ScaleInvariantWeighting(double epsilon = 1e-8)
    {
        if (!(epsilon > 0 && double.IsFinite(epsilon)))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "Epsilon must be > 0.");
        }

        Epsilon = epsilon;
    }

    /// <summary>The constant added to each loss.</summary>
    public double Epsilon { get; }

    /// <inheritdoc/>
    public override string Name => "SI";

    /// <inheritdoc/>
    public override LossCombination Combine(LossWeightingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return LossCombination.FromWeights(context, context.LossValues.Select(l => 1.0 / (l + Epsilon)).ToArray());
    }
}
