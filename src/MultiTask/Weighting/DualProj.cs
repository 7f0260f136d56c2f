using MultiTask.Weighting.Solvers;

namespace MultiTask.Weighting;

/// <summary>
/// DualProj: the mean gradient projected onto the dual cone of the task gradients {x : gₜ·x ≥ 0 for all t}, the
/// closest direction to the mean that conflicts with no task.
/// </summary>
/// <remarks>
/// <para>
/// The projection is Equation 11 of Lopez-Paz and Ranzato, "Gradient Episodic Memory for Continual Learning",
/// NeurIPS 2017 (GEM); as an aggregator of task gradients it is torchjd's <c>DualProj</c> (Quinton and Rey,
/// "Jacobian Descent for Multi-Objective Optimization", arXiv 2406.16232, 2024), whose defaults this class follows.
/// </para>
/// <para>
/// The weights are v = argmin vᵀG̃v subject to v ≥ 1/T, with G̃ = G/trace(G) + regEps·I (G is replaced by 0 when
/// trace(G) &lt; normEps), solved exactly by an active-set method in C# (see the solver notes).
/// </para>
/// <para>
/// Properties: the direction conflicts with no task ((Gw)ₜ ≥ 0 up to the regularisation); permuting the tasks
/// permutes the weights; weights are unchanged when G is multiplied by a positive factor, so d is linear in J under
/// scaling (while trace(G) ≥ normEps). G = 0 gives the weights 1/T (the direction is zero).
/// </para>
/// </remarks>
public sealed class DualProj : GradientWeighting
{
    /// <inheritdoc />
    public override string Name => "DualProj";

    /// <summary>Below this trace, G is treated as zero. Range: ≥ 0. Default: 1e-4 (torchjd).</summary>
    public double NormEps { get; init => field = Hyperparameter.NonNegative(value); } = 1e-4;

    /// <summary>The ridge added to the trace-normalised G to make the QPs strictly convex. Range: &gt; 0. Default: 1e-4 (torchjd).</summary>
    public double RegEps { get; init => field = Hyperparameter.Positive(value); } = 1e-4;

    /// <inheritdoc />
    public override GradientCombination Combine(GradientWeightingContext context)
    {
        var prepared = DualConeProjection.Prepare(GramianMath.Read(context), NormEps, RegEps);
        int n = prepared.GetLength(0);
        return new GradientCombination(DualConeProjection.Project(prepared, GramianMath.Filled(n, 1.0 / n)));
    }
}
