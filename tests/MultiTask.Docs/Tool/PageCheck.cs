namespace MultiTask.Docs.Tool;

/// <summary>A page as its code makes it, and what differs from the page on disk.</summary>
/// <param name="Page">The repository-relative path of the page.</param>
/// <param name="Expected">The page's text with every block generated from the code.</param>
/// <param name="Differences">One message with a diff per block whose content differs from the code's version.</param>
/// <param name="Errors">Blocks that could not be generated (unknown snippet, output not produced, example failed).</param>
public sealed record PageCheck(string Page, string Expected, IReadOnlyList<string> Differences, IReadOnlyList<string> Errors)
{
    /// <summary>True when the page on disk is exactly what the code produces.</summary>
    public bool UpToDate => Differences.Count == 0 && Errors.Count == 0;

    /// <summary>Every problem, for a test failure or the console.</summary>
    public string Report() => string.Join("\n\n", Errors.Concat(Differences));
}
