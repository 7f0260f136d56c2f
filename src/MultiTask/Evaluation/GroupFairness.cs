using System.Globalization;

namespace MultiTask.Evaluation;

/// <summary>
/// Per-group metrics of one task for a sensitive attribute, with fairlearn's demographic-parity difference
/// (max − min over groups of the selection rate P(ŷ = positive)) and equalised-odds difference (the larger of the
/// max − min over groups of the true-positive rate and of the false-positive rate); Hardt, Price and Srebro, "Equality of
/// Opportunity in Supervised Learning", NeurIPS 2016. As fairlearn, a group without positives (negatives) has
/// true-positive (false-positive) rate 0.
/// </summary>
public sealed class GroupFairness
{
    private GroupFairness(string task, string[] groups, int[] rowCounts, IReadOnlyDictionary<string, double>[] metrics, double[] selection, double[] tpr, double[] fpr)
    {
        Task = task;
        Groups = groups;
        RowCounts = rowCounts;
        MetricsByGroup = metrics;
        SelectionRates = selection;
        TruePositiveRates = tpr;
        FalsePositiveRates = fpr;
        bool classification = selection.Length > 0;
        DemographicParityDifference = classification ? selection.Max() - selection.Min() : double.NaN;
        EqualizedOddsDifference = classification ? Math.Max(tpr.Max() - tpr.Min(), fpr.Max() - fpr.Min()) : double.NaN;
    }

    /// <summary>The task's name.</summary>
    public string Task { get; }

    /// <summary>The groups present among the labelled rows, in ordinal order.</summary>
    public IReadOnlyList<string> Groups { get; }

    /// <summary>The number of labelled rows of each group.</summary>
    public IReadOnlyList<int> RowCounts { get; }

    /// <summary>The task's per-task metrics on each group's rows (a metric undefined on a group is NaN).</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, double>> MetricsByGroup { get; }

    /// <summary>Each group's fraction of rows predicted positive (classification; empty for regression).</summary>
    public IReadOnlyList<double> SelectionRates { get; }

    /// <summary>Each group's true-positive rate (classification; empty for regression).</summary>
    public IReadOnlyList<double> TruePositiveRates { get; }

    /// <summary>Each group's false-positive rate (classification; empty for regression).</summary>
    public IReadOnlyList<double> FalsePositiveRates { get; }

    /// <summary>fairlearn's <c>demographic_parity_difference</c>; NaN for regression.</summary>
    public double DemographicParityDifference { get; }

    /// <summary>fairlearn's <c>equalized_odds_difference</c>; NaN for regression.</summary>
    public double EqualizedOddsDifference { get; }

    /// <summary>Fairness of one task of an evaluation.</summary>
    /// <param name="report">The evaluation of a model on a dataset.</param>
    /// <param name="task">The task's name.</param>
    /// <param name="groups">The sensitive attribute's group of every dataset row (length <see cref="EvaluationReport.RowCount"/>).</param>
    /// <param name="positiveClass">The favourable class of a classification task. Default: 1.</param>
    public static GroupFairness Compute(EvaluationReport report, string task, IReadOnlyList<string> groups, int positiveClass = 1)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(groups);
        var evaluation = report[task];
        if (groups.Count != report.RowCount)
        {
            throw new ArgumentException($"Task '{task}': the sensitive attribute has {groups.Count.ToString(CultureInfo.InvariantCulture)} group labels; the evaluated dataset has {report.RowCount.ToString(CultureInfo.InvariantCulture)} rows.", nameof(groups));
        }

        var data = evaluation.Data ?? throw new ArgumentException($"Task '{task}' has no labelled rows.", nameof(task));
        var rowGroups = new string[data.RowCount];
        for (int i = 0; i < rowGroups.Length; i++)
        {
            rowGroups[i] = groups[data.Rows[i]] ?? throw new ArgumentException($"Row {data.Rows[i].ToString(CultureInfo.InvariantCulture)} has no group (null).", nameof(groups));
        }

