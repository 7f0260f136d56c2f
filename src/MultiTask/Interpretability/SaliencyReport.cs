namespace MultiTask.Interpretability;

/// <summary>Gradient × input saliency of every task of a model (see <see cref="GradientSaliency"/>).</summary>
public sealed class SaliencyReport
{
    internal SaliencyReport(IReadOnlyList<TaskSaliency> tasks) => Tasks = tasks;

    /// <summary>The saliency per task, in the model's task order.</summary>
    public IReadOnlyList<TaskSaliency> Tasks { get; }

    /// <summary>The saliency of the named task.</summary>
    /// <param name="task">A task name of the model.</param>
    public TaskSaliency this[string task] => Tasks.FirstOrDefault(t => t.Task.Name == task)
        ?? throw new KeyNotFoundException($"Unknown task '{task}'; the report has tasks {string.Join(", ", Tasks.Select(t => $"'{t.Task.Name}'"))}.");
}
