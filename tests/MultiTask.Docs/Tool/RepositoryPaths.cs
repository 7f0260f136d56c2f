namespace MultiTask.Docs.Tool;

/// <summary>Where the repository, its pages and the example sources are.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder holding MultiTask.sln, searched upwards from <paramref name="start"/> (default: the executable's folder).</summary>
    public static string Root(string? start = null)
    {
        for (var dir = new DirectoryInfo(start ?? AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MultiTask.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No MultiTask.sln above '{start ?? AppContext.BaseDirectory}'; run the docs tool from inside the repository.");
    }

    /// <summary>The pages checked: every Markdown file in docs/, as repository-relative paths.</summary>
    public static IReadOnlyList<string> Pages(string root) =>
        [.. Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md").Select(p => Path.GetRelativePath(root, p).Replace('\\', '/')).Order(StringComparer.Ordinal)];

    /// <summary>The folder of the example sources.</summary>
    public static string Examples(string root) => Path.Combine(root, "tests", "MultiTask.Docs", "Examples");
}
