namespace MultiTask.Models;

/// <summary>An optional normalisation after each hidden linear layer of an MLP (before the activation).</summary>
public enum Normalization
{
    /// <summary>No normalisation.</summary>
    None,

    /// <summary>Batch normalisation (running statistics are part of the saved model).</summary>
    BatchNorm,

    /// <summary>Layer normalisation.</summary>
    LayerNorm,
}
