namespace MultiTask.Training.Schedules;

/// <summary>
/// A linear warm-up followed by cosine annealing (Loshchilov and Hutter, "SGDR", ICLR 2017), as PyTorch's
/// <c>SequentialLR([LinearLR(start_factor=s, total_iters=W), CosineAnnealingLR(T_max=T−W, eta_min=η)], milestones=[W])</c>:
/// for i &lt; W, lr = base·(s + (1 − s)·i/W); for W ≤ i ≤ T, lr = η + (base − η)·(1 + cos(π(i − W)/(T − W)))/2; after
/// T the rate stays at η (PyTorch's cosine would rise again).
/// </summary>
public sealed class CosineWithWarmup : LearningRateSchedule
{
    private const string Owner = nameof(CosineWithWarmup);

    /// <summary>W: the number of warm-up steps (or epochs); 0 for none. Must be less than <see cref="TotalSteps"/> (checked by the trainer). Range: ≥ 0. Default: 0.</summary>
    public int WarmupSteps { get; init => field = OptionRanges.Require(value, value >= 0, "≥ 0", Owner); }

    /// <summary>T: the step (or epoch) at which the rate reaches <see cref="MinLearningRate"/>. Range: ≥ 1. Default: 1000.</summary>
    public int TotalSteps { get; init => field = OptionRanges.Require(value, value >= 1, "≥ 1", Owner); } = 1000;

    /// <summary>s: the warm-up starts at s·base. Range: (0, 1]. Default: 0.01.</summary>
    public double WarmupStartFactor { get; init => field = OptionRanges.Require(value, value is > 0 and <= 1, "in (0, 1]", Owner); } = 0.01;

    /// <summary>η: the rate at the end of the annealing. Range: finite and ≥ 0. Default: 0.</summary>
    public double MinLearningRate { get; init => field = OptionRanges.Require(value, value >= 0 && double.IsFinite(value), "finite and ≥ 0", Owner); }

    /// <summary>What the steps count. Default: <see cref="ScheduleInterval.Step"/>.</summary>
    public ScheduleInterval Interval { get; init => field = OptionRanges.Defined(value, Owner); } = ScheduleInterval.Step;

    /// <inheritdoc/>
    internal override bool PerStep => Interval == ScheduleInterval.Step;

    /// <inheritdoc/>
    internal override void Check()
    {
        if (WarmupSteps >= TotalSteps)
        {
            throw new ArgumentException(FormattableString.Invariant($"CosineWithWarmup.WarmupSteps ({WarmupSteps}) must be less than CosineWithWarmup.TotalSteps ({TotalSteps})."), "options");
        }
    }

    /// <inheritdoc/>
    internal override double Rate(double baseRate, long index)
    {
        if (index < WarmupSteps)
        {
            return baseRate * (WarmupStartFactor + ((1 - WarmupStartFactor) * index / WarmupSteps));
        }

        double progress = Math.Min(index - WarmupSteps, TotalSteps - WarmupSteps) / (double)(TotalSteps - WarmupSteps);
        return MinLearningRate + ((baseRate - MinLearningRate) * (1 + Math.Cos(Math.PI * progress)) / 2);
    }
}
