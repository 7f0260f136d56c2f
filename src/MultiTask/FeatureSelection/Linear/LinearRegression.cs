using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace MultiTask.FeatureSelection.Linear;

/// <summary>
/// Ordinary least squares with an intercept, as scikit-learn's <c>sklearn.linear_model.LinearRegression</c>
/// (<c>fit_intercept=True</c>): X and y are centred, the coefficients solve min ‖yc − Xc·w‖² by a Householder QR
/// factorisation (MathNet.Numerics), and the intercept is mean(y) − mean(X)·w.
/// </summary>
/// <remarks>
/// scikit-learn solves the same problem with LAPACK's SVD-based <c>gelsd</c>; on a full-rank design both give the
/// unique solution (they agree to about 1e-12 relative on the diabetes data). When the centred design is rank
/// deficient (an |Rᵢᵢ| at or below ε·max(n, p)·max|R|, or fewer rows than features) the solution is not unique and
/// this class returns the minimum-norm one from an SVD with that cut-off; scikit-learn's result then depends on
/// rounding (a numerically dependent column gets huge opposite coefficients), so no exact match is claimed there.
/// Importances for <see cref="Rfe"/> are the squared coefficients.
/// </remarks>
public sealed class LinearRegression : IImportanceEstimator, IColumnEstimator
{
    private const double Epsilon = 2.220446049250313e-16;

    /// <inheritdoc/>
    public bool IsClassifier => false;

    /// <summary>Fits the model.</summary>
    /// <param name="x">[rows, features] finite values.</param>
    /// <param name="y">One finite target per row.</param>
    /// <returns>The coefficients and intercept.</returns>
    public LinearModel Fit(double[,] x, IReadOnlyList<double> y)
    {
        var m = ColumnMatrix.FromArray(x, nameof(x));
        return FitCore(m, TargetArrays.Values(y, m.Rows, nameof(y)));
    }

    /// <inheritdoc/>
    IImportanceModel IImportanceEstimator.Fit(double[,] x, SelectionTarget target)
    {
        var m = ColumnMatrix.FromArray(x, nameof(x));
        return ((IColumnEstimator)this).FitColumns(m, target);
    }

    /// <inheritdoc/>
    IImportanceModel IColumnEstimator.FitColumns(ColumnMatrix x, SelectionTarget target)
        => FitCore(x, TargetArrays.Values(target, x.Rows, nameof(target)));

    internal static LinearModel FitCore(ColumnMatrix x, double[] y)
    {
        int n = x.Rows, p = x.Columns;
        var xOffset = x.ColumnMeans();
        double yOffset = DenseMath.Sum(y) / n;
        var xc = x.Centered(xOffset);
        var yc = Vector<double>.Build.Dense(n, i => y[i] - yOffset);
        double[] w = p == 0 ? [] : Solve(new DenseMatrix(n, p, xc.Data), yc);
        return new LinearModel(w, yOffset - DenseMath.Dot(xOffset, w), 0, 0, true);
    }

    private static double[] Solve(DenseMatrix a, Vector<double> b)
    {
        int n = a.RowCount, p = a.ColumnCount;
        if (n >= p)
        {
            var qr = a.QR(QRMethod.Thin);
            var r = qr.R;
            double largest = 0;
            for (int i = 0; i < p; i++)
            {
                largest = Math.Max(largest, Math.Abs(r[i, i]));
            }

            double cutoff = largest * Epsilon * Math.Max(n, p);
            bool fullRank = largest > 0;
            for (int i = 0; i < p && fullRank; i++)
            {
                fullRank = Math.Abs(r[i, i]) > cutoff;
            }

            // With orthonormal Q, ‖Aw − b‖² = ‖Rw − Qᵀb‖² + const: the same (minimum-norm) solutions, from a p × p system.
            return fullRank ? qr.Solve(b).ToArray() : MinimumNorm(r, qr.Q.TransposeThisAndMultiply(b), Math.Max(n, p));
        }

        return MinimumNorm(a, b, Math.Max(n, p));
    }

    /// <summary>The minimum-norm least-squares solution by SVD, treating singular values at or below ε·max(n, p)·σ₁ as zero.</summary>
    private static double[] MinimumNorm(Matrix<double> a, Vector<double> b, int size)
    {
        var svd = a.Svd(computeVectors: true);
        var s = svd.S;
        double cutoff = (s.Count == 0 ? 0 : s[0]) * Epsilon * size;
        var utb = svd.U.TransposeThisAndMultiply(b);
        var z = Vector<double>.Build.Dense(a.ColumnCount);
        for (int i = 0; i < s.Count; i++)
        {
            if (s[i] > cutoff)
            {
                z[i] = utb[i] / s[i];
            }
        }

        return svd.VT.TransposeThisAndMultiply(z).ToArray();
    }
}
