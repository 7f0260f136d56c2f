using System.Globalization;

namespace MultiTask.Tabular;

/// <summary>
/// What <see cref="TabularCsv.Read(string, CsvReadOptions?, out CsvReadReport)"/> did besides reading values: how many
/// cells of each column each missing-value marker turned into a missing value. A column holding a real category that is
/// also a marker (say "NA" for North America) shows up here; exempt it with <see cref="CsvReadOptions.MissingMarkersByColumn"/>.
/// </summary>
public sealed class CsvReadReport
{
    private readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> _missing;

    internal CsvReadReport(string path, IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> missing)
    {
        Path = path;
        _missing = missing;
    }

    /// <summary>The file that was read.</summary>
    public string Path { get; }

    /// <summary>
    /// By column name (columns with at least one missing cell only), by marker (the trimmed cell text, e.g. "", "?",
    /// "NA", or "NaN" for a numeric cell that reads NaN): the number of cells that became missing.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> MissingCells => _missing;

    /// <summary>The number of cells of a column that a marker turned into missing values (0 when none).</summary>
    /// <param name="column">A column name.</param>
    /// <param name="marker">A marker, e.g. "NA".</param>
    public int MissingCount(string column, string marker)
        => _missing.TryGetValue(column, out var markers) && markers.TryGetValue(marker, out int count) ? count : 0;

    /// <summary>One line per column with missing cells, e.g. <c>native-country: 583 × "?"</c>; "no missing cells" when there are none.</summary>
    public override string ToString() => _missing.Count == 0
        ? $"'{Path}': no missing cells"
        : string.Join(Environment.NewLine, _missing.Select(c => $"{c.Key}: {string.Join(", ", c.Value.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Value} × \"{m.Key}\"")))}"));
}
