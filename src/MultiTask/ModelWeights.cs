namespace MultiTask;

/// <summary>
/// An in-memory copy of a model's weights (parameters and buffers) held in managed memory, so it keeps no native
/// memory alive. Take one with <see cref="MultiTaskModel.CaptureWeights"/>; put it back, into the same model or into
/// another model of the same architecture, with <see cref="MultiTaskModel.RestoreWeights"/>.
/// </summary>
public sealed class ModelWeights
{
    private readonly byte[] _stateDict;

    internal ModelWeights(byte[] stateDict) => _stateDict = stateDict;

    /// <summary>The size of the copy in bytes.</summary>
    public long ByteCount => _stateDict.LongLength;

    internal byte[] StateDict => _stateDict;
}
