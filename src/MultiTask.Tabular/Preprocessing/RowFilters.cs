using MultiTask.Tabular;

namespace MultiTask.Tabular.Preprocessing;

/// <summary>
/// Dropping rows before training: rows with a missing feature, and rows without a label. These are not fitted steps
/// (prediction keeps every row); apply them to the training table, or use the row indices to filter other arrays.
/// </summary>
public static class RowFilters
{
    /// <summary>The rows where every feature column (every column not named in <paramref name="taskColumns"/>) is present.</summary>
    /// <param name="table">The table of features and tasks.</param>
    /// <param name="taskColumns">The task columns, which may be missing; empty when the table holds features only.</param>
    /// <returns>Row indices, ascending.</returns>
    public static int[] CompleteFeatureRows(TabularData table, IReadOnlyCollection<string> taskColumns)
    {
        ArgumentNullException.ThrowIfNull(table);
        var features = table.Without(taskColumns ?? throw new ArgumentNullException(nameof(taskColumns)));
        return Rows(features, requireAll: true);
    }

    /// <summary>The rows that have a label for at least one task (or, with <paramref name="requireAllTasks"/>, for every task).</summary>
    /// <param name="table">The table of features and tasks.</param>
    /// <param name="taskColumns">The task columns; at least one.</param>
    /// <param name="requireAllTasks">Whether a row needs every task's label rather than any. Default: false (multi-task training uses partial labels).</param>
    /// <returns>Row indices, ascending.</returns>
    public static int[] LabelledRows(TabularData table, IReadOnlyCollection<string> taskColumns, bool requireAllTasks = false)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(taskColumns);
        if (taskColumns.Count == 0)
        {
            throw new ArgumentException("Name at least one task column.", nameof(taskColumns));
        }

        return Rows(table.Select(taskColumns), requireAllTasks);
    }

    /// <summary>The table without the rows that miss a feature (see <see cref="CompleteFeatureRows"/>).</summary>
    /// <param name="table">The table of features and tasks.</param>
    /// <param name="taskColumns">The task columns, whose missing values do not drop a row.</param>
    public static TabularData DropRowsWithMissingFeatures(TabularData table, IReadOnlyCollection<string> taskColumns)
        => table.TakeRows(CompleteFeatureRows(table, taskColumns));

    /// <summary>The table without the rows that have no label for any task (see <see cref="LabelledRows"/>).</summary>
    /// <param name="table">The table of features and tasks.</param>
    /// <param name="taskColumns">The task columns; at least one.</param>
    /// <param name="requireAllTasks">Whether a row needs every task's label rather than any. Default: false.</param>
    public static TabularData DropUnlabelledRows(TabularData table, IReadOnlyCollection<string> taskColumns, bool requireAllTasks = false)
        => table.TakeRows(LabelledRows(table, taskColumns, requireAllTasks));

    /// <summary>Rows where all (or any) of the columns are present.</summary>
    private static int[] Rows(TabularData columns, bool requireAll)
    {
        int n = columns.RowCount;
        var present = new int[n];
        foreach (var column in columns.Columns)
        {
            if (column is NumericColumn numeric)
            {
                var values = numeric.Span;
                for (int i = 0; i < n; i++)
                {
                    present[i] += double.IsNaN(values[i]) ? 0 : 1;
                }
            }
            else
            {
                var values = ((CategoricalColumn)column).Span;
                for (int i = 0; i < n; i++)
                {
                    present[i] += values[i] is null ? 0 : 1;
                }
            }
        }

        int needed = requireAll ? columns.Columns.Count : 1;
        var rows = new List<int>(n);
        for (int i = 0; i < n; i++)
        {
            if (present[i] >= needed)
            {
                rows.Add(i);
            }
        }

        return rows.ToArray();
    }
}
