using TorchSharp;

namespace MultiTask.Weighting;

/// <summary>
/// GradNorm: learnable logits s (weights w = T·softmax(s), starting equal) balance the gradient norms
/// Gₜ = wₜ‖gₜ‖ towards Ḡ·rₜ^α, where rₜ = L̃ₜ / mean(L̃) and L̃ₜ = Lₜ / L̄ₜ(first epoch). The logits follow the gradient
/// of Σₜ |Gₜ − Ḡ·rₜ^α| (the target held constant), taken by the model's optimiser; the shared update is Σₜ wₜgₜ with
/// the weights before the update. The first epoch uses equal weights. Needs only the Gramian's diagonal.
/// </summary>
/// <remarks>
/// Chen, Badrinarayanan, Lee and Rabinovich, "GradNorm: Gradient Normalization for Adaptive Loss Balancing in Deep
/// Multitask Networks", ICML 2018. As LibMTL: norms over all shared parameters (the paper uses the last shared layer)
/// and the first epoch's mean loss as L(0). State: the learnable logits "s".
/// </remarks>
public sealed class GradNorm : GradientWeighting
{
    /// <summary>The restoring-force strength α. Range: ≥ 0. Default: 1.5.</summary>
    public double Alpha { get; init => field = Hyperparameter.NonNegative(value); } = 1.5;

    /// <inheritdoc/>
    public override string Name => "GradNorm";

    /// <inheritdoc/>
    public override bool NeedsLossHistory => true;

    /// <inheritdoc/>
    public override bool SupportsRepresentationGradients => true;

    /// <summary>
    /// The weights w = T·softmax(s) and the gradient of Σₜ |wₜnₜ − Ḡrₜ^α| with respect to s, for gradient norms n and
    /// loss ratios L̃ (both per task).
    /// </summary>
    /// <param name="logits">The logits s.</param>
    /// <param name="norms">The gradient norms ‖gₜ‖.</param>
    /// <param name="relativeLosses">L̃ₜ = Lₜ / Lₜ(0).</param>
    /// <param name="alpha">α.</param>
    public static (double[] Weights, double[] LogitGradient) Update(IReadOnlyList<double> logits, IReadOnlyList<double> norms, IReadOnlyList<double> relativeLosses, double alpha)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(norms);
        ArgumentNullException.ThrowIfNull(relativeLosses);
        int n = logits.Count;
        var z = WeightMath.Softmax(logits);
        var w = z.Select(v => n * v).ToArray();
        var g = w.Select((wt, t) => wt * norms[t]).ToArray();
        double meanG = g.Average();
        double meanL = relativeLosses.Average();
        var sign = g.Select((gt, t) => Math.Sign(gt - (meanG * Math.Pow(relativeLosses[t] / meanL, alpha)))).ToArray();
        var gradient = new double[n];
        for (int k = 0; k < n; k++)
        {
            for (int t = 0; t < n; t++)
            {
                gradient[k] += sign[t] * norms[t] * n * z[t] * ((t == k ? 1 : 0) - z[k]);
            }
        }

        return (w, gradient);
    }

    /// <inheritdoc/>
    public override GradientCombination Combine(GradientWeightingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var logits = context.State.Learned("s");
        int n = context.TaskCount;
        if (context.History.Count == 0)
        {
            return new GradientCombination(Enumerable.Repeat(1.0, n).ToArray());
        }

        var initial = context.History[0];
        var norms = Enumerable.Range(0, n).Select(t => Math.Sqrt(Math.Max(0, context.Gramian[t, t]))).ToArray();
        var relative = Enumerable.Range(0, n).Select(t => initial[t] > 0 ? context.Losses[t] / initial[t] : 1.0).ToArray();
        var (weights, gradient) = Update(context.State.LearnedValues("s"), norms, relative, Alpha);
        logits.grad = torch.tensor(gradient.Select(v => (float)v).ToArray(), device: logits.device);
        return new GradientCombination(weights);
    }

    /// <inheritdoc/>
    protected override void InitializeState(WeightingState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.AddLearned("s", 1.0);
    }
}
