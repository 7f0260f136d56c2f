using MultiTask.Weighting.Solvers;

namespace MultiTask.Weighting;

/// <summary>
/// ConFIG (conflict-free inverse gradients): the direction has equal cosine with every task gradient, and its
/// length is the sum of the task gradients' projections onto it.
/// </summary>
/// <remarks>
/// <para>
/// Liu, Chu and Thuerey, "ConFIG: Towards Conflict-free Training of Physics Informed Neural Networks",
/// arXiv 2408.11104 (2024), Equation 2; as torchjd's <c>ConFIG</c> with its default preference vector of ones.
/// </para>
/// <para>
/// Gramian form: with the unit gradients uₜ = gₜ/‖gₜ‖ (a zero gradient gives uₜ = 0) and their Gramian
/// Ĝ = D⁺GD⁺, D = diag(‖gₜ‖), the paper's direction pinv(U)·1 equals Uᵀa with a = Ĝ⁺1 (pseudo-inverse from the
/// symmetric eigendecomposition). Writing it as Jᵀb with b = D⁺a, the unit direction is Jᵀb/√(bᵀGb) and its length
/// Σₜ gₜ·unit = 1ᵀGb/√(bᵀGb), so the weights are b·(1ᵀGb)/(bᵀGb). When bᵀGb ≤ 1e-24 (including G = 0) the
/// weights are all zero.
/// </para>
/// <para>
/// Properties: permuting the tasks permutes the weights; weights are unchanged when G is multiplied by a positive
/// factor, so d is linear in J under scaling.
/// </para>
/// </remarks>
public sealed class ConFig : GradientWeighting
{
    /// <inheritdoc />
    public override string Name => "ConFIG";

    /// <inheritdoc />
    public override GradientCombination Combine(GradientWeightingContext context)
    {
        var g = GramianMath.Read(context);
        int n = g.GetLength(0);
        var inverseNorms = GramianMath.Norms(g).Select(x => x > 0 ? 1 / x : 0).ToArray();
        var unit = GramianMath.ScaleRows(g, inverseNorms);
        var a = SymmetricEigen.Decompose(unit).PseudoInverseTimes(GramianMath.Filled(n, 1.0));
        var b = a.Select((x, t) => x * inverseNorms[t]).ToArray();
        var gb = GramianMath.Multiply(g, b);
        double squaredNorm = GramianMath.Dot(b, gb);
        if (!(squaredNorm > 1e-24))
        {
            return new GradientCombination(new double[n]);
        }

        double factor = gb.Sum() / squaredNorm;
        return new GradientCombination(b.Select(x => x * factor).ToArray());
    }
}
