using static TorchSharp.torch;

namespace MultiTask.Data;

/// <summary>
/// The one input tensor ([rows, width], detached from every dispose scope) that a dataset built from arrays owns and
/// that every dataset derived from it (subsets, task selections, split parts) reads through row indices.
/// </summary>
internal sealed class InputStorage : IDisposable
{
    private Tensor? _tensor;

    /// <summary>Takes ownership of a tensor made by <see cref="InputArrays"/>.</summary>
    internal InputStorage(Tensor tensor, InputKind kind, int? paddingId)
    {
        _tensor = tensor.DetachFromDisposeScope();
        Kind = kind;
        PaddingId = paddingId;
        RowCount = (int)tensor.shape[0];
        Width = (int)tensor.shape[1];
    }

    internal InputKind Kind { get; }

    internal int? PaddingId { get; }

    internal int RowCount { get; }

    internal int Width { get; }

    internal bool IsDisposed => _tensor is null;

    /// <summary>The tensor; throws once the owning dataset is disposed.</summary>
    internal Tensor Tensor => _tensor ?? throw new ObjectDisposedException(nameof(MultiTaskDataset), "The dataset that owns these inputs (the one built by FromArrays, FromTokens or WithFeatures) was disposed; datasets derived from it share its inputs and cannot be used any more.");

    public void Dispose()
    {
        _tensor?.Dispose();
        _tensor = null;
    }
}
