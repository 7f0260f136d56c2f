namespace MultiTask.Training.Schedules;

/// <summary>
/// Multiplies the rate by <see cref="Gamma"/> every <see cref="StepSize"/> epochs (or steps): lr = base·γ^⌊i / StepSize⌋,
/// PyTorch's <c>StepLR</c>.
/// </summary>
public sealed class StepDecay : LearningRateSchedule
{
    private const string Owner = nameof(StepDecay);

    /// <summary>The number of epochs (or steps) between decays. Range: ≥ 1. Default: 10.</summary>
    public int StepSize { get; init => field = OptionRanges.Require(value, value >= 1, "≥ 1", Owner); } = 10;

    /// <summary>The factor γ applied at each decay. Range: finite and &gt; 0. Default: 0.1.</summary>
    public double Gamma { get; init => field = OptionRanges.Require(value, value > 0 && double.IsFinite(value), "finite and > 0", Owner); } = 0.1;

    /// <summary>What i counts. Default: <see cref="ScheduleInterval.Epoch"/>.</summary>
    public ScheduleInterval Interval { get; init => field = OptionRanges.Defined(value, Owner); } = ScheduleInterval.Epoch;

    /// <inheritdoc/>
    internal override bool PerStep => Interval == ScheduleInterval.Step;

    /// <inheritdoc/>
    internal override double Rate(double baseRate, long index) => baseRate * Math.Pow(Gamma, index / StepSize);
}
