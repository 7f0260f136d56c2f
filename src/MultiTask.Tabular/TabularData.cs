using System.Globalization;
using MultiTask.Data;
using MultiTask.Tabular.Splitting;

namespace MultiTask.Tabular;

/// <summary>
/// An immutable table of named numeric and categorical columns of equal length: the raw input of preprocessing.
/// Transforms return new tables; <see cref="ToFeatureMatrix"/> turns an all-numeric table into model features.
/// </summary>
public sealed class TabularData
{
    private readonly TabularColumn[] _columns;
    private readonly Dictionary<string, int> _index;

    /// <summary>Creates a table.</summary>
    /// <param name="columns">The columns; names unique, all of the same length.</param>
    /// <exception cref="ArgumentException">Names repeat or lengths differ; the message names the column.</exception>
    public TabularData(IEnumerable<TabularColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _columns = columns.ToArray();
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < _columns.Length; i++)
        {
            var column = _columns[i] ?? throw new ArgumentException($"Column {i} is null.", nameof(columns));
            if (!_index.TryAdd(column.Name, i))
            {
                throw new ArgumentException($"Column '{column.Name}' appears more than once.", nameof(columns));
            }

            if (column.RowCount != _columns[0].RowCount)
            {
                throw new ArgumentException($"Column '{column.Name}' has {column.RowCount} rows; column '{_columns[0].Name}' has {_columns[0].RowCount}.", nameof(columns));
            }
        }
    }

    /// <summary>The columns, in order.</summary>
    public IReadOnlyList<TabularColumn> Columns => _columns;

    /// <summary>The column names, in order.</summary>
    public IReadOnlyList<string> ColumnNames => _columns.Select(c => c.Name).ToArray();

    /// <summary>The number of rows (0 for a table without columns).</summary>
    public int RowCount => _columns.Length == 0 ? 0 : _columns[0].RowCount;

    /// <summary>The named column.</summary>
    /// <param name="name">A column name of this table.</param>
    /// <exception cref="KeyNotFoundException">No such column; the message lists the columns.</exception>
    public TabularColumn this[string name] => _index.TryGetValue(name, out int i)
        ? _columns[i]
        : throw new KeyNotFoundException($"Unknown column '{name}'; the table has {string.Join(", ", _columns.Select(c => $"'{c.Name}'"))}.");

    /// <summary>Whether the table has a column of that name.</summary>
    /// <param name="name">A column name.</param>
    public bool Contains(string name) => _index.ContainsKey(name);

    /// <summary>The named numeric column.</summary>
    /// <param name="name">A numeric column name.</param>
    public NumericColumn Numeric(string name) => this[name] as NumericColumn
        ?? throw new InvalidOperationException($"Column '{name}' is categorical; a numeric column is needed here.");

    /// <summary>The named categorical column.</summary>
    /// <param name="name">A categorical column name.</param>
    public CategoricalColumn Categorical(string name) => this[name] as CategoricalColumn
        ?? throw new InvalidOperationException($"Column '{name}' is numeric; a categorical column is needed here.");

    /// <summary>A table with only the named columns, in the given order.</summary>
    /// <param name="names">Column names of this table.</param>
    public TabularData Select(IEnumerable<string> names) => new(names.Select(n => this[n]));

    /// <summary>A table without the named columns.</summary>
    /// <param name="names">Column names of this table.</param>
    public TabularData Without(IEnumerable<string> names)
    {
        var drop = names.ToHashSet(StringComparer.Ordinal);
        foreach (var name in drop)
        {
            _ = this[name];
        }

        return new TabularData(_columns.Where(c => !drop.Contains(c.Name)));
    }

    /// <summary>A table with the given rows, in the given order.</summary>
    /// <param name="rows">Row indices.</param>
    public TabularData TakeRows(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return new TabularData(_columns.Select(c => c.Take(rows)));
    }

    /// <summary>
    /// Splits the rows into training, (optional) validation and test parts — at random, stratified on a column, or
    /// grouped by a column — so that preprocessing, selection and the model are fitted on the training rows only.
    /// </summary>
    /// <param name="options">Fractions, seed, and the stratification or group column. Default: a random 80/20 split with seed 0.</param>
    /// <returns>The parts and their row positions.</returns>
    /// <exception cref="ArgumentException">The fractions leave no training rows (or groups), both StratifyBy and GroupBy are set, or a group value is missing.</exception>
    /// <exception cref="KeyNotFoundException">The stratification or group column is not in the table.</exception>
    public TableSplit Split(TableSplitOptions? options = null) => RowSplits.Split(this, options ?? new TableSplitOptions());

    /// <summary>
    /// Cross-validation folds over the rows: scikit-learn 1.2's KFold, StratifiedKFold (<see cref="KFoldOptions.StratifyBy"/>)
    /// or GroupKFold (<see cref="KFoldOptions.GroupBy"/>); without shuffling the folds equal scikit-learn's.
    /// </summary>
    /// <param name="options">Folds, shuffling, and the stratification or group column. Default: 5 unshuffled folds.</param>
    /// <returns>One entry per fold, in fold order.</returns>
    /// <exception cref="ArgumentException">More folds than rows (or groups), every class smaller than the fold count, or an invalid combination of options.</exception>
    /// <exception cref="KeyNotFoundException">The stratification or group column is not in the table.</exception>
    public IReadOnlyList<TableFold> KFold(KFoldOptions? options = null) => RowSplits.Folds(this, options ?? new KFoldOptions());

    /// <summary>The rows of several tables with the same columns, one after another (pandas' <c>concat</c> of rows).</summary>
    /// <param name="tables">Tables with the same column names, order and types; at least one.</param>
    /// <returns>A table with every row of the first table, then every row of the second, and so on.</returns>
    /// <exception cref="ArgumentException">A table's columns differ; the message names the first differing column and its type.</exception>
    public static TabularData Concat(params IReadOnlyList<TabularData> tables) => TableRows.Concat(tables);

    /// <summary>
    /// The table without repeated rows, keeping each row's first occurrence (pandas' <c>drop_duplicates(keep="first")</c>);
    /// missing values equal each other.
    /// </summary>
    /// <param name="columns">The columns that decide whether two rows repeat. Default: every column.</param>
    /// <returns>The remaining rows, in their original order.</returns>
    /// <exception cref="KeyNotFoundException">A named column is not in the table.</exception>
    public TabularData DropDuplicates(params IReadOnlyList<string>? columns) => TableRows.DropDuplicates(this, columns is { Count: > 0 } ? columns : null);

    /// <summary>
    /// The features as a [rows, columns] float32 matrix for <see cref="MultiTaskDataset.FromArrays(float[,], IReadOnlyList{TaskSpec}, IReadOnlyList{TaskTargets})"/>.
    /// Every column must be numeric and complete.
    /// </summary>
    /// <exception cref="InvalidOperationException">A column is categorical, has missing values or a value beyond float32's range; the message names it.</exception>
    public float[,] ToFeatureMatrix()
    {
        var matrix = new float[RowCount, _columns.Length];
        for (int j = 0; j < _columns.Length; j++)
        {
            var column = _columns[j] as NumericColumn
                ?? throw new InvalidOperationException($"Column '{_columns[j].Name}' is categorical; encode it (OneHotEncoder, OrdinalEncoder) before building features.");
            for (int i = 0; i < RowCount; i++)
            {
                double v = column[i];
                if (double.IsNaN(v))
                {
                    throw new InvalidOperationException($"Column '{column.Name}' is missing a value at row {i}; impute or drop missing values before building features.");
                }

                matrix[i, j] = Math.Abs(v) <= float.MaxValue
                    ? (float)v
                    : throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Column '{column.Name}' holds {v} at row {i}, outside float32's range ±3.4028235E+38 in which the models compute; scale the column first."));
            }
        }

        return matrix;
    }

    /// <summary>The numeric columns as a [rows, columns] float64 matrix (NaN where missing), in column order.</summary>
    /// <exception cref="InvalidOperationException">A column is categorical.</exception>
    public double[,] ToNumericMatrix()
    {
        var matrix = new double[RowCount, _columns.Length];
        for (int j = 0; j < _columns.Length; j++)
        {
            var column = _columns[j] as NumericColumn
                ?? throw new InvalidOperationException($"Column '{_columns[j].Name}' is categorical; a numeric matrix needs numeric columns.");
            for (int i = 0; i < RowCount; i++)
            {
                matrix[i, j] = column[i];
            }
        }

        return matrix;
    }

    /// <summary>A table of numeric columns from a float64 matrix.</summary>
    /// <param name="matrix">[rows, columns].</param>
    /// <param name="names">One name per column.</param>
    public static TabularData FromMatrix(double[,] matrix, IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count != matrix.GetLength(1))
        {
            throw new ArgumentException($"Expected {matrix.GetLength(1)} column names; got {names.Count}.", nameof(names));
        }

        int rows = matrix.GetLength(0);
        return new TabularData(names.Select((n, j) => (TabularColumn)new NumericColumn(n, Enumerable.Range(0, rows).Select(i => matrix[i, j]).ToArray())));
    }
}
