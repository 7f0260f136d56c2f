namespace MultiTask.Evaluation;

/// <summary>Per-task losses and metrics of a model on a dataset.</summary>
public sealed class EvaluationReport
{
    private readonly Dictionary<string, TaskEvaluation> _byName;

    internal EvaluationReport(IReadOnlyList<TaskEvaluation> tasks, int rowCount)
    {
        Tasks = tasks;
        RowCount = rowCount;
        _byName = tasks.ToDictionary(t => t.Task.Name, StringComparer.Ordinal);
    }

    /// <summary>The evaluations in task order.</summary>
    public IReadOnlyList<TaskEvaluation> Tasks { get; }

    /// <summary>The number of rows evaluated.</summary>
    public int RowCount { get; }

    /// <summary>The evaluation of the named task.</summary>
    /// <param name="task">A task name of the model.</param>
    public TaskEvaluation this[string task] => _byName.TryGetValue(task, out var e)
        ? e
        : throw new KeyNotFoundException($"Unknown task '{task}'; the report has tasks {string.Join(", ", _byName.Keys.Select(k => $"'{k}'"))}.");
}
