namespace MultiTask.Tabular;

/// <summary>A categorical column of strings; null marks a missing value.</summary>
public sealed class CategoricalColumn : TabularColumn
{
    private readonly string?[] _values;

    /// <summary>Creates the column; the array is copied.</summary>
    /// <param name="name">The column's name.</param>
    /// <param name="values">One category per row; null for missing.</param>
    public CategoricalColumn(string name, IReadOnlyList<string?> values)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = values.ToArray();
    }

    private CategoricalColumn(string name, string?[] values, bool owned)
        : base(name)
    {
        _ = owned;
        _values = values;
    }

    /// <summary>The values without a copy, for the library's inner loops.</summary>
    internal ReadOnlySpan<string?> Span => _values;

    /// <summary>The categories; null where missing.</summary>
    public IReadOnlyList<string?> Values => _values;

    /// <inheritdoc/>
    public override int RowCount => _values.Length;

    /// <inheritdoc/>
    public override int MissingCount
    {
        get
        {
            int missing = 0;
            foreach (var v in _values)
            {
                missing += v is null ? 1 : 0;
            }

            return missing;
        }
    }

    /// <summary>The category at a row.</summary>
    /// <param name="row">The row index.</param>
    public string? this[int row] => _values[row];

    /// <summary>The distinct categories present, in ordinal string order (scikit-learn's sorted order).</summary>
    public IReadOnlyList<string> Categories => _values.Where(v => v is not null).Select(v => v!).Distinct().Order(StringComparer.Ordinal).ToArray();

    /// <inheritdoc/>
    public override TabularColumn Take(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var taken = new string?[rows.Count];
        for (int i = 0; i < taken.Length; i++)
        {
            taken[i] = _values[rows[i]];
        }

        return Own(Name, taken);
    }

    /// <summary>A column that takes ownership of <paramref name="values"/> (no copy); the caller must not change the array afterwards.</summary>
    /// <param name="name">The column's name.</param>
    /// <param name="values">One category per row; null for missing.</param>
    internal static CategoricalColumn Own(string name, string?[] values) => new(name, values, owned: true);

    /// <inheritdoc/>
    public override TabularColumn Rename(string name) => Own(name, _values); // the values never change, so they can be shared
}
