using static TorchSharp.torch.nn;
using Tensor = TorchSharp.torch.Tensor;

namespace MultiTask.Models;

/// <summary>
/// Factories of custom trunks and heads by name, needed to load a model that uses them
/// (the file holds their weights, not their code).
/// </summary>
public sealed class ModuleFactories
{
    private readonly Dictionary<string, Func<Module<Tensor, Tensor>>> _trunks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<int, int, Module<Tensor, Tensor>>> _heads = new(StringComparer.Ordinal);

    /// <summary>Registers the factory of a custom trunk.</summary>
    /// <param name="name">The name given to <see cref="Trunks.Custom"/>.</param>
    /// <param name="factory">Creates the trunk module.</param>
    /// <returns>This instance, for chaining.</returns>
    public ModuleFactories AddTrunk(string name, Func<Module<Tensor, Tensor>> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        _trunks[name] = factory;
        return this;
    }

    /// <summary>Registers the factory of a custom head.</summary>
    /// <param name="name">The name given to <see cref="Heads.Custom"/>.</param>
    /// <param name="factory">Creates the head from the representation width and the task's output width.</param>
    /// <returns>This instance, for chaining.</returns>
    public ModuleFactories AddHead(string name, Func<int, int, Module<Tensor, Tensor>> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        _heads[name] = factory;
        return this;
    }

    internal Func<Module<Tensor, Tensor>>? Trunk(string name) => _trunks.GetValueOrDefault(name);

    internal Func<int, int, Module<Tensor, Tensor>>? Head(string name) => _heads.GetValueOrDefault(name);
}
