namespace MultiTask.Tabular.FeatureSelection.Linear;

/// <summary>
/// A fitted multi-task linear model Y ≈ X·Wᵀ + b from <see cref="MultiTaskLasso"/>: scikit-learn's <c>coef_</c>
/// (tasks × features), <c>intercept_</c>, <c>n_iter_</c> and <c>dual_gap_</c>.
/// </summary>
public sealed class MultiTaskLinearModel
{
    private readonly double[][] _coefficients;
    private readonly double[] _intercepts;

    internal MultiTaskLinearModel(double[][] coefficients, double[] intercepts, int iterations, double dualGap, bool converged)
    {
        _coefficients = coefficients;
        _intercepts = intercepts;
        Iterations = iterations;
        DualGap = dualGap;
        Converged = converged;
        int features = coefficients[0].Length;
        var importances = new double[features];
        for (int j = 0; j < features; j++)
        {
            foreach (var row in coefficients)
            {
                importances[j] += Math.Abs(row[j]);
            }
        }

        Importances = importances;
    }

    /// <summary>The coefficients, one row per task and one column per feature (scikit-learn's <c>coef_</c>, shape (tasks, features)).</summary>
    public IReadOnlyList<IReadOnlyList<double>> Coefficients => _coefficients;

    /// <summary>One intercept per task: mean(Y) − mean(X)·Wᵀ.</summary>
    public IReadOnlyList<double> Intercepts => _intercepts;

    /// <summary>Coordinate-descent sweeps run (scikit-learn's <c>n_iter_</c>).</summary>
    public int Iterations { get; }

    /// <summary>The final duality gap divided by the row count (scikit-learn's <c>dual_gap_</c>).</summary>
    public double DualGap { get; }

    /// <summary>Whether coordinate descent met its tolerance before the iteration limit.</summary>
    public bool Converged { get; }

    /// <summary>
    /// Per feature, Σ over tasks of |coefficient|: the L1 norm of each feature's column, which scikit-learn's
    /// SelectFromModel thresholds (<c>transform_func="norm"</c>, <c>norm_order=1</c>). A feature is either used by
    /// every task or by none (the L2,1 penalty's shared support).
    /// </summary>
    public IReadOnlyList<double> Importances { get; }

    /// <summary>Predicts every task.</summary>
    /// <param name="x">[rows, features] finite values.</param>
    /// <returns>One array of predictions per task.</returns>
    public double[][] Predict(double[,] x)
    {
        var m = ColumnMatrix.FromArray(x, nameof(x));
        if (m.Columns != _coefficients[0].Length)
        {
            throw new ArgumentException($"The model was fitted on {_coefficients[0].Length} features; got {m.Columns}.", nameof(x));
        }

        return _coefficients.Select((w, t) => m.Multiply(w, _intercepts[t])).ToArray();
    }
}
