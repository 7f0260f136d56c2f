namespace MultiTask.Transfer;

/// <summary>How <see cref="ModuleWeights.Import(TorchSharp.torch.nn.Module, Safetensors.SafetensorsContent, WeightImportOptions?)"/> matches a file's tensors to a module's parameters and buffers.</summary>
public sealed class WeightImportOptions
{
    private readonly string? _prefix;

    /// <summary>
    /// Loads only the module's entries under this name prefix, e.g. <c>"trunk"</c> to take a pre-trained trunk and keep
    /// fresh heads; file tensors that map outside it are ignored. null loads every entry. Default: null.
    /// </summary>
    /// <exception cref="ArgumentException">The prefix is empty, white space, or starts or ends with a dot.</exception>
    public string? Prefix
    {
        get => _prefix;
        init => _prefix = ParameterNames.CheckPrefix(value, nameof(Prefix));
    }

    /// <summary>
    /// Maps each tensor name of the file to the module's name for it (null ignores the tensor), e.g.
    /// <see cref="WeightNameMaps.FromSequentialPositions"/> for a PyTorch <c>nn.Sequential</c> saved by position.
    /// null keeps the file's names. Default: null.
    /// </summary>
    public Func<string, string?>? NameMap { get; init; }

    /// <summary>
    /// Whether a missing entry (under <see cref="Prefix"/>) or an unexpected tensor is an error, as PyTorch's
    /// <c>load_state_dict(strict=True)</c>; otherwise both are only reported. Default: false.
    /// </summary>
    public bool Strict { get; init; }
}
