using MultiTask.Weighting.Solvers;

namespace MultiTask.Weighting;

/// <summary>
/// Nash-MTL: the weights α &gt; 0 of the Nash bargaining solution, (Gα)ₜ = 1/αₜ, on the Gramian normalised to unit
/// Frobenius norm, with the direction's norm clipped to <see cref="MaxNorm"/>.
/// </summary>
/// <remarks>
/// <para>
/// Navon, Shamsian, Achituve, Maron, Kawaguchi, Chechik and Fetaya, "Multi-Task Learning as a Bargaining Game",
/// ICML 2022.
/// </para>
/// <para>
/// As torchjd's <c>NashMTL</c> (adapted from the official code): G is divided by its Frobenius norm, α solves
/// G̃α = 1/α, and when ‖Σₜαₜgₜ‖ = √(αᵀGα) exceeds <see cref="MaxNorm"/> the weights are scaled so that it equals
/// <see cref="MaxNorm"/> (LibMTL clips the gradient with <c>clip_grad_norm_</c> instead, which has the same effect
/// on the shared parameters). The official code approaches the fixed point by at most 20 sequential convex
/// approximations solved with cvxpy/ECOS; this class solves the equation itself by damped Newton steps on the convex
/// function ½αᵀG̃α − Σ log αₜ (see the solver notes), so its α is the exact fixed point the official iteration
/// aims at, warm-started from the previous α.
/// </para>
/// <para>
/// Only every <see cref="UpdateWeightsEvery"/>-th call solves; the calls in between reuse the previous (unclipped)
/// α, clipped against the current G. State: the last α (vector "alpha", absent until the first solve) and the call
/// count ("calls").
/// G = 0 skips the solve and reuses the previous α (initially all ones); the direction is zero either way. For a
/// Pareto-stationary G (a positive combination of the gradients is zero) the fixed point does not exist and a ridge of
/// 1e-8 keeps α finite (about 1e4); clipping then bounds the direction.
/// </para>
/// <para>
/// Scaling: G is normalised before solving, so α does not change when G is multiplied by a positive factor and d is
/// linear in J under scaling while clipping is inactive; once clipped, ‖d‖ = <see cref="MaxNorm"/>. (Without the
/// normalisation, as <see cref="FairGrad"/>, d would not depend on the scale of J at all.)
/// </para>
/// </remarks>
public sealed class NashMtl : GradientWeighting
{
    /// <summary>The largest norm of d = Σₜαₜgₜ; 0 disables clipping. Range: ≥ 0. Default: 1 (LibMTL, torchjd).</summary>
    public double MaxNorm { get; init => field = Hyperparameter.NonNegative(value); } = 1.0;

    /// <summary>Solve for α on every n-th call and reuse it in between. Range: ≥ 1. Default: 1.</summary>
    public int UpdateWeightsEvery { get; init => field = Hyperparameter.AtLeast(value, 1); } = 1;

    /// <inheritdoc />
    public override string Name => "Nash-MTL";

    /// <inheritdoc />
    public override GradientCombination Combine(GradientWeightingContext context)
    {
        var g = GramianMath.Read(context);
        int n = g.GetLength(0);
        var state = context.State;
        double frobenius = GramianMath.FrobeniusNorm(g);
        if (state.Counter("calls") % UpdateWeightsEvery == 0 && frobenius > 0
            && FairnessSolver.Solve(GramianMath.Scale(g, 1 / frobenius), 1, state.FindVector("alpha")) is { } solved)
        {
            state.SetVector("alpha", solved);
        }

        state.Increment("calls");
        var alpha = (double[])(state.FindVector("alpha") ?? GramianMath.Filled(n, 1.0)).Clone();
        double norm = GramianMath.DirectionNorm(g, alpha);
        if (MaxNorm > 0 && norm > MaxNorm)
        {
            for (int t = 0; t < n; t++)
            {
                alpha[t] *= MaxNorm / norm;
            }
        }

        return new GradientCombination(alpha);
    }
}
