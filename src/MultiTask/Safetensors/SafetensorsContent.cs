namespace MultiTask.Safetensors;

/// <summary>The tensors and metadata of a safetensors file, as read by <see cref="SafetensorsFile.Read"/>, or tensors held in memory.</summary>
public sealed class SafetensorsContent
{
    private readonly SafetensorsTensor[] _tensors;
    private readonly Dictionary<string, SafetensorsTensor> _byName;

    /// <summary>Tensors held in memory, e.g. from <see cref="Transfer.ModuleWeights.ToSafetensors"/>, to import or write.</summary>
    /// <param name="source">A name for messages, e.g. the file or model the tensors came from.</param>
    /// <param name="tensors">The tensors; names unique.</param>
    /// <param name="metadata">The metadata; null for none.</param>
    /// <exception cref="ArgumentException">Two tensors share a name.</exception>
    public SafetensorsContent(string source, IEnumerable<SafetensorsTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(tensors);
        Source = source;
        _tensors = tensors.ToArray();
        _byName = new Dictionary<string, SafetensorsTensor>(StringComparer.Ordinal);
        foreach (var tensor in _tensors)
        {
            ArgumentNullException.ThrowIfNull(tensor, nameof(tensors));
            if (!_byName.TryAdd(tensor.Name, tensor))
            {
                throw new ArgumentException($"Tensor name '{tensor.Name}' is used twice in '{source}'.", nameof(tensors));
            }
        }

        Metadata = metadata ?? new Dictionary<string, string>();
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
