using MultiTask.Data;
using static TorchSharp.torch.nn;
using Tensor = TorchSharp.torch.Tensor;

namespace MultiTask.Models;

/// <summary>
/// A user-supplied TorchSharp module as the trunk. The model file stores its name and sizes; loading needs the same
/// factory again, passed in <see cref="ModuleFactories"/>.
/// </summary>
public sealed class CustomTrunkSpec : TrunkSpec
{
    private readonly InputKind _inputKind;
    private readonly int? _inputWidth;
    private readonly int _outputSize;

    internal CustomTrunkSpec(string name, InputKind inputKind, int? inputWidth, int outputSize)
    {
        Name = name;
        _inputKind = inputKind;
        _inputWidth = inputWidth;
        _outputSize = outputSize;
    }

    /// <summary>The name under which the factory is registered.</summary>
    public string Name { get; }

    /// <inheritdoc/>
    public override InputKind InputKind => _inputKind;

    /// <inheritdoc/>
    public override int? InputWidth => _inputWidth;

    /// <inheritdoc/>
    public override int OutputSize => _outputSize;

    internal Func<Module<Tensor, Tensor>>? Factory { get; init; }

    /// <summary>The factory name and sizes, e.g. <c>Custom('encoder', Features 10 → 32)</c> or <c>Custom('reader', Tokens → 64)</c>.</summary>
    public override string ToString()
        => $"Custom('{Name}', {InputKind}{(InputWidth is int width ? $" {ModelSummary.Number(width)}" : string.Empty)} → {ModelSummary.Number(OutputSize)})";

    internal override Module<Tensor, Tensor> Build(ModuleFactories? factories)
    {
        var factory = Factory ?? factories?.Trunk(Name)
            ?? throw new InvalidOperationException($"Custom trunk '{Name}' has no factory: pass one in ModuleFactories when loading the model.");
        return factory() ?? throw new InvalidOperationException($"The factory of custom trunk '{Name}' returned null.");
    }
}
