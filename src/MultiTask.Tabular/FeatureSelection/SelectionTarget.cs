using System.Globalization;
using MultiTask.Data;

namespace MultiTask.Tabular.FeatureSelection;

/// <summary>
/// One task's targets as the wrapper estimators (<see cref="IImportanceEstimator"/>) receive them, in float64 as
/// scikit-learn computes: real values (regression, NaN for missing) or class labels (classification,
/// <see cref="TaskSpec.MissingClass"/> for missing). Selectors take the dataset's <see cref="TaskSpec"/>s and
/// <see cref="TaskTargets"/> and convert them with <see cref="From(TaskSpec, TaskTargets)"/>.
/// </summary>
public sealed class SelectionTarget
{
    private SelectionTarget(string name, TaskKind kind, double[]? values, int[]? labels)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Kind = kind;
        Values = values;
        Labels = labels;
    }

    /// <summary>The task's name.</summary>
    public string Name { get; }

    /// <summary>Regression, or a classification kind.</summary>
    public TaskKind Kind { get; }

    /// <summary>Real-valued targets (regression); null for classification.</summary>
    public IReadOnlyList<double>? Values { get; }

    /// <summary>Class labels (classification); null for regression.</summary>
    public IReadOnlyList<int>? Labels { get; }

    /// <summary>The number of rows.</summary>
    public int RowCount => Values?.Count ?? Labels!.Count;

    /// <summary>A regression target.</summary>
    /// <param name="name">The task's name.</param>
    /// <param name="values">One value per row; NaN where missing.</param>
    public static SelectionTarget Regression(string name, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new SelectionTarget(name, TaskKind.Regression, values.ToArray(), null);
    }

    /// <summary>A classification target.</summary>
    /// <param name="name">The task's name.</param>
    /// <param name="labels">One class label (≥ 0) per row; <see cref="TaskSpec.MissingClass"/> where missing.</param>
    public static SelectionTarget Classification(string name, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var copy = labels.ToArray();
        int bad = Array.FindIndex(copy, l => l < 0 && l != TaskSpec.MissingClass);
        if (bad >= 0)
        {
            throw new ArgumentException($"Task '{name}' has label {copy[bad]} at row {bad}; labels are ≥ 0, or {TaskSpec.MissingClass} for missing.", nameof(labels));
        }

        return new SelectionTarget(name, copy.Where(l => l >= 0).Distinct().Count() <= 2 ? TaskKind.Binary : TaskKind.Multiclass, null, copy);
    }

    /// <summary>
    /// Converts a task's targets as <see cref="MultiTaskDataset.FromArrays(float[,], IReadOnlyList{TaskSpec}, IReadOnlyList{TaskTargets})"/>
    /// takes them: regression values (NaN = missing) or class labels given as integers or as whole float values.
    /// </summary>
    /// <param name="task">The task.</param>
    /// <param name="targets">Its targets, one per row.</param>
    /// <returns>The task's selection target.</returns>
    /// <exception cref="ArgumentException">The targets do not fit the task (labels for a regression task, a fractional or out-of-range class, an infinite value); the message names the task and row.</exception>
    public static SelectionTarget From(TaskSpec task, TaskTargets targets)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(targets);
        if (task.Kind == TaskKind.Regression)
        {
            var values = targets.Values
                ?? throw new ArgumentException($"Targets for regression task '{task.Name}' must be real values (float[] or double[]), not class labels.", nameof(targets));
            int infinite = Array.FindIndex(values, float.IsInfinity);
            return infinite < 0
                ? new SelectionTarget(task.Name, TaskKind.Regression, Array.ConvertAll(values, v => (double)v), null)
                : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Targets for task '{task.Name}' contain {values[infinite]} at row {infinite}; use NaN to mark a missing label."), nameof(targets));
        }

        var labels = targets.Labels ?? Array.ConvertAll(targets.Values!, v => float.IsNaN(v) ? TaskSpec.MissingClass : v == MathF.Round(v) && Math.Abs(v) < int.MaxValue ? (int)v : int.MinValue);
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] != TaskSpec.MissingClass && (labels[i] < 0 || labels[i] >= task.ClassCount))
            {
                string label = targets.Labels is null ? targets.Values![i].ToString(CultureInfo.InvariantCulture) : labels[i].ToString(CultureInfo.InvariantCulture);
                throw new ArgumentException($"Class label {label} at row {i} of task '{task.Name}' is not a class: expected 0 to {task.ClassCount - 1}, or {TaskSpec.MissingClass} (NaN) for a missing label.", nameof(targets));
            }
        }

        return new SelectionTarget(task.Name, task.Kind, null, labels.ToArray());
    }

    /// <summary>Converts every task's targets; the lists pair up by position, as in <c>MultiTaskDataset.FromArrays</c>.</summary>
    internal static SelectionTarget[] From(IReadOnlyList<TaskSpec> tasks, IReadOnlyList<TaskTargets> targets)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(targets);
        if (tasks.Count != targets.Count)
        {
            throw new ArgumentException($"Got {tasks.Count} task(s) but {targets.Count} target array(s); pass one TaskTargets per TaskSpec, in the same order.", nameof(targets));
        }

        return tasks.Select((task, t) => From(
            task ?? throw new ArgumentException($"Task {t} is null.", nameof(tasks)),
            targets[t] ?? throw new ArgumentException($"The targets of task '{task.Name}' are null.", nameof(targets)))).ToArray();
    }

    /// <summary>The rows that have a label.</summary>
    public int[] LabelledRows() => Enumerable.Range(0, RowCount)
        .Where(i => Values is not null ? !double.IsNaN(Values[i]) : Labels![i] != TaskSpec.MissingClass).ToArray();
}
