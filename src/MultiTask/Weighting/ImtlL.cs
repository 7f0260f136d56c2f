using TorchSharp;

namespace MultiTask.Weighting;

/// <summary>
/// IMTL-L, the loss-balancing half of Impartial Multi-Task Learning: learnable sₜ (starting at 0), the objective
/// Σₜ [exp(sₜ)·Lₜ − sₜ], trained with the model; the reported weight is exp(sₜ).
/// </summary>
/// <remarks>Liu, Li, Kuang, Xue, Chen, Yang, Liao and Zhang, "Towards Impartial Multi-task Learning", ICLR 2021.</remarks>
public sealed class ImtlL : LearnedLossScales
{
    /// <summary>Creates the method with every sₜ starting at 0.</summary>
    public ImtlL()
        : base(0.0)
    {
    }

    /// <inheritdoc/>
    public override string Name => "IMTL-L";

    /// <inheritdoc/>
    public override LossCombination Combine(LossWeightingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var scale = S.exp();
        var objective = context.Losses.mul(scale).sub(S).sum();
        using var scope = torch.NewDisposeScope();
        var weights = scale.detach().to(torch.ScalarType.Float64).cpu().data<double>().ToArray();
        return new LossCombination(objective, weights);
    }
}
