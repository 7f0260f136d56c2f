using static TorchSharp.torch;

namespace MultiTask.Weighting;

/// <summary>
/// The result of a gradient-based weighting method: the weights w of the update direction d = Σₜ wₜ gₜ, or an explicit
/// direction when d is not a combination of this step's gradients (methods with gradient state).
/// </summary>
public sealed class GradientCombination
{
    /// <summary>Creates a combination d = Σₜ wₜ gₜ.</summary>
    /// <param name="weights">One finite weight per task.</param>
    public GradientCombination(double[] weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        Weights = weights;
    }

    /// <summary>Creates a combination with an explicit direction; <paramref name="weights"/> are reported in the history.</summary>
    /// <param name="weights">One finite weight per task, for logging.</param>
    /// <param name="direction">The flat update direction, [P], in the caller's dispose scope.</param>
    public GradientCombination(double[] weights, Tensor direction)
        : this(weights)
    {
        ArgumentNullException.ThrowIfNull(direction);
        Direction = direction;
    }

    /// <summary>The weight of each task's gradient (or the weights reported when <see cref="Direction"/> is set).</summary>
    public double[] Weights { get; }

    /// <summary>An explicit update direction; null when the direction is Σₜ wₜ gₜ.</summary>
    public Tensor? Direction { get; }

    /// <summary>
    /// Factors for each head's own gradient, for methods whose heads follow a transformed loss (e.g. DB-MTL's
    /// ∇log Lₜ = ∇Lₜ / Lₜ); null leaves the heads to <see cref="Training.TrainerOptions.HeadGradients"/>.
    /// </summary>
    public double[]? HeadScales { get; init; }
}
