using System.Text.RegularExpressions;

namespace MultiTask.Docs.Tool;

/// <summary>
/// The named code regions of the example sources: the lines between <c>// begin-snippet: name</c> and
/// <c>// end-snippet</c>. Regions with the same name (for example the using directives at the top of a file and the
/// code inside a method) are joined in source order with a blank line. Each region is dedented by its common indent.
/// </summary>
public sealed partial class SnippetSource
{
    private readonly Dictionary<string, List<string>> _regions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _origins = new(StringComparer.Ordinal);

    /// <summary>The snippet names, in the order they were first seen.</summary>
    public IReadOnlyCollection<string> Names => _regions.Keys;

    /// <summary>Reads every <c>*.cs</c> file under <paramref name="folder"/> (ordinal path order).</summary>
    public static SnippetSource FromFolder(string folder, string displayRoot)
    {
        var source = new SnippetSource();
        foreach (var path in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            source.Add(Path.GetRelativePath(displayRoot, path).Replace('\\', '/'), File.ReadAllText(path));
        }

        return source;
    }

    /// <summary>Adds the regions of one source file; <paramref name="file"/> names it in errors.</summary>
    public void Add(string file, string text)
    {
        string[] lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        string? name = null;
        int start = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            var begin = BeginMarker().Match(lines[i]);
            if (begin.Success)
            {
                if (name is not null)
                {
                    throw new FormatException($"{file}:{i + 1}: snippet '{begin.Groups[1].Value}' begins inside snippet '{name}' (line {start}); end it first.");
                }

                name = begin.Groups[1].Value;
                start = i + 1;
            }
            else if (EndMarker().IsMatch(lines[i]))
            {
                if (name is null)
                {
                    throw new FormatException($"{file}:{i + 1}: '// end-snippet' without a '// begin-snippet: name' before it.");
                }

                AddRegion(name, file, lines[start..i]);
                name = null;
            }
        }

        if (name is not null)
        {
            throw new FormatException($"{file}:{start}: snippet '{name}' has no '// end-snippet'.");
        }
    }

    /// <summary>The snippet's code, or null when no source defines it.</summary>
    public string? Get(string name) => _regions.TryGetValue(name, out var parts) ? string.Join("\n\n", parts) : null;

    /// <summary>The file that defines the snippet (its first region), for messages.</summary>
    public string Origin(string name) => _origins.GetValueOrDefault(name, "?");

    internal static string Dedent(IReadOnlyList<string> lines)
    {
        var trimmed = lines.Select(l => l.TrimEnd()).SkipWhile(l => l.Length == 0).Reverse().SkipWhile(l => l.Length == 0).Reverse().ToList();
        int indent = trimmed.Where(l => l.Length > 0).Select(l => l.Length - l.TrimStart(' ').Length).DefaultIfEmpty(0).Min();
        return string.Join('\n', trimmed.Select(l => l.Length == 0 ? l : l[indent..]));
    }

    private void AddRegion(string name, string file, IReadOnlyList<string> lines)
    {
        if (!_regions.TryGetValue(name, out var parts))
        {
            _regions[name] = parts = [];
            _origins[name] = file;
        }
        else if (_origins[name] != file)
        {
            throw new FormatException($"{file}: snippet '{name}' is already defined in {_origins[name]}; a snippet's regions must be in one file.");
        }

        parts.Add(Dedent(lines));
    }

    [GeneratedRegex(@"^\s*// begin-snippet: ([A-Za-z0-9_.-]+)\s*$")]
    private static partial Regex BeginMarker();

    [GeneratedRegex(@"^\s*// end-snippet\s*$")]
    private static partial Regex EndMarker();
}
