using System.Globalization;

namespace MultiTask.Evaluation;

/// <summary>One metric of one task under the multi-task model and under its single-task baseline (a term of Δm).</summary>
public sealed class MetricComparison
{
    /// <summary>Creates the comparison.</summary>
    /// <param name="task">The task's name.</param>
    /// <param name="metric">The metric's name.</param>
    /// <param name="multiTask">The multi-task model's value; finite.</param>
    /// <param name="baseline">The single-task baseline's value; finite and not 0.</param>
    /// <param name="higherIsBetter">Whether a higher value of the metric is better.</param>
    public MetricComparison(string task, string metric, double multiTask, double baseline, bool higherIsBetter)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(task);
        ArgumentException.ThrowIfNullOrWhiteSpace(metric);
        if (!double.IsFinite(multiTask))
        {
            throw new ArgumentOutOfRangeException(nameof(multiTask), multiTask, $"Task '{task}', metric '{metric}': the multi-task value must be finite.");
        }

        if (!double.IsFinite(baseline) || baseline == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(baseline), baseline, $"Task '{task}', metric '{metric}': the baseline value must be finite and not 0 (Δm divides by it).");
        }

        Task = task;
        Metric = metric;
        MultiTask = multiTask;
        Baseline = baseline;
        HigherIsBetter = higherIsBetter;
    }

    /// <summary>The task's name.</summary>
    public string Task { get; }

    /// <summary>The metric's name.</summary>
    public string Metric { get; }

    /// <summary>The multi-task model's value.</summary>
    public double MultiTask { get; }

    /// <summary>The single-task baseline's value.</summary>
    public double Baseline { get; }

    /// <summary>Whether a higher value of the metric is better.</summary>
    public bool HigherIsBetter { get; }

    /// <summary>
    /// The signed relative change in percent, (−1)^l · (M_mtl − M_stl) / M_stl · 100 with l = 1 when lower is better:
    /// positive when the multi-task model is better.
    /// </summary>
    public double RelativeChangePercent => (HigherIsBetter ? 1 : -1) * (MultiTask - Baseline) / Baseline * 100;

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Task} {Metric}: {MultiTask:G6} vs {Baseline:G6} ({RelativeChangePercent:+0.00;-0.00;0.00} %)");
}
