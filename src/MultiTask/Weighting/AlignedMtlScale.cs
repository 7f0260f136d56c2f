namespace MultiTask.Weighting;

/// <summary>The eigenvalue σ² that <see cref="AlignedMtl"/> scales its balanced gradients to.</summary>
public enum AlignedMtlScale
{
    /// <summary>The smallest kept eigenvalue (the paper, LibMTL and torchjd's default).</summary>
    Min,

    /// <summary>The median kept eigenvalue (the lower median for an even count, as <c>torch.median</c>).</summary>
    Median,

    /// <summary>The mean kept eigenvalue (torchjd's <c>rmse</c>, as the original implementation).</summary>
    Rmse,
}
