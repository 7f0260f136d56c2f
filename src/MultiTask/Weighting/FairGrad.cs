using MultiTask.Weighting.Solvers;

namespace MultiTask.Weighting;

/// <summary>
/// FairGrad: α-fair resource allocation between tasks; the weights w &gt; 0 solve G w = w^(−1/α) elementwise.
/// </summary>
/// <remarks>
/// <para>Ban and Ji, "Fair Resource Allocation in Multi-Task Learning", ICML 2024.</para>
/// <para>
/// The official code, LibMTL and torchjd solve the equation with <c>scipy.optimize.least_squares</c> from w = 1/T;
/// this class minimises the equivalent strictly convex function by damped Newton steps (see the solver notes), so
/// the weights are the exact solution. α = 1 is the Nash bargaining condition of <see cref="NashMtl"/>, without its
/// normalisation and clipping. α = 0 is linear scalarisation with weights 1/T (as torchjd).
/// </para>
/// <para>
/// Degenerate inputs: G = 0 has no solution and gives the uniform weights 1/T (the direction is zero). For a
/// Pareto-stationary G the exact equation has no solution either; a ridge of 1e-8 relative to ‖G‖_F keeps the
/// weights finite (large). Not linear under scaling: G → sG maps w → s^(−α/(α+1))w.
/// </para>
/// </remarks>
public sealed class FairGrad : GradientWeighting
{
    /// <summary>Creates the method.</summary>
    /// <param name="alpha">The fairness parameter α (LibMTL's <c>FairGrad_alpha</c>). Default 1.0; must be finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> is negative or not finite.</exception>
    public FairGrad(double alpha = 1.0)
    {
        if (!(alpha >= 0) || !double.IsFinite(alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be a finite non-negative number.");
        }

        Alpha = alpha;
    }

    /// <inheritdoc />
    public override string Name => "FairGrad";

    /// <summary>The fairness parameter α.</summary>
    public double Alpha { get; }

    /// <inheritdoc />
    public override GradientCombination Combine(GradientWeightingContext context)
    {
        var g = GramianMath.Read(context);
        var uniform = GramianMath.Filled(g.GetLength(0), 1.0 / g.GetLength(0));
        var w = Alpha == 0 ? null : FairnessSolver.Solve(g, Alpha);
        return new GradientCombination(w ?? uniform);
    }
}
