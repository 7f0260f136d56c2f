using TorchSharp;

namespace MultiTask.Weighting;

/// <summary>
/// Uncertainty weighting (UW): learnable sₜ = log σₜ², trained with the model; the objective is
/// Σₜ [Lₜ / (2·exp(sₜ)) + sₜ / 2], and the reported weight is 1 / (2·exp(sₜ)). As LibMTL, the ½ factor applies to
/// every task (the paper drops it for classification) and sₜ starts at −0.5.
/// </summary>
/// <remarks>Kendall, Gal and Cipolla, "Multi-Task Learning Using Uncertainty to Weigh Losses for Scene Geometry and Semantics", CVPR 2018.</remarks>
public sealed class UncertaintyWeighting : LearnedLossScales
{
    /// <summary>Creates the method.</summary>
    /// <param name="initialLogVariance">The initial sₜ. Default: −0.5.</param>
    public UncertaintyWeighting(double initialLogVariance = -0.5)
        : base(initialLogVariance)
    {
    }

    /// <inheritdoc/>
    public override string Name => "UW";

    /// <inheritdoc/>
    public override LossCombination Combine(LossWeightingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var precision = S.neg().exp().mul(0.5);
        var objective = context.Losses.mul(precision).add(S.mul(0.5)).sum();
        using var scope = torch.NewDisposeScope();
        var weights = precision.detach().to(torch.ScalarType.Float64).cpu().data<double>().ToArray();
        return new LossCombination(objective, weights);
    }
}
