using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Transfer;

/// <summary>A module's state-dict entries (parameters and buffers) in PyTorch's order.</summary>
internal static class StateEntries
{
    /// <summary>
    /// The entries in the order PyTorch's <c>state_dict()</c> gives them: module by module (depth first, in registration
    /// order), each module's parameters before its buffers. TorchSharp lists all parameters before all buffers.
    /// </summary>
    internal static KeyValuePair<string, Tensor>[] Ordered(nn.Module module)
    {
        var owners = new Dictionary<string, int>(StringComparer.Ordinal) { [string.Empty] = -1 };
        foreach (var (name, _) in module.named_modules())
        {
            owners.TryAdd(name, owners.Count);
        }

        // OrderBy is stable: within one module, TorchSharp's parameters-then-buffers order is kept.
        return module.state_dict()
            .OrderBy(e => owners.GetValueOrDefault(Owner(e.Key), int.MaxValue))
            .ToArray();
    }

    private static string Owner(string name)
    {
        int dot = name.LastIndexOf('.');
        return dot < 0 ? string.Empty : name[..dot];
    }
}
