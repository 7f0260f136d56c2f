using MultiTask.Weighting.Solvers;

namespace MultiTask.Weighting;

/// <summary>
/// Aligned-MTL: the task gradients are replaced by an orthogonal set with equal norms (aligning the principal
/// components of the gradient matrix), then combined with a preference vector.
/// </summary>
/// <remarks>
/// <para>
/// Senushkin, Patakin, Kuznetsov and Konushin, "Independent Component Alignment for Multi-Task Learning",
/// CVPR 2023.
/// </para>
/// <para>
/// With G = VΛVᵀ (MathNet's symmetric eigendecomposition, eigenvalues at most λ_max·T·ε₃₂ dropped, ε₃₂ the float32
/// epsilon as <c>torch.finfo().eps</c> in LibMTL and torchjd), the balance transformation is B = σ·VΛ^(−1/2)Vᵀ
/// with σ² the <see cref="Scale"/> eigenvalue, and the weights are α = B p for the <see cref="Preference"/> p.
/// <see cref="AlignedMtlPreference.Ones"/> (default) reproduces LibMTL (α = B·1); <see cref="AlignedMtlPreference.Mean"/>
/// reproduces torchjd (α = B·1/T), exactly half of LibMTL's weights for T = 2.
/// </para>
/// <para>
/// Weights are unchanged when G is multiplied by a positive factor (d is linear in J under scaling). G = 0 (no
/// eigenvalue kept) gives B = I, i.e. α = p, as torchjd (the direction is zero).
/// </para>
/// </remarks>
public sealed class AlignedMtl : GradientWeighting
{
    /// <inheritdoc />
    public override string Name => "Aligned-MTL";

    /// <summary>The eigenvalue the balanced gradients are scaled to. Default: <see cref="AlignedMtlScale.Min"/>.</summary>
    public AlignedMtlScale Scale { get; init => field = Hyperparameter.Defined(value); } = AlignedMtlScale.Min;

    /// <summary>The preference vector. Default: <see cref="AlignedMtlPreference.Ones"/> (LibMTL).</summary>
    public AlignedMtlPreference Preference { get; init => field = Hyperparameter.Defined(value); } = AlignedMtlPreference.Ones;

    /// <inheritdoc />
    public override bool SupportsRepresentationGradients => true;

    /// <inheritdoc />
    public override GradientCombination Combine(GradientWeightingContext context)
    {
        var g = GramianMath.Read(context);
        int n = g.GetLength(0);
        var p = GramianMath.Filled(n, Preference == AlignedMtlPreference.Mean ? 1.0 / n : 1.0);
        var eigen = SymmetricEigen.Decompose(g);
        if (eigen.Rank == 0)
        {
            return new GradientCombination(p);
        }

        double sigma = Math.Sqrt(ScaleEigenvalue(eigen.Values));
        return new GradientCombination(eigen.Apply(lambda => sigma / Math.Sqrt(lambda), p));
    }

    private double ScaleEigenvalue(double[] descending) => Scale switch
    {
        AlignedMtlScale.Median => descending.OrderBy(x => x).ElementAt((descending.Length - 1) / 2),
        AlignedMtlScale.Rmse => descending.Average(),
        _ => descending[^1],
    };
}
