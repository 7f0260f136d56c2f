namespace MultiTask.Tabular.FeatureSelection.Linear;

/// <summary>
/// Linear regression with an L1 penalty (Tibshirani 1996, "Regression shrinkage and selection via the lasso"),
/// fitted by cyclic coordinate descent (Friedman, Hastie &amp; Tibshirani 2010) exactly as scikit-learn 1.2's
/// <c>sklearn.linear_model.Lasso</c> (an <see cref="ElasticNet"/> with l1_ratio = 1): it minimises
/// <code>(1 / (2n)) ‖y − Xw − b‖² + α‖w‖₁</code>
/// with <c>fit_intercept=True</c>, cyclic coordinates, <c>max_iter=1000</c> and <c>tol=1e-4</c> checked on the
/// duality gap as scikit-learn does.
/// </summary>
/// <remarks>
/// Many coefficients are exactly zero for a large enough α: <see cref="EmbeddedSelector"/> keeps the features whose
/// |coefficient| exceeds 1e-5 (scikit-learn's SelectFromModel default for L1 models).
/// </remarks>
public sealed class Lasso : IImportanceEstimator, IColumnEstimator
{
    /// <summary>The penalty strength α. Range: ≥ 0. Default: 1.0 (scikit-learn's).</summary>
    public double Alpha
    {
        get;
        init => field = OptionChecks.NonNegative(value, nameof(Alpha));
    } = 1.0;

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
        return ElasticNet.FitCore(m, TargetArrays.Values(y, m.Rows, nameof(y)), Alpha, 1.0, MaxIterations, Tolerance, owned: true);
    }

    /// <inheritdoc/>
    IImportanceModel IImportanceEstimator.Fit(double[,] x, SelectionTarget target)
    {
        var m = ColumnMatrix.FromArray(x, nameof(x));
        return ((IColumnEstimator)this).FitColumns(m, target);
    }

    /// <inheritdoc/>
    IImportanceModel IColumnEstimator.FitColumns(ColumnMatrix x, SelectionTarget target)
        => ElasticNet.FitCore(x, TargetArrays.Values(target, x.Rows, nameof(target)), Alpha, 1.0, MaxIterations, Tolerance);
}
