using System.Runtime.InteropServices;

namespace MultiTask.Tabular.FeatureSelection.Linear;

/// <summary>
/// A dense float64 matrix stored column by column (Fortran order, as scikit-learn's coordinate descent wants it), so
/// a column is one contiguous span. <see cref="TakeColumns"/> returns a view that shares the columns without copying;
/// nothing writes to a matrix after it is built, except <see cref="CenterInPlace"/> on a private copy.
/// </summary>
internal sealed class ColumnMatrix
{
    private const int RowBlock = 2048;

    private readonly int[]? _starts;

    internal ColumnMatrix(int rows, int columns, double[] data)
    {
        Rows = rows;
        Columns = columns;
        Data = data;
    }

    private ColumnMatrix(int rows, double[] data, int[] starts)
    {
        Rows = rows;
        Columns = starts.Length;
        Data = data;
        _starts = starts;
    }

    internal ColumnMatrix(int rows, int columns)
        : this(rows, columns, new double[(long)rows * columns])
    {
    }

    internal int Rows { get; }

    internal int Columns { get; }

    /// <summary>The backing array. For a matrix that is not a column view, column j occupies [j·Rows, (j + 1)·Rows).</summary>
    internal double[] Data { get; }

    /// <summary>Whether <see cref="Data"/> holds exactly this matrix in column-major order (false for a column view).</summary>
    internal bool IsContiguous => _starts is null && Data.Length == Rows * Columns;

    internal Span<double> Column(int j) => Data.AsSpan(_starts is null ? j * Rows : _starts[j], Rows);

    internal double this[int row, int column] => Column(column)[row];

    /// <summary>Copies a row-major matrix (a cache-blocked transpose), rejecting NaN and infinities with the row and column in the message.</summary>
    internal static ColumnMatrix FromArray(double[,] x, string paramName)
    {
        ArgumentNullException.ThrowIfNull(x, paramName);
        int rows = x.GetLength(0), columns = x.GetLength(1);
        var m = new ColumnMatrix(rows, columns);
        if (rows == 0 || columns == 0)
        {
            return m;
        }

        const int Block = 64;
        var source = MemoryMarshal.CreateReadOnlySpan(ref x[0, 0], rows * columns);
        var target = m.Data;
        bool finite = true;
        for (int i0 = 0; i0 < rows; i0 += Block)
        {
            int i1 = Math.Min(rows, i0 + Block);
            for (int j0 = 0; j0 < columns; j0 += Block)
            {
                int j1 = Math.Min(columns, j0 + Block);
                for (int j = j0; j < j1; j++)
                {
                    int offset = j * rows;
                    for (int i = i0; i < i1; i++)
                    {
                        double v = source[(i * columns) + j];
                        finite &= double.IsFinite(v);
                        target[offset + i] = v;
                    }
                }
            }
        }

        if (!finite)
        {
            int bad = FirstNonFinite(source);
            double v = source[bad];
            throw new ArgumentException($"The features hold {v} at row {bad / columns}, column {bad % columns}; every value must be finite (impute missing values first).", paramName);
        }

        return m;
    }

    private static int FirstNonFinite(ReadOnlySpan<double> values)
    {
        for (int k = 0; k < values.Length; k++)
        {
            if (!double.IsFinite(values[k]))
            {
                return k;
            }
        }

        return -1;
    }

    /// <summary>The matrix as a row-major array.</summary>
    internal double[,] ToArray()
    {
        var x = new double[Rows, Columns];
        for (int j = 0; j < Columns; j++)
        {
            var column = Column(j);
            for (int i = 0; i < Rows; i++)
            {
                x[i, j] = column[i];
            }
        }

        return x;
    }

    /// <summary>The given columns, in the given order, as a view sharing this matrix's storage.</summary>
    internal ColumnMatrix TakeColumns(IReadOnlyList<int> columns)
    {
        var starts = new int[columns.Count];
        for (int k = 0; k < starts.Length; k++)
        {
            starts[k] = _starts is null ? columns[k] * Rows : _starts[columns[k]];
        }

        return new ColumnMatrix(Rows, Data, starts);
    }

    /// <summary>The given rows, in the given order.</summary>
    internal ColumnMatrix TakeRows(IReadOnlyList<int> rows)
    {
        var m = new ColumnMatrix(rows.Count, Columns);
        for (int j = 0; j < Columns; j++)
        {
            var source = Column(j);
            var target = m.Column(j);
            for (int k = 0; k < rows.Count; k++)
            {
                target[k] = source[rows[k]];
            }
        }

        return m;
    }

    /// <summary>The column means (as numpy's mean: the sum divided by the count).</summary>
    internal double[] ColumnMeans()
    {
        var means = new double[Columns];
        for (int j = 0; j < Columns; j++)
        {
            means[j] = Rows == 0 ? double.NaN : DenseMath.Sum(Column(j)) / Rows;
        }

        return means;
    }

    /// <summary>A copy with the given column offsets subtracted.</summary>
    internal ColumnMatrix Centered(double[] offsets)
    {
        var m = new ColumnMatrix(Rows, Columns);
        for (int j = 0; j < Columns; j++)
        {
            var source = Column(j);
            var target = m.Column(j);
            double o = offsets[j];
            for (int i = 0; i < source.Length; i++)
            {
                target[i] = source[i] - o;
            }
        }

        return m;
    }

    /// <summary>Subtracts the given column offsets in place (only for a matrix the caller owns) and returns it.</summary>
    internal ColumnMatrix CenterInPlace(double[] offsets)
    {
        for (int j = 0; j < Columns; j++)
        {
            var column = Column(j);
            double o = offsets[j];
            for (int i = 0; i < column.Length; i++)
            {
                column[i] -= o;
            }
        }

        return this;
    }

    /// <summary>X·w + b for each row.</summary>
    internal double[] Multiply(ReadOnlySpan<double> w, double intercept)
    {
        var result = new double[Rows];
        MultiplyInto(w, intercept, result);
        return result;
    }

    /// <summary>z = X·w + b, in row blocks so that the block of z stays in cache while the columns stream past.</summary>
    internal void MultiplyInto(ReadOnlySpan<double> w, double intercept, Span<double> z)
    {
        for (int start = 0; start < Rows; start += RowBlock)
        {
            int count = Math.Min(RowBlock, Rows - start);
            var block = z.Slice(start, count);
            block.Fill(intercept);
            for (int j = 0; j < Columns; j++)
            {
                if (w[j] != 0)
                {
                    DenseMath.Axpy(w[j], Column(j).Slice(start, count), block);
                }
            }
        }
    }

    /// <summary>result[j] = Σᵢ X[i, j]·r[i], in row blocks (the block of r stays in cache).</summary>
    internal void TransposeMultiply(ReadOnlySpan<double> r, Span<double> result)
    {
        result[..Columns].Clear();
        for (int start = 0; start < Rows; start += RowBlock)
        {
            int count = Math.Min(RowBlock, Rows - start);
            var block = r.Slice(start, count);
            for (int j = 0; j < Columns; j++)
            {
                result[j] += DenseMath.Dot(Column(j).Slice(start, count), block);
            }
        }
    }
}
