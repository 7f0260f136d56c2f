using System.Globalization;
using System.Text;
using MultiTask.Evaluation;
using MultiTask.Tabular.Splitting;

namespace MultiTask.Tabular.Validation;

/// <summary>
/// A multi-task model against its single-task baselines on the same folds: each model's cross-validation, the paired
/// per-metric differences with their standard errors, and Δm per fold with its mean ± standard deviation.
/// </summary>
public sealed class ModelComparisonResult
{
    internal ModelComparisonResult(CrossValidationResult multiTask, IReadOnlyList<CrossValidationResult> singleTask, IReadOnlyList<MultiTaskGain> gains)
    {
        MultiTask = multiTask;
        SingleTask = singleTask;
        Gains = gains;
        DeltaMPercent = new MetricSummary("all tasks", "Δm %", gains.Select(g => g.DeltaMPercent).ToArray());
        Differences = gains[0].Comparisons
            .Select((c, i) => new MetricDifference(c.Task, c.Metric, c.HigherIsBetter, gains.Select(g => g.Comparisons[i].MultiTask).ToArray(), gains.Select(g => g.Comparisons[i].Baseline).ToArray()))
            .ToArray();
    }

    /// <summary>The folds, in the order they were run.</summary>
    public IReadOnlyList<TableFold> Folds => MultiTask.Folds;

    /// <summary>The multi-task model's cross-validation.</summary>
    public CrossValidationResult MultiTask { get; }

    /// <summary>The single-task baselines' cross-validations, one per task in task order (each report holds that task only).</summary>
    public IReadOnlyList<CrossValidationResult> SingleTask { get; }

    /// <summary>Δm of each fold: the multi-task model's evaluation against the baselines' on that fold's test rows.</summary>
    public IReadOnlyList<MultiTaskGain> Gains { get; }

    /// <summary>Δm in percent over folds: the fold values with their mean, standard deviation and standard error.</summary>
    public MetricSummary DeltaMPercent { get; }

    /// <summary>Every compared (task, metric): both models' fold summaries and the paired difference, in the order of Δm's terms.</summary>
    public IReadOnlyList<MetricDifference> Differences { get; }

    /// <summary>The comparison of one metric of one task.</summary>
    /// <param name="task">A task name.</param>
    /// <param name="metric">A compared metric's name.</param>
    public MetricDifference this[string task, string metric] => Differences.FirstOrDefault(d => d.Task == task && d.Metric == metric)
        ?? throw new KeyNotFoundException($"Metric '{metric}' of task '{task}' was not compared; compared are {string.Join(", ", Differences.Select(d => $"{d.Task}/{d.Metric}"))}.");

    /// <summary>
    /// A plain-text table (invariant culture): per task and metric the multi-task and single-task mean ± SD, the mean
    /// paired difference ± its standard error, whether it exceeds it and which model's mean is better (by the metric's
    /// direction), then Δm per fold and its mean ± SD (SE).
    /// </summary>
    /// <param name="digits">Decimal places of the metric values. Range: 0–10.</param>
    public string FormatTable(int digits = 3)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(digits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digits, 10);
        string format = "F" + digits.ToString(CultureInfo.InvariantCulture);
        string Pair(double mean, double spread) => mean.ToString(format, CultureInfo.InvariantCulture) + " ± " + spread.ToString(format, CultureInfo.InvariantCulture);
        string[] header = ["task", "metric", "multi-task", "single-task", "difference ± SE", "> SE", "better mean"];
        var rows = Differences.Select(d => new[]
        {
            d.Task, d.Metric, Pair(d.MultiTask.Mean, d.MultiTask.StandardDeviation), Pair(d.SingleTask.Mean, d.SingleTask.StandardDeviation),
            (d.Difference.Mean >= 0 ? "+" : string.Empty) + Pair(d.Difference.Mean, d.Difference.StandardError), d.ExceedsStandardError ? "yes" : "no",
            d.MultiTaskIsBetter ? "multi-task" : d.Difference.Mean == 0 ? "equal" : "single-task",
        }).Prepend(header).ToArray();
        int[] widths = Enumerable.Range(0, header.Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.AppendLine(string.Join("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
        }

        var d = DeltaMPercent;
        text.Append(CultureInfo.InvariantCulture, $"Δm per fold: {string.Join(", ", d.Values.Select(v => v.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture)))} %; ");
        text.Append(CultureInfo.InvariantCulture, $"mean {d.Mean:+0.00;-0.00;0.00} ± {d.StandardDeviation:0.00} % (SE {d.StandardError:0.00} %)");
        return text.ToString();
    }
}
