namespace MultiTask.Weighting;

/// <summary>
/// Equal weighting (EW), the baseline: the objective is Σₜ Lₜ (LibMTL's EW, weights 1) or, with <c>mean</c>,
/// (1/T)·Σₜ Lₜ (weights 1/T).
/// </summary>
public sealed class EqualWeighting : LossWeighting
{
    /// <summary>Whether the losses are averaged rather than summed. Default: false (sum, as LibMTL).</summary>
    public bool Mean { get; init; }

    /// <inheritdoc/>
    public override string Name => Mean ? "EW (mean)" : "EW";

    /// <inheritdoc/>
    public override LossCombination Combine(LossWeightingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        double w = Mean ? 1.0 / context.TaskCount : 1.0;
        return new LossCombination(Mean ? context.Losses.mean() : context.Losses.sum(), Enumerable.Repeat(w, context.TaskCount).ToArray());
    }
}
