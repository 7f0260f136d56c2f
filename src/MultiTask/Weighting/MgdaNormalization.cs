namespace MultiTask.Weighting;

/// <summary>How <see cref="Mgda"/> normalises each task gradient gₜ before the min-norm solve (LibMTL's <c>mgda_gn</c>).</summary>
public enum MgdaNormalization
{
    /// <summary>No normalisation, nₜ = 1 (LibMTL <c>none</c>, the default).</summary>
    None,

    /// <summary>The gradient norm, nₜ = ‖gₜ‖ (LibMTL <c>l2</c>).</summary>
    L2,

    /// <summary>The task loss, nₜ = Lₜ (LibMTL <c>loss</c>).</summary>
    Loss,

    /// <summary>The loss times the gradient norm, nₜ = Lₜ‖gₜ‖ (LibMTL <c>loss+</c>).</summary>
    LossPlusL2,
}
