namespace MultiTask.Weighting;

/// <summary>
/// A method that turns the task losses into one scalar objective (one backward pass). Heads receive the gradient of
/// their weighted loss. Loss-based methods cannot run on representation gradients: the trunk would never be updated.
/// </summary>
public abstract class LossWeighting : WeightingMethod
{
    /// <summary>Combines this step's losses.</summary>
    /// <param name="context">The losses (attached to the graph), their values, the step, the loss history and the run's state.</param>
    /// <returns>The objective to back-propagate and the weights to report.</returns>
    public abstract LossCombination Combine(LossWeightingContext context);

    /// <summary>
    /// Whether the method needs the task losses of the same batch again after the optimiser step (one extra forward
    /// pass without gradients), delivered to <see cref="AfterStep"/>. Default: false.
    /// </summary>
    public virtual bool NeedsLossesAfterStep => false;

    /// <summary>Receives the batch's losses before and after the optimiser step, when <see cref="NeedsLossesAfterStep"/>.</summary>
    /// <param name="state">The run's state.</param>
    /// <param name="lossesBefore">The losses the step was computed from.</param>
    /// <param name="lossesAfter">The losses of the same batch with the updated weights.</param>
    public virtual void AfterStep(WeightingState state, double[] lossesBefore, double[] lossesAfter)
    {
    }
}
