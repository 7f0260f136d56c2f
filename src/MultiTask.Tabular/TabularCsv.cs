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
    /// <param name="path">The file; a name ending in <c>.gz</c> is decompressed.</param>
    /// <param name="options">How to read it; null for the defaults (comma separated, header, types detected).</param>
    /// <returns>The table, columns in file order.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="FormatException">
    /// A line has the wrong number of fields, a quote is malformed, a header name is empty or repeated, or a value in a
    /// numeric column is not a finite number; the message names the file, the line and the column, e.g.
    /// <c>file 'x.csv', line 17, column 'age': 'abc' is not a number</c>.
    /// </exception>
    /// <exception cref="ArgumentException">A column of <see cref="CsvReadOptions.CategoricalColumns"/> is not in the file.</exception>
    public static TabularData Read(string path, CsvReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= new CsvReadOptions();
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"CSV file '{path}' does not exist.", path);
        }

        var reading = new Reading(path, options);
        var names = reading.ReadNames();
        var modes = ColumnModes(path, names, options.CategoricalColumns);
        var columns = names.Select(_ => new ColumnValues()).ToArray();
        reading.ReadValues(names, modes, columns);

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
            new Reading(path, options).ReadValues(names, again, columns);
        }

        return new TabularData(names.Select((name, j) => modes[j] == Mode.Categorical || again[j] == Mode.Categorical
            ? (TabularColumn)CategoricalColumn.Own(name, columns[j].Texts.ToArray())
            : NumericColumn.Own(name, columns[j].Numbers.ToArray())));
    }

    private static Mode[] ColumnModes(string path, string[] names, IReadOnlyCollection<string>? categorical)
    {
        if (categorical is null)
        {
            return names.Select(_ => Mode.Detect).ToArray();
        }

        var set = categorical.ToHashSet(StringComparer.Ordinal);
        foreach (var name in set.Where(n => !names.Contains(n, StringComparer.Ordinal)))
        {
            throw new ArgumentException($"Categorical column '{name}' is not in file '{path}'; its columns are {string.Join(", ", names.Select(n => $"'{n}'"))}.", nameof(categorical));
        }

        return names.Select(n => set.Contains(n) ? Mode.Categorical : Mode.Numeric).ToArray();
    }

    private sealed class ColumnValues
    {
        private readonly Dictionary<string, string> _pool = new(StringComparer.Ordinal);

        public List<double> Numbers { get; } = [];

        public List<string?> Texts { get; } = [];

        /// <summary>Whether a detected column met a value that is not a number.</summary>
        public bool DetectedText { get; set; }

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
        private readonly CsvLineSplitter _splitter = new();
        private readonly HashSet<string> _missing = options.MissingMarkers.Select(m => m.Trim()).ToHashSet(StringComparer.Ordinal);
        private int _line;
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

            var names = options.ColumnNames?.ToArray() ?? header
                ?? throw new ArgumentException("CsvReadOptions needs ColumnNames when the file has no header.", nameof(options));
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

        public void ReadValues(string[] names, Mode[] modes, ColumnValues[] columns)
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
                    throw Error($"{_splitter.Count} fields; expected {names.Length} ({string.Join(", ", names)})");
                }

                for (int j = 0; j < names.Length; j++)
                {
                    if (modes[j] != Mode.Skip)
                    {
                        Add(names[j], modes[j], columns[j], _splitter[j]);
                    }
                }
            }
        }

        private void Add(string name, Mode mode, ColumnValues column, ReadOnlySpan<char> value)
        {
            bool missing = _missing.GetAlternateLookup<ReadOnlySpan<char>>().Contains(value.Trim());
            if (mode == Mode.Categorical)
            {
                if (missing)
                {
                    column.Texts.Add(null);
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
            }
            else if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number))
            {
                if (double.IsInfinity(number))
                {
                    throw Error($"'{value}' is not a finite number", name);
                }

                column.Numbers.Add(number);
            }
            else if (mode == Mode.Detect)
            {
                column.DetectedText = true;
                column.Numbers.Clear();
            }
            else
            {
                throw Error($"'{value}' is not a number", name);
            }
        }

        private StreamReader Open()
        {
            _reader?.Dispose();
            Stream stream = File.OpenRead(path);
            if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            {
                stream = new GZipStream(stream, CompressionMode.Decompress);
            }

            _reader = new StreamReader(stream);
            _line = 0;
            for (int i = 0; i < options.SkipLines && _reader.ReadLine() is not null; i++)
            {
                _line++;
            }

            return _reader;
        }

        /// <summary>The next non-blank line, split; null at the end.</summary>
        private string? NextLine()
        {
            while (_reader!.ReadLine() is { } line)
            {
                _line++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                string? problem = _splitter.Split(line, options.Separator, options.TrimWhitespace);
                return problem is null ? line : throw Error(problem);
            }

            _reader.Dispose();
            return null;
        }

        private FormatException Error(string problem, string? column = null)
            => new($"file '{path}', line {_line}{(column is null ? "" : $", column '{column}'")}: {problem}.");
    }
}
