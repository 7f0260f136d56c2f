namespace MultiTask.Tabular.FeatureSelection.Linear;

/// <summary>
/// Linear regression with combined L1 and L2 penalties (Zou &amp; Hastie 2005, "Regularization and variable selection
/// via the elastic net"), fitted by cyclic coordinate descent (Friedman, Hastie &amp; Tibshirani 2010) exactly as
/// scikit-learn 1.2's <c>sklearn.linear_model.ElasticNet</c> with <c>fit_intercept=True</c>,
/// <c>selection="cyclic"</c>, <c>precompute=False</c>, no warm start. It minimises
/// <code>(1 / (2n)) ‖y − Xw − b‖² + α·l1_ratio·‖w‖₁ + ½·α·(1 − l1_ratio)·‖w‖²₂</code>
/// after centring X and y (the intercept is mean(y) − mean(X)·w), and stops as scikit-learn does: when a sweep's
/// largest coefficient change falls below tol × the largest coefficient, the duality gap is computed, and the descent
/// stops once it is below tol · ‖y − ȳ‖².
/// </summary>
/// <remarks>
/// Importances for <see cref="Rfe"/> are the squared coefficients; <see cref="EmbeddedSelector"/> keeps the features
/// with |coefficient| above its threshold. Iterates match scikit-learn's up to floating-point summation order, so the
/// coefficients agree to about 1e-10 relative on real data (see docs/feature-selection-models.md).
/// </remarks>
public sealed class ElasticNet : IImportanceEstimator, IColumnEstimator
{
    /// <summary>Creates the estimator (scikit-learn's defaults: alpha=1.0, l1_ratio=0.5, max_iter=1000, tol=1e-4).</summary>
    /// <param name="alpha">The penalty strength α. Range: ≥ 0 (0 is plain least squares, which coordinate descent solves poorly; prefer <see cref="LinearRegression"/>).</param>
    /// <param name="l1Ratio">The L1 share of the penalty. Range: [0, 1]; 1 is the lasso.</param>
    /// <param name="maxIterations">The most coordinate-descent sweeps. Range: ≥ 1.</param>
    /// <param name="tolerance">scikit-learn's <c>tol</c>. Range: ≥ 0.</param>
    public ElasticNet(double alpha = 1.0, double l1Ratio = 0.5, int maxIterations = 1000, double tolerance = 1e-4)
    {
        CheckCommon(alpha, maxIterations, tolerance);
        if (!(l1Ratio >= 0 && l1Ratio <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(l1Ratio), l1Ratio, "l1Ratio must lie in [0, 1].");
        }

        Alpha = alpha;
        L1Ratio = l1Ratio;
        MaxIterations = maxIterations;
        Tolerance = tolerance;
    }

    /// <summary>The penalty strength α.</summary>
    public double Alpha { get; }

    /// <summary>The L1 share of the penalty (scikit-learn's <c>l1_ratio</c>).</summary>
    public double L1Ratio { get; }

    /// <summary>The most coordinate-descent sweeps (scikit-learn's <c>max_iter</c>).</summary>
    public int MaxIterations { get; }

    /// <summary>The stopping tolerance (scikit-learn's <c>tol</c>).</summary>
    public double Tolerance { get; }

    /// <inheritdoc/>
    public bool IsClassifier => false;

    /// <summary>Fits the model.</summary>
    /// <param name="x">[rows, features] finite values.</param>
    /// <param name="y">One finite target per row.</param>
    /// <returns>The coefficients, intercept, iteration count and duality gap.</returns>
    public LinearModel Fit(double[,] x, IReadOnlyList<double> y)
    {
        var m = ColumnMatrix.FromArray(x, nameof(x));
        return FitCore(m, TargetArrays.Values(y, m.Rows, nameof(y)), Alpha, L1Ratio, MaxIterations, Tolerance, owned: true);
    }

    /// <inheritdoc/>
    IImportanceModel IImportanceEstimator.Fit(double[,] x, SelectionTarget target)
    {
        var m = ColumnMatrix.FromArray(x, nameof(x));
        return ((IColumnEstimator)this).FitColumns(m, target);
    }

    /// <inheritdoc/>
    IImportanceModel IColumnEstimator.FitColumns(ColumnMatrix x, SelectionTarget target)
        => FitCore(x, TargetArrays.Values(target, x.Rows, nameof(target)), Alpha, L1Ratio, MaxIterations, Tolerance);

    internal static void CheckCommon(double alpha, int maxIterations, double tolerance)
    {
        if (!(alpha >= 0) || double.IsInfinity(alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be finite and ≥ 0.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxIterations, 1);
        if (!(tolerance >= 0) || double.IsInfinity(tolerance))
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "tolerance must be finite and ≥ 0.");
        }
    }

    /// <summary>
    /// scikit-learn's ElasticNet.fit: centre, coordinate descent with the penalties scaled by n, intercept from the
    /// means. When <c>owned</c>, x is a private copy and is centred in place.
    /// </summary>
    internal static LinearModel FitCore(ColumnMatrix x, double[] y, double alpha, double l1Ratio, int maxIterations, double tolerance, bool owned = false)
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

        var w = new double[p];
        var outcome = CoordinateDescent.ElasticNet(xc, yc, alpha * l1Ratio * n, alpha * (1.0 - l1Ratio) * n, maxIterations, tolerance, w);
        double intercept = yOffset - DenseMath.Dot(xOffset, w);
        if (!double.IsFinite(intercept) || w.Any(v => !double.IsFinite(v)))
        {
            throw new InvalidOperationException("Coordinate descent produced non-finite coefficients; the features may hold very large values and need scaling.");
        }

        return new LinearModel(w, intercept, outcome.Iterations, outcome.Gap / n, outcome.Converged);
    }
}
