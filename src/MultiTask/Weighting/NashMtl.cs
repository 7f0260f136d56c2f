using System.Text.Json.Nodes;
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
/// α, clipped against the current G. State: the last α and the call count, saved by <see cref="SaveState"/>.
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
    private double[]? _alpha;
    private long _calls;

    /// <summary>Creates the method.</summary>
    /// <param name="maxNorm">The largest norm of d = Σₜαₜgₜ; 0 disables clipping. Default 1.0 (LibMTL, torchjd); must be ≥ 0.</param>
    /// <param name="updateWeightsEvery">Solve for α on every n-th call and reuse it in between. Default 1; must be ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range.</exception>
    public NashMtl(double maxNorm = 1.0, int updateWeightsEvery = 1)
    {
        if (!(maxNorm >= 0) || !double.IsFinite(maxNorm))
        {
            throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, "maxNorm must be a finite non-negative number.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(updateWeightsEvery, 1);
        MaxNorm = maxNorm;
        UpdateWeightsEvery = updateWeightsEvery;
    }

    /// <inheritdoc />
    public override string Name => "Nash-MTL";

    /// <summary>The largest norm of the direction; 0 disables clipping.</summary>
    public double MaxNorm { get; }

    /// <summary>How many calls share one solve for α.</summary>
    public int UpdateWeightsEvery { get; }

    /// <inheritdoc />
    public override GradientCombination Combine(GradientWeightingContext context)
    {
        var g = GramianMath.Read(context);
        int n = g.GetLength(0);
        if (_alpha is not null && _alpha.Length != n)
        {
            throw new InvalidOperationException($"The state has {_alpha.Length} tasks but the context has {n}.");
        }

        if (_calls % UpdateWeightsEvery == 0)
        {
            double frobenius = GramianMath.FrobeniusNorm(g);
            var solved = frobenius > 0 ? FairnessSolver.Solve(GramianMath.Scale(g, 1 / frobenius), 1, _alpha) : null;
            _alpha = solved ?? _alpha;
        }

        _calls++;
        var alpha = (double[])(_alpha ?? GramianMath.Filled(n, 1.0)).Clone();
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

    /// <inheritdoc />
    public override JsonObject? SaveState() => new()
    {
        ["calls"] = _calls,
        ["alpha"] = _alpha is null ? null : StateJson.FromVector(_alpha),
    };

    /// <inheritdoc />
    public override void LoadState(JsonObject state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _calls = StateJson.GetInt64(state, "calls");
        _alpha = state["alpha"] is null ? null : StateJson.GetVector(state, "alpha");
    }
}
