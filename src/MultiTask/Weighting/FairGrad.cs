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
    /// <inheritdoc />
    public override string Name => "FairGrad";

    /// <summary>The fairness parameter α (LibMTL's <c>FairGrad_alpha</c>). Range: ≥ 0. Default: 1.</summary>
    public double Alpha { get; init => field = Hyperparameter.NonNegative(value); } = 1.0;

    /// <inheritdoc />
    public override GradientCombination Combine(GradientWeightingContext context)
    {
        var g = GramianMath.Read(context);
        var uniform = GramianMath.Filled(g.GetLength(0), 1.0 / g.GetLength(0));
        var w = Alpha == 0 ? null : FairnessSolver.Solve(g, Alpha);
        return new GradientCombination(w ?? uniform);
    }
}
