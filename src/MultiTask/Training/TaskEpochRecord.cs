namespace MultiTask.Training;

/// <summary>One task's numbers for one epoch.</summary>
/// <param name="Task">The task name.</param>
/// <param name="TrainLoss">The task's masked mean loss over the epoch's training rows (NaN when no row had a label).</param>
/// <param name="ValidationLoss">The task's masked mean loss on the validation data after the epoch; null without validation.</param>
/// <param name="Weight">The task's weight in the training objective, averaged over the epoch's steps (constant for static weights).</param>
public sealed record TaskEpochRecord(string Task, double TrainLoss, double? ValidationLoss, double Weight);
