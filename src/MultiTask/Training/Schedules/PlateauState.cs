namespace MultiTask.Training.Schedules;

/// <summary>The run state of <see cref="ReduceOnPlateau"/>: the current rate, the best value (null before the first epoch: PyTorch's ±∞), the epochs without improvement and the remaining cool-down.</summary>
internal readonly record struct PlateauState(double Rate, double? Best, int BadEpochs, int Cooldown)
{
    /// <summary>The state at the start of a run with base rate <paramref name="rate"/>.</summary>
    internal static PlateauState Start(double rate) => new(rate, null, 0, 0);
}
