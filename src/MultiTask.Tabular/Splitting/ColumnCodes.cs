namespace MultiTask.Tabular.Splitting;

/// <summary>Integer codes for the values of a column, for stratification and grouping.</summary>
internal static class ColumnCodes
{
    /// <summary>
    /// Codes numbered by first appearance (scikit-learn's class order inside StratifiedKFold); a missing value is a
    /// class of its own.
    /// </summary>
    internal static (int[] Codes, int Count) ByFirstAppearance(TabularColumn column) => ByFirstAppearance(Keys(column));

    /// <summary>Codes numbered by first appearance of each distinct value.</summary>
    internal static (int[] Codes, int Count) ByFirstAppearance<T>(IReadOnlyList<T> values)
        where T : notnull
    {
        var code = new Dictionary<T, int>();
        var codes = new int[values.Count];
        for (int i = 0; i < codes.Length; i++)
        {
            if (!code.TryGetValue(values[i], out int c))
            {
                c = code.Count;
                code[values[i]] = c;
            }

            codes[i] = c;
        }

        return (codes, code.Count);
    }

    /// <summary>Codes numbered in sorted value order (<c>np.unique</c>: numbers ascending, strings ordinal).</summary>
    /// <exception cref="ArgumentException">A value is missing; the message names the column and row.</exception>
    internal static (int[] Codes, int Count) Sorted(TabularColumn column, string purpose)
    {
        var keys = Keys(column);
        int missing = Array.FindIndex(keys, k => k.IsMissing);
        if (missing >= 0)
        {
            throw new ArgumentException($"Column '{column.Name}' is missing a value at row {missing}; every row needs a {purpose}.", nameof(column));
        }

        var distinct = keys.Distinct().ToArray();
        Array.Sort(distinct);
        var rank = new Dictionary<Key, int>(distinct.Length);
        for (int i = 0; i < distinct.Length; i++)
        {
            rank[distinct[i]] = i;
        }

        return (Array.ConvertAll(keys, k => rank[k]), distinct.Length);
    }

    private static Key[] Keys(TabularColumn column) => column switch
    {
        NumericColumn numeric => numeric.Values.Select(v => new Key(v, null)).ToArray(),
        CategoricalColumn categorical => categorical.Values.Select(v => new Key(double.NaN, v)).ToArray(),
        _ => throw new ArgumentException($"Column '{column.Name}' has an unknown type.", nameof(column)),
    };

    /// <summary>A cell value: a number (NaN = missing) or a category (null = missing); NaN equals NaN (record equality uses <see cref="double.Equals(double)"/>).</summary>
    private readonly record struct Key(double Number, string? Text) : IComparable<Key>
    {
        internal bool IsMissing => Text is null && double.IsNaN(Number);

        public int CompareTo(Key other) => Text is null ? Number.CompareTo(other.Number) : string.CompareOrdinal(Text, other.Text);
    }
}
