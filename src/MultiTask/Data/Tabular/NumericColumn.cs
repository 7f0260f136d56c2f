namespace MultiTask.Data.Tabular;

/// <summary>A numeric column (float64, as scikit-learn computes); <see cref="double.NaN"/> marks a missing value.</summary>
public sealed class NumericColumn : TabularColumn
{
    private readonly double[] _values;

    /// <summary>Creates the column; the array is copied.</summary>
    /// <param name="name">The column's name.</param>
    /// <param name="values">One value per row; NaN for missing; no infinities.</param>
    /// <exception cref="ArgumentException">A value is infinite.</exception>
    public NumericColumn(string name, IReadOnlyList<double> values)
        : this(name, (values ?? throw new ArgumentNullException(nameof(values))).ToArray(), owned: true)
    {
    }

    private NumericColumn(string name, double[] values, bool owned)
        : base(name)
    {
        _ = owned;
        _values = values;
        for (int i = 0; i < values.Length; i++)
        {
            if (double.IsInfinity(values[i]))
            {
                throw new ArgumentException($"Column '{name}' has {values[i]} at row {i}; use NaN for a missing value.", nameof(values));
            }
        }
    }

    /// <summary>The values without a copy, for the library's inner loops.</summary>
    internal ReadOnlySpan<double> Span => _values;

    /// <summary>The values; NaN where missing.</summary>
    public IReadOnlyList<double> Values => _values;

    /// <inheritdoc/>
    public override int Count => _values.Length;

    /// <inheritdoc/>
    public override int MissingCount
    {
        get
        {
            int missing = 0;
            foreach (double v in _values)
            {
                if (double.IsNaN(v))
                {
                    missing++;
                }
            }

            return missing;
        }
    }

    /// <summary>The value at a row.</summary>
    /// <param name="row">The row index.</param>
    public double this[int row] => _values[row];

    /// <inheritdoc/>
    public override TabularColumn Take(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var taken = new double[rows.Count];
        for (int i = 0; i < taken.Length; i++)
        {
            taken[i] = _values[rows[i]];
        }

        return Own(Name, taken);
    }

    /// <inheritdoc/>
    public override TabularColumn Rename(string name) => Own(name, _values); // the values never change, so they can be shared

    /// <summary>A column that takes ownership of <paramref name="values"/> (no copy); the caller must not change the array afterwards.</summary>
    /// <param name="name">The column's name.</param>
    /// <param name="values">One value per row; NaN for missing; no infinities.</param>
    internal static NumericColumn Own(string name, double[] values) => new(name, values, owned: true);

    /// <summary>A copy of the values.</summary>
    public double[] ToArray() => (double[])_values.Clone();
}
