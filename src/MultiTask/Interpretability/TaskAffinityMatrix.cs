namespace MultiTask.Interpretability;

/// <summary>
/// Inter-task affinities Z_{i→j} (see <see cref="TaskAffinity"/>): how much a step on task i's loss lowers task j's
/// loss, relative to it. Positive: the step helps j; negative: it hurts j.
/// </summary>
public sealed class TaskAffinityMatrix
{
    private readonly double[,] _values;
    private readonly int[,] _batches;

    internal TaskAffinityMatrix(IReadOnlyList<TaskSpec> tasks, double[,] values, int[,] batches)
    {
        Tasks = tasks;
        _values = values;
        _batches = batches;
    }

    /// <summary>The tasks, in the order of the rows (source i) and columns (target j).</summary>
    public IReadOnlyList<TaskSpec> Tasks { get; }

    /// <summary>Z_{i→j}, averaged over the batches where both tasks have a label and task j's loss is not 0; NaN when there is none.</summary>
    /// <param name="source">The index i of the task whose loss takes the lookahead step.</param>
    /// <param name="target">The index j of the task whose loss is compared.</param>
    public double this[int source, int target] => _values[source, target];

    /// <summary>Z_{i→j} by task names.</summary>
    /// <param name="source">The task whose loss takes the lookahead step.</param>
    /// <param name="target">The task whose loss is compared.</param>
    public double this[string source, string target] => _values[IndexOf(source, nameof(source)), IndexOf(target, nameof(target))];

    /// <summary>The number of batches averaged into Z_{i→j}.</summary>
    /// <param name="source">The source task index i.</param>
    /// <param name="target">The target task index j.</param>
    public int BatchCount(int source, int target) => _batches[source, target];

    /// <summary>A copy of the matrix, [tasks, tasks], source tasks as rows.</summary>
    public double[,] ToArray() => (double[,])_values.Clone();

    private int IndexOf(string task, string parameter)
    {
        ArgumentNullException.ThrowIfNull(task, parameter);
        for (int t = 0; t < Tasks.Count; t++)
        {
            if (Tasks[t].Name == task)
            {
                return t;
            }
        }

        throw new ArgumentException($"Unknown task '{task}'; the matrix has tasks {string.Join(", ", Tasks.Select(t => $"'{t.Name}'"))}.", parameter);
    }
}
