using System.Text.Json.Nodes;

namespace MultiTask.Weighting;

/// <summary>
/// Smooth Tchebycheff scalarisation (STCH). During the warm-up epochs the objective is Σₜ log(Lₜ + 1e-20); the mean
/// training losses of the last warm-up epoch become the nadir z. Afterwards, with lₜ = log(Lₜ/zₜ + 1e-20), the
/// objective is T·μ·log Σₜ exp((lₜ − max l)/μ), whose effective weights are wₜ = T·softmax(l/μ)ₜ·(1/zₜ)/(Lₜ/zₜ + 1e-20).
/// </summary>
/// <remarks>
/// Lin, Zhang, Yang, Liu, Wang and Zhang, "Smooth Tchebycheff Scalarization for Multi-Objective Optimization",
/// ICML 2024. As LibMTL: warm-up of 4 epochs (0-based epochs 0–3 warm up, epoch 4 also fixes the nadir), μ = 1.
/// </remarks>
public sealed class SmoothTchebycheff : LossWeighting
{
    private const double Tiny = 1e-20;
    private double[]? _nadir;

    /// <summary>Creates the method.</summary>
    /// <param name="mu">The smoothing μ. Range: &gt; 0. Default: 1.</param>
    /// <param name="warmupEpochs">Epochs of log-loss warm-up before the nadir is fixed. Range: ≥ 0. Default: 4.</param>
    public SmoothTchebycheff(double mu = 1.0, int warmupEpochs = 4)
    {
        if (!(mu > 0 && double.IsFinite(mu)))
        {
            throw new ArgumentOutOfRangeException(nameof(mu), mu, "μ must be > 0.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(warmupEpochs);
        Mu = mu;
        WarmupEpochs = warmupEpochs;
    }

    /// <summary>The smoothing μ.</summary>
    public double Mu { get; }

    /// <summary>The number of warm-up epochs.</summary>
    public int WarmupEpochs { get; }

    /// <summary>The nadir vector z, or null while warming up.</summary>
    public IReadOnlyList<double>? Nadir => _nadir;

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
        if (_nadir is null && context.History.Count > WarmupEpochs)
        {
            var nadir = context.History[WarmupEpochs].ToArray();
            _nadir = nadir.Select(z => z > 0 && double.IsFinite(z) ? z : 1.0).ToArray();
        }

        return LossCombination.FromWeights(context, WeightsFor(context.LossValues, _nadir, Mu));
    }

    /// <inheritdoc/>
    public override JsonObject? SaveState() => _nadir is null ? null : new JsonObject { ["nadir"] = new JsonArray(_nadir.Select(v => (JsonNode)v).ToArray()) };

    /// <inheritdoc/>
    public override void LoadState(JsonObject state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _nadir = (state["nadir"] as JsonArray)?.Select(n => n!.GetValue<double>()).ToArray();
    }
}
