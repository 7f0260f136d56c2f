using MultiTask.Data;
using static TorchSharp.torch.nn;
using Tensor = TorchSharp.torch.Tensor;

namespace MultiTask.Models;

/// <summary>Factories of shared trunks.</summary>
public static class Trunks
{
    /// <summary>A multilayer perceptron over <paramref name="inputSize"/> features.</summary>
    /// <param name="inputSize">The number of input features. Range: [1, 2²⁴].</param>
    /// <param name="hiddenSizes">The width of each hidden layer; at least one and at most 1024, each in [1, 2²⁴]. The last is the representation width.</param>
    /// <param name="activation">Default: <see cref="Activation.ReLU"/>.</param>
    /// <param name="dropout">Dropout probability after each activation. Range: [0, 1). Default: 0.</param>
    /// <param name="normalization">Default: <see cref="Normalization.None"/>.</param>
    public static MlpTrunkSpec Mlp(int inputSize, IReadOnlyList<int> hiddenSizes, Activation activation = Activation.ReLU, double dropout = 0, Normalization normalization = Normalization.None)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputSize, 1);
        SizeLimits.Check(inputSize, SizeLimits.MaxWidth, nameof(inputSize), "inputSize");
        CheckSizes(hiddenSizes, nameof(hiddenSizes), allowEmpty: false);
        CheckDropout(dropout);
        OptionRanges.Defined(activation, nameof(Trunks) + "." + nameof(Mlp), nameof(activation));
        OptionRanges.Defined(normalization, nameof(Trunks) + "." + nameof(Mlp), nameof(normalization));
        return new MlpTrunkSpec(inputSize, hiddenSizes.ToArray(), activation, dropout, normalization);
    }

    /// <summary>An embedding plus LSTM or GRU text trunk over token-id sequences (see <see cref="TextTrunkSpec"/>).</summary>
    /// <param name="vocabularySize">The number of token ids. Range: [2, 2²⁴].</param>
    /// <param name="embeddingSize">Range: [1, 2²⁴]. Default: 64.</param>
    /// <param name="hiddenSize">Hidden width per direction. Range: [1, 2²⁴]. Default: 64.</param>
    /// <param name="cell">Default: <see cref="RecurrentCell.Lstm"/>.</param>
    /// <param name="layers">Range: [1, 64]. Default: 1.</param>
    /// <param name="bidirectional">Default: false.</param>
    /// <param name="dropout">Range: [0, 1). Default: 0.</param>
    /// <param name="paddingId">The padding token id. Range: [0, vocabularySize). Default: 0.</param>
    public static TextTrunkSpec Text(int vocabularySize, int embeddingSize = 64, int hiddenSize = 64, RecurrentCell cell = RecurrentCell.Lstm, int layers = 1, bool bidirectional = false, double dropout = 0, int paddingId = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(vocabularySize, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(embeddingSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(hiddenSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(layers, 1);
        SizeLimits.Check(vocabularySize, SizeLimits.MaxWidth, nameof(vocabularySize), "vocabularySize");
        SizeLimits.Check(embeddingSize, SizeLimits.MaxWidth, nameof(embeddingSize), "embeddingSize");
        SizeLimits.Check(hiddenSize, SizeLimits.MaxWidth, nameof(hiddenSize), "hiddenSize");
        SizeLimits.Check(layers, SizeLimits.MaxRecurrentLayers, nameof(layers), "layers");
        CheckDropout(dropout);
        OptionRanges.Defined(cell, nameof(Trunks) + "." + nameof(Text), nameof(cell));
        if (paddingId < 0 || paddingId >= vocabularySize)
        {
            throw new ArgumentOutOfRangeException(nameof(paddingId), paddingId, $"The padding id must be a token id in [0, {vocabularySize}).");
        }

        return new TextTrunkSpec(vocabularySize, embeddingSize, hiddenSize, cell, layers, bidirectional, dropout, paddingId);
    }

    /// <summary>Any TorchSharp module as the trunk.</summary>
    /// <param name="name">A name for the factory, used again when loading a saved model (see <see cref="ModuleFactories"/>).</param>
    /// <param name="inputKind">What a row of input is.</param>
    /// <param name="inputWidth">The number of input features, or null for token sequences of any length.</param>
    /// <param name="outputSize">The width of the representation the module returns, [batch, outputSize]. Range: ≥ 1.</param>
    /// <param name="factory">Creates the module; called once per model.</param>
    public static CustomTrunkSpec Custom(string name, InputKind inputKind, int? inputWidth, int outputSize, Func<Module<Tensor, Tensor>> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputSize, 1);
        OptionRanges.Defined(inputKind, nameof(Trunks) + "." + nameof(Custom), nameof(inputKind));
        if (inputKind == InputKind.Features && inputWidth is null or < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(inputWidth), inputWidth, "A trunk over features needs the number of input features (≥ 1).");
        }

        return new CustomTrunkSpec(name, inputKind, inputWidth, outputSize) { Factory = factory };
    }

    internal static void CheckSizes(IReadOnlyList<int> sizes, string name, bool allowEmpty)
    {
        ArgumentNullException.ThrowIfNull(sizes, name);
        if (!allowEmpty && sizes.Count == 0)
        {
            throw new ArgumentException("At least one hidden layer is required.", name);
        }

        for (int i = 0; i < sizes.Count; i++)
        {
            if (sizes[i] < 1)
            {
                throw new ArgumentOutOfRangeException(name, sizes[i], $"Hidden layer {i} has width {sizes[i]}; widths must be ≥ 1.");
            }

            SizeLimits.Check(sizes[i], SizeLimits.MaxWidth, name, $"{name}[{i}]");
        }

        SizeLimits.Check(sizes.Count, SizeLimits.MaxMlpLayers, name, $"The number of {name}");
    }

    internal static void CheckDropout(double dropout)
    {
        if (!(dropout >= 0 && dropout < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "Dropout must be in [0, 1).");
        }
    }
}
