using MultiTask.Data;
using static TorchSharp.torch.nn;
using Tensor = TorchSharp.torch.Tensor;

namespace MultiTask.Models;

/// <summary>A multilayer perceptron trunk over a feature vector: Linear → [normalisation] → activation → [dropout], per hidden layer.</summary>
public sealed class MlpTrunkSpec : TrunkSpec
{
    internal MlpTrunkSpec(int inputSize, IReadOnlyList<int> hiddenSizes, Activation activation, double dropout, Normalization normalization)
    {
        InputSize = inputSize;
        HiddenSizes = hiddenSizes;
        Activation = activation;
        Dropout = dropout;
        Normalization = normalization;
    }

    /// <summary>The number of input features.</summary>
    public int InputSize { get; }

    /// <summary>The width of each hidden layer; the last is the representation width.</summary>
    public IReadOnlyList<int> HiddenSizes { get; }

    /// <summary>The activation after each hidden layer.</summary>
    public Activation Activation { get; }

    /// <summary>The dropout probability after each activation (0 = none).</summary>
    public double Dropout { get; }

    /// <summary>The normalisation after each hidden linear layer.</summary>
    public Normalization Normalization { get; }

    /// <inheritdoc/>
    public override InputKind InputKind => InputKind.Features;

    /// <inheritdoc/>
    public override int? InputWidth => InputSize;

    /// <inheritdoc/>
    public override int OutputSize => HiddenSizes[^1];

    /// <summary>The layer widths and settings, e.g. <c>Mlp(100 → 256 → 256, ReLU, dropout 0.1, BatchNorm)</c>; zero dropout and no normalisation are left out.</summary>
    public override string ToString()
        => $"Mlp({string.Join(" → ", HiddenSizes.Prepend(InputSize).Select(w => ModelSummary.Number(w)))}, {Activation}{(Dropout > 0 ? $", dropout {ModelSummary.Number(Dropout)}" : string.Empty)}{(Normalization != Normalization.None ? $", {Normalization}" : string.Empty)})";

    internal override Module<Tensor, Tensor> Build(ModuleFactories? factories)
        => MlpBuilder.Build(InputSize, HiddenSizes, null, Activation, Dropout, Normalization);
}
