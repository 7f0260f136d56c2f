namespace MultiTask.Evaluation;

/// <summary>
/// The built-in metrics, with scikit-learn 1.2's definitions (see <see cref="Metrics"/>), named as in
/// <see cref="MetricNames"/>. Where scikit-learn raises (ROC AUC when a class is absent from the true labels) they give NaN.
/// </summary>
public static class StandardMetrics
{
    private static readonly TaskKind[] RegressionOnly = [TaskKind.Regression];
    private static readonly TaskKind[] BinaryOnly = [TaskKind.Binary];
    private static readonly TaskKind[] MulticlassOnly = [TaskKind.Multiclass];
    private static readonly TaskKind[] Classification = [TaskKind.Binary, TaskKind.Multiclass];

    /// <summary>Mean squared error (regression; lower is better).</summary>
    public static IMetric MeanSquaredError { get; } = Values(MetricNames.MeanSquaredError, false, d => Metrics.MeanSquaredError(d.ActualValues, d.PredictedValues));

    /// <summary>Root mean squared error (regression; lower is better).</summary>
    public static IMetric RootMeanSquaredError { get; } = Values(MetricNames.RootMeanSquaredError, false, d => Metrics.RootMeanSquaredError(d.ActualValues, d.PredictedValues));

    /// <summary>Mean absolute error (regression; lower is better).</summary>
    public static IMetric MeanAbsoluteError { get; } = Values(MetricNames.MeanAbsoluteError, false, d => Metrics.MeanAbsoluteError(d.ActualValues, d.PredictedValues));

    /// <summary>Coefficient of determination R² (regression; higher is better).</summary>
    public static IMetric R2 { get; } = Values(MetricNames.R2, true, d => Metrics.R2(d.ActualValues, d.PredictedValues));

    /// <summary>Mean absolute percentage error, a fraction (regression; lower is better).</summary>
    public static IMetric MeanAbsolutePercentageError { get; } = Values(MetricNames.MeanAbsolutePercentageError, false, d => Metrics.MeanAbsolutePercentageError(d.ActualValues, d.PredictedValues));

    /// <summary>Median absolute error (regression; lower is better).</summary>
    public static IMetric MedianAbsoluteError { get; } = Values(MetricNames.MedianAbsoluteError, false, d => Metrics.MedianAbsoluteError(d.ActualValues, d.PredictedValues));

    /// <summary>Accuracy (classification; higher is better).</summary>
    public static IMetric Accuracy { get; } = Labels(MetricNames.Accuracy, Classification, d => Metrics.Accuracy(d.ActualLabels, d.PredictedLabels));

    /// <summary>Balanced accuracy (classification; higher is better).</summary>
    public static IMetric BalancedAccuracy { get; } = Labels(MetricNames.BalancedAccuracy, Classification, d => Metrics.BalancedAccuracy(d.ActualLabels, d.PredictedLabels));

    /// <summary>Precision of class 1 (binary; higher is better; 0 when nothing is predicted positive).</summary>
    public static IMetric Precision { get; } = Labels(MetricNames.Precision, BinaryOnly, d => Metrics.Precision(d.ActualLabels, d.PredictedLabels));

    /// <summary>Recall of class 1 (binary; higher is better; 0 when no label is positive).</summary>
    public static IMetric Recall { get; } = Labels(MetricNames.Recall, BinaryOnly, d => Metrics.Recall(d.ActualLabels, d.PredictedLabels));

    /// <summary>F1 of class 1 (binary; higher is better).</summary>
    public static IMetric F1 { get; } = Labels(MetricNames.F1, BinaryOnly, d => Metrics.F1(d.ActualLabels, d.PredictedLabels));

    /// <summary>Macro-averaged precision (classification; higher is better).</summary>
    public static IMetric MacroPrecision { get; } = Labels(MetricNames.MacroPrecision, Classification, d => Metrics.Precision(d.ActualLabels, d.PredictedLabels, MetricAverage.Macro));

