namespace MultiTask.Interpretability;

/// <summary>Options of <see cref="TaskAffinity.Compute"/>.</summary>
public sealed class TaskAffinityOptions
{
    private const string Owner = nameof(TaskAffinityOptions);

    /// <summary>
    /// The learning rate η of the lookahead step θ_s − η∇_{θ_s}L_i (plain SGD on the shared parameters); use the
    /// training learning rate to measure what a training step does. Range: finite and &gt; 0. Default: 0.01.
    /// </summary>
    public double LearningRate { get; init => field = OptionRanges.Require(value, value > 0 && double.IsFinite(value), "finite and > 0", Owner); } = 0.01;

    /// <summary>Rows per batch; the affinity is averaged over the batches, taken in row order. Range: ≥ 1. Default: 256.</summary>
    public int BatchSize { get; init => field = OptionRanges.Require(value, value >= 1, "≥ 1", Owner); } = 256;
}
