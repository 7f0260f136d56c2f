using MultiTask.Evaluation;

namespace MultiTask;

/// <summary>
/// Describes one task of a multi-task model: its name, what it predicts, its loss and the metrics reported for it.
/// </summary>
/// <remarks>Instances are immutable. Create them with <see cref="Regression"/>, <see cref="Binary"/> or <see cref="Multiclass"/>.</remarks>
public sealed class TaskSpec
{
    /// <summary>The label that marks a missing class in the targets of a binary or multiclass task: −1.</summary>
    public const int MissingClass = -1;

    internal TaskSpec(string name, TaskKind kind, int classCount, LossFunction loss)
    {
        Name = name;
        Kind = kind;
        ClassCount = classCount;
        Loss = loss;
    }

    /// <summary>The task's name, unique within a model. Used as the key of its head, targets, metrics and predictions.</summary>
    public string Name { get; }

    /// <summary>What the task predicts.</summary>
    public TaskKind Kind { get; }

    /// <summary>The number of classes: 2 for binary tasks, the given count for multiclass tasks, 0 for regression.</summary>
    public int ClassCount { get; }

    /// <summary>The per-sample loss used in training and reported by evaluation.</summary>
    public LossFunction Loss { get; }

    /// <summary>The width of the head's output: 1 for regression and binary (a logit), <see cref="ClassCount"/> for multiclass (logits).</summary>
    public int OutputSize => Kind == TaskKind.Multiclass ? ClassCount : 1;

    /// <summary>The metrics that evaluation reports for this task, named as in <see cref="MetricNames"/>.</summary>
    public IReadOnlyList<string> Metrics => Kind switch
    {
        TaskKind.Regression => MetricNames.Regression,
        TaskKind.Binary => MetricNames.Binary,
        _ => MetricNames.Multiclass,
    };

    /// <summary>A regression task (one real value per row).</summary>
    /// <param name="name">The task's name; not empty.</param>
    /// <param name="loss">Default: <see cref="LossFunction.MeanSquaredError"/>. Allowed: the regression losses.</param>
    public static TaskSpec Regression(string name, LossFunction loss = LossFunction.MeanSquaredError)
    {
        CheckName(name);
        if (loss is not (LossFunction.MeanSquaredError or LossFunction.MeanAbsoluteError or LossFunction.Huber))
        {
            throw new ArgumentException($"Task '{name}': loss {loss} does not apply to a regression task; use MeanSquaredError, MeanAbsoluteError or Huber.", nameof(loss));
        }

        return new TaskSpec(name, TaskKind.Regression, 0, loss);
    }

    /// <summary>A binary classification task (labels 0 and 1). Its loss is binary cross-entropy on the logit.</summary>
    /// <param name="name">The task's name; not empty.</param>
    public static TaskSpec Binary(string name)
    {
        CheckName(name);
        return new TaskSpec(name, TaskKind.Binary, 2, LossFunction.BinaryCrossEntropy);
    }

    /// <summary>A multiclass classification task (labels 0 … <paramref name="classCount"/> − 1). Its loss is cross-entropy.</summary>
    /// <param name="name">The task's name; not empty.</param>
    /// <param name="classCount">The number of classes. Range: ≥ 2.</param>
    public static TaskSpec Multiclass(string name, int classCount)
    {
        CheckName(name);
        if (classCount < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, $"Task '{name}': a multiclass task needs at least 2 classes.");
        }

        return new TaskSpec(name, TaskKind.Multiclass, classCount, LossFunction.CrossEntropy);
    }

    /// <inheritdoc/>
    public override string ToString() => Kind == TaskKind.Multiclass ? $"{Name} (Multiclass, {ClassCount} classes)" : $"{Name} ({Kind})";

    internal static void CheckTasks(IReadOnlyList<TaskSpec> tasks, string paramName)
    {
        ArgumentNullException.ThrowIfNull(tasks, paramName);
        if (tasks.Count == 0)
        {
            throw new ArgumentException("At least one task is required.", paramName);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var task in tasks)
        {
            if (task is null)
            {
                throw new ArgumentException("The task list contains null.", paramName);
            }

            if (!seen.Add(task.Name))
            {
                throw new ArgumentException($"Task '{task.Name}' appears more than once; task names must be unique.", paramName);
            }
        }
    }

    private static void CheckName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Contains('.', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Task name '{name}' contains '.', which is reserved for parameter paths.", nameof(name));
        }
    }
}
