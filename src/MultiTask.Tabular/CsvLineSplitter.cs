namespace MultiTask.Tabular;

/// <summary>Splits one line of delimited text into fields (optional double quotes, "" inside quotes), reusing its buffers.</summary>
internal sealed class CsvLineSplitter
{
    private readonly List<(int Start, int Length)> _fields = [];
    private char[] _buffer = new char[256];

    /// <summary>The number of fields of the last line split.</summary>
    public int Count => _fields.Count;

    /// <summary>A field of the last line split, unquoted (and trimmed when asked).</summary>
    public ReadOnlySpan<char> this[int index] => _buffer.AsSpan(_fields[index].Start, _fields[index].Length);

    /// <summary>
    /// The 1-based field whose quote the last line split left open (0 when every quote was closed): the record goes
    /// on with the next line (RFC 4180), so split the line, a "\n" and the next line again.
    /// </summary>
    public int OpenQuoteField { get; private set; }

    /// <summary>Splits a line (or a record of several lines joined by "\n").</summary>
    /// <returns>Null (also when a quote is left open, see <see cref="OpenQuoteField"/>), or a description of a malformed quoted field.</returns>
    public string? Split(string line, char separator, bool trim)
    {
        _fields.Clear();
        OpenQuoteField = 0;
        if (_buffer.Length < line.Length)
        {
            _buffer = new char[Math.Max(line.Length, 2 * _buffer.Length)];
        }

        int i = 0, written = 0;
        while (true)
        {
            if (trim)
            {
                while (i < line.Length && IsBlank(line[i]) && line[i] != separator)
                {
                    i++;
                }
            }

            int start = written;
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        OpenQuoteField = _fields.Count + 1;
                        return null;
                    }

                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            _buffer[written++] = '"';
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    _buffer[written++] = line[i++];
                }

                while (i < line.Length && line[i] != separator && IsBlank(line[i]))
                {
                    i++;
                }

                if (i < line.Length && line[i] != separator)
                {
                    return $"field {_fields.Count + 1} has text after its closing quote";
                }
            }
            else
            {
                while (i < line.Length && line[i] != separator)
                {
                    _buffer[written++] = line[i++];
                }

                while (trim && written > start && IsBlank(_buffer[written - 1]))
                {
                    written--;
                }
            }

            _fields.Add((start, written - start));
            if (i >= line.Length)
            {
                return null;
            }

            i++; // the separator
        }
    }

    private static bool IsBlank(char c) => c is ' ' or '\t';
}
