namespace MultiTask.Tabular;

/// <summary>How <see cref="TabularCsv.Read(string, CsvReadOptions?)"/> reads a delimited text file.</summary>
/// <remarks>
/// Fields may be enclosed in double quotes (a quote inside is written twice); a quoted field may span lines (RFC 4180),
/// and its line breaks are kept as "\n". Blank lines outside quotes are skipped. A file whose name ends in <c>.gz</c> is
/// decompressed while it is read, and checked against its gzip trailer, so a truncated file is an error.
/// <para>
/// Column types: a column in <see cref="SkipColumns"/> is not read; one in <see cref="CategoricalColumns"/> is
/// categorical; one in <see cref="NumericColumns"/> is numeric (a value that is not a number is an error). Every other
/// column is numeric when <see cref="CategoricalColumns"/> is given and <see cref="NumericColumns"/> is not, and
/// detected otherwise. A column may be in one list only. A file without a header and without <see cref="ColumnNames"/>
/// has the columns "column1", "column2", …, which the lists can name.
/// </para>
/// </remarks>
public sealed class CsvReadOptions
{
    /// <summary>The field separator. Default: ','. With <see cref="TrimWhitespace"/>, "comma + space" files read as ','.</summary>
    public char Separator
    {
        get;
        init => field = value is '"' or '\r' or '\n'
            ? throw new ArgumentException($"The separator cannot be {(value == '"' ? "a double quote" : "a line break")}.", nameof(Separator))
            : value;
    } = ',';

    /// <summary>Whether the first line read (after <see cref="SkipLines"/>) is a header of column names. Default: true.</summary>
    /// <remarks>When <see cref="ColumnNames"/> is also given, the header line is skipped and the given names are used.</remarks>
    public bool HasHeader { get; init; } = true;

    /// <summary>The column names, for a file without a header (or to replace its header). Default: null (use the header).</summary>
    public IReadOnlyList<string>? ColumnNames
    {
        get;
        init => field = value is null ? null : CheckNames(value);
    }

    /// <summary>
    /// The columns to read as categorical (strings); every other column is numeric, and a value in it that is not an
    /// invariant-culture number is an error. Default: null, which detects each column's type: numeric when every
    /// non-missing value parses as an invariant-culture double, categorical otherwise.
    /// </summary>
    public IReadOnlyCollection<string>? CategoricalColumns { get; init; }

    /// <summary>
    /// The columns to read as numeric: a value that is not an invariant-culture number (nor a missing-value marker) is
    /// an error naming the file, line and column. Default: null (see the remarks for the columns not listed).
    /// </summary>
    public IReadOnlyCollection<string>? NumericColumns { get; init; }

    /// <summary>The columns not to read: they are absent from the table and their values are never parsed. Default: null (read every column).</summary>
    public IReadOnlyCollection<string>? SkipColumns { get; init; }

    /// <summary>
    /// Missing-value markers for particular columns, replacing <see cref="MissingMarkers"/> there; for example
    /// <c>{ ["region"] = [""] }</c> keeps a real category "NA" in column "region". Default: null (the same markers everywhere).
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyCollection<string>>? MissingMarkersByColumn
    {
        get;
        init => field = value is null ? null : value.Values.Any(v => v is null)
            ? throw new ArgumentException($"MissingMarkersByColumn gives null markers for column '{value.First(p => p.Value is null).Key}'; give an empty list for no markers.", nameof(MissingMarkersByColumn))
            : value.ToDictionary(p => p.Key, p => (IReadOnlyCollection<string>)[.. p.Value], StringComparer.Ordinal);
    }

    /// <summary>
    /// The values that mark a missing cell, compared with the trimmed text. Default: the empty string, "?" and "NA".
    /// A numeric cell reading "NaN" is missing too. How many cells each marker turned into missing values, per column,
    /// is reported by <see cref="TabularCsv.Read(string, CsvReadOptions?, out CsvReadReport)"/>; a column whose real
    /// values include a marker (a category "NA") can have its own markers in <see cref="MissingMarkersByColumn"/>.
    /// </summary>
    public IReadOnlyCollection<string> MissingMarkers
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(MissingMarkers));
    } = ["", "?", "NA"];

    /// <summary>Whether spaces and tabs around each field are removed (inside quotes they are kept). Default: true.</summary>
    public bool TrimWhitespace { get; init; } = true;

    /// <summary>The number of lines to skip at the start of the file, before the header (e.g. 1 for adult.test). Default: 0.</summary>
    public int SkipLines
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(SkipLines), value, "SkipLines cannot be negative.");
    }

    private static string[] CheckNames(IReadOnlyList<string> names)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int j = 0; j < names.Count; j++)
        {
            if (string.IsNullOrWhiteSpace(names[j]))
            {
                throw new ArgumentException($"ColumnNames[{j}] is blank; every column needs a name.", nameof(ColumnNames));
            }

            if (!seen.Add(names[j]))
            {
                throw new ArgumentException($"ColumnNames lists '{names[j]}' twice; column names are unique.", nameof(ColumnNames));
            }
        }

        return [.. names];
    }
}
