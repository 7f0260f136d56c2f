using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace MultiTask.Weighting.Solvers;

/// <summary>
/// The eigendecomposition G = V Λ Vᵀ of a symmetric positive semi-definite Gramian (MathNet's symmetric EVD),
/// restricted to the numerically non-zero eigenvalues, with the pseudo-inverse built on it.
/// </summary>
internal sealed class SymmetricEigen
{
    /// <summary>
    /// float32 machine epsilon. Gradients are float32, so eigenvalues below λ_max·T·ε are noise. LibMTL and torchjd
    /// (Aligned-MTL) use the same tolerance via <c>torch.finfo().eps</c>, which is float32's.
    /// </summary>
    public const double Float32Epsilon = 1.1920928955078125e-7;

    private SymmetricEigen(double[] values, double[,] vectors)
    {
        Values = values;
        Vectors = vectors;
    }

    /// <summary>The kept eigenvalues λ &gt; λ_max·T·ε, in descending order.</summary>
    public double[] Values { get; }

    /// <summary>The matching unit eigenvectors as columns, T × <see cref="Rank"/>.</summary>
    public double[,] Vectors { get; }

    /// <summary>The number of kept eigenvalues.</summary>
    public int Rank => Values.Length;

    /// <summary>Decomposes G and keeps the eigenvalues above λ_max·T·<see cref="Float32Epsilon"/>.</summary>
    public static SymmetricEigen Decompose(double[,] g)
    {
        int n = g.GetLength(0);
        var evd = Matrix<double>.Build.DenseOfArray(g).Evd(Symmetricity.Symmetric);
        var order = Enumerable.Range(0, n).OrderByDescending(i => evd.EigenValues[i].Real).ToArray();
        double max = n == 0 ? 0 : evd.EigenValues[order[0]].Real;
        double tolerance = max * n * Float32Epsilon;
        var kept = order.Where(i => evd.EigenValues[i].Real > tolerance && max > 0).ToArray();

        var values = kept.Select(i => evd.EigenValues[i].Real).ToArray();
        var vectors = new double[n, kept.Length];
        for (int k = 0; k < kept.Length; k++)
        {
            for (int row = 0; row < n; row++)
            {
                vectors[row, k] = evd.EigenVectors[row, kept[k]];
            }
        }

        return new SymmetricEigen(values, vectors);
    }

    /// <summary>V f(Λ) Vᵀ x over the kept eigenpairs.</summary>
    public double[] Apply(Func<double, double> f, IReadOnlyList<double> x)
    {
        int n = Vectors.GetLength(0);
        var result = new double[n];
        for (int k = 0; k < Rank; k++)
        {
            double projection = 0;
            for (int row = 0; row < n; row++)
            {
                projection += Vectors[row, k] * x[row];
            }

            double coefficient = f(Values[k]) * projection;
            for (int row = 0; row < n; row++)
            {
                result[row] += coefficient * Vectors[row, k];
            }
        }

        return result;
    }

    /// <summary>G⁺x: the Moore–Penrose pseudo-inverse over the kept eigenvalues.</summary>
    public double[] PseudoInverseTimes(IReadOnlyList<double> x) => Apply(lambda => 1 / lambda, x);
}
