using System.Globalization;

namespace MultiTask.Tabular.Validation;

/// <summary>One metric of one task across cross-validation folds: the values and their mean ± standard deviation.</summary>
public sealed class MetricSummary
{
    /// <summary>Summarises fold values.</summary>
    /// <param name="task">The task's name.</param>
    /// <param name="metric">The metric's name.</param>
    /// <param name="values">One value per fold (NaN where the metric was undefined on a fold); at least one.</param>
    public MetricSummary(string task, string metric, IReadOnlyList<double> values)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(task);
        ArgumentException.ThrowIfNullOrWhiteSpace(metric);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException($"Task '{task}', metric '{metric}': a summary needs at least one fold value.", nameof(values));
        }

        Task = task;
        Metric = metric;
        Values = values.ToArray();
        Mean = values.Average();
        StandardDeviation = values.Count == 1 ? double.NaN : Math.Sqrt(values.Sum(v => (v - Mean) * (v - Mean)) / (values.Count - 1));
    }

    /// <summary>The task's name.</summary>
    public string Task { get; }

    /// <summary>The metric's name.</summary>
    public string Metric { get; }

    /// <summary>The value on each fold, in fold order.</summary>
    public IReadOnlyList<double> Values { get; }

    /// <summary>The mean over folds (NaN when a fold is NaN).</summary>
    public double Mean { get; }

    /// <summary>The sample standard deviation over folds (divisor n − 1; NaN for one fold).</summary>
    public double StandardDeviation { get; }

    /// <summary>The standard error of the mean, <see cref="StandardDeviation"/> / √n. Folds share training rows, so it understates the uncertainty.</summary>
    public double StandardError => StandardDeviation / Math.Sqrt(Values.Count);

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Task} {Metric}: {Mean:G4} ± {StandardDeviation:G2}");
}
