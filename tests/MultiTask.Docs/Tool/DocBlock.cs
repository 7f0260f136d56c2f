namespace MultiTask.Docs.Tool;

/// <summary>
/// One generated block of a page: the lines strictly between its opening marker
/// (<c>&lt;!-- snippet: name --&gt;</c> or <c>&lt;!-- output: name --&gt;</c>) and its <c>&lt;!-- end --&gt;</c>.
/// </summary>
/// <param name="Kind">"snippet" or "output".</param>
/// <param name="Name">The snippet or output name.</param>
/// <param name="OpenLine">The zero-based line index of the opening marker.</param>
/// <param name="EndLine">The zero-based line index of the end marker.</param>
public sealed record DocBlock(string Kind, string Name, int OpenLine, int EndLine);
