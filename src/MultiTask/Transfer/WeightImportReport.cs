using System.Globalization;

namespace MultiTask.Transfer;

/// <summary>What an import loaded, as PyTorch's <c>load_state_dict</c> reports it (missing and unexpected keys).</summary>
public sealed class WeightImportReport
{
    internal WeightImportReport(string source, IReadOnlyList<string> loaded, IReadOnlyList<string> missing, IReadOnlyList<string> unexpected, IReadOnlyList<string> ignored)
    {
        Source = source;
        Loaded = loaded;
        Missing = missing;
        Unexpected = unexpected;
        Ignored = ignored;
    }

    /// <summary>The file the weights came from.</summary>
    public string Source { get; }

    /// <summary>The module's entries (parameters and buffers) that received a value, by the module's names, in PyTorch's state-dict order.</summary>
    public IReadOnlyList<string> Loaded { get; }

    /// <summary>The module's entries under the prefix that the file did not provide (they keep their values).</summary>
    public IReadOnlyList<string> Missing { get; }

    /// <summary>The file's tensors whose (mapped) name is not an entry of the module.</summary>
    public IReadOnlyList<string> Unexpected { get; }

    /// <summary>The file's tensors left out on purpose: the name map returned null, or the name lies outside the prefix.</summary>
    public IReadOnlyList<string> Ignored { get; }

    /// <summary>One line per group, e.g. <c>loaded 6: trunk.linear0.weight, …</c>.</summary>
    public override string ToString() => string.Join(
        Environment.NewLine,
        Line("loaded", Loaded),
        Line("missing", Missing),
        Line("unexpected", Unexpected),
        Line("ignored", Ignored));

    private static string Line(string label, IReadOnlyList<string> names)
        => string.Create(CultureInfo.InvariantCulture, $"{label} {names.Count}{(names.Count > 0 ? ": " + string.Join(", ", names) : string.Empty)}");
}
