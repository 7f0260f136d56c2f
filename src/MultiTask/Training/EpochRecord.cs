namespace MultiTask.Training;

/// <summary>The numbers of one training epoch, reported as progress and kept in the <see cref="TrainingHistory"/>.</summary>
/// <param name="Epoch">The epoch number, from 1.</param>
/// <param name="TotalEpochs">The number of epochs planned.</param>
/// <param name="TrainLoss">The weighted training objective Σ wₜ·Lₜ over the epoch.</param>
/// <param name="ValidationLoss">The weighted validation objective after the epoch; null without validation.</param>
/// <param name="Tasks">Per-task numbers (losses, mean weight over the epoch's steps), in task order.</param>
/// <param name="Elapsed">The wall-clock time of the epoch, validation included.</param>
public sealed record EpochRecord(int Epoch, int TotalEpochs, double TrainLoss, double? ValidationLoss, IReadOnlyList<TaskEpochRecord> Tasks, TimeSpan Elapsed)
{
    /// <summary>
    /// The mean pairwise cosine similarity of the task gradients on the shared parameters during the epoch, [T][T],
    /// when <see cref="TrainerOptions.GradientDiagnostics"/> is on; null otherwise. Negative values mean conflicting tasks.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<double>>? GradientCosines { get; init; }

    /// <summary>The numbers of the named task.</summary>
    /// <param name="task">A task name.</param>
    public TaskEpochRecord this[string task] => Tasks.FirstOrDefault(t => t.Task == task)
        ?? throw new KeyNotFoundException($"Unknown task '{task}' in epoch {Epoch}.");
}
