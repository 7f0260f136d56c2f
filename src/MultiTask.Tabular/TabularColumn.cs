namespace MultiTask.Tabular;

/// <summary>One named column of a <see cref="TabularData"/>: numeric (<see cref="NumericColumn"/>) or categorical (<see cref="CategoricalColumn"/>).</summary>
public abstract class TabularColumn
{
    private protected TabularColumn(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The column's name, unique within its table.</summary>
    public string Name { get; }

    /// <summary>The number of rows.</summary>
    public abstract int RowCount { get; }

    /// <summary>The number of missing values.</summary>
    public abstract int MissingCount { get; }

    /// <summary>A column with the given rows, in the given order.</summary>
    /// <param name="rows">Row indices.</param>
    public abstract TabularColumn Take(IReadOnlyList<int> rows);

    /// <summary>The same values under another name.</summary>
    /// <param name="name">The new name.</param>
    public abstract TabularColumn Rename(string name);
}