    /// <summary>Macro-averaged recall (classification; higher is better).</summary>
    public static IMetric MacroRecall { get; } = Labels(MetricNames.MacroRecall, Classification, d => Metrics.Recall(d.ActualLabels, d.PredictedLabels, MetricAverage.Macro));

    /// <summary>Macro-averaged F1 (classification; higher is better).</summary>
    public static IMetric MacroF1 { get; } = Labels(MetricNames.MacroF1, Classification, d => Metrics.F1(d.ActualLabels, d.PredictedLabels, MetricAverage.Macro));

    /// <summary>Micro-averaged F1, equal to accuracy for single-label problems (classification; higher is better).</summary>
    public static IMetric MicroF1 { get; } = Labels(MetricNames.MicroF1, Classification, d => Metrics.F1(d.ActualLabels, d.PredictedLabels, MetricAverage.Micro));

    /// <summary>Weighted-average precision (classification; higher is better).</summary>
    public static IMetric WeightedPrecision { get; } = Labels(MetricNames.WeightedPrecision, Classification, d => Metrics.Precision(d.ActualLabels, d.PredictedLabels, MetricAverage.Weighted));

    /// <summary>Weighted-average recall (classification; higher is better).</summary>
    public static IMetric WeightedRecall { get; } = Labels(MetricNames.WeightedRecall, Classification, d => Metrics.Recall(d.ActualLabels, d.PredictedLabels, MetricAverage.Weighted));

    /// <summary>Weighted-average F1 (classification; higher is better).</summary>
    public static IMetric WeightedF1 { get; } = Labels(MetricNames.WeightedF1, Classification, d => Metrics.F1(d.ActualLabels, d.PredictedLabels, MetricAverage.Weighted));

    /// <summary>Matthews correlation coefficient (classification; higher is better).</summary>
    public static IMetric MatthewsCorrelation { get; } = Labels(MetricNames.MatthewsCorrelation, Classification, d => Metrics.MatthewsCorrelation(d.ActualLabels, d.PredictedLabels));

    /// <summary>ROC AUC of class 1 (binary; higher is better; NaN when one class is present).</summary>
    public static IMetric RocAuc { get; } = Scores(MetricNames.RocAuc, true, BinaryOnly, d => BothClasses(d) ? Metrics.RocAuc(d.ActualLabels, d.Scores) : double.NaN);

    /// <summary>One-vs-rest ROC AUC, macro average (multiclass; higher is better; NaN when a class is absent).</summary>
    public static IMetric MacroRocAuc { get; } = Scores(MetricNames.MacroRocAuc, true, MulticlassOnly, d => AllClasses(d) ? Metrics.RocAucOneVsRest(d.ActualLabels, d.Probabilities) : double.NaN);

    /// <summary>One-vs-rest ROC AUC weighted by class counts (multiclass; higher is better; NaN when a class is absent).</summary>
    public static IMetric WeightedRocAuc { get; } = Scores(MetricNames.WeightedRocAuc, true, MulticlassOnly, d => AllClasses(d) ? Metrics.RocAucOneVsRest(d.ActualLabels, d.Probabilities, MetricAverage.Weighted) : double.NaN);

    /// <summary>Average precision of class 1 (binary; higher is better).</summary>
    public static IMetric AveragePrecision { get; } = Scores(MetricNames.AveragePrecision, true, BinaryOnly, d => Metrics.AveragePrecision(d.ActualLabels, d.Scores));

    /// <summary>Log-loss (classification; lower is better).</summary>
    public static IMetric LogLoss { get; } = Scores(MetricNames.LogLoss, false, Classification, d => d.Task.Kind == TaskKind.Binary ? Metrics.LogLoss(d.ActualLabels, d.Scores) : Metrics.LogLoss(d.ActualLabels, d.Probabilities));

    /// <summary>Brier score (binary; lower is better).</summary>
    public static IMetric BrierScore { get; } = Scores(MetricNames.BrierScore, false, BinaryOnly, d => Metrics.BrierScore(d.ActualLabels, d.Scores));

