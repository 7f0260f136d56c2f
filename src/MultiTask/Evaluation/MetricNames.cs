namespace MultiTask.Evaluation;

/// <summary>The names under which evaluation reports metrics, and whether higher values are better.</summary>
public static class MetricNames
{
    /// <summary>Mean squared error (regression; lower is better).</summary>
    public const string MeanSquaredError = "MSE";

    /// <summary>Root mean squared error (regression; lower is better).</summary>
    public const string RootMeanSquaredError = "RMSE";

    /// <summary>Mean absolute error (regression; lower is better).</summary>
    public const string MeanAbsoluteError = "MAE";

    /// <summary>Coefficient of determination R² (regression; higher is better).</summary>
    public const string R2 = "R2";

    /// <summary>Fraction of correct labels (classification; higher is better).</summary>
    public const string Accuracy = "Accuracy";

    /// <summary>Area under the ROC curve (binary; higher is better).</summary>
    public const string RocAuc = "RocAuc";

    /// <summary>Log-loss, the mean negative log-likelihood of the labels (binary; lower is better).</summary>
    public const string LogLoss = "LogLoss";

    /// <summary>Unweighted mean of per-class F1 scores (multiclass; higher is better).</summary>
    public const string MacroF1 = "MacroF1";

    /// <summary>The metrics reported for regression tasks.</summary>
    public static IReadOnlyList<string> Regression { get; } = [MeanSquaredError, RootMeanSquaredError, MeanAbsoluteError, R2];

    /// <summary>The metrics reported for binary tasks.</summary>
    public static IReadOnlyList<string> Binary { get; } = [Accuracy, RocAuc, LogLoss];

    /// <summary>The metrics reported for multiclass tasks.</summary>
    public static IReadOnlyList<string> Multiclass { get; } = [Accuracy, MacroF1];

    /// <summary>Whether a higher value of the named metric is better.</summary>
    /// <param name="metric">One of the names in this class.</param>
    /// <exception cref="ArgumentException">The name is not a known metric.</exception>
    public static bool HigherIsBetter(string metric) => metric switch
    {
        MeanSquaredError or RootMeanSquaredError or MeanAbsoluteError or LogLoss => false,
        R2 or Accuracy or RocAuc or MacroF1 => true,
        _ => throw new ArgumentException($"Unknown metric '{metric}'.", nameof(metric)),
    };
}
