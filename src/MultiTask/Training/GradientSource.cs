namespace MultiTask.Training;

/// <summary>Where gradient-based weighting methods take the per-task gradients.</summary>
public enum GradientSource
{
    /// <summary>Gradients of the shared (trunk) parameters: exact, T backward passes per step.</summary>
    SharedParameters,

    /// <summary>
    /// Gradients at the shared representation (LibMTL's rep_grad; MGDA-UB, Sener and Koltun 2018): T cheap backward passes
    /// through the heads and one through the trunk. Only for methods that support it; never for loss-based methods,
    /// which would leave the trunk untrained.
    /// </summary>
    Representation,
}
