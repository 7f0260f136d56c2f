using MultiTask.Data;
using static TorchSharp.torch.nn;
using Tensor = TorchSharp.torch.Tensor;

namespace MultiTask.Models;

/// <summary>
/// Describes the shared trunk of a model: what input it takes and the width of the representation it gives the heads.
/// The description is saved with the model, so loading rebuilds the same trunk.
/// </summary>
/// <remarks>Create trunks with the <see cref="Trunks"/> factories.</remarks>
public abstract class TrunkSpec
{
    private protected TrunkSpec()
    {
    }

    /// <summary>What a row of input is.</summary>
    public abstract InputKind InputKind { get; }

    /// <summary>The number of input features, or null when the trunk takes token sequences of any length.</summary>
    public abstract int? InputWidth { get; }

    /// <summary>The width of the shared representation passed to every head.</summary>
    public abstract int OutputSize { get; }

    /// <summary>Creates the trunk module with fresh weights.</summary>
    internal abstract Module<Tensor, Tensor> Build(ModuleFactories? factories);

    /// <summary>A readable description of the architecture, e.g. <c>Mlp(100 → 256 → 256, ReLU, dropout 0.1)</c>.</summary>
    public abstract override string ToString();
}
