using System.Globalization;
using MultiTask.Safetensors;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Transfer;

/// <summary>
/// Exports and imports a TorchSharp module's parameters and buffers (e.g. BatchNorm's running statistics) as safetensors,
/// under the module's state-dict names. TorchSharp names entries as PyTorch does (<c>trunk.linear0.weight</c>,
/// <c>heads.income.out.bias</c>, <c>trunk.norm0.running_mean</c>), so a PyTorch model built from the same
/// <c>nn.Sequential(OrderedDict(...))</c> and <c>nn.ModuleDict</c> structure loads the file with
/// <c>load_state_dict(strict=True)</c>, and the other way round; a name map handles everything else.
/// </summary>
public static class ModuleWeights
{
    /// <summary>The module's entries (parameters and buffers) as safetensors tensors, copied to managed memory, in PyTorch's state-dict order.</summary>
    /// <param name="module">The module.</param>
    /// <param name="options">Which entries and which names. Default: all entries under their own names.</param>
    /// <exception cref="ArgumentException">The name map gives two entries the same name.</exception>
    public static IReadOnlyList<SafetensorsTensor> ToSafetensors(nn.Module module, WeightExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        options ??= new WeightExportOptions();
        var result = new List<SafetensorsTensor>();
        var written = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, tensor) in StateEntries.Ordered(module))
        {
            if (!ParameterNames.Under(name, options.Prefix) || (options.NameMap is null ? name : options.NameMap(name)) is not { } target)
            {
                continue;
            }

            if (!written.TryAdd(target, name))
            {
                throw new ArgumentException($"The name map writes both '{written[target]}' and '{name}' as '{target}'.", nameof(options));
            }

            result.Add(TensorBytes.ToEntry(target, tensor));
        }

        return result;
    }

    /// <summary>Writes the module's entries to a safetensors file, atomically (temporary file, then rename).</summary>
    /// <param name="module">The module.</param>
    /// <param name="path">The file; its folder is created if needed.</param>
    /// <param name="options">Which entries, which names, which metadata. Default: all entries under their own names.</param>
    public static void Export(nn.Module module, string path, WeightExportOptions? options = null)
        => SafetensorsFile.Write(path, ToSafetensors(module, options), options?.Metadata);

    /// <summary>Loads a safetensors file into the module by name; see <see cref="Import(nn.Module, SafetensorsContent, WeightImportOptions?)"/>.</summary>
    /// <param name="module">The module to receive the values.</param>
    /// <param name="path">The safetensors file.</param>
    /// <param name="options">Prefix, name map and strictness. Default: every entry, the file's names, not strict.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="SafetensorsException">The file is invalid.</exception>
    /// <exception cref="ArgumentException">A shape or dtype does not match, or (strict) an entry is missing or unexpected.</exception>
    public static WeightImportReport Import(nn.Module module, string path, WeightImportOptions? options = null)
        => Import(module, SafetensorsFile.Read(path), options);

    /// <summary>
    /// Loads tensors into the module by name (after the name map): every matching entry under the prefix receives the
    /// file's values, converted to the entry's dtype (floating to floating, integer to integer). All shapes are checked
    /// before anything is copied, so a mismatch leaves the module unchanged. Values are copied in place, so optimisers
    /// and views of the parameters stay valid.
    /// </summary>
    /// <param name="module">The module to receive the values.</param>
    /// <param name="content">The tensors, e.g. from <see cref="SafetensorsFile.Read"/>.</param>
    /// <param name="options">Prefix, name map and strictness. Default: every entry, the file's names, not strict.</param>
    /// <returns>What was loaded, missing, unexpected and ignored.</returns>
    /// <exception cref="ArgumentException">
    /// A tensor's shape differs from its entry's (the message names the entry and both shapes), a floating tensor meets
    /// an integer entry or the other way round, two tensors map to one entry, or (strict) an entry is missing or a tensor unexpected.
    /// </exception>
    public static WeightImportReport Import(nn.Module module, SafetensorsContent content, WeightImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(content);
        options ??= new WeightImportOptions();
        var ordered = StateEntries.Ordered(module);
        var entries = ordered.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        if (options.Prefix is { } prefix && !entries.Keys.Any(n => ParameterNames.Under(n, prefix)))
        {
            throw new ArgumentException($"The module has no entries under prefix '{prefix}'; its groups are {ParameterNames.Groups(entries.Keys)}.", nameof(options));
        }

        var matches = new Dictionary<string, SafetensorsTensor>(StringComparer.Ordinal);
        var unexpected = new List<string>();
        var ignored = new List<string>();
        var problems = new List<string>();
        foreach (var tensor in content.Tensors)
        {
            string? target = options.NameMap is null ? tensor.Name : options.NameMap(tensor.Name);
            if (target is null || !ParameterNames.Under(target, options.Prefix))
            {
                ignored.Add(tensor.Name);
            }
            else if (!entries.TryGetValue(target, out var entry))
            {
                unexpected.Add(tensor.Name);
            }
            else if (!matches.TryAdd(target, tensor))
            {
                problems.Add($"tensors '{matches[target].Name}' and '{tensor.Name}' both map to '{target}'");
            }
            else if (Problem(target, tensor, entry) is { } problem)
            {
                problems.Add(problem);
            }
        }

        var loaded = ordered.Select(e => e.Key).Where(matches.ContainsKey).ToArray();
        var missing = ordered.Select(e => e.Key).Where(n => ParameterNames.Under(n, options.Prefix) && !matches.ContainsKey(n)).ToArray();
        if (options.Strict && (missing.Length > 0 || unexpected.Count > 0))
        {
            problems.Add($"strict import: {missing.Length} entries of the module are missing from the file ({string.Join(", ", missing)}) and {unexpected.Count} tensors of the file are unexpected ({string.Join(", ", unexpected)})");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException($"Cannot load '{content.Source}' into the module (nothing was changed): {string.Join("; ", problems)}.", nameof(content));
        }

        using (torch.no_grad())
        using (torch.NewDisposeScope())
        {
            foreach (var name in loaded)
            {
                entries[name].copy_(TensorBytes.ToTensor(matches[name]));
            }
        }

        return new WeightImportReport(content.Source, loaded, missing, unexpected, ignored);
    }

    private static string? Problem(string target, SafetensorsTensor tensor, Tensor entry)
    {
        string source = tensor.Name == target ? $"'{target}'" : $"'{tensor.Name}' (as '{target}')";
        if (!tensor.Shape.SequenceEqual(entry.shape))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{source} has shape {SafetensorsTensor.FormatShape(tensor.Shape)} in the file but {SafetensorsTensor.FormatShape(entry.shape)} in the module");
        }

        bool floatingFile = SafetensorsDTypes.IsFloating(tensor.DType);
        bool floatingEntry = TensorBytes.IsFloating(entry.dtype);
        return floatingFile == floatingEntry
            ? null
            : $"{source} is {SafetensorsDTypes.Name(tensor.DType)} in the file but {entry.dtype} in the module ({(floatingFile ? "floating point into integers" : "integers into floating point")})";
    }
}
