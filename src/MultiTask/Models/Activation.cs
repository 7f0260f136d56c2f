namespace MultiTask.Models;

/// <summary>The non-linearity between the layers of an MLP trunk or head.</summary>
public enum Activation
{
    /// <summary>max(0, x).</summary>
    ReLU,

    /// <summary>Gaussian error linear unit.</summary>
    GELU,

    /// <summary>x·sigmoid(x).</summary>
    SiLU,

    /// <summary>Hyperbolic tangent.</summary>
    Tanh,

    /// <summary>max(0.01x, x).</summary>
    LeakyReLU,
}
