using MultiTask.Data;

namespace MultiTask.Tabular;

/// <summary>
/// Declares which columns of a table are tasks: <see cref="Split"/> separates them from the features, and
/// <see cref="Labels(CategoricalColumn, IReadOnlyList{string})"/> / <see cref="Values"/> turn a task column into the
/// targets of <see cref="MultiTaskDataset.FromArrays(float[,], IReadOnlyList{TaskSpec}, IReadOnlyList{TaskTargets})"/>.
/// </summary>
public static class TaskColumns
{
    /// <summary>Separates the task columns from the feature columns.</summary>
    /// <param name="table">The whole table.</param>
    /// <param name="taskColumns">The names of the task columns; at least one.</param>
    /// <returns>The feature columns (table order) and the task columns (in the order given).</returns>
    /// <exception cref="KeyNotFoundException">A task column is not in the table.</exception>
    public static (TabularData Features, TabularData Tasks) Split(TabularData table, params IReadOnlyList<string> taskColumns)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(taskColumns);
        if (taskColumns.Count == 0)
        {
            throw new ArgumentException("Name at least one task column.", nameof(taskColumns));
        }

        return (table.Without(taskColumns), table.Select(taskColumns));
    }

    /// <summary>Class labels from a categorical column: the index of each value in <paramref name="classes"/>.</summary>
    /// <param name="column">The task column.</param>
    /// <param name="classes">The classes, in label order (e.g. <c>["&lt;=50K", "&gt;50K"]</c> gives 0 and 1).</param>
    /// <returns>One label per row; <see cref="TaskSpec.MissingClass"/> where the value is missing.</returns>
    /// <exception cref="ArgumentException">A value is not one of the classes; the message names the column, row and value.</exception>
    public static int[] Labels(CategoricalColumn column, IReadOnlyList<string> classes)
    {
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(classes);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < classes.Count; c++)
        {
            if (!index.TryAdd(classes[c], c))
            {
                throw new ArgumentException($"Class '{classes[c]}' is listed twice.", nameof(classes));
            }
        }

        return Labels(column, value => index.TryGetValue(value, out int label) ? label : -1, $"not one of {string.Join(", ", classes.Select(c => $"'{c}'"))}");
    }

    /// <summary>Class labels from a categorical column through a mapping (e.g. one that ignores a trailing period).</summary>
    /// <param name="column">The task column.</param>
    /// <param name="classOf">The label (≥ 0) of a value, or a negative number for a value that is not a class.</param>
    /// <returns>One label per row; <see cref="TaskSpec.MissingClass"/> where the value is missing.</returns>
    /// <exception cref="ArgumentException">A value has no class; the message names the column, row and value.</exception>
    public static int[] Labels(CategoricalColumn column, Func<string, int> classOf)
    {
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(classOf);
        return Labels(column, classOf, "not a class");
    }

    /// <summary>Regression targets from a numeric column (a copy; NaN marks a missing target).</summary>
    /// <param name="column">The task column.</param>
    public static double[] Values(NumericColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return column.ToArray();
    }

    private static int[] Labels(CategoricalColumn column, Func<string, int> classOf, string problem)
    {
        var values = column.Span;
        var labels = new int[values.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            if (values[i] is not { } value)
            {
                labels[i] = TaskSpec.MissingClass;
                continue;
            }

            labels[i] = classOf(value);
            if (labels[i] < 0)
            {
                throw new ArgumentException($"Task column '{column.Name}', row {i}: '{value}' is {problem}.", nameof(column));
            }
        }

        return labels;
    }
}
