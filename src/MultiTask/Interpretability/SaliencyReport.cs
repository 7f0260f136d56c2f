namespace MultiTask.Interpretability;

/// <summary>Gradient × input saliency of every task of a model (see <see cref="GradientSaliency"/>).</summary>
public sealed class SaliencyReport
{
    internal SaliencyReport(IReadOnlyList<TaskSaliency> tasks) => Tasks = tasks;

    /// <summary>The saliency per task, in the model's task order.</summary>
    public IReadOnlyList<TaskSaliency> Tasks { get; }

    /// <summary>The saliency of the named task.</summary>
    /// <param name="task">A task name of the model.</param>
    public TaskSaliency this[string task] => TaskLookup.Find(Tasks, t => t.Task, task);
}
