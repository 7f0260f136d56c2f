using TorchSharp;

namespace MultiTask.Weighting;

/// <summary>
/// IMTL-L, the loss-balancing half of Impartial Multi-Task Learning: learnable sₜ (starting at 0), the objective
/// Σₜ [exp(sₜ)·Lₜ − sₜ], trained with the model; the reported weight is exp(sₜ).
/// </summary>
/// <remarks>
/// Liu, Li, Kuang, Xue, Chen, Yang, Liao and Zhang, "Towards Impartial Multi-task Learning", ICLR 2021. State: the
/// learnable vector "s".
/// </remarks>
public sealed class ImtlL : LossWeighting
{
    /// <inheritdoc/>
    public override string Name => "IMTL-L";

    /// <inheritdoc/>
    public override LossCombination Combine(LossWeightingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var s = context.State.Learned("s");
        var scale = s.exp();
        var objective = context.Losses.mul(scale).sub(s).sum();
        using var scope = torch.NewDisposeScope();
        return new LossCombination(objective, scale.detach().to(torch.ScalarType.Float64).cpu().data<double>().ToArray());
    }

    /// <inheritdoc/>
    protected override void InitializeState(WeightingState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.AddLearned("s", 0.0);
    }
}
