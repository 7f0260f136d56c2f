using System.Text.RegularExpressions;

namespace MultiTask.Docs.Tool;

/// <summary>Finds and rewrites the generated blocks of a Markdown page.</summary>
public static partial class MarkdownBlocks
{
    /// <summary>The end marker of every block.</summary>
    public const string End = "<!-- end -->";

    /// <summary>The page's lines (line feeds only).</summary>
    public static string[] Lines(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');

    /// <summary>The blocks of a page, in order; <paramref name="page"/> names it in errors.</summary>
    public static IReadOnlyList<DocBlock> Find(string[] lines, string page)
    {
        var blocks = new List<DocBlock>();
        DocBlock? open = null;
        for (int i = 0; i < lines.Length; i++)
        {
            var marker = OpenMarker().Match(lines[i]);
            if (marker.Success)
            {
                if (open is not null)
                {
                    throw new FormatException($"{page}:{i + 1}: a block opens inside the {open.Kind} block '{open.Name}' of line {open.OpenLine + 1}; close it with {End}.");
                }

                open = new DocBlock(marker.Groups[1].Value, marker.Groups[2].Value, i, -1);
            }
            else if (lines[i].Trim() == End)
            {
                if (open is null)
                {
                    throw new FormatException($"{page}:{i + 1}: {End} without an opening snippet or output marker.");
                }

                blocks.Add(open with { EndLine = i });
                open = null;
            }
        }

        if (open is not null)
        {
            throw new FormatException($"{page}:{open.OpenLine + 1}: the {open.Kind} block '{open.Name}' has no {End}.");
        }

        return blocks;
    }

    /// <summary>
    /// The Markdown that stands between the markers for a snippet's code or an example's output, every non-empty line
    /// indented like the opening marker (so that a block inside a list item stays in it).
    /// </summary>
    public static string Render(string kind, string content, string indent = "")
    {
        string fenced = kind == "snippet" ? $"```csharp\n{content}\n```" : $"```text\n{content}\n```";
        return indent.Length == 0 ? fenced : string.Join('\n', fenced.Split('\n').Select(l => l.Length == 0 ? l : indent + l));
    }

    /// <summary>The leading whitespace of a block's opening marker.</summary>
    public static string Indent(string[] lines, DocBlock block) =>
        lines[block.OpenLine][..(lines[block.OpenLine].Length - lines[block.OpenLine].TrimStart().Length)];

    /// <summary>The page with every block's content replaced by <paramref name="content"/> (null: left as it is).</summary>
    public static string Replace(string text, string page, Func<DocBlock, string?> content)
    {
        string[] lines = Lines(text);
        var result = new List<string>();
        int next = 0;
        foreach (var block in Find(lines, page))
        {
            result.AddRange(lines[next..(block.OpenLine + 1)]);
            string? replacement = content(block);
            result.AddRange(replacement is null ? lines[(block.OpenLine + 1)..block.EndLine] : replacement.Split('\n'));
            next = block.EndLine;
        }

        result.AddRange(lines[next..]);
        return string.Join('\n', result);
    }

    [GeneratedRegex(@"^\s*<!-- (snippet|output): ([A-Za-z0-9_.-]+) -->\s*$")]
    private static partial Regex OpenMarker();
}
