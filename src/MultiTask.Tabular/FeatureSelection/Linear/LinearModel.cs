namespace MultiTask.Tabular.FeatureSelection.Linear;

/// <summary>
/// A fitted linear regression model y ≈ X·w + b, from <see cref="LinearRegression"/>, <see cref="Lasso"/> or
/// <see cref="ElasticNet"/>: scikit-learn's <c>coef_</c>, <c>intercept_</c>, <c>n_iter_</c> and <c>dual_gap_</c>.
/// </summary>
public sealed class LinearModel : IImportanceModel, IColumnModel
{
    private readonly double[] _coefficients;

    internal LinearModel(double[] coefficients, double intercept, int iterations, double dualGap, bool converged)
    {
        _coefficients = coefficients;
        Intercept = intercept;
        Iterations = iterations;
        DualGap = dualGap;
        Converged = converged;
        Importances = coefficients.Select(c => c * c).ToArray();
    }

    /// <summary>One coefficient per feature (scikit-learn's <c>coef_</c>).</summary>
    public IReadOnlyList<double> Coefficients => _coefficients;

    /// <summary>The intercept: mean(y) − mean(X)·w (scikit-learn's <c>intercept_</c> with <c>fit_intercept=True</c>).</summary>
    public double Intercept { get; }

    /// <summary>Coordinate-descent sweeps run (scikit-learn's <c>n_iter_</c>); 0 for least squares.</summary>
    public int Iterations { get; }

    /// <summary>The final duality gap divided by the row count (scikit-learn's <c>dual_gap_</c>); 0 for least squares.</summary>
    public double DualGap { get; }

    /// <summary>Whether coordinate descent met its tolerance before the iteration limit (always true for least squares).</summary>
    public bool Converged { get; }

    /// <summary>The squared coefficients, which scikit-learn's RFE ranks (<c>transform_func="square"</c>).</summary>
    public IReadOnlyList<double> Importances { get; }

    /// <summary>Predicts X·w + b.</summary>
    /// <param name="x">[rows, features] finite values, the features in the order of fitting.</param>
    public double[] Predict(double[,] x)
    {
        var m = ColumnMatrix.FromArray(x, nameof(x));
        CheckWidth(m.Columns, nameof(x));
        return m.Multiply(_coefficients, Intercept);
    }

    /// <summary>The coefficient of determination R² of the predictions (scikit-learn's <c>score</c> / <c>r2_score</c>).</summary>
    /// <param name="x">[rows, features] finite values.</param>
    /// <param name="y">The true values, one per row.</param>
    /// <returns>1 − Σ(y − ŷ)² / Σ(y − ȳ)²; for a constant y, 1 when the predictions are exact, else 0 (scikit-learn's <c>force_finite</c>).</returns>
    public double Score(double[,] x, IReadOnlyList<double> y)
    {
        var m = ColumnMatrix.FromArray(x, nameof(x));
        CheckWidth(m.Columns, nameof(x));
        return R2(TargetArrays.Values(y, m.Rows, nameof(y)), m.Multiply(_coefficients, Intercept));
    }

    /// <inheritdoc/>
    double IImportanceModel.Score(double[,] x, SelectionTarget target)
    {
        var m = ColumnMatrix.FromArray(x, nameof(x));
        return ((IColumnModel)this).ScoreColumns(m, target);
    }

    /// <inheritdoc/>
    double IColumnModel.ScoreColumns(ColumnMatrix x, SelectionTarget target)
    {
        CheckWidth(x.Columns, nameof(x));
        return R2(TargetArrays.Values(target, x.Rows, nameof(target)), x.Multiply(_coefficients, Intercept));
    }

    /// <summary>scikit-learn's r2_score for one output with <c>force_finite=True</c>.</summary>
    internal static double R2(double[] truth, double[] predicted) => Evaluation.Metrics.R2(truth, predicted);

    private void CheckWidth(int columns, string paramName)
    {
        if (columns != _coefficients.Length)
        {
            throw new ArgumentException($"The model was fitted on {_coefficients.Length} features; got {columns}.", paramName);
        }
    }
}
