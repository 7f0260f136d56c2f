namespace MultiTask.Training.Schedules;

/// <summary>
/// Multiplies the rate by <see cref="Factor"/> when the monitored value (<see cref="TrainerOptions.Monitor"/> on the
/// validation data; the training objective without validation) has not improved for more than <see cref="Patience"/>
/// epochs, as PyTorch's <c>ReduceLROnPlateau</c> (its mode follows the monitor's direction). Checked after every epoch.
/// </summary>
/// <remarks>
/// After each epoch with value a: a is better when it beats the best value by the threshold (see
/// <see cref="PlateauThreshold"/>); then best ← a and the bad-epoch count is 0, otherwise the count grows. During a
/// cool-down the count is held at 0. When the count exceeds <see cref="Patience"/>, lr ← max(lr·Factor,
/// <see cref="MinLearningRate"/>) (only if that changes it by more than <see cref="Epsilon"/>), the cool-down starts and
/// the count is 0. The trainer saves this state in checkpoints.
/// </remarks>
public sealed class ReduceOnPlateau : LearningRateSchedule
{
    private const string Owner = nameof(ReduceOnPlateau);

    /// <summary>The factor applied at each reduction. Range: (0, 1). Default: 0.1.</summary>
    public double Factor { get; init => field = OptionRanges.Require(value, value is > 0 and < 1, "in (0, 1)", Owner); } = 0.1;

    /// <summary>The number of epochs without improvement that are tolerated. Range: ≥ 0. Default: 10.</summary>
    public int Patience { get; init => field = OptionRanges.Require(value, value >= 0, "≥ 0", Owner); } = 10;

    /// <summary>The improvement that counts. Range: finite and ≥ 0. Default: 1e-4.</summary>
    public double Threshold { get; init => field = OptionRanges.Require(value, value >= 0 && double.IsFinite(value), "finite and ≥ 0", Owner); } = 1e-4;

    /// <summary>Whether <see cref="Threshold"/> is relative or absolute. Default: <see cref="PlateauThreshold.Relative"/>.</summary>
    public PlateauThreshold ThresholdMode { get; init => field = OptionRanges.Defined(value, Owner); } = PlateauThreshold.Relative;

    /// <summary>Epochs after a reduction during which bad epochs are not counted. Range: ≥ 0. Default: 0.</summary>
    public int Cooldown { get; init => field = OptionRanges.Require(value, value >= 0, "≥ 0", Owner); }

    /// <summary>The rate is never reduced below this. Range: finite and ≥ 0. Default: 0.</summary>
    public double MinLearningRate { get; init => field = OptionRanges.Require(value, value >= 0 && double.IsFinite(value), "finite and ≥ 0", Owner); }

    /// <summary>A reduction smaller than this is skipped. Range: finite and ≥ 0. Default: 1e-8.</summary>
    public double Epsilon { get; init => field = OptionRanges.Require(value, value >= 0 && double.IsFinite(value), "finite and ≥ 0", Owner); } = 1e-8;

    /// <inheritdoc/>
    internal override bool PerStep => false;

    /// <inheritdoc/>
    internal override double Rate(double baseRate, long index) => throw new InvalidOperationException("ReduceOnPlateau has run state; use PlateauState.");

    /// <summary>
    /// PyTorch's <c>ReduceLROnPlateau.step(value)</c>: the state after an epoch with the monitored value
    /// <paramref name="value"/> (a NaN value is never an improvement).
    /// </summary>
    /// <param name="state">The state before; <see cref="PlateauState.Start"/> at the beginning of a run.</param>
    /// <param name="value">The epoch's monitored value.</param>
    /// <param name="higherIsBetter">The monitor's direction (PyTorch's mode "max" when true, "min" otherwise).</param>
    internal PlateauState Next(PlateauState state, double value, bool higherIsBetter)
    {
        double rate = state.Rate;
        double best = state.Best ?? (higherIsBetter ? double.NegativeInfinity : double.PositiveInfinity);
        int bad = state.BadEpochs + 1, cooldown = state.Cooldown;
        if (IsBetter(value, best, higherIsBetter))
        {
            best = value;
            bad = 0;
        }

        if (cooldown > 0)
        {
            cooldown--;
            bad = 0;
        }

        if (bad > Patience)
        {
            double reduced = Math.Max(rate * Factor, MinLearningRate);
            if (rate - reduced > Epsilon)
            {
                rate = reduced;
            }

            cooldown = Cooldown;
            bad = 0;
        }

        return new PlateauState(rate, double.IsFinite(best) ? best : null, bad, cooldown);
    }

    /// <summary>Whether <paramref name="value"/> improves on <paramref name="best"/> (PyTorch's <c>is_better</c>).</summary>
    private bool IsBetter(double value, double best, bool higherIsBetter) => (ThresholdMode, higherIsBetter) switch
    {
        (PlateauThreshold.Relative, false) => value < best * (1 - Threshold),
        (PlateauThreshold.Absolute, false) => value < best - Threshold,
        (PlateauThreshold.Relative, true) => value > best * (1 + Threshold),
        _ => value > best + Threshold,
    };
}
