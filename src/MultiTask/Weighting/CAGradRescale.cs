namespace MultiTask.Weighting;

/// <summary>How <see cref="CAGrad"/> rescales its direction d = g₀ + (c‖g₀‖/‖g_w‖)g_w (LibMTL's <c>rescale</c>).</summary>
public enum CAGradRescale
{
    /// <summary>No rescaling (LibMTL 0; torchjd and the paper's Algorithm 1).</summary>
    None = 0,

    /// <summary>d/(1 + c²) (LibMTL 1, LibMTL's default and the official implementation's).</summary>
    OnePlusCSquared = 1,

    /// <summary>d/(1 + c) (LibMTL 2).</summary>
    OnePlusC = 2,
}
