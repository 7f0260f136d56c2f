namespace MultiTask.Training.Schedules;

/// <summary>
/// The one-cycle policy (Smith and Topin, "Super-Convergence", 2019) as PyTorch's <c>OneCycleLR</c> with cosine
/// annealing, two phases and <c>cycle_momentum=False</c>: <see cref="TrainerOptions.LearningRate"/> is the peak rate m;
/// the rate rises from m/<see cref="DivFactor"/> to m over the first <see cref="PercentStart"/> of
/// <see cref="TotalSteps"/>, then falls to m/(DivFactor·<see cref="FinalDivFactor"/>) at step TotalSteps − 1, and stays
/// there afterwards (PyTorch raises an error instead). The optimiser's momentum is not cycled.
/// </summary>
public sealed class OneCycle : LearningRateSchedule
{
    private const string Owner = nameof(OneCycle);

    /// <summary>The length of the cycle in steps (or epochs). Range: ≥ 2. Default: 1000.</summary>
    public int TotalSteps { get; init => field = OptionRanges.Require(value, value >= 2, "≥ 2", Owner); } = 1000;

    /// <summary>The fraction of the cycle spent increasing the rate. Range: (0, 1). Default: 0.3.</summary>
    public double PercentStart { get; init => field = OptionRanges.Require(value, value is > 0 and < 1, "in (0, 1)", Owner); } = 0.3;

    /// <summary>The initial rate is m / DivFactor. Range: finite and &gt; 0. Default: 25.</summary>
    public double DivFactor { get; init => field = OptionRanges.Require(value, value > 0 && double.IsFinite(value), "finite and > 0", Owner); } = 25;

    /// <summary>The final rate is the initial rate / FinalDivFactor. Range: finite and &gt; 0. Default: 1e4.</summary>
    public double FinalDivFactor { get; init => field = OptionRanges.Require(value, value > 0 && double.IsFinite(value), "finite and > 0", Owner); } = 1e4;

    /// <summary>What the steps count. Default: <see cref="ScheduleInterval.Step"/>.</summary>
    public ScheduleInterval Interval { get; init => field = OptionRanges.Defined(value, Owner); } = ScheduleInterval.Step;

    /// <inheritdoc/>
    internal override bool PerStep => Interval == ScheduleInterval.Step;

    /// <inheritdoc/>
    internal override void Check()
    {
        if (PercentStart * TotalSteps <= 1)
        {
            throw new ArgumentException(FormattableString.Invariant($"OneCycle.PercentStart ({PercentStart}) × OneCycle.TotalSteps ({TotalSteps}) must exceed 1, so that the rising phase has a step."), "options");
        }
    }

    /// <inheritdoc/>
    internal override double Rate(double baseRate, long index)
    {
        double initial = baseRate / DivFactor;
        double final = initial / FinalDivFactor;
        double peakStep = (PercentStart * TotalSteps) - 1;
        double lastStep = TotalSteps - 1;
        double i = Math.Min(index, lastStep);
        return i <= peakStep
            ? Anneal(initial, baseRate, i / peakStep)
            : Anneal(baseRate, final, (i - peakStep) / (lastStep - peakStep));
    }

    /// <summary>PyTorch's cosine annealing from <paramref name="start"/> to <paramref name="end"/> at fraction <paramref name="pct"/>.</summary>
    private static double Anneal(double start, double end, double pct) => end + ((start - end) / 2.0 * (Math.Cos(Math.PI * pct) + 1));
}
