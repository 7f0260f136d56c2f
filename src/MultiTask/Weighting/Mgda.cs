using MultiTask.Weighting.Solvers;

namespace MultiTask.Weighting;

/// <summary>
/// MGDA: the update direction is the minimum-norm point of the convex hull of the (normalised) task gradients, the
/// common descent direction of the multiple-gradient descent algorithm.
/// </summary>
/// <remarks>
/// <para>
/// Sener and Koltun, "Multi-Task Learning as Multi-Objective Optimization", NeurIPS 2018; the algorithm is
/// Désidéri, "Multiple-gradient descent algorithm (MGDA) for multiobjective optimization", Comptes Rendus
/// Mathématique, 2012.
/// </para>
/// <para>
/// With normalised gradients ĝₜ = gₜ/nₜ (<see cref="MgdaNormalization"/>, as LibMTL), the solver finds w on the
/// simplex minimising ‖Σₜ wₜĝₜ‖² exactly (closed form for T = 2, an active-set QP otherwise, rather than LibMTL's
/// Frank–Wolfe; see the solver notes) and the returned weights are the effective weights on the raw gradients,
/// wₜ/nₜ, so that d = Σₜ (wₜ/nₜ) gₜ = Σₜ wₜĝₜ as in LibMTL.
/// </para>
/// <para>
/// The direction conflicts with no task: (Gw)ₜ ≥ wᵀGw ≥ 0 for the normalised Gramian. When G is multiplied by a
/// positive factor, the weights are unchanged with <see cref="MgdaNormalization.None"/> and
/// <see cref="MgdaNormalization.Loss"/> (d is linear in J under scaling), and d itself is unchanged with
/// <see cref="MgdaNormalization.L2"/> and <see cref="MgdaNormalization.LossPlusL2"/> (ĝ does not change).
/// </para>
/// <para>
/// Degenerate inputs: a normaliser nₜ that is not positive and finite (a zero gradient, a zero or negative loss)
/// is replaced by 1, so that task is used unnormalised; G = 0 gives the uniform weights 1/T (the direction is zero).
/// </para>
/// </remarks>
public sealed class Mgda : GradientWeighting
{
    /// <inheritdoc />
    public override string Name => "MGDA";

    /// <summary>The gradient normalisation. Default: <see cref="MgdaNormalization.None"/> (LibMTL's default).</summary>
    public MgdaNormalization Normalization { get; init => field = Hyperparameter.Defined(value); } = MgdaNormalization.None;

    /// <inheritdoc />
    public override bool SupportsRepresentationGradients => true;

    /// <inheritdoc />
    public override GradientCombination Combine(GradientWeightingContext context)
    {
        var g = GramianMath.Read(context);
        var normalisers = Normalisers(g, context.Losses);
        var inverse = normalisers.Select(n => 1 / n).ToArray();
        var w = MinNormSolver.Solve(GramianMath.ScaleRows(g, inverse));
        return new GradientCombination(w.Select((x, t) => x * inverse[t]).ToArray());
    }

    private double[] Normalisers(double[,] g, IReadOnlyList<double> losses)
    {
        var norms = GramianMath.Norms(g);
        var result = new double[norms.Length];
        for (int t = 0; t < result.Length; t++)
        {
            double n = Normalization switch
            {
                MgdaNormalization.L2 => norms[t],
                MgdaNormalization.Loss => losses[t],
                MgdaNormalization.LossPlusL2 => losses[t] * norms[t],
                _ => 1,
            };
            result[t] = n > 0 && double.IsFinite(n) ? n : 1;
        }

        return result;
    }
}
