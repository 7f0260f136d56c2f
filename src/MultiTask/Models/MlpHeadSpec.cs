using static TorchSharp.torch.nn;
using Tensor = TorchSharp.torch.Tensor;

namespace MultiTask.Models;

/// <summary>An MLP head: zero or more hidden layers (Linear → activation → [dropout]) and a final Linear to the task's output.</summary>
public sealed class MlpHeadSpec : HeadSpec
{
    internal MlpHeadSpec(IReadOnlyList<int> hiddenSizes, Activation activation, double dropout)
    {
        HiddenSizes = hiddenSizes;
        Activation = activation;
        Dropout = dropout;
    }

    /// <summary>The width of each hidden layer; empty for a single linear layer.</summary>
    public IReadOnlyList<int> HiddenSizes { get; }

    /// <summary>The activation after each hidden layer.</summary>
    public Activation Activation { get; }

    /// <summary>The dropout probability after each hidden activation (0 = none).</summary>
    public double Dropout { get; }

    /// <summary>
    /// The layer widths and settings, from the representation (<c>in</c>) to the task's output (<c>out</c>):
    /// <c>Linear(in → out)</c> or e.g. <c>Mlp(in → 16 → out, ReLU, dropout 0.1)</c>.
    /// </summary>
    public override string ToString() => HiddenSizes.Count == 0
        ? "Linear(in → out)"
        : $"Mlp(in → {string.Join(" → ", HiddenSizes.Select(w => ModelSummary.Number(w)))} → out, {Activation}{(Dropout > 0 ? $", dropout {ModelSummary.Number(Dropout)}" : string.Empty)})";

    internal override Module<Tensor, Tensor> Build(int inputSize, int outputSize, ModuleFactories? factories)
        => MlpBuilder.Build(inputSize, HiddenSizes, outputSize, Activation, Dropout, Normalization.None);
}
