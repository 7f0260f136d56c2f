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
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = values.ToArray();
        int bad = Array.FindIndex(_values, double.IsInfinity);
        if (bad >= 0)
        {
            throw new ArgumentException($"Column '{name}' has {_values[bad]} at row {bad}; use NaN for a missing value.", nameof(values));
        }
    }

    /// <summary>The values; NaN where missing.</summary>
    public IReadOnlyList<double> Values => _values;

    /// <inheritdoc/>
    public override int Count => _values.Length;

    /// <inheritdoc/>
    public override int MissingCount => _values.Count(double.IsNaN);

    /// <summary>The value at a row.</summary>
    /// <param name="row">The row index.</param>
    public double this[int row] => _values[row];

    /// <inheritdoc/>
    public override TabularColumn Take(IReadOnlyList<int> rows) => new NumericColumn(Name, rows.Select(r => _values[r]).ToArray());

    /// <inheritdoc/>
    public override TabularColumn Rename(string name) => new NumericColumn(name, _values);

    /// <summary>A copy of the values.</summary>
    public double[] ToArray() => (double[])_values.Clone();
}
