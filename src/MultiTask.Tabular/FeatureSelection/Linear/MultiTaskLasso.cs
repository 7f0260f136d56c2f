namespace MultiTask.Tabular.FeatureSelection.Linear;

/// <summary>
/// The multi-task lasso (Obozinski, Taskar &amp; Jordan 2010, "Joint covariate selection and joint subspace selection
/// for multiple classification problems"; scikit-learn's <c>sklearn.linear_model.MultiTaskLasso</c>): a linear model
/// per task whose coefficients share one support through the L2,1 penalty, fitted by block coordinate descent
/// (Friedman, Hastie &amp; Tibshirani 2010) exactly as scikit-learn 1.2. It minimises
/// <code>(1 / (2n)) ‖Y − XWᵀ − b‖²_Fro + α‖W‖₂₁,  ‖W‖₂₁ = Σⱼ √(Σₜ Wₜⱼ²)</code>
/// with <c>fit_intercept=True</c>, cyclic order, <c>max_iter=1000</c>, <c>tol=1e-4</c> and scikit-learn's
/// duality-gap test (gap &lt; tol · ‖Y − Ȳ‖²_Fro).
/// </summary>
/// <remarks>
/// Natively multi-task: a feature is kept for all tasks or dropped for all, so <see cref="EmbeddedSelector"/> needs
/// no task aggregation with it. Every task's targets must be present on a row for the row to be used.
/// </remarks>
public sealed class MultiTaskLasso
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

    /// <summary>Fits the model.</summary>
    /// <param name="x">[rows, features] finite values.</param>
    /// <param name="y">[rows, tasks] finite targets (scikit-learn's 2-D <c>y</c>).</param>
    /// <returns>The coefficients (tasks × features), intercepts, iteration count and duality gap.</returns>
    public MultiTaskLinearModel Fit(double[,] x, double[,] y)
    {
        var m = ColumnMatrix.FromArray(x, nameof(x));
        ArgumentNullException.ThrowIfNull(y);
        if (y.GetLength(0) != m.Rows)
        {
            throw new ArgumentException($"The targets have {y.GetLength(0)} rows but the features have {m.Rows}.", nameof(y));
        }

        if (y.GetLength(1) == 0 || m.Rows == 0)
        {
            throw new ArgumentException("At least one row and one task are needed.", nameof(y));
        }

        return FitCore(m, ColumnMatrix.FromArray(y, nameof(y)), owned: true);
    }

    /// <summary>scikit-learn's MultiTaskElasticNet.fit with l1_ratio = 1: centre, block coordinate descent, intercepts from the means.</summary>
    internal MultiTaskLinearModel FitCore(ColumnMatrix x, ColumnMatrix y, bool owned = false)
    {
        int n = x.Rows, p = x.Columns, tasks = y.Columns;
        var xOffset = x.ColumnMeans();
        var yOffset = y.ColumnMeans();
        var xc = owned ? x.CenterInPlace(xOffset) : x.Centered(xOffset);
        var yc = y.Centered(yOffset);
        var w = new double[p * tasks];
        var outcome = CoordinateDescent.MultiTask(xc, yc, Alpha * n, 0.0, MaxIterations, Tolerance, w);
        var coefficients = new double[tasks][];
        var intercepts = new double[tasks];
        for (int t = 0; t < tasks; t++)
        {
            coefficients[t] = new double[p];
            for (int j = 0; j < p; j++)
            {
                coefficients[t][j] = w[(j * tasks) + t];
            }

            intercepts[t] = yOffset[t] - DenseMath.Dot(xOffset, coefficients[t]);
        }

        return new MultiTaskLinearModel(coefficients, intercepts, outcome.Iterations, outcome.Gap / n, outcome.Converged);
    }
}
