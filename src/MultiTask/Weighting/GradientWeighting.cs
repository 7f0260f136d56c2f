namespace MultiTask.Weighting;

/// <summary>
/// A method that combines per-task gradients of the shared parameters (or of the shared representation) into one
/// update direction. Most methods need only the T×T Gramian G = J Jᵀ; those that need J itself say so with
/// <see cref="NeedsJacobian"/>. Heads receive their own task's unweighted gradient.
/// </summary>
public abstract class GradientWeighting : WeightingMethod
{
    /// <summary>Whether the method needs the full per-task gradient matrix J, not just the Gramian. Default: false.</summary>
    public virtual bool NeedsJacobian => false;

    /// <summary>Whether the method may run on gradients at the shared representation (LibMTL's rep_grad, MGDA-UB). Default: false.</summary>
    public virtual bool SupportsRepresentationGradients => false;

    /// <summary>Whether the method works only on gradients at the shared representation (e.g. GradDrop). Default: false.</summary>
    public virtual bool RequiresRepresentationGradients => false;

    /// <summary>Computes this step's combination.</summary>
    /// <param name="context">The Gramian, losses and step; J when <see cref="NeedsJacobian"/>.</param>
    /// <returns>The weights of d = Σₜ wₜ gₜ, or an explicit direction.</returns>
    public abstract GradientCombination Combine(GradientWeightingContext context);
}
