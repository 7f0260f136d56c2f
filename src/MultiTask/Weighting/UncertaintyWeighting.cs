using TorchSharp;

namespace MultiTask.Weighting;

/// <summary>
/// Uncertainty weighting (UW): learnable sₜ = log σₜ², trained with the model; the objective is
/// Σₜ [Lₜ / (2·exp(sₜ)) + sₜ / 2], and the reported weight is 1 / (2·exp(sₜ)). As LibMTL, the ½ factor applies to
/// every task (the paper drops it for classification) and sₜ starts at −0.5.
/// </summary>
/// <remarks>
/// Kendall, Gal and Cipolla, "Multi-Task Learning Using Uncertainty to Weigh Losses for Scene Geometry and Semantics",
/// CVPR 2018. State: the learnable vector "s".
/// </remarks>
public sealed class UncertaintyWeighting : LossWeighting
{
    /// <summary>The initial log-variance sₜ of every task. Range: finite. Default: −0.5.</summary>
    public double InitialLogVariance { get; init => field = Hyperparameter.Finite(value); } = -0.5;

    /// <inheritdoc/>
    public override string Name => "UW";

    /// <inheritdoc/>
    public override LossCombination Combine(LossWeightingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var s = context.State.Learned("s");
        var precision = s.neg().exp().TimesScalar(0.5);
        var objective = context.Losses.mul(precision).Plus(s.TimesScalar(0.5)).sum();
        using var scope = torch.NewDisposeScope();
        return new LossCombination(objective, precision.detach().to(torch.ScalarType.Float64).cpu().data<double>().ToArray());
    }

    /// <inheritdoc/>
    protected override void InitializeState(WeightingState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.AddLearned("s", InitialLogVariance);
    }
}
