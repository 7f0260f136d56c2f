using System.Globalization;
using System.IO.Compression;

namespace MultiTask.Tabular;

/// <summary>
/// Reads delimited text files (CSV and the like, optionally gzipped) into a <see cref="TabularData"/> of numeric and
/// categorical columns. Task columns are read like any other column; split them off with <see cref="TaskColumns"/>.
/// </summary>
public static class TabularCsv
{
    private enum Mode
    {
        Skip,
        Numeric,
        Categorical,
        Detect,
    }

    /// <summary>Reads a file.</summary>
    /// <param name="path">The file; a name ending in <c>.gz</c> is decompressed (and checked against its gzip trailer).</param>
    /// <param name="options">How to read it; null for the defaults (comma separated, header, types detected).</param>
    /// <returns>The table, columns in file order (without <see cref="CsvReadOptions.SkipColumns"/>).</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ArgumentException">
    /// The path is a directory, or a column named in <see cref="CsvReadOptions.CategoricalColumns"/>,
    /// <see cref="CsvReadOptions.NumericColumns"/>, <see cref="CsvReadOptions.SkipColumns"/> or
    /// <see cref="CsvReadOptions.MissingMarkersByColumn"/> is not in the file or is in two of the lists.
    /// </exception>
    /// <exception cref="FormatException">
    /// A line has the wrong number of fields, a quote is malformed or never closed, a header name is empty or repeated,
    /// or a value in a numeric column is not a number within float32's range (±3.4E+38, the models' precision); the
    /// message names the file, the line and the column, e.g. <c>file 'x.csv', line 17, column 'age': 'abc' is not a
    /// number</c>, and suggests the separator when the line looks separated by another one.
    /// </exception>
    /// <exception cref="InvalidDataException">A gzip file is truncated, damaged or not gzip data; the message names the file.</exception>
    /// <exception cref="IOException">The file cannot be read; the message names the file.</exception>
    public static TabularData Read(string path, CsvReadOptions? options = null) => Read(path, options, out _);

