using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Weighting;

/// <summary>
/// DB-MTL (dual balancing): the loss scale is balanced by taking the gradients of log(Lₜ + 1e-8), i.e.
/// gₜ/(Lₜ + 1e-8); the gradient scale is balanced by keeping an exponential moving average ĝₜ of them and scaling each
/// to the largest norm: ĝ ← g + βₖ(ĝ − g) with βₖ = β/k^σβ (step k counted from 1), αₜ = maxⱼ‖ĝⱼ‖/(‖ĝₜ‖ + 1e-8),
/// and d = Σₜ αₜĝₜ. Heads follow ∇log Lₜ (head scales 1/(Lₜ + 1e-8)). The reported weights are α.
/// </summary>
/// <remarks>
/// Lin, Jiang, Ye, Zhang, Chen, Chen, Liu and Kwok, "Dual-Balancing for Multi-Task Learning", arXiv 2308.12029, 2023.
/// Follows LibMTL (<c>LibMTL/weighting/DB_MTL.py</c>): the moving average starts at 0 and is not bias-corrected (the
/// first step's ĝ is (1 − β)g), and the defaults are LibMTL's. LibMTL reports weights of 1; this class reports the
/// scales α applied to the averaged gradients. Like LibMTL, DB-MTL needs the gradients of the shared parameters: the
/// average has one column per shared parameter, so it does not support representation gradients (whose width changes
/// with the batch size). State: the buffer "average" and the step count "steps".
/// </remarks>
public sealed class DbMtl : GradientWeighting
{
    private const double LogEpsilon = 1e-8;
    private const double NormEpsilon = 1e-8;

    /// <summary>The moving-average rate β (the weight of the previous average). Range: [0, 1). Default: 0.9.</summary>
    public double Beta { get; init => field = Hyperparameter.Within(value, 0, 1, excludeHigh: true); } = 0.9;

    /// <summary>The decay exponent σβ of βₖ = β/k^σβ. Range: ≥ 0. Default: 0.</summary>
    public double BetaSigma { get; init => field = Hyperparameter.NonNegative(value); }

    /// <inheritdoc/>
    public override string Name => "DB-MTL";

    /// <inheritdoc/>
    public override bool NeedsJacobian => true;

    /// <inheritdoc/>
    public override GradientCombination Combine(GradientWeightingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var jacobian = context.Jacobian ?? throw new InvalidOperationException("DB-MTL needs the per-task gradients (context.Jacobian).");
        var state = context.State;
        var previous = state.Buffer("average", jacobian);
        var headScales = context.Losses.Select(l => 1.0 / (l + LogEpsilon)).ToArray();
        var logGradients = jacobian.mul(torch.tensor(headScales, dtype: ScalarType.Float64, device: jacobian.device).to(jacobian.dtype).unsqueeze(1));

        double betaK = Beta / Math.Pow(state.Increment("steps"), BetaSigma);
        var average = state.SetBuffer("average", logGradients.Plus(previous.sub(logGradients).TimesScalar(betaK)));

        var norms = average.to(ScalarType.Float64).square().sum(dim: 1).sqrt().cpu().data<double>().ToArray();
        double largest = norms.Max();
        var alpha = norms.Select(u => largest / (u + NormEpsilon)).ToArray();
        var direction = torch.tensor(alpha, dtype: ScalarType.Float64, device: average.device).to(average.dtype).matmul(average);
        return new GradientCombination(alpha, direction) { HeadScales = headScales };
    }
}
