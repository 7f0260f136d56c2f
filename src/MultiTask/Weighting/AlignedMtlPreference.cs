namespace MultiTask.Weighting;

/// <summary>The preference vector p that <see cref="AlignedMtl"/> applies to its balanced gradients, α = B p.</summary>
public enum AlignedMtlPreference
{
    /// <summary>pₜ = 1 (LibMTL, the default): the balanced gradients are summed.</summary>
    Ones,

    /// <summary>pₜ = 1/T (torchjd): the balanced gradients are averaged.</summary>
    Mean,
}
