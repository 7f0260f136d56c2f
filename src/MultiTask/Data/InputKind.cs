namespace MultiTask.Data;

/// <summary>What a row of model input is.</summary>
public enum InputKind
{
    /// <summary>A fixed-width vector of real-valued features (float32).</summary>
    Features,

    /// <summary>A sequence of integer token ids, padded to a common length with a padding id (int64).</summary>
    Tokens,
}
