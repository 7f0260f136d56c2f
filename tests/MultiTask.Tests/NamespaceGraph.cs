using System.Text.RegularExpressions;

namespace MultiTask.Tests;

/// <summary>
/// The dependency graph between the sub-namespaces of the core, read from its source files: an edge A → B for every
/// file of A that has a <c>using MultiTask.B…</c> directive or a fully qualified <c>MultiTask.B.</c> reference in code
/// (comments are ignored, so documentation links do not count). Nested namespaces are folded into their first level
/// (<c>MultiTask.Weighting.Solvers</c> counts as <c>MultiTask.Weighting</c>); the root namespace <c>MultiTask</c> is
/// left out, since every namespace may use it. Names qualified relative to an enclosing namespace (<c>Models.X</c>
/// inside <c>MultiTask.Data</c>) are not detected; the code uses <c>using</c> directives instead.
/// </summary>
internal sealed partial class NamespaceGraph
{
    private readonly SortedDictionary<string, SortedDictionary<string, SortedSet<string>>> _edges = new(StringComparer.Ordinal);

    /// <summary>The edges: source namespace → target namespace → files (relative paths) that make the edge.</summary>
    public IReadOnlyDictionary<string, SortedDictionary<string, SortedSet<string>>> Edges => _edges;

    /// <summary>Reads every .cs file under a source folder (bin and obj excluded).</summary>
    public static NamespaceGraph FromSources(string folder)
    {
        var graph = new NamespaceGraph();
        foreach (var file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            string relative = Path.GetRelativePath(folder, file).Replace('\\', '/');
            if (relative.StartsWith("obj/", StringComparison.Ordinal) || relative.StartsWith("bin/", StringComparison.Ordinal))
            {
                continue;
            }

            string code = WithoutComments(File.ReadAllText(file));
            var own = NamespacePattern().Match(code);
            if (!own.Success || Group(own.Groups[1].Value) is not { } from)
            {
                continue;
            }

            foreach (Match reference in ReferencePattern().Matches(code))
            {
                if (Group("MultiTask." + reference.Groups[1].Value) is { } to && to != from)
                {
                    graph.Add(from, to, relative);
                }
            }
        }

        return graph;
    }

    /// <summary>Adds an edge (for building graphs by hand).</summary>
    public void Add(string from, string to, string evidence)
    {
        if (!_edges.TryGetValue(from, out var targets))
        {
            _edges[from] = targets = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        }

        if (!targets.TryGetValue(to, out var files))
        {
            targets[to] = files = new SortedSet<string>(StringComparer.Ordinal);
        }

        files.Add(evidence);
    }

    /// <summary>
    /// A cycle, as the path of namespaces that closes it (first = last), found by depth-first search in ordinal order;
    /// null when the graph is acyclic.
    /// </summary>
    public IReadOnlyList<string>? FindCycle()
    {
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: on the current path; true: done
        var path = new List<string>();
        foreach (var start in _edges.Keys)
        {
            if (!state.ContainsKey(start) && Visit(start, state, path) is { } cycle)
            {
                return cycle;
            }
        }

        return null;
    }

    /// <summary>A cycle path with the files behind each of its edges, for a failure message.</summary>
    public string Describe(IReadOnlyList<string> cycle)
    {
        var lines = new List<string> { string.Join(" → ", cycle) };
        for (int i = 0; i + 1 < cycle.Count; i++)
        {
            lines.Add($"  {cycle[i]} → {cycle[i + 1]}: {string.Join(", ", _edges[cycle[i]][cycle[i + 1]])}");
        }

        return string.Join(Environment.NewLine, lines);
    }

    private static string? Group(string ns)
    {
        var parts = ns.Split('.');
        return parts.Length >= 2 && parts[0] == "MultiTask" ? $"MultiTask.{parts[1]}" : null;
    }

    private static string WithoutComments(string code) => CommentPattern().Replace(code, string.Empty);

    private List<string>? Visit(string node, Dictionary<string, bool> state, List<string> path)
    {
        state[node] = false;
        path.Add(node);
        foreach (var next in _edges.GetValueOrDefault(node)?.Keys ?? Enumerable.Empty<string>())
        {
            if (state.TryGetValue(next, out bool done))
            {
                if (!done)
                {
                    return [.. path.Skip(path.IndexOf(next)), next];
                }
            }
            else if (Visit(next, state, path) is { } cycle)
            {
                return cycle;
            }
        }

        path.RemoveAt(path.Count - 1);
        state[node] = true;
        return null;
    }

    [GeneratedRegex(@"^\s*namespace\s+([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex NamespacePattern();

    [GeneratedRegex(@"(?<![\w.])(?:global::)?MultiTask\.(\w+)")]
    private static partial Regex ReferencePattern();

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex CommentPattern();
}
