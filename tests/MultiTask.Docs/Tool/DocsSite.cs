namespace MultiTask.Docs.Tool;

/// <summary>The pages, the snippet sources and the outputs of one run of every example.</summary>
public sealed class DocsSite
{
    private readonly Dictionary<string, string> _outputs = new(StringComparer.Ordinal);

    private DocsSite(string root, SnippetSource snippets, IReadOnlyList<ExampleResult> results)
    {
        Root = root;
        Snippets = snippets;
        Results = results;
        foreach (var result in results.Where(r => r.Error is null))
        {
            foreach (var (name, text) in result.Outputs)
            {
                if (!_outputs.TryAdd(name, text))
                {
                    throw new InvalidOperationException($"Output '{name}' is produced by two examples (one of them {result.Method}).");
                }
            }
        }
    }

    /// <summary>The repository root.</summary>
    public string Root { get; }

    /// <summary>The snippet regions of the example sources.</summary>
    public SnippetSource Snippets { get; }

    /// <summary>The example runs.</summary>
    public IReadOnlyList<ExampleResult> Results { get; }

    /// <summary>The outputs of the examples that ran to the end, by section name.</summary>
    public IReadOnlyDictionary<string, string> Outputs => _outputs;

    /// <summary>Reads the sources and runs every example; <paramref name="log"/> hears each run's time.</summary>
    public static DocsSite Load(string root, Action<string>? log = null)
    {
        var snippets = SnippetSource.FromFolder(RepositoryPaths.Examples(root), root);
        var results = new List<ExampleResult>();
        foreach (var (name, method) in ExampleRunner.Discover())
        {
            var result = ExampleRunner.Run(name, method, root);
            log?.Invoke($"{name,-40} {result.Elapsed.TotalSeconds,6:F1} s{(result.Error is null ? string.Empty : "  FAILED: " + result.Error.GetType().Name + ": " + result.Error.Message)}");
            results.Add(result);
        }

        return new DocsSite(root, snippets, results);
    }

    /// <summary>Compares one page with what the code produces.</summary>
    public PageCheck Check(string page)
    {
        string text = File.ReadAllText(Path.Combine(Root, page));
        string[] lines = MarkdownBlocks.Lines(text);
        var differences = new List<string>();
        var errors = new List<string>();
        string expected = MarkdownBlocks.Replace(text, page, block =>
        {
            string? content = block.Kind == "snippet" ? Snippets.Get(block.Name) : Outputs.GetValueOrDefault(block.Name);
            if (content is null)
            {
                errors.Add($"{page}:{block.OpenLine + 1}: {Missing(block)}");
                return null;
            }

            string rendered = MarkdownBlocks.Render(block.Kind, content, MarkdownBlocks.Indent(lines, block));
            string[] current = lines[(block.OpenLine + 1)..block.EndLine];
            string[] wanted = rendered.Split('\n');
            if (!current.SequenceEqual(wanted))
            {
                string source = block.Kind == "snippet" ? Snippets.Origin(block.Name) : "running " + Producer(block.Name);
                differences.Add($"{page}:{block.OpenLine + 1}: {block.Kind} '{block.Name}' differs from {source} (- page, + code):\n" +
                    string.Join('\n', LineDiff.Compute(current, wanted)));
            }

            return rendered;
        });
        return new PageCheck(page, expected, differences, errors);
    }

    /// <summary>Snippets and non-empty outputs that no page shows (each should be shown, or deleted).</summary>
    public IReadOnlyList<string> Unused()
    {
        var used = RepositoryPaths.Pages(Root)
            .SelectMany(p => MarkdownBlocks.Find(MarkdownBlocks.Lines(File.ReadAllText(Path.Combine(Root, p))), p))
            .Select(b => (b.Kind, b.Name))
            .ToHashSet();
        return
        [
            .. Snippets.Names.Where(n => !used.Contains(("snippet", n))).Select(n => $"snippet '{n}' ({Snippets.Origin(n)})"),
            .. Outputs.Where(o => o.Value.Length > 0 && !used.Contains(("output", o.Key))).Select(o => o.Key).Select(n => $"output '{n}' ({Producer(n)})"),
        ];
    }

    private string Producer(string output) =>
        Results.FirstOrDefault(r => r.Outputs.Any(o => o.Key == output))?.Method ?? "?";

    private string Missing(DocBlock block)
    {
        if (block.Kind == "snippet")
        {
            return $"no example source defines snippet '{block.Name}' (// begin-snippet: {block.Name} … // end-snippet under tests/MultiTask.Docs/Examples).";
        }

        var failed = Results.Where(r => r.Error is not null).ToList();
        return $"no example printed output '{block.Name}' ([DocExample(\"{block.Name}\")] or DocOutput.Section(\"{block.Name}\"))" +
            (failed.Count == 0 ? "." : "; failed examples: " + string.Join("; ", failed.Select(r => $"{r.Method} threw {r.Error!.GetType().Name}: {r.Error.Message}")));
    }
}
