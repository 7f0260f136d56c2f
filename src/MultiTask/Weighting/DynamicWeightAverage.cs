namespace MultiTask.Weighting;

/// <summary>
/// Dynamic Weight Average (DWA): wₜ = T·softmax(rₜ / temperature) with rₜ = L̄ₜ(e−1) / L̄ₜ(e−2), the ratio of the
/// task's mean training loss in the last two epochs; weights are 1 in the first two epochs.
/// </summary>
/// <remarks>Liu, Johns and Davison, "End-to-End Multi-Task Learning with Attention", CVPR 2019. As LibMTL, with epoch-mean losses.</remarks>
public sealed class DynamicWeightAverage : LossWeighting
{
    /// <summary>The softmax temperature. Range: &gt; 0. Default: 2.</summary>
    public double Temperature { get; init => field = Hyperparameter.Positive(value); } = 2.0;

    /// <inheritdoc/>
    public override string Name => "DWA";

    /// <inheritdoc/>
    public override bool NeedsLossHistory => true;

    /// <summary>The DWA weights for the given loss history (1 each before two epochs have finished).</summary>
    /// <param name="history">The per-epoch mean training losses.</param>
    /// <param name="taskCount">T.</param>
    public double[] WeightsFor(LossHistory history, int taskCount)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Count < 2)
        {
            return Enumerable.Repeat(1.0, taskCount).ToArray();
        }

        var ratios = new double[taskCount];
        for (int t = 0; t < taskCount; t++)
        {
            double previous = history[history.Count - 2][t];
            ratios[t] = previous > 0 && double.IsFinite(previous) && double.IsFinite(history[history.Count - 1][t]) ? history[history.Count - 1][t] / previous : 1.0;
        }

        var softmax = WeightMath.Softmax(ratios.Select(r => r / Temperature).ToArray());
        return softmax.Select(p => taskCount * p).ToArray();
    }

    /// <inheritdoc/>
    public override LossCombination Combine(LossWeightingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return LossCombination.FromWeights(context, WeightsFor(context.History, context.TaskCount));
    }
}
