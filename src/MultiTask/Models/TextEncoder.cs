using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MultiTask.Models;

/// <summary>Embedding + LSTM/GRU over padded token-id sequences, using packed sequences so that padding is ignored.</summary>
internal sealed class TextEncoder : Module<Tensor, Tensor>
{
    [ComponentName(Name = "embedding")]
    private readonly Embedding _embedding;

    [ComponentName(Name = "lstm")]
    private readonly LSTM? _lstm;

    [ComponentName(Name = "gru")]
    private readonly GRU? _gru;

    [ComponentName(Name = "dropout")]
    private readonly Module<Tensor, Tensor> _dropout;

    private readonly int _paddingId;
    private readonly int _layers;
    private readonly bool _bidirectional;

    internal TextEncoder(TextTrunkSpec spec)
        : base(nameof(TextEncoder))
    {
        _paddingId = spec.PaddingId;
        _layers = spec.Layers;
        _bidirectional = spec.Bidirectional;
        _embedding = Embedding(spec.VocabularySize, spec.EmbeddingSize, padding_idx: spec.PaddingId);
        double between = spec.Layers > 1 ? spec.Dropout : 0;
        if (spec.Cell == RecurrentCell.Lstm)
        {
            _lstm = LSTM(spec.EmbeddingSize, spec.HiddenSize, numLayers: spec.Layers, batchFirst: true, dropout: between, bidirectional: spec.Bidirectional);
        }
        else
        {
            _gru = GRU(spec.EmbeddingSize, spec.HiddenSize, numLayers: spec.Layers, batchFirst: true, dropout: between, bidirectional: spec.Bidirectional);
        }

        _dropout = spec.Dropout > 0 ? Dropout(spec.Dropout) : Identity();
        RegisterComponents();
    }

    /// <summary>[batch, length] int64 token ids → [batch, hidden × directions], the last layer's final hidden state.</summary>
    public override Tensor forward(Tensor tokens)
    {
        using var scope = NewDisposeScope();
        var lengths = tokens.NotEqual(_paddingId).sum(1).ClampMinScalar(1).cpu();
        var embedded = _embedding.call(tokens);
        using var packed = torch.nn.utils.rnn.pack_padded_sequence(embedded, lengths, batch_first: true, enforce_sorted: false);
        Tensor hidden;
        if (_lstm is not null)
        {
            var (output, h, _) = _lstm.call(packed);
            output.Dispose();
            hidden = h;
        }
        else
        {
            var (output, h) = _gru!.call(packed);
            output.Dispose();
            hidden = h;
        }

        int directions = _bidirectional ? 2 : 1;
        var last = hidden.narrow(0, (_layers - 1) * directions, directions); // [directions, batch, hidden]
        var representation = last.permute(1, 0, 2).reshape(tokens.shape[0], -1);
        return _dropout.call(representation).MoveToOuterDisposeScope();
    }
}
