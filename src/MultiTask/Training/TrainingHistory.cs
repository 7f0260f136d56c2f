namespace MultiTask.Training;

/// <summary>What happened during <c>MultiTaskTrainer.Fit</c>: one record per epoch, and the early-stopping outcome.</summary>
public sealed class TrainingHistory
{
    internal TrainingHistory(IReadOnlyList<EpochRecord> epochs, int? bestEpoch, bool stoppedEarly, bool restoredBestWeights)
    {
        Epochs = epochs;
        BestEpoch = bestEpoch;
        StoppedEarly = stoppedEarly;
        RestoredBestWeights = restoredBestWeights;
    }

    /// <summary>The epochs trained, in order.</summary>
    public IReadOnlyList<EpochRecord> Epochs { get; }

    /// <summary>The epoch with the best <see cref="TrainerOptions.Monitor"/>ed value so far in the run (it may come from an earlier <c>Fit</c> call); null without validation.</summary>
    public int? BestEpoch { get; }

    /// <summary>Whether training stopped before the planned number of epochs (early stopping or a callback).</summary>
    public bool StoppedEarly { get; }

    /// <summary>Whether a <see cref="TrainingCallback"/> requested the stop.</summary>
    public bool StoppedByCallback { get; init; }

    /// <summary>Per-step weights and gradient cosines, when <see cref="TrainerOptions.GradientDiagnostics"/> is <see cref="GradientDiagnostics.PerStep"/>; empty otherwise.</summary>
    public IReadOnlyList<StepRecord> Steps { get; init; } = [];

    /// <summary>Whether the model now holds the weights of <see cref="BestEpoch"/> rather than of the last epoch.</summary>
    public bool RestoredBestWeights { get; }
}
