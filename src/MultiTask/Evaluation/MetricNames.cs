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

    /// <summary>Mean absolute percentage error, a fraction (regression; lower is better).</summary>
    public const string MeanAbsolutePercentageError = "MAPE";

    /// <summary>Median absolute error (regression; lower is better).</summary>
    public const string MedianAbsoluteError = "MedianAE";

    /// <summary>Mean recall over the classes present in the true labels (classification; higher is better).</summary>
    public const string BalancedAccuracy = "BalancedAccuracy";

    /// <summary>Precision of class 1 (binary; higher is better).</summary>
    public const string Precision = "Precision";

    /// <summary>Recall of class 1 (binary; higher is better).</summary>
    public const string Recall = "Recall";

    /// <summary>F1 of class 1 (binary; higher is better).</summary>
    public const string F1 = "F1";

    /// <summary>Unweighted mean of per-class precisions (classification; higher is better).</summary>
    public const string MacroPrecision = "MacroPrecision";

    /// <summary>Unweighted mean of per-class recalls (classification; higher is better).</summary>
    public const string MacroRecall = "MacroRecall";

    /// <summary>F1 from the total counts over classes (classification; higher is better).</summary>
    public const string MicroF1 = "MicroF1";

    /// <summary>Mean of per-class precisions weighted by true counts (classification; higher is better).</summary>
    public const string WeightedPrecision = "WeightedPrecision";

    /// <summary>Mean of per-class recalls weighted by true counts (classification; higher is better).</summary>
    public const string WeightedRecall = "WeightedRecall";

    /// <summary>Mean of per-class F1 scores weighted by true counts (classification; higher is better).</summary>
    public const string WeightedF1 = "WeightedF1";

    /// <summary>Matthews correlation coefficient (classification; higher is better).</summary>
    public const string MatthewsCorrelation = "MCC";

    /// <summary>One-vs-rest ROC AUC, unweighted mean over classes (multiclass; higher is better).</summary>
    public const string MacroRocAuc = "MacroRocAuc";

    /// <summary>One-vs-rest ROC AUC weighted by class counts (multiclass; higher is better).</summary>
    public const string WeightedRocAuc = "WeightedRocAuc";

    /// <summary>Average precision, the area under the precision–recall steps (binary; higher is better).</summary>
    public const string AveragePrecision = "AveragePrecision";

    /// <summary>Brier score, the mean squared error of the probability of class 1 (binary; lower is better).</summary>
    public const string BrierScore = "Brier";

    /// <summary>Precision of each class (classification, per class; higher is better).</summary>
    public const string PerClassPrecision = "PerClassPrecision";

    /// <summary>Recall of each class (classification, per class; higher is better).</summary>
    public const string PerClassRecall = "PerClassRecall";

    /// <summary>F1 of each class (classification, per class; higher is better).</summary>
    public const string PerClassF1 = "PerClassF1";

    /// <summary>The metrics reported for regression tasks by default.</summary>
    public static IReadOnlyList<string> Regression { get; } = [MeanSquaredError, RootMeanSquaredError, MeanAbsoluteError, R2];

    /// <summary>The metrics reported for binary tasks by default.</summary>
    public static IReadOnlyList<string> Binary { get; } = [Accuracy, RocAuc, LogLoss];

    /// <summary>The metrics reported for multiclass tasks by default.</summary>
    public static IReadOnlyList<string> Multiclass { get; } = [Accuracy, MacroF1];

    /// <summary>Whether a higher value of the named built-in metric is better.</summary>
    /// <param name="metric">One of the names in this class.</param>
    /// <exception cref="ArgumentException">The name is not a built-in metric.</exception>
    public static bool HigherIsBetter(string metric) => StandardMetrics.Get(metric).HigherIsBetter;
}
