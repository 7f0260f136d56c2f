using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Weighting;

/// <summary>
/// Fixed task weights: the objective is Σₜ wₜ·Lₜ (Keras' <c>loss_weights</c>; task prioritisation). With all weights 1
/// this is LibMTL's equal weighting (EW, a sum).
/// </summary>
public sealed class StaticWeighting : LossWeighting
{
    private readonly double[] _weights;
    private Tensor? _tensor;

    /// <summary>Creates the method.</summary>
    /// <param name="weights">One weight per task, in task order; each finite and ≥ 0.</param>
    public StaticWeighting(IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        for (int t = 0; t < weights.Count; t++)
        {
            if (!(weights[t] >= 0 && double.IsFinite(weights[t])))
            {
                throw new ArgumentOutOfRangeException(nameof(weights), weights[t], $"Task weight {t} must be finite and ≥ 0.");
            }
        }

        _weights = weights.ToArray();
    }

    /// <inheritdoc/>
    public override string Name => "Static";

    /// <summary>The weights, in task order.</summary>
    public IReadOnlyList<double> Weights => _weights;

    /// <inheritdoc/>
    public override void Initialize(WeightingSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        if (setup.TaskCount != _weights.Length)
        {
            throw new ArgumentException($"StaticWeighting has {_weights.Length} weights but the model has {setup.TaskCount} tasks.", nameof(setup));
        }

        _tensor?.Dispose();
        _tensor = torch.tensor(_weights.Select(w => (float)w).ToArray(), device: setup.Device).DetachFromDisposeScope();
    }

    /// <inheritdoc/>
    public override LossCombination Combine(LossWeightingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var objective = _tensor is null ? WeightedSum.Of(context.Losses, _weights) : context.Losses.mul(_tensor).sum();
        return new LossCombination(objective, _weights);
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        _tensor?.Dispose();
        _tensor = null;
    }
}
