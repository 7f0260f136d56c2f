namespace MultiTask.Interpretability;

/// <summary>Permutation feature importances of every task of a model (see <see cref="PermutationImportance"/>).</summary>
public sealed class PermutationImportanceReport
{
    internal PermutationImportanceReport(IReadOnlyList<TaskPermutationImportance> tasks) => Tasks = tasks;

    /// <summary>The importances per task, in the model's task order.</summary>
    public IReadOnlyList<TaskPermutationImportance> Tasks { get; }

    /// <summary>The importances of the named task.</summary>
    /// <param name="task">A task name of the model.</param>
    public TaskPermutationImportance this[string task] => TaskLookup.Find(Tasks, t => t.Task, task);
}
