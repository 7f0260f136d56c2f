namespace MultiTask.Weighting;

/// <summary>
/// Smooth Tchebycheff scalarisation (STCH). During the warm-up epochs the objective is Σₜ log(Lₜ + 1e-20); the mean
/// training losses of the last warm-up epoch become the nadir z. Afterwards, with lₜ = log(Lₜ/zₜ + 1e-20), the
/// objective is T·μ·log Σₜ exp((lₜ − max l)/μ), whose effective weights are wₜ = T·softmax(l/μ)ₜ·(1/zₜ)/(Lₜ/zₜ + 1e-20).
/// </summary>
/// <remarks>
/// Lin, Zhang, Yang, Liu, Wang and Zhang, "Smooth Tchebycheff Scalarization for Multi-Objective Optimization",
/// ICML 2024. State: the nadir z (vector "nadir", absent while warming up). As LibMTL: warm-up of 4 epochs (0-based
/// epochs 0–3 warm up, epoch 4 also fixes the nadir), μ = 1.
/// </remarks>
public sealed class SmoothTchebycheff : LossWeighting
{
    private const double Tiny = 1e-20;
    /// <summary>The smoothing μ. Range: &gt; 0. Default: 1.</summary>
    public double Mu { get; init => field = Hyperparameter.Positive(value); } = 1.0;

    /// <summary>Epochs of log-loss warm-up before the nadir is fixed. Range: ≥ 0. Default: 4.</summary>
    public int WarmupEpochs { get; init => field = Hyperparameter.AtLeast(value, 0); } = 4;

    /// <inheritdoc/>
    public override string Name => "STCH";

    /// <inheritdoc/>
    public override bool NeedsLossHistory => true;

    /// <summary>The effective weights for the given losses and nadir (null: warm-up, weights 1/(Lₜ + 1e-20)).</summary>
    /// <param name="losses">The task losses.</param>
    /// <param name="nadir">The nadir z, or null during warm-up.</param>
    /// <param name="mu">The smoothing μ.</param>
    public static double[] WeightsFor(IReadOnlyList<double> losses, IReadOnlyList<double>? nadir, double mu)
    {
        ArgumentNullException.ThrowIfNull(losses);
        int taskCount = losses.Count;
        if (nadir is null)
        {
            return losses.Select(l => 1.0 / (l + Tiny)).ToArray();
        }

        var normalised = Enumerable.Range(0, taskCount).Select(t => (losses[t] / nadir[t]) + Tiny).ToArray();
        var softmax = WeightMath.Softmax(normalised.Select(r => Math.Log(r) / mu).ToArray());
        return Enumerable.Range(0, taskCount).Select(t => taskCount * softmax[t] / (nadir[t] * normalised[t])).ToArray();
    }

    /// <inheritdoc/>
    public override LossCombination Combine(LossWeightingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var state = context.State;
        if (state.FindVector("nadir") is null && context.History.Count > WarmupEpochs)
        {
            state.SetVector("nadir", context.History[WarmupEpochs].Select(z => z > 0 && double.IsFinite(z) ? z : 1.0).ToArray());
        }

        return LossCombination.FromWeights(context, WeightsFor(context.LossValues, state.FindVector("nadir"), Mu));
    }
}
