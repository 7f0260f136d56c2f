namespace MultiTask.Safetensors;

/// <summary>The tensors and metadata of a safetensors file, as read by <see cref="SafetensorsFile.Read"/>.</summary>
public sealed class SafetensorsContent
{
    private readonly SafetensorsTensor[] _tensors;
    private readonly Dictionary<string, SafetensorsTensor> _byName;

    internal SafetensorsContent(string source, SafetensorsTensor[] tensors, IReadOnlyDictionary<string, string> metadata)
    {
        Source = source;
        _tensors = tensors;
        _byName = tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
        Metadata = metadata;
    }

    /// <summary>The file the tensors came from (for messages).</summary>
    public string Source { get; }

    /// <summary>The tensors, in the order of their data in the file.</summary>
    public IReadOnlyList<SafetensorsTensor> Tensors => _tensors;

    /// <summary>The header's <c>__metadata__</c> (string to string); empty when the file has none.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The tensor of a name.</summary>
    /// <param name="name">A tensor name of the file.</param>
    /// <exception cref="KeyNotFoundException">The file has no tensor of that name; the message lists the names it has.</exception>
    public SafetensorsTensor this[string name] => _byName.TryGetValue(name, out var tensor)
        ? tensor
        : throw new KeyNotFoundException($"The safetensors file '{Source}' has no tensor '{name}'; it has {string.Join(", ", _tensors.Select(t => $"'{t.Name}'"))}.");

    /// <summary>Looks a tensor up by name.</summary>
    /// <param name="name">The tensor name.</param>
    /// <param name="tensor">The tensor, or null.</param>
    /// <returns>Whether the file has the tensor.</returns>
    public bool TryGet(string name, out SafetensorsTensor? tensor) => _byName.TryGetValue(name, out tensor);
}