    /// <summary>Precision of each class 0 … K − 1 (classification, per class; zero division gives 0).</summary>
    public static IMetric PerClassPrecision { get; } = PerClass(MetricNames.PerClassPrecision, d => Metrics.PerClassPrecisionRecallF1(d.ActualLabels, d.PredictedLabels, d.Task.ClassCount).Precision);

    /// <summary>Recall of each class 0 … K − 1 (classification, per class; zero division gives 0).</summary>
    public static IMetric PerClassRecall { get; } = PerClass(MetricNames.PerClassRecall, d => Metrics.PerClassPrecisionRecallF1(d.ActualLabels, d.PredictedLabels, d.Task.ClassCount).Recall);

    /// <summary>F1 of each class 0 … K − 1 (classification, per class).</summary>
    public static IMetric PerClassF1 { get; } = PerClass(MetricNames.PerClassF1, d => Metrics.PerClassPrecisionRecallF1(d.ActualLabels, d.PredictedLabels, d.Task.ClassCount).F1);

    /// <summary>Every built-in metric.</summary>
    public static IReadOnlyList<IMetric> All { get; } =
    [
        MeanSquaredError, RootMeanSquaredError, MeanAbsoluteError, R2, MeanAbsolutePercentageError, MedianAbsoluteError,
        Accuracy, BalancedAccuracy, Precision, Recall, F1, MacroPrecision, MacroRecall, MacroF1, MicroF1,
        WeightedPrecision, WeightedRecall, WeightedF1, MatthewsCorrelation, RocAuc, MacroRocAuc, WeightedRocAuc,
        AveragePrecision, LogLoss, BrierScore, PerClassPrecision, PerClassRecall, PerClassF1,
    ];

    /// <summary>The metrics a task of this kind reports unless its spec lists others (<see cref="TaskSpec.WithMetrics"/>).</summary>
    /// <param name="kind">A task kind.</param>
    public static IReadOnlyList<IMetric> DefaultsFor(TaskKind kind) => kind switch
    {
        TaskKind.Regression => [MeanSquaredError, RootMeanSquaredError, MeanAbsoluteError, R2],
        TaskKind.Binary => [Accuracy, RocAuc, LogLoss],
        _ => [Accuracy, MacroF1],
    };

    /// <summary>The built-in metric of this name.</summary>
    /// <param name="name">A name from <see cref="MetricNames"/>.</param>
    /// <exception cref="ArgumentException">No built-in metric has this name.</exception>
    public static IMetric Get(string name) => All.FirstOrDefault(m => m.Name == name)
        ?? throw new ArgumentException($"Unknown metric '{name}'; the built-in metrics are {string.Join(", ", All.Select(m => m.Name))}.", nameof(name));

    private static StandardMetric Values(string name, bool higherIsBetter, Func<MetricData, double> f)
        => new(name, higherIsBetter, MetricInput.Values, RegressionOnly, d => [f(d)]);

    private static StandardMetric Labels(string name, TaskKind[] kinds, Func<MetricData, double> f)
        => new(name, true, MetricInput.Labels, kinds, d => [f(d)]);

    private static StandardMetric Scores(string name, bool higherIsBetter, TaskKind[] kinds, Func<MetricData, double> f)
        => new(name, higherIsBetter, MetricInput.Probabilities, kinds, d => [f(d)]);

    private static StandardMetric PerClass(string name, Func<MetricData, double[]> f)
        => new(name, true, MetricInput.Labels, Classification, f, MetricScope.PerClass);

    private static bool BothClasses(MetricData d) => d.ActualLabels.Contains(0) && d.ActualLabels.Contains(1);

    private static bool AllClasses(MetricData d)
    {
        var labels = d.ActualLabels;
        for (int c = 0; c < d.Task.ClassCount; c++)
        {
            if (!labels.Contains(c))
            {
                return false;
            }
        }

        return true;
    }
}
