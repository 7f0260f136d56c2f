using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MultiTask.Architectures;

/// <summary>
/// The gate input of the mixture-of-experts architectures on token input: a learned bag of embeddings, the mean of the
/// embeddings of a row's non-padding tokens, [batch, length] int64 → [batch, size]. The papers' gates read the model
/// input x (softmax(W x) in Ma et al., KDD 2018, and Tang et al., RecSys 2020; the per-example gates of Hazimeh et al.,
/// NeurIPS 2021); token rows have no fixed-width x, so this fixed-width summary of the row stands in for it. It depends on the row only
/// (not on any expert), and every gate reads the same one, as every gate of the papers reads the same x. Padding is
/// excluded from the mean (its embedding is fixed at zero and it is not counted); a row of only padding gives zero, so
/// its gates are uniform. Path: <c>gate_input.embedding.weight</c>, shared by all tasks.
/// </summary>
internal sealed class TokenGateInput : Module<Tensor, Tensor>
{
    [ComponentName(Name = "embedding")]
    private readonly Embedding _embedding;

    private readonly int _paddingId;

    internal TokenGateInput(int vocabularySize, int size, int paddingId)
        : base(nameof(TokenGateInput))
    {
        _paddingId = paddingId;
        _embedding = Embedding(vocabularySize, size, padding_idx: paddingId);
        RegisterComponents();
    }

    /// <summary>Σⱼ mⱼ E[tokenⱼ] / max(1, Σⱼ mⱼ), with mⱼ = 1 for a non-padding token and 0 for padding.</summary>
    public override Tensor forward(Tensor tokens)
    {
        using var scope = NewDisposeScope();
        var embedded = _embedding.call(tokens);
        var mask = tokens.ne(_paddingId).unsqueeze(-1).to(embedded.dtype);
        var count = mask.sum(1).clamp_min(1);
        return ((embedded * mask).sum(1) / count).MoveToOuterDisposeScope();
    }
}
