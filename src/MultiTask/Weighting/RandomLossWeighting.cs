using MathNet.Numerics.Distributions;

namespace MultiTask.Weighting;

/// <summary>
/// Random Loss Weighting (RLW): at every step, w = softmax(z) with z ~ N(0, I_T); the objective is Σₜ wₜLₜ
/// (weights sum to 1). Draws come from the trainer's seeded generator, so runs are reproducible.
/// </summary>
/// <remarks>Lin, Ye, Zhang and Tsang, "Reasonable Effectiveness of Random Weighting: A Litmus Test for Multi-Task Learning", TMLR 2022.</remarks>
public sealed class RandomLossWeighting : LossWeighting
{
    /// <inheritdoc/>
    public override string Name => "RLW";

    /// <inheritdoc/>
    public override LossCombination Combine(LossWeightingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var z = Enumerable.Range(0, context.TaskCount).Select(_ => Normal.Sample(context.Random, 0, 1)).ToArray();
        return LossCombination.FromWeights(context, WeightMath.Softmax(z));
    }
}