    /// <summary>Reads a file and reports how many cells each missing-value marker turned into missing values, per column.</summary>
    /// <param name="path">The file; a name ending in <c>.gz</c> is decompressed (and checked against its gzip trailer).</param>
    /// <param name="options">How to read it; null for the defaults.</param>
    /// <param name="report">The missing cells per column and marker.</param>
    /// <returns>The table, as <see cref="Read(string, CsvReadOptions?)"/> returns it.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ArgumentException">The path is a directory, or a column list names a column that is not in the file.</exception>
    /// <exception cref="FormatException">The text is malformed; see <see cref="Read(string, CsvReadOptions?)"/>.</exception>
    /// <exception cref="InvalidDataException">A gzip file is truncated, damaged or not gzip data.</exception>
    /// <exception cref="IOException">The file cannot be read; the message names the file.</exception>
    public static TabularData Read(string path, CsvReadOptions? options, out CsvReadReport report)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= new CsvReadOptions();
        if (Directory.Exists(path))
        {
            throw new ArgumentException($"CSV path '{path}' is a directory, not a file.", nameof(path));
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"CSV file '{path}' does not exist.", path);
        }

        try
        {
            return ReadFile(path, options, out report);
        }
        catch (Exception e) when (e is IOException and not FileNotFoundException and not EndOfStreamException || e is UnauthorizedAccessException)
        {
            throw new IOException($"CSV file '{path}' cannot be read: {e.Message}", e);
        }
    }

    private static TabularData ReadFile(string path, CsvReadOptions options, out CsvReadReport report)
    {
        var reading = new Reading(path, options);
        var names = reading.ReadNames();
        var modes = ColumnModes(path, names, options);
        var columns = names.Select(_ => new ColumnValues()).ToArray();
        var markers = names.Select(n => MarkerSet(options.MissingMarkersByColumn?.GetValueOrDefault(n) ?? options.MissingMarkers)).ToArray();
        reading.ReadValues(names, modes, markers, columns);

        // Columns whose type was detected as categorical part-way through need their text: read them once more.
        var again = new Mode[modes.Length];
        bool needAgain = false;
        for (int j = 0; j < modes.Length; j++)
        {
            if (modes[j] == Mode.Detect && columns[j].DetectedText)
            {
                again[j] = Mode.Categorical;
                columns[j] = new ColumnValues();
                needAgain = true;
            }
        }

        if (needAgain)
        {
            new Reading(path, options).ReadValues(names, again, markers, columns);
        }

        var missing = new Dictionary<string, IReadOnlyDictionary<string, int>>(StringComparer.Ordinal);
        for (int j = 0; j < names.Length; j++)
        {
            if (modes[j] != Mode.Skip && columns[j].Missing.Count > 0)
            {
                missing[names[j]] = columns[j].Missing;
            }
        }

        report = new CsvReadReport(path, missing);
        return new TabularData(names.Select((name, j) => (Name: name, Index: j)).Where(c => modes[c.Index] != Mode.Skip).Select(c => modes[c.Index] == Mode.Categorical || again[c.Index] == Mode.Categorical
            ? (TabularColumn)CategoricalColumn.Own(c.Name, columns[c.Index].Texts.ToArray())
            : NumericColumn.Own(c.Name, columns[c.Index].Numbers.ToArray())));
    }

    private static HashSet<string> MarkerSet(IReadOnlyCollection<string> markers) => markers.Select(m => m.Trim()).ToHashSet(StringComparer.Ordinal);

    private static Mode[] ColumnModes(string path, string[] names, CsvReadOptions options)
    {
        var lists = new (string Property, IReadOnlyCollection<string>? Names, Mode Mode)[]
        {
            (nameof(CsvReadOptions.SkipColumns), options.SkipColumns, Mode.Skip),
            (nameof(CsvReadOptions.CategoricalColumns), options.CategoricalColumns, Mode.Categorical),
            (nameof(CsvReadOptions.NumericColumns), options.NumericColumns, Mode.Numeric),
            (nameof(CsvReadOptions.MissingMarkersByColumn), options.MissingMarkersByColumn?.Keys.ToArray(), Mode.Detect),
        };
        var known = names.ToHashSet(StringComparer.Ordinal);
        foreach (var (property, list, _) in lists)
        {
            foreach (var name in (list ?? []).Where(n => n is null || !known.Contains(n)))
            {
                throw new ArgumentException($"CsvReadOptions.{property} names column '{name}', which is not in file '{path}'; its columns are {string.Join(", ", names.Select(n => $"'{n}'"))}.", "options");
            }
        }

        var unlisted = options.CategoricalColumns is not null && options.NumericColumns is null ? Mode.Numeric : Mode.Detect;
        var modes = new Mode[names.Length];
        for (int j = 0; j < names.Length; j++)
        {
            var owners = lists.Take(3).Where(l => l.Names?.Contains(names[j], StringComparer.Ordinal) == true).ToArray();
            if (owners.Length > 1)
            {
                throw new ArgumentException($"Column '{names[j]}' is in both CsvReadOptions.{owners[0].Property} and CsvReadOptions.{owners[1].Property}; a column has one type.", "options");
            }

            modes[j] = owners.Length == 1 ? owners[0].Mode : unlisted;
        }

        return modes;
    }

    private sealed class ColumnValues
    {
        private readonly Dictionary<string, string> _pool = new(StringComparer.Ordinal);

        public List<double> Numbers { get; } = [];

        public List<string?> Texts { get; } = [];

        /// <summary>Whether a detected column met a value that is not a number.</summary>
        public bool DetectedText { get; set; }

        /// <summary>By marker: the cells that became missing values.</summary>
        public Dictionary<string, int> Missing { get; } = new(StringComparer.Ordinal);

        public void CountMissing(string marker) => Missing[marker] = Missing.GetValueOrDefault(marker) + 1;

        public void AddText(ReadOnlySpan<char> value)
        {
            var lookup = _pool.GetAlternateLookup<ReadOnlySpan<char>>();
            if (!lookup.TryGetValue(value, out var text))
            {
                text = value.ToString();
                _pool[text] = text;
            }

            Texts.Add(text);
        }
    }

    /// <summary>One pass over the file.</summary>
    private sealed class Reading(string path, CsvReadOptions options)
    {
        private static readonly char[] Separators = [',', ';', '\t', '|'];
        private readonly CsvLineSplitter _splitter = new();
        private int _line;
        private int _recordLine;
        private string _record = string.Empty;
        private StreamReader? _reader;

        public string[] ReadNames()
        {
            Open();
            string[]? header = null;
            if (options.HasHeader)
            {
                _ = NextLine() ?? throw Error("the file has no header line");
                header = new string[_splitter.Count];
                for (int j = 0; j < header.Length; j++)
                {
                    header[j] = _splitter[j].Trim().ToString();
                }
            }
            else if (options.ColumnNames is null)
            {
                // No header and no names: the columns are "column1", "column2", … as many as the first record has.
                _ = NextLine() ?? throw Error("the file has no lines, so its columns cannot be named");
                header = Enumerable.Range(1, _splitter.Count).Select(j => string.Create(CultureInfo.InvariantCulture, $"column{j}")).ToArray();
            }

            _reader?.Dispose();
            var names = options.ColumnNames?.ToArray() ?? header!;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (int j = 0; j < names.Length; j++)
            {
                if (string.IsNullOrWhiteSpace(names[j]))
                {
                    throw Error($"column {j + 1} has no name");
                }

                if (!seen.Add(names[j]))
                {
                    throw Error($"column name '{names[j]}' appears more than once");
                }
            }

            return names;
        }

        public void ReadValues(string[] names, Mode[] modes, HashSet<string>[] markers, ColumnValues[] columns)
        {
            using var reader = Open();
            if (options.HasHeader)
            {
                _ = NextLine();
            }

            while (NextLine() is not null)
            {
                if (_splitter.Count != names.Length)
                {
                    throw Error($"{_splitter.Count} fields; expected {names.Length} ({string.Join(", ", names)}){SeparatorHint()}");
                }

                for (int j = 0; j < names.Length; j++)
                {
                    if (modes[j] != Mode.Skip)
                    {
                        Add(names[j], modes[j], markers[j], columns[j], _splitter[j]);
                    }
                }
            }
        }

        private void Add(string name, Mode mode, HashSet<string> markers, ColumnValues column, ReadOnlySpan<char> value)
        {
            var trimmed = value.Trim();
            bool missing = markers.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(trimmed, out var marker);
            if (mode == Mode.Categorical)
            {
                if (missing)
                {
                    column.Texts.Add(null);
                    column.CountMissing(marker!);
                }
                else
                {
                    column.AddText(value);
                }

                return;
            }

            if (column.DetectedText)
            {
                return;
            }

            if (missing)
            {
                column.Numbers.Add(double.NaN);
                column.CountMissing(marker!);
            }
            else if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number))
            {
                if (double.IsNaN(number))
                {
                    column.Numbers.Add(double.NaN);
                    column.CountMissing("NaN");
                    return;
                }

                if (!double.IsFinite(number) || Math.Abs(number) > float.MaxValue)
                {
                    throw Error($"'{value}' is {(double.IsFinite(number) ? "outside float32's range ±3.4028235E+38, in which the models compute" : "not a finite number")}", name);
                }

                column.Numbers.Add(number);
            }
            else if (mode == Mode.Detect)
            {
                column.DetectedText = true;
                column.Numbers.Clear();
                column.Missing.Clear();
            }
            else
            {
                throw Error($"'{value}' is not a number", name);
            }
        }

        private StreamReader Open()
        {
            _reader?.Dispose();
            var file = File.OpenRead(path);
            Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new CheckedGzipStream(path, file) : file;
            _reader = new StreamReader(stream);
            _line = 0;
            for (int i = 0; i < options.SkipLines && _reader.ReadLine() is not null; i++)
            {
                _line++;
            }

            return _reader;
        }

        /// <summary>The next non-blank record (a line, or several when a quoted field spans lines), split; null at the end.</summary>
        private string? NextLine()
        {
            while (_reader!.ReadLine() is { } line)
            {
                _line++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                _recordLine = _line;
                _record = line;
                string? problem;
                while ((problem = _splitter.Split(_record, options.Separator, options.TrimWhitespace)) is null && _splitter.OpenQuoteField > 0)
                {
                    string next = _reader.ReadLine() ?? throw Error($"field {_splitter.OpenQuoteField} opens a quote that is not closed before the end of the file{SeparatorHint()}");
                    _line++;
                    _record = _record + "\n" + next;
                }

                return problem is null ? _record : throw Error(problem + SeparatorHint());
            }

            _reader.Dispose();
            return null;
        }

        /// <summary>A hint when the record holds another common separator more often than the configured one; empty otherwise.</summary>
        private string SeparatorHint()
        {
            int own = _record.Count(c => c == options.Separator);
            var (other, count) = Separators.Where(c => c != options.Separator).Select(c => (c, _record.Count(x => x == c))).MaxBy(p => p.Item2);
            return count > own
                ? string.Create(CultureInfo.InvariantCulture, $" (the line holds {count} × {Describe(other)} but {own} × {Describe(options.Separator)}, the separator read with: is the separator {Describe(other)}? Set CsvReadOptions.Separator)")
                : string.Empty;
        }

        private static string Describe(char separator) => separator == '\t' ? "tab" : $"'{separator}'";

        private FormatException Error(string problem, string? column = null)
            => new($"file '{path}', {(_recordLine > 0 && _recordLine < _line ? $"lines {_recordLine}–{_line}" : $"line {_line}")}{(column is null ? "" : $", column '{column}'")}: {problem}.");
    }
}
