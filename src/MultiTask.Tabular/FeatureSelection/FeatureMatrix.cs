using System.Globalization;
using System.Runtime.InteropServices;
using MultiTask.Tabular;

namespace MultiTask.Tabular.FeatureSelection;

/// <summary>
/// Features stored column by column (one contiguous float64 array per feature), the layout every filter scans.
/// Columns taken from a <see cref="TabularData"/> are shared, never written.
/// </summary>
internal sealed class FeatureMatrix
{
    private readonly int[]? _sourceRows;

    private FeatureMatrix(double[][] columns, string[] names, int rowCount, int[]? sourceRows)
    {
        Columns = columns;
        Names = names;
        RowCount = rowCount;
        _sourceRows = sourceRows;
    }

    /// <summary>One array of <see cref="RowCount"/> values per feature.</summary>
    public double[][] Columns { get; }

    /// <summary>The feature names, for messages and results.</summary>
    public string[] Names { get; }

    public int RowCount { get; }

    public int ColumnCount => Columns.Length;

    /// <summary>Describes a column in messages: its name in quotes.</summary>
    public string Describe(int column) => $"'{Names[column]}'";

    /// <summary>The row number in the caller's data (before any row subset), for messages.</summary>
    public int SourceRow(int row) => _sourceRows is null ? row : _sourceRows[row];

    /// <summary>Copies a [rows, features] matrix into columns.</summary>
    public static FeatureMatrix FromArray(double[,] x, IReadOnlyList<string>? names, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(x, parameterName);
        int rows = x.GetLength(0);
        int cols = x.GetLength(1);
        if (cols == 0)
        {
            throw new ArgumentException("The feature matrix has no columns.", parameterName);
        }

        if (names is not null && names.Count != cols)
        {
            throw new ArgumentException($"Expected {cols} feature names (one per column); got {names.Count}.", nameof(names));
        }

        var columns = new double[cols][];
        for (int j = 0; j < cols; j++)
        {
            columns[j] = new double[rows];
        }

        if (rows > 0)
        {
            var flat = MemoryMarshal.CreateReadOnlySpan(ref x[0, 0], rows * cols);
            for (int i = 0; i < rows; i++)
            {
                var row = flat.Slice(i * cols, cols);
                for (int j = 0; j < cols; j++)
                {
                    columns[j][i] = row[j];
                }
            }
        }

        var labels = names?.ToArray() ?? Enumerable.Range(0, cols).Select(j => $"column {j}").ToArray();
        return new FeatureMatrix(columns, labels, rows, null);
    }

    /// <summary>The numeric columns of a table (shared, not copied).</summary>
    /// <exception cref="ArgumentException">The table has no columns or a categorical column; the message names it.</exception>
    public static FeatureMatrix FromTable(TabularData data, string purpose)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Columns.Count == 0)
        {
            throw new ArgumentException($"The data has no columns; {purpose} needs at least one numeric feature column.", nameof(data));
        }

        var columns = new double[data.Columns.Count][];
        var names = new string[columns.Length];
        for (int j = 0; j < columns.Length; j++)
        {
            var column = data.Columns[j] as NumericColumn
                ?? throw new ArgumentException($"Column '{data.Columns[j].Name}' is categorical; {purpose} needs numeric features (encode it with OneHotEncoder or OrdinalEncoder, or leave it out).", nameof(data));
            columns[j] = column.Values as double[] ?? column.ToArray();
            names[j] = column.Name;
        }

        return new FeatureMatrix(columns, names, data.RowCount, null);
    }

    /// <summary>The given rows (in order), or this matrix when they are all rows in order.</summary>
    public FeatureMatrix TakeRows(int[] rows)
    {
        if (rows.Length == RowCount && _sourceRows is null && IsIdentity(rows))
        {
            return this;
        }

        var columns = new double[Columns.Length][];
        for (int j = 0; j < columns.Length; j++)
        {
            var source = Columns[j];
            var target = new double[rows.Length];
            for (int i = 0; i < rows.Length; i++)
            {
                target[i] = source[rows[i]];
            }

            columns[j] = target;
        }

        var sourceRows = rows.Select(SourceRow).ToArray();
        return new FeatureMatrix(columns, Names, rows.Length, sourceRows);
    }

    /// <summary>Throws when a value is missing (NaN).</summary>
    /// <param name="context">What needs the values, for the message (e.g. "FClassif for task 'y'").</param>
    public void RequireComplete(string context)
    {
        for (int j = 0; j < Columns.Length; j++)
        {
            int i = ColumnKernels.FirstNonFinite(Columns[j]);
            if (i >= 0)
            {
                double v = Columns[j][i];
                throw new ArgumentException(double.IsNaN(v)
                    ? $"Feature {Describe(j)} is missing a value at row {SourceRow(i)}; {context} needs complete features (impute or drop missing values first)."
                    : $"Feature {Describe(j)} has {v.ToString(CultureInfo.InvariantCulture)} at row {SourceRow(i)}; {context} needs finite features.");
            }
        }
    }

    private static bool IsIdentity(int[] rows)
    {
        for (int i = 0; i < rows.Length; i++)
        {
            if (rows[i] != i)
            {
                return false;
            }
        }

        return true;
    }
}
