namespace MultiTask.Transfer;

/// <summary>Which of a module's parameters and buffers <see cref="ModuleWeights.Export"/> writes, and under which names.</summary>
public sealed class WeightExportOptions
{
    private readonly string? _prefix;

    /// <summary>Writes only the entries under this name prefix, e.g. <c>"trunk"</c>; null writes every entry. Default: null.</summary>
    /// <exception cref="ArgumentException">The prefix is empty, white space, or starts or ends with a dot.</exception>
    public string? Prefix
    {
        get => _prefix;
        init => _prefix = ParameterNames.CheckPrefix(value, nameof(Prefix));
    }

    /// <summary>
    /// Maps each of the module's names to the name written (null leaves the entry out), e.g.
    /// <see cref="WeightNameMaps.ToSequentialPositions"/> for a PyTorch <c>nn.Sequential</c> indexed by position.
    /// null keeps the module's names. Default: null.
    /// </summary>
    public Func<string, string?>? NameMap { get; init; }

    /// <summary>Strings stored in the file's <c>__metadata__</c>. Default: none.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}
