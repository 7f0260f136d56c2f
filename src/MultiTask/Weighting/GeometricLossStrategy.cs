namespace MultiTask.Weighting;

/// <summary>
/// Geometric Loss Strategy (GLS): the objective is (Πₜ Lₜ)^(1/T). Its gradient is Σₜ wₜ∇Lₜ with
/// wₜ = GLS / (T·Lₜ), so tasks with small losses get large weights. Tasks whose loss is 0 in a step (e.g. no label
/// in the batch) are left out of the product for that step.
/// </summary>
/// <remarks>Chennupati, Sistu, Yogamani and Rawashdeh, "MultiNet++: Multi-Stream Feature Aggregation and Geometric Loss Strategy for Multi-Task Learning", CVPR Workshops 2019.</remarks>
public sealed class GeometricLossStrategy : LossWeighting
{
    /// <inheritdoc/>
    public override string Name => "GLS";

    /// <summary>The effective weights ∂GLS/∂Lₜ for the given losses.</summary>
    /// <param name="losses">The task losses, each ≥ 0.</param>
    public static double[] WeightsFor(IReadOnlyList<double> losses)
    {
        ArgumentNullException.ThrowIfNull(losses);
        var active = Enumerable.Range(0, losses.Count).Where(t => losses[t] > 0).ToArray();
        var weights = new double[losses.Count];
        if (active.Length == 0)
        {
            return weights;
        }

        double gls = Math.Exp(active.Average(t => Math.Log(losses[t])));
        foreach (int t in active)
        {
            weights[t] = gls / (active.Length * losses[t]);
        }

        return weights;
    }

    /// <inheritdoc/>
    public override LossCombination Combine(LossWeightingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return LossCombination.FromWeights(context, WeightsFor(context.LossValues));
    }
}
