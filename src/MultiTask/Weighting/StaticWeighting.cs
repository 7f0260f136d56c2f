using System.Globalization;

namespace MultiTask.Weighting;

/// <summary>
/// Fixed task weights: the objective is Σₜ wₜ·Lₜ (Keras' <c>loss_weights</c>; task prioritisation). With all weights 1
/// this is LibMTL's equal weighting (EW, a sum).
/// </summary>
public sealed class StaticWeighting : LossWeighting
{
    /// <summary>One weight per task, in task order. Range: each finite and ≥ 0. Required.</summary>
    public required IReadOnlyList<double> Weights
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            for (int t = 0; t < value.Count; t++)
            {
                if (!(value[t] >= 0 && double.IsFinite(value[t])))
                {
                    throw new ArgumentOutOfRangeException(nameof(Weights), value[t], string.Create(CultureInfo.InvariantCulture, $"Weights[{t}] must be finite and ≥ 0; got {value[t]}."));
                }
            }

            field = value.ToArray();
        }
    }

    /// <inheritdoc/>
    public override string Name => "Static";

    /// <inheritdoc/>
    public override LossCombination Combine(LossWeightingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return LossCombination.FromWeights(context, Weights.ToArray());
    }

    /// <inheritdoc/>
    protected override void InitializeState(WeightingState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.TaskCount != Weights.Count)
        {
            throw new ArgumentException($"StaticWeighting has {Weights.Count} weights but the model has {state.TaskCount} tasks.", nameof(state));
        }
    }
}
