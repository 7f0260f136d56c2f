using TorchSharp;
using static TorchSharp.torch;
using TorchSharp.Modules;

namespace MultiTask.Transfer;

/// <summary>
/// Freezes and unfreezes groups of a module's parameters by name prefix (<c>"trunk"</c>, <c>"heads.income"</c>), as
/// PyTorch's <c>requires_grad_(False)</c>: a frozen parameter gets no gradient, so the library's optimisers skip it
/// and its values stay bit-identical while the rest trains (ULMFiT's gradual unfreezing: Howard and Ruder, ACL 2018).
/// </summary>
/// <remarks>
/// The trainer's loss-based weighting methods respect frozen parameters as they are. Gradient-based methods
/// (MGDA, PCGrad, …) differentiate each task's loss with respect to explicit parameter lists, so the trainer refuses
/// them, with a reason, while any parameter is frozen.
/// </remarks>
public static class ParameterGroups
{
    /// <summary>Stops gradients for every parameter under the prefix and drops any gradient they hold.</summary>
    /// <param name="module">The module.</param>
    /// <param name="prefix">A parameter name or prefix, e.g. <c>"trunk"</c>.</param>
    /// <returns>The names of the parameters frozen.</returns>
    /// <exception cref="ArgumentException">No parameter lies under the prefix; the message lists the groups.</exception>
    public static IReadOnlyList<string> Freeze(nn.Module module, string prefix) => Set(module, prefix, trainable: false);

    /// <summary>Lets gradients flow again for every parameter under the prefix.</summary>
    /// <param name="module">The module.</param>
    /// <param name="prefix">A parameter name or prefix, e.g. <c>"trunk"</c>.</param>
    /// <returns>The names of the parameters unfrozen.</returns>
    /// <exception cref="ArgumentException">No parameter lies under the prefix; the message lists the groups.</exception>
    public static IReadOnlyList<string> Unfreeze(nn.Module module, string prefix) => Set(module, prefix, trainable: true);

    /// <summary>The names of the module's frozen parameters, in module order.</summary>
    /// <param name="module">The module.</param>
    public static IReadOnlyList<string> Frozen(nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        return module.named_parameters().Where(p => !p.parameter.requires_grad).Select(p => p.name).ToArray();
    }

    /// <summary>
    /// Each parameter's learning rate (in <c>parameters()</c> order) from group rates by prefix: the longest prefix a
    /// parameter lies under wins, others take <paramref name="baseRate"/>; null when there are no group rates.
    /// </summary>
    /// <exception cref="ArgumentException">A prefix names no parameter; the message names <paramref name="owner"/> and lists the groups.</exception>
    internal static double[]? LearningRates(nn.Module module, double baseRate, IReadOnlyDictionary<string, double>? groups, string owner)
    {
        if (groups is not { Count: > 0 })
        {
            return null;
        }

        var names = module.named_parameters().Select(p => p.name).ToArray();
        foreach (var prefix in groups.Keys.Where(k => !names.Any(n => ParameterNames.Under(n, k))))
        {
            throw new ArgumentException($"{owner} names '{prefix}', under which the model has no parameter; its parameter groups are {ParameterNames.Groups(names)}.", owner);
        }

        return names
            .Select(n => groups.Where(g => ParameterNames.Under(n, g.Key)).OrderByDescending(g => g.Key.Length).Select(g => g.Value).DefaultIfEmpty(baseRate).First())
            .ToArray();
    }

    private static string[] Set(nn.Module module, string prefix, bool trainable)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(prefix);
        ParameterNames.CheckPrefix(prefix, nameof(prefix));
        var all = module.named_parameters().ToArray();
        var chosen = all.Where(p => ParameterNames.Under(p.name, prefix)).ToArray();
        if (chosen.Length == 0)
        {
            throw new ArgumentException($"No parameter lies under '{prefix}'; the module's parameter groups are {ParameterNames.Groups(all.Select(p => p.name))}.", nameof(prefix));
        }

        foreach (var (_, parameter) in chosen)
        {
            parameter.requires_grad = trainable;
            if (!trainable)
            {
                Drop(parameter);
            }
        }

        return chosen.Select(p => p.name).ToArray();
    }

    private static void Drop(Parameter parameter)
    {
        if (parameter.grad is { } grad)
        {
            grad.Dispose();
            parameter.grad = null;
        }
    }
}
