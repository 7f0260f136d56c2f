using System.Globalization;

namespace MultiTask.Tabular.Validation;

/// <summary>
/// One metric of one task under the multi-task model and under its single-task baseline across the same folds, with
/// the paired difference: per fold multi-task − single-task, its mean, standard deviation and standard error.
/// </summary>
public sealed class MetricDifference
{
    /// <summary>Pairs the fold values of the two models.</summary>
    /// <param name="task">The task's name.</param>
    /// <param name="metric">The metric's name.</param>
    /// <param name="higherIsBetter">Whether a higher value of the metric is better.</param>
    /// <param name="multiTask">The multi-task model's value on each fold.</param>
    /// <param name="singleTask">The single-task baseline's value on the same folds, in the same order.</param>
    /// <exception cref="ArgumentException">The two lists differ in length or are empty.</exception>
    public MetricDifference(string task, string metric, bool higherIsBetter, IReadOnlyList<double> multiTask, IReadOnlyList<double> singleTask)
    {
        ArgumentNullException.ThrowIfNull(multiTask);
        ArgumentNullException.ThrowIfNull(singleTask);
        if (multiTask.Count != singleTask.Count)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Task '{task}', metric '{metric}': {multiTask.Count} multi-task fold values but {singleTask.Count} single-task ones; the folds must be paired."), nameof(singleTask));
        }

        HigherIsBetter = higherIsBetter;
        MultiTask = new MetricSummary(task, metric, multiTask);
        SingleTask = new MetricSummary(task, metric, singleTask);
        Difference = new MetricSummary(task, metric, multiTask.Zip(singleTask, (m, s) => m - s).ToArray());
    }

    /// <summary>The task's name.</summary>
    public string Task => MultiTask.Task;

    /// <summary>The metric's name.</summary>
    public string Metric => MultiTask.Metric;

    /// <summary>Whether a higher value of the metric is better.</summary>
    public bool HigherIsBetter { get; }

    /// <summary>The multi-task model's fold values and their mean, standard deviation and standard error.</summary>
    public MetricSummary MultiTask { get; }

    /// <summary>The single-task baseline's fold values and their mean, standard deviation and standard error.</summary>
    public MetricSummary SingleTask { get; }

    /// <summary>
    /// The paired differences multi-task − single-task per fold; its <see cref="MetricSummary.StandardError"/> is the
    /// standard error of the mean difference (sample SD of the differences / √folds).
    /// </summary>
    public MetricSummary Difference { get; }

    /// <summary>
    /// Whether |mean difference| exceeds its standard error (false with one fold, where the standard error is undefined).
    /// A rough screen, not a significance test: folds share training rows, so the standard error is optimistic.
    /// </summary>
    public bool ExceedsStandardError => Math.Abs(Difference.Mean) > Difference.StandardError;

    /// <summary>Whether the multi-task model's mean is better than the baseline's (by the metric's direction).</summary>
    public bool MultiTaskIsBetter => HigherIsBetter ? Difference.Mean > 0 : Difference.Mean < 0;
}
