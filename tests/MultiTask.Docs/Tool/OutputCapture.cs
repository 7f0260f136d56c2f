using System.Text;

namespace MultiTask.Docs.Tool;

/// <summary>The console while an example runs: text goes to the current named section.</summary>
internal sealed class OutputCapture : TextWriter
{
    private readonly List<(string Name, StringBuilder Text)> _sections = [];

    public OutputCapture(string firstSection) => Begin(firstSection);

    public override Encoding Encoding => Encoding.UTF8;

    public void Begin(string name)
    {
        if (_sections.Any(s => s.Name == name))
        {
            throw new InvalidOperationException($"Output section '{name}' is started twice.");
        }

        _sections.Add((name, new StringBuilder()));
    }

    public override void Write(char value) => _sections[^1].Text.Append(value);

    public override void Write(string? value) => _sections[^1].Text.Append(value);

    /// <summary>Each section's text, normalised: line feeds only, trailing spaces and final blank lines removed.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Sections() =>
        [.. _sections.Select(s => KeyValuePair.Create(s.Name, Normalise(s.Text.ToString())))];

    internal static string Normalise(string text) =>
        string.Join('\n', text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd())).TrimEnd('\n');
}
