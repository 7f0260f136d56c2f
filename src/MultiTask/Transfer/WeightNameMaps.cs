using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Transfer;

/// <summary>
/// Name maps for <see cref="WeightImportOptions.NameMap"/> and <see cref="WeightExportOptions.NameMap"/>, for files whose
/// names differ from the module's: a PyTorch <c>nn.Sequential</c> built without names numbers its layers
/// (<c>0.weight</c>, <c>1.running_mean</c>, <c>3.weight</c>), while the library names them (<c>linear0</c>, <c>norm0</c>, <c>act0</c>, <c>linear1</c>).
/// </summary>
public static class WeightNameMaps
{
    /// <summary>Puts a prefix before every name: <c>0.weight</c> → <c>trunk.0.weight</c>.</summary>
    /// <param name="prefix">The prefix, without the joining dot.</param>
    public static Func<string, string?> AddPrefix(string prefix)
    {
        ParameterNames.CheckPrefix(prefix ?? throw new ArgumentNullException(nameof(prefix)), nameof(prefix));
        return name => prefix + "." + name;
    }

    /// <summary>Removes a prefix: <c>trunk.linear0.weight</c> → <c>linear0.weight</c>; names outside the prefix map to null (left out).</summary>
    /// <param name="prefix">The prefix, without the joining dot.</param>
    public static Func<string, string?> RemovePrefix(string prefix)
    {
        ParameterNames.CheckPrefix(prefix ?? throw new ArgumentNullException(nameof(prefix)), nameof(prefix));
        return name => name.Length > prefix.Length && ParameterNames.Under(name, prefix) ? name[(prefix.Length + 1)..] : null;
    }

    /// <summary>
    /// Reads a PyTorch <c>nn.Sequential</c> saved by position into a named Sequential of the module: the file's
    /// <c>i.rest</c> becomes <c>modelPrefix.&lt;name of child i&gt;.rest</c>. The layers must come in the same order
    /// (parameter-free layers such as activations count as positions in both). Other names pass unchanged.
    /// </summary>
    /// <param name="sequential">The module's Sequential, e.g. <c>((HardSharingNetwork)model.Network).Trunk</c>.</param>
    /// <param name="modelPrefix">Its name in the module, e.g. <c>"trunk"</c>; null when the Sequential is the module itself.</param>
    public static Func<string, string?> FromSequentialPositions(nn.Module sequential, string? modelPrefix)
    {
        var children = ChildNames(sequential, modelPrefix);
        return name =>
        {
            int dot = name.IndexOf('.', StringComparison.Ordinal);
            return dot > 0 && int.TryParse(name.AsSpan(0, dot), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int i) && i < children.Length
                ? Join(modelPrefix, children[i] + name[dot..])
                : name;
        };
    }

    /// <summary>
    /// The inverse of <see cref="FromSequentialPositions"/>, for export: <c>modelPrefix.&lt;name of child i&gt;.rest</c>
    /// becomes <c>i.rest</c>, as PyTorch's unnamed <c>nn.Sequential</c> expects. Names outside the Sequential map to null (left out).
    /// </summary>
    /// <param name="sequential">The module's Sequential, e.g. <c>((HardSharingNetwork)model.Network).Trunk</c>.</param>
    /// <param name="modelPrefix">Its name in the module, e.g. <c>"trunk"</c>; null when the Sequential is the module itself.</param>
    public static Func<string, string?> ToSequentialPositions(nn.Module sequential, string? modelPrefix)
    {
        var children = ChildNames(sequential, modelPrefix);
        return name =>
        {
            for (int i = 0; i < children.Length; i++)
            {
                string child = Join(modelPrefix, children[i]);
                if (name.Length > child.Length && ParameterNames.Under(name, child))
                {
                    return i.ToString(System.Globalization.CultureInfo.InvariantCulture) + name[child.Length..];
                }
            }

            return null;
        };
    }

    private static string[] ChildNames(nn.Module sequential, string? modelPrefix)
    {
        ArgumentNullException.ThrowIfNull(sequential);
        ParameterNames.CheckPrefix(modelPrefix, nameof(modelPrefix));
        return sequential.named_children().Select(c => c.name).ToArray();
    }

    private static string Join(string? prefix, string name) => prefix is null ? name : prefix + "." + name;
}
