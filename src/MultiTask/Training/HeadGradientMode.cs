namespace MultiTask.Training;

/// <summary>What gradient each task's head receives when a gradient-based weighting method is used.</summary>
public enum HeadGradientMode
{
    /// <summary>Its own task's unweighted gradient, as LibMTL and torchjd do. The default.</summary>
    Unweighted,

    /// <summary>Its own task's gradient scaled by the task's weight at this step.</summary>
    Weighted,
}
