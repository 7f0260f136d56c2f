namespace MultiTask.Training;

/// <summary>The numbers of one training epoch, reported as progress and kept in the <see cref="TrainingHistory"/>.</summary>
/// <param name="Epoch">The epoch number, from 1.</param>
/// <param name="TotalEpochs">The number of epochs planned.</param>
/// <param name="TrainLoss">
/// The training objective over the epoch: Σₜ Lₜ, the unweighted sum of the tasks' mean losses (each over the epoch's
/// labelled rows; a task without labels counts 0). The same definition for every weighting method: task weights
/// (static or learned) are not applied, so values are comparable across epochs, methods and runs.
/// </param>
/// <param name="ValidationLoss">
/// The validation objective after the epoch, with the same definition (Σₜ of the tasks' mean validation losses; a task
/// without validation labels counts 0); null without validation.
/// </param>
/// <param name="Tasks">Per-task numbers (losses, mean weight over the epoch's steps), in task order.</param>
/// <param name="Elapsed">The wall-clock time of the epoch, validation included.</param>
public sealed record EpochRecord(int Epoch, int TotalEpochs, double TrainLoss, double? ValidationLoss, IReadOnlyList<TaskEpochRecord> Tasks, TimeSpan Elapsed)
{
    /// <summary>
    /// The mean pairwise cosine similarity of the task gradients on the shared parameters during the epoch, [T][T],
    /// when <see cref="TrainerOptions.GradientDiagnostics"/> is on; null otherwise. Negative values mean conflicting tasks.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<double>>? GradientCosines { get; init; }

    /// <summary>The learning rate of the epoch's last step.</summary>
    public double LearningRate { get; init; }

    /// <summary>The value of <see cref="TrainerOptions.Monitor"/> after the epoch; null without validation.</summary>
    public double? MonitoredValue { get; init; }

    /// <summary>The numbers of the named task.</summary>
    /// <param name="task">A task name.</param>
    public TaskEpochRecord this[string task] => Tasks.FirstOrDefault(t => t.Task == task)
        ?? throw new KeyNotFoundException($"Unknown task '{task}' in epoch {Epoch}.");
}
