namespace MultiTask.Tabular;

/// <summary>How <see cref="TabularCsv.Read"/> reads a delimited text file.</summary>
/// <remarks>
/// Fields may be enclosed in double quotes (a quote inside is written twice); a quoted field cannot span lines.
/// Blank lines are skipped. A file whose name ends in <c>.gz</c> is decompressed while it is read.
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
    /// The values that mark a missing cell, compared with the trimmed text. Default: the empty string, "?" and "NA".
    /// A numeric cell reading "NaN" is missing too.
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
