namespace MultiTask.Tabular;

/// <summary>Row concatenation and duplicate removal behind <see cref="TabularData.Concat"/> and <see cref="TabularData.DropDuplicates"/>.</summary>
internal static class TableRows
{
    internal static TabularData Concat(IReadOnlyList<TabularData> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        if (tables.Count == 0)
        {
            throw new ArgumentException("Concatenate at least one table.", nameof(tables));
        }

        var first = tables[0] ?? throw new ArgumentException("Table 0 is null.", nameof(tables));
        for (int t = 1; t < tables.Count; t++)
        {
            RequireSameSchema(first, tables[t] ?? throw new ArgumentException($"Table {t} is null.", nameof(tables)), t);
        }

        return new TabularData(first.Columns.Select((column, j) => column switch
        {
            NumericColumn => (TabularColumn)NumericColumn.Own(column.Name, tables.SelectMany(t => ((NumericColumn)t.Columns[j]).Values).ToArray()),
            _ => CategoricalColumn.Own(column.Name, tables.SelectMany(t => ((CategoricalColumn)t.Columns[j]).Values).ToArray()),
        }));
    }

    internal static TabularData DropDuplicates(TabularData table, IReadOnlyList<string>? columns)
    {
        var keyColumns = columns is null ? table.Columns : columns.Select(name => table[name]).ToArray();
        var codes = keyColumns.Select(c => Splitting.ColumnCodes.ByFirstAppearance(c).Codes).ToArray();
        var seen = new HashSet<int[]>(RowComparer.Instance);
        var kept = new List<int>(table.RowCount);
        for (int i = 0; i < table.RowCount; i++)
        {
            if (seen.Add(codes.Select(c => c[i]).ToArray()))
            {
                kept.Add(i);
            }
        }

        return kept.Count == table.RowCount ? table : table.TakeRows(kept);
    }

    private static void RequireSameSchema(TabularData first, TabularData other, int index)
    {
        for (int j = 0; j < Math.Max(first.Columns.Count, other.Columns.Count); j++)
        {
            string expected = j < first.Columns.Count ? Describe(first.Columns[j]) : "no column";
            string actual = j < other.Columns.Count ? Describe(other.Columns[j]) : "no column";
            if (expected != actual)
            {
                throw new ArgumentException($"Table {index} differs from table 0 at column {j}: table 0 has {expected}, table {index} has {actual}. Concatenated tables need the same columns, in the same order, of the same types.", "tables");
            }
        }
    }

    private static string Describe(TabularColumn column) => $"'{column.Name}' ({(column is NumericColumn ? "numeric" : "categorical")})";

    /// <summary>Rows as arrays of per-column value codes, compared element by element.</summary>
    private sealed class RowComparer : IEqualityComparer<int[]>
    {
        internal static readonly RowComparer Instance = new();

        public bool Equals(int[]? x, int[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(int[] row)
        {
            var hash = new HashCode();
            foreach (int code in row)
            {
                hash.Add(code);
            }

            return hash.ToHashCode();
        }
    }
}
