namespace MultiTask.Training.Schedules;

/// <summary>Multiplies the rate by <see cref="Gamma"/> every epoch (or step): lr = base·γ^i, PyTorch's <c>ExponentialLR</c>.</summary>
public sealed class ExponentialDecay : LearningRateSchedule
{
    private const string Owner = nameof(ExponentialDecay);

    /// <summary>The factor γ per epoch (or step). Range: finite and &gt; 0. Default: 0.9.</summary>
    public double Gamma { get; init => field = OptionRanges.Require(value, value > 0 && double.IsFinite(value), "finite and > 0", Owner); } = 0.9;

    /// <summary>What i counts. Default: <see cref="ScheduleInterval.Epoch"/>.</summary>
    public ScheduleInterval Interval { get; init => field = OptionRanges.Defined(value, Owner); } = ScheduleInterval.Epoch;

    /// <inheritdoc/>
    internal override bool PerStep => Interval == ScheduleInterval.Step;

    /// <inheritdoc/>
    internal override double Rate(double baseRate, long index) => baseRate * Math.Pow(Gamma, index);
}
