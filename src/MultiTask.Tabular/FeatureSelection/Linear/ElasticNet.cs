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
    /// <summary>The penalty strength α. Range: ≥ 0 (0 is plain least squares, which coordinate descent solves poorly; prefer <see cref="LinearRegression"/>). Default: 1.0 (scikit-learn's).</summary>
    public double Alpha
    {
        get;
        init => field = OptionChecks.NonNegative(value, nameof(Alpha));
    } = 1.0;

    /// <summary>The L1 share of the penalty (scikit-learn's <c>l1_ratio</c>); 1 is the lasso. Range: [0, 1]. Default: 0.5.</summary>
    public double L1Ratio
    {
        get;
        init => field = OptionChecks.UnitInterval(value, nameof(L1Ratio));
    } = 0.5;

    /// <summary>The most coordinate-descent sweeps (scikit-learn's <c>max_iter</c>). Range: ≥ 1. Default: 1000.</summary>
    public int MaxIterations
    {
        get;
        init => field = OptionChecks.AtLeast(value, 1, nameof(MaxIterations));
    } = 1000;

    /// <summary>The stopping tolerance (scikit-learn's <c>tol</c>). Range: ≥ 0. Default: 1e-4.</summary>
    public double Tolerance
    {
        get;
        init => field = OptionChecks.NonNegative(value, nameof(Tolerance));
    } = 1e-4;

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
