namespace MultiTask.Weighting;

/// <summary>
/// A method that turns the task losses into one scalar objective (one backward pass). Heads receive the gradient of
/// their weighted loss. Loss-based methods cannot run on representation gradients: the trunk would never be updated.
/// </summary>
public abstract class LossWeighting : WeightingMethod
{
    /// <summary>Combines this step's losses.</summary>
    /// <param name="context">The losses (attached to the graph), their values, the step and the loss history.</param>
    /// <returns>The objective to back-propagate and the weights to report.</returns>
    public abstract LossCombination Combine(LossWeightingContext context);
}
