namespace MultiTask.Training;

/// <summary>
/// The validation value that early stopping, best-weight selection and <see cref="Schedules.ReduceOnPlateau"/> watch
/// (<see cref="TrainerOptions.Monitor"/>): the validation objective (default), one task's validation loss, one task's
/// metric, or a metric's mean over tasks.
/// </summary>
/// <example><code>
/// new TrainerOptions { Monitor = new ValidationMonitor { Metric = MetricNames.MacroF1, Task = "species" } }
/// </code></example>
public sealed class ValidationMonitor
{
    private const string Owner = nameof(ValidationMonitor);

    /// <summary>
    /// The metric's name as evaluation reports it (see <see cref="Evaluation.MetricNames"/>); its direction (higher or
    /// lower is better) comes from the metric. Null for the loss. Default: null.
    /// </summary>
    /// <exception cref="ArgumentException">The name is not a known metric.</exception>
    public string? Metric { get; init => field = value is null ? null : MetricLookup.Known(value, Owner); }

    /// <summary>
    /// The task whose value is watched (checked against the model by the trainer). Null: with a metric, the metric's mean
    /// over the tasks that report it and have validation labels; without one, the validation objective
    /// (<see cref="EpochRecord.ValidationLoss"/>). Default: null.
    /// </summary>
    public string? Task { get; init => field = value is null ? null : OptionRanges.Require(value, value.Length > 0, "a task name or null", Owner); }

    /// <summary>Whether a higher value is better (false for losses).</summary>
    public bool HigherIsBetter => Metric is { } metric && MetricLookup.HigherIsBetter(metric);

    /// <summary>What is watched, e.g. "validation objective", "validation loss of 'y'", "mean Accuracy over tasks", "MacroF1 of 'y'".</summary>
    public override string ToString() => (Metric, Task) switch
    {
        (null, null) => "validation objective",
        (null, { } task) => $"validation loss of '{task}'",
        ({ } metric, null) => $"mean {metric} over tasks",
        ({ } metric, { } task) => $"{metric} of '{task}'",
    };
}
