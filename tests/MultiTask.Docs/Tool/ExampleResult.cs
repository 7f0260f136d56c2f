namespace MultiTask.Docs.Tool;

/// <summary>What one example printed, per output section, or how it failed.</summary>
/// <param name="Example">The example's name (its first output section).</param>
/// <param name="Method">Type and method, for messages.</param>
/// <param name="Outputs">The output sections in the order they were started.</param>
/// <param name="Error">The exception the example threw, or null.</param>
/// <param name="Elapsed">Wall-clock time of the run (reported, never compared).</param>
public sealed record ExampleResult(
    string Example,
    string Method,
    IReadOnlyList<KeyValuePair<string, string>> Outputs,
    Exception? Error,
    TimeSpan Elapsed);
