using MultiTask.Weighting.Solvers;

namespace MultiTask.Weighting;

/// <summary>
/// CAGrad (conflict-averse gradient descent): the direction within a ball around the mean gradient g₀ that maximises
/// the worst task's improvement.
/// </summary>
/// <remarks>
/// <para>Liu, Liu, Jin, Stone and Liu, "Conflict-Averse Gradient Descent for Multi-task Learning", NeurIPS 2021.</para>
/// <para>
/// With g₀ = Σₜgₜ/T and r = c‖g₀‖ (‖g₀‖² is the mean of G's entries), the dual problem
/// min over the simplex of g_wᵀg₀ + r‖g_w‖ is solved in C# (see the solver notes: an exact one-dimensional
/// reduction to min-norm problems, accurate to about 1e-10 in the weights instead of LibMTL's SLSQP or torchjd's
/// cvxpy), and d = g₀ + (r/‖g_w‖)g_w, so the weights are (1/T + (r/‖g_w‖)wₜ)/s with s the
/// <see cref="Rescale"/> divisor. <see cref="CAGradRescale.None"/> reproduces torchjd's <c>CAGradWeighting</c>;
/// <see cref="CAGradRescale.OnePlusCSquared"/> (the default) reproduces LibMTL.
/// </para>
/// <para>
/// As torchjd, G is first normalised by its trace (a zero matrix when the trace is below <see cref="NormEps"/>),
/// and when ‖g_w‖ on that scale is below <see cref="NormEps"/> (approximately Pareto-stationary, including G = 0)
/// the weights are all zero. c = 0 gives the mean, 1/T (divided by s). Weights are unchanged when G is multiplied by
/// a positive factor, so d is linear in J under scaling.
/// </para>
/// </remarks>
public sealed class CAGrad : GradientWeighting
{
    /// <inheritdoc />
    public override string Name => "CAGrad";

    /// <summary>The radius of the ball around g₀, relative to ‖g₀‖ (LibMTL's <c>calpha</c>). Range: ≥ 0. Default: 0.5.</summary>
    public double C { get; init => field = Hyperparameter.NonNegative(value); } = 0.5;

    /// <summary>The rescaling of the direction. Default: <see cref="CAGradRescale.OnePlusCSquared"/> (LibMTL).</summary>
    public CAGradRescale Rescale { get; init => field = Hyperparameter.Defined(value); } = CAGradRescale.OnePlusCSquared;

    /// <summary>The threshold for the trace of G and for ‖g_w‖ on the trace-normalised scale. Range: ≥ 0. Default: 1e-4 (torchjd).</summary>
    public double NormEps { get; init => field = Hyperparameter.NonNegative(value); } = 1e-4;

    /// <inheritdoc />
    public override GradientCombination Combine(GradientWeightingContext context)
    {
        var g = GramianMath.NormaliseByTrace(GramianMath.Read(context), NormEps);
        int n = g.GetLength(0);
        double divisor = Rescale switch
        {
            CAGradRescale.OnePlusCSquared => 1 + (C * C),
            CAGradRescale.OnePlusC => 1 + C,
            _ => 1,
        };

        var mean = GramianMath.Filled(n, 1.0 / n);
        double radius = C * GramianMath.DirectionNorm(g, mean);
        var w = ConflictAverseSolver.Solve(g, radius);
        double norm = GramianMath.DirectionNorm(g, w);
        if (!(norm >= NormEps) || norm == 0)
        {
            return new GradientCombination(new double[n]);
        }

        return new GradientCombination(w.Select(x => (1.0 / n + (radius / norm * x)) / divisor).ToArray());
    }
}
