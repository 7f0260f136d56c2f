using static TorchSharp.torch;

namespace MultiTask.Weighting;

/// <summary>The result of a loss-based weighting method: the scalar objective to back-propagate and the task weights to report.</summary>
public sealed class LossCombination
{
    /// <summary>Creates the result.</summary>
    /// <param name="objective">The scalar to back-propagate, in the step's dispose scope.</param>
    /// <param name="weights">The effective weight of each task's loss, for the training history.</param>
    public LossCombination(Tensor objective, double[] weights)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(weights);
        Objective = objective;
        Weights = weights;
    }

    /// <summary>
    /// The combination Σₜ wₜ·Lₜ with constant weights. For a method whose objective f(L) has no learnable state this is
    /// exact: the gradient of f is Σₜ (∂f/∂Lₜ)·∇Lₜ, so passing wₜ = ∂f/∂Lₜ reproduces it and reports the true weights.
    /// </summary>
    /// <param name="context">The step's context (its <see cref="LossWeightingContext.Losses"/> are combined).</param>
    /// <param name="weights">One finite weight per task.</param>
    public static LossCombination FromWeights(LossWeightingContext context, double[] weights)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(weights);
        return new LossCombination(WeightedSum.Of(context.Losses, weights), weights);
    }

    /// <summary>The scalar to back-propagate.</summary>
    public Tensor Objective { get; }

    /// <summary>The effective weight of each task's loss.</summary>
    public double[] Weights { get; }
}
