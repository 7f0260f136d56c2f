using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Weighting;

/// <summary>
/// ExcessMTL: each task's excess risk is estimated with AdaGrad statistics, Hₜ += gₜ² (element-wise, from 0) and
/// eₜ = gₜᵀ diag(1/√(Hₜ + 1e-7)) gₜ. The first call records e⁰ and keeps the weights w at 1; afterwards
/// wₜ ← wₜ·exp(η·eₜ/e⁰ₜ), renormalised so that Σw = T, and d = Σₜ wₜgₜ with the updated weights. Each head receives
/// wₜ∇Lₜ (head scales w), as LibMTL's backward of Σ wₜLₜ gives.
/// </summary>
/// <remarks>
/// He, Zhou, Zhang, Yun, Xu, Zeng, Chilimbi and Zhao, "Robust Multi-Task Learning with Excess Risks", ICML 2024.
/// Follows LibMTL (<c>LibMTL/weighting/ExcessMTL.py</c>), including its default step size. With representation
/// gradients the statistics use the per-sample gradients summed over the batch ([T, H], LibMTL's <c>_get_grads</c>),
/// so their width does not change with the batch size, and the trunk receives Σₜ wₜ∇_z Lₜ. (LibMTL lists
/// representation gradients as supported, but there its per-sample gradients are only filled in "backward" mode while
/// ExcessMTL asks for "autograd", and its backward of Σ wₜLₜ stops at the detached representation.) A task whose first excess risk is
/// 0 (no gradient, e.g. no labels in the batch), where LibMTL would divide by zero, takes its first positive excess risk
/// as e⁰ instead, and its ratio counts as 0 until then. State: the buffer "squares" (H) and the vectors "weights" and
/// "initialRisks" (e⁰, absent before the first call).
/// </remarks>
public sealed class ExcessMtl : GradientWeighting
{
    private const double AdaGradEpsilon = 1e-7;

    /// <summary>The step size η of the multiplicative weight update. Range: &gt; 0. Default: 1e-2 (LibMTL).</summary>
    public double RobustStepSize { get; init => field = Hyperparameter.Positive(value); } = 1e-2;

    /// <inheritdoc/>
    public override string Name => "ExcessMTL";

    /// <inheritdoc/>
    public override bool NeedsJacobian => true;

    /// <inheritdoc/>
    public override bool SupportsRepresentationGradients => true;

    /// <inheritdoc/>
    public override GradientCombination Combine(GradientWeightingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var jacobian = context.Jacobian ?? throw new InvalidOperationException("ExcessMTL needs the per-task gradients (context.Jacobian).");
        int n = context.TaskCount;
        var state = context.State;
        var gradients = context.Representation is null ? jacobian : BatchSum(jacobian, context.RepresentationShape);
        var squares = state.SetBuffer("squares", state.Buffer("squares", gradients).Plus(gradients.square()));
        var risks = gradients.square().div(squares.PlusScalar(AdaGradEpsilon).sqrt()).sum(dim: 1).to(ScalarType.Float64).cpu().data<double>().ToArray();

        var weights = state.Vector("weights", 1.0);
        if (state.FindVector("initialRisks") is not { } initialRisks)
        {
            state.SetVector("initialRisks", risks);
        }
        else
        {
            for (int t = 0; t < n; t++)
            {
                if (!(initialRisks[t] > 0) && risks[t] > 0)
                {
                    initialRisks[t] = risks[t];
                }

                double ratio = initialRisks[t] > 0 ? risks[t] / initialRisks[t] : 0;
                weights[t] *= Math.Exp(RobustStepSize * ratio);
            }

            double sum = weights.Sum();
            state.SetVector("weights", weights.Select(w => w / sum * n).ToArray());
        }

        var current = state.Vector("weights");
        return new GradientCombination((double[])current.Clone()) { HeadScales = (double[])current.Clone() };
    }

    /// <summary>Per-sample representation gradients [T, B·H] summed over the batch: [T, H].</summary>
    private static Tensor BatchSum(Tensor jacobian, IReadOnlyList<long>? shape)
    {
        long batch = shape is { Count: > 0 } ? shape[0] : 1;
        return jacobian.view(jacobian.shape[0], batch, -1).sum(dim: 1);
    }
}
