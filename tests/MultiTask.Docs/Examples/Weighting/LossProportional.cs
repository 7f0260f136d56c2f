using MultiTask.Weighting;

namespace MultiTask.Docs.Examples.Weighting;

// begin-snippet: weighting-custom-method
/// <summary>Weights proportional to the current losses (an example, not a published method).</summary>
public sealed class LossProportional : LossWeighting
{
    public override string Name => "LossProportional";

    public override LossCombination Combine(LossWeightingContext context)
    {
        double sum = context.LossValues.Sum();
        return LossCombination.FromWeights(context, context.LossValues.Select(l => context.TaskCount * l / sum).ToArray());
    }
}
// end-snippet
