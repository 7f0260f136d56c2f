using MultiTask.Data;
using static TorchSharp.torch.nn;
using Tensor = TorchSharp.torch.Tensor;

namespace MultiTask.Models;

/// <summary>
/// A text trunk over token-id sequences: an embedding followed by an LSTM or GRU. Padding is handled with packed
/// sequences, so padded positions never influence the representation (the final hidden state of the last layer,
/// both directions concatenated when bidirectional).
/// </summary>
public sealed class TextTrunkSpec : TrunkSpec
{
    internal TextTrunkSpec(int vocabularySize, int embeddingSize, int hiddenSize, RecurrentCell cell, int layers, bool bidirectional, double dropout, int paddingId)
    {
        VocabularySize = vocabularySize;
        EmbeddingSize = embeddingSize;
        HiddenSize = hiddenSize;
        Cell = cell;
        Layers = layers;
        Bidirectional = bidirectional;
        Dropout = dropout;
        PaddingId = paddingId;
    }

    /// <summary>The number of token ids (ids are 0 … size − 1).</summary>
    public int VocabularySize { get; }

    /// <summary>The width of a token embedding.</summary>
    public int EmbeddingSize { get; }

    /// <summary>The hidden width of the recurrent layer, per direction.</summary>
    public int HiddenSize { get; }

    /// <summary>LSTM or GRU.</summary>
    public RecurrentCell Cell { get; }

    /// <summary>The number of stacked recurrent layers.</summary>
    public int Layers { get; }

    /// <summary>Whether the recurrent layer reads both directions.</summary>
    public bool Bidirectional { get; }

    /// <summary>The dropout between stacked recurrent layers and on the representation.</summary>
    public double Dropout { get; }

    /// <summary>The token id that pads sequences; its embedding is fixed at zero.</summary>
    public int PaddingId { get; }

    /// <inheritdoc/>
    public override InputKind InputKind => InputKind.Tokens;

    /// <inheritdoc/>
    public override int? InputWidth => null;

    /// <inheritdoc/>
    public override int OutputSize => Bidirectional ? 2 * HiddenSize : HiddenSize;

    /// <summary>
    /// The sizes and settings, e.g. <c>Text(vocabulary 5,000 → embedding 64 → LSTM 64 × 2 layers, bidirectional, dropout 0.1)</c>;
    /// one layer, one direction, zero dropout and padding id 0 are left out.
    /// </summary>
    public override string ToString()
    {
        var settings = new List<string> { $"vocabulary {ModelSummary.Number(VocabularySize)} → embedding {ModelSummary.Number(EmbeddingSize)} → {Cell.ToString().ToUpperInvariant()} {ModelSummary.Number(HiddenSize)}{(Layers > 1 ? $" × {ModelSummary.Number(Layers)} layers" : string.Empty)}" };
        if (Bidirectional)
        {
            settings.Add("bidirectional");
        }

        if (Dropout > 0)
        {
            settings.Add($"dropout {ModelSummary.Number(Dropout)}");
        }

        if (PaddingId != 0)
        {
            settings.Add($"padding id {ModelSummary.Number(PaddingId)}");
        }

        return $"Text({string.Join(", ", settings)})";
    }

    internal override Module<Tensor, Tensor> Build(ModuleFactories? factories) => new TextEncoder(this);
}
