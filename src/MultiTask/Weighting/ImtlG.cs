using MultiTask.Weighting.Solvers;

namespace MultiTask.Weighting;

/// <summary>
/// IMTL-G (impartial multi-task learning, gradient part): the combination of the task gradients, with weights summing
/// to one, whose projections onto every task's unit gradient are equal.
/// </summary>
/// <remarks>
/// <para>
/// Liu, Li, Kuang, Xue, Chen, Yang, Liao and Zhang, "Towards Impartial Multi-task Learning", ICLR 2021. The
/// pseudo-inverse form is the generalisation of Quinton and Rey, "Jacobian Descent for Multi-Objective
/// Optimization", arXiv 2406.16232 (2024), used by torchjd.
/// </para>
/// <para>
/// Equal projections d·uₜ = (Gw)ₜ/‖gₜ‖ = κ for every t mean Gw = κn, with n = (‖gₜ‖)ₜ = √diag(G). This class computes
/// v = G⁺n (pseudo-inverse from the symmetric eigendecomposition, eigenvalues below λ_max·T·ε₃₂ dropped) and
/// w = v/Σv. For linearly independent gradients this equals LibMTL's closed form α₂..T = g₁Uᵀ(DUᵀ)⁻¹,
/// α₁ = 1 − Σα₂..T; unlike it, it stays defined when the gradients are linearly dependent (T &gt; P, duplicated or
/// opposite gradients) or some are zero (a zero gradient gets no share of n). When |Σv| ≤ 1e-12·Σ|v| (including
/// G = 0) the weights are all zero, as torchjd.
/// </para>
/// <para>Weights are unchanged when G is multiplied by a positive factor, so d is linear in J under scaling.</para>
/// </remarks>
public sealed class ImtlG : GradientWeighting
{
    /// <inheritdoc />
    public override string Name => "IMTL-G";

    /// <inheritdoc />
    public override bool SupportsRepresentationGradients => true;

    /// <inheritdoc />
    public override GradientCombination Combine(GradientWeightingContext context)
    {
        var g = GramianMath.Read(context);
        var v = SymmetricEigen.Decompose(g).PseudoInverseTimes(GramianMath.Norms(g));
        double sum = v.Sum();
        double magnitude = v.Sum(Math.Abs);
        return new GradientCombination(
            Math.Abs(sum) <= 1e-12 * magnitude || magnitude == 0 ? new double[v.Length] : v.Select(x => x / sum).ToArray());
    }
}
