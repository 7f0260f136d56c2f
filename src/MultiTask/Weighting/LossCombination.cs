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

    /// <summary>The scalar to back-propagate.</summary>
    public Tensor Objective { get; }

    /// <summary>The effective weight of each task's loss.</summary>
    public double[] Weights { get; }
}
