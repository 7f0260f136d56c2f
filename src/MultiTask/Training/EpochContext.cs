namespace MultiTask.Training;

/// <summary>What a <see cref="TrainingCallback"/> sees after an epoch.</summary>
public sealed class EpochContext
{
    internal EpochContext(MultiTaskTrainer trainer, EpochRecord record, int? bestEpoch)
    {
        Trainer = trainer;
        Record = record;
        BestEpoch = bestEpoch;
    }

    /// <summary>The trainer (for example to save a checkpoint).</summary>
    public MultiTaskTrainer Trainer { get; }

    /// <summary>The epoch's numbers.</summary>
    public EpochRecord Record { get; }

    /// <summary>The epoch with the best monitored value so far (this run, across <c>Fit</c> calls); null without validation.</summary>
    public int? BestEpoch { get; }

    /// <summary>Whether a stop was requested.</summary>
    public bool StopRequested { get; private set; }

    /// <summary>Stops training after this epoch; best weights are restored as usual.</summary>
    public void RequestStop() => StopRequested = true;
}
