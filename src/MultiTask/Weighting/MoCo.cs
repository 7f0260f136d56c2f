using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Weighting;

/// <summary>
/// MoCo: a tracking variable Y (T×P, starting at 0) follows the loss-scaled unit gradients ĝₜ = gₜ/(‖gₜ‖ + 1e-8)·Lₜ,
/// Y ← Y − βₖ(Y − Ĝ), and the task weights λ (starting at 1/T) take one step λ ← softmax(λ − γₖ(YYᵀ + ρI)λ);
/// the update direction is d = Yᵀλ. Step k counts the calls from 1, with βₖ = β/k^σβ and γₖ = γ/k^σγ.
/// The reported weights are λ. Heads receive their own task's unweighted gradient.
/// </summary>
/// <remarks>
/// Fernando, Shen, Liu, Chaudhury, Murugesan and Chen, "Mitigating Gradient Bias in Multi-objective Learning: A Provably
/// Convergent Approach", ICLR 2023. Follows LibMTL (<c>LibMTL/weighting/MoCo.py</c>): the softmax replaces the paper's
/// projection onto the simplex, and the defaults are LibMTL's. Like LibMTL, MoCo needs the gradients of the shared
/// parameters: Y has one column per shared parameter, so it does not support representation gradients (whose width
/// changes with the batch size). State: the buffer "y", the vector "lambda" and the step count "steps".
/// </remarks>
public sealed class MoCo : GradientWeighting
{
    private const double NormEpsilon = 1e-8;

    /// <summary>The step size β of the tracking variable Y. Range: (0, 1]. Default: 0.5.</summary>
    public double Beta { get; init => field = Hyperparameter.Within(value, 0, 1, excludeLow: true); } = 0.5;

    /// <summary>The decay exponent σβ of βₖ = β/k^σβ. Range: ≥ 0. Default: 0.5.</summary>
    public double BetaSigma { get; init => field = Hyperparameter.NonNegative(value); } = 0.5;

    /// <summary>The step size γ of the weights λ. Range: &gt; 0. Default: 0.1.</summary>
    public double Gamma { get; init => field = Hyperparameter.Positive(value); } = 0.1;

    /// <summary>The decay exponent σγ of γₖ = γ/k^σγ. Range: ≥ 0. Default: 0.5.</summary>
    public double GammaSigma { get; init => field = Hyperparameter.NonNegative(value); } = 0.5;

    /// <summary>The ℓ2 regularisation ρ of the λ update. Range: ≥ 0. Default: 0.</summary>
    public double Rho { get; init => field = Hyperparameter.NonNegative(value); }

    /// <inheritdoc/>
    public override string Name => "MoCo";

    /// <inheritdoc/>
    public override bool NeedsJacobian => true;

    /// <inheritdoc/>
    public override GradientCombination Combine(GradientWeightingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var jacobian = context.Jacobian ?? throw new InvalidOperationException("MoCo needs the per-task gradients (context.Jacobian).");
        int n = context.TaskCount;
        var state = context.State;
        var lambda = state.Vector("lambda", 1.0 / n);
        var scales = Enumerable.Range(0, n).Select(t => context.Losses[t] / (Math.Sqrt(Math.Max(0, context.Gramian[t, t])) + NormEpsilon)).ToArray();
        var normalised = jacobian.mul(torch.tensor(scales, dtype: ScalarType.Float64, device: jacobian.device).to(jacobian.dtype).unsqueeze(1));

        long steps = state.Increment("steps");
        double betaK = Beta / Math.Pow(steps, BetaSigma);
        double gammaK = Gamma / Math.Pow(steps, GammaSigma);
        var previous = state.Buffer("y", jacobian);
        var y = state.SetBuffer("y", previous.sub(previous.sub(normalised).TimesScalar(betaK)));

        var y64 = y.to(ScalarType.Float64);
        var yyT = y64.matmul(y64.t()).cpu().data<double>().ToArray();
        var step = new double[n];
        for (int t = 0; t < n; t++)
        {
            double product = Rho * lambda[t];
            for (int j = 0; j < n; j++)
            {
                product += yyT[(t * n) + j] * lambda[j];
            }

            step[t] = lambda[t] - (gammaK * product);
        }

        var weights = WeightMath.Softmax(step);
        state.SetVector("lambda", weights);
        var direction = torch.tensor(weights, dtype: ScalarType.Float64, device: y.device).to(y.dtype).matmul(y);
        return new GradientCombination(weights, direction);
    }
}
