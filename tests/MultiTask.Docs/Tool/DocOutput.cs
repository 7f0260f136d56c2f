namespace MultiTask.Docs.Tool;

/// <summary>Lets one example fill several output blocks: call it between snippet regions, never inside one.</summary>
public static class DocOutput
{
    [ThreadStatic]
    private static OutputCapture? _current;

    /// <summary>Everything the example prints from now on goes to the output block <paramref name="name"/>.</summary>
    public static void Section(string name)
    {
        (_current ?? throw new InvalidOperationException("DocOutput.Section is only valid while the docs runner runs an example.")).Begin(name);
    }

    internal static void Attach(OutputCapture? capture) => _current = capture;
}
