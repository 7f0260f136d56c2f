namespace MultiTask.Training.Schedules;

/// <summary>How <see cref="ReduceOnPlateau.Threshold"/> defines an improvement (PyTorch's <c>threshold_mode</c>).</summary>
public enum PlateauThreshold
{
    /// <summary>"rel": better than best·(1 − threshold) when lower is better, best·(1 + threshold) when higher is better.</summary>
    Relative,

    /// <summary>"abs": better than best − threshold when lower is better, best + threshold when higher is better.</summary>
    Absolute,
}