        var names = rowGroups.Distinct().Order(StringComparer.Ordinal).ToArray();
        var counts = new int[names.Length];
        var metrics = new IReadOnlyDictionary<string, double>[names.Length];
        for (int g = 0; g < names.Length; g++)
        {
            var positions = Enumerable.Range(0, rowGroups.Length).Where(i => rowGroups[i] == names[g]).ToArray();
            counts[g] = positions.Length;
            metrics[g] = TaskMetrics.Compute(evaluation.Task.EvaluationMetrics.Where(m => m.Scope == MetricScope.PerTask).ToArray(), data.Subset(positions)).Metrics;
        }

        if (evaluation.Task.Kind == TaskKind.Regression)
        {
            return new GroupFairness(task, names, counts, metrics, [], [], []);
        }

        var (selection, tpr, fpr) = Rates(data.ActualLabels, data.PredictedLabels, rowGroups, names, positiveClass);
        return new GroupFairness(task, names, counts, metrics, selection, tpr, fpr);
    }

    /// <summary>
    /// Fairness from labels: selection rates, true- and false-positive rates per group and the two differences (no
    /// other metrics).
    /// </summary>
    /// <param name="task">A name for the report.</param>
    /// <param name="actual">True labels.</param>
    /// <param name="predicted">Predicted labels, same length.</param>
    /// <param name="groups">The group of each row, same length.</param>
    /// <param name="positiveClass">The favourable class. Default: 1.</param>
    public static GroupFairness Compute(string task, ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, IReadOnlyList<string> groups, int positiveClass = 1)
    {
        ArgumentNullException.ThrowIfNull(groups);
        Metrics.CheckPair(actual, predicted);
        if (groups.Count != actual.Length)
        {
            throw new ArgumentException($"Task '{task}': {groups.Count.ToString(CultureInfo.InvariantCulture)} group labels for {actual.Length.ToString(CultureInfo.InvariantCulture)} rows.", nameof(groups));
        }

        var rowGroups = groups.Select((g, i) => g ?? throw new ArgumentException($"Row {i.ToString(CultureInfo.InvariantCulture)} has no group (null).", nameof(groups))).ToArray();
        var names = rowGroups.Distinct().Order(StringComparer.Ordinal).ToArray();
        var counts = names.Select(n => rowGroups.Count(g => g == n)).ToArray();
        var (selection, tpr, fpr) = Rates(actual, predicted, rowGroups, names, positiveClass);
        var empty = names.Select(_ => (IReadOnlyDictionary<string, double>)new Dictionary<string, double>()).ToArray();
        return new GroupFairness(task, names, counts, empty, selection, tpr, fpr);
    }

    private static (double[] Selection, double[] Tpr, double[] Fpr) Rates(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, string[] rowGroups, string[] names, int positiveClass)
    {
        var index = names.Select((n, g) => (n, g)).ToDictionary(p => p.n, p => p.g, StringComparer.Ordinal);
        int k = names.Length;
        var rows = new double[k];
        var selected = new double[k];
        var positives = new double[k];
        var negatives = new double[k];
        var truePositives = new double[k];
        var falsePositives = new double[k];
        for (int i = 0; i < actual.Length; i++)
        {
            int g = index[rowGroups[i]];
            bool y = actual[i] == positiveClass, yHat = predicted[i] == positiveClass;
            rows[g]++;
            selected[g] += yHat ? 1 : 0;
            positives[g] += y ? 1 : 0;
            negatives[g] += y ? 0 : 1;
            truePositives[g] += y && yHat ? 1 : 0;
            falsePositives[g] += !y && yHat ? 1 : 0;
        }

        var selection = new double[k];
        var tpr = new double[k];
        var fpr = new double[k];
        for (int g = 0; g < k; g++)
        {
            selection[g] = selected[g] / rows[g];
            tpr[g] = positives[g] == 0 ? 0 : truePositives[g] / positives[g];
            fpr[g] = negatives[g] == 0 ? 0 : falsePositives[g] / negatives[g];
        }

        return (selection, tpr, fpr);
    }
}
