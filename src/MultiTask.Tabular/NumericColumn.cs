using System.Numerics;

namespace MultiTask.Tabular;

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
        int bad = FirstInfinity(values);
        if (bad >= 0)
        {
            throw new ArgumentException($"Column '{name}' has {values[bad]} at row {bad}; use NaN for a missing value.", nameof(values));
        }
    }

    /// <summary>The values without a copy, for the library's inner loops.</summary>
    internal ReadOnlySpan<double> Span => _values;

    /// <summary>The values; NaN where missing.</summary>
    public IReadOnlyList<double> Values => _values;

    /// <inheritdoc/>
    public override int RowCount => _values.Length;

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

    /// <summary>The index of the first infinite value, or −1 (vectorised: this check runs on every new column).</summary>
    private static int FirstInfinity(double[] values)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<double>.Count)
        {
            var infinity = new Vector<double>(double.PositiveInfinity);
            for (; i <= values.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                if (Vector.EqualsAny(Vector.Abs(new Vector<double>(values, i)), infinity))
                {
                    break;
                }
            }
        }

        for (; i < values.Length; i++)
        {
            if (double.IsInfinity(values[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A copy of the values.</summary>
    public double[] ToArray() => (double[])_values.Clone();
}
