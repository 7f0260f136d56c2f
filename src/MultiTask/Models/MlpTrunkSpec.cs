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

    internal override Module<Tensor, Tensor> Build(ModuleFactories? factories)
        => MlpBuilder.Build(InputSize, HiddenSizes, null, Activation, Dropout, Normalization);
}
