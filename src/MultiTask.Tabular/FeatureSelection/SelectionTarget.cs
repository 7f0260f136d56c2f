namespace MultiTask.Tabular.FeatureSelection;

/// <summary>
/// One task's targets for supervised feature selection, in float64 as scikit-learn computes: real values (regression,
/// NaN for missing) or class labels (classification, <see cref="TaskSpec.MissingClass"/> for missing). Rows without a
/// label are left out of that task's scores.
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
    public int Count => Values?.Count ?? Labels!.Count;

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

    /// <summary>The rows that have a label.</summary>
    public int[] LabelledRows() => Enumerable.Range(0, Count)
        .Where(i => Values is not null ? !double.IsNaN(Values[i]) : Labels![i] != TaskSpec.MissingClass).ToArray();
}
