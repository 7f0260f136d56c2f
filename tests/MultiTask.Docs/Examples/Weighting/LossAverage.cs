using MultiTask.Weighting;

namespace MultiTask.Docs.Examples.Weighting;

// begin-snippet: weighting-custom-method
/// <summary>Weights proportional to a moving average of each task's loss (an example, not a published method).</summary>
public sealed class LossAverage : LossWeighting
{
    /// <summary>The weight of the previous average. Range: [0, 1). Default: 0.5.</summary>
    public double Decay { get; init => field = Hyperparameter.Within(value, 0, 1, excludeHigh: true); } = 0.5;

    public override string Name => "LossAverage";

    public override LossCombination Combine(LossWeightingContext context)
    {
        var average = context.State.Vector("average");
        bool first = context.State.Increment("steps") == 1;
        for (int t = 0; t < average.Length; t++)
        {
            average[t] = first ? context.LossValues[t] : (Decay * average[t]) + ((1 - Decay) * context.LossValues[t]);
        }

        return LossCombination.FromWeights(context, average.Select(a => average.Length * a / average.Sum()).ToArray());
    }
}
// end-snippet
