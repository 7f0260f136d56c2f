using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace MultiTask.Tabular.FeatureSelection.Linear;

/// <summary>
/// Ordinary least squares with an intercept, as scikit-learn's <c>sklearn.linear_model.LinearRegression</c>
/// (<c>fit_intercept=True</c>): X and y are centred, the coefficients solve min ‖yc − Xc·w‖², and the intercept is
/// mean(y) − mean(X)·w.
/// </summary>
/// <remarks>
/// <para>
/// The solve is fast and accurate on well-conditioned designs: Cholesky of the column-scaled Gram matrix XcᵀXc,
/// then two steps of iterative refinement on the residual (the corrected semi-normal equations, Björck 1987), which
/// brings the error down to the level of a QR solve. When the scaled Gram matrix is ill-conditioned (a Cholesky
/// pivot below 1e-10, i.e. cond(X) above about 1e5), a column is constant, or there are fewer rows than features,
/// it falls back to a Householder QR factorisation (MathNet.Numerics).
/// </para>
/// <para>
/// scikit-learn solves the same problem with LAPACK's SVD-based <c>gelsd</c>; on a full-rank design both give the
/// unique solution (they agree to about 1e-12 relative on the diabetes data). When the centred design is rank
/// deficient (an |Rᵢᵢ| at or below ε·max(n, p)·max|R|, or fewer rows than features) the solution is not unique and
/// this class returns the minimum-norm one from an SVD with that cut-off; scikit-learn's result then depends on
/// rounding (a numerically dependent column gets huge opposite coefficients), so no exact match is claimed there.
/// Importances for <see cref="Rfe"/> are the squared coefficients.
/// </para>
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
        return FitCore(m, TargetArrays.Values(y, m.Rows, nameof(y)), owned: true);
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

    internal static LinearModel FitCore(ColumnMatrix x, double[] y, bool owned = false)
    {
        int n = x.Rows, p = x.Columns;
        var xOffset = x.ColumnMeans();
        double yOffset = DenseMath.Sum(y) / n;
        var xc = owned ? x.CenterInPlace(xOffset) : x.Centered(xOffset);
        var yc = new double[n];
        for (int i = 0; i < n; i++)
        {
            yc[i] = y[i] - yOffset;
        }

        System.Diagnostics.Debug.Assert(xc.IsContiguous, "Centred copies are contiguous; QR reads them as one block.");
        double[] w = p == 0 ? [] : SolveNormal(xc, yc) ?? Solve(new DenseMatrix(n, p, xc.Data), Vector<double>.Build.DenseOfArray(yc));
        return new LinearModel(w, yOffset - DenseMath.Dot(xOffset, w), 0, 0, true);
    }

    /// <summary>
    /// Corrected semi-normal equations: Cholesky of the Gram matrix scaled to a unit diagonal, two refinement steps
    /// w += (XᵀX)⁻¹Xᵀ(y − Xw). Null when the scaled Gram matrix is ill-conditioned (pivot &lt; 1e-10), a column is
    /// constant, or there are fewer rows than features: the caller then uses QR.
    /// </summary>
    private static double[]? SolveNormal(ColumnMatrix xc, double[] yc)
    {
        int n = xc.Rows, p = xc.Columns;
        if (n < p)
        {
            return null;
        }

        var gram = new double[p, p];
        WeightedGram.Accumulate(xc, default, false, gram);
        var scale = new double[p];
        for (int j = 0; j < p; j++)
        {
            if (!(gram[j, j] > 0))
            {
                return null;
            }

            scale[j] = 1 / Math.Sqrt(gram[j, j]);
        }

        for (int j = 0; j < p; j++)
        {
            for (int k = 0; k < p; k++)
            {
                gram[j, k] *= scale[j] * scale[k];
            }
        }

        if (!Cholesky(gram))
        {
            return null;
        }

        var w = new double[p];
        var rhs = new double[p];
        var residual = (double[])yc.Clone();
        for (int step = 0; step < 3; step++)
        {
            for (int j = 0; j < p; j++)
            {
                rhs[j] = scale[j] * DenseMath.Dot(xc.Column(j), residual);
            }

            CholeskySolve(gram, rhs);
            for (int j = 0; j < p; j++)
            {
                w[j] += scale[j] * rhs[j];
            }

            if (step < 2)
            {
                yc.CopyTo(residual, 0);
                for (int j = 0; j < p; j++)
                {
                    DenseMath.Axpy(-w[j], xc.Column(j), residual);
                }
            }
        }

        return w;
    }

    /// <summary>In-place lower Cholesky factor of a unit-diagonal symmetric matrix; false when a pivot falls below 1e-10.</summary>
    private static bool Cholesky(double[,] a)
    {
        int p = a.GetLength(0);
        for (int j = 0; j < p; j++)
        {
            double pivot = a[j, j];
            for (int k = 0; k < j; k++)
            {
                pivot -= a[j, k] * a[j, k];
            }

            if (!(pivot >= 1e-10))
            {
                return false;
            }

            double root = Math.Sqrt(pivot);
            a[j, j] = root;
            for (int i = j + 1; i < p; i++)
            {
                double sum = a[i, j];
                for (int k = 0; k < j; k++)
                {
                    sum -= a[i, k] * a[j, k];
                }

                a[i, j] = sum / root;
            }
        }

        return true;
    }

    /// <summary>Solves L·Lᵀ·z = b in place for the lower factor L.</summary>
    private static void CholeskySolve(double[,] l, double[] b)
    {
        int p = b.Length;
        for (int i = 0; i < p; i++)
        {
            double sum = b[i];
            for (int k = 0; k < i; k++)
            {
                sum -= l[i, k] * b[k];
            }

            b[i] = sum / l[i, i];
        }

        for (int i = p - 1; i >= 0; i--)
        {
            double sum = b[i];
            for (int k = i + 1; k < p; k++)
            {
                sum -= l[k, i] * b[k];
            }

            b[i] = sum / l[i, i];
        }
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
